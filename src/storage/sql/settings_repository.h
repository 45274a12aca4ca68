// File: settings_repository.h
// The council's own settings (migration 0030) for one council.
#pragma once

#include "app/settings/settings_repository.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

class SqlSettings final : public app::SettingsRepository, private CouncilRepository {
 public:
  SqlSettings(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Status Insert(const app::StoredSetting& s) override;
  Result<std::vector<app::StoredSetting>> List(const std::string& kind) override;
};

}  // namespace selfdirect::storage
