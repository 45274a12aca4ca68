// The demo generator's reviews step (review_demo.h).
#include "app/reviews/review_demo.h"

#include "app/reviews/review_service.h"

namespace selfdirect::app {
namespace {

constexpr const char* kTookPart[] = {
    "The person and their social worker", "The person, their daughter and their social worker",
    "The person, their PA and their social worker", "The person and their advocate, by telephone"};
constexpr const char* kWorking[] = {"My PA comes when I need her and I can get to the shops again.",
                                    "Going to the club on Thursdays is the best part of my week.",
                                    "I feel safer at home now the morning calls are reliable.",
                                    "I choose who helps me and when, and that matters to me."};
constexpr const char* kNotWorking[] = {"", "", "Finding cover when my PA is on holiday is hard.",
                                       "The taxi to the day centre is often late."};
constexpr const char* kProgress[] = {"met", "met", "partly", "not_yet"};
constexpr const char* kRequestReasons[] = {"hospital_stay", "needs_changed", "person_asked"};
constexpr const char* kRequestDetail[] = {
    "Two weeks in hospital after a fall; home again and needs more help in the mornings.",
    "Family carer can no longer help at weekends.",
    "Would like to swap the day centre for a gardening group."};

template <size_t N>
const char* Pick(DemoRandom& r, const char* const (&items)[N]) {
  return items[r.Below(N)];
}

ReviewRecord DemoReview(DemoContext& ctx, const ReviewScheduleRow& row,
                        const std::vector<std::string>& outcomes, Date held, Date due) {
  DemoRandom& r = ctx.random;
  ReviewRecord x;
  x.person = row.person;
  x.plan = row.plan;
  x.reason = held.DaysSince(row.facts.plan_agreed) < 100 ? "first" : "yearly";
  x.due = due;
  x.held_on = held;
  x.took_part = Pick(r, kTookPart);
  x.working = Pick(r, kWorking);
  x.not_working = Pick(r, kNotWorking);
  for (const auto& o : outcomes) x.outcomes.push_back({o, Pick(r, kProgress), ""});
  for (const auto& q : ReviewQuestions())
    if (!q.options.empty() && r.Percent(70))
      x.answers.push_back({q.id, q.options[r.Below(std::min<size_t>(3, q.options.size()))].code});
  x.outcome = domain::ReviewOutcome::kNoChange;
  x.recorded_by = ctx.user_ids.at(domain::Role::kPractitioner);
  x.recorded_at = ctx.now;
  return x;
}

Status ReviewsFor(DemoContext& ctx, const ReviewScheduleRow& row, Date today) {
  DemoRandom& r = ctx.random;
  SD_ASSIGN_OR_RETURN(auto plan, ctx.tx.support_plans().Find(row.plan));
  if (!plan) return OkStatus();
  SD_ASSIGN_OR_RETURN(auto outcomes, AgreedPlanOutcomes(ctx.tx, plan->id, plan->approved_version));
  // A direct payment older than the plan: the review that led to this plan came first.
  const auto& dp = row.facts.first_direct_payment;
  if (dp && *dp < row.facts.plan_agreed.AddDays(-14)) {
    const Date held = row.facts.plan_agreed.AddDays(-14);
    ReviewRecord x = DemoReview(ctx, row, {}, held, held);
    x.reason = "yearly";
    x.plan_version = plan->approved_version;
    x.outcome = domain::ReviewOutcome::kRevisePlan;
    x.outcome_reason = "Needs have changed since the direct payment started: a new plan is needed.";
    SD_RETURN_IF_ERROR(StatusOf(ctx.tx.reviews().InsertReview(x)));
  }
  Date due = row.facts.plan_agreed.AddDays(56);
  Date held = row.facts.plan_agreed.AddDays(42 + static_cast<int64_t>(r.Below(21)));
  while (held < today && r.Percent(85)) {
    ReviewRecord x = DemoReview(ctx, row, outcomes, held, due);
    x.plan_version = plan->approved_version;
    SD_RETURN_IF_ERROR(StatusOf(ctx.tx.reviews().InsertReview(x)));
    due = held.AddMonths(12);
    held = due.AddDays(-static_cast<int64_t>(r.Below(40)));
  }
  if (!r.Percent(4)) return OkStatus();
  const uint64_t k = r.Below(std::size(kRequestReasons));
  ReviewRequest q{{},
                  row.person,
                  kRequestReasons[k],
                  kRequestDetail[k],
                  today.AddDays(static_cast<int64_t>(r.Below(21)) - 6),
                  ctx.user_ids.at(domain::Role::kPractitioner),
                  ctx.now,
                  std::nullopt};
  return StatusOf(ctx.tx.reviews().InsertRequest(q));
}

// A change of circumstance in progress: a review this week found the person needs more help,
// and a new version of their agreed plan is being written (as PlanningService::Revise leaves it),
// waiting to be costed, submitted and agreed. The agreed version still pays until then.
Status ChangeInProgress(DemoContext& ctx, const ReviewScheduleRow& row, Date today) {
  SD_ASSIGN_OR_RETURN(auto plan, ctx.tx.support_plans().Find(row.plan));
  if (!plan || plan->status != domain::PlanStatus::kApproved) return OkStatus();
  SD_ASSIGN_OR_RETURN(auto agreed, ctx.tx.support_plans().Version(plan->id, plan->version));
  if (!agreed) return OkStatus();
  SD_ASSIGN_OR_RETURN(auto outcomes, AgreedPlanOutcomes(ctx.tx, plan->id, plan->approved_version));
  const Date held = today.AddDays(-3);
  ReviewRecord x = DemoReview(ctx, row, outcomes, held, held);
  x.reason = "requested";
  x.plan_version = plan->approved_version;
  x.not_working = "Since a fall I cannot manage the evenings on my own.";
  x.outcome = domain::ReviewOutcome::kRevisePlan;
  x.outcome_reason = "Needs more help in the evenings since a fall: the plan is being revised.";
  SD_RETURN_IF_ERROR(StatusOf(ctx.tx.reviews().InsertReview(x)));
  const UserId by = ctx.user_ids.at(domain::Role::kPractitioner);
  SupportPlanVersion next = *agreed;
  next.version = plan->version + 1;
  next.changed_by = by;
  next.changed_at = ctx.now;
  next.note = "New version of the agreed plan";
  SD_RETURN_IF_ERROR(ctx.tx.support_plans().AddVersion(next));
  plan->version = next.version;
  plan->status = domain::PlanStatus::kDraft;
  plan->last_edited_by = by;
  plan->submitted_by = UserId{};
  plan->submitted_at.reset();
  plan->updated_at = ctx.now;
  SD_RETURN_IF_ERROR(ctx.tx.support_plans().Update(*plan));
  return ctx.tx.support_plans().AddEvent(
      {plan->id, plan->version, "revised",
       "Review of " + held.ToLongString() + ": " + x.outcome_reason, by, ctx.now});
}

}  // namespace

Status ReviewsStep(DemoContext& ctx) {
  const Date today = ctx.now.LondonDate();
  SD_ASSIGN_OR_RETURN(auto rows, ctx.tx.reviews().Schedule(std::nullopt));
  for (const auto& row : rows) SD_RETURN_IF_ERROR(ReviewsFor(ctx, row, today));
  // Two people with a direct payment whose plans are being revised after a review: people whose
  // next review is not yet due, so the lists of reviews due keep theirs.
  SD_ASSIGN_OR_RETURN(rows, ctx.tx.reviews().Schedule(std::nullopt));
  int in_progress = 0;
  const domain::ReviewPolicy policy;
  for (const auto& row : rows) {
    if (in_progress == 2) break;
    if (!row.facts.first_direct_payment || row.facts.plan_agreed > today.AddDays(-60)) continue;
    const auto next = domain::NextReview(row.facts, policy);
    if (domain::TimingOf(next.due, today, policy) != domain::ReviewTiming::kLater) continue;
    SD_RETURN_IF_ERROR(ChangeInProgress(ctx, row, today));
    ++in_progress;
  }
  return OkStatus();
}

}  // namespace selfdirect::app
