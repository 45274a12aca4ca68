#include "storage/sql/account_repository.h"

#include "base/text.h"

namespace selfdirect::storage {

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

namespace {

constexpr Columns<app::UserRecord> kUser{
    "user_id, email, display_name, role, team_id, person_id, password_hash, disabled", UserFromRow};

app::SessionRecord SessionFromRow(const SqlRow& r) {
  return app::SessionRecord{r.Text(0),
                            UserId{r.Int(1)},
                            r.Text(2),
                            Timestamp::FromMicros(r.Int(3)),
                            Timestamp::FromMicros(r.Int(4)),
                            Timestamp::FromMicros(r.Int(5)),
                            Timestamp::FromMicros(r.Int(6)),
                            r.Text(7),
                            r.Text(8)};
}

constexpr Columns<app::SessionRecord> kSession{
    "token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, password_entered_at, "
    "client_address, user_agent",
    SessionFromRow};

std::string ScopeName(app::ThrottleScope scope) {
  return scope == app::ThrottleScope::kAccount ? "account" : "address";
}

int64_t WindowCutoff(Timestamp now, int window_seconds) {
  return now.PlusSeconds(-window_seconds).micros();
}

}  // namespace

constexpr std::string_view kInsertUser = R"sql(
INSERT INTO users (council_id, email, display_name, role, team_id, person_id, password_hash,
  disabled, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING user_id)sql";

Result<UserId> SqlUsers::Insert(const app::UserRecord& u, Timestamp now) {
  SD_ASSIGN_OR_RETURN(
      int64_t id, QueryInt(c_, kInsertUser,
                           {council_.value(), AsciiLower(u.email), u.display_name,
                            std::string(domain::RoleName(u.role)), SqlOptionalId(u.team_id.value()),
                            SqlOptionalId(u.person_id.value()), u.password_hash,
                            SqlBool(u.disabled), now.micros()}));
  return UserId{id};
}

constexpr std::string_view kFindUserByEmail =
    R"sql(FROM users WHERE council_id = $1 AND email = $2)sql";

Result<std::optional<app::UserRecord>> SqlUsers::FindByEmail(const std::string& email) {
  return QueryOne(c_, kUser, kFindUserByEmail, {council_.value(), AsciiLower(email)});
}

constexpr std::string_view kFindUserById =
    R"sql(FROM users WHERE council_id = $1 AND user_id = $2)sql";

Result<std::optional<app::UserRecord>> SqlUsers::FindById(UserId id) {
  return QueryOne(c_, kUser, kFindUserById, {council_.value(), id.value()});
}

constexpr std::string_view kAddRepresentation = R"sql(
INSERT INTO person_representatives (council_id, user_id, person_id, relationship)
VALUES ($1, $2, $3, $4))sql";

Status SqlUsers::AddRepresentation(UserId representative, PersonId person,
                                   const std::string& relationship) {
  return Execute(c_, kAddRepresentation,
                 {council_.value(), representative.value(), person.value(), relationship});
}

constexpr std::string_view kRepresentedPeople = R"sql(
SELECT person_id FROM person_representatives WHERE council_id = $1 AND user_id = $2
ORDER BY person_id)sql";

Result<std::vector<PersonId>> SqlUsers::RepresentedPeople(UserId representative) {
  return QueryAll(c_, kRepresentedPeople, {council_.value(), representative.value()},
                  [](const SqlRow& r) { return PersonId{r.Int(0)}; });
}

constexpr std::string_view kRepresentatives = R"sql(
SELECT u.user_id, u.display_name, u.email, r.relationship
FROM person_representatives r JOIN users u ON u.council_id = r.council_id AND u.user_id = r.user_id
WHERE r.council_id = $1 AND r.person_id = $2 ORDER BY u.display_name, u.user_id)sql";

Result<std::vector<app::Representation>> SqlUsers::Representatives(PersonId person) {
  return QueryAll(c_, kRepresentatives, {council_.value(), person.value()}, [](const SqlRow& r) {
    return app::Representation{UserId{r.Int(0)}, r.Text(1), r.Text(2), r.Text(3)};
  });
}

constexpr std::string_view kUpdateRepresentation = R"sql(
UPDATE person_representatives SET relationship = $4
WHERE council_id = $1 AND user_id = $2 AND person_id = $3 RETURNING user_id)sql";

