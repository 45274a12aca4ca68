// File: directory_repository.h
// The council's directory of services (app::DirectoryRepository) and the shared postcode points
// (app::PostcodeRepository) over SQL. An entry is one row of directory_entries with its terms,
// sessions and places in child tables; on SQLite its search text is also in the FTS5 table
// directory_search (rowid = directory_entry_id), on PostgreSQL in a generated search_vector.
#pragma once

#include "app/repositories.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

// Moves the council's directory version on (DirectoryRepository::Version): every change to its
// entries, and deleting the demo data.
Status BumpDirectoryVersion(SqlConnection& c, CouncilId council);

class SqlDirectory final : public app::DirectoryRepository, private CouncilRepository {
 public:
  SqlDirectory(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Status Upsert(const app::DirectoryEntryRecord& entry) override;
  Result<std::optional<app::DirectoryEntryRecord>> Find(const std::string& service_id) override;
  Result<std::optional<std::string>> ServiceOfPlace(const std::string& sal_id) override;
  Result<std::optional<app::DirectoryEntryRecord>> FindByOrganisationName(
      const std::string& name) override;
  Status Delete(const std::string& service_id) override;
  Result<app::DirectoryResults> Search(const app::DirectoryQuery& query) override;
  Result<std::vector<app::DirectoryEntryRecord>> SearchColumns() override;
  Result<std::unordered_map<std::string, std::string>> Documents(
      const std::vector<std::string>& service_ids) override;
  Result<int64_t> Count() override;
  Result<int64_t> Version() override;
};

// Postcodes are not a council's own: every council shares them.
class SqlPostcodes final : public app::PostcodeRepository {
 public:
  explicit SqlPostcodes(SqlConnection& c) : c_(c) {}
  Result<std::optional<domain::GeoPoint>> Find(const std::string& postcode) override;
  Result<std::optional<domain::GeoPoint>> DistrictCentre(const std::string& district) override;
  Status Put(const std::vector<std::pair<std::string, domain::GeoPoint>>& points) override;
  Result<int64_t> Count() override;

 private:
  SqlConnection& c_;
};

}  // namespace selfdirect::storage
