// File: message_service.h
// Messages (issue 23, deliver 4). Other journeys queue a message in their own transaction (so a
// decision and the message saying so commit together); the person reads it in their notification
// centre and gets a copy by email or letter, as they chose; the outbox sends email and tries
// again after a failure. Every message is kept with what it said.
#pragma once

#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/messages/mailer.h"
#include "app/people_service.h"
#include "app/repositories.h"

namespace selfdirect::app {

// Where an invitation's email puts its one-time link; the kept message says this instead.
inline constexpr std::string_view kLinkNotKept = "(a one-time link, not kept here)";

struct Notice {
  PersonId person;  // Whose centre shows it; its copy goes as the person chose.
  UserId user;      // Or an account (an invitation): emailed to the account's address.
  domain::MessageKind kind = domain::MessageKind::kDecision;
  std::string subject;
  std::string body;
  InvitationId invitation;  // An invitation: the link issued with it (the outbox checks it).
};

// Keeps the message and queues its copy, in the caller's transaction. An invitation's body
// carries kLinkNotKept where the outbox puts a fresh link when it sends.
Result<MessageId> QueueMessage(Transaction& tx, const Notice& notice, UserId by, Timestamp now);

struct CentreItem {
  MessageRecord message;
  std::vector<DeliveryRecord> copies;
};

struct MessageCentre {
  PersonRecord person;
  std::vector<CentreItem> items;  // Newest first.
  int64_t unread = 0;
  std::optional<domain::Delivery> copies_by;  // How a new message's copy would go.
  bool letters_only = false;
  bool may_choose = false;  // The person, their representative, or their practitioner.
  bool self = false;
};

struct SendReport {
  int sent = 0;
  int failed = 0;     // Will be tried again.
  int gave_up = 0;    // Tried kMaxEmailAttempts times; staff see them with the letters.
  int withdrawn = 0;  // No longer wanted (an invitation whose link was used or replaced).
  int errors = 0;     // The store failed; the copy is tried again when its claim ends.
  std::string last_error;
};

struct OutboxItem {
  DueEmail copy;
  PersonRecord person;  // Empty for an account's invitation.
};

class MessageService {
 public:
  MessageService(Store& store, const Clock& clock, AuditTrail& audit, std::string public_url)
      : store_(store), clock_(clock), audit_(audit), public_url_(std::move(public_url)) {}

  // Anyone who may see the person; kNotFound otherwise (audited).
  Result<MessageCentre> Centre(const CallContext& ctx, const Principal& who, PersonId person);
  // One message, marked read when the person or their representative opens it.
  Result<CentreItem> Open(const CallContext& ctx, const Principal& who, PersonId person,
                          MessageId id);
  // "email" or "letters": how copies go from now on. kInvalidArgument (field "choice") for
  // email without an address, or anything else.
  Status Choose(const CallContext& ctx, const Principal& who, PersonId person,
                const std::string& choice);
  // Staff: letters waiting to be posted and emails given up, oldest first.
  Result<std::vector<OutboxItem>> Outstanding(const CallContext& ctx, const Principal& who);
  // Staff: a letter was posted, or a given-up email was dealt with by hand.
  Status MarkPosted(const CallContext& ctx, const Principal& who, DeliveryId id);
  // Unread messages in the person's centre, for the person page (which audits its own read).
  Result<int64_t> Unread(CouncilId council, PersonId person);
  // The outbox: sends each council's due emails, at most `limit` each, through `mailer`, claiming
  // each first so that two senders never send one copy; stops between emails once `stop` is
  // asked. A store failure on one copy or council is counted and the rest go on.
  Result<SendReport> SendDue(Mailer& mailer, int limit, std::stop_token stop = {});

 private:
  Result<MessageCentre> Load(Transaction& tx, const Principal& who, PersonId person) const;
  Status SendOne(CouncilId council, Mailer& mailer, DueEmail due, SendReport& report);
  Result<std::optional<std::string>> BodyToSend(CouncilId council, DueEmail& due);
  Result<std::optional<std::string>> SurveyBodyToSend(CouncilId council, DueEmail& due);
  Status Finish(CouncilId council, const DeliveryRecord& d, SurveyInvitationId survey);
  void Refused(const CallContext& ctx, const Principal& who, const std::string& action,
               PersonId person, const Status& s);

  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
  std::string public_url_;
};

}  // namespace selfdirect::app
