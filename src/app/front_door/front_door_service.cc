// File: front_door_service.cc
// Asking for help, triage and invitations (front_door_service.h).
#include "app/front_door/front_door_service.h"

#include <algorithm>

#include "app/front_door/invitations.h"
#include "app/password_policy.h"
#include "app/passwords.h"
#include "base/limits.h"
#include "base/text.h"

namespace selfdirect::app {
namespace {

using domain::Role;
using domain::TriageOutcome;

bool Staff(const Principal& who) {
  return who.user.role == Role::kPractitioner || who.user.role == Role::kApprover;
}

// The person's record as triage makes it: the details checked with the person, and how to reach
// them from the request.
domain::PersonInput RecordInput(const ContactRecord& c, const TriageInput& in) {
  domain::PersonInput p;
  p.given_name = in.given_name;
  p.family_name = in.family_name;
  p.date_of_birth = in.date_of_birth;
  p.postcode = in.postcode;
  p.primary_support_reason = in.primary_support_reason;
  p.address = c.request.address;
  p.telephone = c.request.telephone;
  p.email = Trim(in.email).empty() ? c.request.email : std::string(Trim(in.email));
  return p;
}

std::string CheckedNote(const TriageInput& in, TriageOutcome outcome,
                        std::vector<FieldError>& errors) {
  std::string note(Trim(in.note));
  if (!in.directory.empty()) {
    if (!note.empty()) note += "\n\n";
    note += "From the directory:";
    for (const auto& [id, name] : in.directory)
      note += "\n- " + name + " (/directory/services/" + id + ")";
  }
  if (note.empty() &&
      (outcome == TriageOutcome::kInformation || outcome == TriageOutcome::kPassedOn)) {
    errors.push_back({"note", outcome == TriageOutcome::kPassedOn
                                  ? "Say which team or organisation it was passed to"
                                  : "Say what information and advice was given"});
  }
  if (CodePointCount(in.note) > 2000) errors.push_back({"note", "Use 2,000 characters or fewer"});
  return note;
}

}  // namespace

bool ContactThrottle::Admit(const std::string& address) {
  const int64_t now = clock_.Now().seconds();
  std::lock_guard lock(mutex_);
  auto fresh = [&](Window& w) {
    if (now - w.started_seconds >= limits::kContactWindowSeconds) w = Window{now, 0};
  };
  fresh(council_);
  if (by_address_.size() >= limits::kMaxThrottleEntries) {
    std::erase_if(by_address_, [&](const auto& kv) {
      return now - kv.second.started_seconds >= limits::kContactWindowSeconds;
    });
    if (by_address_.size() >= limits::kMaxThrottleEntries) by_address_.clear();
  }
  Window& mine = by_address_[address];
  fresh(mine);
  if (mine.count >= limits::kContactsPerAddress || council_.count >= limits::kContactsPerCouncil)
    return false;
  ++mine.count;
  ++council_.count;
  return true;
}

Result<ContactRecord> FrontDoorService::Submit(const CallContext& ctx,
                                               const domain::ContactInput& input) {
  const Timestamp now = clock_.Now();
  SD_ASSIGN_OR_RETURN(domain::ContactRequest request,
                      domain::CheckContact(input, now.LondonDate()));
  if (!throttle_.Admit(ctx.client_address)) {
    audit_.Record(ctx.council, AuditEntry{now, UserId{}, "contact.create_refused", "contact", "",
                                          "too many requests", ctx.client_address});
    return Error::ResourceExhausted(
        "We have had too many requests from your connection. Try again in an hour, or phone us.");
  }
  ContactRecord c;
  c.received_at = now;
  c.request = std::move(request);
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(c.id, tx.front_door().InsertContact(c));
    return tx.audit().Append(AuditEntry{now, UserId{}, "contact.create", "contact", c.id.ToString(),
                                        c.request.at_risk ? "at risk" : "", ctx.client_address});
  }));
  return c;
}

Status FrontDoorService::CheckStaff(const CallContext& ctx, const Principal& who,
                                    const std::string& action, const std::string& id) {
  if (Staff(who)) return OkStatus();
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, action + "_refused", "contact", id, ""));
  return Error::PermissionDenied("Only practitioners and team managers see requests for help");
}

Result<std::vector<ContactRecord>> FrontDoorService::Queue(const CallContext& ctx,
                                                           const Principal& who, bool triaged) {
  SD_RETURN_IF_ERROR(CheckStaff(ctx, who, "contacts.list", ""));
  std::vector<ContactRecord> out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(out, tx.front_door().Contacts(triaged, limits::kMaxContactsShown));
    return OkStatus();
  }));
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "contacts.list", "contact", "",
                                     triaged ? "triaged" : "waiting"));
  return out;
}

