// Reviews through the use cases on a real store: an agreed plan is scheduled for its first review
// and listed for its team; requests and reviews are validated and refused ones store nothing; a
// review can revise the plan; and an agreed budget goes down only after a reassessment.
#include "app/reviews/review_service.h"

#include <gtest/gtest.h>

#include "app/test_store.h"

namespace selfdirect::app {
namespace {

using domain::PlanDecision;
using domain::ReviewReason;
using domain::ReviewTiming;
using domain::Role;
namespace json = boost::json;

domain::SupportPlanContent PlanWith(Date review_date, int pa_hours) {
  auto content = SupportPlanFromJson(
      json::parse(R"({"needs": [{"description": "Washing and dressing", "eligible": true,
                     "how_met": "A PA"}], "what_matters": "Home", "outcomes": ["Go swimming",
                     "See friends"], "contingency": "Son", "risks": "Falls",
                     "helpers": [{"who": "My son", "help": "Shopping", "paid": false}],
                     "lines": [{"item": "pa-hour", "quantity": ")" +
                  std::to_string(pa_hours) + R"(", "per": "week"}]})"),
      DefaultCatalogue());
  EXPECT_TRUE(content.ok()) << content.error().message;
  content->review_date = review_date;
  return *content;
}

class ReviewServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto added = testing::AddTwoTeamsAndAPerson(db_.store(), db_.council(), clock_.Now());
    north_ = added.north;
    south_ = added.south;
    person_ = added.person;
  }

  Principal As(Role role, TeamId team = TeamId{}, PersonId own = PersonId{}, int user = 0) {
    return testing::PrincipalAs(role, team, own, user);
  }

  // Writes, sends and agrees a plan of `pa_hours` a week; returns its id.
  SupportPlanId AgreePlan(int pa_hours) {
    auto started = planning_.Start(ctx_, worker_, person_);
    EXPECT_TRUE(started.ok());
    const SupportPlanId id = started->record.id;
    if (started->record.status == domain::PlanStatus::kApproved) {
      EXPECT_TRUE(planning_.Revise(ctx_, worker_, id).ok());
    }
    EXPECT_TRUE(
        planning_.Save(ctx_, worker_, id, PlanWith(Today().AddDays(300), pa_hours), "All").ok());
    auto sent = planning_.Submit(ctx_, worker_, id);
    EXPECT_TRUE(sent.ok()) << sent.error().message << " "
                           << (sent.ok() || sent.error().fields.empty()
                                   ? ""
                                   : sent.error().fields[0].field);
    auto agreed = planning_.Decide(ctx_, approver_, id, {PlanDecision::kApprove, ""});
    EXPECT_TRUE(agreed.ok()) << agreed.error().message;
    return id;
  }

  ReviewInput GoodReview(const char* outcome) {
    return {Today().ToString(),
            "The person and their son",
            "My PA is great",
            "",
            {{"", "met", ""}, {"", "partly", "Once a month"}},
            {},
            outcome,
            "More help at weekends"};
  }

  Date Today() const { return clock_.Now().LondonDate(); }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-11-22T09:00:00Z")};
  AuditTrail audit_{db_.store()};
  PlanningService planning_{db_.store(), clock_, audit_};
  ReviewService reviews_{db_.store(), clock_, audit_, planning_};
  CallContext ctx_{db_.council(), "127.0.0.1"};
  TeamId north_, south_;
  PersonId person_;
  Principal worker_ = As(Role::kPractitioner, TeamId{1}, PersonId{}, 502);
  Principal approver_ = As(Role::kApprover, TeamId{1}, PersonId{}, 503);
};

