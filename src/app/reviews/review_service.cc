// Reviews of care and support plans and direct payments (review_service.h).
#include "app/reviews/review_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <tuple>

#include "app/date_fields.h"
#include "app/messages/notices.h"
#include "app/outcomes/survey_instruments.h"
#include "app/settings/council_settings.h"
#include "base/text.h"

namespace selfdirect::app {
namespace {

using domain::Role;
namespace json = boost::json;

bool StaffRole(Role r) {
  return r == Role::kPractitioner || r == Role::kApprover || r == Role::kAdministrator;
}

Status Audit(Transaction& tx, const Clock& clock, const Principal& who, const CallContext& ctx,
             std::string action, PersonId person, std::string detail) {
  return tx.audit().Append(
      AuditOf(clock, who, ctx, std::move(action), "person", person.ToString(), std::move(detail)));
}

}  // namespace

Result<std::vector<std::string>> AgreedPlanOutcomes(Transaction& tx, SupportPlanId plan,
                                                    int64_t version) {
  std::vector<std::string> out;
  SD_ASSIGN_OR_RETURN(auto v, tx.support_plans().Version(plan, version));
  if (!v) return out;
  json::error_code ec;
  const json::value content = json::parse(v->content_json, ec);
  const auto* o = ec ? nullptr : content.if_object();
  const auto* list = o ? o->if_contains("outcomes") : nullptr;
  if (list && list->is_array())
    for (const auto& item : list->as_array())
      if (item.is_string()) out.emplace_back(item.as_string());
  return out;
}

namespace {

bool Known(std::string_view code, const auto& codes) {
  return std::any_of(std::begin(codes), std::end(codes), [&](const char* c) { return code == c; });
}

void CheckAnswers(const std::vector<ReviewAnswer>& answers, std::vector<FieldError>& errors) {
  for (const auto& a : answers) {
    const auto& qs = ReviewQuestions();
    auto q = std::find_if(qs.begin(), qs.end(), [&](const auto& x) { return x.id == a.question; });
    if (q == qs.end() || std::none_of(q->options.begin(), q->options.end(),
                                      [&](const auto& o) { return o.code == a.answer; }))
      errors.push_back({"answers." + a.question, "Choose one of the answers given"});
  }
}

}  // namespace

std::string ReviewRequestReasonLabel(std::string_view code) {
  static const std::map<std::string_view, std::string> labels = {
      {"person_asked", "Asked for by the person"},
      {"hospital_stay", "Hospital stay"},
      {"needs_changed", "Needs have changed"},
      {"monitoring", "Money monitoring flag"},
      {"complaint", "Complaint"},
      {"other", "Other"}};
  auto it = labels.find(code);
  return it == labels.end() ? "" : it->second;
}

std::string OutcomeProgressLabel(std::string_view code) {
  if (code == "met") return "Met";
  if (code == "partly") return "Partly met";
  if (code == "not_yet") return "Not met yet";
  return "";
}

const std::vector<domain::Question>& ReviewQuestions() {
  static const std::vector<domain::Question> questions = [] {
    std::vector<domain::Question> out;
    for (const auto& instrument : ShippedSurveyInstruments()) {
      if (instrument.questionnaire.id != "budget-holder-survey") continue;
      out.clear();  // The latest version wins.
      for (const auto& section : instrument.questionnaire.sections)
        for (const auto& q : section.questions) {
          const SurveyItemRole* role = instrument.Role(q.id);
          if (role && role->kind == SurveyItemKind::kOutcome &&
              q.type == domain::QuestionType::kChoice)
            out.push_back(q);
        }
    }
    return out;
  }();
  return questions;
}

ScheduledReview ReviewService::Schedule(const ReviewScheduleRow& row, Date today,
                                        const domain::ReviewPolicy& policy) {
  ScheduledReview s{row, domain::NextReview(row.facts, policy), domain::ReviewTiming::kLater};
  s.timing = domain::TimingOf(s.due.due, today, policy);
  return s;
}

Result<int64_t> ReviewService::SendReminders() {
  int64_t told = 0;
  SD_ASSIGN_OR_RETURN(auto councils, store_.ListCouncils());
  for (const Council& council : councils) {
    SD_RETURN_IF_ERROR(store_.Write(council.id, [&](Transaction& tx) -> Status {
      const Timestamp now = clock_.Now();
      const Date today = now.LondonDate();
      SD_ASSIGN_OR_RETURN(const domain::ReviewPolicy policy, ReviewPolicyOn(tx, today));
      SD_ASSIGN_OR_RETURN(auto rows, tx.reviews().Schedule(std::nullopt));
      for (const auto& row : rows) {
        const ScheduledReview s = Schedule(row, today, policy);
        if (s.timing == domain::ReviewTiming::kLater) continue;
        SD_ASSIGN_OR_RETURN(bool first, tx.reviews().Remind(row.person, s.due.due, now));
        if (!first) continue;
        const bool overdue = s.timing == domain::ReviewTiming::kOverdue;
        SD_RETURN_IF_ERROR(StatusOf(QueueMessage(
            tx, ReviewComingDueNotice(row.person, s.due.due, overdue), UserId{}, now)));
        ++told;
      }
      return OkStatus();
    }));
  }
  return told;
}

void ReviewService::Sort(ReviewList& out, std::vector<ReviewScheduleRow> rows,
                         const ReviewListQuery& query) const {
  for (auto& row : rows) {
    ScheduledReview s = Schedule(row, out.today, out.policy);
    (s.timing == domain::ReviewTiming::kOverdue   ? out.overdue
     : s.timing == domain::ReviewTiming::kDueSoon ? out.due_soon
                                                  : out.later)++;
    const bool shown = query.show == "all" ||
                       (query.show == "overdue" && s.timing == domain::ReviewTiming::kOverdue) ||
                       (query.show != "overdue" && s.timing != domain::ReviewTiming::kLater);
    if (shown) out.items.push_back(std::move(s));
  }
  // By due date; on the same day by person (their reference), so pages are stable.
  std::sort(out.items.begin(), out.items.end(), [](const auto& a, const auto& b) {
    return std::tie(a.due.due, a.row.person) < std::tie(b.due.due, b.row.person);
  });
  out.shown = static_cast<int64_t>(out.items.size());
  const int64_t size = std::clamp(query.page_size, 1, 1000);
  const int64_t first = std::min<int64_t>(out.shown, (std::max(query.page, 1) - 1LL) * size);
  const int64_t last = std::min<int64_t>(out.shown, first + size);
  out.items.erase(out.items.begin() + last, out.items.end());
  out.items.erase(out.items.begin(), out.items.begin() + first);
}

Result<ReviewList> ReviewService::List(const CallContext& ctx, const Principal& who,
                                       const ReviewListQuery& query) {
  const Role role = who.user.role;
  Status allowed = OkStatus();
  if (!StaffRole(role)) allowed = Error::PermissionDenied("Your role cannot see the review list");
  std::optional<TeamId> team = role == Role::kAdministrator ? query.team : who.actor.team_id;
  ReviewList out;
  out.today = clock_.Now().LondonDate();
  Status read = allowed.ok()
                    ? store_.Read(ctx.council,
                                  [&](Transaction& tx) -> Status {
                                    SD_ASSIGN_OR_RETURN(out.policy, ReviewPolicyOn(tx, out.today));
                                    SD_ASSIGN_OR_RETURN(auto rows, tx.reviews().Schedule(team));
                                    Sort(out, std::move(rows), query);
                                    std::vector<ReviewScheduleRow> page;
                                    for (const auto& s : out.items) page.push_back(s.row);
                                    SD_RETURN_IF_ERROR(tx.reviews().FillNames(page));
                                    for (size_t i = 0; i < page.size(); ++i)
                                      out.items[i].row = std::move(page[i]);
                                    return OkStatus();
                                  })
                    : allowed;
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("reviews.list", read), "", "",
                                     "show " + query.show));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Result<PersonReviews> ReviewService::Load(Transaction& tx, const Principal& who,
                                          PersonId person) const {
  PersonReviews out;
  SD_ASSIGN_OR_RETURN(auto found, tx.people().Find(person));
  if (!found || !domain::CanViewPerson(who.actor, {found->id, found->team_id}))
    return Error::NotFound("No person with that reference");
  out.person = *found;
  out.self = domain::ActsForPerson(who.actor, person);
  const bool staff =
      StaffRole(who.user.role) && domain::CanEditPerson(who.actor, {person, found->team_id});
  SD_ASSIGN_OR_RETURN(auto row, tx.reviews().ScheduleOf(person));
  const Date today = clock_.Now().LondonDate();
  SD_ASSIGN_OR_RETURN(const domain::ReviewPolicy policy, ReviewPolicyOn(tx, today));
  if (row) out.next = Schedule(*row, today, policy);
  SD_ASSIGN_OR_RETURN(out.requests, tx.reviews().RequestsFor(person));
  SD_ASSIGN_OR_RETURN(out.reviews, tx.reviews().ReviewsFor(person));
  SD_ASSIGN_OR_RETURN(auto balances, tx.money().Balances(person));
  out.money_left = domain::BudgetMoneyLeft(balances);
  if (row) {
    SD_ASSIGN_OR_RETURN(auto plan, tx.support_plans().Find(row->plan));
    if (plan) {
      SD_ASSIGN_OR_RETURN(out.outcomes, AgreedPlanOutcomes(tx, plan->id, plan->approved_version));
    }
  }
  out.questions = ReviewQuestions();
  out.may_record = staff && row.has_value();
  out.may_request = (staff || out.self) && row.has_value();
  return out;
}

