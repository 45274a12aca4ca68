// File: rti.h
// What an employer of PAs owes HMRC, its PAs and the pension scheme after its pay runs: the Full
// Payment Submission (FPS) for a pay date, the Employer Payment Summary (EPS) with the Employment
// Allowance claim, the P60 for a tax year and the pension contribution schedule of a pay run.
// Pure: built from stored payslips (payroll.h). The XML is in the shape of HMRC's Real Time
// Information schemas (element names from HMRC's RTI data items guide); it is a file for the
// employer or their payroll software to send, as Selfdirect has no live link to HMRC.
//
// Example:
//   Fps fps = {employer, pay_date, {{pa, this_payslip, YearToDateOf(slips, pay_date), starter}}};
//   for (auto& p : FpsProblems(fps)) ...;  // "Sam Cook: no National Insurance number ..."
//   std::string xml = FpsXml(fps);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/payroll/payroll.h"

namespace selfdirect::domain::payroll {

struct RtiEmployer {
  std::string name;
  std::string paye_reference;             // "123/AB45678": tax office number / reference.
  std::string accounts_office_reference;  // "123PA00012345": 13 characters.
};

// "123PA00012345": three digits, P, a letter, eight digits, then a digit or X.
bool ValidAccountsOfficeReference(std::string_view ref);
// "QQ123456C": two prefix letters HMRC issues, six digits, A to D.
bool ValidNiNumber(std::string_view nino);

// A PA as HMRC knows them.
struct RtiEmployee {
  std::string payroll_id;  // The engagement's reference: "E-000042".
  std::string known_as;    // As the people involved know the PA ("Sam"), for messages.
  std::string given_names, family_name;
  std::string ni_number;  // "" when not known: then HMRC needs the address.
  std::string gender;     // "F" or "M", as HMRC hold it; "" when not recorded.
  std::string postcode;
  Date date_of_birth, start;
  std::optional<Date> leaving;
  std::string display_name() const { return given_names + " " + family_name; }
};

// One payslip of the employee, as stored.
struct RtiPayslip {
  Date pay_date;
  Frequency frequency = Frequency::kMonthly;
  int period = 1;
  std::string tax_code;
  NiCategory ni_category = NiCategory::kA;
  bool net_pay_pension = false;  // Employee pension taken before tax (a net pay arrangement).
  Payslip slip;
};

// One employment's figures to date in a tax year.
struct YearToDate {
  Pence taxable_pay, tax, ni_earnings, at_lel, lel_to_pt, pt_to_uel, employee_ni, employer_ni,
      net_pay_pension, statutory_sick_pay;
};
// The payslips of `slips` dated in the tax year of `through`, up to and including it.
YearToDate YearToDateOf(const std::vector<RtiPayslip>& slips, Date through);

// HMRC's band for the hours normally worked in a week: A under 16, B 16 to under 24, C 24 to
// under 30, D 30 or more, E other (irregular hours: no set weekly hours).
char HoursBand(int64_t weekly_hours_hundredths);
// "W1", "W2", "W4", "M1".
std::string_view RtiPayFrequency(Frequency f);
// "26-27" for the tax year holding `d`.
std::string RtiTaxYear(Date d);

struct FpsEmployee {
  RtiEmployee who;
  int64_t weekly_hours_hundredths = 0;
  RtiPayslip payment;  // This pay date's payslip.
  YearToDate ytd;      // Including this payslip.
  bool starter = false;
};

struct Fps {
  RtiEmployer employer;
  Date pay_date;
  std::vector<FpsEmployee> employees;
};

// What HMRC would refuse, in plain English, one item each: missing employer references, an
// employee with no legal name, no NI number (the FPS would need their full address) or no
// gender. Empty: ready to send.
std::vector<std::string> FpsProblems(const Fps& fps);
std::string FpsXml(const Fps& fps);

// The Employer Payment Summary for one tax month: the Employment Allowance claim (made on the
// tax year's first EPS and kept), or that nothing was paid in the month.
struct Eps {
  RtiEmployer employer;
  TaxYear year{2026};
  int tax_month = 1;
  bool claim_employment_allowance = false;
  bool no_payment_for_period = false;
};
std::vector<std::string> EpsProblems(const Eps& eps);
std::string EpsXml(const Eps& eps);

// The first and last day of tax month `month` (1: 6 April to 5 May) of `year`, and the day
// what is owed for it must reach HMRC (the 22nd after it ends, paying electronically).
struct TaxMonth {
  Date first, last, pay_hmrc_by;
};
TaxMonth TaxMonthOf(TaxYear year, int month);

// The P60: the year's pay and deductions in this employment, for an employee employed on the
// last day of the tax year (or, before it ends, the year so far, marked not final).
struct P60NiLine {
  NiCategory category = NiCategory::kA;
  Pence at_lel, lel_to_pt, pt_to_uel, employee_ni;
};
struct P60 {
  RtiEmployer employer;
  RtiEmployee employee;
  TaxYear year{2026};
  bool final = false;  // The tax year has ended and the PA was still employed at its end.
  std::string final_tax_code;
  Pence previous_pay, previous_tax;  // From the P45, counted in this tax year.
  Pence pay, tax;                    // In this employment.
  Pence total_pay, total_tax;
  Pence statutory_sick_pay, net_pay_pension;
  std::vector<P60NiLine> ni;  // One line a category letter used, in letter order.
};
// `slips` may hold other years: only `year`'s count. `today` says whether the year has ended.
P60 BuildP60(const RtiEmployer& employer, const RtiEmployee& employee,
             const std::vector<RtiPayslip>& slips, TaxYear year, Pence previous_pay,
             Pence previous_tax, Date today);

// The P45 a leaver is given (HMRC's parts 1A, 2 and 3 carry the same figures): the leaving date,
// the tax code at leaving and whether it was week 1/month 1, the week or month number of the last
// pay, and the tax year's pay and tax to date (with the previous employment's when its P45 was
// counted; left out on a week 1/month 1 code, as HMRC's form says) and in this employment.
struct P45 {
  RtiEmployer employer;
  RtiEmployee employee;  // employee.leaving is the leaving date.
  TaxYear year{2026};    // Of the last pay.
  std::string tax_code;
  bool week1_month1 = false;
  Frequency frequency = Frequency::kMonthly;
  int period = 1;  // The last pay's week or month number.
  Pence total_pay, total_tax;
  bool totals_shown = true;  // False on a week 1/month 1 code.
  Pence pay, tax;            // In this employment.
};
// `slips` are the employment's; the P45 is for the tax year of the newest. nullopt when the
// employee has no leaving date or was never paid.
std::optional<P45> BuildP45(const RtiEmployer& employer, const RtiEmployee& employee,
                            const std::vector<RtiPayslip>& slips, Pence previous_pay,
                            Pence previous_tax);

// A pay run's pension contributions for the scheme: each enrolled PA's qualifying earnings and
// contributions, and the day they must reach the scheme (the 22nd of the month after the pay
// date: The Pensions Regulator's deadline for contributions paid electronically).
struct PensionLine {
  RtiEmployee who;
  AeStatus status = AeStatus::kEntitledWorker;
  Pence gross, qualifying_earnings, employee, employer;
};
struct PensionSchedule {
  RtiEmployer employer;
  Date pay_date, pay_scheme_by;
  std::vector<PensionLine> lines;  // Only PAs with contributions.
  Pence employee, employer_total, total;
};
// `band` is the tax year's auto-enrolment figures for the run's pay frequency.
PensionSchedule BuildPensionSchedule(const RtiEmployer& employer, Date pay_date,
                                     const std::vector<std::pair<RtiEmployee, Payslip>>& slips,
                                     const AePeriod& band);
// The schedule as CSV for the scheme: a header line, then one line per PA.
std::string PensionScheduleCsv(const PensionSchedule& s);

}  // namespace selfdirect::domain::payroll
