// File: charging_service.h
// Financial assessment use cases: the public "what will I pay?" calculator (nothing stored), a
// finance officer's assessment of a person with the evidence status of each item, the decision
// the person sees, the council's charging policy, and the yearly re-assessment when the rates
// change each April.
//
// Who may do what (on top of the record rule in domain/accounts/access_policy.h):
//  - Anyone may use the calculator.
//  - Finance officers create, change and complete assessments and run the re-assessment.
//  - Anyone who may see the person sees their completed assessments (the decision); drafts are
//    seen by finance officers and administrators only.
//  - Finance officers and administrators store the council's charging policy.
//  - A person (or their representative) may keep a calculator estimate on their record and
//    remove it; anyone who may see the person sees their kept estimates.
// Every change is audited in its transaction; reads of personal data go to the audit trail.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/charging/charging_json.h"  // The forms the web and the CLI read and write.
#include "app/charging/charging_request.h"
#include "app/people_service.h"

namespace selfdirect::app {

// Evidence for one item of an assessment: "verified" (seen), "declared" (the person's word is
// accepted), "awaited" (asked for; the assessment cannot be completed until it is in).
using EvidenceMap = std::map<std::string, std::string>;
bool IsEvidenceStatus(std::string_view s);
// Whether `key` names an item evidence can be recorded for: "capital", "housing_costs_weekly",
// "disability_related_expenditure_weekly", or "income[N]" with N below `income_items`.
bool IsEvidenceItem(std::string_view key, size_t income_items);

struct FinancialAssessmentView {
  FinancialAssessmentRecord record;
  PersonRecord person;
  ChargingOutcome outcome;  // Worked out again from the stored input, policy and rates.
  EvidenceMap evidence;
  std::string created_by_name;
  std::string completed_by_name;
  bool can_edit = false;  // A draft the caller may change.
};

struct ReassessmentLine {
  PersonId person_id;
  std::string person_name;
  FinancialAssessmentId current_id;
  std::string current_rates;
  Pence current_charge;
  Pence new_charge;
  // Why it changes: the new year's allowances, and each income (uprated, or kept to confirm).
  std::vector<std::string> why;
};

struct Reassessment {
  Date on;
  std::string rates_id;  // The rates in force on `on`.
  int64_t people = 0;    // Current assessments looked at.
  int64_t already_on_these_rates = 0;
  int64_t increase = 0;
  int64_t decrease = 0;
  int64_t unchanged = 0;
  // People with an income kept as it was (not a listed benefit rate): confirm the new amount.
  int64_t income_to_confirm = 0;
  Pence current_weekly_total;  // Of the people re-assessed.
  Pence new_weekly_total;
  std::vector<ReassessmentLine> changes;  // Those whose charge changes, largest change first.
  int64_t applied = 0;                    // New assessments stored (Apply only).
};

// A financial assessment waiting for the finance officer: for evidence, or for a decision.
struct QueuedAssessment {
  FinancialAssessmentRecord record;
  std::string person_name;
  int awaited = 0;           // Evidence items still awaited: 0 means it waits for a decision.
  int64_t days_waiting = 0;  // Since it was started.
};

// What a finance officer adds to one evidence item of a financial assessment: a note, a
// document (a PDF or a photo, domain/charging/evidence_file.h), or both.
struct EvidenceAddition {
  std::string item;  // "capital", "income[0]", "housing_costs_weekly", ...
  std::string note;
  std::string file_name;  // As the browser sent it; empty without a document.
  std::string bytes;      // The document's bytes.
};

// What a person is charged: their assessments the caller may see and their kept estimates.
struct PersonCharges {
  std::vector<FinancialAssessmentRecord> assessments;  // Newest first.
  std::vector<ChargingEstimateRecord> estimates;       // Newest first.
};

// Whether saving an assessment completes it (the person then sees it; it cannot be changed).
enum class Completion { kDraft, kComplete };

// What a finance officer records: the input (with any problems its reader found, reported with
// the rest), the evidence for each item, why the assessment is done, and whether it is complete.
// The request's policy changes apply to the council's policy for this person only (e.g. a MIG
// override).
struct FinancialAssessmentChange {
  ChargingRequest request;
  EvidenceMap evidence;
  std::string reason;
  Completion completion = Completion::kDraft;
};

class ChargingService {
 public:
  ChargingService(Store& store, const Clock& clock, AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  // The council's policy in force on `date`: its latest stored policy from on or before that
  // date, or the shipped default.
  Result<domain::ChargingPolicy> PolicyOn(CouncilId council, Date date);

  // The public calculator: assesses `request` with the council's policy in force on its date;
  // nothing is stored or audited (no personal record is involved). kInvalidArgument with fields.
  Result<ChargingOutcome> Calculate(CouncilId council, ChargingRequest request);

  // A new assessment for a person (kDraft, or completed at once). Errors: kPermissionDenied,
  // kNotFound (person), kInvalidArgument with every field error (input, reason, evidence).
  Result<FinancialAssessmentView> Create(const CallContext& ctx, const Principal& who,
                                         PersonId person, const FinancialAssessmentChange& change);
  // Changes a draft (and completes it with kComplete). kFailedPrecondition when completed.
  Result<FinancialAssessmentView> Update(const CallContext& ctx, const Principal& who,
                                         FinancialAssessmentId id,
                                         const FinancialAssessmentChange& change);
  Result<FinancialAssessmentView> Get(const CallContext& ctx, const Principal& who,
                                      FinancialAssessmentId id);
  // The person's assessments the caller may see, newest first.
  Result<std::vector<FinancialAssessmentRecord>> ForPerson(const CallContext& ctx,
                                                           const Principal& who, PersonId person);

  // Works out everyone's current assessment again with the rates and policy in force on `on`
  // (their circumstances unchanged) and reports who changes. Apply stores a completed
  // assessment dated `on` for each person not already assessed on those rates, replacing their
  // current one, in one transaction.
  Result<Reassessment> PreviewReassessment(const CallContext& ctx, const Principal& who, Date on);
  // Every draft financial assessment, longest waiting first, for finance officers
  // (charging_queue.cc). kPermissionDenied for other roles.
  Result<std::vector<QueuedAssessment>> Queue(const CallContext& ctx, const Principal& who);

  // Evidence notes and documents (evidence_documents.cc), for finance officers only; every add,
  // read and refusal is audited. AddEvidence: kInvalidArgument with field errors "item", "note"
  // or "file" (nothing stored); kNotFound for an unknown assessment.
  Result<EvidenceDocumentRecord> AddEvidence(const CallContext& ctx, const Principal& who,
                                             FinancialAssessmentId id,
                                             const EvidenceAddition& addition);
  // The assessment's notes and documents, oldest first (without their content).
  Result<std::vector<EvidenceDocumentRecord>> Evidence(const CallContext& ctx, const Principal& who,
                                                       FinancialAssessmentId id);
  // One document with its bytes (checked against its SHA-256), to download.
  Result<std::pair<EvidenceDocumentRecord, std::string>> EvidenceFile(const CallContext& ctx,
                                                                      const Principal& who,
                                                                      EvidenceDocumentId id);
  Result<Reassessment> ApplyReassessment(const CallContext& ctx, const Principal& who, Date on);

  // Keeps what the calculator gives for `request` on the person's record, because they chose
  // to: only the person themselves or their representative. The council's policy applies (a
  // request with a policy is a field error). Errors: kPermissionDenied, kNotFound,
  // kInvalidArgument with fields.
  Result<ChargingEstimateRecord> SaveEstimate(const CallContext& ctx, const Principal& who,
                                              PersonId person, const ChargingRequest& request);
  // The person's kept estimates, newest first (anyone who may see the person).
  Result<std::vector<ChargingEstimateRecord>> Estimates(const CallContext& ctx,
                                                        const Principal& who, PersonId person);
  // Removes a kept estimate (the person or their representative); returns whose it was.
  Result<PersonId> RemoveEstimate(const CallContext& ctx, const Principal& who,
                                  ChargingEstimateId id);

  // Stores the council's policy from `from`. kInvalidArgument with fields (a share above 100%,
  // a negative amount, limits the wrong way round, a start in the past, no note);
  // kAlreadyExists if one starts that day.
  Status StorePolicy(const CallContext& ctx, const Principal& who,
                     const domain::ChargingPolicy& policy, Date from, const std::string& note);
  Result<std::vector<StoredChargingPolicy>> Policies(const CallContext& ctx, const Principal& who);

 private:
  // Which of a person's charges to read.
  struct ChargesWanted {
    bool assessments = false;
    bool estimates = false;
  };
  enum class ReassessMode { kPreview, kApply };

  Result<FinancialAssessmentView> Save(const CallContext& ctx, const Principal& who,
                                       std::optional<FinancialAssessmentId> id,
                                       std::optional<PersonId> person,
                                       const FinancialAssessmentChange& change);
  Result<PersonCharges> ReadCharges(const CallContext& ctx, const Principal& who, PersonId person,
                                    ChargesWanted wanted, const char* action);
  Result<Reassessment> Reassess(const CallContext& ctx, const Principal& who, Date on,
                                ReassessMode mode);

  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
};

// The policy in force on `date` among `stored` (oldest first), or the default. kInternal if the
// stored definition does not read.
Result<domain::ChargingPolicy> PolicyFrom(const std::vector<StoredChargingPolicy>& stored,
                                          Date date);
// Works a stored assessment out again. kInternal if the stored input no longer reads.
Result<ChargingOutcome> DeriveStored(const FinancialAssessmentRecord& record,
                                     const domain::ChargingPolicy& council_policy);

}  // namespace selfdirect::app
