#include "storage/sql/assessment_repository.h"

#include <boost/json.hpp>

namespace selfdirect::storage {
namespace {

namespace json = boost::json;

std::string AnswersToJson(const domain::Answers& answers) {
  json::object o;
  for (const auto& [id, values] : answers) {
    json::array list;
    for (const auto& v : values) list.push_back(json::string(v));
    o[id] = std::move(list);
  }
  return json::serialize(o);
}

domain::Answers AnswersFromJson(const std::string& text) {
  domain::Answers out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  SD_ASSERT(!ec && v.is_object());  // Written by AnswersToJson.
  for (const auto& [key, list] : v.get_object()) {
    auto& values = out[std::string(key)];
    for (const auto& item : list.as_array()) values.emplace_back(item.as_string());
  }
  return out;
}

// A stored name, or NULL for "not recorded".
template <typename E>
SqlValue OptionalName(const std::optional<E>& value, std::string_view (*name)(E)) {
  if (!value) return SqlValue{};
  return std::string(name(*value));
}

app::AssessmentRecord AssessmentFromRow(const SqlRow& r) {
  app::AssessmentRecord a;
  a.id = AssessmentId{r.Int(0)};
  a.person_id = PersonId{r.Int(1)};
  a.kind = r.Text(2) == "carer" ? domain::AssessmentKind::kCarer : domain::AssessmentKind::kAdult;
  a.questionnaire_id = r.Text(3);
  a.questionnaire_version = r.Text(4);
  a.origin = r.Text(5) == "practitioner" ? app::AssessmentOrigin::kPractitioner
                                         : app::AssessmentOrigin::kSelf;
  auto status = app::ParseAssessmentStatus(r.Text(6));
  SD_ASSERT(status.has_value());  // The column's CHECK allows only known statuses.
  a.status = *status;
  a.answers = AnswersFromJson(r.Text(7));
  a.participants = r.Text(8);
  a.practitioner_notes = r.Text(9);
  a.started_by = UserId{r.Int(10)};
  a.decided_by = UserId{r.Int(11)};
  if (!r.IsNull(12)) a.eligible = r.Int(12) == 1;
  a.created_at = Timestamp::FromMicros(r.Int(13));
  a.updated_at = Timestamp::FromMicros(r.Int(14));
  if (!r.IsNull(15)) a.submitted_at = Timestamp::FromMicros(r.Int(15));
  if (!r.IsNull(16)) a.completed_at = Timestamp::FromMicros(r.Int(16));
  if (!r.IsNull(17)) a.cared_for = PersonId{r.Int(17)};
  a.decision_changed = r.Int(18) == 1;
  a.decision_reasons = r.Text(19);
  if (!r.IsNull(20)) a.consent = domain::ParseConsent(r.Text(20));
  if (!r.IsNull(21)) a.capacity = domain::ParseCapacity(r.Text(21));
  if (!r.IsNull(22)) a.advocacy = domain::ParseAdvocacy(r.Text(22));
  a.advocate = r.Text(23);
  return a;
}

constexpr Columns<app::AssessmentRecord> kAssessment{
    "assessment_id, person_id, kind, questionnaire_id, questionnaire_version, origin, status, "
    "answers_json, participants, practitioner_notes, started_by_user_id, decided_by_user_id, "
    "eligible, created_at, updated_at, submitted_at, completed_at, cared_for_person_id, "
    "decision_changed, decision_reasons, consent, capacity, advocacy, advocate",
    AssessmentFromRow};

constexpr int kAssessmentColumnCount = 24;

// kAssessment's columns from the assessment `a` of a join; `then` follows them.
std::string QualifiedAssessment(std::string_view then) {
  return Select(Qualified(kAssessment.list, "a."), then);
}

app::StoredQuestionnaire QuestionnaireFromRow(const SqlRow& r) {
  auto date = Date::Parse(r.Text(2));
  SD_ASSERT(date.ok());  // Written from a Date.
  return app::StoredQuestionnaire{r.Text(0), r.Text(1), *date, r.Text(3),
                                  Timestamp::FromMicros(r.Int(4))};
}

constexpr Columns<app::StoredQuestionnaire> kQuestionnaire{
    "questionnaire_id, version, effective_from, fhir_json, imported_at", QuestionnaireFromRow};

}  // namespace

constexpr std::string_view kInsertAssessment = R"sql(
INSERT INTO assessments (council_id, person_id, kind, questionnaire_id, questionnaire_version,
  origin, status, answers_json, participants, practitioner_notes, started_by_user_id,
  decided_by_user_id, eligible, created_at, updated_at, submitted_at, completed_at,
  cared_for_person_id, decision_changed, decision_reasons, consent, capacity, advocacy, advocate)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
  $21, $22, $23, $24)
