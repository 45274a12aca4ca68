#include "domain/reviews/review_schedule.h"

#include <string>
#include <vector>

namespace selfdirect::domain {

Status ValidateReviewPolicy(const ReviewPolicy& p) {
  std::vector<FieldError> errors;
  if (p.first_review_by_days < 7 || p.first_review_by_days > 91)
    errors.push_back({"first_review_by_days",
                      "The first review must be due 1 to 13 weeks after "
                      "the plan is agreed"});
  if (p.first_review_from_days < 0 || p.first_review_from_days > p.first_review_by_days)
    errors.push_back(
        {"first_review_from_days", "The first review cannot open after the day it is due"});
  if (p.plan_interval_months < 1 || p.plan_interval_months > 12)
    errors.push_back({"plan_interval_months", "Reviews must be at most 12 months apart"});
  if (p.dp_first_months < 1 || p.dp_first_months > 6)
    errors.push_back({"dp_first_months",
                      "A direct payment must be reviewed within 6 months of "
                      "the first payment"});
  if (p.dp_interval_months < 1 || p.dp_interval_months > 12)
    errors.push_back(
        {"dp_interval_months", "Direct payment reviews must be at most 12 months apart"});
  if (p.due_soon_days < 0 || p.due_soon_days > 90)
    errors.push_back({"due_soon_days", "Show reviews as due soon 0 to 90 days ahead"});
  if (errors.empty()) return {};
  return Error::InvalidArgument("Check the review policy", std::move(errors));
}

std::string_view ReviewReasonCode(ReviewReason r) {
  switch (r) {
    case ReviewReason::kRequested:
      return "requested";
    case ReviewReason::kPlanReviewDate:
      return "plan_date";
    case ReviewReason::kFirstPlanReview:
      return "first";
    case ReviewReason::kFirstDirectPayment:
      return "direct_payment";
    case ReviewReason::kYearly:
      return "yearly";
  }
  return "yearly";
}

std::string_view ReviewReasonLabel(ReviewReason r) {
  switch (r) {
    case ReviewReason::kRequested:
      return "Review asked for";
    case ReviewReason::kPlanReviewDate:
      return "Review date in the plan";
    case ReviewReason::kFirstPlanReview:
      return "First review of a new plan";
    case ReviewReason::kFirstDirectPayment:
      return "First direct payment review";
    case ReviewReason::kYearly:
      return "Yearly review";
  }
  return "Yearly review";
}

std::optional<ReviewReason> ParseReviewReason(std::string_view code) {
  for (auto r :
       {ReviewReason::kRequested, ReviewReason::kPlanReviewDate, ReviewReason::kFirstPlanReview,
        ReviewReason::kFirstDirectPayment, ReviewReason::kYearly})
    if (ReviewReasonCode(r) == code) return r;
  return std::nullopt;
}

DueReview NextReview(const ReviewFacts& f, const ReviewPolicy& p) {
  // A review held since the plan was agreed; reviews of earlier plans do not count.
  const bool reviewed = f.last_review && *f.last_review >= f.plan_agreed;
  std::vector<DueReview> candidates;
  if (f.requested_due)
    candidates.push_back({*f.requested_due, std::nullopt, ReviewReason::kRequested});
  if (f.plan_review_date && !(f.last_review && *f.last_review >= *f.plan_review_date))
    candidates.push_back({*f.plan_review_date, std::nullopt, ReviewReason::kPlanReviewDate});
  if (reviewed) {
    candidates.push_back(
        {f.last_review->AddMonths(p.plan_interval_months), std::nullopt, ReviewReason::kYearly});
  } else {
    candidates.push_back({f.plan_agreed.AddDays(p.first_review_by_days),
                          f.plan_agreed.AddDays(p.first_review_from_days),
                          ReviewReason::kFirstPlanReview});
  }
  if (f.first_direct_payment) {
    if (f.last_review && *f.last_review >= *f.first_direct_payment) {
      candidates.push_back(
          {f.last_review->AddMonths(p.dp_interval_months), std::nullopt, ReviewReason::kYearly});
    } else {
      candidates.push_back({f.first_direct_payment->AddMonths(p.dp_first_months), std::nullopt,
                            ReviewReason::kFirstDirectPayment});
    }
  }
  DueReview best = candidates.front();
  for (const auto& c : candidates) {
    if (c.due < best.due || (c.due == best.due && c.reason < best.reason)) best = c;
  }
  // The first review's "not before" applies only when the first review is what is due.
  if (best.reason != ReviewReason::kFirstPlanReview) best.not_before.reset();
  return best;
}

std::string_view ReviewTimingCode(ReviewTiming t) {
  switch (t) {
    case ReviewTiming::kOverdue:
      return "overdue";
    case ReviewTiming::kDueSoon:
      return "due_soon";
    case ReviewTiming::kLater:
      return "later";
  }
  return "later";
}

std::string_view ReviewTimingLabel(ReviewTiming t) {
  switch (t) {
    case ReviewTiming::kOverdue:
      return "Overdue";
    case ReviewTiming::kDueSoon:
      return "Due soon";
    case ReviewTiming::kLater:
      return "Not due yet";
  }
  return "Not due yet";
}

ReviewTiming TimingOf(Date due, Date today, const ReviewPolicy& policy) {
  if (due < today) return ReviewTiming::kOverdue;
  if (due.DaysSince(today) <= policy.due_soon_days) return ReviewTiming::kDueSoon;
  return ReviewTiming::kLater;
}

std::string_view ReviewOutcomeCode(ReviewOutcome o) {
  switch (o) {
    case ReviewOutcome::kNoChange:
      return "no_change";
    case ReviewOutcome::kRevisePlan:
      return "revise_plan";
    case ReviewOutcome::kReassess:
      return "reassess";
  }
  return "no_change";
}

std::string_view ReviewOutcomeLabel(ReviewOutcome o) {
  switch (o) {
    case ReviewOutcome::kNoChange:
      return "No change: the plan is working";
    case ReviewOutcome::kRevisePlan:
      return "Revise the plan";
    case ReviewOutcome::kReassess:
      return "Reassess needs";
  }
  return "No change: the plan is working";
}

std::optional<ReviewOutcome> ParseReviewOutcome(std::string_view code) {
  for (auto o : {ReviewOutcome::kNoChange, ReviewOutcome::kRevisePlan, ReviewOutcome::kReassess})
    if (ReviewOutcomeCode(o) == code) return o;
  return std::nullopt;
}

Status CheckBudgetChange(Pence agreed, Date agreed_on, Pence proposed,
                         std::optional<Date> reassessed_on) {
  if (proposed >= agreed) return {};
  if (reassessed_on && *reassessed_on >= agreed_on) return {};
  return Error::FailedPrecondition(
      "The personal budget cannot go down from " + agreed.ToDisplayString() + " to " +
      proposed.ToDisplayString() +
      " a week without a reassessment that found the person's needs have changed. Complete a "
      "reassessment first, or keep the plan at " +
      agreed.ToDisplayString() + " a week.");
}

}  // namespace selfdirect::domain
