#include "storage/sql/sql_repositories.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <functional>
#include <unordered_map>

#include "base/limits.h"
#include "base/text.h"

namespace selfdirect::storage {
namespace {

constexpr std::string_view kPersonColumns =
    "person_id, team_id, given_name, family_name, date_of_birth, postcode, nhs_number, "
    "primary_support_reason, budget_management, created_at, updated_at";

app::PersonRecord PersonFromRow(const SqlRow& r) {
  app::PersonRecord p;
  p.id = PersonId{r.Int(0)};
  p.team_id = TeamId{r.Int(1)};
  p.details.given_name = r.Text(2);
  p.details.family_name = r.Text(3);
  auto dob = Date::Parse(r.Text(4));
  SD_ASSERT(dob.ok());  // Stored dates were validated on the way in.
  p.details.date_of_birth = *dob;
  p.details.postcode = r.OptionalText(5);
  p.details.nhs_number = r.OptionalText(6);
  auto psr = domain::ParsePrimarySupportReason(r.Text(7));
  SD_ASSERT(psr.has_value());  // Stored by name from the enum.
  p.details.primary_support_reason = *psr;
  auto mgmt = domain::ParseBudgetManagement(r.Text(8));
  SD_ASSERT(mgmt.has_value());  // Stored by name from the enum.
  p.details.budget_management = *mgmt;
  p.created_at = Timestamp::FromMicros(r.Int(9));
  p.updated_at = Timestamp::FromMicros(r.Int(10));
  return p;
}

// What search matches against: lower-case names, reference, postcode with and without space.
std::string SearchText(PersonId id, const domain::PersonDetails& d) {
  std::string text =
      AsciiLower(d.given_name + " " + d.family_name + " " + domain::PersonReference(id));
  if (d.postcode) {
    std::string pc = AsciiLower(*d.postcode);
    text += " " + pc + " ";
    for (char ch : pc) {
      if (ch != ' ') text += ch;
    }
  }
  if (d.nhs_number) text += " " + *d.nhs_number;
  return text;
}

// Escapes LIKE wildcards in user text (the statements say ESCAPE '\').
std::string LikeContains(std::string_view word) {
  std::string out = "%";
  for (char ch : word) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  out += '%';
  return out;
}

app::UserRecord UserFromRow(const SqlRow& r) {
  app::UserRecord u;
  u.id = UserId{r.Int(0)};
  u.email = r.Text(1);
  u.display_name = r.Text(2);
  auto role = domain::ParseRole(r.Text(3));
  SD_ASSERT(role.has_value());  // Stored by name from the enum.
  u.role = *role;
  u.team_id = TeamId{r.Int(4)};
  u.person_id = PersonId{r.Int(5)};
  u.password_hash = r.Text(6);
  u.disabled = r.Int(7) == 1;
  return u;
}

constexpr std::string_view kUserColumns =
    "user_id, email, display_name, role, team_id, person_id, password_hash, disabled";

}  // namespace

Result<PersonId> SqlPeople::Insert(const domain::PersonDetails& d, TeamId team_id, Timestamp now) {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO people (council_id, team_id, given_name, family_name, date_of_birth, "
               "postcode, "
               "nhs_number, primary_support_reason, budget_management, search_text, created_at, "
               "updated_at) "
               "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '', $10, $10) RETURNING person_id",
               {council_.value(), team_id.value(), d.given_name, d.family_name,
                d.date_of_birth.ToString(), SqlOptional(d.postcode), SqlOptional(d.nhs_number),
                std::string(domain::PrimarySupportReasonName(d.primary_support_reason)),
                std::string(domain::BudgetManagementName(d.budget_management)), now.micros()}));
  PersonId id{rows.at(0).Int(0)};
  // The reference is made from the id, so the search text is written once the id is known.
  SD_RETURN_IF_ERROR(
      c_.Query("UPDATE people SET search_text = $3 WHERE council_id = $1 AND person_id = $2",
               {council_.value(), id.value(), SearchText(id, d)}));
  return id;
}

Result<std::optional<app::PersonRecord>> SqlPeople::Find(PersonId id) {
  SD_ASSIGN_OR_RETURN(auto rows,
                      c_.Query("SELECT " + std::string(kPersonColumns) +
                                   " FROM people WHERE council_id = $1 AND person_id = $2",
                               {council_.value(), id.value()}));
  if (rows.empty()) return std::optional<app::PersonRecord>();
  return std::optional<app::PersonRecord>(PersonFromRow(rows[0]));
}

Result<app::PeoplePage> SqlPeople::Search(const app::PeopleQuery& q) {
  SD_ASSERT(q.page >= 1 && q.page <= limits::kMaxPageNumber);  // The use case checked paging.
  SD_ASSERT(q.page_size >= 1 && q.page_size <= limits::kMaxPageSize);
  std::string where = " WHERE council_id = $1";
  std::vector<SqlValue> params{council_.value()};
  if (q.team_id) {
    params.push_back(q.team_id->value());
    where += " AND team_id = $" + std::to_string(params.size());
  }
  // Each word must appear somewhere; at most five words count.
  std::string_view rest = q.search;
  int words = 0;
  while (!rest.empty() && words < 5) {
    size_t space = rest.find(' ');
    std::string_view word = rest.substr(0, space);
    rest = space == std::string_view::npos ? "" : rest.substr(space + 1);
    if (word.empty()) continue;
    params.push_back(LikeContains(word));
    where += " AND search_text LIKE $" + std::to_string(params.size()) + " ESCAPE '\\'";
    ++words;
  }
  app::PeoplePage page;
  SD_ASSIGN_OR_RETURN(auto count, c_.Query("SELECT COUNT(*) FROM people" + where, params));
  page.total = count.at(0).Int(0);
  params.push_back(int64_t{q.page_size});
  std::string limit = " LIMIT $" + std::to_string(params.size());
  params.push_back(int64_t{(q.page - 1)} * q.page_size);
  limit += " OFFSET $" + std::to_string(params.size());
  SD_ASSIGN_OR_RETURN(auto rows,
                      c_.Query("SELECT " + std::string(kPersonColumns) + " FROM people" + where +
                                   " ORDER BY family_name, given_name, person_id" + limit,
                               params));
  page.items.reserve(rows.size());
  for (const auto& r : rows) page.items.push_back(PersonFromRow(r));
  return page;
}

Result<int64_t> SqlPeople::Count() {
  SD_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT COUNT(*) FROM people WHERE council_id = $1", {council_.value()}));
  return rows.at(0).Int(0);
}

Result<UserId> SqlUsers::Insert(const app::UserRecord& u, Timestamp now) {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO users (council_id, email, display_name, role, team_id, person_id, "
               "password_hash, disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
               "RETURNING user_id",
               {council_.value(), AsciiLower(u.email), u.display_name,
                std::string(domain::RoleName(u.role)), SqlOptionalId(u.team_id.value()),
                SqlOptionalId(u.person_id.value()), u.password_hash, int64_t{u.disabled ? 1 : 0},
                now.micros()}));
  return UserId{rows.at(0).Int(0)};
}

Result<std::optional<app::UserRecord>> SqlUsers::FindByEmail(const std::string& email) {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT " + std::string(kUserColumns) +
                                              " FROM users WHERE council_id = $1 AND email = $2",
                                          {council_.value(), AsciiLower(email)}));
  if (rows.empty()) return std::optional<app::UserRecord>();
  return std::optional<app::UserRecord>(UserFromRow(rows[0]));
}

Result<std::optional<app::UserRecord>> SqlUsers::FindById(UserId id) {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT " + std::string(kUserColumns) +
                                              " FROM users WHERE council_id = $1 AND user_id = $2",
                                          {council_.value(), id.value()}));
  if (rows.empty()) return std::optional<app::UserRecord>();
  return std::optional<app::UserRecord>(UserFromRow(rows[0]));
}

Status SqlUsers::AddRepresentation(UserId representative, PersonId person,
                                   const std::string& relationship) {
  SD_RETURN_IF_ERROR(
      c_.Query("INSERT INTO person_representatives (council_id, user_id, person_id, relationship) "
               "VALUES ($1, $2, $3, $4)",
               {council_.value(), representative.value(), person.value(), relationship}));
  return OkStatus();
}

Result<std::vector<PersonId>> SqlUsers::RepresentedPeople(UserId representative) {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(
          "SELECT person_id FROM person_representatives WHERE council_id = $1 AND user_id = $2 "
          "ORDER BY person_id",
          {council_.value(), representative.value()}));
  std::vector<PersonId> out;
  for (const auto& r : rows) out.push_back(PersonId{r.Int(0)});
  return out;
}

Result<TeamId> SqlTeams::Insert(const std::string& name) {
  SD_ASSIGN_OR_RETURN(
      auto rows, c_.Query("INSERT INTO teams (council_id, name) VALUES ($1, $2) RETURNING team_id",
                          {council_.value(), name}));
  return TeamId{rows.at(0).Int(0)};
}

Result<std::vector<app::Team>> SqlTeams::List() {
  SD_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT team_id, name FROM teams WHERE council_id = $1 ORDER BY name",
                          {council_.value()}));
  std::vector<app::Team> out;
  for (const auto& r : rows) out.push_back(app::Team{TeamId{r.Int(0)}, r.Text(1)});
  return out;
}

Status SqlSessions::Insert(const app::SessionRecord& s) {
  SD_RETURN_IF_ERROR(
      c_.Query("INSERT INTO sessions (council_id, token_hash, user_id, csrf_token, created_at, "
               "last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
               {council_.value(), s.token_hash, s.user_id.value(), s.csrf_token,
                s.created_at.micros(), s.last_seen_at.micros(), s.expires_at.micros()}));
  return OkStatus();
}

