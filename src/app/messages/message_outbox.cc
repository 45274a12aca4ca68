// The outbox side of messages: sending due emails (with retries), and the staff's list of
// letters to post and emails given up.
#include <algorithm>

#include "app/front_door/invitations.h"
#include "app/messages/message_service.h"
#include "domain/accounts/access_policy.h"

namespace selfdirect::app {
namespace {

using domain::DeliveryStatus;
using domain::Role;

constexpr int kOutstandingLimit = 500;

bool MaySeeCopy(const Principal& who, const OutboxItem& item) {
  if (who.user.role == Role::kAdministrator) return true;
  if (who.user.role != Role::kPractitioner && who.user.role != Role::kApprover) return false;
  return item.person.id.valid() &&
         domain::CanEditPerson(who.actor, {item.person.id, item.person.team_id});
}

Result<std::vector<OutboxItem>> LoadOutstanding(Transaction& tx, const Principal& who) {
  SD_ASSIGN_OR_RETURN(auto copies, tx.messages().Outstanding(kOutstandingLimit));
  std::vector<OutboxItem> out;
  for (auto& c : copies) {
    OutboxItem item{std::move(c), {}};
    if (item.copy.message.person.valid()) {
      SD_ASSIGN_OR_RETURN(auto p, tx.people().Find(item.copy.message.person));
      if (p) item.person = *p;
    }
    if (MaySeeCopy(who, item)) out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

Result<std::vector<OutboxItem>> MessageService::Outstanding(const CallContext& ctx,
                                                            const Principal& who) {
  std::vector<OutboxItem> out;
  Status read = who.user.role == Role::kAdministrator || who.user.role == Role::kPractitioner ||
                        who.user.role == Role::kApprover
                    ? store_.Read(ctx.council,
                                  [&](Transaction& tx) -> Status {
                                    SD_ASSIGN_OR_RETURN(out, LoadOutstanding(tx, who));
                                    return OkStatus();
                                  })
                    : Status(Error::PermissionDenied("Your role cannot see the letters to post"));
  audit_.Record(ctx.council,
                AuditOf(clock_, who, ctx, ReadAction("messages.outbox", read), "", "", ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Status MessageService::MarkPosted(const CallContext& ctx, const Principal& who, DeliveryId id) {
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto items, LoadOutstanding(tx, who));
    auto it = std::find_if(items.begin(), items.end(),
                           [&](const OutboxItem& i) { return i.copy.delivery.id == id; });
    if (it == items.end()) return Error::NotFound("No letter waiting with that number");
    DeliveryRecord d = it->copy.delivery;
    d.status = DeliveryStatus::kSent;
    d.sent_at = clock_.Now();
    SD_RETURN_IF_ERROR(tx.messages().RecordAttempt(d));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "messages.posted", "person",
                                     it->person.id.ToString(), "copy " + id.ToString()));
  });
  if (!s.ok() && s.error().code == ErrorCode::kNotFound)
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "messages.posted_refused", "copy",
                                       id.ToString(), s.error().message));
  return s;
}

// The text to send: as kept, but an invitation gets a fresh one-time link (only its hash is
// stored) where the kept text says it is not kept.
Result<std::string> MessageService::BodyToSend(CouncilId council, const DueEmail& due) {
  const auto& m = due.message;
  const auto at = m.body.find(kLinkNotKept);
  if (m.kind != domain::MessageKind::kInvitation || !m.user.valid() || at == std::string::npos)
    return m.body;
  IssuedInvitation link;
  SD_RETURN_IF_ERROR(store_.Write(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(link, IssueInvitation(tx, m.user, m.created_by, clock_.Now(), true));
    return OkStatus();
  }));
  std::string body = m.body;
  body.replace(at, kLinkNotKept.size(), public_url_ + "/invitations/" + link.token);
  return body;
}

Status MessageService::SendOne(CouncilId council, Mailer& mailer, DueEmail due,
                               SendReport& report) {
  DeliveryRecord& d = due.delivery;
  auto body = BodyToSend(council, due);
  Status sent = body.ok() ? mailer.Send({d.address, due.message.subject, *body,
                                         "<message-" + std::to_string(council.value()) + "-" +
                                             d.id.ToString() + "@selfdirect>",
                                         due.message.created_at})
                          : Status(body.error());
  const Timestamp now = clock_.Now();
  ++d.attempts;
  if (sent.ok()) {
    d.status = DeliveryStatus::kSent;
    d.sent_at = now;
    d.last_error.clear();
    ++report.sent;
  } else if (auto wait = domain::RetryDelaySeconds(d.attempts)) {
    d.next_attempt_at = now.PlusSeconds(*wait);
    d.last_error = sent.error().message;
    ++report.failed;
  } else {
    d.status = DeliveryStatus::kGaveUp;
    d.last_error = sent.error().message;
    ++report.gave_up;
  }
  return store_.Write(council, [&](Transaction& tx) { return tx.messages().RecordAttempt(d); });
}

Result<SendReport> MessageService::SendDue(Mailer& mailer, int limit) {
  SendReport report;
  SD_ASSIGN_OR_RETURN(auto councils, store_.ListCouncils());
  for (const Council& council : councils) {
    std::vector<DueEmail> due;
    SD_RETURN_IF_ERROR(store_.Read(council.id, [&](Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(due, tx.messages().DueEmails(clock_.Now(), limit));
      return OkStatus();
    }));
    for (auto& d : due) SD_RETURN_IF_ERROR(SendOne(council.id, mailer, std::move(d), report));
  }
  return report;
}

}  // namespace selfdirect::app
