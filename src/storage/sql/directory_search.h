// File: directory_search.h
// The SQL of one directory search (DirectoryRepository::Search), written from its query. Only
// the full-text condition differs by dialect: SQLite's FTS5 table directory_search drives the
// join, PostgreSQL filters by the entry's search_vector.
#pragma once

#include <string>
#include <vector>

#include "app/repositories.h"
#include "storage/sql/sql.h"

namespace selfdirect::storage {

struct DirectorySearchSql {
  // One page of hits in the query's order. Columns: directory_entry_id, service_id,
  // service_at_location_id ('' unless near or by place), review_due, last_modified, the place's
  // latitude_e6 and longitude_e6 (0 unless near), and the count of hits in all pages.
  std::string page;
  // The count of hits in all pages alone, for a page past the last.
  std::string count;
  // The parameters of both; $1 is the council.
  std::vector<SqlValue> params;
};

DirectorySearchSql DirectorySearchStatements(Dialect dialect, CouncilId council,
                                             const app::DirectoryQuery& q);

}  // namespace selfdirect::storage
