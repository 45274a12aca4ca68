// File: message_repository.h
// Messages and their outbox (migration 0025) for one council.
#pragma once

#include "app/messages/message_repository.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

class SqlMessages final : public app::MessageRepository, private CouncilRepository {
 public:
  SqlMessages(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<MessageId> Insert(const app::MessageRecord& m) override;
  Result<DeliveryId> InsertDelivery(const app::DeliveryRecord& d) override;
  Result<std::optional<app::MessageRecord>> Find(MessageId id) override;
  Result<std::vector<app::MessageRecord>> ForPerson(PersonId person, int limit) override;
  Result<int64_t> CountUnread(PersonId person) override;
  Result<bool> MarkRead(MessageId id, Timestamp at) override;
  Result<std::vector<app::DeliveryRecord>> Deliveries(MessageId id) override;
  Result<std::vector<app::DueEmail>> DueEmails(Timestamp now, int limit) override;
  Result<bool> Claim(DeliveryId id, Timestamp now, Timestamp until) override;
  Result<std::vector<app::DueEmail>> Outstanding(TeamId team, int limit) override;
  Result<std::optional<app::DueEmail>> FindDelivery(DeliveryId id) override;
  Result<bool> RecordAttempt(const app::DeliveryRecord& d,
                             domain::DeliveryStatus expected) override;
  Status LinkInvitation(DeliveryId id, InvitationId invitation) override;
};

}  // namespace selfdirect::storage
