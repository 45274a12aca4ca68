// File: ras_service.h
// Resource allocation use cases: a person's indicative budget and how it was worked out, a
// practitioner's override, the tolerance check for plans, and, for analysts and approvers, the
// allocation tables (draft, simulate, publish) and calibration from costed packages.
//
// Who may do what (on top of the record rule in domain/accounts/access_policy.h):
//  - Anyone who may see the person sees their budget and its explanation.
//  - Practitioners and approvers who work with the person override it, with a reason.
//  - Analysts and approvers (and administrators) see tables, calibrate and simulate; analysts and
//    administrators draft new versions; only approvers publish, and publishing recalculates the
//    current budgets when the version is already in force.
// Every change is audited in its transaction; reads of personal data go to the audit trail.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/people_service.h"
#include "app/ras/allocation_catalog.h"
#include "domain/ras/regression.h"

namespace selfdirect::app {

struct BudgetView {
  AssessmentRecord assessment;
  PersonRecord person;
  IndicativeBudgetRecord budget;
  const domain::AllocationTable* table = nullptr;
  domain::Allocation allocation;  // Derived again from the answers and the stored version.
  bool can_override = false;
  std::string overridden_by_name;
};

struct TableSummary {
  StoredAllocationTable stored;  // definition_json included.
  const domain::AllocationTable* table = nullptr;
  bool in_force = false;  // The version new budgets use today.
};

struct SimulationBucket {
  std::string label;
  int64_t people = 0;
};

struct Simulation {
  const domain::AllocationTable* proposed = nullptr;
  const domain::AllocationTable* current = nullptr;
  TableStatus proposed_status = TableStatus::kDraft;
  int64_t people = 0;
  Pence current_annual;                // Sum over people of the current table's annual amounts.
  Pence proposed_annual;               // The same with the proposed table.
  int64_t tolerance_basis_points = 0;  // The proposed table's.
  int64_t gain_beyond_tolerance = 0;   // People whose budget rises by more than the tolerance.
  int64_t lose_beyond_tolerance = 0;
  int64_t within_tolerance = 0;
  int64_t unchanged = 0;
  Pence largest_gain;                          // Weekly.
  Pence largest_loss;                          // Weekly, as a positive amount.
  std::vector<SimulationBucket> distribution;  // Weekly change, from most lost to most gained.
};

struct CalibrationPoint {
  double x = 0;  // The first predictor (points, where there is such a column).
  double y = 0;  // Weekly cost.
};

struct CalibrationResult {
  CalibrationSample sample;
  domain::Regression regression;
  std::string x_column;                  // The predictor charted.
  std::vector<CalibrationPoint> points;  // At most kMaxChartPoints, evenly spread over the rows.
  std::optional<Pence> price_per_point;
};

// What an analyst may change when drafting from an existing version on a page.
struct DraftChanges {
  std::string effective_from;                   // YYYY-MM-DD.
  std::string price_per_point, floor, ceiling;  // Pounds (price-per-point tables).
  std::string contingency_percent, tolerance_percent;
  std::string note;
};

class RasService {
 public:
  static constexpr size_t kMaxChartPoints = 500;

  RasService(Store& store, const Clock& clock, AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  // kNotFound when there is no budget for the assessment or the caller may not see the person.
  Result<BudgetView> Budget(const CallContext& ctx, const Principal& who, AssessmentId id);
  // The person's budgets, newest first (for their page).
  Result<std::vector<IndicativeBudgetRecord>> ForPerson(const CallContext& ctx,
                                                        const Principal& who, PersonId person);
  // Sets the weekly amount (pounds text) with a reason, or clears the override (still with a
  // reason). Field errors: "amount", "reason".
  enum class OverrideAction { kSet, kClear };
  Result<IndicativeBudgetRecord> Override(const CallContext& ctx, const Principal& who,
                                          AssessmentId id, const std::string& amount,
                                          const std::string& reason, OverrideAction action);
  // Whether a plan costing `plan_weekly` needs an approver (the table's tolerance).
  Result<domain::ToleranceCheck> CheckPlanCost(const CallContext& ctx, const Principal& who,
                                               AssessmentId id, Pence plan_weekly);

  Result<std::vector<TableSummary>> Tables(const CallContext& ctx, const Principal& who);
  Result<TableSummary> Table(const CallContext& ctx, const Principal& who, const std::string& id,
                             int64_t version);
  // Stores a new draft version from a table definition; its version is the next free number
  // (the definition's own version is replaced). Checked against its questionnaire.
  Result<StoredAllocationTable> CreateDraft(const CallContext& ctx, const Principal& who,
                                            domain::AllocationTable table, const std::string& note);
  // A new draft that copies version `version` of `id` with the page's changes.
  Result<StoredAllocationTable> DraftFrom(const CallContext& ctx, const Principal& who,
                                          const std::string& id, int64_t version,
                                          const DraftChanges& changes);
  // Approvers only. Returns how many budgets were recalculated.
  Result<int64_t> Publish(const CallContext& ctx, const Principal& who, const std::string& id,
                          int64_t version);
  Result<Simulation> Simulate(const CallContext& ctx, const Principal& who, const std::string& id,
                              int64_t version);

  Result<std::vector<CalibrationSample>> Samples(const CallContext& ctx, const Principal& who);
  // Checks the CSV can be fitted (errors name the row and column) and stores it.
  Result<CalibrationSampleId> AddSample(const CallContext& ctx, const Principal& who,
                                        const std::string& name, const std::string& csv);
  Result<CalibrationResult> Calibrate(const CallContext& ctx, const Principal& who,
                                      CalibrationSampleId sample_id);

 private:
  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
};

// Whether the role may see allocation tables and calibration (analysts, approvers, admins).
bool CanSeeAllocationTables(domain::Role role);
bool CanDraftAllocationTables(domain::Role role);

}  // namespace selfdirect::app
