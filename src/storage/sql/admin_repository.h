// File: admin_repository.h
// The council's administration (migration 0024) for one council.
#pragma once

#include "app/admin/admin_repository.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

class SqlAdmin final : public app::AdminRepository, private CouncilRepository {
 public:
  SqlAdmin(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<app::UserPage> Users(const app::UserQuery& query) override;
  Status UpdateUser(UserId user, const std::string& display_name, domain::Role role,
                    TeamId team) override;
  Status SetDisabled(UserId user, bool disabled) override;
  Result<int64_t> CountActive(domain::Role role) override;
  Status EndSessions(UserId user) override;
  Result<std::vector<app::AuditEntry>> SearchAudit(const app::AuditQuery& query) override;
};

}  // namespace selfdirect::storage