Result<std::optional<app::SessionRecord>> SqlSessions::Find(const std::string& token_hash) {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT token_hash, user_id, csrf_token, created_at, "
                                          "last_seen_at, expires_at FROM sessions "
                                          "WHERE council_id = $1 AND token_hash = $2",
                                          {council_.value(), token_hash}));
  if (rows.empty()) return std::optional<app::SessionRecord>();
  const SqlRow& r = rows[0];
  return std::optional<app::SessionRecord>(
      app::SessionRecord{r.Text(0), UserId{r.Int(1)}, r.Text(2), Timestamp::FromMicros(r.Int(3)),
                         Timestamp::FromMicros(r.Int(4)), Timestamp::FromMicros(r.Int(5))});
}

Status SqlSessions::Touch(const std::string& token_hash, Timestamp last_seen_at) {
  SD_RETURN_IF_ERROR(
      c_.Query("UPDATE sessions SET last_seen_at = $3 WHERE council_id = $1 AND token_hash = $2",
               {council_.value(), token_hash, last_seen_at.micros()}));
  return OkStatus();
}

Status SqlSessions::Delete(const std::string& token_hash) {
  SD_RETURN_IF_ERROR(c_.Query("DELETE FROM sessions WHERE council_id = $1 AND token_hash = $2",
                              {council_.value(), token_hash}));
  return OkStatus();
}

Result<int64_t> SqlSessions::DeleteExpired(Timestamp now, Timestamp idle_cutoff) {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(
          "DELETE FROM sessions WHERE council_id = $1 AND (expires_at <= $2 OR last_seen_at < $3) "
          "RETURNING token_hash",
          {council_.value(), now.micros(), idle_cutoff.micros()}));
  return static_cast<int64_t>(rows.size());
}

Status SqlAudit::Append(const app::AuditEntry& e) {
  SD_RETURN_IF_ERROR(c_.Query(
      "INSERT INTO audit_log (council_id, at, actor_user_id, action, record_type, record_id, "
      "detail, client_address) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {council_.value(), e.at.micros(), SqlOptionalId(e.actor_user_id.value()), e.action,
       e.record_type, e.record_id, e.detail, e.client_address}));
  return OkStatus();
}

Result<std::vector<app::AuditEntry>> SqlAudit::Recent(int limit, const std::string& record_type,
                                                      const std::string& record_id) {
  SD_ASSERT(limit > 0 && limit <= 1000);  // Callers page the log.
  std::string sql =
      "SELECT at, actor_user_id, action, record_type, record_id, detail, client_address "
      "FROM audit_log WHERE council_id = $1";
  std::vector<SqlValue> params{council_.value()};
  if (!record_type.empty()) {
    params.push_back(record_type);
    sql += " AND record_type = $2";
    if (!record_id.empty()) {
      params.push_back(record_id);
      sql += " AND record_id = $3";
    }
  }
  params.push_back(int64_t{limit});
  sql += " ORDER BY audit_id DESC LIMIT $" + std::to_string(params.size());
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  std::vector<app::AuditEntry> out;
  for (const auto& r : rows) {
    out.push_back(app::AuditEntry{Timestamp::FromMicros(r.Int(0)), UserId{r.Int(1)}, r.Text(2),
                                  r.Text(3), r.Text(4), r.Text(5), r.Text(6)});
  }
  return out;
}

}  // namespace selfdirect::storage

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

constexpr std::string_view kAssessmentColumns =
    "assessment_id, person_id, kind, questionnaire_id, questionnaire_version, origin, status, "
    "answers_json, participants, practitioner_notes, started_by_user_id, decided_by_user_id, "
    "eligible, created_at, updated_at, submitted_at, completed_at";

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
  return a;
}

// "a, b" with prefix "t." -> "t.a, t.b" (for joins where column names repeat).
std::string Qualified(std::string_view columns, std::string_view prefix) {
  std::string out;
  while (!columns.empty()) {
    size_t comma = columns.find(", ");
    out += std::string(prefix) + std::string(columns.substr(0, comma));
    if (comma == std::string_view::npos) break;
    out += ", ";
    columns.remove_prefix(comma + 2);
  }
  return out;
}

SqlValue OptionalTime(const std::optional<Timestamp>& t) {
  return t ? SqlValue(t->micros()) : SqlNull();
}
SqlValue OptionalBool(const std::optional<bool>& b) {
  return b ? SqlValue(int64_t{*b ? 1 : 0}) : SqlNull();
}

}  // namespace

Result<AssessmentId> SqlAssessments::Insert(const app::AssessmentRecord& a) {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(
          "INSERT INTO assessments (council_id, person_id, kind, questionnaire_id, "
          "questionnaire_version, "
          "origin, status, answers_json, participants, practitioner_notes, started_by_user_id, "
          "decided_by_user_id, eligible, created_at, updated_at, submitted_at, completed_at) "
          "VALUES "
          "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) "
          "RETURNING assessment_id",
          {council_.value(), a.person_id.value(),
           std::string(a.kind == domain::AssessmentKind::kCarer ? "carer" : "adult"),
           a.questionnaire_id, a.questionnaire_version,
           std::string(a.origin == app::AssessmentOrigin::kPractitioner ? "practitioner" : "self"),
           std::string(app::AssessmentStatusName(a.status)), AnswersToJson(a.answers),
           a.participants, a.practitioner_notes, a.started_by.value(),
           SqlOptionalId(a.decided_by.value()), OptionalBool(a.eligible), a.created_at.micros(),
           a.updated_at.micros(), OptionalTime(a.submitted_at), OptionalTime(a.completed_at)}));
  return AssessmentId{rows.at(0).Int(0)};
}

Result<std::optional<app::AssessmentRecord>> SqlAssessments::Find(AssessmentId id) {
  SD_ASSIGN_OR_RETURN(auto rows,
                      c_.Query("SELECT " + std::string(kAssessmentColumns) +
                                   " FROM assessments WHERE council_id = $1 AND assessment_id = $2",
                               {council_.value(), id.value()}));
  if (rows.empty()) return std::optional<app::AssessmentRecord>();
  return std::optional<app::AssessmentRecord>(AssessmentFromRow(rows[0]));
}

Status SqlAssessments::Update(const app::AssessmentRecord& a) {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(
          "UPDATE assessments SET status = $3, answers_json = $4, participants = $5, "
          "practitioner_notes = $6, decided_by_user_id = $7, eligible = $8, updated_at = $9, "
          "submitted_at = $10, completed_at = $11 WHERE council_id = $1 AND assessment_id = $2 "
          "RETURNING assessment_id",
          {council_.value(), a.id.value(), std::string(app::AssessmentStatusName(a.status)),
           AnswersToJson(a.answers), a.participants, a.practitioner_notes,
           SqlOptionalId(a.decided_by.value()), OptionalBool(a.eligible), a.updated_at.micros(),
           OptionalTime(a.submitted_at), OptionalTime(a.completed_at)}));
  if (rows.empty()) return Error::NotFound("No such assessment");
  return OkStatus();
}

Result<std::vector<app::AssessmentRecord>> SqlAssessments::ForPerson(PersonId person) {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT " + std::string(kAssessmentColumns) +
                                              " FROM assessments WHERE council_id = $1 AND "
                                              "person_id = $2 ORDER BY assessment_id DESC",
                                          {council_.value(), person.value()}));
  std::vector<app::AssessmentRecord> out;
  for (const auto& r : rows) out.push_back(AssessmentFromRow(r));
  return out;
}

Result<std::vector<app::CaseloadEntry>> SqlAssessments::Open(std::optional<TeamId> team,
                                                             int limit) {
  SD_ASSERT(limit > 0 && limit <= 1000);  // Callers page caseloads.
  std::string sql = "SELECT " + Qualified(kAssessmentColumns, "a.") +
                    ", p.given_name, p.family_name, p.team_id FROM assessments a JOIN people p "
                    "ON p.council_id = a.council_id AND p.person_id = a.person_id "
                    "WHERE a.council_id = $1 AND a.status <> 'completed'";
  std::vector<SqlValue> params{council_.value()};
  if (team) {
    params.push_back(team->value());
    sql += " AND p.team_id = $2";
  }
  params.push_back(int64_t{limit});
  sql += " ORDER BY a.updated_at, a.assessment_id LIMIT $" + std::to_string(params.size());
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  std::vector<app::CaseloadEntry> out;
  for (const auto& r : rows) {
    app::CaseloadEntry e;
    e.assessment = AssessmentFromRow(r);
    e.person_name = r.Text(17) + " " + r.Text(18);
    e.team_id = TeamId{r.Int(19)};
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace selfdirect::storage

namespace selfdirect::storage {
namespace {

app::StoredQuestionnaire QuestionnaireFromRow(const SqlRow& r) {
  auto date = Date::Parse(r.Text(2));
  SD_ASSERT(date.ok());  // Written from a Date.
  return app::StoredQuestionnaire{r.Text(0), r.Text(1), *date, r.Text(3),
                                  Timestamp::FromMicros(r.Int(4))};
}

}  // namespace

Status SqlQuestionnaires::Insert(const app::StoredQuestionnaire& q) {
  SD_RETURN_IF_ERROR(c_.Query(
      "INSERT INTO questionnaire_versions (council_id, questionnaire_id, version, effective_from, "
      "fhir_json, imported_at) VALUES ($1, $2, $3, $4, $5, $6)",
      {council_.value(), q.questionnaire_id, q.version, q.effective_from.ToString(), q.fhir_json,
       q.imported_at.micros()}));
  return OkStatus();
}

Result<std::optional<app::StoredQuestionnaire>> SqlQuestionnaires::Find(
    const std::string& id, const std::string& version) {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(
          "SELECT questionnaire_id, version, effective_from, fhir_json, imported_at FROM "
          "questionnaire_versions WHERE council_id = $1 AND questionnaire_id = $2 AND version = $3",
          {council_.value(), id, version}));
  if (rows.empty()) return std::optional<app::StoredQuestionnaire>();
  return std::optional<app::StoredQuestionnaire>(QuestionnaireFromRow(rows[0]));
}

Result<std::vector<app::StoredQuestionnaire>> SqlQuestionnaires::List() {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT questionnaire_id, version, effective_from, fhir_json, imported_at FROM "
               "questionnaire_versions WHERE council_id = $1 ORDER BY questionnaire_id, "
               "effective_from, version",
               {council_.value()}));
  std::vector<app::StoredQuestionnaire> out;
  for (const auto& r : rows) out.push_back(QuestionnaireFromRow(r));
  return out;
}

}  // namespace selfdirect::storage

