// File: settings_repository.h
// Storage of the council's own settings (migration 0030, issue 23 deliver 5): each version of a
// kind of setting, the day it takes effect, its figures (JSON), why, and who set it. Versions are
// never changed; a new one from a later day replaces an earlier one from then. Behind the
// interface the SQLite and PostgreSQL adapters both implement (storage/sql/settings_repository.cc).
#pragma once

#include <string>
#include <vector>

#include "base/clock.h"
#include "base/date.h"
#include "base/result.h"
#include "base/strong_id.h"

namespace selfdirect::app {

struct StoredSetting {
  std::string kind;  // SettingKindCode: "monitoring", "reviews", "planning".
  Date effective_from;
  std::string
      values_json;  // {"surplus_weeks": 8, ...}; prices in pence, percentages in basis points.
  std::string note;
  UserId created_by;
  Timestamp created_at;
};

class SettingsRepository {
 public:
  virtual ~SettingsRepository() = default;
  // kAlreadyExists when the council has a version of that kind from that day.
  virtual Status Insert(const StoredSetting& s) = 0;
  // The versions of one kind, oldest first.
  virtual Result<std::vector<StoredSetting>> List(const std::string& kind) = 0;
};

}  // namespace selfdirect::app
