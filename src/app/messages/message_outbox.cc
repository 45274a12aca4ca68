// The outbox side of messages: sending due emails (claimed first, with retries), and the staff's
// list of letters to post and emails given up.
#include <chrono>
#include <thread>

#include "app/front_door/invitations.h"
#include "app/messages/message_service.h"
#include "app/passwords.h"
#include "domain/accounts/access_policy.h"

namespace selfdirect::app {
namespace {

using domain::DeliveryStatus;
using domain::Role;

constexpr int kOutstandingLimit = 500;
// How long one sender holds a copy: longer than a send can take (libcurl's 30-second limit), so
// a copy whose sender crashed or could not record the result is tried again after this.
constexpr int64_t kClaimSeconds = 600;
constexpr int kRecordTries = 3;

bool StaffRole(Role r) {
  return r == Role::kAdministrator || r == Role::kPractitioner || r == Role::kApprover;
}

// The team whose copies `who` sees; none (all of them) for an administrator.
TeamId OutboxTeam(const Principal& who) {
  return who.user.role == Role::kAdministrator ? TeamId{} : who.actor.team_id;
}

Result<OutboxItem> ItemOf(Transaction& tx, DueEmail copy) {
  OutboxItem item{std::move(copy), {}};
  if (item.copy.message.person.valid()) {
    SD_ASSIGN_OR_RETURN(auto p, tx.people().Find(item.copy.message.person));
    if (p) item.person = *p;
  }
  return item;
}

bool MaySeeCopy(const Principal& who, const OutboxItem& item) {
  if (who.user.role == Role::kAdministrator) return true;
  if (!StaffRole(who.user.role)) return false;
  return item.person.id.valid() &&
         domain::CanEditPerson(who.actor, {item.person.id, item.person.team_id});
}

Result<std::vector<OutboxItem>> LoadOutstanding(Transaction& tx, const Principal& who) {
  const TeamId team = OutboxTeam(who);
  if (who.user.role != Role::kAdministrator && !team.valid()) return std::vector<OutboxItem>{};
  SD_ASSIGN_OR_RETURN(auto copies, tx.messages().Outstanding(team, kOutstandingLimit));
  std::vector<OutboxItem> out;
  for (auto& c : copies) {
    SD_ASSIGN_OR_RETURN(auto item, ItemOf(tx, std::move(c)));
    if (MaySeeCopy(who, item)) out.push_back(std::move(item));
  }
  return out;
}

// Why an invitation's emailed link is no longer wanted, or "" when it is: the account is gone or
// suspended, or the link it was written with was used (so a password was set), replaced by a
// newer one, or has expired. `expires` is that link's expiry.
Result<std::string> NoLongerWanted(Transaction& tx, const MessageRecord& m, Timestamp now,
                                   Timestamp& expires) {
  SD_ASSIGN_OR_RETURN(auto user, tx.users().FindById(m.user));
  if (!user) return std::string("The account no longer exists");
  if (user->disabled) return std::string("The account is suspended");
  if (!m.invitation.valid()) return std::string("No link to send");
  SD_ASSIGN_OR_RETURN(auto link, tx.front_door().FindInvitationById(m.invitation));
  if (!link || link->used_at) return std::string("The link was used or replaced");
  if (now >= link->expires_at) return std::string("The link has expired");
  expires = link->expires_at;
  return std::string();
}

// The email's own link: its earlier try's link re-keyed (so a retry leaves one live link, not
// another), or a new one expiring with the link the message was written with.
Result<std::string> EmailLink(Transaction& tx, DeliveryRecord& d, const MessageRecord& m,
                              Timestamp now, Timestamp expires) {
  std::string token = RandomToken();
  if (d.invitation.valid()) {
    SD_ASSIGN_OR_RETURN(bool rekeyed,
                        tx.front_door().RekeyInvitation(d.invitation, TokenHash(token)));
    if (rekeyed) return token;
  }
  SD_ASSIGN_OR_RETURN(d.invitation,
                      tx.front_door().InsertInvitation({InvitationId{}, m.user, TokenHash(token),
                                                        m.created_by, now, expires, std::nullopt}));
  SD_RETURN_IF_ERROR(tx.messages().LinkInvitation(d.id, d.invitation));
  return token;
}

// Why a survey invitation's email is no longer wanted, or "" when it is (then its link is made).
Result<std::string> SurveyNoLongerWanted(Transaction& tx, const MessageRecord& m, Date today) {
  SD_ASSIGN_OR_RETURN(auto inv, tx.surveys().FindInvitation(m.survey_invitation));
  if (!inv) return std::string("The survey invitation no longer exists");
  if (inv->responded_at) return std::string("The survey was answered");
  SD_ASSIGN_OR_RETURN(auto wave, tx.surveys().FindWave(inv->wave));
  if (!wave || wave->status != SurveyWaveStatus::kOpen || today > wave->period_end)
    return std::string("The survey has closed");
  return std::string();
}

}  // namespace

// A survey invitation's text with a new one-time link to the form, which replaces an earlier
// try's (never a letter's: one sent a letter is withdrawn); nullopt, with the reason, when no
// longer wanted.
Result<std::optional<std::string>> MessageService::SurveyBodyToSend(CouncilId council,
                                                                    DueEmail& due) {
  const auto& m = due.message;
  const Timestamp now = clock_.Now();
  std::string why_not;
  const std::string token = RandomToken();
  SD_RETURN_IF_ERROR(store_.Write(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(why_not, SurveyNoLongerWanted(tx, m, now.LondonDate()));
    if (!why_not.empty()) return OkStatus();
    Status rekeyed = tx.surveys().RekeyInvitation(m.survey_invitation, TokenHash(token));
    if (!rekeyed.ok() && rekeyed.error().code == ErrorCode::kNotFound) {
      why_not = "The survey was answered or sent by letter";  // Its letter's link stays.
      return OkStatus();
    }
    SD_RETURN_IF_ERROR(rekeyed);
    return tx.audit().Append(AuditEntry{now, UserId{}, "survey_invitation.emailed",
                                        "survey_invitation", m.survey_invitation.ToString(),
                                        "copy " + due.delivery.id.ToString(), ""});
  }));
  if (!why_not.empty()) {
    due.delivery.last_error = why_not;
    return std::optional<std::string>();
  }
  std::string body = m.body;
  const auto at = body.find(kLinkNotKept);
  if (at != std::string::npos)
    body.replace(at, kLinkNotKept.size(), public_url_ + "/survey/" + token);
  return std::optional<std::string>(std::move(body));
}

