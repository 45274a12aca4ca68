// File: review_repository.h
// Storage of reviews (migration 0022, issue 23): the plan in force for each person as the
// scheduler reads it, the reviews held, and the unplanned reviews asked for. Behind the interface
// the SQLite and PostgreSQL adapters both implement (storage/sql/review_repository.cc).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/date.h"
#include "base/result.h"
#include "base/strong_id.h"
#include "domain/reviews/review_schedule.h"

namespace selfdirect {
using ReviewId = StrongId<struct ReviewTag>;
using ReviewRequestId = StrongId<struct ReviewRequestTag>;
}  // namespace selfdirect

namespace selfdirect::app {

// The plan in force: written when a plan (or a new version of it) is agreed.
struct ReviewPlan {
  PersonId person;
  SupportPlanId plan;
  int64_t plan_version = 0;
  Date agreed_on;
  std::optional<Date> plan_review_date;
};

// Why an unplanned review was asked for. DO NOT RENAME: stored by code.
inline constexpr const char* kReviewRequestReasons[] = {
    "person_asked", "hospital_stay", "needs_changed", "monitoring", "complaint", "other"};

struct ReviewRequest {
  ReviewRequestId id;
  PersonId person;
  std::string reason;  // One of kReviewRequestReasons.
  std::string detail;
  Date due;
  UserId requested_by;
  Timestamp requested_at;
  std::optional<ReviewId> review;  // The review that answered it; open while empty.
};

// An outcome of the plan, and how far it has been met in the person's view.
struct OutcomeProgress {
  std::string outcome;   // As the plan words it.
  std::string progress;  // One of domain::kOutcomeProgress.
  std::string note;
};

// A question of the outcomes survey asked at the review, and the answer given.
struct ReviewAnswer {
  std::string question;  // The survey's question code.
  std::string answer;    // The answer's code.
};

struct ReviewRecord {
  ReviewId id;
  PersonId person;
  SupportPlanId plan;
  int64_t plan_version = 0;  // The agreed version reviewed.
  std::string reason;        // domain::ReviewReasonCode of what was due.
  Date due;
  Date held_on;
  std::string took_part;    // Who took part.
  std::string working;      // What is working, in the person's words.
  std::string not_working;  // What is not working, in the person's words.
  std::vector<OutcomeProgress> outcomes;
  std::vector<ReviewAnswer> answers;
  std::string money_position;  // The budget account as it stood, in words (empty: none).
  domain::ReviewOutcome outcome = domain::ReviewOutcome::kNoChange;
  std::string outcome_reason;
  UserId recorded_by;
  Timestamp recorded_at;
};

// What the scheduler needs for one person with an agreed plan.
struct ReviewScheduleRow {
  PersonId person;
  std::string given_name;
  std::string family_name;
  TeamId team;
  SupportPlanId plan;
  domain::ReviewFacts facts;
};

class ReviewRepository {
 public:
  virtual ~ReviewRepository() = default;
  // Makes `plan` the person's plan in force, replacing the one before.
  virtual Status PutPlan(const ReviewPlan& plan) = 0;
  // Everyone with a plan in force, or one team's, with the facts the scheduler needs, by person;
  // names are left empty (FillNames adds them to the rows a page shows).
  virtual Result<std::vector<ReviewScheduleRow>> Schedule(std::optional<TeamId> team) = 0;
  // One person's row, with their name; nullopt without a plan in force.
  virtual Result<std::optional<ReviewScheduleRow>> ScheduleOf(PersonId person) = 0;
  // Sets the given and family names of each row's person.
  virtual Status FillNames(std::vector<ReviewScheduleRow>& rows) = 0;
  virtual Result<ReviewRequestId> InsertRequest(const ReviewRequest& r) = 0;
  // The person's requests, newest first.
  virtual Result<std::vector<ReviewRequest>> RequestsFor(PersonId person) = 0;
  // Stores the review and closes the person's open requests with it.
  virtual Result<ReviewId> InsertReview(const ReviewRecord& r) = 0;
  // The person's reviews, newest first.
  virtual Result<std::vector<ReviewRecord>> ReviewsFor(PersonId person) = 0;
  virtual Result<std::optional<ReviewRecord>> FindReview(ReviewId id) = 0;
  // Notes that the person was reminded of their review due on `due`; false when they were
  // already (one reminder per person and due date).
  virtual Result<bool> Remind(PersonId person, Date due, Timestamp at) = 0;
};

}  // namespace selfdirect::app
