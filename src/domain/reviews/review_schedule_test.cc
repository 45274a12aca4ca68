#include "domain/reviews/review_schedule.h"

#include <gtest/gtest.h>

#include "app/golden_case.h"

namespace selfdirect::domain {
namespace {

std::optional<Date> OptionalDateOf(const testing::GoldenCase& c, const std::string& key) {
  auto it = c.header.find(key);
  if (it == c.header.end()) return std::nullopt;
  return *Date::Parse(it->second);
}

class ScheduleCase : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(ScheduleCase, DueAsTheCaseSays) {
  const testing::GoldenCase c = testing::LoadGoldenCase(GetParam());
  ReviewFacts f;
  f.plan_agreed = *Date::Parse(c.header.at("plan_agreed"));
  f.plan_review_date = OptionalDateOf(c, "plan_review_date");
  f.first_direct_payment = OptionalDateOf(c, "first_direct_payment");
  f.last_review = OptionalDateOf(c, "last_review");
  f.requested_due = OptionalDateOf(c, "requested_due");
  const DueReview due = NextReview(f, ReviewPolicy{});
  EXPECT_EQ(due.due.ToString(), c.expect.at("due"));
  EXPECT_EQ(due.not_before ? due.not_before->ToString() : "none", c.expect.at("not_before"));
  EXPECT_EQ(ReviewReasonCode(due.reason), c.expect.at("reason"));
}

INSTANTIATE_TEST_SUITE_P(Golden, ScheduleCase,
                         ::testing::ValuesIn(testing::GoldenCaseFiles(SELFDIRECT_CASES_DIR
                                                                      "/reviews")),
                         [](const auto& info) { return testing::GoldenTestName(info.param); });

TEST(ReviewSchedule, TimingCountsFromToday) {
  const Date today = *Date::Parse("2026-12-05");
  const ReviewPolicy p;
  EXPECT_EQ(TimingOf(*Date::Parse("2026-12-04"), today, p), ReviewTiming::kOverdue);
  EXPECT_EQ(TimingOf(today, today, p), ReviewTiming::kDueSoon);
  EXPECT_EQ(TimingOf(*Date::Parse("2027-01-02"), today, p), ReviewTiming::kDueSoon);
  EXPECT_EQ(TimingOf(*Date::Parse("2027-01-03"), today, p), ReviewTiming::kLater);
}

TEST(ReviewSchedule, PolicyStaysInsideTheLaw) {
  EXPECT_TRUE(ValidateReviewPolicy(ReviewPolicy{}).ok());
  ReviewPolicy p;
  p.plan_interval_months = 13;
  p.dp_first_months = 7;
  p.first_review_from_days = 60;
  auto s = ValidateReviewPolicy(p);
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.error().fields.size(), 3u);
  EXPECT_EQ(s.error().fields[0].field, "first_review_from_days");
  EXPECT_EQ(s.error().fields[1].field, "plan_interval_months");
  EXPECT_EQ(s.error().fields[2].field, "dp_first_months");
}

TEST(ReviewSchedule, ABudgetGoesDownOnlyAfterAReassessment) {
  const Date agreed_on = *Date::Parse("2026-06-01");
  const Pence agreed = *Pence::Parse("380.00");
  EXPECT_TRUE(CheckBudgetChange(agreed, agreed_on, *Pence::Parse("400.00"), std::nullopt).ok());
  EXPECT_TRUE(CheckBudgetChange(agreed, agreed_on, agreed, std::nullopt).ok());
  auto refused = CheckBudgetChange(agreed, agreed_on, *Pence::Parse("350.00"), std::nullopt);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.error().message.find("from £380.00 to £350.00 a week"), std::string::npos);
  // A reassessment before the budget was agreed does not count.
  EXPECT_FALSE(
      CheckBudgetChange(agreed, agreed_on, *Pence::Parse("350.00"), *Date::Parse("2026-05-31"))
          .ok());
  EXPECT_TRUE(
      CheckBudgetChange(agreed, agreed_on, *Pence::Parse("350.00"), *Date::Parse("2026-09-10"))
          .ok());
}

TEST(ReviewSchedule, OutcomesRoundTripByCode) {
  for (auto o : {ReviewOutcome::kNoChange, ReviewOutcome::kRevisePlan, ReviewOutcome::kReassess})
    EXPECT_EQ(ParseReviewOutcome(ReviewOutcomeCode(o)), o);
  EXPECT_FALSE(ParseReviewOutcome("cut").has_value());
  for (auto r :
       {ReviewReason::kRequested, ReviewReason::kPlanReviewDate, ReviewReason::kFirstPlanReview,
        ReviewReason::kFirstDirectPayment, ReviewReason::kYearly})
    EXPECT_EQ(ParseReviewReason(ReviewReasonCode(r)), r);
  EXPECT_EQ(ReviewTimingCode(ReviewTiming::kDueSoon), "due_soon");
}

}  // namespace
}  // namespace selfdirect::domain
