// `selfdirect backup` and `selfdirect restore`: a consistent copy of a SQLite database taken with
// SQLite's online backup API while the server runs, and its checked, atomic restore
// (storage/sqlite/sqlite_backup.h, docs/reliability.md "Backups"). PostgreSQL is backed up with
// its own tools (pg_basebackup and a WAL archive), not here.
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "storage/sqlite/sqlite_backup.h"
#include "storage/sqlite/sqlite_source.h"

namespace selfdirect::cli {
namespace {

// The file named by a sqlite: URL; an error that says what to do for anything else.
Result<std::string> SqlitePath(const std::string& database) {
  if (database.rfind("postgresql://", 0) == 0 || database.rfind("postgres://", 0) == 0) {
    return Error::InvalidArgument(
        "selfdirect backup and restore are for SQLite. Back up PostgreSQL with pg_basebackup and "
        "a WAL archive (point-in-time recovery), or pg_dump: see docs/reliability.md, Backups");
  }
  SD_ASSIGN_OR_RETURN(storage::SqliteUrl url, storage::ParseSqliteUrl(database));
  return url.path;
}

void Report(const char* what, const std::string& from, const std::string& to,
            const storage::SqliteCopyInfo& info) {
  std::cout << what << " " << from << " to " << to << ": " << info.bytes << " bytes, " << info.pages
            << " pages, schema version " << info.schema_version << ", in "
            << (info.elapsed_micros + 500) / 1000 << " ms\n";
}

int Backup(const std::string& database, const std::string& output, bool force) {
  auto path = SqlitePath(database);
  if (!path.ok()) return Fail(path.error());
  auto info = storage::BackupSqlite(*path, output, force);
  if (!info.ok()) return Fail(info.error());
  Report("Backed up", database, output, *info);
  return kExitOk;
}

int Restore(const std::string& input, const std::string& database, bool force) {
  auto path = SqlitePath(database);
  if (!path.ok()) return Fail(path.error());
  auto info = storage::RestoreSqlite(input, *path, force);
  if (!info.ok()) return Fail(info.error());
  Report("Restored", input, database, *info);
  return kExitOk;
}

}  // namespace

BackupCommands::BackupCommands(CLI::App& app, std::string& database) : database_(database) {
  constexpr const char* kSqliteHelp = "sqlite:PATH (PostgreSQL: use pg_basebackup or pg_dump)";
  backup_ = app.add_subcommand(
      "backup", "Copy a SQLite database to one file, consistently, even while serving");
  backup_->add_option("--database", database_, kSqliteHelp)->capture_default_str();
  backup_->add_option("--output", output_, "The backup file to write")->required();
  backup_->add_flag("--force", force_, "Replace the output file if it exists");
  restore_ = app.add_subcommand(
      "restore", "Replace a SQLite database with a checked backup (stop the server first)");
  restore_->add_option("--input", input_, "The backup file to read")->required();
  restore_->add_option("--database", database_, kSqliteHelp)->capture_default_str();
  restore_->add_flag("--force", force_, "Replace a database that holds data");
}

std::optional<int> BackupCommands::Run() {
  if (*backup_) return Backup(database_, output_, force_);
  if (*restore_) return Restore(input_, database_, force_);
  return std::nullopt;
}

}  // namespace selfdirect::cli
