// File: admin_repository.h
// Storage of the council's own administration (issue 23, deliver 5; migration 0024): finding and
// changing user accounts (never their passwords), ending their sessions, and searching the audit
// log. Behind the interface the SQLite and PostgreSQL adapters both implement
// (storage/sql/admin_repository.cc).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/repositories.h"

namespace selfdirect::app {

struct UserQuery {
  std::string text;  // Part of the name or email, any case; "" for everyone.
  std::optional<domain::Role> role;
  int limit = 50;
  int offset = 0;
};

struct UserPage {
  std::vector<UserRecord> users;  // By name, then id; password hashes blanked.
  int64_t total = 0;              // Matching the query, on every page.
};

// An audit search: every filter is optional.
struct AuditQuery {
  UserId actor;                    // Who did it.
  std::string record_type;         // "person", "assessment", ...
  std::string record_id;           // With record_type.
  std::string action_prefix;       // "person." finds person.view, person.create, ...
  std::optional<Timestamp> from;   // At or after.
  std::optional<Timestamp> until;  // Before.
  int64_t before_id = 0;           // Keyset paging: entries older than this id; 0 from the newest.
  int limit = 100;                 // At most 10,000 (the CSV export).
};

class AdminRepository {
 public:
  virtual ~AdminRepository() = default;
  virtual Result<UserPage> Users(const UserQuery& query) = 0;
  // Changes the name, role and team; kNotFound for another council's user.
  virtual Status UpdateUser(UserId user, const std::string& display_name, domain::Role role,
                            TeamId team) = 0;
  virtual Status SetDisabled(UserId user, bool disabled) = 0;
  // Accounts with `role` that are not suspended.
  virtual Result<int64_t> CountActive(domain::Role role) = 0;
  // Ends every session of the user (suspended, or their password reset).
  virtual Status EndSessions(UserId user) = 0;
  // Newest first.
  virtual Result<std::vector<AuditEntry>> SearchAudit(const AuditQuery& query) = 0;
};

}  // namespace selfdirect::app
