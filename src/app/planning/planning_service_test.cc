#include "app/planning/planning_service.h"

#include <gtest/gtest.h>

#include <set>

#include "app/assessment_service.h"
#include "app/charging/arranged_cost.h"
#include "app/charging/charging_json.h"
#include "app/charging/charging_service.h"
#include "app/demo.h"
#include "app/settings/council_settings.h"
#include "app/test_store.h"
#include "domain/charging/premiums.h"

namespace selfdirect::app {
namespace {

using domain::PlanDecision;
using domain::PlanStatus;
using domain::Role;
namespace json = boost::json;

domain::SupportPlanContent Complete(Date today, const char* gym_quantity = "1") {
  auto content = SupportPlanFromJson(json::parse(std::string(R"({
    "needs": [{"description": "Getting washed and dressed", "eligible": true,
               "how_met": "A PA each morning"}],
    "what_matters": "Staying at home", "outcomes": ["Go swimming again"],
    "helpers": [{"who": "My son", "help": "Shopping", "paid": false}],
    "contingency": "My son covers", "risks": "Falls: pendant alarm",
    "lines": [{"item": "pa-hour", "quantity": "10", "per": "week"},
              {"item": "gym-month", "quantity": ")") +
                                                 gym_quantity + R"("}]})"),
                                     DefaultCatalogue());
  EXPECT_TRUE(content.ok());
  content->review_date = today.AddDays(56);
  return *content;
}

class PlanningServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto added = testing::AddTwoTeamsAndAPerson(db_.store(), db_.council(), clock_.Now());
    north_ = added.north;
    south_ = added.south;
    person_ = added.person;
    ctx_ = CallContext{db_.council(), "127.0.0.1"};
  }

  Principal As(Role role, TeamId team = TeamId{}, PersonId own = PersonId{}, int user = 0) {
    return testing::PrincipalAs(role, team, own, user);
  }

  // Everything stored about a plan, to show a refused change changed nothing.
  std::string Snapshot(SupportPlanId id) {
    auto v = planning_.Get(ctx_, As(Role::kAdministrator), id);
    EXPECT_TRUE(v.ok());
    return std::to_string(v->record.version) + "/" +
           std::string(domain::PlanStatusCode(v->record.status)) + "/" +
           json::serialize(SupportPlanToJson(v->content)) + "/" +
           std::to_string(v->versions.size()) + "/" + std::to_string(v->events.size());
  }

  // Gives the person a new assessment with an indicative budget of `weekly_pence` a week (the
  // newest, so the one in force).
  void SeedBudget(int64_t weekly_pence) {
    ASSERT_TRUE(db_.store()
                    .Write(db_.council(),
                           [&](Transaction& tx) -> Status {
                             SD_ASSIGN_OR_RETURN(auto tables, tx.allocation_tables().List());
                             if (tables.empty()) {
                               StoredAllocationTable t;
                               t.table_id = "t";
                               t.version = 1;
                               t.effective_from = today_;
                               t.definition_json = "{}";
                               t.created_at = clock_.Now();
                               SD_RETURN_IF_ERROR(tx.allocation_tables().Insert(t));
                             }
                             AssessmentRecord a;
                             a.person_id = person_;
                             a.questionnaire_id = "q";
                             a.questionnaire_version = "1";
                             a.created_at = clock_.Now();
                             a.updated_at = clock_.Now();
                             SD_ASSIGN_OR_RETURN(AssessmentId aid, tx.assessments().Insert(a));
                             IndicativeBudgetRecord b;
                             b.assessment_id = aid;
                             b.person_id = person_;
                             b.table_id = "t";
                             b.table_version = 1;
                             b.weekly = Pence::FromPence(weekly_pence);
                             b.annual = domain::YearlyFromWeekly(b.weekly);
                             b.calculated_at = clock_.Now();
                             return tx.indicative_budgets().Save(b);
                           })
                    .ok());
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-11-22T09:00:00Z")};
  AuditTrail audit_{db_.store()};
  PlanningService planning_{db_.store(), clock_, audit_};
  CallContext ctx_;
  TeamId north_, south_;
  PersonId person_;
  const Date today_ = *Date::Parse("2026-11-22");
};

