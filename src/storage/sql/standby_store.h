// File: standby_store.h
// The store for read-only work (reports, dashboards, exports) when `serve --read-database` names
// a PostgreSQL streaming-replication standby: reads run on the standby, and so may lag the
// primary by the replication delay (docs/reliability.md, Many servers); anything written on the
// way (an audit entry, a council) goes to the primary. Without --read-database the read-only
// work uses the primary store itself.
#pragma once

#include <memory>
#include <string>

#include "app/repositories.h"

namespace selfdirect::storage {

class StandbyStore final : public app::Store {
 public:
  // `primary` outlives this store.
  StandbyStore(app::Store& primary, std::unique_ptr<app::Store> standby)
      : primary_(primary), standby_(std::move(standby)) {}

  std::string_view kind() const override { return standby_->kind(); }
  Result<std::optional<app::Council>> FindCouncil(const std::string& code) override {
    return standby_->FindCouncil(code);
  }
  Result<std::vector<app::Council>> ListCouncils() override { return standby_->ListCouncils(); }
  Result<CouncilId> UpsertCouncil(const std::string& code, const std::string& name,
                                  app::CouncilKind kind) override {
    return primary_.UpsertCouncil(code, name, kind);
  }
  Status DeleteCouncilData(CouncilId council) override {
    return primary_.DeleteCouncilData(council);
  }
  Status Read(CouncilId council, const app::TransactionFunction& fn) override {
    return standby_->Read(council, fn);
  }
  Status Write(CouncilId council, const app::TransactionFunction& fn) override {
    return primary_.Write(council, fn);
  }
  Status Ping() override { return standby_->Ping(); }

 private:
  app::Store& primary_;
  std::unique_ptr<app::Store> standby_;
};

// Opens the standby named by `url` (postgresql:// only; several hosts may be listed, with
// target_session_attrs=prefer-standby) beside `primary`, without applying migrations: they reach
// the standby by replication. kInvalidArgument for another scheme; kUnavailable if it cannot
// connect.
Result<std::unique_ptr<app::Store>> OpenStandbyStore(app::Store& primary, const std::string& url);

}  // namespace selfdirect::storage
