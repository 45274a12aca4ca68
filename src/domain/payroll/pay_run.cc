// File: pay_run.cc
// A pay run's totals, its ledger transactions and the payday check (pay_run.h).
#include "domain/payroll/pay_run.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>

#include "domain/planning/costing.h"

namespace selfdirect::domain::payroll {

PayRun TotalPayRun(const std::vector<PayRunLine>& lines, const EmploymentAllowance& allowance) {
  PayRun run;
  Pence left =
      allowance.claiming ? std::max(Pence{}, allowance.annual - allowance.used_before) : Pence{};
  for (const auto& line : lines) {
    const Payslip& p = line.payslip;
    Pence used = std::min(left, std::max(Pence{}, p.employer_ni));
    left -= used;
    run.allowance_by_line.push_back(used);
    run.allowance_used += used;
    run.gross += p.gross_pay;
    run.net += p.net_pay;
    run.tax += p.tax;
    run.employee_ni += p.employee_ni;
    run.employer_ni += p.employer_ni;
    run.employee_pension += p.employee_pension;
    run.employer_pension += p.employer_pension;
  }
  run.hmrc_due = run.tax + run.employee_ni + run.employer_ni - run.allowance_used;
  run.pension_due = run.employee_pension + run.employer_pension;
  run.cost = run.gross + run.employer_ni - run.allowance_used + run.employer_pension;
  return run;
}

std::string OwedAccountName(std::string_view person_ref, std::string_view to) {
  return "People:" + std::string(person_ref) + ":Owed:" + std::string(to);
}

LedgerTransaction PayslipTransaction(const PayRunLine& line, Pence allowance_used, Date pay_date,
                                     std::string_view run_ref) {
  const Payslip& p = line.payslip;
  LedgerTransaction t;
  t.effective_date = pay_date;
  t.description = fmt::format(FMT_COMPILE("Pay for {}: net {}, tax and NI {}, pension {}"),
                              line.pa_name, p.net_pay.ToString(),
                              (p.tax + p.employee_ni + p.employer_ni - allowance_used).ToString(),
                              (p.employee_pension + p.employer_pension).ToString());
  t.source = LedgerSource::kPayroll;
  t.source_ref = std::string(run_ref);
  t.idempotency_key = fmt::format(FMT_COMPILE("payroll:{}:{}"), run_ref, line.pa_ref);
  Pence cost = p.employer_cost - allowance_used;
  Pence hmrc = p.tax + p.employee_ni + p.employer_ni - allowance_used;
  Pence pension = p.employee_pension + p.employer_pension;
  auto add = [&](std::string account, Pence amount) {
    if (amount != Pence{}) t.postings.push_back({std::move(account), amount});
  };
  add(SpendingAccountName(line.person_ref,
                          SupportCategoryLabel(SupportCategory::kPersonalAssistant)),
      cost);
  add(BudgetAccountName(line.person_ref, line.funded_from), -p.net_pay);
  add(OwedAccountName(line.person_ref, "HMRC"), -hmrc);
  add(OwedAccountName(line.person_ref, "Pension"), -pension);
  return t;
}

LedgerTransaction PayOwedTransaction(std::string_view person_ref, BudgetAccountKind from,
                                     std::string_view to, Pence amount, Date date,
                                     std::string_view key) {
  LedgerTransaction t;
  t.effective_date = date;
  t.description = fmt::format(FMT_COMPILE("Paid {} what the PA's pay owed: {}"),
                              to == "HMRC" ? "HMRC" : "the pension scheme", amount.ToString());
  t.source = LedgerSource::kPayroll;
  t.source_ref = std::string(key);
  t.idempotency_key = fmt::format(FMT_COMPILE("payroll:owed:{}"), key);
  t.postings = {{OwedAccountName(person_ref, to), amount},
                {BudgetAccountName(person_ref, from), -amount}};
  return t;
}

PaydayAlert CheckPayday(const PaydayFunds& f) {
  PaydayAlert a;
  a.needed = f.net_pay + f.hmrc + f.pension;
  a.available = f.balance + f.paid_in_before_payday - f.other_payments;
  if (a.available >= a.needed) return a;
  a.short_of_money = true;
  a.shortfall = a.needed - a.available;
  a.message = fmt::format(
      FMT_COMPILE("{} is due to be paid on {}: {} in pay, with {} for tax and National Insurance "
                  "and {} for the pension, {} in all. After the other payments due, the account "
                  "will hold {}, which is {} short. Pay in the difference, or contact the "
                  "council's direct payments team, before {} so that {} is paid on time."),
      f.pa_name, f.payday.ToLongString(), f.net_pay.ToDisplayString(), f.hmrc.ToDisplayString(),
      f.pension.ToDisplayString(), a.needed.ToDisplayString(), a.available.ToDisplayString(),
      a.shortfall.ToDisplayString(), f.payday.ToLongString(), f.pa_name);
  return a;
}

}  // namespace selfdirect::domain::payroll
