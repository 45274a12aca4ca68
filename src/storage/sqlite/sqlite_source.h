// File: sqlite_source.h
// SQLite connections for one database file: one writer connection (WAL journal, so readers never
// wait for it) and a pool of read-only connections, one per concurrent reader.
#pragma once

#include <memory>
#include <string>

#include "storage/sql/sql.h"

namespace selfdirect::storage {

// How much the writer waits for the disk at each commit (PRAGMA synchronous, in WAL mode):
// kNormal (the default) syncs at checkpoints, so a power cut or an operating system crash can lose
// the last transactions acknowledged, never corrupt the file; a crash of the process loses
// nothing. kFull syncs the WAL at every commit, so nothing acknowledged is lost on a power cut,
// at the cost of a disk sync per write (docs/reliability.md).
enum class SqliteSync { kNormal, kFull };

struct SqliteUrl {
  std::string path;
  SqliteSync sync = SqliteSync::kNormal;
};

// "sqlite:PATH" or "sqlite:PATH?synchronous=full" (or "=normal"). kInvalidArgument otherwise.
Result<SqliteUrl> ParseSqliteUrl(const std::string& url);

// Opens (creating if needed) the database at `path`. kUnavailable if it cannot be opened.
Result<std::unique_ptr<ConnectionSource>> OpenSqlite(const std::string& path,
                                                     SqliteSync sync = SqliteSync::kNormal);

}  // namespace selfdirect::storage