namespace selfdirect::storage {

Result<std::vector<app::AssessmentRecord>> SqlAssessments::CurrentEligible() {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT " + Qualified(kAssessmentColumns, "a.") +
                   " FROM assessments a WHERE a.council_id = $1 AND a.status = 'completed' AND "
                   "a.eligible = 1 AND a.assessment_id = (SELECT MAX(b.assessment_id) FROM "
                   "assessments b WHERE b.council_id = a.council_id AND b.person_id = a.person_id "
                   "AND b.kind = a.kind AND b.status = 'completed') ORDER BY a.assessment_id",
               {council_.value()}));
  std::vector<app::AssessmentRecord> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(AssessmentFromRow(r));
  return out;
}

namespace {

constexpr std::string_view kTableColumns =
    "table_id, version, effective_from, status, definition_json, note, created_by_user_id, "
    "created_at, published_by_user_id, published_at";

app::StoredAllocationTable TableFromRow(const SqlRow& r) {
  auto date = Date::Parse(r.Text(2));
  SD_ASSERT(date.ok());  // Written from a Date.
  app::StoredAllocationTable t;
  t.table_id = r.Text(0);
  t.version = r.Int(1);
  t.effective_from = *date;
  t.status = r.Text(3) == "published" ? app::TableStatus::kPublished : app::TableStatus::kDraft;
  t.definition_json = r.Text(4);
  t.note = r.Text(5);
  t.created_by = UserId{r.Int(6)};
  t.created_at = Timestamp::FromMicros(r.Int(7));
  t.published_by = UserId{r.Int(8)};
  if (!r.IsNull(9)) t.published_at = Timestamp::FromMicros(r.Int(9));
  return t;
}

constexpr std::string_view kBudgetColumns =
    "assessment_id, person_id, table_id, table_version, points, weekly_pence, annual_pence, "
    "calculated_at, override_weekly_pence, override_reason, overridden_by_user_id, overridden_at";

app::IndicativeBudgetRecord BudgetFromRow(const SqlRow& r) {
  app::IndicativeBudgetRecord b;
  b.assessment_id = AssessmentId{r.Int(0)};
  b.person_id = PersonId{r.Int(1)};
  b.table_id = r.Text(2);
  b.table_version = r.Int(3);
  b.points = r.Int(4);
  b.weekly = Pence::FromPence(r.Int(5));
  b.annual = Pence::FromPence(r.Int(6));
  b.calculated_at = Timestamp::FromMicros(r.Int(7));
  if (!r.IsNull(8)) b.override_weekly = Pence::FromPence(r.Int(8));
  b.override_reason = r.Text(9);
  b.overridden_by = UserId{r.Int(10)};
  if (!r.IsNull(11)) b.overridden_at = Timestamp::FromMicros(r.Int(11));
  return b;
}

}  // namespace

Status SqlAllocationTables::Insert(const app::StoredAllocationTable& t) {
  SD_RETURN_IF_ERROR(c_.Query(
      "INSERT INTO allocation_tables (council_id, " + std::string(kTableColumns) +
          ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
      {council_.value(), t.table_id, t.version, t.effective_from.ToString(),
       std::string(t.status == app::TableStatus::kPublished ? "published" : "draft"),
       t.definition_json, t.note, SqlOptionalId(t.created_by.value()), t.created_at.micros(),
       SqlOptionalId(t.published_by.value()), OptionalTime(t.published_at)}));
  return OkStatus();
}

Result<std::optional<app::StoredAllocationTable>> SqlAllocationTables::Find(const std::string& id,
                                                                            int64_t version) {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT " + std::string(kTableColumns) +
                                              " FROM allocation_tables WHERE council_id = $1 AND "
                                              "table_id = $2 AND version = $3",
                                          {council_.value(), id, version}));
  if (rows.empty()) return std::optional<app::StoredAllocationTable>();
  return std::optional<app::StoredAllocationTable>(TableFromRow(rows[0]));
}

Result<std::vector<app::StoredAllocationTable>> SqlAllocationTables::List() {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT " + std::string(kTableColumns) +
                                              " FROM allocation_tables WHERE council_id = $1 "
                                              "ORDER BY table_id, version",
                                          {council_.value()}));
  std::vector<app::StoredAllocationTable> out;
  for (const auto& r : rows) out.push_back(TableFromRow(r));
  return out;
}

Status SqlAllocationTables::Publish(const std::string& id, int64_t version, UserId by,
                                    Timestamp at) {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("UPDATE allocation_tables SET status = 'published', published_by_user_id = $4, "
               "published_at = $5 WHERE council_id = $1 AND table_id = $2 AND version = $3 AND "
               "status = 'draft' RETURNING version",
               {council_.value(), id, version, SqlOptionalId(by.value()), at.micros()}));
  if (!rows.empty()) return OkStatus();
  SD_ASSIGN_OR_RETURN(auto existing, Find(id, version));
  if (!existing)
    return Error::NotFound("No allocation table " + id + " version " + std::to_string(version));
  return Error::FailedPrecondition("Version " + std::to_string(version) + " of " + id +
                                   " is already published");
}

Status SqlIndicativeBudgets::Save(const app::IndicativeBudgetRecord& b) {
  SD_RETURN_IF_ERROR(c_.Query(
      "INSERT INTO indicative_budgets (council_id, assessment_id, person_id, table_id, "
      "table_version, points, weekly_pence, annual_pence, calculated_at, override_reason) VALUES "
      "($1, $2, $3, $4, $5, $6, $7, $8, $9, '') ON CONFLICT (council_id, assessment_id) DO UPDATE "
      "SET table_id = excluded.table_id, table_version = excluded.table_version, points = "
      "excluded.points, weekly_pence = excluded.weekly_pence, annual_pence = "
      "excluded.annual_pence, calculated_at = excluded.calculated_at",
      {council_.value(), b.assessment_id.value(), b.person_id.value(), b.table_id, b.table_version,
       b.points, b.weekly.pence(), b.annual.pence(), b.calculated_at.micros()}));
  return OkStatus();
}

Status SqlIndicativeBudgets::SetOverride(AssessmentId assessment, std::optional<Pence> weekly,
                                         const std::string& reason, UserId by, Timestamp at) {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(
          "UPDATE indicative_budgets SET override_weekly_pence = $3, override_reason = $4, "
          "overridden_by_user_id = $5, overridden_at = $6 WHERE council_id = $1 AND "
          "assessment_id = $2 RETURNING assessment_id",
          {council_.value(), assessment.value(), weekly ? SqlValue(weekly->pence()) : SqlNull(),
           reason, SqlOptionalId(by.value()), at.micros()}));
  if (rows.empty()) return Error::NotFound("No indicative budget for this assessment");
  return OkStatus();
}

Result<std::optional<app::IndicativeBudgetRecord>> SqlIndicativeBudgets::Find(
    AssessmentId assessment) {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT " + std::string(kBudgetColumns) +
                                              " FROM indicative_budgets WHERE council_id = $1 "
                                              "AND assessment_id = $2",
                                          {council_.value(), assessment.value()}));
  if (rows.empty()) return std::optional<app::IndicativeBudgetRecord>();
  return std::optional<app::IndicativeBudgetRecord>(BudgetFromRow(rows[0]));
}

Result<std::vector<app::IndicativeBudgetRecord>> SqlIndicativeBudgets::ForPerson(PersonId person) {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT " + std::string(kBudgetColumns) +
                                              " FROM indicative_budgets WHERE council_id = $1 "
                                              "AND person_id = $2 ORDER BY assessment_id DESC",
                                          {council_.value(), person.value()}));
  std::vector<app::IndicativeBudgetRecord> out;
  for (const auto& r : rows) out.push_back(BudgetFromRow(r));
  return out;
}

Result<int64_t> SqlCalibrationSamples::Insert(const app::CalibrationSample& s) {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO calibration_samples (council_id, name, csv, row_count, "
               "uploaded_by_user_id, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING "
               "sample_id",
               {council_.value(), s.name, s.csv, s.rows, SqlOptionalId(s.uploaded_by.value()),
                s.uploaded_at.micros()}));
  return rows.at(0).Int(0);
}

Result<std::optional<app::CalibrationSample>> SqlCalibrationSamples::Find(int64_t id) {
  SD_ASSIGN_OR_RETURN(auto rows,
                      c_.Query("SELECT sample_id, name, csv, row_count, uploaded_by_user_id, "
                               "uploaded_at FROM calibration_samples WHERE council_id = $1 AND "
                               "sample_id = $2",
                               {council_.value(), id}));
  if (rows.empty()) return std::optional<app::CalibrationSample>();
  const auto& r = rows[0];
  return std::optional<app::CalibrationSample>(app::CalibrationSample{
      r.Int(0), r.Text(1), r.Text(2), r.Int(3), UserId{r.Int(4)}, Timestamp::FromMicros(r.Int(5))});
}

