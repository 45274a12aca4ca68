// File: payroll_parts.h
// The parts of a payslip (payroll.h), each a pure function with what it found for the
// explanation: PAYE (paye.cc), National Insurance (ni.cc), auto-enrolment and pension
// (pension.cc). Used by payslip.cc and the tests; not by other areas.
#pragma once

#include "domain/payroll/payroll.h"

namespace selfdirect::domain::payroll {

struct TaxInput {
  TaxCode code;
  bool week1 = false;
  Frequency frequency = Frequency::kMonthly;
  int period = 1;     // Tax month or tax week (53, 54, 56 for week 53).
  Pence taxable_pay;  // This payment.
  Pence previous_taxable_pay, previous_tax;
};

struct TaxResult {
  Pence tax;                 // This payment (negative = refund).
  Pence pay_to_date;         // Taxable pay the calculation used (this payment alone on week 1).
  Pence code_value_to_date;  // Free pay (or additional pay for K codes) to date.
  Pence taxable_to_date;     // Un.
  Pence tax_to_date;         // Ln.
  Pence tax_before_limit;    // Tax due this payment before the overriding limit.
  int n = 1;                 // Periods counted: tax months or tax weeks.
  bool monthly = true;
  bool week1 = false;
  bool limited = false;  // The 50% overriding limit applied.
};

TaxResult CalculateTax(const TaxInput& in, const PayrollYear& year);

struct NiResult {
  Pence employee_main, employee_upper, employer_main, employer_upper;
  Pence employee() const { return employee_main + employee_upper; }
  Pence employer() const { return employer_main + employer_upper; }
  Pence employer_from;  // The threshold employer NI starts at for this category.
  // Earnings in each band, as the Full Payment Submission reports them (all zero below the LEL).
  Pence at_lel, lel_to_pt, pt_to_uel;
};

NiResult CalculateNi(NiCategory category, Pence gross, const NiThresholds& t,
                     const PayrollYear& year);

struct PensionResult {
  Pence qualifying_earnings;
  Pence employee_full;      // Employee percent of qualifying earnings, half up.
  Pence employee_deducted;  // What comes off pay (relief at source: 80% of the full share).
  Pence employer;
};

AeStatus AssessAutoEnrolment(int age, bool reached_pension_age, Pence earnings,
                             const AePeriod& period, const PayrollYear& year);
PensionResult CalculatePension(const PensionTerms& terms, Pence gross, const AePeriod& period);

// "£1,234.56"; "12.07%", "5%" for basis points.
std::string MoneyText(Pence p);
std::string PercentText(int64_t bp);

// payslip_parts.cc: the period check and the explanation lines beyond tax and NI.
Status CheckPeriod(const PayslipInput& in, const PayrollYear& year);
void ExplainPension(const PensionTerms* terms, const PensionResult& p, const AePeriod& ae,
                    std::vector<std::string>& why);
void ExplainAutoEnrolment(AeStatus s, int age, Pence gross, const AePeriod& ae, Frequency f,
                          std::vector<std::string>& why);
// Adds a line for each hourly rate below the minimum wage; whether there was one.
bool CheckMinimumWage(const PayslipInput& in, const std::vector<MinimumWage>& rates,
                      std::vector<std::string>& why);

}  // namespace selfdirect::domain::payroll