Status SqlUsers::UpdateRepresentation(UserId representative, PersonId person,
                                      const std::string& relationship) {
  SD_ASSIGN_OR_RETURN(bool updated, AnyRow(c_, kUpdateRepresentation,
                                           {council_.value(), representative.value(),
                                            person.value(), relationship}));
  if (!updated) return Error::NotFound("They do not act for this person");
  return OkStatus();
}

constexpr std::string_view kRemoveRepresentation = R"sql(
DELETE FROM person_representatives
WHERE council_id = $1 AND user_id = $2 AND person_id = $3 RETURNING user_id)sql";

Status SqlUsers::RemoveRepresentation(UserId representative, PersonId person) {
  SD_ASSIGN_OR_RETURN(bool removed,
                      AnyRow(c_, kRemoveRepresentation,
                             {council_.value(), representative.value(), person.value()}));
  if (!removed) return Error::NotFound("They do not act for this person");
  return OkStatus();
}

constexpr std::string_view kSetUserPerson =
    R"sql(UPDATE users SET person_id = $3 WHERE council_id = $1 AND user_id = $2)sql";

Status SqlUsers::SetPerson(UserId user, PersonId person) {
  return Execute(c_, kSetUserPerson, {council_.value(), user.value(), person.value()});
}

Status SqlUsers::SetPassword(UserId user, const std::string& password_hash) {
  SD_ASSIGN_OR_RETURN(bool changed,
                      AnyRow(c_,
                             "UPDATE users SET password_hash = $3 WHERE council_id = $1 AND "
                             "user_id = $2 RETURNING user_id",
                             {council_.value(), user.value(), password_hash}));
  if (!changed) return Error::NotFound("No such account");
  return OkStatus();
}

constexpr std::string_view kInsertTeam =
    R"sql(INSERT INTO teams (council_id, name) VALUES ($1, $2) RETURNING team_id)sql";

Result<TeamId> SqlTeams::Insert(const std::string& name) {
  SD_ASSIGN_OR_RETURN(int64_t id, QueryInt(c_, kInsertTeam, {council_.value(), name}));
  return TeamId{id};
}

constexpr std::string_view kListTeams =
    R"sql(SELECT team_id, name FROM teams WHERE council_id = $1 ORDER BY name)sql";

Result<std::vector<app::Team>> SqlTeams::List() {
  return QueryAll(c_, kListTeams, {council_.value()}, [](const SqlRow& r) {
    return app::Team{TeamId{r.Int(0)}, r.Text(1)};
  });
}

constexpr std::string_view kInsertSession = R"sql(
INSERT INTO sessions (council_id, token_hash, user_id, csrf_token, created_at, last_seen_at,
  expires_at, password_entered_at, client_address, user_agent)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10))sql";

Status SqlSessions::Insert(const app::SessionRecord& s) {
  return Execute(c_, kInsertSession,
                 {council_.value(), s.token_hash, s.user_id.value(), s.csrf_token,
                  s.created_at.micros(), s.last_seen_at.micros(), s.expires_at.micros(),
                  s.password_entered_at.micros(), s.client_address, s.user_agent});
}

constexpr std::string_view kFindSession =
    R"sql(FROM sessions WHERE council_id = $1 AND token_hash = $2)sql";

Result<std::optional<app::SessionRecord>> SqlSessions::Find(const std::string& token_hash) {
  return QueryOne(c_, kSession, kFindSession, {council_.value(), token_hash});
}

constexpr std::string_view kUserSessions =
    R"sql(FROM sessions WHERE council_id = $1 AND user_id = $2
ORDER BY last_seen_at DESC, token_hash)sql";

Result<std::vector<app::SessionRecord>> SqlSessions::ListForUser(UserId user) {
  return QueryAll(c_, kSession, kUserSessions, {council_.value(), user.value()});
}

constexpr std::string_view kTouchSession = R"sql(
UPDATE sessions SET last_seen_at = $3 WHERE council_id = $1 AND token_hash = $2)sql";

Status SqlSessions::Touch(const std::string& token_hash, Timestamp last_seen_at) {
  return Execute(c_, kTouchSession, {council_.value(), token_hash, last_seen_at.micros()});
}

