// File: pa_repository.h
// Personal assistants' profiles and contact requests (migration 0017) for one council.
#pragma once

#include "app/pa/pa_repository.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

class SqlPas final : public app::PaRepository, private CouncilRepository {
 public:
  SqlPas(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<PaProfileId> InsertProfile(const app::PaProfileRecord& p) override;
  Status UpdateProfile(const app::PaProfileRecord& p) override;
  Status Verify(PaProfileId id, UserId by, Timestamp at, const std::string& verifier) override;
  Result<std::optional<app::PaProfileRecord>> FindProfile(PaProfileId id) override;
  Result<std::optional<app::PaProfileRecord>> ProfileOfUser(UserId user) override;
  Result<std::vector<app::PaProfileRecord>> Listed() override;
  Result<int64_t> FinderVersion() override;

 private:
  Status BumpFinderVersion();

 public:
  Result<PaContactId> InsertContact(const app::PaContactRecord& c) override;
  Status AnswerContact(PaContactId id, app::PaContactStatus status, Timestamp at) override;
  Result<std::optional<app::PaContactRecord>> FindContact(PaContactId id) override;
  Result<std::vector<app::PaContactRecord>> ContactsOfPa(PaProfileId pa) override;
  Result<std::vector<app::PaContactRecord>> ContactsOfPerson(PersonId person) override;
};

}  // namespace selfdirect::storage
