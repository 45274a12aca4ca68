#include "app/charging/charging_service.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/test_store.h"

namespace selfdirect::app {
namespace {

using domain::Role;
namespace json = boost::json;

// The 2025/26 worked example (rules.md 1.6.4 C): GBP 133.55 a week of GBP 300.00.
json::value ExampleC(const char* date = "2025-06-02") {
  return json::parse(std::string(R"({"assessment_date": ")") + date + R"(", "age": 30,
    "household": "single", "premiums": ["disability", "enhanced_disability"],
    "weekly_cost_of_care": "300.00", "capital": "18450.00",
    "income": [{"type": "esa", "weekly": "232.55"}, {"type": "pip_daily_living", "weekly": "110.40"},
               {"type": "pip_mobility", "weekly": "77.05"}],
    "housing_costs_weekly": "15.00", "disability_related_expenditure_weekly": "25.00"})");
}

class ChargingServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto added = testing::AddTwoTeamsAndAPerson(db_.store(), db_.council(), clock_.Now());
    north_ = added.north;
    south_ = added.south;
    person_ = added.person;
    ctx_ = CallContext{db_.council(), "127.0.0.1"};
  }

  Principal As(Role role, TeamId team = TeamId{}, PersonId own = PersonId{}) {
    return testing::PrincipalAs(role, team, own);
  }

  std::vector<std::string> AuditActions(const std::string& type) {
    return testing::AuditActions(db_.store(), audit_, db_.council(), type);
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-03-20T09:00:00Z")};
  AuditTrail audit_{db_.store()};
  ChargingService charging_{db_.store(), clock_, audit_};
  CallContext ctx_;
  TeamId north_, south_;
  PersonId person_;
};

TEST_F(ChargingServiceTest, CalculatorUsesTheCouncilPolicyAndStoresNothing) {
  auto r = charging_.Calculate(db_.council(), ExampleC());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->result.weekly_charge.ToString(), "133.55");
  // A council policy of 90% from April 2026 applies to calculations dated from then.
  ASSERT_TRUE(charging_
                  .StorePolicy(ctx_, As(Role::kAdministrator),
                               json::parse(R"({"charge_percent": 90})"), *Date::Parse("2026-04-06"),
                               "Charge 90% of assessable income")
                  .ok());
  EXPECT_EQ(charging_.Calculate(db_.council(), ExampleC())->result.weekly_charge.ToString(),
            "133.55");
  auto later = charging_.Calculate(db_.council(), ExampleC("2026-05-01"));
  ASSERT_TRUE(later.ok());
  EXPECT_FALSE(later->request.policy);  // The council's stored policy applied, not the input's.
  EXPECT_EQ(later->result.weekly_charge.ToString(), "108.41");  // 90% of 120.45, half up.
  // Policies cannot start in the past or twice on one day; practitioners cannot store one.
  auto past = charging_.StorePolicy(ctx_, As(Role::kFinanceOfficer), json::parse("{}"),
                                    *Date::Parse("2026-01-01"), "x");
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().fields.at(0).field, "effective_from");
  EXPECT_EQ(charging_
                .StorePolicy(ctx_, As(Role::kFinanceOfficer), json::parse("{}"),
                             *Date::Parse("2026-04-06"), "again")
                .error()
                .code,
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(charging_
                .StorePolicy(ctx_, As(Role::kPractitioner, north_), json::parse("{}"),
                             *Date::Parse("2026-05-06"), "x")
                .error()
                .code,
            ErrorCode::kPermissionDenied);
}

