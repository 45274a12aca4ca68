// File: front_door_service.h
// The front door (issue 23, deliver 1; docs/front-door.md): anyone may ask the council for help on
// a public form, without signing in; practitioners triage the requests, most urgent first, into
// information and advice, a needs assessment, a carer's assessment, an invitation to self-assess
// online, or passing it on; a person invited to an account sets their own password from a
// one-time link that expires.
//
// Who: anyone submits (throttled per address and council-wide); practitioners and approvers see
// the queue and triage (the record is made in their team). Every read of a request and every
// refusal is audited; every write shares its transaction with its audit entry. Invitation tokens
// are 32 random bytes; only their BLAKE2b hash is stored; each is used once and expires.
//
// Thread-safety: FrontDoorService and ContactThrottle are safe to call from many threads.
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/assessment_service.h"
#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/front_door/front_door_repository.h"
#include "app/people_service.h"

namespace selfdirect::app {

// Counts requests for help per client address, and for the whole council, in fixed windows
// (limits.h). Kept in memory, like SignInThrottle: a restart forgets the counts.
class ContactThrottle {
 public:
  explicit ContactThrottle(const Clock& clock) : clock_(clock) {}
  // Counts a request from `address`; false (and not counted) when the address or the council has
  // sent too many in the current window.
  bool Admit(const std::string& address);

 private:
  struct Window {
    int64_t started_seconds = 0;
    int count = 0;
  };
  const Clock& clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> by_address_;  // Guarded by mutex_.
  Window council_;                                      // Guarded by mutex_.
};

// What a practitioner decides, as typed on the triage form.
struct TriageInput {
  std::string outcome;  // domain::TriageOutcomeCode.
  std::string note;     // What was said or done; required to give information or pass it on.
  // Directory entries given as information and advice: (id, name). Kept with the note.
  std::vector<std::pair<std::string, std::string>> directory;
  // For an outcome that makes a record: the person's details, checked with the person. The date
  // of birth is "YYYY-MM-DD".
  std::string given_name;
  std::string family_name;
  std::string date_of_birth;
  std::string postcode;
  std::string primary_support_reason;
  std::string email;  // The account's email, for an invitation to self-assess.
  // For a carer's assessment: the reference of the person cared for ("SD-000123") and how the
  // carer is related to them.
  std::string cared_for;
  std::string relationship;
};

struct TriageResult {
  ContactRecord contact;
  PersonId person;          // The record made, if one was.
  AssessmentId assessment;  // The assessment started, if one was.
  // An invitation to self-assess: the link's token, shown once to be sent to the person (it is
  // not stored), and when it stops working.
  std::string invitation_token;
  std::optional<Timestamp> invitation_expires;
};

// What the invitation page shows before the password is set.
struct InvitationView {
  std::string display_name;
  std::string email;
  Timestamp expires_at;
};

class FrontDoorService {
 public:
  FrontDoorService(Store& store, const Clock& clock, AuditTrail& audit,
                   AssessmentService& assessments)
      : store_(store), clock_(clock), audit_(audit), assessments_(assessments), throttle_(clock) {}

  // Anyone. kInvalidArgument with field errors (domain::CheckContact); kResourceExhausted when
  // the address or the council has sent too many requests in the last hour. Audited.
  Result<ContactRecord> Submit(const CallContext& ctx, const domain::ContactInput& input);
  // Practitioners and approvers: waiting (most urgent first) or triaged (newest first).
  Result<std::vector<ContactRecord>> Queue(const CallContext& ctx, const Principal& who,
                                           bool triaged);
  Result<int64_t> CountWaiting(const CallContext& ctx, const Principal& who);
  // kNotFound for no such request; kPermissionDenied for other roles. Audited as contact.view.
  Result<ContactRecord> Get(const CallContext& ctx, const Principal& who, ContactId id);
  // Records what triage decided, once (kFailedPrecondition when it was triaged already), making
  // the person's record, starting their assessment or inviting them, as the outcome says.
  // kInvalidArgument with field errors.
  Result<TriageResult> Triage(const CallContext& ctx, const Principal& who, ContactId id,
                              const TriageInput& input);
  // The invitation a link's token opens. kNotFound for an unknown token; kFailedPrecondition
  // when it was used or has expired (the message says which).
  Result<InvitationView> Invitation(const CallContext& ctx, const std::string& token);
  // Sets the invited person's password (twice, the same, 12 characters or more) and spends the
  // link. Errors as Invitation, and kInvalidArgument (fields "password", "confirm"). Slow: hashes.
  Status AcceptInvitation(const CallContext& ctx, const std::string& token,
                          const std::string& password, const std::string& confirm);

 private:
  Status CheckStaff(const CallContext& ctx, const Principal& who, const std::string& action,
                    const std::string& id);
  Result<PersonId> MakeRecord(Transaction& tx, const CallContext& ctx, const Principal& who,
                              const ContactRecord& c, const TriageInput& in);
  Status Invite(Transaction& tx, const Principal& who, PersonId person, TriageResult& out);
  Result<TriageResult> CarersTriage(const CallContext& ctx, const Principal& who,
                                    const ContactRecord& c, const TriageInput& in);
  Result<InvitationRecord> LiveInvitation(Transaction& tx, const std::string& token);

  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
  AssessmentService& assessments_;
  ContactThrottle throttle_;
};

}  // namespace selfdirect::app
