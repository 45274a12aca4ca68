// File: employment_repository.h
// Storage of PAs' employment (migration 0018): engagements (who employs the PA for whom, on what
// terms, with the employer's checklist), the PA's weekly timesheets and their approval, pay runs
// and the payslips they made. Behind the interface the SQLite and PostgreSQL adapters both
// implement (storage/sql/employment_repository.cc). Payslips and pay runs are never changed once
// written: a correction is a later payslip.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/pa/pa_repository.h"
#include "domain/money/ledger.h"
#include "domain/payroll/engagement.h"
#include "domain/payroll/pay_run.h"

namespace selfdirect {
using EngagementId = StrongId<struct EngagementTag>;
using TimesheetId = StrongId<struct TimesheetTag>;
using PaPayRunId = StrongId<struct PaPayRunTag>;
using PayslipId = StrongId<struct PayslipTag>;
}  // namespace selfdirect

namespace selfdirect::app {

struct EngagementRecord {
  EngagementId id;
  PersonId person;  // Whose budget pays and who directs the PA.
  PaProfileId pa;
  std::optional<UserId> organisation;  // Mode c: the employer organisation's account.
  domain::BudgetAccountKind funded_from = domain::BudgetAccountKind::kDirectPayment;
  domain::payroll::EngagementTerms terms;
  domain::payroll::EmployerChecklist checklist;
  std::string plan_line;  // The support plan's PA line this engagement delivers ("" if none).
  bool active = true;
  UserId created_by;
  Timestamp created_at, updated_at;
  std::optional<Date> ended_on;  // The PA's last working day, once the employment has ended.
};

enum class TimesheetStatus { kSubmitted, kApproved, kQueried, kPaid };
std::string_view TimesheetStatusCode(TimesheetStatus s);  // "submitted", "approved", ...
std::optional<TimesheetStatus> ParseTimesheetStatus(std::string_view code);

struct TimesheetRecord {
  TimesheetId id;
  EngagementId engagement;
  domain::payroll::Timesheet sheet;
  TimesheetStatus status = TimesheetStatus::kSubmitted;
  std::vector<std::string> flags;  // For the approver, from CheckTimesheet.
  std::string query;               // What the employer asked, when queried.
  UserId submitted_by;
  Timestamp submitted_at;
  std::optional<UserId> decided_by;
  std::optional<Timestamp> decided_at;
  std::optional<PaPayRunId> pay_run;
};

struct PaPayRunRecord {
  PaPayRunId id;
  std::string employer;  // "person:12" (modes a and b) or "organisation:34" (mode c).
  Date pay_date;
  domain::payroll::PayRun totals;  // allowance_by_line is not stored.
  UserId run_by;
  Timestamp run_at;
};

struct PayslipRecord {
  PayslipId id;
  PaPayRunId run;
  EngagementId engagement;
  Date pay_date;
  int period = 0;
  domain::payroll::Frequency frequency = domain::payroll::Frequency::kMonthly;
  std::string tax_code;
  domain::payroll::Payslip payslip;  // Every figure and the explanation.
  Pence allowance_used;              // Employment Allowance set against its employer NI.
  Pence management_fee;              // Mode c.
  std::optional<LedgerTransactionId> transaction;
  Timestamp created_at;
};

// What HMRC need to know of the PA and their employer for the FPS and EPS (migration 0035),
// kept by whoever runs the PA's pay. An engagement has none until it is recorded.
struct PayrollDetailsRecord {
  EngagementId engagement;
  std::string given_names, family_name;   // The PA's legal names.
  std::string ni_number;                  // "AB123456C", or "" when not known.
  std::string gender;                     // "F" or "M" as HMRC hold it, or "".
  std::string accounts_office_reference;  // The employer's: "123PA00012345", or "".
  UserId updated_by;
  Timestamp updated_at;
};

// A payday the funding account would not cover, told once (migration 0036).
struct PaydayAlertRecord {
  EngagementId engagement;
  Date payday;
  PersonId person;
  Pence needed, shortfall;
  std::string message;  // What the people told read.
  Timestamp sent_at;
};

class EmploymentRepository {
 public:
  virtual ~EmploymentRepository() = default;
  virtual Result<EngagementId> InsertEngagement(const EngagementRecord& e) = 0;
  virtual Status UpdateChecklist(EngagementId id, const domain::payroll::EmployerChecklist& c,
                                 Timestamp at) = 0;
  // Ends (with the leaving date) or reopens (ended_on nullopt) an engagement.
  virtual Status SetActive(EngagementId id, bool active, Timestamp at,
                           std::optional<Date> ended_on) = 0;
  virtual Result<std::optional<EngagementRecord>> FindEngagement(EngagementId id) = 0;
  virtual Result<std::vector<EngagementRecord>> EngagementsOfPerson(PersonId person) = 0;
  virtual Result<std::vector<EngagementRecord>> EngagementsOfPa(PaProfileId pa) = 0;
  virtual Result<std::vector<EngagementRecord>> EngagementsOfOrganisation(UserId org) = 0;

  // kAlreadyExists when the engagement has a timesheet for that week that is not queried.
  virtual Result<TimesheetId> InsertTimesheet(const TimesheetRecord& t) = 0;
  // From submitted to approved or queried; kFailedPrecondition when it was decided before.
  virtual Status DecideTimesheet(TimesheetId id, TimesheetStatus status, UserId by, Timestamp at,
                                 const std::string& query) = 0;
  virtual Result<std::optional<TimesheetRecord>> FindTimesheet(TimesheetId id) = 0;
  // Newest week first.
  virtual Result<std::vector<TimesheetRecord>> TimesheetsOf(EngagementId e) = 0;

  virtual Result<PaPayRunId> InsertPayRun(const PaPayRunRecord& r) = 0;
  virtual Result<std::optional<PaPayRunRecord>> FindPayRun(PaPayRunId id) = 0;
  virtual Result<PayslipId> InsertPayslip(const PayslipRecord& p) = 0;
  // Approved timesheets become paid by `run`; kFailedPrecondition when one is not approved.
  virtual Status MarkPaid(const std::vector<TimesheetId>& ids, PaPayRunId run) = 0;
  virtual Result<std::optional<PayslipRecord>> FindPayslip(PayslipId id) = 0;
  // Newest pay date first.
  virtual Result<std::vector<PayslipRecord>> PayslipsOf(EngagementId e) = 0;
  // The run's payslips, in the order they were made.
  virtual Result<std::vector<PayslipRecord>> PayslipsOfRun(PaPayRunId run) = 0;
  // The employer's runs ("person:12", "organisation:34"), newest pay date first.
  virtual Result<std::vector<PaPayRunRecord>> PayRunsOf(const std::string& employer) = 0;
  // Records the details (the engagement's earlier ones are replaced).
  virtual Status SavePayrollDetails(const PayrollDetailsRecord& d) = 0;
  virtual Result<std::optional<PayrollDetailsRecord>> FindPayrollDetails(EngagementId e) = 0;
  // Every active engagement of the council, by id.
  virtual Result<std::vector<EngagementRecord>> ActiveEngagements() = 0;
  // Records the alert; false (and nothing changes) when this payday was alerted before.
  virtual Result<bool> RecordPaydayAlert(const PaydayAlertRecord& a) = 0;
  // Alerts for paydays on or after `from`, soonest first.
  virtual Result<std::vector<PaydayAlertRecord>> PaydayAlertsFrom(Date from) = 0;
  // The Employment Allowance the employer has used in pay runs dated from `from` to `through`.
  virtual Result<Pence> AllowanceUsed(const std::string& employer, Date from, Date through) = 0;
};

}  // namespace selfdirect::app
