#include "app/messages/message_service.h"

#include <algorithm>

#include "app/front_door/invitations.h"
#include "base/text.h"
#include "domain/accounts/access_policy.h"

namespace selfdirect::app {
namespace {

using domain::Delivery;
using domain::DeliveryStatus;
using domain::Role;

bool Staff(Role r) {
  return r == Role::kPractitioner || r == Role::kApprover || r == Role::kAdministrator;
}

std::optional<Delivery> CopiesBy(const domain::PersonDetails& d) {
  return domain::ChooseDelivery(d.contact_preference, !d.email.empty(), !d.address.empty());
}

// The copy of a message to a person: by email or letter as they chose, or none (centre only).
std::optional<DeliveryRecord> PersonCopy(const PersonRecord& p, MessageId id, Timestamp now) {
  auto by = CopiesBy(p.details);
  if (!by) return std::nullopt;
  const std::string& to = *by == Delivery::kEmail ? p.details.email : p.details.address;
  return DeliveryRecord{DeliveryId{}, id, *by, to, DeliveryStatus::kWaiting, 0, now, "", {}};
}

}  // namespace

Result<MessageId> QueueMessage(Transaction& tx, const Notice& notice, UserId by, Timestamp now) {
  MessageRecord m{MessageId{}, notice.person, notice.user, notice.kind,  notice.subject,
                  notice.body, now,           by,          std::nullopt, notice.invitation};
  SD_ASSIGN_OR_RETURN(m.id, tx.messages().Insert(m));
  std::optional<DeliveryRecord> copy;
  if (notice.person.valid()) {
    SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(notice.person));
    if (!person) return Error::NotFound("No person with that reference");
    copy = PersonCopy(*person, m.id, now);
  } else {
    SD_ASSIGN_OR_RETURN(auto user, tx.users().FindById(notice.user));
    if (!user) return Error::NotFound("No account with that id");
    if (!user->email.empty())
      copy = DeliveryRecord{
          DeliveryId{}, m.id, Delivery::kEmail, user->email, DeliveryStatus::kWaiting, 0, now,
          "",           {}};
  }
  if (copy) SD_RETURN_IF_ERROR(StatusOf(tx.messages().InsertDelivery(*copy)));
  return m.id;
}

Result<MessageCentre> MessageService::Load(Transaction& tx, const Principal& who,
                                           PersonId person) const {
  MessageCentre out;
  SD_ASSIGN_OR_RETURN(out.person, PersonToRead(tx, who, person));
  const auto* found = &out.person;
  out.self = domain::ActsForPerson(who.actor, person);
  out.may_choose = out.self || (Staff(who.user.role) &&
                                domain::CanEditPerson(who.actor, {person, found->team_id}));
  out.copies_by = CopiesBy(found->details);
  out.letters_only = found->details.contact_preference == domain::ContactPreference::kPost;
  SD_ASSIGN_OR_RETURN(auto messages, tx.messages().ForPerson(person, 200));
  for (auto& m : messages) {
    SD_ASSIGN_OR_RETURN(auto copies, tx.messages().Deliveries(m.id));
    if (!m.read_at) ++out.unread;
    out.items.push_back({std::move(m), std::move(copies)});
  }
  return out;
}

void MessageService::Refused(const CallContext& ctx, const Principal& who,
                             const std::string& action, PersonId person, const Status& s) {
  if (s.ok()) return;
  const auto code = s.error().code;
  if (code == ErrorCode::kNotFound || code == ErrorCode::kPermissionDenied)
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, action + "_refused", "person",
                                       person.ToString(), s.error().message));
}

Result<MessageCentre> MessageService::Centre(const CallContext& ctx, const Principal& who,
                                             PersonId person) {
  MessageCentre out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(out, Load(tx, who, person));
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("messages.view", read), "person",
                                     person.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Result<int64_t> MessageService::Unread(CouncilId council, PersonId person) {
  int64_t n = 0;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(n, tx.messages().CountUnread(person));
    return OkStatus();
  }));
  return n;
}

Result<CentreItem> MessageService::Open(const CallContext& ctx, const Principal& who,
                                        PersonId person, MessageId id) {
  CentreItem out;
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto centre, Load(tx, who, person));
    auto it = std::find_if(centre.items.begin(), centre.items.end(),
                           [&](const CentreItem& i) { return i.message.id == id; });
    if (it == centre.items.end()) return Error::NotFound("No message with that number");
    out = *it;
    if (centre.self && !out.message.read_at) {
      out.message.read_at = clock_.Now();
      SD_RETURN_IF_ERROR(StatusOf(tx.messages().MarkRead(id, *out.message.read_at)));
    }
    return tx.audit().Append(AuditOf(clock_, who, ctx, "messages.open", "person", person.ToString(),
                                     "message " + id.ToString()));
  });
  Refused(ctx, who, "messages.open", person, s);
  SD_RETURN_IF_ERROR(s);
  return out;
}

Status MessageService::Choose(const CallContext& ctx, const Principal& who, PersonId person,
                              const std::string& choice) {
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto centre, Load(tx, who, person));
    if (!centre.may_choose)
      return Error::PermissionDenied("Your role cannot change how this person hears from us");
    auto details = centre.person.details;
    const std::string c(Trim(choice));
    if (c == "email") {
      if (details.email.empty())
        return Error::InvalidArgument(
            "Check how we send messages",
            {{"choice",
              "There is no email address on the record: ask us to add one, or choose "
              "letters"}});
      details.contact_preference = domain::ContactPreference::kEmail;
    } else if (c == "letters") {
      details.contact_preference = domain::ContactPreference::kPost;
    } else {
      return Error::InvalidArgument("Check how we send messages",
                                    {{"choice", "Choose email or letters only"}});
    }
    SD_RETURN_IF_ERROR(tx.people().Update(person, details, clock_.Now()));
    return tx.audit().Append(
        AuditOf(clock_, who, ctx, "messages.choose", "person", person.ToString(), c));
  });
  Refused(ctx, who, "messages.choose", person, s);
  return s;
}

}  // namespace selfdirect::app
