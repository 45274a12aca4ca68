#include "storage/sql/audit_repository.h"

namespace selfdirect::storage {

constexpr std::string_view kAppendAudit = R"sql(
INSERT INTO audit_log (council_id, at, actor_user_id, action, record_type, record_id, detail,
  client_address)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8))sql";

Status SqlAudit::Append(const app::AuditEntry& e) {
  return Execute(c_, kAppendAudit,
                 {council_.value(), e.at.micros(), SqlOptionalId(e.actor_user_id.value()), e.action,
                  e.record_type, e.record_id, e.detail, e.client_address});
}

app::AuditEntry AuditEntryFromRow(const SqlRow& r) {
  app::AuditEntry e{Timestamp::FromMicros(r.Int(0)),
                    UserId{r.Int(1)},
                    r.Text(2),
                    r.Text(3),
                    r.Text(4),
                    r.Text(5),
                    r.Text(6)};
  e.id = r.Int(7);
  return e;
}

constexpr std::string_view kRecentAudit = R"sql(
SELECT at, actor_user_id, action, record_type, record_id, detail, client_address, audit_id
FROM audit_log WHERE council_id = $1)sql";

Result<std::vector<app::AuditEntry>> SqlAudit::Recent(int limit, const std::string& record_type,
                                                      const std::string& record_id) {
  SD_ASSERT(limit > 0 && limit <= 1000);  // Callers page the log.
  std::string sql(kRecentAudit);
  SqlParams params{council_.value()};
  if (!record_type.empty()) {
    sql += " AND record_type = " + params.Add(record_type);
    if (!record_id.empty()) sql += " AND record_id = " + params.Add(record_id);
  }
  sql += " ORDER BY audit_id DESC LIMIT " + params.Add(int64_t{limit});
  return QueryAll(c_, sql, params.values(), AuditEntryFromRow);
}

}  // namespace selfdirect::storage
