// File: review_schedule.h
// When a person's care and support plan, and their direct payment, must next be reviewed, and
// what a review may change, as pure rules (issue 23; rules.md 1.8, 1.9; docs/reviews.md).
//
// Candidates for the next review, the earliest wins:
// - the first review of a newly agreed plan (a first plan or a revised one): due 8 weeks after it
//   was agreed, and not held before 6 weeks unless something changes (the statutory guidance
//   expectation, rules.md 1.9);
// - then a review at most 12 months after the last one held (rules.md 1.9);
// - the plan's own review date, as the plan agreed it, unless a review has been held since;
// - a direct payment: within 6 months of the first payment, then at most 12 months after the
//   last review (Care and Support (Direct Payments) Regulations 2014 reg 7); a review of the plan
//   held after the first payment covers the direct payment too (rules.md 1.8: the two should
//   normally coincide);
// - an unplanned review asked for (by the person, or on an event: a hospital stay, a monitoring
//   flag, a complaint), due on the date set when it was asked for.
// Months are calendar months (Date::AddMonths). The intervals are the council's policy within
// the law's limits (ReviewPolicy), set on the administration pages.
#pragma once

#include <optional>
#include <string_view>

#include "base/date.h"
#include "base/pence.h"
#include "base/result.h"

namespace selfdirect::domain {

struct ReviewPolicy {
  int first_review_from_days = 42;  // 6 weeks: the first review is not held before this.
  int first_review_by_days = 56;    // 8 weeks: the first review is due.
  int plan_interval_months = 12;    // At most this long between reviews.
  int dp_first_months = 6;          // A direct payment's first review, from its first payment.
  int dp_interval_months = 12;
  int due_soon_days = 28;  // Shown as "due soon" this many days before the due date.
};

// Checks the policy against the law's limits: the first review 1 to 13 weeks after agreement
// (from not after by), reviews at most 12 months apart, a direct payment's first review within 6
// months, due soon 0 to 90 days. Field errors name the policy's fields.
Status ValidateReviewPolicy(const ReviewPolicy& p);

// DO NOT RENAME: stored by code.
enum class ReviewReason {
  kRequested,           // An unplanned review asked for.
  kPlanReviewDate,      // The date the plan itself set.
  kFirstPlanReview,     // 6 to 8 weeks after a plan was agreed.
  kFirstDirectPayment,  // Within 6 months of the first direct payment.
  kYearly,              // At most 12 months after the last review.
};
std::string_view ReviewReasonCode(ReviewReason r);   // "requested", "plan_date", "first", ...
std::string_view ReviewReasonLabel(ReviewReason r);  // "Asked for", "First review", ...
std::optional<ReviewReason> ParseReviewReason(std::string_view code);

struct ReviewFacts {
  Date plan_agreed;                          // When the plan in force was agreed.
  std::optional<Date> plan_review_date;      // The plan's own review date, if it set one.
  std::optional<Date> first_direct_payment;  // The first day a direct payment was paid for.
  std::optional<Date> last_review;           // When the last review was held.
  std::optional<Date> requested_due;         // The earliest open request's due date.
};

struct DueReview {
  Date due;
  std::optional<Date> not_before;  // A first review: not held before 6 weeks.
  ReviewReason reason = ReviewReason::kYearly;
};

// The next review: the earliest candidate; on equal dates the first in ReviewReason order.
DueReview NextReview(const ReviewFacts& facts, const ReviewPolicy& policy);

enum class ReviewTiming { kOverdue, kDueSoon, kLater };
std::string_view ReviewTimingCode(ReviewTiming t);   // "overdue", "due_soon", "later"
std::string_view ReviewTimingLabel(ReviewTiming t);  // "Overdue", "Due soon", "Not due yet"
// Overdue after the due date; due soon from policy.due_soon_days before it.
ReviewTiming TimingOf(Date due, Date today, const ReviewPolicy& policy);

// What a review decided. DO NOT RENAME: stored by code.
enum class ReviewOutcome { kNoChange, kRevisePlan, kReassess };
std::string_view ReviewOutcomeCode(ReviewOutcome o);  // "no_change", "revise_plan", "reassess"
std::string_view ReviewOutcomeLabel(ReviewOutcome o);
std::optional<ReviewOutcome> ParseReviewOutcome(std::string_view code);

// How far an outcome in the plan has been met, in the person's view. DO NOT RENAME: stored.
inline constexpr const char* kOutcomeProgress[] = {"met", "partly", "not_yet"};

// A personal budget may go down only after a reassessment found the person's needs changed
// (rules.md 1.9: a review must not
// be used to cut a budget arbitrarily): agreeing `proposed` weekly when
// `agreed` is in force needs a completed needs assessment after the day it was agreed
// (`reassessed_on`). kFailedPrecondition, saying so with both figures, otherwise.
Status CheckBudgetChange(Pence agreed, Date agreed_on, Pence proposed,
                         std::optional<Date> reassessed_on);

}  // namespace selfdirect::domain
