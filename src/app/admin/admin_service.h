// File: admin_service.h
// The council's own administration (issue 23, deliver 5; docs/administration.md): user accounts
// and their roles and teams (invite by a one-time link, suspend, reset by a new link; nobody ever
// sees a password), and the audit log searched and exported for information governance ("who saw
// whose record, when").
//
// Who: administrators only; every read and every change is audited (refusals too). An
// administrator cannot remove the last active administrator, themselves included, nor suspend
// themselves.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "app/admin/admin_repository.h"
#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/front_door/invitations.h"
#include "app/people_service.h"

namespace selfdirect::app {

// Staff roles an administrator may give. Budget holders and representatives come with a person's
// record (triage, a practitioner linking a representative), not from here.
inline constexpr domain::Role kAssignableRoles[] = {
    domain::Role::kPractitioner,    domain::Role::kApprover,
    domain::Role::kFinanceOfficer,  domain::Role::kAnalyst,
    domain::Role::kDirectoryEditor, domain::Role::kEmployerOrganisation,
    domain::Role::kAdministrator};

// An account as typed on the invite or change form.
struct UserInput {
  std::string email;  // Invite only: it cannot be changed afterwards.
  std::string display_name;
  std::string role;  // domain::RoleName.
  std::string team;  // A team's id; required for practitioners and approvers.
};

// A one-time link to set a password, shown once to the administrator to send on.
struct AccountLink {
  UserRecord user;
  std::string token;
  Timestamp expires_at;
};

struct AuditSearchInput {
  std::string actor_email;  // Who did it: an account's email.
  std::string person;       // Whose record: a person's reference, "SD-000123".
  std::string action;       // An action or its start, "person.view" or "person.".
  std::string from;         // YYYY-MM-DD, inclusive.
  std::string until;        // YYYY-MM-DD, inclusive.
  int64_t before_id = 0;    // Paging: older than this entry.
};

struct AuditResults {
  std::vector<AuditEntry> entries;        // Newest first.
  std::map<int64_t, std::string> actors;  // User id -> "Name (email)", for the entries shown.
  bool more = false;                      // Older entries match too.
};

// A questionnaire version as the administration page lists it.
struct QuestionnaireSummary {
  std::string id;
  std::string version;
  std::string title;
  Date effective_from;
  size_t sections = 0;
  size_t questions = 0;
  bool shipped = false;  // Comes with Selfdirect (data/questionnaires), not imported.
};

class AdminService {
 public:
  AdminService(Store& store, const Clock& clock, AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  Result<UserPage> Users(const CallContext& ctx, const Principal& who, const UserQuery& query);
  Result<UserRecord> User(const CallContext& ctx, const Principal& who, UserId id);
  Result<std::vector<Team>> Teams(const CallContext& ctx, const Principal& who);
  // Makes the account with no password and a link to set one. kInvalidArgument with field errors
  // (an email in use, a role that cannot be given, a team missing or unknown).
  Result<AccountLink> Invite(const CallContext& ctx, const Principal& who, const UserInput& in);
  // kFailedPrecondition when it would leave no active administrator.
  Result<UserRecord> Change(const CallContext& ctx, const Principal& who, UserId id,
                            const UserInput& in);
  // Suspending ends the account's sessions at once. kFailedPrecondition for one's own account or
  // the last active administrator.
  Result<UserRecord> Suspend(const CallContext& ctx, const Principal& who, UserId id,
                             bool suspended);
  // The old password stops working, sessions end, earlier links end, and a new link is made.
  Result<AccountLink> Reset(const CallContext& ctx, const Principal& who, UserId id);
  // Every questionnaire version: the shipped ones and the council's imports, by id then date.
  Result<std::vector<QuestionnaireSummary>> Questionnaires(const CallContext& ctx,
                                                           const Principal& who);
  // Checks a FHIR R4 Questionnaire exactly as an import would (ImportQuestionnaire's errors), and
  // stores it unless `check_only`. Audited as questionnaire.import (or .check).
  Result<QuestionnaireSummary> ImportQuestionnaire(const CallContext& ctx, const Principal& who,
                                                   const boost::json::value& fhir, bool check_only);
  // At most `limit` entries (100 on a page, 10,000 for the CSV export). kInvalidArgument with
  // field errors for an unknown email or reference or a bad date.
  Result<AuditResults> SearchAudit(const CallContext& ctx, const Principal& who,
                                   const AuditSearchInput& in, int limit);

 private:
  Status CheckAdmin(const CallContext& ctx, const Principal& who, const std::string& action,
                    const std::string& id);
  Result<AccountLink> NewLink(Transaction& tx, const Principal& who, const UserRecord& user,
                              LinkFor why);
  Result<AuditQuery> QueryOf(Transaction& tx, const AuditSearchInput& in, int limit);
  Status CheckInput(Transaction& tx, const UserInput& in, UserRecord& out);

  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
};

// The audit entries as CSV for information governance: when (UTC), who, action, record, detail,
// client address; cells that a spreadsheet would run as a formula are made plain text.
std::string AuditCsv(const AuditResults& results);

}  // namespace selfdirect::app
