// File: postgres_source.h
// PostgreSQL connections (libpqxx 6.4) for one server and database: a bounded pool shared by
// readers and writers; PostgreSQL itself serialises conflicting writes.
#pragma once

#include <memory>
#include <string>

#include "storage/sql/sql.h"

namespace selfdirect::storage {

// `url` is a libpq connection URI, "postgresql://user@host:port/db". Connects one connection
// eagerly so a wrong URL fails at start; kUnavailable if it cannot connect.
Result<std::unique_ptr<ConnectionSource>> OpenPostgres(const std::string& url, size_t pool_size);

}  // namespace selfdirect::storage
