// The personal assistants' repository on both databases: a profile round-trips, one a user, found
// by its latitude band when listed; a change of checks clears the verification; a contact request
// is answered once; another council sees none of it.
#include <gtest/gtest.h>

#include "storage/contract_fixture.h"

namespace selfdirect::storage {
namespace {

class PaContract : public RepositoryContract {
 protected:
  UserId AddUser(CouncilId council, const std::string& email, domain::Role role) {
    UserId id;
    app::UserRecord u;
    u.email = email;
    u.display_name = email;
    u.role = role;
    u.password_hash = "x";
    EXPECT_TRUE(store_
                    ->Write(council,
                            [&](app::Transaction& tx) -> Status {
                              SD_ASSIGN_OR_RETURN(id, tx.users().Insert(u, kNow));
                              return OkStatus();
                            })
                    .ok());
    return id;
  }

  app::PaProfileRecord Profile(UserId user) {
    app::PaProfileRecord p;
    p.user_id = user;
    p.postcode = "HR1 2AB";
    p.profile.first_name = "Sam";
    p.profile.home = {52'056'500, -2'716'000};
    p.profile.travel_miles = 8;
    p.profile.hourly_rate = *Pence::Parse("14.50");
    p.profile.availability = 0b101;
    p.profile.skills = {"personal_care", "driving"};
    p.profile.interests = {"Gardening"};
    p.profile.languages = {"English", "Polish"};
    p.profile.about = "Ten years caring for my grandmother.";
    p.checks = {"enhanced", Date::Parse("2025-01-10").value(), Date::Parse("2028-01-01").value(),
                std::nullopt, std::nullopt};
    p.created_at = p.updated_at = kNow;
    return p;
  }

  template <typename F>
  Status Write(F&& f) {
    return store_->Write(council_, [&](app::Transaction& tx) -> Status { return f(tx.pas()); });
  }
};

TEST_P(PaContract, AProfileRoundTripsAndMovesTheFinderVersionOn) {
  UserId pa = AddUser(council_, "sam@example.org", domain::Role::kPersonalAssistant);
  PaProfileId id;
  ASSERT_TRUE(Write([&](app::PaRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(id, r.InsertProfile(Profile(pa)));
                return OkStatus();
              }).ok());
  auto again = Write([&](app::PaRepository& r) -> Status {
    SD_ASSIGN_OR_RETURN(auto ignored, r.InsertProfile(Profile(pa)));
    (void)ignored;
    return OkStatus();
  });
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  std::optional<app::PaProfileRecord> got;
  std::vector<app::PaProfileRecord> band, other;
  int64_t version = 0, other_version = 0;
  ASSERT_TRUE(store_
                  ->Read(council_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(got, tx.pas().ProfileOfUser(pa));
                           SD_ASSIGN_OR_RETURN(band, tx.pas().Listed());
                           SD_ASSIGN_OR_RETURN(version, tx.pas().FinderVersion());
                           return OkStatus();
                         })
                  .ok());
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, id);
  EXPECT_EQ(got->profile.area, "HR1");
  EXPECT_EQ(got->profile.skills, (std::vector<std::string>{"personal_care", "driving"}));
  EXPECT_EQ(got->profile.languages.size(), 2u);
  EXPECT_EQ(got->profile.hourly_rate, *Pence::Parse("14.50"));
  EXPECT_EQ(got->profile.availability, 0b101u);
  EXPECT_EQ(got->checks.dbs_level, "enhanced");
  EXPECT_EQ(got->checks.right_to_work_until, Date::Parse("2028-01-01").value());
  EXPECT_FALSE(got->checks.training_until);
  EXPECT_FALSE(got->profile.verified);
  EXPECT_EQ(band.size(), 1u);
  EXPECT_EQ(version, 1);  // The insert moved it on; the refused second insert did not.
  ASSERT_TRUE(store_
                  ->Read(other_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(other, tx.pas().Listed());
                           SD_ASSIGN_OR_RETURN(other_version, tx.pas().FinderVersion());
                           return OkStatus();
                         })
                  .ok());
  EXPECT_TRUE(other.empty());
  EXPECT_EQ(other_version, 0);
}