TEST_F(PlanningServiceTest, BuildSubmitReturnCorrectAndApproveAcrossThreeRoles) {
  auto holder = As(Role::kBudgetHolder, TeamId{}, person_, 501);
  auto worker = As(Role::kPractitioner, north_, PersonId{}, 502);
  auto approver = As(Role::kApprover, north_, PersonId{}, 503);

  auto started = planning_.Start(ctx_, holder, person_);
  ASSERT_TRUE(started.ok()) << started.error().message;
  const SupportPlanId id = started->record.id;
  EXPECT_EQ(started->record.status, PlanStatus::kDraft);
  EXPECT_EQ(started->versions.size(), 1u);
  EXPECT_EQ(planning_.Start(ctx_, worker, person_)->record.id, id);  // The same open plan.

  // Submitting an empty plan names what is missing and changes nothing.
  std::string before = Snapshot(id);
  auto early = planning_.Submit(ctx_, holder, id);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(early.error().fields.front().field, "needs");
  EXPECT_EQ(Snapshot(id), before);

  auto saved = planning_.Save(ctx_, holder, id, Complete(today_), "Whole plan");
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->record.version, 2);
  EXPECT_TRUE(saved->missing.empty());
  EXPECT_GT(saved->cost.weekly_total, Pence{});
  // The practitioner records the person's views: a new version, the first kept.
  auto with_views = saved->content;
  with_views.views = "I want to interview my own PA";
  ASSERT_TRUE(planning_.Save(ctx_, worker, id, with_views, "The person's views").ok());
  auto submitted = planning_.Submit(ctx_, worker, id);
  ASSERT_TRUE(submitted.ok()) << submitted.error().message;
  EXPECT_EQ(submitted->record.status, PlanStatus::kSubmitted);

  // Nobody edits a submitted plan.
  before = Snapshot(id);
  EXPECT_EQ(planning_.Save(ctx_, holder, id, Complete(today_), "x").error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Snapshot(id), before);

  // Returned with reasons, corrected by the person, sent again, approved.
  auto no_reason = planning_.Decide(ctx_, approver, id, {PlanDecision::kReturn, ""});
  EXPECT_EQ(no_reason.error().fields.at(0).field, "reason");
  auto returned =
      planning_.Decide(ctx_, approver, id, {PlanDecision::kReturn, "Say who covers weekends"});
  ASSERT_TRUE(returned.ok()) << returned.error().message;
  EXPECT_EQ(returned->record.status, PlanStatus::kReturned);
  EXPECT_EQ(returned->record.decision_reason, "Say who covers weekends");
  auto corrected = returned->content;
  corrected.contingency = "My son covers weekends; the agency covers his holidays";
  ASSERT_TRUE(planning_.Save(ctx_, holder, id, corrected, "Contingency and risks").ok());
  ASSERT_TRUE(planning_.Submit(ctx_, holder, id).ok());
  auto approved = planning_.Decide(ctx_, approver, id, {PlanDecision::kApprove, ""});
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_EQ(approved->record.status, PlanStatus::kApproved);
  EXPECT_EQ(approved->record.approved_version, approved->record.version);
  EXPECT_EQ(approved->record.agreed_weekly, approved->cost.weekly_total);
  EXPECT_EQ(approved->record.agreed_weekly,
            approved->record.person_weekly + approved->record.council_weekly);
  EXPECT_EQ(approved->record.return_category, "direct_payment_only");
  std::vector<std::string> kinds;
  for (const auto& e : approved->events) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"started", "changed", "changed", "submitted",
                                             "returned", "changed", "submitted", "approved"}));
  EXPECT_EQ(approved->versions.size(), 4u);  // Started, whole plan, views, contingency.

  // An agreed plan is not edited; a new version is started instead and the agreed one stays.
  before = Snapshot(id);
  auto edit = planning_.Save(ctx_, worker, id, corrected, "x");
  EXPECT_EQ(edit.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Snapshot(id), before);
  auto revised = planning_.Revise(ctx_, holder, id);
  ASSERT_TRUE(revised.ok());
  EXPECT_EQ(revised->record.status, PlanStatus::kDraft);
  EXPECT_EQ(revised->record.approved_version, approved->record.version);
  // The new draft is changed, sent and returned; the agreed plan is still the agreed version.
  auto changed = revised->content;
  changed.what_matters = "Staying at home and swimming twice a week";
  ASSERT_TRUE(planning_.Save(ctx_, holder, id, changed, "What matters").ok());
  ASSERT_TRUE(planning_.Submit(ctx_, holder, id).ok());
  ASSERT_TRUE(planning_.Decide(ctx_, approver, id, {PlanDecision::kReturn, "Not yet"}).ok());
  auto agreed = planning_.GetAgreed(ctx_, holder, id);
  ASSERT_TRUE(agreed.ok()) << agreed.error().message;
  EXPECT_EQ(agreed->content.what_matters, approved->content.what_matters);
  EXPECT_EQ(agreed->record.status, PlanStatus::kReturned);
  EXPECT_EQ(agreed->record.approved_version, approved->record.version);

  // The dashboard has the agreed spend and no personal data.
  auto spend = planning_.Dashboard(ctx_, As(Role::kAnalyst), {});
  ASSERT_TRUE(spend.ok());
  Pence total;
  for (const auto& c : spend->spend) total = total + c.weekly;
  EXPECT_EQ(total, approved->record.agreed_weekly);
  ASSERT_EQ(spend->agreements.size(), 1u);
  EXPECT_EQ(spend->agreements[0].count, 1);
}

