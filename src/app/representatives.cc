#include "app/representatives.h"

#include "app/front_door/front_door_repository.h"
#include "app/front_door/invitations.h"
#include "app/passwords.h"
#include "base/limits.h"
#include "base/text.h"
#include "domain/accounts/access_policy.h"

namespace selfdirect::app {
namespace {

Result<std::string> CheckedRelationship(const std::string& typed) {
  std::string relationship(Trim(typed));
  if (relationship.empty())
    return Error::InvalidArgument("Check the relationship",
                                  {{"relationship", "Say how they are related to the person"}});
  if (CodePointCount(relationship) > 100 || !IsCleanUtf8(relationship))
    return Error::InvalidArgument(
        "Check the relationship",
        {{"relationship", "Write the relationship in 100 characters or fewer"}});
  return relationship;
}

// Why `user` cannot be added for `person`, or "" when they can.
Result<std::string> CannotAdd(Transaction& tx, const std::optional<UserRecord>& user,
                              PersonId person) {
  if (!user || user->disabled || user->role != domain::Role::kRepresentative)
    return std::string("There is no representative's account with that email address");
  SD_ASSIGN_OR_RETURN(auto current, tx.users().Representatives(person));
  for (const auto& r : current) {
    if (r.user_id == user->id) return std::string("They already act for this person");
  }
  return std::string();
}

// The fields of an invitation, checked: the name and the address.
std::vector<FieldError> CheckInvite(const std::string& name, const std::string& address) {
  std::vector<FieldError> errors;
  if (name.empty() || CodePointCount(name) > limits::kMaxNameChars)
    errors.push_back({"name", "Enter their name, 100 characters or fewer"});
  const auto at = address.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= address.size() ||
      address.size() > limits::kMaxEmailChars)
    errors.push_back({"email", "Enter an email address like name@example.org"});
  return errors;
}

}  // namespace

Result<std::vector<Representation>> RepresentativeService::List(const CallContext& ctx,
                                                                const Principal& who,
                                                                PersonId person) {
  std::vector<Representation> out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto found, tx.people().Find(person));
    if (!found || !domain::CanViewPerson(who.actor, {person, found->team_id}))
      return Error::NotFound("No person with that reference");
    SD_ASSIGN_OR_RETURN(out, tx.users().Representatives(person));
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("representatives.view", read),
                                     "person", person.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Status RepresentativeService::Write(const CallContext& ctx, const Principal& who, PersonId person,
                                    const std::string& action, const std::string& detail,
                                    const std::function<Status(Transaction&)>& change) {
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(
        PersonToChange(tx, who, person, "Your role cannot change who acts for a person"));
    SD_RETURN_IF_ERROR(change(tx));
    return tx.audit().Append(
        AuditOf(clock_, who, ctx, action, "person", person.ToString(), detail.substr(0, 500)));
  });
  if (!s.ok() &&
      (s.error().code == ErrorCode::kNotFound || s.error().code == ErrorCode::kPermissionDenied))
    audit_.Record(ctx.council,
                  AuditOf(clock_, who, ctx, action + "_refused", "person", person.ToString(), ""));
  return s;
}

Status RepresentativeService::Add(const CallContext& ctx, const Principal& who, PersonId person,
                                  const std::string& email, const std::string& relationship) {
  const std::string address = AsciiLower(Trim(email));
  std::vector<FieldError> errors;
  if (address.empty()) errors.push_back({"email", "Enter the email address of their account"});
  auto related = CheckedRelationship(relationship);
  if (!related.ok()) errors.push_back(related.error().fields.at(0));
  return Write(ctx, who, person, "representative.add",
               address + " (" + (related.ok() ? *related : "") + ")",
               [&](Transaction& tx) -> Status {
                 SD_ASSIGN_OR_RETURN(auto user, tx.users().FindByEmail(address));
                 SD_ASSIGN_OR_RETURN(std::string why, CannotAdd(tx, user, person));
                 if (!address.empty() && !why.empty())
                   errors.insert(errors.begin(), FieldError{"email", why});
                 if (!errors.empty())
                   return Error::InvalidArgument("Check who you are adding", errors);
                 return tx.users().AddRepresentation(user->id, person, *related);
               });
}

// Makes the representative's account with no password yet and a link to set one.
Status RepresentativeService::NewAccount(Transaction& tx, const Principal& who,
                                         InvitedRepresentative& out) {
  const Timestamp now = clock_.Now();
  out.user.role = domain::Role::kRepresentative;
  out.user.password_hash = DummyPasswordHash();  // Matches no password until they set one.
  SD_ASSIGN_OR_RETURN(out.user.id, tx.users().Insert(out.user, now));
  out.user.password_hash.clear();
  SD_ASSIGN_OR_RETURN(auto issued, InviteByEmail(tx, out.user, who.user.id, now));
  out.token = std::move(issued.token);
  out.expires_at = issued.expires_at;
  return OkStatus();
}

Result<InvitedRepresentative> RepresentativeService::Invite(const CallContext& ctx,
                                                            const Principal& who, PersonId person,
                                                            const std::string& name,
                                                            const std::string& email,
                                                            const std::string& relationship) {
  InvitedRepresentative out;
  out.user.display_name = std::string(Trim(name));
  out.user.email = AsciiLower(Trim(email));
  std::vector<FieldError> errors = CheckInvite(out.user.display_name, out.user.email);
  auto related = CheckedRelationship(relationship);
  if (!related.ok()) errors.push_back(related.error().fields.at(0));
  const bool self =
      who.user.role == domain::Role::kBudgetHolder && domain::ActsForPerson(who.actor, person);
  auto change = [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto existing, tx.users().FindByEmail(out.user.email));
    if (existing && existing->role != domain::Role::kRepresentative)
      errors.insert(errors.begin(), {"email", "This email belongs to another kind of account"});
    SD_ASSIGN_OR_RETURN(std::string why, CannotAdd(tx, existing, person));
    if (existing && why == "They already act for this person")
      errors.insert(errors.begin(), {"email", why});
    if (!errors.empty()) return Error::InvalidArgument("Check who you are inviting", errors);
    if (existing)
      out.user = *existing;
    else
      SD_RETURN_IF_ERROR(NewAccount(tx, who, out));
    out.user.password_hash.clear();
    return tx.users().AddRepresentation(out.user.id, person, *related);
  };
  const std::string detail = out.user.email + " (" + (related.ok() ? *related : "") + ")";
  if (!self) {
    SD_RETURN_IF_ERROR(Write(ctx, who, person, "representative.invite", detail, change));
    return out;
  }
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(change(tx));
    return tx.audit().Append(
        AuditOf(clock_, who, ctx, "representative.invite", "person", person.ToString(), detail));
  }));
  return out;
}

Status RepresentativeService::Change(const CallContext& ctx, const Principal& who, PersonId person,
                                     UserId user, const std::string& relationship) {
  SD_ASSIGN_OR_RETURN(std::string related, CheckedRelationship(relationship));
  return Write(
      ctx, who, person, "representative.change", "user " + user.ToString() + " (" + related + ")",
      [&](Transaction& tx) { return tx.users().UpdateRepresentation(user, person, related); });
}

Status RepresentativeService::Remove(const CallContext& ctx, const Principal& who, PersonId person,
                                     UserId user) {
  return Write(ctx, who, person, "representative.remove", "user " + user.ToString(),
               [&](Transaction& tx) { return tx.users().RemoveRepresentation(user, person); });
}

}  // namespace selfdirect::app
