// File: admin_repository.cc
// User accounts and the audit log, for the council's administrators (admin_repository.h).
#include "storage/sql/admin_repository.h"

#include "base/text.h"
#include "storage/sql/account_repository.h"
#include "storage/sql/audit_repository.h"

namespace selfdirect::storage {
namespace {

app::UserRecord BlankedUser(const SqlRow& r) {
  app::UserRecord u = UserFromRow(r);
  u.password_hash.clear();  // Never handed to administration.
  return u;
}

// " WHERE ..." of a user search, its values bound in `params`.
std::string UserWhere(const app::UserQuery& q, SqlParams& params) {
  std::string where = " WHERE council_id = $1";
  const std::string text = AsciiLower(Trim(q.text));
  if (!text.empty()) {
    const std::string p = params.Add(LikeContains(text));
    where +=
        " AND (LOWER(display_name) LIKE " + p + " ESCAPE '\\' OR email LIKE " + p + " ESCAPE '\\')";
  }
  if (q.role) where += " AND role = " + params.Add(std::string(domain::RoleName(*q.role)));
  return where;
}

}  // namespace

Result<app::UserPage> SqlAdmin::Users(const app::UserQuery& q) {
  SqlParams params{council_.value()};
  const std::string where = UserWhere(q, params);
  app::UserPage page;
  SD_ASSIGN_OR_RETURN(page.total,
                      QueryInt(c_, "SELECT COUNT(*) FROM users" + where, params.values()));
  std::string sql =
      "SELECT user_id, email, display_name, role, team_id, person_id, '', disabled FROM users" +
      where + " ORDER BY display_name, user_id LIMIT " + params.Add(int64_t{q.limit}) + " OFFSET " +
      params.Add(int64_t{q.offset});
  SD_ASSIGN_OR_RETURN(page.users, QueryAll(c_, sql, params.values(), BlankedUser));
  return page;
}

Status SqlAdmin::UpdateUser(UserId user, const std::string& display_name, domain::Role role,
                            TeamId team) {
  SD_ASSIGN_OR_RETURN(
      bool changed,
      AnyRow(c_,
             "UPDATE users SET display_name = $3, role = $4, team_id = $5 WHERE council_id = $1 "
             "AND user_id = $2 RETURNING user_id",
             {council_.value(), user.value(), display_name, std::string(domain::RoleName(role)),
              team.valid() ? SqlValue(team.value()) : SqlValue()}));
  if (!changed) return Error::NotFound("No such account");
  return OkStatus();
}

Status SqlAdmin::SetDisabled(UserId user, bool disabled) {
  SD_ASSIGN_OR_RETURN(bool changed,
                      AnyRow(c_,
                             "UPDATE users SET disabled = $3 WHERE council_id = $1 AND user_id = "
                             "$2 RETURNING user_id",
                             {council_.value(), user.value(), SqlBool(disabled)}));
  if (!changed) return Error::NotFound("No such account");
  return OkStatus();
}

Result<int64_t> SqlAdmin::CountActive(domain::Role role) {
  return QueryInt(c_,
                  "SELECT COUNT(*) FROM users WHERE council_id = $1 AND role = $2 AND disabled = 0",
                  {council_.value(), std::string(domain::RoleName(role))});
}

Status SqlAdmin::EndSessions(UserId user) {
  return Execute(c_, "DELETE FROM sessions WHERE council_id = $1 AND user_id = $2",
                 {council_.value(), user.value()});
}

Result<std::vector<app::AuditEntry>> SqlAdmin::SearchAudit(const app::AuditQuery& q) {
  SqlParams params{council_.value()};
  std::string sql =
      "SELECT at, actor_user_id, action, record_type, record_id, detail, client_address, "
      "audit_id FROM audit_log WHERE council_id = $1";
  if (q.actor.valid()) sql += " AND actor_user_id = " + params.Add(q.actor.value());
  if (!q.record_type.empty()) {
    sql += " AND record_type = " + params.Add(q.record_type);
    if (!q.record_id.empty()) sql += " AND record_id = " + params.Add(q.record_id);
  }
  if (!q.action_prefix.empty())
    sql +=
        " AND action LIKE " + params.Add(LikeContains(q.action_prefix).substr(1)) + " ESCAPE '\\'";
  if (q.from) sql += " AND at >= " + params.Add(q.from->micros());
  if (q.until) sql += " AND at < " + params.Add(q.until->micros());
  if (q.before_id > 0) sql += " AND audit_id < " + params.Add(q.before_id);
  sql += " ORDER BY audit_id DESC LIMIT " + params.Add(int64_t{q.limit});
  return QueryAll(c_, sql, params.values(), AuditEntryFromRow);
}

}  // namespace selfdirect::storage
