// Reviews (migration 0022). A review's outcome progress and survey answers are kept as JSON
// arrays of small objects; the scheduler's facts come from one statement over the plan in force,
// direct payment agreements, reviews held and open requests.
#include "storage/sql/review_repository.h"

#include <boost/json.hpp>
#include <unordered_map>

namespace selfdirect::storage {
namespace {

namespace json = boost::json;

std::string OutcomesJson(const std::vector<app::OutcomeProgress>& items) {
  json::array a;
  for (const auto& o : items)
    a.push_back(json::object{{"outcome", o.outcome}, {"progress", o.progress}, {"note", o.note}});
  return json::serialize(a);
}

std::string AnswersJson(const std::vector<app::ReviewAnswer>& items) {
  json::array a;
  for (const auto& x : items)
    a.push_back(json::object{{"question", x.question}, {"answer", x.answer}});
  return json::serialize(a);
}

std::string Field(const json::value& v, const char* key) {
  const auto* o = v.if_object();
  const auto* f = o ? o->if_contains(key) : nullptr;
  return f && f->is_string() ? std::string(f->as_string()) : std::string();
}

std::vector<app::OutcomeProgress> OutcomesFrom(const std::string& text) {
  std::vector<app::OutcomeProgress> out;
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& x : v.as_array())
    out.push_back({Field(x, "outcome"), Field(x, "progress"), Field(x, "note")});
  return out;
}

std::vector<app::ReviewAnswer> AnswersFrom(const std::string& text) {
  std::vector<app::ReviewAnswer> out;
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& x : v.as_array()) out.push_back({Field(x, "question"), Field(x, "answer")});
  return out;
}

app::ReviewRecord ReviewFromRow(const SqlRow& r) {
  app::ReviewRecord x;
  x.id = ReviewId{r.Int(0)};
  x.person = PersonId{r.Int(1)};
  x.plan = SupportPlanId{r.Int(2)};
  x.plan_version = r.Int(3);
  x.reason = r.Text(4);
  x.due = OptionalDate(r, 5).value_or(Date{});
  x.held_on = OptionalDate(r, 6).value_or(Date{});
  x.took_part = r.Text(7);
  x.working = r.Text(8);
  x.not_working = r.Text(9);
  x.outcomes = OutcomesFrom(r.Text(10));
  x.answers = AnswersFrom(r.Text(11));
  x.money_position = r.Text(12);
  x.outcome = domain::ParseReviewOutcome(r.Text(13)).value_or(domain::ReviewOutcome::kNoChange);
  x.outcome_reason = r.Text(14);
  x.recorded_by = UserId{r.Int(15)};
  x.recorded_at = Timestamp::FromMicros(r.Int(16));
  return x;
}
constexpr Columns<app::ReviewRecord> kReview{
    "review_id, person_id, plan_id, plan_version, reason, due, held_on, took_part, working, "
    "not_working, outcomes_json, answers_json, money_position, outcome, outcome_reason, "
    "recorded_by_user_id, recorded_at",
    ReviewFromRow};

app::ReviewRequest RequestFromRow(const SqlRow& r) {
  app::ReviewRequest x{ReviewRequestId{r.Int(0)},
                       PersonId{r.Int(1)},
                       r.Text(2),
                       r.Text(3),
                       OptionalDate(r, 4).value_or(Date{}),
                       UserId{r.Int(5)},
                       Timestamp::FromMicros(r.Int(6)),
                       std::nullopt};
  if (!r.IsNull(7)) x.review = ReviewId{r.Int(7)};
  return x;
}
constexpr Columns<app::ReviewRequest> kRequest{
    "review_request_id, person_id, reason, detail, due, requested_by_user_id, requested_at, "
    "review_id",
    RequestFromRow};

