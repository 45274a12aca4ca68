// File: representatives.h
// Who acts for a person: representatives' accounts linked to the person's record, each with how
// they are related ("daughter", "deputy appointed by the Court of Protection"). A practitioner
// who may change the person's record adds someone (by the email of their representative's
// account), changes the relationship, or removes them; everyone who may see the record sees the
// list. Every change is audited in its transaction; a refusal is audited too. A removal takes
// effect at the representative's next request.
#pragma once

#include "app/people_service.h"

namespace selfdirect::app {

// Someone invited to act for a person: their account, and the one-time link to set its password
// (empty when they already had a representative's account, which is linked at once).
struct InvitedRepresentative {
  UserRecord user;
  std::string token;
  std::optional<Timestamp> expires_at;
};

class RepresentativeService {
 public:
  RepresentativeService(Store& store, const Clock& clock, AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  // kNotFound when the caller may not see the person.
  Result<std::vector<Representation>> List(const CallContext& ctx, const Principal& who,
                                           PersonId person);
  // kInvalidArgument (fields "email", "relationship") for a missing or unknown account, one that
  // is not a representative's, one already linked, or a relationship empty or over 100
  // characters; kPermissionDenied when the caller may see but not change the record.
  Status Add(const CallContext& ctx, const Principal& who, PersonId person,
             const std::string& email, const std::string& relationship);
  // The person themselves (a budget holder), or a practitioner who may change the record, asks
  // someone to act for the person: a representative's account is made for `email` with a
  // one-time link to set its password (an existing representative's account is linked at once).
  // kInvalidArgument (fields "name", "email", "relationship"), as for Add; an email of an account
  // that is not a representative's is refused. Audited as representative.invite.
  Result<InvitedRepresentative> Invite(const CallContext& ctx, const Principal& who,
                                       PersonId person, const std::string& name,
                                       const std::string& email, const std::string& relationship);
  // kNotFound when the user does not act for the person.
  Status Change(const CallContext& ctx, const Principal& who, PersonId person, UserId user,
                const std::string& relationship);
  Status Remove(const CallContext& ctx, const Principal& who, PersonId person, UserId user);

 private:
  // Runs `change` in a write after checking the caller may change the person's record; audits
  // `action` with `detail`, or `action`_refused.
  Status Write(const CallContext& ctx, const Principal& who, PersonId person,
               const std::string& action, const std::string& detail,
               const std::function<Status(Transaction&)>& change);

  Status NewAccount(Transaction& tx, const Principal& who, InvitedRepresentative& out);

  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
};

}  // namespace selfdirect::app
