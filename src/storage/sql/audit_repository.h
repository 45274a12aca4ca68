// File: audit_repository.h
// The council's audit log (app::AuditLog) over SQL: appended to, never changed.
#pragma once

#include "app/repositories.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

// An audit entry from the columns "at, actor_user_id, action, record_type, record_id, detail,
// client_address, audit_id".
app::AuditEntry AuditEntryFromRow(const SqlRow& r);

class SqlAudit final : public app::AuditLog, private CouncilRepository {
 public:
  SqlAudit(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Status Append(const app::AuditEntry& entry) override;
  // Newest first. record_id narrows only together with record_type.
  Result<std::vector<app::AuditEntry>> Recent(int limit, const std::string& record_type,
                                              const std::string& record_id) override;
};

}  // namespace selfdirect::storage