TEST_F(ReviewServiceTest, AnAgreedPlanIsDueItsFirstReviewAndListedForItsTeam) {
  worker_ = As(Role::kPractitioner, north_, PersonId{}, 502);
  approver_ = As(Role::kApprover, north_, PersonId{}, 503);
  auto before = reviews_.ForPerson(ctx_, worker_, person_);
  ASSERT_TRUE(before.ok());
  EXPECT_FALSE(before->next);
  EXPECT_EQ(reviews_.Request(ctx_, worker_, person_, {"hospital_stay", "", ""}).error().code,
            ErrorCode::kFailedPrecondition);
  AgreePlan(10);
  auto f = reviews_.ForPerson(ctx_, worker_, person_);
  ASSERT_TRUE(f.ok() && f->next);
  EXPECT_EQ(f->next->due.due, Today().AddDays(56));
  EXPECT_EQ(f->next->due.not_before, Today().AddDays(42));
  EXPECT_EQ(f->next->due.reason, ReviewReason::kFirstPlanReview);
  EXPECT_EQ(f->outcomes, (std::vector<std::string>{"Go swimming", "See friends"}));
  EXPECT_TRUE(f->may_record);
  auto soon = reviews_.List(ctx_, worker_, {std::nullopt, "due_soon"});
  ASSERT_TRUE(soon.ok());
  EXPECT_TRUE(soon->items.empty());
  EXPECT_EQ(soon->later, 1);
  EXPECT_EQ(reviews_.List(ctx_, worker_, {std::nullopt, "all"})->items.size(), 1u);
  auto south = As(Role::kPractitioner, south_, PersonId{}, 504);
  EXPECT_EQ(reviews_.List(ctx_, south, {north_, "all"})->items.size(), 0u);  // Own team only.
  EXPECT_EQ(reviews_.ForPerson(ctx_, south, person_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(reviews_.List(ctx_, As(Role::kFinanceOfficer), {}).error().code,
            ErrorCode::kPermissionDenied);
  clock_.AdvanceSeconds(86400 * 30);
  EXPECT_EQ(reviews_.List(ctx_, worker_, {})->items.at(0).timing, ReviewTiming::kDueSoon);
  clock_.AdvanceSeconds(86400 * 27);
  auto overdue = reviews_.List(ctx_, worker_, {std::nullopt, "overdue"});
  EXPECT_EQ(overdue->overdue, 1);
  EXPECT_EQ(overdue->items.at(0).timing, ReviewTiming::kOverdue);
  auto admin = reviews_.List(ctx_, As(Role::kAdministrator), {south_, "all"});
  EXPECT_TRUE(admin->items.empty());  // Administrators choose the team.
}

TEST_F(ReviewServiceTest, APersonIsRemindedOnceWhenTheirReviewComesDueAndAgainWhenOverdueNot) {
  worker_ = As(Role::kPractitioner, north_, PersonId{}, 502);
  approver_ = As(Role::kApprover, north_, PersonId{}, 503);
  AgreePlan(10);
  auto reminders = [&] {
    std::vector<MessageRecord> out;
    EXPECT_TRUE(db_.store()
                    .Read(db_.council(),
                          [&](Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(auto all, tx.messages().ForPerson(person_, 50));
                            for (auto& m : all)
                              if (m.subject == "Your review is due") out.push_back(m);
                            return OkStatus();
                          })
                    .ok());
    return out;
  };
  EXPECT_EQ(*reviews_.SendReminders(), 0);  // Due in 8 weeks: not yet.
  clock_.AdvanceSeconds(86400 * 30);        // Due soon (within 28 days).
  EXPECT_EQ(*reviews_.SendReminders(), 1);
  EXPECT_EQ(*reviews_.SendReminders(), 0);  // Once.
  clock_.AdvanceSeconds(86400 * 27);        // Overdue: the same due date, not again.
  EXPECT_EQ(*reviews_.SendReminders(), 0);
  auto told = reminders();
  ASSERT_EQ(told.size(), 1u);
  EXPECT_NE(told[0].body.find("It is due by " + Today().AddDays(-57 + 56).ToLongString()),
            std::string::npos)
      << told[0].body;
}

TEST_F(ReviewServiceTest, RequestsAreCheckedAndBringTheReviewForward) {
  worker_ = As(Role::kPractitioner, north_, PersonId{}, 502);
  approver_ = As(Role::kApprover, north_, PersonId{}, 503);
  AgreePlan(10);
  auto bad = reviews_.Request(ctx_, worker_, person_, {"cut", "", Today().AddDays(-1).ToString()});
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().fields.size(), 2u);
  EXPECT_EQ(bad.error().fields[0].field, "reason");
  EXPECT_EQ(bad.error().fields[1].field, "due");
  EXPECT_TRUE(reviews_.ForPerson(ctx_, worker_, person_)->requests.empty());
  auto holder = As(Role::kBudgetHolder, TeamId{}, person_, 501);
  auto empty = reviews_.Request(ctx_, holder, person_, {"", "  ", ""});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().fields.at(0).field, "detail");
  auto mine =
      reviews_.Request(ctx_, holder, person_, {"complaint", "My PA has left", "2026-11-23"});
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->reason, "person_asked");  // The person's own request, due in 14 days.
  EXPECT_EQ(mine->due, Today().AddDays(14));
  auto asked = reviews_.Request(ctx_, worker_, person_,
                                {"hospital_stay", "", Today().AddDays(10).ToString()});
  ASSERT_TRUE(asked.ok());
  auto f = reviews_.ForPerson(ctx_, holder, person_);
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE(f->self);
  EXPECT_FALSE(f->may_record);
  EXPECT_EQ(f->next->due.due, Today().AddDays(10));
  EXPECT_EQ(f->next->due.reason, ReviewReason::kRequested);
  EXPECT_EQ(f->requests.size(), 2u);
}

