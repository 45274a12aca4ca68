// PA vacancies through the use cases on a real database: the person's side advertises from the
// plan, a PA whose travel reaches it applies once, the person's side invites them to talk (which
// makes an agreed contact, so the PA can be employed), refusals change nothing and are audited.
#include "app/pa/pa_vacancies.h"

#include <gtest/gtest.h>

#include "app/test_store.h"

namespace selfdirect::app {
namespace {

using domain::Role;

class PaVacancyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    teams_ = testing::AddTwoTeamsAndAPerson(db_.store(), db_.council(), clock_.Now());
    ctx_ = CallContext{db_.council(), "127.0.0.1"};
    ASSERT_TRUE(
        db_.store()
            .Write(
                db_.council(),
                [&](Transaction& tx) -> Status {
                  SD_RETURN_IF_ERROR(tx.postcodes().Put({{"HR1 2AB", {52'056'500, -2'716'000}},
                                                         {"HR9 9ZZ", {51'900'000, -2'580'000}}}));
                  SD_RETURN_IF_ERROR(SetPostcode(tx, "HR1 2AB"));
                  SD_ASSIGN_OR_RETURN(near_user_, AddUser(tx, "near@example.org"));
                  SD_ASSIGN_OR_RETURN(far_user_, AddUser(tx, "far@example.org"));
                  SD_ASSIGN_OR_RETURN(near_, AddProfile(tx, near_user_, {52'060'000, -2'720'000}));
                  SD_ASSIGN_OR_RETURN(far_, AddProfile(tx, far_user_, {51'900'000, -2'580'000}));
                  return OkStatus();
                })
            .ok());
  }

  Status SetPostcode(Transaction& tx, const std::string& postcode) {
    SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(teams_.person));
    if (!person.has_value()) return Error::NotFound("No test person");
    domain::PersonDetails d = person.value().details;
    d.postcode = postcode.empty() ? std::nullopt : std::optional<std::string>(postcode);
    return tx.people().Update(teams_.person, d, clock_.Now());
  }

  Result<UserId> AddUser(Transaction& tx, const std::string& email) {
    UserRecord u{UserId{}, email,      email, Role::kPersonalAssistant,
                 TeamId{}, PersonId{}, "!",   false};
    return tx.users().Insert(u, clock_.Now());
  }

  Result<PaProfileId> AddProfile(Transaction& tx, UserId user, domain::GeoPoint home) {
    PaProfileRecord p;
    p.user_id = user;
    p.postcode = "HR1 2AB";
    p.profile.first_name = "Robin";
    p.profile.home = home;
    p.profile.travel_miles = 5;
    p.profile.hourly_rate = Pence::FromPence(1300);
    p.profile.availability = domain::pa::SlotBit(Weekday::kSaturday, domain::pa::DayPart::kMorning);
    p.profile.skills = {"going_out"};
    p.created_at = p.updated_at = clock_.Now();
    return tx.pas().InsertProfile(p);
  }

  Principal Holder() { return testing::PrincipalAs(Role::kBudgetHolder, {}, teams_.person); }
  Principal Stranger() { return testing::PrincipalAs(Role::kBudgetHolder, {}, PersonId{999}); }
  Principal Pa(UserId id) {
    Principal p = testing::PrincipalAs(Role::kPersonalAssistant);
    p.user.id = p.actor.user_id = id;
    return p;
  }

  VacancyInput Input() {
    VacancyInput in;
    in.person = teams_.person;
    in.title = "A PA for Saturday walks";
    in.about = "Walks by the river and lunch out";
    in.slots = domain::pa::SlotBit(Weekday::kSaturday, domain::pa::DayPart::kMorning);
    in.hours = "6";
    in.hourly_rate = "14.50";
    in.skills = {"going_out"};
    in.closes_on = "2026-12-20";
    return in;
  }

  size_t Count(PersonId person) {
    auto list = service_.ForPerson(ctx_, Holder(), person);
    return list.ok() ? list->size() : 999;
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-12-06T09:00:00Z")};
  AuditTrail audit_{db_.store()};
  PaVacancyService service_{db_.store(), clock_, audit_};
  CallContext ctx_;
  testing::TwoTeams teams_;
  UserId near_user_, far_user_;
  PaProfileId near_, far_;
};

