// File: pay_run.h
// One employer's pay run over its payslips (payroll.h): what each PA is paid, what is owed to HMRC
// and to the pension scheme, the Employment Allowance set against employer NI, the ledger
// transaction each payslip posts from the budget account that funds the engagement, and the
// payday check that warns before a PA goes unpaid. Pure, like the rest of domain/payroll.
//
// Example:
//   PayRun run = TotalPayRun(lines, {Pence::FromPounds(10500), Pence{}, true});
//   run.hmrc_due;  // tax + employee NI + employer NI - the allowance used
//   auto t = PayslipTransaction(lines[0], run.allowance_by_line[0], pay_date, "pay run 7");
#pragma once

#include <string>
#include <vector>

#include "domain/money/ledger.h"
#include "domain/payroll/payroll.h"

namespace selfdirect::domain::payroll {

// One PA's payslip in a run, with the budget it is paid from.
struct PayRunLine {
  std::string pa_ref;      // The engagement's reference, unique in the council: "E-000042".
  std::string pa_name;     // As the people involved know the PA: "Sam".
  std::string person_ref;  // The budget holder whose account pays: "SD-000123".
  BudgetAccountKind funded_from = BudgetAccountKind::kDirectPayment;
  Payslip payslip;
};

// The employer's Employment Allowance for the tax year: up to `annual` of employer Class 1 NI is
// not paid (claimed on the Employer Payment Summary). Employers of care and support workers,
// including people employing their own PAs, may claim it (HMRC's further employer guidance).
struct EmploymentAllowance {
  Pence annual;       // 10,500.00 in 2025/26 and 2026/27.
  Pence used_before;  // Already set against employer NI earlier in the tax year.
  bool claiming = false;
};

struct PayRun {
  Pence gross, net, tax, employee_ni, employer_ni, employee_pension, employer_pension;
  Pence allowance_used;  // Employment Allowance set against employer NI in this run.
  Pence hmrc_due;        // tax + employee NI + employer NI - allowance_used.
  Pence pension_due;     // employee + employer pension, to the scheme.
  Pence cost;            // gross + employer NI - allowance_used + employer pension.
  std::vector<Pence> allowance_by_line;  // The allowance used against each line's employer NI.
};

// The run's totals; the allowance is used against each line's employer NI in order until it runs
// out.
PayRun TotalPayRun(const std::vector<PayRunLine>& lines, const EmploymentAllowance& allowance);

// The ledger transaction of one payslip: the cost is spent on "Personal assistant" from the
// person's budget; net pay leaves the budget account now; tax and NI are owed to HMRC and the
// pension contributions to the scheme until they are paid (People:<ref>:Owed:HMRC and
// People:<ref>:Owed:Pension). Postings add up to zero.
LedgerTransaction PayslipTransaction(const PayRunLine& line, Pence allowance_used, Date pay_date,
                                     std::string_view run_ref);

// The account that holds what a person's budget owes HMRC or the pension scheme.
std::string OwedAccountName(std::string_view person_ref, std::string_view to);

// Paying what is owed to `to` ("HMRC" or "Pension") out of the budget account: the owed account
// is cleared by `amount` and the money leaves the account. `key` makes it post once.
LedgerTransaction PayOwedTransaction(std::string_view person_ref, BudgetAccountKind from,
                                     std::string_view to, Pence amount, Date date,
                                     std::string_view key);

// What the funding account must cover on payday, and what it will hold.
struct PaydayFunds {
  std::string pa_name;
  Date payday;
  Pence net_pay, hmrc, pension;  // This run's payments from the account.
  Pence balance;                 // In the account now.
  Pence paid_in_before_payday;   // Direct payments due into it before payday.
  Pence other_payments;          // Other commitments due from it before payday.
};

struct PaydayAlert {
  bool short_of_money = false;
  Pence needed, available, shortfall;
  std::string message;  // Plain English for the employer, the person and the finance officer.
};

// Whether the account covers the run on payday after other commitments; when it does not, the
// message says by how much and what to do before payday.
PaydayAlert CheckPayday(const PaydayFunds& funds);

}  // namespace selfdirect::domain::payroll