Result<std::vector<app::CalibrationSample>> SqlCalibrationSamples::List() {
  SD_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT sample_id, name, row_count, uploaded_by_user_id, uploaded_at "
                          "FROM calibration_samples WHERE council_id = $1 ORDER BY sample_id DESC",
                          {council_.value()}));
  std::vector<app::CalibrationSample> out;
  for (const auto& r : rows) {
    out.push_back(app::CalibrationSample{r.Int(0), r.Text(1), "", r.Int(2), UserId{r.Int(3)},
                                         Timestamp::FromMicros(r.Int(4))});
  }
  return out;
}

namespace {

constexpr std::string_view kFinancialColumns =
    "financial_assessment_id, person_id, status, assessment_date, input_json, evidence_json, "
    "reason, rates_id, weekly_charge_pence, weekly_cost_pence, full_cost, replaces_id, "
    "created_by_user_id, created_at, completed_by_user_id, completed_at";

app::FinancialAssessmentRecord FinancialFromRow(const SqlRow& r) {
  app::FinancialAssessmentRecord a;
  a.id = r.Int(0);
  a.person_id = PersonId{r.Int(1)};
  a.status = r.Text(2) == "completed" ? app::FinancialAssessmentStatus::kCompleted
                                      : app::FinancialAssessmentStatus::kDraft;
  if (auto d = Date::Parse(r.Text(3)); d.ok()) a.assessment_date = *d;
  a.input_json = r.Text(4);
  a.evidence_json = r.Text(5);
  a.reason = r.Text(6);
  a.rates_id = r.Text(7);
  a.weekly_charge = Pence::FromPence(r.Int(8));
  a.weekly_cost = Pence::FromPence(r.Int(9));
  a.full_cost = r.Int(10) == 1;
  if (!r.IsNull(11)) a.replaces = r.Int(11);
  a.created_by = UserId{r.Int(12)};
  a.created_at = Timestamp::FromMicros(r.Int(13));
  a.completed_by = UserId{r.Int(14)};
  if (!r.IsNull(15)) a.completed_at = Timestamp::FromMicros(r.Int(15));
  return a;
}

std::string StatusText(app::FinancialAssessmentStatus s) {
  return s == app::FinancialAssessmentStatus::kCompleted ? "completed" : "draft";
}

}  // namespace

Result<int64_t> SqlFinancialAssessments::Insert(const app::FinancialAssessmentRecord& a) {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO financial_assessments (council_id, person_id, status, "
               "assessment_date, input_json, evidence_json, reason, rates_id, "
               "weekly_charge_pence, weekly_cost_pence, full_cost, replaces_id, "
               "created_by_user_id, created_at, completed_by_user_id, completed_at) VALUES ($1, "
               "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING "
               "financial_assessment_id",
               {council_.value(), a.person_id.value(), StatusText(a.status),
                a.assessment_date.ToString(), a.input_json, a.evidence_json, a.reason, a.rates_id,
                a.weekly_charge.pence(), a.weekly_cost.pence(), int64_t{a.full_cost ? 1 : 0},
                a.replaces ? SqlValue(*a.replaces) : SqlNull(), SqlOptionalId(a.created_by.value()),
                a.created_at.micros(), SqlOptionalId(a.completed_by.value()),
                OptionalTime(a.completed_at)}));
  return rows.at(0).Int(0);
}

Status SqlFinancialAssessments::UpdateDraft(const app::FinancialAssessmentRecord& a) {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("UPDATE financial_assessments SET status = $3, assessment_date = $4, input_json = "
               "$5, evidence_json = $6, reason = $7, rates_id = $8, weekly_charge_pence = $9, "
               "weekly_cost_pence = $10, full_cost = $11, completed_by_user_id = $12, "
               "completed_at = $13 WHERE council_id = $1 AND financial_assessment_id = $2 AND "
               "status = 'draft' RETURNING financial_assessment_id",
               {council_.value(), a.id, StatusText(a.status), a.assessment_date.ToString(),
                a.input_json, a.evidence_json, a.reason, a.rates_id, a.weekly_charge.pence(),
                a.weekly_cost.pence(), int64_t{a.full_cost ? 1 : 0},
                SqlOptionalId(a.completed_by.value()), OptionalTime(a.completed_at)}));
  if (!rows.empty()) return OkStatus();
  SD_ASSIGN_OR_RETURN(auto existing, Find(a.id));
  if (!existing) return Error::NotFound("No such financial assessment");
  return Error::FailedPrecondition(
      "This financial assessment is completed and cannot be changed; start a re-assessment");
}

Result<std::optional<app::FinancialAssessmentRecord>> SqlFinancialAssessments::Find(int64_t id) {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT " + std::string(kFinancialColumns) +
                                              " FROM financial_assessments WHERE council_id = $1 "
                                              "AND financial_assessment_id = $2",
                                          {council_.value(), id}));
  if (rows.empty()) return std::optional<app::FinancialAssessmentRecord>();
  return std::optional<app::FinancialAssessmentRecord>(FinancialFromRow(rows[0]));
}

Result<std::vector<app::FinancialAssessmentRecord>> SqlFinancialAssessments::ForPerson(
    PersonId person) {
  SD_ASSIGN_OR_RETURN(auto rows,
                      c_.Query("SELECT " + std::string(kFinancialColumns) +
                                   " FROM financial_assessments WHERE council_id = $1 AND "
                                   "person_id = $2 ORDER BY financial_assessment_id DESC",
                               {council_.value(), person.value()}));
  std::vector<app::FinancialAssessmentRecord> out;
  for (const auto& r : rows) out.push_back(FinancialFromRow(r));
  return out;
}

Result<std::vector<app::FinancialAssessmentRecord>> SqlFinancialAssessments::Current() {
  // The latest completed assessment per person: no later completed one (by date, then id).
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT " + std::string(kFinancialColumns) +
                   " FROM financial_assessments f WHERE council_id = $1 AND status = "
                   "'completed' AND NOT EXISTS (SELECT 1 FROM financial_assessments g WHERE "
                   "g.council_id = f.council_id AND g.person_id = f.person_id AND g.status = "
                   "'completed' AND (g.assessment_date > f.assessment_date OR (g.assessment_date "
                   "= f.assessment_date AND g.financial_assessment_id > "
                   "f.financial_assessment_id))) ORDER BY person_id",
               {council_.value()}));
  std::vector<app::FinancialAssessmentRecord> out;
  for (const auto& r : rows) out.push_back(FinancialFromRow(r));
  return out;
}

namespace {

constexpr std::string_view kEstimateColumns =
    "charging_estimate_id, person_id, input_json, rates_id, weekly_charge_pence, "
    "weekly_cost_pence, full_cost, created_by_user_id, created_at";

app::ChargingEstimateRecord EstimateFromRow(const SqlRow& r) {
  app::ChargingEstimateRecord e;
  e.id = r.Int(0);
  e.person_id = PersonId{r.Int(1)};
  e.input_json = r.Text(2);
  e.rates_id = r.Text(3);
  e.weekly_charge = Pence::FromPence(r.Int(4));
  e.weekly_cost = Pence::FromPence(r.Int(5));
  e.full_cost = r.Int(6) == 1;
  e.created_by = UserId{r.Int(7)};
  e.created_at = Timestamp::FromMicros(r.Int(8));
  return e;
}

}  // namespace

Result<int64_t> SqlChargingEstimates::Insert(const app::ChargingEstimateRecord& e) {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO charging_estimates (council_id, person_id, input_json, rates_id, "
               "weekly_charge_pence, weekly_cost_pence, full_cost, created_by_user_id, "
               "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING "
               "charging_estimate_id",
               {council_.value(), e.person_id.value(), e.input_json, e.rates_id,
                e.weekly_charge.pence(), e.weekly_cost.pence(), int64_t{e.full_cost ? 1 : 0},
                SqlOptionalId(e.created_by.value()), e.created_at.micros()}));
  return rows.at(0).Int(0);
}

Result<std::optional<app::ChargingEstimateRecord>> SqlChargingEstimates::Find(int64_t id) {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT " + std::string(kEstimateColumns) +
                                              " FROM charging_estimates WHERE council_id = $1 "
                                              "AND charging_estimate_id = $2",
                                          {council_.value(), id}));
  if (rows.empty()) return std::optional<app::ChargingEstimateRecord>();
  return std::optional<app::ChargingEstimateRecord>(EstimateFromRow(rows[0]));
}

Result<std::vector<app::ChargingEstimateRecord>> SqlChargingEstimates::ForPerson(PersonId person) {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT " + std::string(kEstimateColumns) +
                                              " FROM charging_estimates WHERE council_id = $1 AND "
                                              "person_id = $2 ORDER BY charging_estimate_id DESC",
                                          {council_.value(), person.value()}));
  std::vector<app::ChargingEstimateRecord> out;
  for (const auto& r : rows) out.push_back(EstimateFromRow(r));
  return out;
}

Status SqlChargingEstimates::Delete(int64_t id) {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query("DELETE FROM charging_estimates WHERE council_id = $1 "
                                          "AND charging_estimate_id = $2 RETURNING "
                                          "charging_estimate_id",
                                          {council_.value(), id}));
  if (rows.empty()) return Error::NotFound("No such estimate");
  return OkStatus();
}

