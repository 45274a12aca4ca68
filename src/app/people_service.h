// File: people_service.h
// Use cases on person records: search, view, create. Each checks the caller's role and
// relationship (domain/accounts/access_policy.h) and audits the access: a create's entry is
// written in the same transaction as the record; reads and searches go to the AuditTrail, which
// group-commits them within milliseconds. Errors map to statuses in the web layer.
#pragma once

#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/repositories.h"
#include "domain/reviews/review_schedule.h"

namespace selfdirect::app {

struct CallContext {
  CouncilId council;
  std::string client_address;
};

// The audit entry for `who` doing `action` on a record of `type` (id, detail) now.
inline AuditEntry AuditOf(const Clock& clock, const Principal& who, const CallContext& ctx,
                          std::string action, std::string type, std::string id,
                          std::string detail) {
  return AuditEntry{clock.Now(),   who.user.id,       std::move(action), std::move(type),
                    std::move(id), std::move(detail), ctx.client_address};
}

// The action audited for a read of personal data that ended with `read`: `action` when it
// succeeded, `action` + "_refused" when the caller may not see the record or it does not exist
// (the caller is told the same for both, on purpose), `action` + "_failed" otherwise. Every
// refused read is audited, as every read is.
inline std::string ReadAction(const std::string& action, const Status& read) {
  if (read.ok()) return action;
  const ErrorCode code = read.error().code;
  return action + (code == ErrorCode::kNotFound || code == ErrorCode::kPermissionDenied
                       ? "_refused"
                       : "_failed");
}

// The record of `person` for `who` to read: kNotFound when they may not see it (or there is none).
Result<PersonRecord> PersonToRead(Transaction& tx, const Principal& who, PersonId person);

// The record of `person` for `who` to change: kNotFound when they may not see it (or there is
// none), kPermissionDenied (with `denied`) when they may see but not change it.
Result<PersonRecord> PersonToChange(Transaction& tx, const Principal& who, PersonId person,
                                    const std::string& denied);

// A carer link as a person's page shows it: the other person's record, and whether the caller
// may open it.
struct LinkedPerson {
  CarerLink link;
  PersonRecord person;  // The other one: the carer, or the person cared for.
  bool visible = false;
};

// What the person page shows, from one read.
struct PersonFile {
  PersonRecord person;
  std::vector<AssessmentRecord> assessments;       // Newest first.
  std::optional<IndicativeBudgetRecord> budget;    // The newest assessment's.
  std::vector<FinancialAssessmentRecord> charges;  // Newest first.
  std::vector<ChargingEstimateRecord> estimates;   // Newest first.
  std::vector<SupportPlanRecord> plans;            // Newest first.
  std::vector<domain::AccountBalanceRow> money;    // The person's ledger balances.
  std::optional<ReviewScheduleRow> review;         // What schedules their next review.
  domain::ReviewPolicy review_policy;  // The council's in force today, read with `review`.
  std::vector<PaymentAgreementRecord> agreements;  // Newest first.
  std::vector<LinkedPerson> carers;                // People who care for this person.
  std::vector<LinkedPerson> cares_for;             // People this person cares for.
  std::vector<Representation> representatives;     // Who acts for this person.
  int64_t page_version = 0;  // PeopleRepository::PageVersion, read first in the same transaction.
  // Set when File was given the version a page was rendered at and the version is unchanged:
  // only `page_version` was read.
  bool unchanged = false;
};

class PeopleService {
 public:
  PeopleService(Store& store, const Clock& clock, AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  // One page of the people the caller may see. Practitioners and approvers see their team only.
  // Errors: kPermissionDenied for roles that cannot list people; kInvalidArgument for paging or
  // search text out of bounds (field errors "page", "page_size", "q").
  Result<PeoplePage> Search(const CallContext& ctx, const Principal& who, const std::string& q,
                            int page, int page_size);

  // The person, if the caller may see them. kNotFound both when there is no such person and when
  // the caller has no relationship with them, so ids cannot be probed; refusals are audited.
  Result<PersonRecord> Get(const CallContext& ctx, const Principal& who, PersonId id);

  // Everything the person page shows, read in one transaction with one audit entry
  // ("person.view"): the person, their needs assessments, the newest indicative budget, their
  // financial assessments (drafts only for roles that see them) and the estimates they kept.
  // Errors as Get.
  Result<PersonFile> File(const CallContext& ctx, const Principal& who, PersonId id);
  // A person page rendered before: the version it was rendered at and the person's team then.
  struct KeptPage {
    int64_t version = 0;
    TeamId team_id;
  };
  // As File, but when the page's version (PeopleRepository::PageVersion) is still `kept`'s,
  // nothing else is read (the team cannot have changed without the version moving on) and the
  // file says `unchanged`, with only `page_version` set: the caller shows again the page it
  // rendered at that version. Checked and audited exactly as File (a page shown again is a view).
  Result<PersonFile> File(const CallContext& ctx, const Principal& who, PersonId id,
                          std::optional<KeptPage> kept);

  // Replaces the person's details (name, date of birth, contact details, how they want to be
  // contacted, and the rest of the record) and clears "details to confirm". Needs a working
  // relationship (CanEditPerson). Errors: as Get; kPermissionDenied for roles that may only see
  // the record; kInvalidArgument with field errors. Audited with the names of changed fields.
  Result<PersonRecord> Update(const CallContext& ctx, const Principal& who, PersonId id,
                              const domain::PersonInput& input);

  // Validates and stores a new person in the caller's team (or `team_id` for administrators).
  // Errors: kPermissionDenied; kInvalidArgument with field errors.
  Result<PersonRecord> Create(const CallContext& ctx, const Principal& who,
                              const domain::PersonInput& input, std::optional<TeamId> team_id);

 private:
  // Everything but the person and the version, for File.
  Status ReadFile(Transaction& tx, const Principal& who, PersonId id, PersonFile& file);
  // Records a view of `id` ("person.view", or "_refused" / "_missing") and turns a refusal into
  // kNotFound, so ids cannot be probed.
  Status AuditView(const CallContext& ctx, const Principal& who, PersonId id, bool found,
                   bool refused, Timestamp now);

  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
};

}  // namespace selfdirect::app
