#include "storage/sql/standby_store.h"

#include "storage/postgres/postgres_source.h"
#include "storage/sql/sql_store.h"

namespace selfdirect::storage {
namespace {

// Standby connections per server process: as many as the primary's (sql_store.cc), since every
// request thread may be reading a report at once.
constexpr size_t kStandbyPoolSize = 8;

}  // namespace

Result<std::unique_ptr<app::Store>> OpenStandbyStore(app::Store& primary, const std::string& url) {
  if (url.rfind("postgresql://", 0) != 0 && url.rfind("postgres://", 0) != 0) {
    return Error::InvalidArgument("--read-database must be postgresql://user@host:port/db");
  }
  SD_ASSIGN_OR_RETURN(auto source, OpenPostgres(url, kStandbyPoolSize));
  return std::unique_ptr<app::Store>(
      new StandbyStore(primary, std::make_unique<SqlStore>(std::move(source))));
}

}  // namespace selfdirect::storage