TEST_P(PaContract, ChangingTheChecksClearsTheVerification) {
  UserId pa = AddUser(council_, "ali@example.org", domain::Role::kPersonalAssistant);
  UserId officer = AddUser(council_, "officer@example.org", domain::Role::kPractitioner);
  app::PaProfileRecord p = Profile(pa);
  ASSERT_TRUE(Write([&](app::PaRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(p.id, r.InsertProfile(p));
                SD_RETURN_IF_ERROR(r.Verify(p.id, officer, kNow, "Test Council"));
                p.profile.about = "Now with more to say.";
                return r.UpdateProfile(p);  // Same checks: still verified.
              }).ok());
  std::optional<app::PaProfileRecord> got;
  auto read = [&] {
    ASSERT_TRUE(store_
                    ->Read(council_,
                           [&](app::Transaction& tx) -> Status {
                             SD_ASSIGN_OR_RETURN(got, tx.pas().FindProfile(p.id));
                             return OkStatus();
                           })
                    .ok());
  };
  read();
  EXPECT_TRUE(got->profile.verified);
  EXPECT_EQ(got->verifier, "Test Council");
  int64_t version = 0;
  ASSERT_TRUE(store_
                  ->Read(council_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(version, tx.pas().FinderVersion());
                           return OkStatus();
                         })
                  .ok());
  EXPECT_EQ(version, 3);  // Insert, verify, update.
  p.checks.training_until = Date::Parse("2027-06-30").value();
  ASSERT_TRUE(Write([&](app::PaRepository& r) { return r.UpdateProfile(p); }).ok());
  read();
  EXPECT_FALSE(got->profile.verified);
  EXPECT_EQ(got->profile.about, "Now with more to say.");
}

TEST_P(PaContract, AContactIsAnsweredOnce) {
  UserId pa = AddUser(council_, "kim@example.org", domain::Role::kPersonalAssistant);
  UserId asker = AddUser(council_, "holder@example.org", domain::Role::kBudgetHolder);
  PersonId person = AddPerson(council_, team_, Person("Pat", "Jones"));
  PaProfileId pa_id;
  PaContactId contact;
  ASSERT_TRUE(Write([&](app::PaRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(pa_id, r.InsertProfile(Profile(pa)));
                SD_ASSIGN_OR_RETURN(
                    contact, r.InsertContact(
                                 {PaContactId{}, pa_id, person, asker, "Mornings?", {}, kNow, {}}));
                return r.AnswerContact(contact, app::PaContactStatus::kAgreed, kNow);
              }).ok());
  auto twice = Write([&](app::PaRepository& r) {
    return r.AnswerContact(contact, app::PaContactStatus::kDeclined, kNow);
  });
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
  std::vector<app::PaContactRecord> of_pa, of_person;
  ASSERT_TRUE(store_
                  ->Read(council_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(of_pa, tx.pas().ContactsOfPa(pa_id));
                           SD_ASSIGN_OR_RETURN(of_person, tx.pas().ContactsOfPerson(person));
                           return OkStatus();
                         })
                  .ok());
  ASSERT_EQ(of_pa.size(), 1u);
  EXPECT_EQ(of_pa[0].status, app::PaContactStatus::kAgreed);
  EXPECT_EQ(of_pa[0].message, "Mornings?");
  EXPECT_TRUE(of_pa[0].answered_at);
  EXPECT_EQ(of_person.size(), 1u);
}

