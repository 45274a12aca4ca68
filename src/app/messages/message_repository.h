// File: message_repository.h
// Storage of messages (migration 0025, issue 23 deliver 4): each message as it was written, and
// its copies in the outbox (email or letter) with every try. Behind the interface the SQLite and
// PostgreSQL adapters both implement (storage/sql/message_repository.cc).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/strong_id.h"
#include "domain/messages/message.h"

namespace selfdirect {
using MessageId = StrongId<struct MessageTag>;
using DeliveryId = StrongId<struct DeliveryTag>;
}  // namespace selfdirect

namespace selfdirect::app {

struct MessageRecord {
  MessageId id;
  PersonId person;  // The person it is about and whose centre shows it; none for an invitation.
  UserId user;      // The account it was written to, when not a person's centre.
  domain::MessageKind kind = domain::MessageKind::kDecision;
  std::string subject;
  std::string body;  // Plain text, as sent (an invitation's one-time link is not kept).
  Timestamp created_at;
  UserId created_by;
  std::optional<Timestamp> read_at;
};

struct DeliveryRecord {
  DeliveryId id;
  MessageId message;
  domain::Delivery channel = domain::Delivery::kEmail;
  std::string address;  // An email address, or the postal address's lines.
  domain::DeliveryStatus status = domain::DeliveryStatus::kWaiting;
  int attempts = 0;
  Timestamp next_attempt_at;
  std::string last_error;
  std::optional<Timestamp> sent_at;  // Sent by email, or posted.
};

struct DueEmail {
  DeliveryRecord delivery;
  MessageRecord message;
};

class MessageRepository {
 public:
  virtual ~MessageRepository() = default;
  virtual Result<MessageId> Insert(const MessageRecord& m) = 0;
  virtual Result<DeliveryId> InsertDelivery(const DeliveryRecord& d) = 0;
  virtual Result<std::optional<MessageRecord>> Find(MessageId id) = 0;
  // A person's messages, newest first, at most `limit`.
  virtual Result<std::vector<MessageRecord>> ForPerson(PersonId person, int limit) = 0;
  virtual Result<int64_t> CountUnread(PersonId person) = 0;
  // Marks it read if it was not; false when it already was.
  virtual Result<bool> MarkRead(MessageId id, Timestamp at) = 0;
  virtual Result<std::vector<DeliveryRecord>> Deliveries(MessageId id) = 0;
  // Emails waiting whose next try is due at `now`, oldest first, at most `limit`.
  virtual Result<std::vector<DueEmail>> DueEmails(Timestamp now, int limit) = 0;
  // Letters waiting to be posted, or copies given up, oldest first: the staff's outbox.
  virtual Result<std::vector<DueEmail>> Outstanding(int limit) = 0;
  // Records a try: its new status, count, next try and error.
  virtual Status RecordAttempt(const DeliveryRecord& d) = 0;
};

}  // namespace selfdirect::app