// An agreed plan keeps the figures it was agreed at when the council's planning policy changes
// later; a new version of it is costed at the policy in force (a test that failed before: the
// agreed plan's page was recosted at today's policy, unlike the agreed budget).
TEST_F(PlanningServiceTest, AnAgreedPlanKeepsItsDaysFiguresWhenThePolicyChanges) {
  auto worker = As(Role::kPractitioner, north_, PersonId{}, 502);
  auto approver = As(Role::kApprover, north_, PersonId{}, 503);
  const SupportPlanId id = planning_.Start(ctx_, worker, person_)->record.id;
  ASSERT_TRUE(planning_.Save(ctx_, worker, id, Complete(today_), "Whole plan").ok());
  ASSERT_TRUE(planning_.Submit(ctx_, worker, id).ok());
  auto agreed = planning_.Decide(ctx_, approver, id, {PlanDecision::kApprove, ""});
  ASSERT_TRUE(agreed.ok()) << agreed.error().message;
  const Pence weekly = agreed->record.agreed_weekly;

  SettingsService settings{db_.store(), clock_, audit_};
  auto set = settings.Set(ctx_, As(Role::kAdministrator),
                          {"planning",
                           "2026-11-23",
                           {{"employer_insurance_annual", "520.00"},
                            {"payroll_service_annual", "180"},
                            {"tolerance_percent", "10"}},
                           "A dearer insurance contract"});
  ASSERT_TRUE(set.ok()) << set.error().message;
  clock_.AdvanceSeconds(86400);
  auto seen = planning_.Get(ctx_, worker, id);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->cost.weekly_total, weekly);
  EXPECT_EQ(seen->record.agreed_weekly, weekly);
  // A new version is costed today: the insurance is £10.00 a week (£520 / 52) instead of £1.17.
  auto revised = planning_.Revise(ctx_, worker, id, "The person moves house");
  ASSERT_TRUE(revised.ok()) << revised.error().message;
  auto draft = planning_.Get(ctx_, worker, id);
  ASSERT_TRUE(draft.ok());
  EXPECT_EQ((draft->cost.weekly_total - weekly).ToString(), "8.83");
  EXPECT_EQ(draft->versions.back().weekly_total, draft->cost.weekly_total);
}

TEST_F(PlanningServiceTest, APlanNeverAgreedHasNoAgreedVersion) {
  auto holder = As(Role::kBudgetHolder, TeamId{}, person_, 501);
  auto id = planning_.Start(ctx_, holder, person_)->record.id;
  auto agreed = planning_.GetAgreed(ctx_, holder, id);
  ASSERT_FALSE(agreed.ok());
  EXPECT_EQ(agreed.error().code, ErrorCode::kNotFound);
}

