// File: sqlite_backup.h
// Backing up and restoring a SQLite database file with SQLite's online backup API
// (sqlite3_backup_init/step/finish). The copy is made inside one read transaction on the source,
// so it is a consistent snapshot even while `selfdirect serve` is writing (WAL lets the writer go
// on meanwhile). Files are replaced atomically: written to a temporary file in the same folder,
// synced, then renamed over the target, and the folder synced.
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"

namespace selfdirect::storage {

// What a copy holds.
struct SqliteCopyInfo {
  int64_t bytes = 0;           // Size of the written file.
  int64_t pages = 0;           // Database pages copied.
  int schema_version = 0;      // Highest migration applied in the copy.
  int64_t elapsed_micros = 0;  // Wall time of the copy, including syncing.
};

// The highest SQLite migration this binary knows.
int LatestSqliteSchemaVersion();

// Copies the database at `database_path` to `output_path` as one self-contained file (rollback
// journal mode, no -wal). kNotFound if the database does not exist; kAlreadyExists if
// `output_path` exists and `overwrite` is false; kInvalidArgument if the source is not a
// Selfdirect database; kInternal on an I/O failure (nothing is left at `output_path` then).
Result<SqliteCopyInfo> BackupSqlite(const std::string& database_path,
                                    const std::string& output_path, bool overwrite);

// Checks that `backup_path` is a Selfdirect SQLite database this binary can open: the file
// exists (kNotFound), is a SQLite database that passes PRAGMA integrity_check and has the
// schema_migrations table (kInvalidArgument), at a version no newer than
// LatestSqliteSchemaVersion() (kFailedPrecondition). Opens the file read-only.
Result<SqliteCopyInfo> CheckSqliteBackup(const std::string& backup_path);

// Replaces the database at `database_path` with the backup at `backup_path`, after
// CheckSqliteBackup. Refuses (kAlreadyExists) when `database_path` is a non-empty file unless
// `force`, and refuses (kFailedPrecondition) while another process has it open in WAL mode (a
// running server would keep using the old file). Stale -wal and -shm files of the old database
// are removed before the rename.
Result<SqliteCopyInfo> RestoreSqlite(const std::string& backup_path,
                                     const std::string& database_path, bool force);

}  // namespace selfdirect::storage