RETURNING assessment_id)sql";

Result<AssessmentId> SqlAssessments::Insert(const app::AssessmentRecord& a) {
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(
          c_, kInsertAssessment,
          {council_.value(),
           a.person_id.value(),
           std::string(a.kind == domain::AssessmentKind::kCarer ? "carer" : "adult"),
           a.questionnaire_id,
           a.questionnaire_version,
           std::string(a.origin == app::AssessmentOrigin::kPractitioner ? "practitioner" : "self"),
           std::string(app::AssessmentStatusName(a.status)),
           AnswersToJson(a.answers),
           a.participants,
           a.practitioner_notes,
           a.started_by.value(),
           SqlOptionalId(a.decided_by.value()),
           SqlOptionalBool(a.eligible),
           a.created_at.micros(),
           a.updated_at.micros(),
           SqlOptionalTime(a.submitted_at),
           SqlOptionalTime(a.completed_at),
           SqlOptionalId(a.cared_for.value()),
           int64_t{a.decision_changed},
           a.decision_reasons,
           OptionalName(a.consent, domain::ConsentName),
           OptionalName(a.capacity, domain::CapacityName),
           OptionalName(a.advocacy, domain::AdvocacyName),
           a.advocate}));
  return AssessmentId{id};
}

constexpr std::string_view kFindAssessment =
    R"sql(FROM assessments WHERE council_id = $1 AND assessment_id = $2)sql";

Result<std::optional<app::AssessmentRecord>> SqlAssessments::Find(AssessmentId id) {
  return QueryOne(c_, kAssessment, kFindAssessment, {council_.value(), id.value()});
}

constexpr std::string_view kUpdateAssessment = R"sql(
UPDATE assessments SET status = $3, answers_json = $4, participants = $5,
  practitioner_notes = $6, decided_by_user_id = $7, eligible = $8, updated_at = $9,
  submitted_at = $10, completed_at = $11, decision_changed = $12, decision_reasons = $13,
  consent = $14, capacity = $15, advocacy = $16, advocate = $17
WHERE council_id = $1 AND assessment_id = $2 RETURNING assessment_id)sql";

Status SqlAssessments::Update(const app::AssessmentRecord& a) {
  SD_ASSIGN_OR_RETURN(
      bool updated,
      AnyRow(c_, kUpdateAssessment,
             {council_.value(), a.id.value(), std::string(app::AssessmentStatusName(a.status)),
              AnswersToJson(a.answers), a.participants, a.practitioner_notes,
              SqlOptionalId(a.decided_by.value()), SqlOptionalBool(a.eligible),
              a.updated_at.micros(), SqlOptionalTime(a.submitted_at),
              SqlOptionalTime(a.completed_at), int64_t{a.decision_changed}, a.decision_reasons,
              OptionalName(a.consent, domain::ConsentName),
              OptionalName(a.capacity, domain::CapacityName),
              OptionalName(a.advocacy, domain::AdvocacyName), a.advocate}));
  if (!updated) return Error::NotFound("No such assessment");
  return OkStatus();
}