Result<int64_t> FrontDoorService::CountWaiting(const CallContext& ctx, const Principal& who) {
  if (!Staff(who)) return Error::PermissionDenied("Only practitioners see requests for help");
  int64_t n = 0;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(n, tx.front_door().CountWaiting());
    return OkStatus();
  }));
  return n;
}

Result<ContactRecord> FrontDoorService::Get(const CallContext& ctx, const Principal& who,
                                            ContactId id) {
  SD_RETURN_IF_ERROR(CheckStaff(ctx, who, "contact.view", id.ToString()));
  std::optional<ContactRecord> c;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(c, tx.front_door().FindContact(id));
    if (!c) return Error::NotFound("No request for help with that reference");
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("contact.view", read), "contact",
                                     id.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return *c;
}

Result<PersonId> FrontDoorService::MakeRecord(Transaction& tx, const CallContext& ctx,
                                              const Principal& who, const ContactRecord& c,
                                              const TriageInput& in) {
  const Timestamp now = clock_.Now();
  SD_ASSIGN_OR_RETURN(domain::PersonDetails details,
                      domain::ValidatePerson(RecordInput(c, in), now.LondonDate()));
  SD_ASSIGN_OR_RETURN(PersonId id, tx.people().Insert(details, who.actor.team_id, now));
  SD_RETURN_IF_ERROR(tx.audit().Append(AuditOf(clock_, who, ctx, "person.create", "person",
                                               id.ToString(), "from request " + c.id.ToString())));
  return id;
}

// A budget holder's account for the new record, with no password yet, and an invitation to set
// one. The account's email must be free.
Status FrontDoorService::Invite(Transaction& tx, const Principal& who, PersonId person,
                                TriageResult& out) {
  const Timestamp now = clock_.Now();
  SD_ASSIGN_OR_RETURN(auto found, tx.people().Find(person));
  const std::string email = found ? found->details.email : "";
  if (email.empty()) {
    return Error::InvalidArgument("Check the account",
                                  {{"email", "Enter the person's email address, to invite them"}});
  }
  SD_ASSIGN_OR_RETURN(auto taken, tx.users().FindByEmail(email));
  if (taken) {
    return Error::InvalidArgument("Check the account",
                                  {{"email",
                                    "An account already uses this email address: choose "
                                    "another outcome, or ask the person for another address"}});
  }
  UserRecord user;
  user.email = email;
  user.display_name = found->details.given_name + " " + found->details.family_name;
  user.role = Role::kBudgetHolder;
  user.person_id = person;
  user.password_hash = DummyPasswordHash();  // Matches no password until the person sets one.
  SD_ASSIGN_OR_RETURN(user.id, tx.users().Insert(user, now));
  SD_ASSIGN_OR_RETURN(auto link, InviteByEmail(tx, user, who.user.id, now));
  out.invitation_token = std::move(link.token);
  out.invitation_expires = link.expires_at;
  return tx.audit().Append(AuditEntry{now, who.user.id, "invitation.create", "user",
                                      user.id.ToString(), "person " + person.ToString(), ""});
}

// A carer's assessment: the carer's record is made (or found) and linked to the record of the
// person they care for, which must exist, then the contact is closed with it.
Result<TriageResult> FrontDoorService::CarersTriage(const CallContext& ctx, const Principal& who,
                                                    const ContactRecord& c, const TriageInput& in) {
  const auto cared_for = domain::ParsePersonReference(in.cared_for);
  if (!cared_for) {
    return Error::InvalidArgument("Check the triage",
                                  {{"cared_for",
                                    "Enter the reference of the person cared for, like "
                                    "SD-000123. If they have no record, start a needs "
                                    "assessment for them first"}});
  }
  CarersAssessmentRequest request{*cared_for, PersonId{}, RecordInput(c, in), in.relationship};
  auto started = assessments_.StartCarers(ctx, who, request);
  if (!started.ok() && started.error().code == ErrorCode::kNotFound) {
    return Error::InvalidArgument("Check the triage",
                                  {{"cared_for", "No record with that reference in your team"}});
  }
  if (!started.ok()) return started.error();
  TriageResult out;
  out.person = started->person_id;
  out.assessment = started->id;
  const Timestamp now = clock_.Now();
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(tx.front_door().Triage(c.id, TriageOutcome::kCarersAssessment,
                                              std::string(Trim(in.note)), out.person, who.user.id,
                                              now));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "contact.triage", "contact", c.id.ToString(),
                                     "carers_assessment; person " + out.person.ToString()));
  }));
  return out;
}

