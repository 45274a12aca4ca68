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
using InvitationId = StrongId<struct InvitationTag>;
using SurveyInvitationId = StrongId<struct SurveyInvitationTag>;
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
  InvitationId invitation;  // An invitation: the link it was written with (shown to staff).
  SurveyInvitationId survey_invitation;  // A survey invitation: the outbox makes its link.
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
  std::optional<Timestamp> sent_at;  // Sent by email, posted, or dealt with by hand.
  InvitationId invitation;  // An invitation's email: the link of its own, re-keyed on each try.
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
  // Emails whose next try is due at `now` (waiting, or being sent by a sender whose claim has
  // ended), oldest first, at most `limit`.
  virtual Result<std::vector<DueEmail>> DueEmails(Timestamp now, int limit) = 0;
  // Claims a due email for one sender until `until` (status kSending); false when it is not due
  // (another sender claimed it first, or it was sent).
  virtual Result<bool> Claim(DeliveryId id, Timestamp now, Timestamp until) = 0;
  // Letters waiting to be posted, or copies given up, oldest first: the staff's outbox. Only copies
  // to people in `team` when it is valid (so an account's invitation only when it is not).
  virtual Result<std::vector<DueEmail>> Outstanding(TeamId team, int limit) = 0;
  virtual Result<std::optional<DueEmail>> FindDelivery(DeliveryId id) = 0;
  // Records a try (status, count, next try, error, sent time, link) if the copy's status is still
  // `expected`; false when it is not (someone else dealt with it).
  virtual Result<bool> RecordAttempt(const DeliveryRecord& d, domain::DeliveryStatus expected) = 0;
  // The email's own invitation link, kept in the transaction that issues it.
  virtual Status LinkInvitation(DeliveryId id, InvitationId invitation) = 0;
};

}  // namespace selfdirect::app