Result<std::vector<OutboxItem>> MessageService::Outstanding(const CallContext& ctx,
                                                            const Principal& who) {
  std::vector<OutboxItem> out;
  Status read = StaffRole(who.user.role)
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

// A letter posted becomes sent; an email given up and dealt with by hand becomes handled (the
// person is not told it was emailed).
Status MessageService::MarkPosted(const CallContext& ctx, const Principal& who, DeliveryId id) {
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    if (!StaffRole(who.user.role)) return Error::NotFound("No letter waiting with that number");
    SD_ASSIGN_OR_RETURN(auto found, tx.messages().FindDelivery(id));
    if (!found) return Error::NotFound("No letter waiting with that number");
    SD_ASSIGN_OR_RETURN(auto item, ItemOf(tx, std::move(*found)));
    DeliveryRecord d = item.copy.delivery;
    const bool letter =
        d.channel == domain::Delivery::kLetter && d.status == DeliveryStatus::kWaiting;
    if (!MaySeeCopy(who, item) || (!letter && d.status != DeliveryStatus::kGaveUp))
      return Error::NotFound("No letter waiting with that number");
    const DeliveryStatus was = d.status;
    d.status = letter ? DeliveryStatus::kSent : DeliveryStatus::kHandled;
    d.sent_at = clock_.Now();
    SD_ASSIGN_OR_RETURN(bool recorded, tx.messages().RecordAttempt(d, was));
    if (!recorded) return Error::NotFound("No letter waiting with that number");
    return tx.audit().Append(AuditOf(clock_, who, ctx, "messages.posted", "person",
                                     item.person.id.ToString(), "copy " + id.ToString()));
  });
  if (!s.ok() && s.error().code == ErrorCode::kNotFound)
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "messages.posted_refused", "copy",
                                       id.ToString(), s.error().message));
  return s;
}

