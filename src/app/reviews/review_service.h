// File: review_service.h
// Reviews of care and support plans and direct payments (issue 23, deliver 2; docs/reviews.md):
// when each person's next review is due (domain/reviews/review_schedule.h), the practitioners'
// list by due date with what is overdue, unplanned reviews asked for, and the review itself: what
// is working and what is not in the person's words, how far each outcome of the plan has been
// met, the outcome questions of the outcomes survey, the money left, and what was decided (no
// change, revise the plan, or reassess).
//
// Who: practitioners and approvers of the person's team and administrators list, ask for and
// record reviews; the person and their representative see their own and may ask for one.
// Every read is audited (refusals too); every write shares its transaction with its audit entry.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/people_service.h"
#include "app/planning/planning_service.h"
#include "app/repositories.h"
#include "domain/assessment/questionnaire.h"

namespace selfdirect::app {

// A person with an agreed plan and their next review.
struct ScheduledReview {
  ReviewScheduleRow row;
  domain::DueReview due;
  domain::ReviewTiming timing = domain::ReviewTiming::kLater;
};

// "overdue", "due_soon" (overdue and due soon) or "all".
struct ReviewListQuery {
  std::optional<TeamId> team;  // Administrators may choose; others see their own team.
  std::string show = "due_soon";
  int page = 1;  // 1-based; a page past the end is empty.
  int page_size = 50;
};

struct ReviewList {
  Date today;
  domain::ReviewPolicy policy;         // The council's, in force today.
  std::vector<ScheduledReview> items;  // The page asked for, by due date, earliest first.
  int64_t shown = 0;                   // Matching `show`, on every page.
  int64_t overdue = 0;                 // Of everyone in the team, shown or not.
  int64_t due_soon = 0;
  int64_t later = 0;
  int64_t total_pages(int page_size) const { return (shown + page_size - 1) / page_size; }
};

// A review as a page shows it: the record, and the plan outcomes and questions in words.
struct PersonReviews {
  PersonRecord person;
  std::optional<ScheduledReview> next;      // None: no agreed plan yet.
  std::vector<ReviewRequest> requests;      // Newest first.
  std::vector<ReviewRecord> reviews;        // Newest first.
  std::vector<std::string> outcomes;        // Of the agreed plan, in the person's words.
  std::optional<Pence> money_left;          // In the budget accounts, when there are any.
  std::vector<domain::Question> questions;  // Asked at review (the survey's outcome items).
  bool may_record = false;
  bool may_request = false;
  bool self = false;  // The person or their representative is reading.
};

struct ReviewRequestInput {
  std::string reason;  // One of kReviewRequestReasons; the person's own requests: person_asked.
  std::string detail;
  std::string due;  // YYYY-MM-DD; empty: in 14 days.
};

struct ReviewInput {
  std::string held_on;  // YYYY-MM-DD.
  std::string took_part;
  std::string working;
  std::string not_working;
  std::vector<OutcomeProgress> outcomes;  // One for each outcome of the plan, in its order.
  std::vector<ReviewAnswer> answers;      // Optional: the questions the person answered.
  std::string outcome;                    // domain::ReviewOutcomeCode.
  std::string outcome_reason;             // Required to revise the plan or reassess.
};

struct RecordedReview {
  ReviewRecord review;
  SupportPlanId plan;
  bool plan_revised = false;  // A new draft version of the plan was started.
};

// "Asked for by the person", "Hospital stay", ... for a request reason code ("" if unknown).
std::string ReviewRequestReasonLabel(std::string_view code);
// "Met", "Partly met", "Not met yet" for an outcome progress code ("" if unknown).
std::string OutcomeProgressLabel(std::string_view code);
// The questions of the outcomes survey asked at a review: its outcome items that are choices.
const std::vector<domain::Question>& ReviewQuestions();
// The outcomes of a plan's agreed version, in the person's words.
Result<std::vector<std::string>> AgreedPlanOutcomes(Transaction& tx, SupportPlanId plan,
                                                    int64_t version);

class ReviewService {
 public:
  ReviewService(Store& store, const Clock& clock, AuditTrail& audit, PlanningService& planning)
      : store_(store), clock_(clock), audit_(audit), planning_(planning) {}

  // Tells each person whose review is due soon or overdue, once per due date (a message in their
  // centre, and by email or letter); every council. The number told.
  Result<int64_t> SendReminders();
  // The next review of a person from their facts, as of today, under `policy`.
  static ScheduledReview Schedule(const ReviewScheduleRow& row, Date today,
                                  const domain::ReviewPolicy& policy);

  // Practitioners and approvers: their team's; administrators: a chosen team or everyone.
  Result<ReviewList> List(const CallContext& ctx, const Principal& who,
                          const ReviewListQuery& query);
  // Anyone who may see the person. kNotFound otherwise.
  Result<PersonReviews> ForPerson(const CallContext& ctx, const Principal& who, PersonId person);
  // kFailedPrecondition without an agreed plan; kInvalidArgument with field errors.
  Result<ReviewRequest> Request(const CallContext& ctx, const Principal& who, PersonId person,
                                const ReviewRequestInput& input);
  // Stores the review, closes open requests, and for "revise_plan" starts a new draft version of
  // the agreed plan. kInvalidArgument with field errors; kFailedPrecondition without a plan.
  Result<RecordedReview> Record(const CallContext& ctx, const Principal& who, PersonId person,
                                const ReviewInput& input);

 private:
  // The person's reviews as `who` may see them, in `tx`; kNotFound when they may not.
  Result<PersonReviews> Load(Transaction& tx, const Principal& who, PersonId person) const;
  // Runs `fn` in one write with the person's reviews loaded; a refusal (not found, not allowed)
  // is audited as `action`_refused.
  Status Change(const CallContext& ctx, const Principal& who, PersonId person,
                const std::string& action,
                const std::function<Status(Transaction&, const PersonReviews&)>& fn);
  Result<ReviewRequest> CheckRequest(const ReviewRequestInput& input,
                                     const PersonReviews& facts) const;
  Result<ReviewRecord> Validate(const ReviewInput& input, const PersonReviews& facts) const;
  // Counts everyone in `rows`, keeps those `query.show` asks for, by due date, and the page.
  void Sort(ReviewList& out, std::vector<ReviewScheduleRow> rows,
            const ReviewListQuery& query) const;

  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
  PlanningService& planning_;
};

}  // namespace selfdirect::app