Result<TriageResult> FrontDoorService::Triage(const CallContext& ctx, const Principal& who,
                                              ContactId id, const TriageInput& in) {
  SD_ASSIGN_OR_RETURN(ContactRecord c, Get(ctx, who, id));
  if (c.outcome) return Error::FailedPrecondition("This request has already been triaged");
  std::vector<FieldError> errors;
  auto outcome = domain::ParseTriageOutcome(in.outcome);
  if (!outcome) errors.push_back({"outcome", "Choose what happens next"});
  const std::string note =
      CheckedNote(in, outcome.value_or(TriageOutcome::kNeedsAssessment), errors);
  if (!errors.empty()) return Error::InvalidArgument("Check the triage", std::move(errors));
  if (*outcome == TriageOutcome::kCarersAssessment) {
    SD_ASSIGN_OR_RETURN(TriageResult out, CarersTriage(ctx, who, c, in));
    SD_ASSIGN_OR_RETURN(out.contact, Get(ctx, who, id));
    return out;
  }
  TriageResult out;
  const Timestamp now = clock_.Now();
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    if (domain::MakesRecord(*outcome)) {
      SD_ASSIGN_OR_RETURN(out.person, MakeRecord(tx, ctx, who, c, in));
    }
    if (*outcome == TriageOutcome::kSelfAssessment)
      SD_RETURN_IF_ERROR(Invite(tx, who, out.person, out));
    SD_RETURN_IF_ERROR(tx.front_door().Triage(id, *outcome, note, out.person, who.user.id, now));
    std::string detail(domain::TriageOutcomeCode(*outcome));
    if (out.person.valid()) detail += "; person " + out.person.ToString();
    return tx.audit().Append(
        AuditOf(clock_, who, ctx, "contact.triage", "contact", id.ToString(), detail));
  }));
  if (*outcome == TriageOutcome::kNeedsAssessment) {
    // A separate write: the record stands even if the assessment cannot start (the person page
    // then offers to start it).
    auto started = assessments_.Start(ctx, who, out.person, domain::AssessmentKind::kAdult);
    if (started.ok()) out.assessment = started->id;
  }
  c.outcome = outcome;
  c.outcome_note = note;
  c.person = out.person;
  c.triaged_by = who.user.id;
  c.triaged_at = now;
  out.contact = std::move(c);
  return out;
}

Result<InvitationRecord> FrontDoorService::LiveInvitation(Transaction& tx,
                                                          const std::string& token) {
  if (token.size() != 43) return Error::NotFound("This link is not valid");
  SD_ASSIGN_OR_RETURN(auto inv, tx.front_door().FindInvitation(TokenHash(token)));
  if (!inv) return Error::NotFound("This link is not valid");
  if (inv->used_at) {
    return Error::FailedPrecondition(
        "This link has already been used, or a newer one was sent. Use the newest link we sent "
        "you, sign in with the password you set, or ask the council for a new link.");
  }
  if (clock_.Now() >= inv->expires_at) {
    return Error::FailedPrecondition("This link has expired. Ask the council for a new link.");
  }
  return *inv;
}

Result<InvitationView> FrontDoorService::Invitation(const CallContext& ctx,
                                                    const std::string& token) {
  InvitationView view;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(InvitationRecord inv, LiveInvitation(tx, token));
    SD_ASSIGN_OR_RETURN(auto user, tx.users().FindById(inv.user));
    if (!user || user->disabled) return Error::NotFound("This link is not valid");
    view = InvitationView{user->display_name, user->email, inv.expires_at};
    return OkStatus();
  }));
  return view;
}

Status FrontDoorService::AcceptInvitation(const CallContext& ctx, const std::string& token,
                                          const std::string& password, const std::string& confirm) {
  // The link's own problem comes first.
  auto live = Invitation(ctx, token);
  if (!live.ok()) return live.error();
  std::vector<FieldError> errors;
  if (std::string problem = PasswordProblem(password, live->email, live->display_name);
      !problem.empty())
    errors.push_back({"password", std::move(problem)});
  else if (confirm != password)
    errors.push_back({"confirm", "Enter the same password twice"});
  if (!errors.empty()) return Error::InvalidArgument("Check the password", std::move(errors));
  SD_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  const Timestamp now = clock_.Now();
  return store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(InvitationRecord inv, LiveInvitation(tx, token));
    SD_ASSIGN_OR_RETURN(bool used, tx.front_door().UseInvitation(inv.id, now));
    if (!used) return Error::FailedPrecondition("This link has already been used.");
    // Any other live link to the account (an emailed copy) ends with this one.
    SD_RETURN_IF_ERROR(tx.front_door().RetireInvitations(inv.user, now));
    SD_RETURN_IF_ERROR(tx.users().SetPassword(inv.user, hash));
    return tx.audit().Append(AuditEntry{now, inv.user, "invitation.accept", "user",
                                        inv.user.ToString(), "", ctx.client_address});
  });
}

}  // namespace selfdirect::app