Result<PersonReviews> ReviewService::ForPerson(const CallContext& ctx, const Principal& who,
                                               PersonId person) {
  PersonReviews out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(out, Load(tx, who, person));
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("reviews.view", read), "person",
                                     person.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Status ReviewService::Change(const CallContext& ctx, const Principal& who, PersonId person,
                             const std::string& action,
                             const std::function<Status(Transaction&, const PersonReviews&)>& fn) {
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(PersonReviews facts, Load(tx, who, person));
    return fn(tx, facts);
  });
  if (!s.ok() &&
      (s.error().code == ErrorCode::kNotFound || s.error().code == ErrorCode::kPermissionDenied))
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, action + "_refused", "person",
                                       person.ToString(), s.error().message));
  return s;
}

Result<ReviewRequest> ReviewService::CheckRequest(const ReviewRequestInput& input,
                                                  const PersonReviews& facts) const {
  if (!facts.may_request) {
    if (!facts.next) return Error::FailedPrecondition("There is no agreed plan to review yet");
    return Error::PermissionDenied("Your role cannot ask for a review");
  }
  const Date today = clock_.Now().LondonDate();
  ReviewRequest r;
  r.person = facts.person.id;
  r.reason = facts.self ? "person_asked" : std::string(Trim(input.reason));
  r.detail = std::string(Trim(input.detail));
  std::vector<FieldError> errors;
  if (!Known(r.reason, kReviewRequestReasons))
    errors.push_back({"reason", "Choose why the review is needed"});
  if (r.detail.empty() && (facts.self || r.reason == "other"))
    errors.push_back({"detail", facts.self ? "Tell us what has changed or what is not working"
                                           : "Say why the review is needed"});
  if (r.detail.size() > 2000) errors.push_back({"detail", "Use 2,000 characters or fewer"});
  r.due = today.AddDays(14);
  if (!facts.self && !Trim(input.due).empty()) {
    if (auto due = DateOrError(input.due, "due", "the date it is due by", errors)) {
      if (*due < today || *due > today.AddMonths(12))
        errors.push_back({"due", "The date it is due by must be from today to 12 months ahead"});
      r.due = *due;
    }
  }
  if (!errors.empty()) return Error::InvalidArgument("Check the request", std::move(errors));
  return r;
}