TEST_F(ReviewServiceTest, ABadReviewStoresNothingAndAGoodOneRevisesThePlan) {
  worker_ = As(Role::kPractitioner, north_, PersonId{}, 502);
  approver_ = As(Role::kApprover, north_, PersonId{}, 503);
  const SupportPlanId plan = AgreePlan(10);
  ASSERT_TRUE(reviews_.Request(ctx_, worker_, person_, {"hospital_stay", "Fell", ""}).ok());
  ReviewInput bad{Today().AddDays(1).ToString(), "", "", "", {{"", "met", ""}},
                  {{"life_overall", "x"}},       "", ""};
  auto refused = reviews_.Record(ctx_, worker_, person_, bad);
  ASSERT_FALSE(refused.ok());
  std::vector<std::string> fields;
  for (const auto& e : refused.error().fields) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"held_on", "took_part", "working", "outcome_1",
                                              "answers.life_overall", "outcome"}));
  auto reason = GoodReview("reassess");
  reason.outcome_reason = "";
  EXPECT_EQ(reviews_.Record(ctx_, worker_, person_, reason).error().fields.at(0).field,
            "outcome_reason");
  EXPECT_EQ(reviews_
                .Record(ctx_, As(Role::kBudgetHolder, TeamId{}, person_, 501), person_,
                        GoodReview("no_change"))
                .error()
                .code,
            ErrorCode::kPermissionDenied);
  EXPECT_TRUE(reviews_.ForPerson(ctx_, worker_, person_)->reviews.empty());
  // The refused review is audited; a refused one with bad fields is not a refusal of access.
  ASSERT_TRUE(audit_.Flush().ok());
  std::vector<AuditEntry> entries;
  ASSERT_TRUE(db_.store()
                  .Read(db_.council(),
                        [&](Transaction& tx) -> Status {
                          SD_ASSIGN_OR_RETURN(entries,
                                              tx.audit().Recent(3, "person", person_.ToString()));
                          return OkStatus();
                        })
                  .ok());
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].action, "reviews.view");
  EXPECT_EQ(entries[1].action, "review.record_refused");
  EXPECT_EQ(entries[2].action, "review.request");

  auto done = reviews_.Record(ctx_, worker_, person_, GoodReview("revise_plan"));
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_TRUE(done->plan_revised);
  EXPECT_EQ(done->review.outcomes.at(1).outcome, "See friends");
  EXPECT_EQ(done->review.reason, "requested");  // The hospital stay came before the first review.
  auto revised = planning_.Get(ctx_, worker_, plan);
  EXPECT_EQ(revised->record.status, domain::PlanStatus::kDraft);
  auto f = reviews_.ForPerson(ctx_, worker_, person_);
  ASSERT_EQ(f->reviews.size(), 1u);
  EXPECT_FALSE(f->requests.at(0).review == std::nullopt);  // The request is answered.
  // The agreed plan is still in force: its own review date is now the next one.
  EXPECT_EQ(f->next->due.reason, ReviewReason::kPlanReviewDate);
}

TEST_F(ReviewServiceTest, ABudgetGoesDownOnlyAfterAReassessment) {
  worker_ = As(Role::kPractitioner, north_, PersonId{}, 502);
  approver_ = As(Role::kApprover, north_, PersonId{}, 503);
  const SupportPlanId plan = AgreePlan(10);
  const Pence agreed = planning_.Get(ctx_, worker_, plan)->record.agreed_weekly;
  clock_.AdvanceSeconds(86400 * 60);
  ASSERT_TRUE(planning_.Revise(ctx_, worker_, plan).ok());
  ASSERT_TRUE(
      planning_.Save(ctx_, worker_, plan, PlanWith(Today().AddDays(300), 6), "Fewer hours").ok());
  ASSERT_TRUE(planning_.Submit(ctx_, worker_, plan).ok());
  // The approver is told before deciding.
  EXPECT_NE(planning_.Get(ctx_, approver_, plan)->cut_refused.find("without a reassessment"),
            std::string::npos);
  auto refused = planning_.Decide(ctx_, approver_, plan, {PlanDecision::kApprove, ""});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.error().message.find("without a reassessment"), std::string::npos);
  auto unchanged = planning_.Get(ctx_, worker_, plan);
  EXPECT_EQ(unchanged->record.status, domain::PlanStatus::kSubmitted);
  EXPECT_EQ(unchanged->record.agreed_weekly, agreed);
  // A reassessment completed since the budget was agreed found the needs changed.
  ASSERT_TRUE(
      testing::AddCompletedAssessment(db_.store(), db_.council(), person_, clock_.Now()).ok());
  EXPECT_EQ(planning_.Get(ctx_, approver_, plan)->cut_refused, "");
  auto cut = planning_.Decide(ctx_, approver_, plan, {PlanDecision::kApprove, ""});
  ASSERT_TRUE(cut.ok()) << cut.error().message;
  EXPECT_LT(cut->record.agreed_weekly, agreed);
  // The new version starts the review schedule again.
  EXPECT_EQ(reviews_.ForPerson(ctx_, worker_, person_)->next->due.due, Today().AddDays(56));
}

}  // namespace
}  // namespace selfdirect::app