// The text to send: as kept, but an invitation gets its own one-time link (only its hash is
// stored) where the kept text says it is not kept; nullopt, with the reason in `due.delivery`,
// when the link is no longer wanted. Issuing the link is audited in the same transaction.
Result<std::optional<std::string>> MessageService::BodyToSend(CouncilId council, DueEmail& due) {
  const auto& m = due.message;
  if (m.kind == domain::MessageKind::kSurvey && m.survey_invitation.valid())
    return SurveyBodyToSend(council, due);
  const auto at = m.body.find(kLinkNotKept);
  if (m.kind != domain::MessageKind::kInvitation || !m.user.valid() || at == std::string::npos)
    return std::optional<std::string>(m.body);
  const Timestamp now = clock_.Now();
  std::string why_not, token;
  SD_RETURN_IF_ERROR(store_.Write(council, [&](Transaction& tx) -> Status {
    Timestamp expires;
    SD_ASSIGN_OR_RETURN(why_not, NoLongerWanted(tx, m, now, expires));
    if (!why_not.empty()) return OkStatus();
    SD_ASSIGN_OR_RETURN(token, EmailLink(tx, due.delivery, m, now, expires));
    return tx.audit().Append(AuditEntry{now, UserId{}, "invitation.emailed", "user",
                                        m.user.ToString(), "copy " + due.delivery.id.ToString(),
                                        ""});
  }));
  if (!why_not.empty()) {
    due.delivery.last_error = why_not;
    return std::optional<std::string>();
  }
  std::string body = m.body;
  body.replace(at, kLinkNotKept.size(), public_url_ + "/invitations/" + token);
  return std::optional<std::string>(std::move(body));
}

// Records the claimed copy's outcome, trying again on a store failure (the email has gone).
// A survey invitation's email given up is no longer counted as emailed, so the next letter
// list includes the person.
Status MessageService::Finish(CouncilId council, const DeliveryRecord& d,
                              SurveyInvitationId survey) {
  Status s = OkStatus();
  for (int i = 0; i < kRecordTries; ++i) {
    s = store_.Write(council, [&](Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(bool recorded, tx.messages().RecordAttempt(d, DeliveryStatus::kSending));
      if (!recorded || d.status != DeliveryStatus::kGaveUp || !survey.valid()) return OkStatus();
      return tx.surveys().ClearEmailed(survey);
    });
    if (s.ok()) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(100 << i));
  }
  return s;
}

Status MessageService::SendOne(CouncilId council, Mailer& mailer, DueEmail due,
                               SendReport& report) {
  DeliveryRecord& d = due.delivery;
  bool claimed = false;
  SD_RETURN_IF_ERROR(store_.Write(council, [&](Transaction& tx) -> Status {
    const Timestamp now = clock_.Now();
    SD_ASSIGN_OR_RETURN(claimed, tx.messages().Claim(d.id, now, now.PlusSeconds(kClaimSeconds)));
    return OkStatus();
  }));
  if (!claimed) return OkStatus();  // Another sender has it, or has sent it.
  auto body = BodyToSend(council, due);
  if (body.ok() && !body->has_value()) {
    d.status = DeliveryStatus::kWithdrawn;
    ++report.withdrawn;
    return Finish(council, d, {});
  }
  Status sent = body.ok() ? mailer.Send({d.address, due.message.subject, **body,
                                         "<message-" + std::to_string(council.value()) + "-" +
                                             d.id.ToString() + "@selfdirect>",
                                         due.message.created_at})
                          : Status(body.error());
  const Timestamp now = clock_.Now();
  ++d.attempts;
  d.last_error = sent.ok() ? std::string() : sent.error().message;
  if (sent.ok()) {
    d.status = DeliveryStatus::kSent;
    d.sent_at = now;
    ++report.sent;
  } else if (auto wait = domain::RetryDelaySeconds(d.attempts)) {
    d.status = DeliveryStatus::kWaiting;
    d.next_attempt_at = now.PlusSeconds(*wait);
    ++report.failed;
  } else {
    d.status = DeliveryStatus::kGaveUp;
    ++report.gave_up;
  }
  return Finish(council, d, due.message.survey_invitation);
}

Result<SendReport> MessageService::SendDue(Mailer& mailer, int limit, std::stop_token stop) {
  SendReport report;
  auto failed = [&report](const Status& s) {
    ++report.errors;
    report.last_error = s.error().message;
  };
  SD_ASSIGN_OR_RETURN(auto councils, store_.ListCouncils());
  for (const Council& council : councils) {
    std::vector<DueEmail> due;
    Status read = store_.Read(council.id, [&](Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(due, tx.messages().DueEmails(clock_.Now(), limit));
      return OkStatus();
    });
    if (!read.ok()) failed(read);
    for (auto& d : due) {
      if (stop.stop_requested()) return report;
      if (Status s = SendOne(council.id, mailer, std::move(d), report); !s.ok()) failed(s);
    }
  }
  return report;
}

}  // namespace selfdirect::app
