// File: sqlite_source.h
// SQLite connections for one database file: one writer connection (WAL journal, so readers never
// wait for it) and a pool of read-only connections, one per concurrent reader.
#pragma once

#include <memory>
#include <string>

#include "storage/sql/sql.h"

namespace selfdirect::storage {

// Opens (creating if needed) the database at `path`. kUnavailable if it cannot be opened.
Result<std::unique_ptr<ConnectionSource>> OpenSqlite(const std::string& path);

}  // namespace selfdirect::storage