TEST_P(PaContract, AVacancyRoundTripsTakesOneApplicationAPaAndIsClosedOnce) {
  UserId pa = AddUser(council_, "lee@example.org", domain::Role::kPersonalAssistant);
  UserId asker = AddUser(council_, "holder2@example.org", domain::Role::kBudgetHolder);
  PersonId person = AddPerson(council_, team_, Person("Pat", "Jones"));
  app::PaVacancyRecord v;
  v.person = person;
  v.vacancy.title = "A PA for Saturday walks";
  v.vacancy.about = "Walks and lunch";
  v.vacancy.plan_line = "Personal assistant";
  v.vacancy.area = "HR1";
  v.vacancy.place = {52'060'000, -2'720'000};
  v.vacancy.slots = 0b1000;
  v.vacancy.hours_per_week = 6;
  v.vacancy.hourly_rate = *Pence::Parse("14.50");
  v.vacancy.skills = {"going_out", "driving"};
  v.vacancy.interests = {"gardening"};
  v.vacancy.language = "Welsh";
  v.vacancy.closes_on = *Date::Parse("2026-12-10");
  v.created_by = asker;
  v.created_at = kNow;
  PaProfileId pa_id;
  PaVacancyId id;
  PaApplicationId application;
  PaContactId contact;
  ASSERT_TRUE(
      Write([&](app::PaRepository& r) -> Status {
        SD_ASSIGN_OR_RETURN(pa_id, r.InsertProfile(Profile(pa)));
        SD_ASSIGN_OR_RETURN(id, r.InsertVacancy(v));
        SD_ASSIGN_OR_RETURN(application, r.InsertApplication({{}, id, pa_id, "I drive", {}, kNow}));
        SD_ASSIGN_OR_RETURN(contact,
                            r.InsertContact({{}, pa_id, person, asker, "Hi", {}, kNow, {}}));
        return r.AnswerApplication(application, app::PaApplicationStatus::kInvited, kNow, asker,
                                   contact);
      }).ok());
  auto again = Write([&](app::PaRepository& r) -> Status {
    return StatusOf(r.InsertApplication({{}, id, pa_id, "Again", {}, kNow}));
  });
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  auto answer_twice = Write([&](app::PaRepository& r) {
    return r.AnswerApplication(application, app::PaApplicationStatus::kDeclined, kNow, asker,
                               std::nullopt);
  });
  EXPECT_EQ(answer_twice.error().code, ErrorCode::kFailedPrecondition);
  std::optional<app::PaVacancyRecord> got;
  std::vector<app::PaVacancyRecord> open_on_closing_day, open_after;
  std::vector<app::PaApplicationRecord> of_pa;
  auto read = [&] {
    return store_->Read(council_, [&](app::Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(got, tx.pas().FindVacancy(id));
      SD_ASSIGN_OR_RETURN(open_on_closing_day, tx.pas().OpenVacancies(*Date::Parse("2026-12-10")));
      SD_ASSIGN_OR_RETURN(open_after, tx.pas().OpenVacancies(*Date::Parse("2026-12-11")));
      SD_ASSIGN_OR_RETURN(of_pa, tx.pas().ApplicationsOfPa(pa_id));
      return OkStatus();
    });
  };
  ASSERT_TRUE(read().ok());
  ASSERT_TRUE(got);
  EXPECT_EQ(got->vacancy.title, v.vacancy.title);
  EXPECT_EQ(got->vacancy.place.latitude_e6, 52'060'000);
  EXPECT_EQ(got->vacancy.skills, v.vacancy.skills);
  EXPECT_EQ(got->vacancy.interests, v.vacancy.interests);
  EXPECT_EQ(got->vacancy.closes_on, v.vacancy.closes_on);
  EXPECT_EQ(got->vacancy.hourly_rate.pence(), 1450);
  EXPECT_EQ(got->vacancy.slots, 0b1000u);
  EXPECT_TRUE(got->vacancy.open);
  EXPECT_EQ(open_on_closing_day.size(), 1u);
  EXPECT_TRUE(open_after.empty());
  ASSERT_EQ(of_pa.size(), 1u);
  EXPECT_EQ(of_pa[0].status, app::PaApplicationStatus::kInvited);
  EXPECT_EQ(of_pa[0].contact, contact);
  EXPECT_EQ(of_pa[0].answered_by, asker);
  ASSERT_TRUE(Write([&](app::PaRepository& r) {
                return r.CloseVacancy(id, app::PaVacancyStatus::kFilled, kNow);
              }).ok());
  auto close_twice = Write([&](app::PaRepository& r) {
    return r.CloseVacancy(id, app::PaVacancyStatus::kWithdrawn, kNow);
  });
  EXPECT_EQ(close_twice.error().code, ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(read().ok());
  EXPECT_EQ(got->status, app::PaVacancyStatus::kFilled);
  EXPECT_FALSE(got->vacancy.open);
  EXPECT_TRUE(open_on_closing_day.empty());
  std::optional<app::PaVacancyRecord> elsewhere;
  ASSERT_TRUE(store_
                  ->Read(other_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(elsewhere, tx.pas().FindVacancy(id));
                           return OkStatus();
                         })
                  .ok());
  EXPECT_FALSE(elsewhere);
}

INSTANTIATE_TEST_SUITE_P(Adapters, PaContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace selfdirect::storage
