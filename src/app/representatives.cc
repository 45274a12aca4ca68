#include "app/representatives.h"

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