Status SqlChargingPolicies::Insert(const app::StoredChargingPolicy& p) {
  SD_ASSIGN_OR_RETURN(auto existing,
                      c_.Query("SELECT 1 FROM charging_policies WHERE council_id = $1 AND "
                               "effective_from = $2",
                               {council_.value(), p.effective_from.ToString()}));
  if (!existing.empty())
    return Error::AlreadyExists("The council already has a charging policy from " +
                                p.effective_from.ToString());
  SD_RETURN_IF_ERROR(
      c_.Query("INSERT INTO charging_policies (council_id, effective_from, definition_json, note, "
               "created_by_user_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
               {council_.value(), p.effective_from.ToString(), p.definition_json, p.note,
                SqlOptionalId(p.created_by.value()), p.created_at.micros()}));
  return OkStatus();
}

Result<std::vector<app::StoredChargingPolicy>> SqlChargingPolicies::List() {
  SD_ASSIGN_OR_RETURN(auto rows,
                      c_.Query("SELECT effective_from, definition_json, note, created_by_user_id, "
                               "created_at FROM charging_policies WHERE council_id = $1 ORDER BY "
                               "effective_from",
                               {council_.value()}));
  std::vector<app::StoredChargingPolicy> out;
  for (const auto& r : rows) {
    app::StoredChargingPolicy p;
    if (auto d = Date::Parse(r.Text(0)); d.ok()) p.effective_from = *d;
    p.definition_json = r.Text(1);
    p.note = r.Text(2);
    p.created_by = UserId{r.Int(3)};
    p.created_at = Timestamp::FromMicros(r.Int(4));
    out.push_back(std::move(p));
  }
  return out;
}

namespace {

constexpr std::string_view kPlanColumns =
    "plan_id, person_id, team_id, client_group, status, version, approved_version, "
    "indicative_weekly_pence, weekly_total_pence, annual_total_pence, agreed_weekly_pence, "
    "agreed_annual_pence, person_weekly_pence, council_weekly_pence, return_category, "
    "created_by_user_id, created_at, updated_at, last_edited_by_user_id, submitted_by_user_id, "
    "submitted_at, decided_by_user_id, decided_at, decision_reason";

app::SupportPlanRecord PlanFromRow(const SqlRow& r) {
  app::SupportPlanRecord p;
  p.id = r.Int(0);
  p.person_id = PersonId{r.Int(1)};
  p.team_id = TeamId{r.Int(2)};
  p.client_group = r.Text(3);
  p.status = domain::ParsePlanStatus(r.Text(4)).value_or(domain::PlanStatus::kDraft);
  p.version = r.Int(5);
  p.approved_version = r.Int(6);
  if (!r.IsNull(7)) p.indicative_weekly = Pence::FromPence(r.Int(7));
  p.weekly_total = Pence::FromPence(r.Int(8));
  p.annual_total = Pence::FromPence(r.Int(9));
  p.agreed_weekly = Pence::FromPence(r.Int(10));
  p.agreed_annual = Pence::FromPence(r.Int(11));
  p.person_weekly = Pence::FromPence(r.Int(12));
  p.council_weekly = Pence::FromPence(r.Int(13));
  p.return_category = r.Text(14);
  p.created_by = UserId{r.Int(15)};
  p.created_at = Timestamp::FromMicros(r.Int(16));
  p.updated_at = Timestamp::FromMicros(r.Int(17));
  p.last_edited_by = UserId{r.Int(18)};
  p.submitted_by = UserId{r.Int(19)};
  if (!r.IsNull(20)) p.submitted_at = Timestamp::FromMicros(r.Int(20));
  p.decided_by = UserId{r.Int(21)};
  if (!r.IsNull(22)) p.decided_at = Timestamp::FromMicros(r.Int(22));
  p.decision_reason = r.Text(23);
  return p;
}

SqlValue OptionalPence(const std::optional<Pence>& p) {
  return p ? SqlValue(p->pence()) : SqlNull();
}

app::SupportPlanVersion VersionFromRow(const SqlRow& r) {
  app::SupportPlanVersion v;
  v.plan_id = r.Int(0);
  v.version = r.Int(1);
  v.content_json = r.Text(2);
  v.weekly_total = Pence::FromPence(r.Int(3));
  v.annual_total = Pence::FromPence(r.Int(4));
  v.changed_by = UserId{r.Int(5)};
  v.changed_at = Timestamp::FromMicros(r.Int(6));
  v.note = r.Text(7);
  return v;
}

}  // namespace

Result<int64_t> SqlSupportPlans::Insert(const app::SupportPlanRecord& p,
                                        const app::SupportPlanVersion& first) {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO support_plans (council_id, person_id, team_id, client_group, status, "
               "version, approved_version, indicative_weekly_pence, weekly_total_pence, "
               "annual_total_pence, agreed_weekly_pence, agreed_annual_pence, "
               "person_weekly_pence, council_weekly_pence, return_category, created_by_user_id, "
               "created_at, updated_at, last_edited_by_user_id, decision_reason) VALUES ($1, $2, "
               "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, "
               "$20) RETURNING plan_id",
               {council_.value(),
                p.person_id.value(),
                p.team_id.value(),
                p.client_group,
                std::string(domain::PlanStatusCode(p.status)),
                p.version,
                p.approved_version,
                OptionalPence(p.indicative_weekly),
                p.weekly_total.pence(),
                p.annual_total.pence(),
                p.agreed_weekly.pence(),
                p.agreed_annual.pence(),
                p.person_weekly.pence(),
                p.council_weekly.pence(),
                p.return_category,
                SqlOptionalId(p.created_by.value()),
                p.created_at.micros(),
                p.updated_at.micros(),
                SqlOptionalId(p.last_edited_by.value()),
                p.decision_reason}));
  int64_t id = rows.at(0).Int(0);
  app::SupportPlanVersion v = first;
  v.plan_id = id;
  SD_RETURN_IF_ERROR(AddVersion(v));
  return id;
}

Status SqlSupportPlans::Update(const app::SupportPlanRecord& p) {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("UPDATE support_plans SET status = $3, version = $4, approved_version = $5, "
               "indicative_weekly_pence = $6, weekly_total_pence = $7, annual_total_pence = $8, "
               "agreed_weekly_pence = $9, agreed_annual_pence = $10, person_weekly_pence = $11, "
               "council_weekly_pence = $12, return_category = $13, updated_at = $14, "
               "last_edited_by_user_id = $15, submitted_by_user_id = $16, submitted_at = $17, "
               "decided_by_user_id = $18, decided_at = $19, decision_reason = $20 WHERE "
               "council_id = $1 AND plan_id = $2 RETURNING plan_id",
               {council_.value(),
                p.id,
                std::string(domain::PlanStatusCode(p.status)),
                p.version,
                p.approved_version,
                OptionalPence(p.indicative_weekly),
                p.weekly_total.pence(),
                p.annual_total.pence(),
                p.agreed_weekly.pence(),
                p.agreed_annual.pence(),
                p.person_weekly.pence(),
                p.council_weekly.pence(),
                p.return_category,
                p.updated_at.micros(),
                SqlOptionalId(p.last_edited_by.value()),
                SqlOptionalId(p.submitted_by.value()),
                OptionalTime(p.submitted_at),
                SqlOptionalId(p.decided_by.value()),
                OptionalTime(p.decided_at),
                p.decision_reason}));
  if (rows.empty()) return Error::NotFound("No such support plan");
  return OkStatus();
}

Status SqlSupportPlans::AddVersion(const app::SupportPlanVersion& v) {
  SD_ASSIGN_OR_RETURN(auto existing,
                      c_.Query("SELECT 1 FROM support_plan_versions WHERE council_id = $1 AND "
                               "plan_id = $2 AND version = $3",
                               {council_.value(), v.plan_id, v.version}));
  if (!existing.empty()) return Error::AlreadyExists("That version of the plan exists");
  SD_RETURN_IF_ERROR(c_.Query(
      "INSERT INTO support_plan_versions (council_id, plan_id, version, content_json, "
      "weekly_total_pence, annual_total_pence, changed_by_user_id, changed_at, note) VALUES ($1, "
      "$2, $3, $4, $5, $6, $7, $8, $9)",
      {council_.value(), v.plan_id, v.version, v.content_json, v.weekly_total.pence(),
       v.annual_total.pence(), SqlOptionalId(v.changed_by.value()), v.changed_at.micros(),
       v.note}));
  return OkStatus();
}

Status SqlSupportPlans::AddEvent(const app::SupportPlanEvent& e) {
  SD_RETURN_IF_ERROR(
      c_.Query("INSERT INTO support_plan_events (council_id, plan_id, version, kind, reason, "
               "by_user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
               {council_.value(), e.plan_id, e.version, e.kind, e.reason,
                SqlOptionalId(e.by.value()), e.at.micros()}));
  return OkStatus();
}

Result<std::optional<app::SupportPlanRecord>> SqlSupportPlans::Find(int64_t id) {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT " + std::string(kPlanColumns) +
                                              " FROM support_plans WHERE council_id = $1 AND "
                                              "plan_id = $2",
                                          {council_.value(), id}));
  if (rows.empty()) return std::optional<app::SupportPlanRecord>();
  return std::optional<app::SupportPlanRecord>(PlanFromRow(rows[0]));
}

Result<std::vector<app::SupportPlanRecord>> SqlSupportPlans::ForPerson(PersonId person) {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT " + std::string(kPlanColumns) +
                                              " FROM support_plans WHERE council_id = $1 AND "
                                              "person_id = $2 ORDER BY plan_id DESC",
                                          {council_.value(), person.value()}));
  std::vector<app::SupportPlanRecord> out;
  for (const auto& r : rows) out.push_back(PlanFromRow(r));
  return out;
}

