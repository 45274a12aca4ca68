// File: charging_repositories.h
// Financial assessments, charging policies and kept estimates as stored. The storage port,
// implemented in src/storage; see app/repositories.h for tenancy and transactions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/date.h"
#include "base/pence.h"
#include "base/result.h"
#include "base/strong_id.h"

namespace selfdirect::app {

// A financial assessment (charging): the input it was worked out from, with the council policy
// used, and the evidence status of each item. A draft can be changed; a completed one never is:
// a re-assessment is a new record that replaces it.
enum class FinancialAssessmentStatus { kDraft, kCompleted };

struct FinancialAssessmentRecord {
  FinancialAssessmentId id;
  PersonId person_id;
  FinancialAssessmentStatus status = FinancialAssessmentStatus::kDraft;
  Date assessment_date;
  std::string input_json;     // app/charging/charging_json.h input, "policy" included.
  std::string evidence_json;  // {"income[0]": "seen" | "requested" | "not_needed", ...}
  std::string reason;         // Why it was done ("First assessment", "Yearly rates change").
  std::string rates_id;       // The reference data used.
  Pence weekly_charge;
  Pence weekly_cost;
  bool full_cost = false;
  std::optional<FinancialAssessmentId> replaces;  // The completed assessment this one replaces.
  UserId created_by;
  Timestamp created_at;
  UserId completed_by;
  std::optional<Timestamp> completed_at;
};

class FinancialAssessmentRepository {
 public:
  virtual ~FinancialAssessmentRepository() = default;
  virtual Result<FinancialAssessmentId> Insert(const FinancialAssessmentRecord& a) = 0;
  // Replaces a draft's input, evidence, figures and status (draft to completed with
  // completed_by/at). kFailedPrecondition if it is completed already, kNotFound if unknown.
  virtual Status UpdateDraft(const FinancialAssessmentRecord& a) = 0;
  virtual Result<std::optional<FinancialAssessmentRecord>> Find(FinancialAssessmentId id) = 0;
  // The person's assessments, newest first.
  virtual Result<std::vector<FinancialAssessmentRecord>> ForPerson(PersonId person) = 0;
  // Each person's current assessment: their latest completed one (by date, then id).
  virtual Result<std::vector<FinancialAssessmentRecord>> Current() = 0;
  // Every draft (waiting for evidence or a decision), longest waiting first.
  virtual Result<std::vector<FinancialAssessmentRecord>> Drafts() = 0;
};

struct StoredChargingPolicy {
  Date effective_from;
  std::string definition_json;
  std::string note;
  UserId created_by;
  Timestamp created_at;
};

class ChargingPolicyRepository {
 public:
  virtual ~ChargingPolicyRepository() = default;
  // kAlreadyExists if the council has a policy from that date.
  virtual Status Insert(const StoredChargingPolicy& p) = 0;
  // Oldest first.
  virtual Result<std::vector<StoredChargingPolicy>> List() = 0;
};

// What a person worked out with the public calculator and chose to keep on their record. Their
// own figure, not the council's decision; they can remove it.
struct ChargingEstimateRecord {
  ChargingEstimateId id;
  PersonId person_id;
  std::string input_json;  // app/charging/charging_json.h input (no policy: the council's applies).
  std::string rates_id;
  Pence weekly_charge;
  Pence weekly_cost;
  bool full_cost = false;
  UserId created_by;
  Timestamp created_at;
};

class ChargingEstimateRepository {
 public:
  virtual ~ChargingEstimateRepository() = default;
  virtual Result<ChargingEstimateId> Insert(const ChargingEstimateRecord& e) = 0;
  virtual Result<std::optional<ChargingEstimateRecord>> Find(ChargingEstimateId id) = 0;
  // The person's estimates, newest first.
  virtual Result<std::vector<ChargingEstimateRecord>> ForPerson(PersonId person) = 0;
  // kNotFound if the council has no such estimate.
  virtual Status Delete(ChargingEstimateId id) = 0;
};

// A finance officer's note, with any document, for one evidence item of a financial assessment
// ("capital", "income[0]"). Never changed once added (domain/charging/evidence_file.h).
struct EvidenceDocumentRecord {
  EvidenceDocumentId id;
  FinancialAssessmentId financial_assessment_id;
  std::string item;
  std::string note;
  std::string file_name;   // Empty without a document.
  std::string media_type;  // "application/pdf", "image/jpeg", "image/png".
  int64_t size_bytes = 0;
  std::string sha256;          // Hex, of the document's bytes.
  std::string content_base64;  // Only from Find: lists leave it empty.
  UserId added_by;
  Timestamp added_at;
};

class EvidenceDocumentRepository {
 public:
  virtual ~EvidenceDocumentRepository() = default;
  virtual Result<EvidenceDocumentId> Insert(const EvidenceDocumentRecord& d) = 0;
  // With its content; nullopt if the council has no such document.
  virtual Result<std::optional<EvidenceDocumentRecord>> Find(EvidenceDocumentId id) = 0;
  // The assessment's notes and documents, oldest first, without their content.
  virtual Result<std::vector<EvidenceDocumentRecord>> ForAssessment(FinancialAssessmentId id) = 0;
};

}  // namespace selfdirect::app