TEST_F(PlanningServiceTest, NobodyApprovesAPlanTheyWroteOrSent) {
  auto approver = As(Role::kApprover, north_, PersonId{}, 503);
  auto id = planning_.Start(ctx_, approver, person_)->record.id;
  ASSERT_TRUE(planning_.Save(ctx_, approver, id, Complete(today_), "Whole plan").ok());
  ASSERT_TRUE(planning_.Submit(ctx_, approver, id).ok());
  std::string before = Snapshot(id);
  auto own = planning_.Decide(ctx_, approver, id, {PlanDecision::kApprove, ""});
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Snapshot(id), before);
  // Another approver of the team may; one of another team, or a practitioner, may not.
  EXPECT_EQ(planning_
                .Decide(ctx_, As(Role::kApprover, south_, PersonId{}, 504), id,
                        {PlanDecision::kApprove, ""})
                .error()
                .code,
            ErrorCode::kNotFound);
  EXPECT_EQ(planning_
                .Decide(ctx_, As(Role::kPractitioner, north_, PersonId{}, 505), id,
                        {PlanDecision::kApprove, ""})
                .error()
                .code,
            ErrorCode::kPermissionDenied);
  EXPECT_TRUE(planning_
                  .Decide(ctx_, As(Role::kApprover, north_, PersonId{}, 506), id,
                          {PlanDecision::kApprove, ""})
                  .ok());
}

TEST_F(PlanningServiceTest, BadLinesAreFieldErrorsAndChangeNothing) {
  auto worker = As(Role::kPractitioner, north_, PersonId{}, 502);
  auto id = planning_.Start(ctx_, worker, person_)->record.id;
  std::string before = Snapshot(id);
  auto bad = Complete(today_);
  bad.lines[1].quantity_hundredths = 0;
  auto r = planning_.Save(ctx_, worker, id, bad, "Support");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.at(0).field, "lines[1].quantity");
  bad.lines[1].quantity_hundredths = -100;
  EXPECT_EQ(planning_.Save(ctx_, worker, id, bad, "Support").error().fields.at(0).field,
            "lines[1].quantity");
  EXPECT_EQ(Snapshot(id), before);
  // Roles that may not plan, and other teams, change nothing.
  EXPECT_EQ(planning_.Save(ctx_, As(Role::kFinanceOfficer), id, Complete(today_), "x").error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(
      planning_.Save(ctx_, As(Role::kPractitioner, south_), id, Complete(today_), "x").error().code,
      ErrorCode::kNotFound);
  EXPECT_EQ(planning_.Start(ctx_, As(Role::kAnalyst), person_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Snapshot(id), before);
}

TEST_F(PlanningServiceTest, ABudgetAboveToleranceNeedsTheApproversReason) {
  auto worker = As(Role::kPractitioner, north_, PersonId{}, 502);
  auto approver = As(Role::kApprover, north_, PersonId{}, 503);
  // An indicative budget of GBP 100 a week; the plan costs far more.
  SeedBudget(10000);
  auto id = planning_.Start(ctx_, worker, person_)->record.id;
  ASSERT_TRUE(planning_.Save(ctx_, worker, id, Complete(today_), "Whole plan").ok());
  auto sent = planning_.Submit(ctx_, worker, id);
  ASSERT_TRUE(sent.ok());
  ASSERT_TRUE(sent->cost.tolerance.has_value());
  EXPECT_TRUE(sent->cost.tolerance->needs_approval);
  auto no_reason = planning_.Decide(ctx_, approver, id, {PlanDecision::kApprove, " "});
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().fields.at(0).field, "reason");
  auto higher = planning_.Decide(ctx_, approver, id,
                                 {PlanDecision::kApprove, "Two-person care needed mornings"});
  ASSERT_TRUE(higher.ok()) << higher.error().message;
  EXPECT_EQ(higher->events.back().kind, "approved_higher");
  EXPECT_EQ(higher->record.decision_reason, "Two-person care needed mornings");
}