TEST_F(ChargingServiceTest, APersonKeepsAnEstimateOnlyWhenTheyChooseAndCanRemoveIt) {
  auto self = testing::PrincipalAs(Role::kBudgetHolder, TeamId{}, person_);
  auto helper = testing::PrincipalAs(Role::kRepresentative, TeamId{}, PersonId{}, {person_});
  auto stranger =
      testing::PrincipalAs(Role::kBudgetHolder, TeamId{}, PersonId{person_.value() + 1});
  // The calculator stores nothing.
  ASSERT_TRUE(charging_.Calculate(db_.council(), ExampleC()).ok());
  EXPECT_TRUE(charging_.Estimates(ctx_, self, person_)->empty());
  // Kept by the person, then by their representative: the council's policy, newest first.
  auto kept = charging_.SaveEstimate(ctx_, self, person_, ExampleC());
  ASSERT_TRUE(kept.ok()) << kept.error().message;
  EXPECT_EQ(kept->weekly_charge.ToString(), "133.55");
  EXPECT_EQ(kept->weekly_cost.ToString(), "300.00");
  EXPECT_EQ(kept->rates_id, "england-2025-26");
  EXPECT_EQ(kept->created_by, self.user.id);
  auto second = charging_.SaveEstimate(ctx_, helper, person_, ExampleC("2026-05-01"));
  ASSERT_TRUE(second.ok()) << second.error().message;
  auto list = charging_.Estimates(ctx_, As(Role::kPractitioner, north_), person_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, second->id);
  EXPECT_EQ((*list)[0].rates_id, "england-2026-27");
  // The stored input reads back to the same charge.
  auto again = charging_.Calculate(db_.council(), json::parse((*list)[1].input_json));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->result.weekly_charge, kept->weekly_charge);
  // Nobody else may keep one, a practitioner cannot see another team's, bad input names fields
  // and changes nothing, and a policy cannot be slipped in.
  EXPECT_EQ(charging_.SaveEstimate(ctx_, stranger, person_, ExampleC()).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(charging_.SaveEstimate(ctx_, As(Role::kPractitioner, north_), person_, ExampleC())
                .error()
                .code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(charging_.Estimates(ctx_, As(Role::kPractitioner, south_), person_).error().code,
            ErrorCode::kNotFound);
  auto bad = charging_.SaveEstimate(
      ctx_, self, person_,
      json::parse(R"({"assessment_date": "2026-05-01", "age": 30, "household": "single",
                      "weekly_cost_of_care": "lots"})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().fields.at(0).field, "weekly_cost_of_care");
  json::value with_policy = ExampleC();
  with_policy.as_object()["policy"] = json::object{{"charge_percent", 0}};
  auto policy = charging_.SaveEstimate(ctx_, self, person_, with_policy);
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.error().fields.at(0).field, "policy");
  EXPECT_EQ(charging_.Estimates(ctx_, self, person_)->size(), 2u);
  // Removing: only the person or their representative; gone once.
  EXPECT_EQ(charging_.RemoveEstimate(ctx_, stranger, kept->id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(charging_.RemoveEstimate(ctx_, As(Role::kFinanceOfficer), kept->id).error().code,
            ErrorCode::kNotFound);
  auto removed = charging_.RemoveEstimate(ctx_, self, kept->id);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, person_);
  EXPECT_EQ(charging_.RemoveEstimate(ctx_, self, kept->id).error().code, ErrorCode::kNotFound);
  list = charging_.Estimates(ctx_, self, person_);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].id, second->id);
  auto actions = AuditActions("person");
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "charging_estimate.save"), 2);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "charging_estimate.remove"), 1);
  EXPECT_GE(std::count(actions.begin(), actions.end(), "charging_estimate.list"), 3);
}

TEST_F(ChargingServiceTest, FinanceOfficerDraftsCompletesAndThePersonSeesTheDecision) {
  auto finance = As(Role::kFinanceOfficer);
  EvidenceMap evidence{{"capital", "verified"}, {"income[0]", "awaited"}};
  auto draft =
      charging_.Create(ctx_, finance, person_, ExampleC(), evidence, "First assessment", false);
  ASSERT_TRUE(draft.ok()) << draft.error().message;
  EXPECT_EQ(draft->record.status, FinancialAssessmentStatus::kDraft);
  EXPECT_EQ(draft->record.weekly_charge.ToString(), "133.55");
  // The person does not see a draft.
  auto me = As(Role::kBudgetHolder, TeamId{}, person_);
  EXPECT_EQ(charging_.Get(ctx_, me, draft->record.id).error().code, ErrorCode::kNotFound);
  // Completing while evidence is awaited is refused, and nothing changes.
  auto early = charging_.Update(ctx_, finance, draft->record.id, ExampleC(), evidence,
                                "First assessment", true);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().fields.at(0).field, "evidence.income[0]");
  evidence["income[0]"] = "verified";
  auto done = charging_.Update(ctx_, finance, draft->record.id, ExampleC(), evidence,
                               "First assessment", true);
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->record.status, FinancialAssessmentStatus::kCompleted);
  auto seen = charging_.Get(ctx_, me, draft->record.id);
  ASSERT_TRUE(seen.ok()) << seen.error().message;
  EXPECT_EQ(seen->outcome.result.council_weekly_contribution.ToString(), "166.45");
  EXPECT_FALSE(seen->can_edit);
  EXPECT_EQ(seen->evidence.at("income[0]"), "verified");
  // A completed assessment cannot be changed.
  auto change = charging_.Update(ctx_, finance, draft->record.id, ExampleC(), evidence, "x", true);
  EXPECT_EQ(change.error().code, ErrorCode::kFailedPrecondition);
  // Only finance officers assess; an analyst cannot see it.
  EXPECT_EQ(
      charging_.Create(ctx_, As(Role::kPractitioner, north_), person_, ExampleC(), {}, "x", false)
          .error()
          .code,
      ErrorCode::kPermissionDenied);
  EXPECT_FALSE(charging_.Get(ctx_, As(Role::kAnalyst), draft->record.id).ok());
  auto actions = AuditActions("financial_assessment");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "financial_assessment.complete"),
            actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "financial_assessment.view"), actions.end());
}

