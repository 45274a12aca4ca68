#include "app/people_service.h"

#include <gtest/gtest.h>

#include <thread>

#include "app/test_store.h"

namespace selfdirect::app {
namespace {

class PeopleServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db_.store()
                    .Write(db_.council(),
                           [&](Transaction& tx) -> Status {
                             SD_ASSIGN_OR_RETURN(north_, tx.teams().Insert("North"));
                             SD_ASSIGN_OR_RETURN(south_, tx.teams().Insert("South"));
                             return OkStatus();
                           })
                    .ok());
    ctx_ = CallContext{db_.council(), "127.0.0.1"};
  }

  Principal As(domain::Role role, TeamId team = TeamId{}, PersonId own = PersonId{}) {
    Principal p;
    p.user.id = UserId{1000 + static_cast<int>(role)};
    p.user.role = role;
    p.actor = domain::Actor{p.user.id, role, team, own, {}};
    return p;
  }

  domain::PersonInput Input(const std::string& family) {
    return domain::PersonInput{"Pat", family, "1960-01-31", "HR1 2AB", "", "mental_health", ""};
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-11-22T09:00:00Z")};
  AuditTrail audit_{db_.store()};
  PeopleService people_{db_.store(), clock_, audit_};
  CallContext ctx_;
  TeamId north_, south_;
};

TEST_F(PeopleServiceTest, PractitionersCreateInTheirTeamAndSeeOnlyTheirTeam) {
  auto north_worker = As(domain::Role::kPractitioner, north_);
  auto south_worker = As(domain::Role::kPractitioner, south_);
  auto a = people_.Create(ctx_, north_worker, Input("Northman"), std::nullopt);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->team_id, north_);
  ASSERT_TRUE(people_.Create(ctx_, south_worker, Input("Southman"), std::nullopt).ok());

  auto north_list = people_.Search(ctx_, north_worker, "", 1, 25);
  ASSERT_TRUE(north_list.ok());
  ASSERT_EQ(north_list->total, 1);
  EXPECT_EQ(north_list->items[0].details.family_name, "Northman");

  EXPECT_TRUE(people_.Get(ctx_, north_worker, a->id).ok());
  auto refused = people_.Get(ctx_, south_worker, a->id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);

  // Creating into another team is refused.
  auto cross = people_.Create(ctx_, north_worker, Input("Elsewhere"), south_);
  ASSERT_FALSE(cross.ok());
  EXPECT_EQ(cross.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(PeopleServiceTest, EveryReadAndWriteIsAudited) {
  auto worker = As(domain::Role::kPractitioner, north_);
  auto other = As(domain::Role::kPractitioner, south_);
  auto p = *people_.Create(ctx_, worker, Input("Audited"), std::nullopt);
  (void)people_.Get(ctx_, worker, p.id);
  (void)people_.Get(ctx_, other, p.id);
  (void)people_.Search(ctx_, worker, "aud", 1, 25);
  ASSERT_TRUE(audit_.Flush().ok());
  EXPECT_EQ(audit_.written(), 3);
  std::vector<AuditEntry> entries;
  ASSERT_TRUE(db_.store()
                  .Read(db_.council(),
                        [&](Transaction& tx) -> Status {
                          SD_ASSIGN_OR_RETURN(entries, tx.audit().Recent(10, "", ""));
                          return OkStatus();
                        })
                  .ok());
  std::vector<std::string> actions;
  for (const auto& e : entries) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"people.search", "person.view_refused",
                                               "person.view", "person.create"}));
  EXPECT_EQ(entries[1].actor_user_id, other.user.id);
  EXPECT_EQ(entries[1].record_id, p.id.ToString());
}

TEST_F(PeopleServiceTest, InvalidInputChangesNothing) {
  auto worker = As(domain::Role::kPractitioner, north_);
  auto in = Input("");
  in.date_of_birth = "31/01/1960";
  auto r = people_.Create(ctx_, worker, in, std::nullopt);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().fields.size(), 2u);
  EXPECT_EQ(people_.Search(ctx_, worker, "", 1, 25)->total, 0);
}