TEST_F(PlanningServiceTest, AWaitingPlanIsComparedWithTheBudgetInForceNow) {
  auto worker = As(Role::kPractitioner, north_, PersonId{}, 502);
  auto approver = As(Role::kApprover, north_, PersonId{}, 503);
  SeedBudget(10000);
  auto id = planning_.Start(ctx_, worker, person_)->record.id;
  ASSERT_TRUE(planning_.Save(ctx_, worker, id, Complete(today_), "Whole plan").ok());
  ASSERT_TRUE(planning_.Submit(ctx_, worker, id).ok());
  // The person is re-assessed while the plan waits: a budget of GBP 150 a week now.
  clock_.AdvanceSeconds(3600);
  SeedBudget(15000);
  auto read = planning_.Get(ctx_, approver, id);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->record.indicative_weekly->ToString(), "100.00");  // As sent.
  EXPECT_EQ(read->indicative_now->ToString(), "150.00");            // What it is compared with.
  ASSERT_TRUE(read->cost.tolerance.has_value());
  EXPECT_EQ(read->cost.tolerance->indicative.ToString(), "150.00");
  auto waiting = planning_.Waiting(ctx_, approver);
  ASSERT_TRUE(waiting.ok());
  ASSERT_EQ(waiting->size(), 1u);
  EXPECT_EQ(waiting->front().indicative_now->ToString(), "150.00");
}