TEST_F(ChargingServiceTest, BadInputNamesFieldsAndStoresNothing) {
  auto finance = As(Role::kFinanceOfficer);
  json::value bad = ExampleC();
  bad.as_object()["income"].as_array()[0].as_object()["type"] = "lottery";
  bad.as_object()["capital"] = "12,000";
  auto r = charging_.Create(
      ctx_, finance, person_, bad,
      {{"capital", "maybe"}, {"income[x]", "verified"}, {"pension", "verified"}}, "", false);
  ASSERT_FALSE(r.ok());
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields) fields.push_back(f.field);
  for (const char* f : {"income[0].type", "capital", "reason", "evidence.capital",
                        "evidence.income[x]", "evidence.pension"})
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
  EXPECT_TRUE(charging_.ForPerson(ctx_, finance, person_)->empty());
  auto beyond =
      charging_.Create(ctx_, finance, person_, ExampleC(), {{"income[3]", "verified"}}, "x", false);
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.error().fields.at(0).field, "evidence.income[3]");
  EXPECT_TRUE(charging_.ForPerson(ctx_, finance, person_)->empty());
}

TEST_F(ChargingServiceTest, YearlyReassessmentShowsWhoChangesThenReplacesCurrentAssessments) {
  auto finance = As(Role::kFinanceOfficer);
  ASSERT_TRUE(
      charging_.Create(ctx_, finance, person_, ExampleC(), {}, "First assessment", true).ok());
  Date april = *Date::Parse("2026-04-06");
  auto preview = charging_.PreviewReassessment(ctx_, finance, april);
  ASSERT_TRUE(preview.ok()) << preview.error().message;
  EXPECT_EQ(preview->rates_id, "england-2026-27");
  EXPECT_EQ(preview->people, 1);
  // 2026/27: MIG 120.40 + 53.15 + 25.95 = 199.50, 13.10 more than 186.40, so the charge falls.
  EXPECT_EQ(preview->decrease, 1);
  ASSERT_EQ(preview->changes.size(), 1u);
  EXPECT_EQ(preview->changes[0].new_charge.ToString(), "120.45");
  EXPECT_EQ(preview->applied, 0);
  EXPECT_EQ(charging_.ForPerson(ctx_, finance, person_)->size(), 1u);
  // Only finance officers.
  EXPECT_FALSE(charging_.ApplyReassessment(ctx_, As(Role::kAnalyst), april).ok());
  auto applied = charging_.ApplyReassessment(ctx_, finance, april);
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(applied->applied, 1);
  auto history = charging_.ForPerson(ctx_, finance, person_);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].weekly_charge.ToString(), "120.45");
  EXPECT_EQ((*history)[0].replaces, (*history)[1].id);
  auto view = charging_.Get(ctx_, finance, (*history)[0].id);
  ASSERT_TRUE(view.ok()) << view.error().message;
  EXPECT_EQ(view->outcome.rates->id, "england-2026-27");
  // Running it again changes nobody: everyone is on the new rates.
  auto again = charging_.ApplyReassessment(ctx_, finance, april);
  EXPECT_EQ(again->applied, 0);
  EXPECT_EQ(again->already_on_these_rates, 1);
  // No reference data before April 2023.
  EXPECT_FALSE(charging_.PreviewReassessment(ctx_, finance, *Date::Parse("2020-04-06")).ok());
}

}  // namespace
}  // namespace selfdirect::app