Result<ReviewRequest> ReviewService::Request(const CallContext& ctx, const Principal& who,
                                             PersonId person, const ReviewRequestInput& input) {
  ReviewRequest r;
  SD_RETURN_IF_ERROR(
      Change(ctx, who, person, "review.request",
             [&](Transaction& tx, const PersonReviews& facts) -> Status {
               SD_ASSIGN_OR_RETURN(r, CheckRequest(input, facts));
               r.requested_by = who.user.id;
               r.requested_at = clock_.Now();
               SD_ASSIGN_OR_RETURN(r.id, tx.reviews().InsertRequest(r));
               SD_RETURN_IF_ERROR(StatusOf(QueueMessage(
                   tx, ReviewAskedNotice(person, r.due, facts.self), who.user.id, r.requested_at)));
               return Audit(tx, clock_, who, ctx, "review.request", person,
                            r.reason + " due " + r.due.ToString());
             }));
  return r;
}

Result<ReviewRecord> ReviewService::Validate(const ReviewInput& in,
                                             const PersonReviews& facts) const {
  std::vector<FieldError> errors;
  const Date today = clock_.Now().LondonDate();
  ReviewRecord r;
  const auto& next = *facts.next;
  if (auto held = DateOrError(in.held_on, "held_on", "the date of the review", errors)) {
    if (*held > today)
      errors.push_back({"held_on", "The date of the review must be today or in the past"});
    if (*held < next.row.facts.plan_agreed)
      errors.push_back(
          {"held_on", "The date of the review must be on or after the day the plan was agreed (" +
                          next.row.facts.plan_agreed.ToLongString() + ")"});
    r.held_on = *held;
  }
  r.took_part = std::string(Trim(in.took_part));
  r.working = std::string(Trim(in.working));
  r.not_working = std::string(Trim(in.not_working));
  if (r.took_part.empty()) errors.push_back({"took_part", "Enter who took part"});
  if (r.working.empty() && r.not_working.empty())
    errors.push_back({"working", "Enter what is working or what is not, in the person's words"});
  for (size_t i = 0; i < facts.outcomes.size(); ++i) {
    const OutcomeProgress* o = i < in.outcomes.size() ? &in.outcomes[i] : nullptr;
    if (!o || !Known(o->progress, domain::kOutcomeProgress)) {
      errors.push_back(
          {"outcome_" + std::to_string(i), "Choose how far this outcome has been met"});
      continue;
    }
    r.outcomes.push_back({facts.outcomes[i], o->progress, std::string(Trim(o->note))});
  }
  CheckAnswers(in.answers, errors);
  r.answers = in.answers;
  auto outcome = domain::ParseReviewOutcome(in.outcome);
  if (!outcome) errors.push_back({"outcome", "Choose what the review decided"});
  r.outcome_reason = std::string(Trim(in.outcome_reason));
  if (outcome && *outcome != domain::ReviewOutcome::kNoChange && r.outcome_reason.empty())
    errors.push_back({"outcome_reason", "Say what needs to change and why"});
  if (!errors.empty()) return Error::InvalidArgument("Check the review", std::move(errors));
  r.outcome = *outcome;
  return r;
}