// The charge is worked out on the care and support arranged: the agreed plan's budget. Agreeing
// a plan, and later a new version of it, works the person's charge out again on that cost.
TEST_F(PlanningServiceTest, AgreeingAPlanWorksTheChargeOutOnItsBudget) {
  auto worker = As(Role::kPractitioner, north_, PersonId{}, 502);
  auto approver = As(Role::kApprover, north_, PersonId{}, 503);
  auto finance = As(Role::kFinanceOfficer, TeamId{}, PersonId{}, 504);
  ChargingService charging{db_.store(), clock_, audit_};
  ChargingRequest typed;
  domain::ChargingInput& in = typed.input;
  in.assessment_date = today_;
  in.age = 30;
  in.household = domain::Household::kSingle;
  in.disability_premium = true;
  in.weekly_cost_of_care = *Pence::Parse("300.00");  // An estimate, before any plan.
  in.income = {{domain::IncomeType::kEsa, *Pence::Parse("232.55")},
               {domain::IncomeType::kPipDailyLiving, *Pence::Parse("110.40")}};
  auto first = charging.Create(ctx_, finance, person_,
                               {typed, {}, "First assessment", Completion::kComplete});
  ASSERT_TRUE(first.ok()) << first.error().message;
  const Pence assessed = first->record.weekly_charge;
  ASSERT_GT(assessed, Pence{});

  auto id = planning_.Start(ctx_, worker, person_)->record.id;
  ASSERT_TRUE(planning_.Save(ctx_, worker, id, Complete(today_), "Whole plan").ok());
  ASSERT_TRUE(planning_.Submit(ctx_, worker, id).ok());
  auto agreed = planning_.Decide(ctx_, approver, id, {PlanDecision::kApprove, ""});
  ASSERT_TRUE(agreed.ok()) << agreed.error().message;
  auto charges = charging.ForPerson(ctx_, finance, person_);
  ASSERT_TRUE(charges.ok());
  ASSERT_EQ(charges->size(), 2u);  // The first, and its replacement on the plan's cost.
  const auto& now = charges->front();
  EXPECT_EQ(now.weekly_cost, agreed->record.agreed_weekly);
  EXPECT_EQ(now.replaces, first->record.id);
  EXPECT_EQ(now.weekly_charge, std::min(assessed, agreed->record.agreed_weekly));
  EXPECT_EQ(agreed->record.person_weekly, now.weekly_charge);
  EXPECT_EQ(agreed->record.council_weekly, agreed->record.agreed_weekly - now.weekly_charge);

  // A new version with less in it (no PA): the charge follows the new, lower cost.
  auto revised = planning_.Revise(ctx_, worker, id);
  ASSERT_TRUE(revised.ok());
  auto smaller = revised->content;
  smaller.lines.erase(smaller.lines.begin());
  ASSERT_TRUE(planning_.Save(ctx_, worker, id, smaller, "No PA").ok());
  ASSERT_TRUE(planning_.Submit(ctx_, worker, id).ok());
  // A lower budget needs a reassessment that found the needs changed (rules.md 1.9).
  EXPECT_EQ(planning_.Decide(ctx_, approver, id, {PlanDecision::kApprove, ""}).error().code,
            ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(
      testing::AddCompletedAssessment(db_.store(), db_.council(), person_, clock_.Now()).ok());
  auto again = planning_.Decide(ctx_, approver, id, {PlanDecision::kApprove, ""});
  ASSERT_TRUE(again.ok()) << again.error().message;
  ASSERT_LT(again->record.agreed_weekly, assessed);
  charges = charging.ForPerson(ctx_, finance, person_);
  ASSERT_EQ(charges->size(), 3u);
  EXPECT_EQ(charges->front().weekly_cost, again->record.agreed_weekly);
  EXPECT_EQ(charges->front().weekly_charge, again->record.agreed_weekly);  // Never above cost.
  EXPECT_EQ(again->record.person_weekly, again->record.agreed_weekly);

  // A new assessment typed with another cost is worked out on the agreed plan's.
  auto later = charging.Create(ctx_, finance, person_,
                               {typed, {}, "Circumstances changed", Completion::kDraft});
  ASSERT_TRUE(later.ok()) << later.error().message;
  EXPECT_EQ(later->record.weekly_cost, again->record.agreed_weekly);
}

// Completes an adult assessment of the person by a practitioner of North: the first `unable`
// outcomes cannot be done without help, with a significant impact; the practitioner's decision.
void CompleteAssessment(Store& store, const Clock& clock, AuditTrail& audit, const CallContext& ctx,
                        const Principal& worker, PersonId person, size_t unable,
                        const domain::PractitionerDecisionInput& decision) {
  AssessmentService assessments{store, clock, audit};
  auto a = assessments.Start(ctx, worker, person, domain::AssessmentKind::kAdult);
  ASSERT_TRUE(a.ok()) << a.error().message;
  domain::Answers answers{{"condition_one", {"true"}}, {"wellbeing_impact", {"true"}}};
  for (size_t i = 0; i < domain::kAdultOutcomeCount; ++i) {
    std::string code(domain::OutcomeCode(domain::AssessmentKind::kAdult, i));
    answers[code + ".able"] = {i < unable ? "false" : "true"};
    if (i < unable) {
      answers[code + ".reasons"] = {"without_assistance"};
      answers[code + ".carer_helps"] = {"false"};
    }
  }
  ASSERT_TRUE(assessments.SaveAnswers(ctx, worker, a->id, answers).ok());
  auto done = assessments.Complete(ctx, worker, a->id, decision);
  ASSERT_TRUE(done.ok()) << done.error().message;
}

// A new plan starts with the needs the person's assessment found, to reword and add to.
TEST_F(PlanningServiceTest, ANewPlanStartsWithTheNeedsTheAssessmentFound) {
  auto worker = As(Role::kPractitioner, north_, PersonId{}, 502);
  CompleteAssessment(db_.store(), clock_, audit_, ctx_, worker, person_, 2,
                     testing::ConfirmedDecision("The person"));
  auto plan = planning_.Start(ctx_, worker, person_);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  const auto& needs = plan->content.needs;
  ASSERT_EQ(needs.size(), 2u);
  EXPECT_EQ(needs[0].description,
            std::string("M") +
                std::string(domain::OutcomeLabel(domain::AssessmentKind::kAdult, 0)).substr(1));
  EXPECT_TRUE(needs[0].eligible);
  EXPECT_TRUE(needs[1].eligible);
}

// The needs are eligible as the council decided: here the practitioner changed the answers'
// result (one outcome only) with reasons.
TEST_F(PlanningServiceTest, TheNeedsAreEligibleAsTheCouncilDecided) {
  auto worker = As(Role::kPractitioner, north_, PersonId{}, 502);
  auto decision = testing::ConfirmedDecision("The person");
  decision.agree = "change";
  decision.reasons = "Night-time needs the questions did not ask about";
  CompleteAssessment(db_.store(), clock_, audit_, ctx_, worker, person_, 1, decision);
  auto plan = planning_.Start(ctx_, worker, person_);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->content.needs.size(), 1u);
  EXPECT_TRUE(plan->content.needs[0].eligible);
}

