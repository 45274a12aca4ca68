// File: engagement.h
// A PA's employment (issue 21): who the legal employer is (the person, the person with a payroll
// service, or an organisation as employer of record), the contract's terms, the employer's
// checklist that must be complete before the first pay run, and the payslip input one pay date's
// approved timesheets make. Pure, like the rest of domain/payroll.
//
// Example:
//   auto missing = OpenChecklistItems(checklist, pay_date);  // Empty: the PA may be paid.
//   Result<PayslipInput> in = PayslipInputFor(terms, sheets, pay_date, history);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/payroll/payroll.h"
#include "domain/payroll/timesheet.h"

namespace selfdirect::domain::payroll {

// (a) the person (or their representative) employs the PA; (b) the person employs the PA and a
// payroll service runs payroll for them; (c) an organisation is the PA's legal employer and the
// person chooses and directs the PA.
enum class EmployerMode { kPerson, kPayrollService, kOrganisation };
std::string_view EmployerModeCode(EmployerMode m);  // "person", "payroll_service", "organisation"
std::optional<EmployerMode> EmployerModeFromCode(std::string_view code);
std::string_view EmployerModeWords(EmployerMode m);  // As the person reads it.

// Fixed hours with 5.6 weeks' paid holiday; irregular hours accruing 12.07% of hours worked; or
// irregular hours with holiday pay rolled up into each payment.
enum class HolidayBasis { kFixedHours, kAccrual, kRolledUp };
std::string_view HolidayBasisCode(HolidayBasis b);  // "fixed_hours", "accrual", "rolled_up"
std::optional<HolidayBasis> HolidayBasisFromCode(std::string_view code);
std::string_view HolidayBasisWords(HolidayBasis b);

struct EngagementTerms {
  EmployerMode mode = EmployerMode::kPerson;
  std::string employer_name;  // The organisation or payroll service ("" in mode a).
  Pence hourly_rate;
  int64_t weekly_hours_hundredths = 0;  // The contract's hours a week (0: irregular).
  Frequency frequency = Frequency::kFourWeekly;
  HolidayBasis holiday = HolidayBasis::kFixedHours;
  Date start;
  Date pa_date_of_birth;
  std::string tax_code = "1257L";
  NiCategory ni_category = NiCategory::kA;
  PensionTerms pension;
  int qualifying_days_per_week = 5;  // The days the PA normally works, for sick pay.
  Pence management_fee;              // Mode c: the organisation's fee each pay period.
  Pence p45_taxable_pay, p45_tax;    // A new starter's pay and tax to date from their P45.
  // The leaving date on the P45: its figures count only in that tax year.
  std::optional<Date> p45_leaving_date;
};

// What the employer must have in place before the first pay run.
struct EmployerChecklist {
  std::optional<Date> insurance_until;  // Employer's liability insurance, in force until.
  std::string employer_reference;       // HMRC employer PAYE reference: "123/AB45678".
  std::optional<Date> right_to_work_seen, dbs_seen, contract_signed, pension_duties_done;
};

struct ChecklistItem {
  std::string field;    // "insurance_until", ...
  std::string title;    // "Employer's liability insurance"
  std::string help;     // Plain English: what it is and how to get it.
  std::string problem;  // Empty when done; else what is missing or out of date.
};

// Every item with its help, and the problem on `on` (expired insurance counts as missing).
std::vector<ChecklistItem> CheckChecklist(const EmployerChecklist& c, Date on);
// The items still open on `on`.
std::vector<ChecklistItem> OpenChecklistItems(const EmployerChecklist& c, Date on);
// "123/AB45678": three digits, a slash, then up to ten letters and digits.
bool ValidEmployerReference(std::string_view ref);

// kInvalidArgument with field messages when the terms cannot be a contract.
Status CheckTerms(const EngagementTerms& t);

// Earlier pay in the tax year and the earnings sick pay is measured against.
struct PayHistory {
  Pence taxable_pay, tax;              // Earlier payslips of this employment in the tax year.
  bool started_this_tax_year = false;  // Then the P45 figures count as pay to date.
  // For sick pay: the average weekly earnings before the linked series of sick days began, how
  // they were found, and the days off sick in the series before this pay period (sick_pay.h).
  Pence average_weekly_earnings;
  std::string earnings_basis;
  int sick_days_served = 0;
};

// The payslip input for `pay_date` from the engagement's approved timesheets: hours worked and
// paid holiday at the contract rate, rolled-up holiday when that is the basis, statutory sick
// pay for the distinct days off sick. kFailedPrecondition when there are no hours to pay.
Result<PayslipInput> PayslipInputFor(const EngagementTerms& terms,
                                     const std::vector<Timesheet>& sheets, Date pay_date,
                                     const PayHistory& history);

}  // namespace selfdirect::domain::payroll