Result<RecordedReview> ReviewService::Record(const CallContext& ctx, const Principal& who,
                                             PersonId person, const ReviewInput& input) {
  ReviewRecord r;
  bool revise = false;
  SD_RETURN_IF_ERROR(Change(
      ctx, who, person, "review.record",
      [&](Transaction& tx, const PersonReviews& facts) -> Status {
        if (!facts.next) return Error::FailedPrecondition("There is no agreed plan to review yet");
        if (!facts.may_record) return Error::PermissionDenied("Your role cannot record a review");
        SD_ASSIGN_OR_RETURN(r, Validate(input, facts));
        SD_ASSIGN_OR_RETURN(auto plan, tx.support_plans().Find(facts.next->row.plan));
        if (!plan) return Error::FailedPrecondition("There is no agreed plan to review yet");
        r.person = person;
        r.plan = plan->id;
        r.plan_version = plan->approved_version;
        r.reason = std::string(domain::ReviewReasonCode(facts.next->due.reason));
        r.due = facts.next->due.due;
        if (facts.money_left) r.money_position = facts.money_left->ToDisplayString() + " left";
        r.recorded_by = who.user.id;
        r.recorded_at = clock_.Now();
        SD_ASSIGN_OR_RETURN(r.id, tx.reviews().InsertReview(r));
        revise = r.outcome == domain::ReviewOutcome::kRevisePlan &&
                 plan->status == domain::PlanStatus::kApproved;
        return Audit(
            tx, clock_, who, ctx, "review.record", person,
            "review " + r.id.ToString() + ": " + std::string(domain::ReviewOutcomeCode(r.outcome)));
      }));
  RecordedReview out{r, r.plan, false};
  // Its own transaction, with its own audit entry: the review stands even if the plan is already
  // being changed.
  if (revise)
    out.plan_revised =
        planning_
            .Revise(ctx, who, r.plan,
                    "Review of " + r.held_on.ToLongString() + ": " + r.outcome_reason)
            .ok();
  return out;
}

}  // namespace selfdirect::app
