#include "app/outcomes/ascof_service.h"

#include <gtest/gtest.h>

#include "app/test_store.h"

namespace selfdirect::app {
namespace {

using domain::Role;

class AscofServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    teams_ = testing::AddTwoTeamsAndAPerson(db_.store(), db_.council(), clock_.Now());
    ASSERT_TRUE(AddPerson("1960-05-01", "9434765919", "direct_payment_only", "2026-10-01").ok());
    ASSERT_TRUE(AddPerson("1950-05-01", "", "council_managed_budget", "2026-10-02").ok());
    ASSERT_TRUE(AddPerson("1970-05-01", "", "council_commissioned_only", "2026-10-03").ok());
    ASSERT_TRUE(AddPerson("2012-05-01", "", "direct_payment_only", "2026-10-04").ok());  // A child.
    ASSERT_TRUE(AddPerson("1980-05-01", "", "", "").ok());  // Not agreed yet.
  }

  Status AddPerson(const char* born, const char* nhs, const std::string& category,
                   const std::string& agreed) {
    return db_.store().Write(db_.council(), [&](Transaction& tx) -> Status {
      domain::PersonDetails d;
      d.given_name = "Test";
      d.family_name = "Person";
      d.date_of_birth = *Date::Parse(born);
      if (*nhs) d.nhs_number = nhs;
      SD_ASSIGN_OR_RETURN(PersonId person, tx.people().Insert(d, teams_.north, clock_.Now()));
      SupportPlanRecord plan;
      plan.person_id = person;
      plan.team_id = teams_.north;
      plan.client_group = "physical_support";
      plan.created_at = plan.updated_at = clock_.Now();
      if (!agreed.empty()) {
        plan.status = domain::PlanStatus::kApproved;
        plan.approved_version = 1;
        plan.return_category = category;
        plan.decided_at = *Timestamp::Parse(agreed + "T10:00:00Z");
      }
      SupportPlanVersion v;
      v.content_json = "{}";
      v.changed_at = clock_.Now();
      SD_ASSIGN_OR_RETURN(plan.id, tx.support_plans().Insert(plan, v));
      return tx.support_plans().Update(plan);
    });
  }

  Principal As(Role role) { return testing::PrincipalAs(role); }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-12-04T09:00:00Z")};
  AuditTrail audit_{db_.store()};
  AscofService service_{db_.store(), clock_, audit_};
  CallContext ctx_{db_.council(), "127.0.0.1"};
  testing::TwoTeams teams_;
};

TEST_F(AscofServiceTest, MeasuresAdultsWithAnAgreedPlanOnTheDay) {
  auto r = service_.SelfDirectedSupport(ctx_, As(Role::kAnalyst), *Date::Parse("2026-12-01"), true);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->measure.people, 3);
  EXPECT_EQ(r->measure.self_directed, 2);
  EXPECT_EQ(r->measure.direct_payments, 1);
  ASSERT_EQ(r->clients.size(),
            4u);  // The extract lists the child too: the measure leaves them out.
  const std::string csv = ClientExtractCsv(r->clients);
  EXPECT_EQ(csv.substr(0, csv.find('\r')),
            "reference,nhs_number,date_of_birth,client_group,delivery_mechanism,agreed_on");
  EXPECT_NE(csv.find(",9434765919,1960-05-01,physical_support,direct_payment_only,2026-10-01\r\n"),
            std::string::npos);

  // Before the second plan was agreed, only the first counts.
  auto earlier =
      service_.SelfDirectedSupport(ctx_, As(Role::kAnalyst), *Date::Parse("2026-10-01"), false);
  ASSERT_TRUE(earlier.ok());
  EXPECT_EQ(earlier->measure.people, 1);
  EXPECT_DOUBLE_EQ(earlier->measure.part_2a, 1.0);
  EXPECT_TRUE(earlier->clients.empty());
}

TEST_F(AscofServiceTest, OnlyAnalystsReadTheExtractAndEveryReadIsAudited) {
  const Date on = *Date::Parse("2026-12-01");
  EXPECT_TRUE(service_.SelfDirectedSupport(ctx_, As(Role::kFinanceOfficer), on, false).ok());
  EXPECT_EQ(service_.SelfDirectedSupport(ctx_, As(Role::kFinanceOfficer), on, true).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_.SelfDirectedSupport(ctx_, As(Role::kBudgetHolder), on, false).error().code,
            ErrorCode::kPermissionDenied);
  auto actions = testing::AuditActions(db_.store(), audit_, db_.council(), "council");
  ASSERT_EQ(actions.size(), 3u);
  EXPECT_EQ(actions[0], "outcomes.ascof.read_refused");
  EXPECT_EQ(actions[1], "outcomes.client_extract.read_refused");
  EXPECT_EQ(actions[2], "outcomes.ascof.read");
}

}  // namespace
}  // namespace selfdirect::app
