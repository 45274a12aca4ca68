// File: planning_service.h
// Use cases of the care and support plan: start, change (each change a new version), submit,
// approve or return, start a new version of an agreed plan, read with its history, the
// approvers' queue and the commissioners' dashboard. Rules are in domain/planning/support_plan.h;
// each write and its audit entry share one transaction, reads are audited through the AuditTrail.
#pragma once

#include <optional>
#include <vector>

#include "app/audit_trail.h"
#include "app/people_service.h"
#include "app/planning/support_plan_json.h"
#include "app/repositories.h"

namespace selfdirect::app {

struct PlanView {
  PersonRecord person;
  SupportPlanRecord record;
  domain::SupportPlanContent content;  // Of the current version.
  domain::PlanCost cost;               // Of the current version, on today's rates.
  domain::PersonalBudget budget;       // The current version's total split (s26).
  std::optional<Pence> weekly_charge;  // From the person's current financial assessment.
  // The person's indicative budget in force now: what the plan is compared with. The record's
  // indicative_weekly is the one in force when the plan was last changed (as sent or agreed).
  std::optional<Pence> indicative_now;
  std::vector<FieldError> missing;  // What stops it being submitted.
  bool over_tolerance = false;      // Costs more than the indicative budget plus the tolerance.
  // Why agreeing this version would be refused now (a lower budget with no reassessment since
  // the one in force was agreed), so the approver is told before deciding; "" when it would not.
  std::string cut_refused;
  std::vector<SupportPlanVersion> versions;
  std::vector<SupportPlanEvent> events;
};

struct WaitingPlan {
  SupportPlanRecord plan;
  std::string person_name;
  std::optional<Pence> indicative_now;  // The person's indicative budget in force now.
};

class PlanningService {
 public:
  PlanningService(Store& store, const Clock& clock, AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  // The person's plan that is not agreed yet, or a new one (a first version with the needs the
  // latest completed assessment found left for the planner to describe). The person, their
  // representative or the person's team. Errors: kNotFound, kPermissionDenied.
  Result<PlanView> Start(const CallContext& ctx, const Principal& who, PersonId person);
  // Anyone who may see the person. kNotFound otherwise.
  Result<PlanView> Get(const CallContext& ctx, const Principal& who, SupportPlanId id);
  // Stores `content` as the next version with `note` (what changed). Errors: kPermissionDenied,
  // kFailedPrecondition (submitted or agreed), kInvalidArgument (lines the engine refuses).
  Result<PlanView> Save(const CallContext& ctx, const Principal& who, SupportPlanId id,
                        const domain::SupportPlanContent& content, const std::string& note);
  Result<PlanView> Submit(const CallContext& ctx, const Principal& who, SupportPlanId id);
  // Approve (agreeing the personal budget and recording its spend for the dashboard) or return.
  Result<PlanView> Decide(const CallContext& ctx, const Principal& who, SupportPlanId id,
                          const domain::DecisionInput& input);
  // A new draft version of an agreed plan; the agreed version stays agreed until a newer one is.
  // `why`: why the plan is revised (a review's reason), kept for the change it leads to.
  Result<PlanView> Revise(const CallContext& ctx, const Principal& who, SupportPlanId id,
                          const std::string& why = "");
  // The agreed version of the plan (its contents and cost; the header as it is now), read in one
  // transaction with one audit entry. kNotFound if it has never been agreed.
  Result<PlanView> GetAgreed(const CallContext& ctx, const Principal& who, SupportPlanId id);

  // Plans waiting for approval: approvers see their team's, administrators all.
  Result<std::vector<WaitingPlan>> Waiting(const CallContext& ctx, const Principal& who);
  // The council's support planning policy in force on `day` (its settings, or the shipped
  // policy): what plans are costed with, also by the public costing API for its costing date.
  Result<domain::PlanCostPolicy> PolicyOn(const CallContext& ctx, Date day);
  // Agreed spend totals: analysts (commissioners), approvers, finance and administrators. No
  // personal data.
  Result<SpendSummary> Dashboard(const CallContext& ctx, const Principal& who,
                                 const SpendQuery& query);

 private:
  Status Agree(Transaction& tx, const Principal& who, PlanView& v, const std::string& reason,
               Timestamp now);
  Result<PlanView> Load(Transaction& tx, const Principal& who, SupportPlanId id,
                        std::optional<int64_t> version);
  Result<PlanView> Read(const CallContext& ctx, const Principal& who, SupportPlanId id,
                        bool agreed);
  Result<PlanView> Change(const CallContext& ctx, const Principal& who, SupportPlanId id,
                          const std::function<Status(Transaction&, PlanView&)>& fn);

  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
};

// Who sees the queue of plans waiting for approval (approvers and practitioners their team's,
// administrators the council's), and who sees the agreed-spend dashboard (commissioners, team
// managers, finance, administrators).
bool CanSeePlanQueue(domain::Role role);
bool CanSeeSpendDashboard(domain::Role role);

// The facts of a stored plan that decide who may act on it (domain/planning/support_plan.h).
domain::PlanFacts PlanFactsOf(const SupportPlanRecord& plan);

// The dashboard's cells of one plan's cost: weekly cost by category and management option (the
// plan-wide PA costs go with the plan's PA lines), summing to the plan's weekly total.
std::vector<AgreedPlanSpend::Line> SpendLines(const domain::SupportPlanContent& content,
                                              const domain::PlanCost& cost);

// Marks the plan's current version agreed at `at`: the agreed budget and its split, the return
// category; returns the agreed spend to record in the same transaction (RecordAgreedSpend).
AgreedPlanSpend AgreeCurrentVersion(SupportPlanRecord& plan,
                                    const domain::SupportPlanContent& content,
                                    const domain::PlanCost& cost,
                                    const domain::PersonalBudget& budget, Timestamp at);

}  // namespace selfdirect::app
