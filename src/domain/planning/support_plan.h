// File: support_plan.h
// The care and support plan (Care Act 2014 s25) and its sign-off, as pure rules.
//
// A plan holds what s25 requires and good practice adds (rules.md 1.5): the needs the assessment
// found and which are eligible, how each will be met; what matters to the person and the outcomes
// they want, in their own words; who helps, paid or not (unpaid carers and community support
// cost nothing); contingency and risk arrangements; information and advice given; how the money
// is managed; the review date; and the costed lines (costing.h). The personal budget (s26) is the
// costed total split into the person's contribution (their weekly charge from the financial
// assessment, never more than the total) and the council's part (the rest).
//
// Status and who may do what (docs/planning.md):
//   draft --submit--> submitted --approve--> approved --revise--> draft (a new version)
//                           \--return (reasons)--> returned --edit--> returned ... --submit-->
// - The person, their representative and practitioners of the person's team edit a draft or a
//   returned plan; every change is a new version and the previous one is kept.
// - Submitting needs every required section (MissingSections).
// - An approver of the person's team approves or returns a submitted plan, never one they wrote
//   or submitted themselves. A plan over the indicative budget by more than the tolerance needs
//   the approver's reason for agreeing a higher budget.
// - An approved plan is never edited: revising starts a new draft version, and the approved
//   version stays the agreed plan until a newer one is approved.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/pence.h"
#include "base/result.h"
#include "domain/accounts/access_policy.h"
#include "domain/planning/costing.h"

namespace selfdirect::domain {

// DO NOT RENAME: stored by name.
enum class PlanStatus { kDraft, kSubmitted, kReturned, kApproved };
std::string_view PlanStatusCode(PlanStatus s);   // "draft", "submitted", "returned", "approved"
std::string_view PlanStatusLabel(PlanStatus s);  // "Draft", "Waiting for approval", ...
std::optional<PlanStatus> ParsePlanStatus(std::string_view code);

struct PlanNeed {
  std::string description;  // The need, as the assessment recorded it.
  bool eligible = true;     // Meets the eligibility criteria (the council must meet it).
  std::string how_met;      // How it will be met (services, a PA, an activity, family).
};

struct PlanHelper {
  std::string who;   // "My daughter", "Men's Shed", "PA (to recruit)".
  std::string help;  // What they do.
  bool paid = false;
};

struct SupportPlanContent {
  std::vector<PlanNeed> needs;
  std::string what_matters;           // In the person's words.
  std::vector<std::string> outcomes;  // In the person's words.
  std::string views;                  // The person's views on the plan, as recorded.
  std::vector<PlanHelper> helpers;
  std::string contingency;  // What happens if support breaks down.
  std::string risks;        // Risks and how they are managed.
  std::string advice;       // Information and advice given (s25(1)(e), (f)).
  ManagedAs managed_as = ManagedAs::kDirectPayment;  // The plan's default for new lines.
  std::optional<Date> review_date;
  bool employment_allowance = true;
  bool payroll_service = false;
  std::vector<PlanLine> lines;
};

// The sections of the plan, in task-list order.
enum class PlanSection { kNeeds, kWhatMatters, kSupport, kHelpers, kContingency, kManagement };
inline constexpr PlanSection kPlanSections[] = {
    PlanSection::kNeeds,   PlanSection::kWhatMatters, PlanSection::kSupport,
    PlanSection::kHelpers, PlanSection::kContingency, PlanSection::kManagement};
std::string_view PlanSectionCode(PlanSection s);  // "needs", "what-matters", ... (URL segments)
std::string_view PlanSectionLabel(PlanSection s);
std::optional<PlanSection> ParsePlanSection(std::string_view code);
bool SectionComplete(const SupportPlanContent& plan, PlanSection s);

// What stops a plan being submitted, as field errors naming each section ("needs", "lines",
// "review_date", ...), in task-list order. Empty when it can be submitted. `today` bounds the
// review date (after today, within 12 months: rules.md 1.9).
std::vector<FieldError> MissingSections(const SupportPlanContent& plan, Date today);

// The personal budget (s26) of a costed plan. Rounding: none; the council's part is the total
// less the person's contribution, which is their weekly charge capped at the total (a person
// never pays more than their support costs). Annual figures: the person's is 52 x weekly charge
// capped at the annual total; the council's is the annual total less it.
struct PersonalBudget {
  Pence weekly_total;
  Pence annual_total;
  Pence person_weekly;
  Pence council_weekly;
  Pence person_annual;
  Pence council_annual;
};
PersonalBudget SplitBudget(Pence weekly_total, Pence annual_total,
                           std::optional<Pence> weekly_charge);

// Facts about a plan that decide who may act on it.
struct PlanFacts {
  PersonAccessFacts person;
  PlanStatus status = PlanStatus::kDraft;
  UserId last_edited_by;  // Of the current version.
  UserId submitted_by;
};

// May `actor` change the plan's contents now? kPermissionDenied for roles that cannot (finance,
// analysts, other teams), kFailedPrecondition for a plan that is submitted or approved.
Status CheckCanEdit(const Actor& actor, const PlanFacts& plan);
// Submit: anyone who may edit, and only a complete plan (`missing` from MissingSections).
Status CheckCanSubmit(const Actor& actor, const PlanFacts& plan,
                      const std::vector<FieldError>& missing);

// An approver's decision.
enum class PlanDecision { kApprove, kReturn };
struct DecisionInput {
  PlanDecision decision = PlanDecision::kApprove;
  std::string reason;  // Required to return, and to approve a budget above tolerance.
};
// Approve or return: an approver of the person's team, not the person who last changed or
// submitted the plan, on a submitted plan; `over_tolerance` from the costing's tolerance check
// (over the indicative budget by more than the tolerance) makes a reason required to approve.
Status CheckDecision(const Actor& actor, const PlanFacts& plan, const DecisionInput& input,
                     bool over_tolerance);

}  // namespace selfdirect::domain
