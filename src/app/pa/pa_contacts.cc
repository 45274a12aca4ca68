// File: pa_contacts.cc
// Asking to contact a PA through the service, and the PA's answer: neither side's details are
// shown until the PA agrees (pa_service.h).
#include "app/pa/pa_service.h"

namespace selfdirect::app {

std::string_view PaContactStatusCode(PaContactStatus s) {
  switch (s) {
    case PaContactStatus::kAsked:
      return "asked";
    case PaContactStatus::kAgreed:
      return "agreed";
    case PaContactStatus::kDeclined:
      return "declined";
  }
  return "asked";
}

std::optional<PaContactStatus> ParsePaContactStatus(std::string_view code) {
  for (auto s : {PaContactStatus::kAsked, PaContactStatus::kAgreed, PaContactStatus::kDeclined})
    if (PaContactStatusCode(s) == code) return s;
  return std::nullopt;
}

bool PersonSideOfPa(const Principal& who, const PersonRecord& person) {
  if (domain::ActsForPerson(who.actor, person.id)) return true;
  using domain::Role;
  const Role r = who.user.role;
  return (r == Role::kPractitioner || r == Role::kApprover) &&
         domain::CanViewPerson(who.actor, {person.id, person.team_id});
}

namespace {

// The view of `c`, with the details only once agreed.
Result<PaContactView> ViewOf(Transaction& tx, const PaContactRecord& c) {
  PaContactView v;
  v.contact = c;
  SD_ASSIGN_OR_RETURN(auto pa, tx.pas().FindProfile(c.pa));
  if (pa) v.pa_first_name = pa->profile.first_name;
  if (c.status != PaContactStatus::kAgreed) return v;
  SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(c.person));
  if (person) v.person_name = person->details.given_name + " " + person->details.family_name;
  if (pa) {
    SD_ASSIGN_OR_RETURN(auto user, tx.users().FindById(pa->user_id));
    if (user) v.pa_email = user->email;
  }
  SD_ASSIGN_OR_RETURN(auto asker, tx.users().FindById(c.asked_by));
  if (asker) v.asker_email = asker->email;
  return v;
}

}  // namespace

Result<PaContactId> PaService::AskToContact(const CallContext& ctx, const Principal& who,
                                            PaProfileId pa, PersonId person,
                                            const std::string& message) {
  if (message.empty() || message.size() > 1000)
    return Error::InvalidArgument(
        "Say what help you are looking for",
        {{"message", "Say what help you are looking for, in up to 1,000 characters"}});
  PaContactId id;
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto record, tx.people().Find(person));
    if (!record || !PersonSideOfPa(who, *record))
      return Error::NotFound("No person with that number");
    SD_ASSIGN_OR_RETURN(auto profile, tx.pas().FindProfile(pa));
    if (!profile || !profile->profile.listed) return Error::NotFound("No PA with that number");
    SD_ASSIGN_OR_RETURN(
        id, tx.pas().InsertContact({PaContactId{}, pa, person, who.user.id, message,
                                    PaContactStatus::kAsked, clock_.Now(), std::nullopt}));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "pa.contact.ask", "person",
                                     person.ToString(), "PA " + pa.ToString()));
  });
  if (!s.ok() && s.error().code == ErrorCode::kNotFound)
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "pa.contact.ask_refused", "person",
                                       person.ToString(), "PA " + pa.ToString()));
  SD_RETURN_IF_ERROR(s);
  return id;
}

Status PaService::Answer(const CallContext& ctx, const Principal& pa, PaContactId id, bool agree) {
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto c, tx.pas().FindContact(id));
    SD_ASSIGN_OR_RETURN(auto mine, tx.pas().ProfileOfUser(pa.user.id));
    if (!c || !mine || c->pa != mine->id) return Error::NotFound("No request with that number");
    SD_RETURN_IF_ERROR(tx.pas().AnswerContact(
        id, agree ? PaContactStatus::kAgreed : PaContactStatus::kDeclined, clock_.Now()));
    return tx.audit().Append(AuditOf(clock_, pa, ctx,
                                     agree ? "pa.contact.agree" : "pa.contact.decline", "person",
                                     c->person.ToString(), "request " + id.ToString()));
  });
  if (!s.ok() && s.error().code == ErrorCode::kNotFound)
    audit_.Record(ctx.council, AuditOf(clock_, pa, ctx, "pa.contact.answer_refused", "pa_contact",
                                       id.ToString(), ""));
  return s;
}

Result<std::vector<PaContactView>> PaService::RequestsToMe(const CallContext& ctx,
                                                           const Principal& pa) {
  std::vector<PaContactView> out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto mine, tx.pas().ProfileOfUser(pa.user.id));
    if (!mine) return OkStatus();
    SD_ASSIGN_OR_RETURN(auto contacts, tx.pas().ContactsOfPa(mine->id));
    for (const auto& c : contacts) {
      SD_ASSIGN_OR_RETURN(auto v, ViewOf(tx, c));
      out.push_back(std::move(v));
    }
    return OkStatus();
  }));
  return out;
}

Result<std::vector<PaContactView>> PaService::RequestsFor(const CallContext& ctx,
                                                          const Principal& who, PersonId person) {
  std::vector<PaContactView> out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto record, tx.people().Find(person));
    if (!record || !domain::CanViewPerson(who.actor, {record->id, record->team_id}))
      return Error::NotFound("No person with that number");
    SD_ASSIGN_OR_RETURN(auto contacts, tx.pas().ContactsOfPerson(person));
    for (const auto& c : contacts) {
      SD_ASSIGN_OR_RETURN(auto v, ViewOf(tx, c));
      out.push_back(std::move(v));
    }
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("pa.contacts.read", read),
                                     "person", person.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

}  // namespace selfdirect::app
