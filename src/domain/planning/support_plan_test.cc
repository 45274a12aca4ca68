#include "domain/planning/support_plan.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

const Date kToday = *Date::Parse("2026-11-22");
const PersonAccessFacts kPerson{PersonId{9}, TeamId{3}};

SupportPlanContent Complete() {
  SupportPlanContent p;
  p.needs = {{"Getting washed and dressed", true, "A PA each morning"},
             {"Feels lonely at weekends", false, ""}};
  p.what_matters = "Staying in my own home and seeing my grandchildren";
  p.outcomes = {"Get up and dressed by 9 so I can go out"};
  p.helpers = {{"My daughter", "Shopping on Saturdays", false}};
  p.contingency = "My daughter covers if the PA is ill";
  p.risks = "Falls: pendant alarm";
  p.review_date = kToday.AddDays(56);
  PlanLine pa;
  pa.item = "pa-hour";
  pa.category = SupportCategory::kPersonalAssistant;
  pa.unit_cost = Pence::FromPence(1271);
  pa.quantity_hundredths = 1000;
  p.lines = {pa};
  return p;
}

std::vector<std::string> Fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

TEST(SupportPlan, ACompletePlanCanBeSubmitted) {
  EXPECT_TRUE(MissingSections(Complete(), kToday).empty());
  for (PlanSection s : kPlanSections) EXPECT_TRUE(SectionComplete(Complete(), s));
}

TEST(SupportPlan, AnEmptyPlanNamesEveryMissingSectionInOrder) {
  EXPECT_EQ(Fields(MissingSections(SupportPlanContent{}, kToday)),
            (std::vector<std::string>{"needs", "what_matters", "outcomes", "lines", "helpers",
                                      "contingency", "risks", "review_date"}));
  for (PlanSection s : kPlanSections) EXPECT_FALSE(SectionComplete(SupportPlanContent{}, s));
}

TEST(SupportPlan, AnEligibleNeedMustSayHowItIsMet) {
  auto p = Complete();
  p.needs[0].how_met = "  ";
  EXPECT_EQ(Fields(MissingSections(p, kToday)), std::vector<std::string>{"needs[0].how_met"});
  EXPECT_FALSE(SectionComplete(p, PlanSection::kNeeds));
  // A need that is not eligible may be left to information and advice.
  p.needs[0].eligible = false;
  EXPECT_TRUE(MissingSections(p, kToday).empty());
}

TEST(SupportPlan, TheReviewDateIsAfterTodayAndWithinAYear) {
  auto p = Complete();
  p.review_date = kToday;
  EXPECT_EQ(Fields(MissingSections(p, kToday)), std::vector<std::string>{"review_date"});
  p.review_date = kToday.AddDays(367);
  EXPECT_EQ(Fields(MissingSections(p, kToday)), std::vector<std::string>{"review_date"});
  p.review_date = kToday.AddDays(365);
  EXPECT_TRUE(MissingSections(p, kToday).empty());
}

TEST(SupportPlan, SectionCodesRoundTrip) {
  for (PlanSection s : kPlanSections) EXPECT_EQ(ParsePlanSection(PlanSectionCode(s)), s);
  for (PlanStatus s :
       {PlanStatus::kDraft, PlanStatus::kSubmitted, PlanStatus::kReturned, PlanStatus::kApproved})
    EXPECT_EQ(ParsePlanStatus(PlanStatusCode(s)), s);
  EXPECT_FALSE(ParsePlanSection("budget").has_value());
  EXPECT_FALSE(ParsePlanStatus("agreed").has_value());
}

TEST(SupportPlan, TheBudgetSplitsIntoThePersonsAndTheCouncilsPart) {
  // GBP 286.77 a week, GBP 14,912.27 a year; the person pays GBP 45.10 a week.
  auto b = SplitBudget(Pence::FromPence(28677), Pence::FromPence(1491227), Pence::FromPence(4510));
  EXPECT_EQ(b.person_weekly, Pence::FromPence(4510));
  EXPECT_EQ(b.council_weekly, Pence::FromPence(24167));
  EXPECT_EQ(b.person_annual, Pence::FromPence(234520));
  EXPECT_EQ(b.council_annual, Pence::FromPence(1256707));
  // A charge above the cost: the person pays the cost, the council nothing.
  auto full = SplitBudget(Pence::FromPence(3000), Pence::FromPence(156000), Pence::FromPence(9000));
  EXPECT_EQ(full.person_weekly, Pence::FromPence(3000));
  EXPECT_EQ(full.council_weekly, Pence{});
  EXPECT_EQ(full.council_annual, Pence{});
  // No financial assessment yet: the council's part is the whole budget.
  auto none = SplitBudget(Pence::FromPence(3000), Pence::FromPence(156000), std::nullopt);
  EXPECT_EQ(none.council_weekly, Pence::FromPence(3000));
  EXPECT_EQ(none.person_annual, Pence{});
}

Actor ActorOf(Role role, int user, TeamId team = TeamId{}, PersonId own = PersonId{}) {
  return Actor{UserId{user}, role, team, own, {}};
}