// The facts columns from review_plans (kept current by the triggers of migration 0022), after
// `skip` leading columns.
domain::ReviewFacts FactsFromRow(const SqlRow& r, size_t skip) {
  domain::ReviewFacts f;
  f.plan_agreed = OptionalDate(r, skip).value_or(Date{});
  f.plan_review_date = OptionalDate(r, skip + 1);
  f.first_direct_payment = OptionalDate(r, skip + 2);
  f.last_review = OptionalDate(r, skip + 3);
  f.requested_due = OptionalDate(r, skip + 4);
  return f;
}

app::ReviewScheduleRow ScheduleFromRow(const SqlRow& r) {
  app::ReviewScheduleRow x;
  x.person = PersonId{r.Int(0)};
  x.team = TeamId{r.Int(1)};
  x.plan = SupportPlanId{r.Int(2)};
  x.facts = FactsFromRow(r, 3);
  return x;
}
// Read from the covering index review_plans_by_team alone.
constexpr Columns<app::ReviewScheduleRow> kSchedule{
    "person_id, team_id, plan_id, agreed_on, plan_review_date, first_direct_payment, "
    "last_review, requested_due",
    ScheduleFromRow};

app::ReviewScheduleRow NamedScheduleFromRow(const SqlRow& r) {
  app::ReviewScheduleRow x = ScheduleFromRow(r);
  x.given_name = r.Text(8);
  x.family_name = r.Text(9);
  return x;
}

// The plan in force, with the facts worked out afresh for the person (the triggers keep them
// current after that). $1 council, $2 person, $3 plan, $4 version, $5 agreed on, $6 review date.
constexpr std::string_view kPutPlan = R"sql(
INSERT INTO review_plans (council_id, person_id, plan_id, plan_version, agreed_on,
  plan_review_date, team_id, first_direct_payment, last_review, requested_due)
SELECT $1, $2, $3, $4, $5, $6, e.team_id,
  (SELECT MIN(a.start_date) FROM payment_agreements a WHERE a.council_id = $1
    AND a.person_id = $2 AND a.account_kind = 'direct_payment'),
  (SELECT MAX(r.held_on) FROM reviews r WHERE r.council_id = $1 AND r.person_id = $2),
  (SELECT MIN(q.due) FROM review_requests q WHERE q.council_id = $1 AND q.person_id = $2
    AND q.review_id IS NULL)
FROM people e WHERE e.council_id = $1 AND e.person_id = $2
ON CONFLICT (council_id, person_id) DO UPDATE SET plan_id = excluded.plan_id,
  plan_version = excluded.plan_version, agreed_on = excluded.agreed_on,
  plan_review_date = excluded.plan_review_date, team_id = excluded.team_id,
  first_direct_payment = excluded.first_direct_payment, last_review = excluded.last_review,
  requested_due = excluded.requested_due)sql";

constexpr std::string_view kInsertReview = R"sql(
INSERT INTO reviews (council_id, person_id, plan_id, plan_version, reason, due, held_on,
  took_part, working, not_working, outcomes_json, answers_json, money_position, outcome,
  outcome_reason, recorded_by_user_id, recorded_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
RETURNING review_id)sql";

}  // namespace

Status SqlReviews::PutPlan(const app::ReviewPlan& p) {
  SD_ASSIGN_OR_RETURN(bool stored,
                      AnyRow(c_, std::string(kPutPlan) + " RETURNING person_id",
                             {council_.value(), p.person.value(), p.plan.value(), p.plan_version,
                              p.agreed_on.ToString(), DateOrNull(p.plan_review_date)}));
  if (!stored) return Error::NotFound("No person with that reference");
  return OkStatus();
}

Result<std::vector<app::ReviewScheduleRow>> SqlReviews::Schedule(std::optional<TeamId> team) {
  if (team) {
    return QueryAll(c_, kSchedule,
                    "FROM review_plans WHERE council_id = $1 AND team_id = $2 ORDER BY person_id",
                    {council_.value(), team->value()});
  }
  return QueryAll(c_, kSchedule, "FROM review_plans WHERE council_id = $1 ORDER BY person_id",
                  {council_.value()});
}