TEST_F(PeopleServiceTest, RolesWithoutCaseworkCannotListOrCreate) {
  for (auto role : {domain::Role::kAnalyst, domain::Role::kBudgetHolder,
                    domain::Role::kPersonalAssistant, domain::Role::kDirectoryEditor}) {
    auto who = As(role, north_);
    EXPECT_EQ(people_.Search(ctx_, who, "", 1, 25).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(people_.Create(ctx_, who, Input("X"), std::nullopt).error().code,
              ErrorCode::kPermissionDenied);
  }
}

TEST_F(PeopleServiceTest, BudgetHoldersSeeThemselvesOnly) {
  auto worker = As(domain::Role::kPractitioner, north_);
  auto me = *people_.Create(ctx_, worker, Input("Me"), std::nullopt);
  auto them = *people_.Create(ctx_, worker, Input("Them"), std::nullopt);
  auto holder = As(domain::Role::kBudgetHolder, TeamId{}, me.id);
  EXPECT_TRUE(people_.Get(ctx_, holder, me.id).ok());
  EXPECT_EQ(people_.Get(ctx_, holder, them.id).error().code, ErrorCode::kNotFound);
}

TEST_F(PeopleServiceTest, ThePersonFileIsOneReadWithOneAuditEntry) {
  auto worker = As(domain::Role::kPractitioner, north_);
  auto p = *people_.Create(ctx_, worker, Input("Filed"), std::nullopt);
  ASSERT_TRUE(db_.store()
                  .Write(db_.council(),
                         [&](Transaction& tx) -> Status {
                           FinancialAssessmentRecord a;
                           a.person_id = p.id;
                           a.assessment_date = *Date::Parse("2026-10-01");
                           a.input_json = "{}";
                           a.evidence_json = "{}";
                           a.rates_id = "england-2026-27";
                           a.created_at = clock_.Now();
                           a.status = FinancialAssessmentStatus::kCompleted;
                           a.weekly_charge = Pence::FromPence(4500);
                           SD_RETURN_IF_ERROR(tx.financial_assessments().Insert(a));
                           a.status = FinancialAssessmentStatus::kDraft;
                           a.weekly_charge = Pence::FromPence(6000);
                           SD_RETURN_IF_ERROR(tx.financial_assessments().Insert(a));
                           ChargingEstimateRecord e;
                           e.person_id = p.id;
                           e.input_json = "{}";
                           e.rates_id = "england-2026-27";
                           e.created_at = clock_.Now();
                           SD_RETURN_IF_ERROR(tx.charging_estimates().Insert(e));
                           return OkStatus();
                         })
                  .ok());
  ASSERT_TRUE(audit_.Flush().ok());
  const int64_t before = audit_.written();

  auto seen = people_.File(ctx_, worker, p.id);
  ASSERT_TRUE(seen.ok()) << seen.error().message;
  EXPECT_EQ(seen->person.id, p.id);
  ASSERT_EQ(seen->charges.size(), 1u);  // A practitioner sees the completed assessment only.
  EXPECT_EQ(seen->charges[0].weekly_charge, Pence::FromPence(4500));
  EXPECT_EQ(seen->estimates.size(), 1u);
  EXPECT_FALSE(seen->budget.has_value());
  auto finance = people_.File(ctx_, As(domain::Role::kFinanceOfficer), p.id);
  ASSERT_TRUE(finance.ok());
  EXPECT_EQ(finance->charges.size(), 2u);  // Finance sees the draft too.
  EXPECT_EQ(people_.File(ctx_, As(domain::Role::kPractitioner, south_), p.id).error().code,
            ErrorCode::kNotFound);

  ASSERT_TRUE(audit_.Flush().ok());
  EXPECT_EQ(audit_.written() - before, 3);  // One entry per page view, refusals included.
  std::vector<AuditEntry> entries;
  ASSERT_TRUE(db_.store()
                  .Read(db_.council(),
                        [&](Transaction& tx) -> Status {
                          SD_ASSIGN_OR_RETURN(entries, tx.audit().Recent(3, "", ""));
                          return OkStatus();
                        })
                  .ok());
  std::vector<std::string> actions;
  for (const auto& e : entries) actions.push_back(e.action);
  EXPECT_EQ(actions,
            (std::vector<std::string>{"person.view_refused", "person.view", "person.view"}));
}

TEST_F(PeopleServiceTest, PagingAndSearchLimitsAreFieldErrors) {
  auto worker = As(domain::Role::kPractitioner, north_);
  auto r = people_.Search(ctx_, worker, std::string(101, 'a'), 0, 1000);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.size(), 3u);
}

