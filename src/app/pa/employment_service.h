// File: employment_service.h
// Use cases of employing a PA (issue 21): an engagement in one of three employer modes with its
// contract terms and the employer's checklist; the PA's weekly timesheets, approved or queried by
// the employer (the person, their representative, or the organisation); pay runs that pay the
// approved hours by the payroll engine (domain/payroll) and post each payslip to the ledger from
// the budget account that funds the engagement; the payday check that warns before a PA goes
// unpaid. Every read of an engagement or payslip and every refusal is audited; writes share a
// transaction with their audit entry. Refusals of records the caller may not see read as "not
// found".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/pa/employment_repository.h"
#include "app/people_service.h"
#include "app/repositories.h"
#include "domain/payroll/holiday.h"

namespace selfdirect::app {

// What the person's side (or a practitioner) enters to employ a PA.
struct EngagementInput {
  PersonId person;
  PaProfileId pa;
  domain::payroll::EngagementTerms terms;
  std::string organisation_email;  // Modes b (optional) and c: the organisation's account.
  domain::BudgetAccountKind funded_from = domain::BudgetAccountKind::kDirectPayment;
  std::string plan_line;
  domain::payroll::EmployerChecklist checklist;
};

// What the caller may do with an engagement.
struct EngagementRights {
  bool employer = false;      // Approve timesheets.
  bool payroll = false;       // Keep the employer's checklist and run pay (MayRunPay).
  bool organisation = false;  // The organisation named on the engagement (modes b and c).
  bool pa = false;            // Submit timesheets.
};

struct EngagementView {
  EngagementRecord record;
  EngagementRights rights;
  std::string pa_name, person_name, person_ref, employer_name;
  PaChecks pa_checks;  // The PA's own checks and when they run out.
  std::vector<domain::payroll::ChecklistItem> checklist;  // Every item, with its problem.
  bool checklist_complete = false;
  std::vector<TimesheetRecord> timesheets;  // Newest week first.
  std::vector<PayslipRecord> payslips;      // Newest first.
  Date next_payday;
  domain::payroll::PaydayAlert payday;  // For the next payday's estimated pay.
  domain::payroll::PaydayFunds funds;
  std::optional<domain::payroll::HolidayBalance> holiday;  // This leave year, to today.
};

struct PayslipView {
  PayslipRecord slip;
  EngagementRecord engagement;
  std::string pa_name, person_name, person_ref, employer_name;
};

struct PayRunOutcome {
  PaPayRunId run;
  std::vector<PayslipId> payslips;
  domain::payroll::PayRun totals;
};

// A payday told about, for the finance officers' list.
struct PaydayAlertView {
  PaydayAlertRecord alert;
  std::string person_ref, pa_name;
};

// The next payday of an engagement after `last_paid` (or its first, counted from the start).
Date NextPayday(const domain::payroll::EngagementTerms& t, std::optional<Date> last_paid);

class EmploymentService {
 public:
  EmploymentService(Store& store, const Clock& clock, AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  // The person, their representative, or a practitioner who may see them employs a PA who agreed
  // to be contacted for the person. kInvalidArgument with field messages.
  Result<EngagementId> Engage(const CallContext& ctx, const Principal& who,
                              const EngagementInput& in);
  Result<EngagementView> Engagement(const CallContext& ctx, const Principal& who, EngagementId id);
  // The engagements the caller may see: a PA's own, a person's (or those they represent), an
  // organisation's. Audited.
  Result<std::vector<EngagementView>> MyEngagements(const CallContext& ctx, const Principal& who);
  // A person's engagements, for those who may see the person.
  Result<std::vector<EngagementView>> EngagementsOf(const CallContext& ctx, const Principal& who,
                                                    PersonId person);
  Status UpdateChecklist(const CallContext& ctx, const Principal& who, EngagementId id,
                         const domain::payroll::EmployerChecklist& c);
  // The employer who runs pay ends the employment on `leaving`, the PA's last working day: no
  // more hours are sent or paid. Refused (kFailedPrecondition) while a week sent is neither paid
  // nor queried; kInvalidArgument on "leaving_date" before the start or a day paid, or after today.
  Status EndEngagement(const CallContext& ctx, const Principal& who, EngagementId id, Date leaving);
  // The PA submits a week. kInvalidArgument naming the field; kAlreadyExists for a week sent.
  Result<TimesheetId> SubmitTimesheet(const CallContext& ctx, const Principal& pa, EngagementId id,
                                      const domain::payroll::Timesheet& sheet);
  // The employer approves or queries (with what they ask). Nobody approves their own.
  Status DecideTimesheet(const CallContext& ctx, const Principal& who, TimesheetId id, bool approve,
                         const std::string& query);
  // Pays every approved timesheet of the engagement's employer (all its engagements with the
  // same pay frequency) on `pay_date`. kFailedPrecondition, saying why, when the checklist is
  // open, a check has expired, nothing is approved, or the pay is below the minimum wage.
  Result<PayRunOutcome> RunPay(const CallContext& ctx, const Principal& who, EngagementId id,
                               Date pay_date);
  Result<PayslipView> Payslip(const CallContext& ctx, const Principal& who, PayslipId id);

  // Payday alerts (payday_alerts.cc). In every council, each active engagement whose next payday
  // is within `days_ahead` days and not covered by the payday check is told once for that
  // payday: the person (their message centre, with a copy as they chose), the organisation named
  // on the engagement and each finance officer (by email). Returns the paydays told.
  Result<int64_t> SendPaydayAlerts(int days_ahead);
  // Paydays from today on that were told as not covered, soonest first: for finance officers
  // (those whose people they may see). Audited.
  Result<std::vector<PaydayAlertView>> PaydayAlerts(const CallContext& ctx, const Principal& who);

 private:
  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
};

}  // namespace selfdirect::app
