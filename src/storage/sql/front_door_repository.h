// File: front_door_repository.h
// The front door (migration 0023) for one council.
#pragma once

#include "app/front_door/front_door_repository.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

class SqlFrontDoor final : public app::FrontDoorRepository, private CouncilRepository {
 public:
  SqlFrontDoor(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<ContactId> InsertContact(const app::ContactRecord& c) override;
  Result<std::optional<app::ContactRecord>> FindContact(ContactId id) override;
  Result<std::vector<app::ContactRecord>> Contacts(bool triaged, int limit) override;
  Result<int64_t> CountWaiting() override;
  Status Triage(ContactId id, domain::TriageOutcome outcome, const std::string& note,
                PersonId person, UserId by, Timestamp at) override;
  Result<InvitationId> InsertInvitation(const app::InvitationRecord& i) override;
  Result<std::optional<app::InvitationRecord>> FindInvitation(
      const std::string& token_hash) override;
  Result<std::optional<app::InvitationRecord>> FindInvitationById(InvitationId id) override;
  Result<bool> RekeyInvitation(InvitationId id, const std::string& token_hash) override;
  Result<bool> UseInvitation(InvitationId id, Timestamp at) override;
  Status RetireInvitations(UserId user, Timestamp at) override;
};

}  // namespace selfdirect::storage
