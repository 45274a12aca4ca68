// File: payroll.h
// Gross to net for one payment to one personal assistant, exact to the penny: PAYE income tax by
// HMRC's exact method (cumulative and week 1/month 1), Class 1 National Insurance by the exact
// percentage method, workplace pension auto-enrolment and contributions, rolled-up holiday pay and
// the minimum wage check. Pure: every figure comes in a PayrollYear (reference data for one tax
// year, data/reference/payroll/), so the same payment gives the same answer whenever it is run.
// The rules and their sources: ../shared/domain/payroll.md; the CLI contract that reads and
// writes these types: ../shared/contracts/payroll.md; docs/payroll.md.
//
// Example:
//   PayslipInput in;  // pay date 2026-04-30, monthly, period 1, 1257L, category A, ...
//   Result<Payslip> p = CalculatePayslip(in, year, minimum_wages);
//   p->net_pay;  // gross - tax - employee NI - employee pension
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/pence.h"
#include "base/result.h"

namespace selfdirect::domain::payroll {

enum class Frequency { kWeekly, kFortnightly, kFourWeekly, kMonthly };
inline constexpr std::array<Frequency, 4> kFrequencies = {
    Frequency::kWeekly, Frequency::kFortnightly, Frequency::kFourWeekly, Frequency::kMonthly};
// "weekly", "fortnightly", "four_weekly", "monthly".
std::string_view FrequencyCode(Frequency f);
std::optional<Frequency> FrequencyFromCode(std::string_view code);
// "week", "fortnight", "four weeks", "month": how the explanation names one period.
std::string_view FrequencyNoun(Frequency f);
// Tax weeks in one pay period: 1, 2, 4 (monthly: 0, it counts tax months).
int WeeksPerPeriod(Frequency f);

// --- Reference data for one tax year -------------------------------------------------------

// A tax band: `rate_bp` (basis points, 2000 = 20%) on the next `width_pounds` of taxable pay a
// year; the last band has no width (it is open).
struct TaxBand {
  int64_t width_pounds = 0;
  int64_t rate_bp = 0;
  std::string name;  // "basic", "higher", "additional".
};

// Class 1 thresholds for one pay period.
struct NiThresholds {
  Pence lel, pt, st, uel, ust, aust;
};

// Auto-enrolment figures for one pay reference period.
struct AePeriod {
  Pence trigger, qe_lower, qe_upper;
};

// Minimum wage hourly rates in force from a date (1 April; pay periods starting on or after it).
struct MinimumWage {
  Date effective_from;
  Pence age21_and_over, age18_to_20, age16_to_17;
};

// State Pension age for people born from `born_from` to `born_to` (inclusive).
struct PensionAgeRule {
  Date born_from, born_to;
  int years = 66, months = 0;
};

// Statutory sick pay as the law stands in the tax year (Social Security Contributions and
// Benefits Act 1992 Part XI; from 6 April 2026 as amended by the Employment Rights Act 2025).
struct SickPayRules {
  Pence weekly_rate;
  int waiting_days = 3;         // Qualifying days unpaid at the start of a period of sickness.
  bool earnings_test = true;    // Average weekly earnings must reach the weekly LEL.
  int64_t earnings_cap_bp = 0;  // 8000: no more than 80% of average weekly earnings (0: none).
};

struct PayrollYear {
  std::string id, title;
  Date effective_from;  // 6 April: the first day of the tax year.
  std::vector<TaxBand> bands;
  int64_t overriding_limit_bp = 5000;  // Tax in one payment at most 50% of its taxable pay.
  // Free pay for each whole 500 of a code number: £96.16 a week, £416.67 a month.
  Pence free_pay_block_weekly, free_pay_block_monthly;
  int64_t br_rate_bp = 2000, d0_rate_bp = 4000, d1_rate_bp = 4500;
  std::array<NiThresholds, 4> ni;  // By Frequency.
  int64_t ni_employee_main_bp = 800, ni_employee_upper_bp = 200, ni_employer_bp = 1500;
  std::array<AePeriod, 4> ae;  // By Frequency.
  int ae_min_age = 16, ae_eligible_age = 22, ae_max_age = 74;
  int64_t rolled_up_holiday_bp = 1207;
  int64_t holiday_weeks_hundredths = 560;  // 5.6 weeks' paid holiday a year (fixed hours).
  Pence employment_allowance;  // Employer Class 1 NI an employer need not pay in the tax year.
  SickPayRules sick_pay;
  std::vector<PensionAgeRule> pension_ages;
  std::vector<std::string> unverified;  // Figures marked unverified, named for the explanation.
  // Whole blocks carried from the year before until they are published: every payslip says so.
  std::vector<std::string> provisional;
};

// --- Tax codes -----------------------------------------------------------------------------

enum class TaxCodeKind { kAllowance, kK, kBR, kD0, kD1, kNT };

struct TaxCode {
  std::string text;  // As given, trimmed and in capitals: "C1257L W1".
  TaxCodeKind kind = TaxCodeKind::kAllowance;
  int64_t number = 0;  // 1257 in 1257L, 500 in K500; 0 for 0T.
  bool welsh = false;  // C prefix: Welsh rates, the same as England's in 2025/26 and 2026/27.
  bool week1 = false;  // A W1, M1 or X suffix.
};

// kInvalidArgument with a message a payroll officer understands: an unknown form, or a Scottish
// (S) code, which Selfdirect refuses because it pays personal assistants in England.
Result<TaxCode> ParseTaxCode(std::string_view text);

// The free pay (allowance codes) or additional pay (K codes) for one week or one month, HMRC's
// "note for programmers" method: ceil((10 r + 9) / 52 or 12) + q blocks.
Pence PeriodCodeValue(const TaxCode& code, const PayrollYear& year, bool monthly);

// --- The pieces ------------------------------------------------------------------------------

enum class NiCategory { kA, kC, kH, kM, kX };
std::optional<NiCategory> NiCategoryFromCode(std::string_view code);
char NiCategoryLetter(NiCategory c);

enum class AeStatus { kEligibleJobholder, kNonEligibleJobholder, kEntitledWorker, kNotAWorker };
std::string_view AeStatusCode(AeStatus s);

enum class PensionRelief { kReliefAtSource, kNetPay };

struct PensionTerms {
  bool enrolled = false;
  int64_t employee_bp = 0, employer_bp = 0;  // 500 = 5%.
  PensionRelief relief = PensionRelief::kReliefAtSource;
};

struct PayItem {
  enum class Kind { kHours, kRolledUpHoliday, kAmount, kStatutorySickPay };
  Kind kind = Kind::kAmount;
  int64_t hours_hundredths = 0;  // kHours: 8650 = 86.50 hours.
  Pence rate;                    // kHours: per hour.
  Pence amount;                  // kAmount.
  std::string description;
  // kStatutorySickPay: qualifying days off sick in this pay period, the qualifying days in a
  // week (the days the PA would normally work), average weekly earnings over the relevant period
  // before the sickness (sick_pay.h), and waiting days already served in the linked series.
  int sick_days = 0, qualifying_days_per_week = 0, waiting_days_served = 0;
  Pence average_weekly_earnings;
  std::string earnings_basis;  // How the average was found, for the payslip ("" when given).
};

struct SickPay {
  bool entitled = true;
  Pence weekly;       // The weekly rate for this employee.
  int paid_days = 0;  // Sick days less the waiting days still to serve.
  Pence amount;       // paid_days x weekly / qualifying days, rounded up to the penny.
  std::string explanation;
};

// Statutory sick pay for one pay item under `rules`; `weekly_lel` is the weekly lower earnings
// limit (for the earnings test before April 2026).
SickPay CalculateSickPay(const PayItem& item, const SickPayRules& rules, Pence weekly_lel);

struct PayslipInput {
  Date pay_date;
  Frequency frequency = Frequency::kMonthly;
  int period = 1;
  TaxCode tax_code;
  bool week1 = false;  // The basis: week 1/month 1 (also set by the code's suffix).
  NiCategory ni_category = NiCategory::kA;
  Date date_of_birth;
  std::vector<PayItem> pay;
  Pence previous_taxable_pay, previous_tax;
  std::optional<PensionTerms> pension;
};

struct Payslip {
  Pence gross_pay, holiday_pay, statutory_sick_pay, taxable_pay, tax, employee_ni, employer_ni,
      employee_pension, employer_pension, net_pay, employer_cost, ytd_taxable_pay, ytd_tax;
  Pence ni_at_lel, ni_lel_to_pt, ni_pt_to_uel;  // Earnings bands for the FPS.
  AeStatus auto_enrolment = AeStatus::kEntitledWorker;
  bool below_minimum_wage = false;
  std::vector<std::string> explanation;
};

// The period that `period` must be for a payment on `pay_date`: the tax month (monthly) or the
// tax week; a pay date in week 53 is period 53, 54 (fortnightly) or 56 (four-weekly).
int ExpectedPeriod(Date pay_date, Frequency f);
// The first day of the pay period that ends on the pay date (paid in arrears).
Date PayPeriodStart(Date pay_date, Frequency f);
// The minimum wage rates in force for a pay period starting on `start`; nullptr before them all.
const MinimumWage* MinimumWageOn(const std::vector<MinimumWage>& rates, Date start);
// Whether someone born on `born` has reached State Pension age on `on`.
bool ReachedPensionAge(const std::vector<PensionAgeRule>& rules, Date born, Date on);

// NI rounding by HMRC's exact percentage method: earnings x rate, truncated to a tenth of a
// penny, then a last digit of 5 or less rounds down and 6 or more rounds up.
Pence NiPercent(Pence earnings, int64_t rate_bp);

// The whole payment. kInvalidArgument with the field ("period", "pay[0].hours") when the input
// does not fit the rules (a period that does not agree with the pay date, a pay date outside
// `year`).
Result<Payslip> CalculatePayslip(const PayslipInput& in, const PayrollYear& year,
                                 const std::vector<MinimumWage>& minimum_wages);

}  // namespace selfdirect::domain::payroll