constexpr std::string_view kAssessmentsForPerson = R"sql(
FROM assessments WHERE council_id = $1 AND person_id = $2 ORDER BY assessment_id DESC)sql";

Result<std::vector<app::AssessmentRecord>> SqlAssessments::ForPerson(PersonId person) {
  return QueryAll(c_, kAssessment, kAssessmentsForPerson, {council_.value(), person.value()});
}

// The latest completed assessment of each kind per person, where it found the person eligible.
constexpr std::string_view kCurrentEligible = R"sql(
FROM assessments a WHERE a.council_id = $1 AND a.status = 'completed' AND a.eligible = 1
  AND a.assessment_id = (SELECT MAX(b.assessment_id) FROM assessments b
    WHERE b.council_id = a.council_id AND b.person_id = a.person_id AND b.kind = a.kind
      AND b.status = 'completed')
ORDER BY a.assessment_id)sql";

Result<std::vector<app::AssessmentRecord>> SqlAssessments::CurrentEligible() {
  return QueryAll(c_, QualifiedAssessment(kCurrentEligible), {council_.value()}, AssessmentFromRow);
}

// After the assessment's columns: the person's name and team.
constexpr std::string_view kOpenAssessments = R"sql(
, p.given_name, p.family_name, p.team_id FROM assessments a JOIN people p
  ON p.council_id = a.council_id AND p.person_id = a.person_id
WHERE a.council_id = $1 AND a.status <> 'completed')sql";

Result<std::vector<app::CaseloadEntry>> SqlAssessments::Open(std::optional<TeamId> team,
                                                             int limit) {
  SD_ASSERT(limit > 0 && limit <= 1000);  // Callers page caseloads.
  std::string sql = QualifiedAssessment(kOpenAssessments);
  SqlParams params{council_.value()};
  if (team) sql += " AND p.team_id = " + params.Add(team->value());
  sql += " ORDER BY a.updated_at, a.assessment_id LIMIT " + params.Add(int64_t{limit});
  return QueryAll(c_, sql, params.values(), [](const SqlRow& r) {
    app::CaseloadEntry e;
    e.assessment = AssessmentFromRow(r);
    constexpr int kAfter = kAssessmentColumnCount;  // The join's columns follow kAssessment's.
    e.person_name = r.Text(kAfter) + " " + r.Text(kAfter + 1);
    e.team_id = TeamId{r.Int(kAfter + 2)};
    return e;
  });
}

constexpr std::string_view kInsertQuestionnaire = R"sql(
INSERT INTO questionnaire_versions (council_id, questionnaire_id, version, effective_from,
  fhir_json, imported_at)
VALUES ($1, $2, $3, $4, $5, $6))sql";

Status SqlQuestionnaires::Insert(const app::StoredQuestionnaire& q) {
  return Execute(c_, kInsertQuestionnaire,
                 {council_.value(), q.questionnaire_id, q.version, q.effective_from.ToString(),
                  q.fhir_json, q.imported_at.micros()});
}

constexpr std::string_view kFindQuestionnaire = R"sql(
FROM questionnaire_versions WHERE council_id = $1 AND questionnaire_id = $2 AND version = $3)sql";

Result<std::optional<app::StoredQuestionnaire>> SqlQuestionnaires::Find(
    const std::string& id, const std::string& version) {
  return QueryOne(c_, kQuestionnaire, kFindQuestionnaire, {council_.value(), id, version});
}

constexpr std::string_view kListQuestionnaires = R"sql(
FROM questionnaire_versions WHERE council_id = $1
ORDER BY questionnaire_id, effective_from, version)sql";

Result<std::vector<app::StoredQuestionnaire>> SqlQuestionnaires::List() {
  return QueryAll(c_, kQuestionnaire, kListQuestionnaires, {council_.value()});
}

}  // namespace selfdirect::storage