constexpr std::string_view kDeleteSession =
    R"sql(DELETE FROM sessions WHERE council_id = $1 AND token_hash = $2)sql";

Status SqlSessions::Delete(const std::string& token_hash) {
  return Execute(c_, kDeleteSession, {council_.value(), token_hash});
}

constexpr std::string_view kDeleteExpiredSessions = R"sql(
DELETE FROM sessions WHERE council_id = $1 AND (expires_at <= $2 OR last_seen_at < $3)
RETURNING token_hash)sql";

Result<int64_t> SqlSessions::DeleteExpired(Timestamp now, Timestamp idle_cutoff) {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query(kDeleteExpiredSessions,
                                          {council_.value(), now.micros(), idle_cutoff.micros()}));
  return static_cast<int64_t>(rows.size());
}

constexpr std::string_view kSetPasswordEntered = R"sql(
UPDATE sessions SET password_entered_at = $3 WHERE council_id = $1 AND token_hash = $2
RETURNING token_hash)sql";

Status SqlSessions::SetPasswordEntered(const std::string& token_hash, Timestamp at) {
  SD_ASSIGN_OR_RETURN(auto rows,
                      c_.Query(kSetPasswordEntered, {council_.value(), token_hash, at.micros()}));
  if (rows.empty()) return Error::NotFound("No such session");
  return OkStatus();
}

// One statement: a new subject starts a window with 1; a subject whose window has passed ($5 is
// the cutoff) starts a new one; otherwise the count goes up only while under the limit ($6). On
// PostgreSQL the conflicting row is locked and the WHERE is checked against its newest version,
// so concurrent attempts never count past the limit. No row back: at the limit, not counted.
constexpr std::string_view kCountSignInFailure = R"sql(
INSERT INTO sign_in_failures (council_id, scope, subject, window_started, failures)
VALUES ($1, $2, $3, $4, 1)
ON CONFLICT (council_id, scope, subject) DO UPDATE SET
  failures = CASE WHEN sign_in_failures.window_started <= $5 THEN 1
                  ELSE sign_in_failures.failures + 1 END,
  window_started = CASE WHEN sign_in_failures.window_started <= $5 THEN excluded.window_started
                        ELSE sign_in_failures.window_started END
WHERE sign_in_failures.window_started <= $5 OR sign_in_failures.failures < $6
RETURNING failures)sql";

Result<bool> SqlSignInThrottle::CountIfUnder(app::ThrottleScope scope, const std::string& subject,
                                             Timestamp now, int window_seconds, int limit) {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(kCountSignInFailure, {council_.value(), ScopeName(scope), subject, now.micros(),
                                     WindowCutoff(now, window_seconds), int64_t{limit}}));
  return !rows.empty();
}

constexpr std::string_view kSignInFailures = R"sql(
SELECT failures FROM sign_in_failures
WHERE council_id = $1 AND scope = $2 AND subject = $3 AND window_started > $4)sql";

Result<int> SqlSignInThrottle::Count(app::ThrottleScope scope, const std::string& subject,
                                     Timestamp now, int window_seconds) {
  SD_ASSIGN_OR_RETURN(auto rows,
                      c_.Query(kSignInFailures, {council_.value(), ScopeName(scope), subject,
                                                 WindowCutoff(now, window_seconds)}));
  if (rows.empty()) return 0;
  return static_cast<int>(rows[0].Int(0));
}

constexpr std::string_view kClearSignInFailures = R"sql(
DELETE FROM sign_in_failures WHERE council_id = $1 AND scope = $2 AND subject = $3)sql";

Status SqlSignInThrottle::Clear(app::ThrottleScope scope, const std::string& subject) {
  return Execute(c_, kClearSignInFailures, {council_.value(), ScopeName(scope), subject});
}

constexpr std::string_view kDeleteEndedSignInFailures = R"sql(
DELETE FROM sign_in_failures WHERE council_id = $1 AND window_started <= $2
RETURNING subject)sql";

Result<int64_t> SqlSignInThrottle::DeleteEnded(Timestamp now, int window_seconds) {
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query(kDeleteEndedSignInFailures,
                                          {council_.value(), WindowCutoff(now, window_seconds)}));
  return static_cast<int64_t>(rows.size());
}

}  // namespace selfdirect::storage
