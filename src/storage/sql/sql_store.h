// File: sql_store.h
// SqlStore implements app::Store on any ConnectionSource (SQLite or PostgreSQL): the repository
// SQL is shared, the connection decides the dialect. Migrations are applied by Migrate().
#pragma once

#include <limits>
#include <memory>
#include <string>

#include "app/repositories.h"
#include "storage/sql/sql.h"

namespace selfdirect::storage {

struct AppliedMigration {
  int version = 0;
  std::string name;        // e.g. "0002_assessments.sql".
  std::string applied_at;  // UTC, "2026-11-22T09:00:00.123456Z".
};

class SqlStore final : public app::Store {
 public:
  explicit SqlStore(std::unique_ptr<ConnectionSource> source) : source_(std::move(source)) {}

  // Applies the numbered migrations not yet applied (up to `up_to_version`, for tests of a
  // migration), each in its own transaction, and returns how many it applied.
  Result<int> Migrate(int up_to_version = std::numeric_limits<int>::max());
  // Runs `sql` (several statements) in one transaction outside any council: the rows a test of
  // a migration starts from, or a schema for it. Not for application code.
  Status RunScript(const std::string& sql);
  // The migrations this database has, oldest first.
  Result<std::vector<AppliedMigration>> AppliedMigrations();

  std::string_view kind() const override { return source_->kind(); }
  Result<std::optional<app::Council>> FindCouncil(const std::string& code) override;
  Result<std::vector<app::Council>> ListCouncils() override;
  Result<CouncilId> UpsertCouncil(const std::string& code, const std::string& name,
                                  app::CouncilKind kind) override;
  Status DeleteCouncilData(CouncilId council) override;
  Status Read(CouncilId council, const app::TransactionFunction& fn) override;
  Status Write(CouncilId council, const app::TransactionFunction& fn) override;
  Status Ping() override;

 private:
  Status Run(CouncilId council, bool write, const app::TransactionFunction& fn);
  std::unique_ptr<ConnectionSource> source_;
};

// Opens the database named by `url` without applying migrations (tests of a migration).
Result<std::unique_ptr<SqlStore>> OpenStoreUnmigrated(const std::string& url);

// Opens the database named by `url`: "sqlite:PATH" or "postgresql://..." (also "postgres://"),
// and applies migrations. kInvalidArgument for an unknown scheme; kUnavailable if it cannot open.
Result<std::unique_ptr<SqlStore>> OpenStore(const std::string& url);

}  // namespace selfdirect::storage