TEST_F(PeopleServiceTest, AdministratorsMustNameAKnownTeam) {
  auto admin = As(domain::Role::kAdministrator);
  EXPECT_EQ(people_.Create(ctx_, admin, Input("A"), std::nullopt).error().fields.at(0).field,
            "team_id");
  EXPECT_EQ(people_.Create(ctx_, admin, Input("A"), TeamId{99999}).error().fields.at(0).field,
            "team_id");
  EXPECT_TRUE(people_.Create(ctx_, admin, Input("A"), south_).ok());
}

}  // namespace
}  // namespace selfdirect::app

namespace selfdirect::app {
namespace {

TEST(AuditTrail, WritesQueuedEntriesWithinTheIntervalAndOnShutdown) {
  testing::TestCouncil db;
  auto count = [&] {
    size_t n = 0;
    EXPECT_TRUE(db.store()
                    .Read(db.council(),
                          [&](Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(auto entries, tx.audit().Recent(1000, "", ""));
                            n = entries.size();
                            return OkStatus();
                          })
                    .ok());
    return n;
  };
  const Timestamp now = *Timestamp::Parse("2026-11-22T09:00:00Z");
  {
    AuditTrail trail(db.store(), AuditTrailOptions{.flush_interval_ms = 5, .max_queued = 100});
    for (int i = 0; i < 50; ++i) {
      trail.Record(db.council(),
                   AuditEntry{now, UserId{}, "person.view", "person", std::to_string(i), "", ""});
    }
    for (int wait = 0; wait < 200 && count() < 50; ++wait)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(count(), 50u);
    for (int i = 0; i < 10; ++i) {
      trail.Record(db.council(), AuditEntry{now, UserId{}, "person.view", "person", "x", "", ""});
    }
  }  // The destructor flushes what is left.
  EXPECT_EQ(count(), 60u);
}

TEST(AuditTrail, AFullQueueWritesAtOnceInsteadOfDropping) {
  testing::TestCouncil db;
  AuditTrail trail(db.store(), AuditTrailOptions{.flush_interval_ms = 60'000, .max_queued = 3});
  const Timestamp now = *Timestamp::Parse("2026-11-22T09:00:00Z");
  for (int i = 0; i < 5; ++i) {
    trail.Record(db.council(),
                 AuditEntry{now, UserId{}, "person.view", "person", std::to_string(i), "", ""});
  }
  size_t stored = 0;
  ASSERT_TRUE(db.store()
                  .Read(db.council(),
                        [&](Transaction& tx) -> Status {
                          SD_ASSIGN_OR_RETURN(auto entries, tx.audit().Recent(100, "", ""));
                          stored = entries.size();
                          return OkStatus();
                        })
                  .ok());
  EXPECT_EQ(stored, 2u);  // Two overflowed and were written at once; three wait in the queue.
  ASSERT_TRUE(trail.Flush().ok());
  EXPECT_EQ(trail.written(), 3);
}

}  // namespace
}  // namespace selfdirect::app