Result<std::optional<app::ReviewScheduleRow>> SqlReviews::ScheduleOf(PersonId person) {
  return QueryOne(c_,
                  Select(Qualified(kSchedule.list, "rp.") + ", pe.given_name, pe.family_name",
                         "FROM review_plans rp JOIN people pe ON pe.council_id = rp.council_id "
                         "AND pe.person_id = rp.person_id WHERE rp.council_id = $1 "
                         "AND rp.person_id = $2"),
                  {council_.value(), person.value()}, NamedScheduleFromRow);
}

Status SqlReviews::FillNames(std::vector<app::ReviewScheduleRow>& rows) {
  if (rows.empty()) return OkStatus();
  SqlParams params{council_.value()};
  std::vector<int64_t> ids;
  for (const auto& r : rows) ids.push_back(r.person.value());
  const std::string in = params.AddEach(ids);
  SD_ASSIGN_OR_RETURN(auto found, c_.Query("SELECT person_id, given_name, family_name FROM people "
                                           "WHERE council_id = $1 AND person_id IN (" +
                                               in + ")",
                                           params.values()));
  std::unordered_map<int64_t, const SqlRow*> by_id;
  for (const auto& f : found) by_id[f.Int(0)] = &f;
  for (auto& r : rows) {
    auto it = by_id.find(r.person.value());
    if (it == by_id.end()) continue;
    r.given_name = it->second->Text(1);
    r.family_name = it->second->Text(2);
  }
  return OkStatus();
}

Result<ReviewRequestId> SqlReviews::InsertRequest(const app::ReviewRequest& r) {
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(c_,
               "INSERT INTO review_requests (council_id, person_id, reason, detail, due, "
               "requested_by_user_id, requested_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
               "RETURNING review_request_id",
               {council_.value(), r.person.value(), r.reason, r.detail, r.due.ToString(),
                r.requested_by.value(), r.requested_at.micros()}));
  return ReviewRequestId{id};
}

Result<std::vector<app::ReviewRequest>> SqlReviews::RequestsFor(PersonId person) {
  return QueryAll(c_, kRequest,
                  "FROM review_requests WHERE council_id = $1 AND person_id = $2 "
                  "ORDER BY requested_at DESC, review_request_id DESC",
                  {council_.value(), person.value()});
}

Result<ReviewId> SqlReviews::InsertReview(const app::ReviewRecord& r) {
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(c_, kInsertReview,
               {council_.value(), r.person.value(), r.plan.value(), r.plan_version, r.reason,
                r.due.ToString(), r.held_on.ToString(), r.took_part, r.working, r.not_working,
                OutcomesJson(r.outcomes), AnswersJson(r.answers), r.money_position,
                std::string(domain::ReviewOutcomeCode(r.outcome)), r.outcome_reason,
                r.recorded_by.value(), r.recorded_at.micros()}));
  SD_RETURN_IF_ERROR(Execute(c_,
                             "UPDATE review_requests SET review_id = $3 WHERE council_id = $1 "
                             "AND person_id = $2 AND review_id IS NULL",
                             {council_.value(), r.person.value(), id}));
  return ReviewId{id};
}

Result<std::vector<app::ReviewRecord>> SqlReviews::ReviewsFor(PersonId person) {
  return QueryAll(c_, kReview,
                  "FROM reviews WHERE council_id = $1 AND person_id = $2 "
                  "ORDER BY held_on DESC, review_id DESC",
                  {council_.value(), person.value()});
}

Result<std::optional<app::ReviewRecord>> SqlReviews::FindReview(ReviewId id) {
  return QueryOne(c_, kReview, "FROM reviews WHERE council_id = $1 AND review_id = $2",
                  {council_.value(), id.value()});
}

Result<bool> SqlReviews::Remind(PersonId person, Date due, Timestamp at) {
  return AnyRow(
      c_,
      "INSERT INTO review_reminders (council_id, person_id, due, sent_at) VALUES ($1, $2, "
      "$3, $4) ON CONFLICT DO NOTHING RETURNING person_id",
      {council_.value(), person.value(), due.ToString(), at.micros()});
}

}  // namespace selfdirect::storage