Result<std::optional<app::SupportPlanVersion>> SqlSupportPlans::Version(int64_t plan,
                                                                        int64_t version) {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT plan_id, version, content_json, weekly_total_pence, annual_total_pence, "
               "changed_by_user_id, changed_at, note FROM support_plan_versions WHERE "
               "council_id = $1 AND plan_id = $2 AND version = $3",
               {council_.value(), plan, version}));
  if (rows.empty()) return std::optional<app::SupportPlanVersion>();
  return std::optional<app::SupportPlanVersion>(VersionFromRow(rows[0]));
}

Result<std::vector<app::SupportPlanVersion>> SqlSupportPlans::Versions(int64_t plan) {
  SD_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT plan_id, version, '', weekly_total_pence, annual_total_pence, "
                          "changed_by_user_id, changed_at, note FROM support_plan_versions WHERE "
                          "council_id = $1 AND plan_id = $2 ORDER BY version",
                          {council_.value(), plan}));
  std::vector<app::SupportPlanVersion> out;
  for (const auto& r : rows) out.push_back(VersionFromRow(r));
  return out;
}

Result<std::vector<app::SupportPlanEvent>> SqlSupportPlans::Events(int64_t plan) {
  SD_ASSIGN_OR_RETURN(auto rows,
                      c_.Query("SELECT plan_id, version, kind, reason, by_user_id, at FROM "
                               "support_plan_events WHERE council_id = $1 AND plan_id = $2 "
                               "ORDER BY event_id",
                               {council_.value(), plan}));
  std::vector<app::SupportPlanEvent> out;
  for (const auto& r : rows)
    out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), UserId{r.Int(4)},
                   Timestamp::FromMicros(r.Int(5))});
  return out;
}

Result<std::vector<app::SupportPlanRecord>> SqlSupportPlans::Waiting(std::optional<TeamId> team,
                                                                     int limit) {
  std::string sql = "SELECT " + std::string(kPlanColumns) +
                    " FROM support_plans WHERE council_id = $1 AND status = 'submitted'";
  std::vector<SqlValue> args{council_.value(), int64_t{limit}};
  if (team) {
    sql += " AND team_id = $3";
    args.push_back(team->value());
  }
  sql += " ORDER BY updated_at, plan_id LIMIT $2";
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, args));
  std::vector<app::SupportPlanRecord> out;
  for (const auto& r : rows) out.push_back(PlanFromRow(r));
  return out;
}

Status SqlSupportPlans::RecordAgreedSpend(const app::AgreedPlanSpend& s) {
  const int64_t council = council_.value();
  auto add_spend = [&](const std::string& month, int64_t team, const std::string& group,
                       const std::string& category, const std::string& managed, int64_t weekly,
                       int64_t lines) -> Status {
    SD_RETURN_IF_ERROR(c_.Query(
        "INSERT INTO plan_spend_summary (council_id, month, team_id, client_group, category, "
        "managed_as, weekly_pence, lines) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT "
        "(council_id, month, team_id, client_group, category, managed_as) DO UPDATE SET "
        "weekly_pence = plan_spend_summary.weekly_pence + excluded.weekly_pence, lines = "
        "plan_spend_summary.lines + excluded.lines",
        {council, month, team, group, category, managed, weekly, lines}));
    return OkStatus();
  };
  auto add_agreement = [&](const std::string& month, int64_t team, const std::string& group,
                           const std::string& category, int64_t plans, int64_t weekly) -> Status {
    SD_RETURN_IF_ERROR(c_.Query(
        "INSERT INTO plan_agreement_summary (council_id, month, team_id, client_group, "
        "return_category, plans, weekly_pence) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT "
        "(council_id, month, team_id, client_group, return_category) DO UPDATE SET plans = "
        "plan_agreement_summary.plans + excluded.plans, weekly_pence = "
        "plan_agreement_summary.weekly_pence + excluded.weekly_pence",
        {council, month, team, group, category, plans, weekly}));
    return OkStatus();
  };
  // Take out what an earlier agreed version of this plan put in.
  SD_ASSIGN_OR_RETURN(auto old_lines,
                      c_.Query("SELECT month, team_id, client_group, category, managed_as, "
                               "weekly_pence FROM plan_agreed_lines WHERE council_id = $1 AND "
                               "plan_id = $2",
                               {council, s.plan_id}));
  for (const auto& r : old_lines)
    SD_RETURN_IF_ERROR(
        add_spend(r.Text(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), -r.Int(5), -1));
  SD_ASSIGN_OR_RETURN(auto old_plan,
                      c_.Query("SELECT month, team_id, client_group, return_category, "
                               "weekly_pence FROM plan_agreements WHERE council_id = $1 AND "
                               "plan_id = $2",
                               {council, s.plan_id}));
  for (const auto& r : old_plan)
    SD_RETURN_IF_ERROR(add_agreement(r.Text(0), r.Int(1), r.Text(2), r.Text(3), -1, -r.Int(4)));
  SD_RETURN_IF_ERROR(
      c_.Query("DELETE FROM plan_agreed_lines WHERE council_id = $1 AND plan_id = $2",
               {council, s.plan_id}));
  SD_RETURN_IF_ERROR(c_.Query("DELETE FROM plan_agreements WHERE council_id = $1 AND plan_id = $2",
                              {council, s.plan_id}));
  // Put in the new one.
  const int64_t team = s.team_id.value();
  for (const auto& l : s.lines) {
    SD_RETURN_IF_ERROR(c_.Query(
        "INSERT INTO plan_agreed_lines (council_id, plan_id, month, team_id, client_group, "
        "category, managed_as, weekly_pence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {council, s.plan_id, s.month, team, s.client_group, l.category, l.managed_as,
         l.weekly.pence()}));
    SD_RETURN_IF_ERROR(
        add_spend(s.month, team, s.client_group, l.category, l.managed_as, l.weekly.pence(), 1));
  }
  SD_RETURN_IF_ERROR(
      c_.Query("INSERT INTO plan_agreements (council_id, plan_id, month, team_id, client_group, "
               "return_category, weekly_pence) VALUES ($1, $2, $3, $4, $5, $6, $7)",
               {council, s.plan_id, s.month, team, s.client_group, s.return_category,
                s.weekly_total.pence()}));
  return add_agreement(s.month, team, s.client_group, s.return_category, 1, s.weekly_total.pence());
}

Result<app::SpendSummary> SqlSupportPlans::Spend(const app::SpendQuery& q) {
  std::string where = " WHERE council_id = $1";
  std::vector<SqlValue> args{council_.value()};
  if (q.team_id) {
    args.push_back(q.team_id->value());
    where += " AND team_id = $" + std::to_string(args.size());
  }
  if (!q.client_group.empty()) {
    args.push_back(q.client_group);
    where += " AND client_group = $" + std::to_string(args.size());
  }
  app::SpendSummary out;
  SD_ASSIGN_OR_RETURN(
      auto spend,
      c_.Query("SELECT month, category, managed_as, SUM(weekly_pence), SUM(lines) FROM "
               "plan_spend_summary" +
                   where +
                   " GROUP BY month, category, managed_as HAVING SUM(lines) > 0 ORDER BY month, "
                   "category, managed_as",
               args));
  for (const auto& r : spend)
    out.spend.push_back({r.Text(0), r.Text(1), r.Text(2), Pence::FromPence(r.Int(3)), r.Int(4)});
  SD_ASSIGN_OR_RETURN(
      auto agreements,
      c_.Query("SELECT month, return_category, SUM(weekly_pence), SUM(plans) FROM "
               "plan_agreement_summary" +
                   where +
                   " GROUP BY month, return_category HAVING SUM(plans) > 0 ORDER BY month, "
                   "return_category",
               args));
  for (const auto& r : agreements)
    out.agreements.push_back({r.Text(0), r.Text(1), "", Pence::FromPence(r.Int(2)), r.Int(3)});
  return out;
}

}  // namespace selfdirect::storage

