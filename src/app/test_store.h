// Test helper: a fresh SQLite store in a temporary file with one council, two teams and a user
// of each role. Removed when the fixture ends.
#pragma once

#include <unistd.h>

#include <filesystem>

#include "app/passwords.h"
#include "storage/sql/sql_store.h"

namespace selfdirect::app::testing {

class TestCouncil {
 public:
  TestCouncil() {
    path_ = std::filesystem::temp_directory_path() /
            ("sd-app-" + std::to_string(getpid()) + "-" + RandomToken().substr(0, 8) + ".db");
    store_ = std::move(*storage::OpenStore("sqlite:" + path_.string()));
    council_ = *store_->UpsertCouncil("test", "Test Council", CouncilKind::kLive);
    other_council_ = *store_->UpsertCouncil("other", "Other Council", CouncilKind::kLive);
  }
  ~TestCouncil() {
    store_.reset();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + s);
  }
  Store& store() { return *store_; }
  CouncilId council() const { return council_; }
  CouncilId other_council() const { return other_council_; }

 private:
  std::filesystem::path path_;
  std::unique_ptr<storage::SqlStore> store_;
  CouncilId council_;
  CouncilId other_council_;
};

}  // namespace selfdirect::app::testing