TEST_F(PaVacancyTest, AdvertiseApplyInviteAndTheContactIsAgreed) {
  auto id = service_.Advertise(ctx_, Holder(), Input());
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto board = service_.Board(ctx_, Pa(near_user_));
  ASSERT_TRUE(board.ok());
  ASSERT_EQ(board->matches.size(), 1u);
  EXPECT_EQ(board->matches[0].record.vacancy.area, "HR1");
  EXPECT_EQ(board->matches[0].reasons[0], "You are free at the time it asks");
  auto far = service_.Board(ctx_, Pa(far_user_));
  ASSERT_TRUE(far.ok());
  EXPECT_TRUE(far->matches.empty());  // About 12 miles away; they travel 5.
  auto pa_view = service_.View(ctx_, Pa(near_user_), *id);
  ASSERT_TRUE(pa_view.ok());
  EXPECT_FALSE(pa_view->person_side);
  EXPECT_TRUE(pa_view->person_name.empty());
  auto applied = service_.Apply(ctx_, Pa(near_user_), *id, "I love walking");
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_EQ(service_.Apply(ctx_, Pa(near_user_), *id, "Again").error().code,
            ErrorCode::kAlreadyExists);
  auto view = service_.View(ctx_, Holder(), *id);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->applications.size(), 1u);
  EXPECT_EQ(view->applications[0].pa.profile.first_name, "Robin");
  EXPECT_TRUE(view->applications[0].pa_email.empty());  // Not until invited.
  ASSERT_TRUE(service_.Answer(ctx_, Holder(), *applied, true).ok());
  EXPECT_EQ(service_.Answer(ctx_, Holder(), *applied, false).error().code,
            ErrorCode::kFailedPrecondition);
  view = service_.View(ctx_, Holder(), *id);
  EXPECT_EQ(view->applications[0].pa_email, "near@example.org");
  std::vector<PaContactRecord> contacts;
  ASSERT_TRUE(db_.store()
                  .Read(db_.council(),
                        [&](Transaction& tx) -> Status {
                          SD_ASSIGN_OR_RETURN(contacts, tx.pas().ContactsOfPerson(teams_.person));
                          return OkStatus();
                        })
                  .ok());
  ASSERT_EQ(contacts.size(), 1u);
  EXPECT_EQ(contacts[0].pa, near_);
  EXPECT_EQ(contacts[0].status, PaContactStatus::kAgreed);
  ASSERT_TRUE(service_.Close(ctx_, Holder(), *id, true).ok());
  EXPECT_EQ(service_.Close(ctx_, Holder(), *id, false).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(service_.View(ctx_, Pa(near_user_), *id)->mine->status, PaApplicationStatus::kInvited);
  EXPECT_TRUE(service_.Board(ctx_, Pa(near_user_))->matches.empty());
  EXPECT_EQ(service_.Board(ctx_, Pa(near_user_))->applications.size(), 1u);
}

TEST_F(PaVacancyTest, RefusalsChangeNothingAndAreAudited) {
  VacancyInput bad = Input();
  bad.title.clear();
  bad.hours = "none";
  bad.closes_on = "2026-12-06";
  auto refused = service_.Advertise(ctx_, Holder(), bad);
  ASSERT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& f : refused.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"title", "hours", "closes_on"}));
  EXPECT_EQ(service_.Advertise(ctx_, Stranger(), Input()).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Count(teams_.person), 0u);
  auto id = service_.Advertise(ctx_, Holder(), Input());
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(service_.View(ctx_, Stranger(), *id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_.Apply(ctx_, Pa(near_user_), *id, "").error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_.Apply(ctx_, Holder(), *id, "Me").error().code, ErrorCode::kPermissionDenied);
  // A PA the advert does not reach (12 miles; they travel 5) can neither read it nor apply.
  EXPECT_EQ(service_.View(ctx_, Pa(far_user_), *id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_.Apply(ctx_, Pa(far_user_), *id, "Me").error().code, ErrorCode::kNotFound);
  auto applied = service_.Apply(ctx_, Pa(near_user_), *id, "Please");
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(service_.Answer(ctx_, Stranger(), *applied, true).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_.Withdraw(ctx_, Pa(far_user_), *applied).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(service_.Withdraw(ctx_, Pa(near_user_), *applied).ok());
  EXPECT_EQ(service_.Answer(ctx_, Holder(), *applied, true).error().code,
            ErrorCode::kFailedPrecondition);
  clock_.AdvanceSeconds(15 * 86400);  // 21 December: the advert closed on the 20th.
  EXPECT_EQ(service_.Apply(ctx_, Pa(far_user_), *id, "Late").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_.View(ctx_, Pa(far_user_), *id).error().code, ErrorCode::kNotFound);
  auto actions =
      testing::AuditActions(db_.store(), audit_, db_.council(), "person", teams_.person.ToString());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "pa.vacancy.advertise"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "pa.vacancy.advertise_refused"),
            actions.end());
  auto refusals = testing::AuditActions(db_.store(), audit_, db_.council(), "pa_vacancy");
  EXPECT_NE(std::find(refusals.begin(), refusals.end(), "pa.vacancy.apply_refused"),
            refusals.end());
}

TEST_F(PaVacancyTest, AnAdvertNeedsThePersonsPostcode) {
  ASSERT_TRUE(
      db_.store()
          .Write(db_.council(), [&](Transaction& tx) -> Status { return SetPostcode(tx, ""); })
          .ok());
  EXPECT_EQ(service_.Advertise(ctx_, Holder(), Input()).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Count(teams_.person), 0u);
}

}  // namespace
}  // namespace selfdirect::app