namespace selfdirect::storage {
namespace {

// The full-text condition's argument: FTS5 wants `"lunch"* "club"*` (every word, as a prefix);
// PostgreSQL `lunch:* & club:*`. Words are lower-case letters and digits (domain::QueryWords), so
// neither needs escaping.
std::string FullTextQuery(Dialect d, const std::vector<std::string>& words) {
  std::string q;
  for (const auto& w : words) {
    if (!q.empty()) q += d == Dialect::kSqlite ? " " : " & ";
    q += d == Dialect::kSqlite ? "\"" + w + "\"*" : w + ":*";
  }
  return q;
}

}  // namespace

Status BumpDirectoryVersion(SqlConnection& c, CouncilId council) {
  SD_RETURN_IF_ERROR(
      c.Query("INSERT INTO directory_versions (council_id, version) VALUES ($1, 1) ON CONFLICT "
              "(council_id) DO UPDATE SET version = directory_versions.version + 1",
              {council.value()}));
  return OkStatus();
}

Result<int64_t> SqlDirectory::Version() {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT version FROM directory_versions WHERE council_id = $1", {council_.value()}));
  return rows.empty() ? int64_t{0} : rows[0].Int(0);
}

Status SqlDirectory::Upsert(const app::DirectoryEntryRecord& e) {
  SD_RETURN_IF_ERROR(BumpDirectoryVersion(c_, council_));
  SD_ASSIGN_OR_RETURN(auto found, c_.Query("SELECT directory_entry_id FROM directory_entries "
                                           "WHERE council_id = $1 AND service_id = $2",
                                           {council_.value(), e.service_id}));
  auto opt_int = [](const std::optional<int>& v) { return v ? SqlValue(int64_t{*v}) : SqlNull(); };
  int64_t id = 0;
  if (!found.empty()) {
    id = found[0].Int(0);
    SD_RETURN_IF_ERROR(c_.Query(
        "UPDATE directory_entries SET name = $3, organization_name = $4, status = $5, "
        "minimum_age = $6, maximum_age = $7, is_free = $8, search_text = $9, "
        "review_due = $10, last_modified = $11, updated_by_user_id = $12, "
        "document_json = $13 WHERE council_id = $1 AND directory_entry_id = $2",
        {council_.value(), id, e.name, e.organization_name, e.status, opt_int(e.minimum_age),
         opt_int(e.maximum_age), int64_t{e.free ? 1 : 0}, e.search_text, e.review_due,
         e.last_modified.micros(), SqlOptionalId(e.updated_by.value()), e.document_json}));
    for (const char* table : {"directory_entry_terms", "directory_sessions", "directory_places"}) {
      SD_RETURN_IF_ERROR(c_.Query(std::string("DELETE FROM ") + table +
                                      " WHERE council_id = $1 AND directory_entry_id = $2",
                                  {council_.value(), id}));
    }
    if (c_.dialect() == Dialect::kSqlite) {
      SD_RETURN_IF_ERROR(c_.Query("DELETE FROM directory_search WHERE rowid = $1", {id}));
    }
  } else {
    SD_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query("INSERT INTO directory_entries (council_id, service_id, name, organization_name, "
                 "status, minimum_age, maximum_age, is_free, search_text, review_due, "
                 "last_modified, updated_by_user_id, document_json) VALUES ($1, $2, $3, $4, $5, "
                 "$6, $7, $8, $9, $10, $11, $12, $13) RETURNING directory_entry_id",
                 {council_.value(), e.service_id, e.name, e.organization_name, e.status,
                  opt_int(e.minimum_age), opt_int(e.maximum_age), int64_t{e.free ? 1 : 0},
                  e.search_text, e.review_due, e.last_modified.micros(),
                  SqlOptionalId(e.updated_by.value()), e.document_json}));
    id = rows.at(0).Int(0);
  }
  if (c_.dialect() == Dialect::kSqlite) {
    SD_RETURN_IF_ERROR(c_.Query("INSERT INTO directory_search (rowid, search_text) VALUES ($1, $2)",
                                {id, e.search_text}));
  }
  for (const auto& t : e.term_ids) {
    SD_RETURN_IF_ERROR(
        c_.Query("INSERT INTO directory_entry_terms (council_id, "
                 "directory_entry_id, term_id) VALUES ($1, $2, $3) "
                 "ON CONFLICT DO NOTHING",
                 {council_.value(), id, t}));
  }
  for (const auto& s : e.sessions) {
    SD_RETURN_IF_ERROR(c_.Query(
        "INSERT INTO directory_sessions (council_id, directory_entry_id, "
        "day, opens_at, closes_at) VALUES ($1, $2, $3, $4, $5)",
        {council_.value(), id, int64_t{s.day}, opt_int(s.opens_at), opt_int(s.closes_at)}));
  }
  for (const auto& p : e.places) {
    SD_RETURN_IF_ERROR(
        c_.Query("INSERT INTO directory_places (council_id, directory_entry_id, "
                 "service_at_location_id, location_id, postcode, latitude_e6, longitude_e6) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                 {council_.value(), id, p.service_at_location_id, p.location_id, p.postcode,
                  p.point ? SqlValue(p.point->latitude_e6) : SqlNull(),
                  p.point ? SqlValue(p.point->longitude_e6) : SqlNull()}));
  }
  return OkStatus();
}

Result<std::optional<app::DirectoryEntryRecord>> SqlDirectory::Find(const std::string& service_id) {
  return FindWhere("service_id = $2", service_id);
}

Result<std::optional<app::DirectoryEntryRecord>> SqlDirectory::FindByOrganisationName(
    const std::string& name) {
  return FindWhere("lower(organization_name) = lower($2)", name);
}

Result<std::optional<app::DirectoryEntryRecord>> SqlDirectory::FindWhere(const std::string& where,
                                                                         const std::string& value) {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT service_id, name, organization_name, status, review_due, last_modified, "
               "updated_by_user_id, document_json FROM directory_entries WHERE council_id = $1 "
               "AND " +
                   where + " ORDER BY directory_entry_id LIMIT 1",
               {council_.value(), value}));
  if (rows.empty()) return std::optional<app::DirectoryEntryRecord>();
  const SqlRow& r = rows[0];
  app::DirectoryEntryRecord e;
  e.service_id = r.Text(0);
  e.name = r.Text(1);
  e.organization_name = r.Text(2);
  e.status = r.Text(3);
  e.review_due = r.Text(4);
  e.last_modified = Timestamp::FromMicros(r.Int(5));
  e.updated_by = UserId{r.Int(6)};
  e.document_json = r.Text(7);
  return std::optional<app::DirectoryEntryRecord>(std::move(e));
}

Result<std::optional<std::string>> SqlDirectory::ServiceOfPlace(const std::string& sal_id) {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT e.service_id FROM directory_places p JOIN "
                                          "directory_entries e ON e.council_id = p.council_id "
                                          "AND e.directory_entry_id = p.directory_entry_id "
                                          "WHERE p.council_id = $1 AND "
                                          "p.service_at_location_id = $2",
                                          {council_.value(), sal_id}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Status SqlDirectory::Delete(const std::string& service_id) {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query("DELETE FROM directory_entries WHERE council_id = $1 "
                                          "AND service_id = $2 RETURNING directory_entry_id",
                                          {council_.value(), service_id}));
  if (rows.empty()) return Error::NotFound("No such directory entry");
  SD_RETURN_IF_ERROR(BumpDirectoryVersion(c_, council_));
  if (c_.dialect() == Dialect::kSqlite) {
    SD_RETURN_IF_ERROR(c_.Query("DELETE FROM directory_search WHERE rowid = $1", {rows[0].Int(0)}));
  }
  return OkStatus();
}

Result<int64_t> SqlDirectory::Count() {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT COUNT(*) FROM directory_entries WHERE council_id = $1", {council_.value()}));
  return rows.at(0).Int(0);
}