TEST(SupportPlan, ThePersonTheirRepresentativeAndTheTeamEditADraftOrReturnedPlan) {
  PlanFacts draft{kPerson, PlanStatus::kDraft, UserId{1}, UserId{}};
  EXPECT_TRUE(CheckCanEdit(ActorOf(Role::kBudgetHolder, 1, TeamId{}, PersonId{9}), draft).ok());
  Actor rep = ActorOf(Role::kRepresentative, 2);
  rep.represented_people = {PersonId{9}};
  EXPECT_TRUE(CheckCanEdit(rep, draft).ok());
  EXPECT_TRUE(CheckCanEdit(ActorOf(Role::kPractitioner, 3, TeamId{3}), draft).ok());
  EXPECT_EQ(CheckCanEdit(ActorOf(Role::kPractitioner, 4, TeamId{4}), draft).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(CheckCanEdit(ActorOf(Role::kFinanceOfficer, 5), draft).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(
      CheckCanEdit(ActorOf(Role::kBudgetHolder, 6, TeamId{}, PersonId{8}), draft).error().code,
      ErrorCode::kPermissionDenied);
  PlanFacts returned = draft;
  returned.status = PlanStatus::kReturned;
  EXPECT_TRUE(CheckCanEdit(ActorOf(Role::kPractitioner, 3, TeamId{3}), returned).ok());
}

TEST(SupportPlan, SubmittedAndApprovedPlansCannotBeEdited) {
  Actor worker = ActorOf(Role::kPractitioner, 3, TeamId{3});
  PlanFacts submitted{kPerson, PlanStatus::kSubmitted, UserId{1}, UserId{1}};
  EXPECT_EQ(CheckCanEdit(worker, submitted).error().code, ErrorCode::kFailedPrecondition);
  PlanFacts approved{kPerson, PlanStatus::kApproved, UserId{1}, UserId{1}};
  auto e = CheckCanEdit(worker, approved);
  EXPECT_EQ(e.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(e.error().message.find("new version"), std::string::npos);
}

TEST(SupportPlan, SubmittingAnIncompletePlanNamesTheSections) {
  Actor worker = ActorOf(Role::kPractitioner, 3, TeamId{3});
  PlanFacts draft{kPerson, PlanStatus::kDraft, UserId{3}, UserId{}};
  auto missing = MissingSections(SupportPlanContent{}, kToday);
  auto e = CheckCanSubmit(worker, draft, missing);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(e.error().fields.size(), missing.size());
  EXPECT_TRUE(CheckCanSubmit(worker, draft, {}).ok());
}

TEST(SupportPlan, AnApproverOfTheTeamDecidesOnPlansTheyDidNotWriteOrSend) {
  Actor approver = ActorOf(Role::kApprover, 7, TeamId{3});
  PlanFacts plan{kPerson, PlanStatus::kSubmitted, UserId{3}, UserId{3}};
  EXPECT_TRUE(CheckDecision(approver, plan, {PlanDecision::kApprove, ""}, false).ok());
  // Their own plan: refused whether they wrote it or sent it.
  PlanFacts own = plan;
  own.last_edited_by = UserId{7};
  EXPECT_EQ(CheckDecision(approver, own, {PlanDecision::kApprove, ""}, false).error().code,
            ErrorCode::kPermissionDenied);
  own = plan;
  own.submitted_by = UserId{7};
  EXPECT_EQ(CheckDecision(approver, own, {PlanDecision::kReturn, "x"}, false).error().code,
            ErrorCode::kPermissionDenied);
  // Another team's approver, or a practitioner: refused.
  EXPECT_EQ(CheckDecision(ActorOf(Role::kApprover, 8, TeamId{4}), plan,
                          {PlanDecision::kApprove, ""}, false)
                .error()
                .code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(CheckDecision(ActorOf(Role::kPractitioner, 8, TeamId{3}), plan,
                          {PlanDecision::kApprove, ""}, false)
                .error()
                .code,
            ErrorCode::kPermissionDenied);
  // Only a submitted plan.
  PlanFacts draft = plan;
  draft.status = PlanStatus::kDraft;
  EXPECT_EQ(CheckDecision(approver, draft, {PlanDecision::kApprove, ""}, false).error().code,
            ErrorCode::kFailedPrecondition);
}

TEST(SupportPlan, ReturningAndApprovingAHigherBudgetNeedAReason) {
  Actor approver = ActorOf(Role::kApprover, 7, TeamId{3});
  PlanFacts plan{kPerson, PlanStatus::kSubmitted, UserId{3}, UserId{3}};
  auto r = CheckDecision(approver, plan, {PlanDecision::kReturn, " "}, false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Fields(r.error().fields), std::vector<std::string>{"reason"});
  auto higher = CheckDecision(approver, plan, {PlanDecision::kApprove, ""}, true);
  ASSERT_FALSE(higher.ok());
  EXPECT_EQ(Fields(higher.error().fields), std::vector<std::string>{"reason"});
  EXPECT_TRUE(
      CheckDecision(approver, plan, {PlanDecision::kApprove, "Two carers needed"}, true).ok());
}

}  // namespace
}  // namespace selfdirect::domain