TEST_F(PlanningServiceTest, OnlyPlanningRolesSeeTheQueueAndOnlyCommissioningRolesTheDashboard) {
  EXPECT_EQ(planning_.Waiting(ctx_, As(Role::kBudgetHolder, TeamId{}, person_)).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_TRUE(planning_.Waiting(ctx_, As(Role::kApprover, north_)).ok());
  EXPECT_EQ(planning_.Dashboard(ctx_, As(Role::kPractitioner, north_), {}).error().code,
            ErrorCode::kPermissionDenied);
  auto bad_group = planning_.Dashboard(ctx_, As(Role::kAnalyst), {std::nullopt, "martians"});
  EXPECT_EQ(bad_group.error().fields.at(0).field, "client_group");
}

// The demo council's plans: every one reads back and costs, each status is there, agreed plans
// were agreed by someone who neither wrote nor sent them, both traditional and creative choices
// are agreed, the dashboard's totals are the agreed plans' budgets, and the demo budget holder has
// no plan yet (they write their own).
TEST(DemoPlans, AreReadableSignedOffByAnotherUserAndAddUpOnTheDashboard) {
  testing::TestCouncil db;
  FakeClock clock{*Timestamp::Parse("2026-11-22T09:00:00Z")};
  AuditTrail audit{db.store()};
  PlanningService planning{db.store(), clock, audit};
  DemoOptions options;
  options.people = 1000;
  auto demo = CreateDemoCouncil(db.store(), clock, options);
  ASSERT_TRUE(demo.ok()) << demo.error().message;
  auto council = db.store().FindCouncil("demo");
  ASSERT_TRUE(council.ok() && council->has_value());
  const CallContext ctx{(*council)->id, "127.0.0.1"};
  const Principal admin = testing::PrincipalAs(Role::kAdministrator);

  std::vector<SupportPlanRecord> plans;
  PersonId holder_person;
  ASSERT_TRUE(db.store()
                  .Read(ctx.council,
                        [&](Transaction& tx) -> Status {
                          for (int64_t id = 1;; ++id) {
                            SD_ASSIGN_OR_RETURN(auto p, tx.support_plans().Find(SupportPlanId{id}));
                            if (!p) break;
                            plans.push_back(*p);
                          }
                          SD_ASSIGN_OR_RETURN(auto holder, tx.users().FindByEmail(
                                                               "budget.holder@demo.example.org"));
                          if (holder) holder_person = holder->person_id;
                          return OkStatus();
                        })
                  .ok());
  ASSERT_GT(plans.size(), 40u);
  ASSERT_TRUE(holder_person.valid());

  std::map<PlanStatus, int> statuses;
  std::set<bool> traditional;  // Among agreed lines: true for traditional, false for creative.
  int64_t agreed_pence = 0;
  int64_t agreed_plans = 0;
  int64_t charged_plans = 0;  // Agreed plans of people with a completed financial assessment.
  int64_t revising = 0;       // Agreed plans with a new version being written after a review.
  for (const auto& p : plans) {
    EXPECT_NE(p.person_id, holder_person);
    ++statuses[p.status];
    auto view = planning.Get(ctx, admin, p.id);
    ASSERT_TRUE(view.ok()) << "plan " << p.id << ": " << view.error().message;
    ASSERT_FALSE(view->events.empty());
    EXPECT_EQ(view->events.front().kind, "started");
    if (p.status == PlanStatus::kDraft && p.approved_version > 0) {
      // Its agreed version is still in force (and on the dashboard) until the new one is agreed.
      EXPECT_EQ(view->events.back().kind, "revised");
      agreed_pence += p.agreed_weekly.pence();
      ++agreed_plans;
      ++revising;
    }
    if (p.status == PlanStatus::kDraft) continue;
    EXPECT_TRUE(view->missing.empty()) << "plan " << p.id << " was sent incomplete";
    EXPECT_EQ(view->record.weekly_total, view->cost.weekly_total);
    if (p.status == PlanStatus::kSubmitted) continue;
    EXPECT_NE(p.decided_by, p.submitted_by);
    EXPECT_NE(p.decided_by, p.last_edited_by);
    EXPECT_FALSE(p.decision_reason.empty() && p.status == PlanStatus::kReturned);
    if (p.status != PlanStatus::kApproved) continue;
    EXPECT_EQ(p.approved_version, p.version);
    EXPECT_EQ(p.agreed_weekly, p.weekly_total);
    EXPECT_EQ(p.person_weekly + p.council_weekly, p.agreed_weekly);
    EXPECT_FALSE(p.return_category.empty());
    const std::string kind = view->events.back().kind;
    EXPECT_TRUE(kind == "approved" || kind == "approved_higher") << kind;
    EXPECT_EQ(kind == "approved_higher", view->over_tolerance) << "plan " << p.id;
    EXPECT_TRUE(kind != "approved_higher" || !p.decision_reason.empty());
    for (const auto& line : view->content.lines) {
      if (line.unit_cost > Pence{}) traditional.insert(domain::IsTraditional(line.category));
    }
    // The charge is worked out on the agreed plan's budget, and the plan's split uses it.
    ASSERT_TRUE(db.store()
                    .Read(ctx.council,
                          [&](Transaction& tx) -> Status {
                            auto cost = ArrangedWeeklyCost(tx, p.person_id);
                            EXPECT_TRUE(cost.ok() && *cost == p.agreed_weekly) << "plan " << p.id;
                            SD_ASSIGN_OR_RETURN(auto fas,
                                                tx.financial_assessments().ForPerson(p.person_id));
                            for (const auto& f : fas) {
                              if (f.status != FinancialAssessmentStatus::kCompleted) continue;
                              EXPECT_EQ(f.weekly_cost, p.agreed_weekly) << "plan " << p.id;
                              EXPECT_EQ(p.person_weekly, f.weekly_charge) << "plan " << p.id;
                              ++charged_plans;
                              break;
                            }
                            return OkStatus();
                          })
                    .ok());
    agreed_pence += p.agreed_weekly.pence();
    ++agreed_plans;
  }
  EXPECT_GT(statuses[PlanStatus::kApproved], statuses[PlanStatus::kSubmitted]);
  EXPECT_GT(statuses[PlanStatus::kSubmitted], 0);
  EXPECT_GT(statuses[PlanStatus::kReturned], 0);
  EXPECT_GT(statuses[PlanStatus::kDraft], 0);
  EXPECT_EQ(traditional, (std::set<bool>{false, true}));

  auto spend = planning.Dashboard(ctx, testing::PrincipalAs(Role::kAnalyst), {});
  ASSERT_TRUE(spend.ok());
  int64_t dashboard_pence = 0;
  int64_t dashboard_plans = 0;
  for (const auto& cell : spend->agreements) {
    dashboard_pence += cell.weekly.pence();
    dashboard_plans += cell.count;
  }
  EXPECT_EQ(dashboard_plans, agreed_plans);
  EXPECT_EQ(dashboard_pence, agreed_pence);
  int64_t by_category = 0;
  for (const auto& cell : spend->spend) by_category += cell.weekly.pence();
  EXPECT_EQ(by_category, agreed_pence);
  EXPECT_GT(charged_plans, agreed_plans / 2);
  EXPECT_EQ(revising, 2);  // The demo's changes of circumstance in progress.

  // Every demo financial assessment's premiums are the ones its benefits give (premiums.h).
  std::vector<FinancialAssessmentRecord> current;
  ASSERT_TRUE(db.store()
                  .Read(ctx.council,
                        [&](Transaction& tx) -> Status {
                          SD_ASSIGN_OR_RETURN(current, tx.financial_assessments().Current());
                          return OkStatus();
                        })
                  .ok());
  ASSERT_GT(current.size(), 40u);
  int enhanced = 0;
  for (const auto& f : current) {
    // The current assessment (by date) is also the newest completed one, the one plans use.
    auto charges = ChargingService(db.store(), clock, audit).ForPerson(ctx, admin, f.person_id);
    ASSERT_TRUE(charges.ok());
    for (const auto& c : *charges) {
      if (c.status != FinancialAssessmentStatus::kCompleted) continue;
      EXPECT_EQ(c.id, f.id) << "person " << f.person_id;
      break;
    }
    const ChargingRequest request =
        ChargingRequestFromJson(boost::json::parse(f.input_json).as_object());
    const auto& in = request.input;
    auto rates = ChargingRatesOn(in.assessment_date);
    ASSERT_TRUE(rates.ok());
    const domain::Premiums expected = domain::PremiumsFromBenefits(**rates, in.age, in.income);
    EXPECT_EQ(in.disability_premium, expected.disability) << "assessment " << f.id;
    EXPECT_EQ(in.enhanced_disability_premium, expected.enhanced_disability) << f.id;
    EXPECT_EQ(in.carer_premium, expected.carer) << f.id;
    enhanced += in.enhanced_disability_premium;
  }
  EXPECT_GT(enhanced, 0);
}

}  // namespace
}  // namespace selfdirect::app