Result<app::DirectoryResults> SqlDirectory::Search(const app::DirectoryQuery& q) {
  const bool sqlite = c_.dialect() == Dialect::kSqlite;
  std::vector<SqlValue> params = {council_.value()};
  auto param = [&](SqlValue v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  std::string from = "directory_entries e";
  std::vector<std::string> where = {"e.council_id = $1"};
  std::string relevance;  // Lower is better.
  if (!q.words.empty()) {
    const std::string match = param(FullTextQuery(c_.dialect(), q.words));
    if (sqlite) {
      // The matches drive the join (CROSS JOIN fixes SQLite's join order): otherwise the
      // planner walks every entry of the council and runs the MATCH once per entry.
      from =
          "(SELECT rowid AS entry, rank AS relevance FROM directory_search WHERE "
          "directory_search MATCH " +
          match + ") f CROSS JOIN directory_entries e ON f.entry = e.directory_entry_id";
      relevance = "f.relevance";
    } else {
      where.push_back("e.search_vector @@ to_tsquery('simple', " + match + ")");
      relevance = "-ts_rank(e.search_vector, to_tsquery('simple', " + match + "))";
    }
  }
  if (!q.term_ids.empty()) {
    std::string in;
    for (const auto& t : q.term_ids) in += (in.empty() ? "" : ", ") + param(t);
    where.push_back(
        "EXISTS (SELECT 1 FROM directory_entry_terms t WHERE t.council_id = e.council_id AND "
        "t.directory_entry_id = e.directory_entry_id AND t.term_id IN (" +
        in + "))");
  }
  if (q.minimum_age_at_least) {
    where.push_back("e.minimum_age >= " + param(int64_t{*q.minimum_age_at_least}));
  }
  if (q.maximum_age_at_most) {
    where.push_back("e.maximum_age <= " + param(int64_t{*q.maximum_age_at_most}));
  }
  if (q.age) {
    const std::string a = param(int64_t{*q.age});
    where.push_back("(e.minimum_age IS NULL OR e.minimum_age <= " + a +
                    ") AND (e.maximum_age IS NULL OR e.maximum_age >= " + a + ")");
  }
  if (q.day || q.opens_from || q.closes_by) {
    std::string c =
        "EXISTS (SELECT 1 FROM directory_sessions s WHERE s.council_id = e.council_id AND "
        "s.directory_entry_id = e.directory_entry_id";
    if (q.day) c += " AND s.day = " + param(int64_t{*q.day});
    if (q.opens_from) c += " AND s.opens_at >= " + param(int64_t{*q.opens_from});
    if (q.closes_by) c += " AND s.closes_at <= " + param(int64_t{*q.closes_by});
    where.push_back(c + ")");
  }
  if (q.free_only) where.push_back("e.is_free = 1");
  if (q.active_only) where.push_back("e.status = 'active'");
  if (q.modified_after) where.push_back("e.last_modified >= " + param(q.modified_after->micros()));
  if (!q.review_due_before.empty()) {
    where.push_back("e.review_due < " + param(q.review_due_before));
  }
  std::string place = "''";
  std::string distance;  // domain::FlatDistanceSquared
  if (q.near || q.by_place) {
    from +=
        " JOIN directory_places p ON p.council_id = e.council_id AND p.directory_entry_id = "
        "e.directory_entry_id";
    place = "p.service_at_location_id";
  }
  if (q.near) {
    const domain::GeoBox box = domain::BoxAround(*q.near, q.within_metres);
    // With words, the matches drive and each one's places come by entry: the unary plus keeps
    // the planner off the point index, which would scan the whole box once per match.
    const std::string plus = q.words.empty() ? "" : "+";
    where.push_back(plus + "p.latitude_e6 BETWEEN " + param(box.min_latitude_e6) + " AND " +
                    param(box.max_latitude_e6));
    where.push_back(plus + "p.longitude_e6 BETWEEN " + param(box.min_longitude_e6) + " AND " +
                    param(box.max_longitude_e6));
    // domain::FlatDistanceSquared, written out.
    const domain::FlatMeasure m = domain::FlatMeasureAround(*q.near, q.within_metres);
    const std::string lat = param(q.near->latitude_e6), lon = param(q.near->longitude_e6),
                      cos = param(m.cos_e6);
    distance = "((p.latitude_e6 - " + lat + ") * (p.latitude_e6 - " + lat +
               ") + ((p.longitude_e6 - " + lon + ") * " + cos +
               " / 1000000) * ((p.longitude_e6 - " + lon + ") * " + cos + " / 1000000))";
    where.push_back(distance + " <= " + param(m.radius_squared));
  }
  std::string sql = "SELECT e.directory_entry_id AS entry, e.service_id AS service_id, " + place +
                    " AS place, e.review_due AS review_due, e.last_modified AS last_modified, " +
                    (q.near ? "p.latitude_e6" : "0") + " AS lat, " +
                    (q.near ? "p.longitude_e6" : "0") + " AS lon, e.name AS name, " +
                    (distance.empty() ? "0" : distance) + " AS distance, " +
                    (relevance.empty() ? "0" : relevance) + " AS relevance";
  if (q.near && !q.by_place) {
    // One row per service: its nearest place.
    sql += ", ROW_NUMBER() OVER (PARTITION BY e.directory_entry_id ORDER BY " + distance +
           ", p.service_at_location_id) AS nth";
  }
  sql += " FROM " + from + " WHERE ";
  for (size_t i = 0; i < where.size(); ++i) sql += (i ? " AND " : "") + where[i];
  std::string outer =
      "SELECT entry, service_id, place, review_due, last_modified, lat, lon, "
      "COUNT(*) OVER () FROM (" +
      sql + ") x";
  if (q.near && !q.by_place) outer += " WHERE nth = 1";
  outer += " ORDER BY ";
  if (q.near) outer += "distance, ";
  if (!relevance.empty()) outer += "relevance, ";
  // Whole numbers from the caller, written in place, so the count below shares the params.
  outer += "name, service_id, place LIMIT " + std::to_string(q.limit) + " OFFSET " +
           std::to_string(q.offset);
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query(outer, params));

  app::DirectoryResults out;
  if (!rows.empty()) {
    out.total = rows[0].Int(7);
  } else if (q.offset > 0) {
    // Past the last page: the count alone.
    std::string count = "SELECT COUNT(*) FROM (" + sql + ") x";
    if (q.near && !q.by_place) count += " WHERE nth = 1";
    SD_ASSIGN_OR_RETURN(auto n, c_.Query(count, params));
    out.total = n.at(0).Int(0);
  }
  if (rows.empty()) return out;
  // The documents of the page's entries.
  std::vector<SqlValue> ids = {council_.value()};
  std::string in;
  for (const auto& r : rows) {
    ids.push_back(r.Int(0));
    in += (in.empty() ? "$" : ", $") + std::to_string(ids.size());
  }
  SD_ASSIGN_OR_RETURN(auto docs,
                      c_.Query("SELECT directory_entry_id, document_json FROM directory_entries "
                               "WHERE council_id = $1 AND directory_entry_id IN (" +
                                   in + ")",
                               ids));
  std::unordered_map<int64_t, std::string> by_id;
  for (const auto& d : docs) by_id.emplace(d.Int(0), d.Text(1));
  for (const auto& r : rows) {
    app::DirectoryHit h;
    h.service_id = r.Text(1);
    h.service_at_location_id = r.Text(2);
    h.review_due = r.Text(3);
    h.last_modified = Timestamp::FromMicros(r.Int(4));
    if (q.near) {
      h.distance_metres = domain::DistanceMetres(*q.near, domain::GeoPoint{r.Int(5), r.Int(6)});
    }
    h.document_json = by_id[r.Int(0)];
    out.hits.push_back(std::move(h));
  }
  return out;
}

Result<std::vector<app::DirectoryEntryRecord>> SqlDirectory::SearchColumns() {
  const std::vector<SqlValue> council = {council_.value()};
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT directory_entry_id, service_id, name, organization_name, status, "
               "minimum_age, maximum_age, is_free, search_text, review_due, last_modified "
               "FROM directory_entries WHERE council_id = $1 ORDER BY directory_entry_id",
               council));
  std::vector<app::DirectoryEntryRecord> out;
  out.reserve(rows.size());
  std::unordered_map<int64_t, size_t> at;  // directory_entry_id -> index in `out`
  at.reserve(rows.size());
  auto opt_int = [](const SqlRow& r, size_t i) {
    return r.IsNull(i) ? std::optional<int>() : std::optional<int>(static_cast<int>(r.Int(i)));
  };
  for (const SqlRow& r : rows) {
    app::DirectoryEntryRecord e;
    e.service_id = r.Text(1);
    e.name = r.Text(2);
    e.organization_name = r.Text(3);
    e.status = r.Text(4);
    e.minimum_age = opt_int(r, 5);
    e.maximum_age = opt_int(r, 6);
    e.free = r.Int(7) != 0;
    e.search_text = r.Text(8);
    e.review_due = r.Text(9);
    e.last_modified = Timestamp::FromMicros(r.Int(10));
    at.emplace(r.Int(0), out.size());
    out.push_back(std::move(e));
  }
  rows.clear();
  auto each =
      [&](const std::string& sql,
          const std::function<void(const SqlRow&, app::DirectoryEntryRecord&)>& fn) -> Status {
    SD_ASSIGN_OR_RETURN(auto found, c_.Query(sql, council));
    for (const SqlRow& r : found) {
      if (auto it = at.find(r.Int(0)); it != at.end()) fn(r, out[it->second]);
    }
    return OkStatus();
  };
  SD_RETURN_IF_ERROR(
      each("SELECT directory_entry_id, term_id FROM directory_entry_terms WHERE council_id = $1 "
           "ORDER BY directory_entry_id, term_id",
           [](const SqlRow& r, app::DirectoryEntryRecord& e) { e.term_ids.push_back(r.Text(1)); }));
  SD_RETURN_IF_ERROR(
      each("SELECT directory_entry_id, day, opens_at, closes_at FROM directory_sessions WHERE "
           "council_id = $1",
           [&](const SqlRow& r, app::DirectoryEntryRecord& e) {
             e.sessions.push_back({static_cast<int>(r.Int(1)), opt_int(r, 2), opt_int(r, 3)});
           }));
  SD_RETURN_IF_ERROR(
      each("SELECT directory_entry_id, service_at_location_id, location_id, postcode, latitude_e6, "
           "longitude_e6 FROM directory_places WHERE council_id = $1",
           [](const SqlRow& r, app::DirectoryEntryRecord& e) {
             app::DirectoryEntryRecord::Place p;
             p.service_at_location_id = r.Text(1);
             p.location_id = r.Text(2);
             p.postcode = r.Text(3);
             if (!r.IsNull(4) && !r.IsNull(5)) p.point = domain::GeoPoint{r.Int(4), r.Int(5)};
             e.places.push_back(std::move(p));
           }));
  return out;
}

Result<std::unordered_map<std::string, std::string>> SqlDirectory::Documents(
    const std::vector<std::string>& service_ids) {
  std::unordered_map<std::string, std::string> out;
  // In slices, so that no statement has more parameters than either database allows.
  constexpr size_t kSlice = 500;
  for (size_t from = 0; from < service_ids.size(); from += kSlice) {
    std::vector<SqlValue> params = {council_.value()};
    std::string in;
    for (size_t i = from; i < std::min(service_ids.size(), from + kSlice); ++i) {
      params.push_back(service_ids[i]);
      in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
    }
    SD_ASSIGN_OR_RETURN(auto rows,
                        c_.Query("SELECT service_id, document_json FROM directory_entries WHERE "
                                 "council_id = $1 AND service_id IN (" +
                                     in + ")",
                                 params));
    for (const SqlRow& r : rows) out.emplace(r.Text(0), r.Text(1));
  }
  return out;
}

Result<std::optional<domain::GeoPoint>> SqlPostcodes::Find(const std::string& postcode) {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT latitude_e6, longitude_e6 FROM postcodes WHERE "
                                          "postcode = $1",
                                          {postcode}));
  if (rows.empty()) return std::optional<domain::GeoPoint>();
  return std::optional<domain::GeoPoint>(domain::GeoPoint{rows[0].Int(0), rows[0].Int(1)});
}

Status SqlPostcodes::Put(const std::vector<std::pair<std::string, domain::GeoPoint>>& points) {
  for (const auto& [postcode, p] : points) {
    SD_RETURN_IF_ERROR(
        c_.Query("INSERT INTO postcodes (postcode, latitude_e6, longitude_e6) "
                 "VALUES ($1, $2, $3) ON CONFLICT (postcode) DO UPDATE SET "
                 "latitude_e6 = excluded.latitude_e6, longitude_e6 = "
                 "excluded.longitude_e6",
                 {postcode, p.latitude_e6, p.longitude_e6}));
  }
  return OkStatus();
}

Result<int64_t> SqlPostcodes::Count() {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT COUNT(*) FROM postcodes", {}));
  return rows.at(0).Int(0);
}

}  // namespace selfdirect::storage
