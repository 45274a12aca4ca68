// File: payslip.cc
// One payment, gross to net, with its explanation line by line (payroll.h).
#include <fmt/compile.h>
#include <fmt/format.h>

#include "domain/payroll/payroll_parts.h"

namespace selfdirect::domain::payroll {
namespace {

std::string Hours(int64_t hundredths) {
  std::string s = fmt::format(FMT_COMPILE("{}.{:02}"), hundredths / 100, hundredths % 100);
  if (s.ends_with(".00")) s.resize(s.size() - 3);
  return s;
}

struct Gross {
  Pence total, hours_pay, holiday, sick;
};

Gross AddUpPay(const PayslipInput& in, const PayrollYear& year, std::vector<std::string>& why) {
  Gross g;
  for (const auto& item : in.pay) {
    if (item.kind != PayItem::Kind::kHours) continue;
    Pence pay = MultiplyRatio(item.rate, item.hours_hundredths, 100, Rounding::kHalfUp);
    g.hours_pay += pay;
    why.push_back(fmt::format(FMT_COMPILE("Pay: {} hours at {} an hour = {}."),
                              Hours(item.hours_hundredths), MoneyText(item.rate), MoneyText(pay)));
  }
  for (const auto& item : in.pay) {
    if (item.kind == PayItem::Kind::kRolledUpHoliday) {
      Pence pay = MultiplyRatio(g.hours_pay, year.rolled_up_holiday_bp, 10000, Rounding::kHalfUp);
      g.holiday += pay;
      why.push_back(fmt::format(FMT_COMPILE("Holiday pay rolled up into pay: {} of {} = {}."),
                                PercentText(year.rolled_up_holiday_bp), MoneyText(g.hours_pay),
                                MoneyText(pay)));
    } else if (item.kind == PayItem::Kind::kStatutorySickPay) {
      SickPay sick = CalculateSickPay(item, year.sick_pay, year.ni[0].lel);
      g.total += sick.amount;
      g.sick += sick.amount;
      why.push_back(std::move(sick.explanation));
      if (!item.earnings_basis.empty()) why.push_back(item.earnings_basis);
    } else if (item.kind == PayItem::Kind::kAmount) {
      g.total += item.amount;
      why.push_back(fmt::format(FMT_COMPILE("{}: {}."),
                                item.description.empty() ? "Other pay" : item.description,
                                MoneyText(item.amount)));
    }
  }
  g.total += g.hours_pay + g.holiday;
  why.push_back(fmt::format(FMT_COMPILE("Gross pay: {}."), MoneyText(g.total)));
  return g;
}

std::string CodeWords(const TaxInput& in, const TaxResult& t) {
  std::string period = t.monthly ? fmt::format(FMT_COMPILE("month {}"), in.period)
                                 : fmt::format(FMT_COMPILE("week {}"), in.period);
  std::string basis = t.week1 ? (t.monthly ? "month 1 basis (this payment on its own)"
                                           : "week 1 basis (this payment on its own)")
                              : "cumulative (the whole tax year so far)";
  return fmt::format(FMT_COMPILE("Income tax, code {}, {}, {}"), in.code.text, period, basis);
}

void ExplainTax(const TaxInput& in, const TaxResult& t, std::vector<std::string>& why) {
  std::string head = CodeWords(in, t);
  switch (in.code.kind) {
    case TaxCodeKind::kNT:
      why.push_back(head + ": no tax is taken on this code.");
      break;
    case TaxCodeKind::kBR:
    case TaxCodeKind::kD0:
    case TaxCodeKind::kD1:
      why.push_back(
          fmt::format(FMT_COMPILE("{}: all of {} taxable pay (rounded down to the pound) at one "
                                  "rate: tax to date {}."),
                      head, MoneyText(t.pay_to_date), MoneyText(t.tax_to_date)));
      break;
    default:
      why.push_back(fmt::format(
          FMT_COMPILE("{}: taxable pay {} {} {} {} to date = {}; tax to date {}."), head,
          MoneyText(t.pay_to_date), in.code.kind == TaxCodeKind::kK ? "plus" : "less",
          MoneyText(t.code_value_to_date),
          in.code.kind == TaxCodeKind::kK ? "added by the K code" : "tax-free pay",
          MoneyText(t.taxable_to_date), MoneyText(t.tax_to_date)));
  }
  if (!t.week1 && in.previous_tax != Pence{})
    why.push_back(fmt::format(FMT_COMPILE("Tax already paid this tax year: {}."),
                              MoneyText(in.previous_tax)));
  if (t.limited)
    why.push_back(
        fmt::format(FMT_COMPILE("Tax due is {}, but no more than half of this payment's taxable "
                                "pay may be taken: {}."),
                    MoneyText(t.tax_before_limit), MoneyText(t.tax)));
  why.push_back(t.tax < Pence{}
                    ? fmt::format(FMT_COMPILE("Tax refunded: {}."), MoneyText(-t.tax))
                    : fmt::format(FMT_COMPILE("Tax this payment: {}."), MoneyText(t.tax)));
}

void ExplainNi(NiCategory c, const NiResult& ni, const NiThresholds& th, const PayrollYear& y,
               std::vector<std::string>& why) {
  if (c == NiCategory::kX) {
    why.push_back("National Insurance: none (category X).");
    return;
  }
  if (c == NiCategory::kC)
    why.push_back("Employee National Insurance: none (category C, over State Pension age).");
  else
    why.push_back(fmt::format(
        FMT_COMPILE(
            "Employee National Insurance (category {}): {} of pay between {} and {} = {}; {} above "
            "{} = {}."),
        NiCategoryLetter(c), PercentText(y.ni_employee_main_bp), MoneyText(th.pt),
        MoneyText(th.uel), MoneyText(ni.employee_main), PercentText(y.ni_employee_upper_bp),
        MoneyText(th.uel), MoneyText(ni.employee_upper)));
  why.push_back(fmt::format(FMT_COMPILE("Employer National Insurance: {} of pay above {} = {}."),
                            PercentText(y.ni_employer_bp), MoneyText(ni.employer_from),
                            MoneyText(ni.employer())));
}

}  // namespace

namespace {

// A block of the reference data as a payroll officer names it.
std::string FiguresWords(std::string_view block) {
  if (block == "income_tax") return "the Income Tax bands";
  if (block == "national_insurance") return "the National Insurance lower earnings limit";
  if (block == "auto_enrolment") return "the workplace pension thresholds";
  if (block == "employment_allowance") return "the Employment Allowance";
  if (block == "rolled_up_holiday_percent") return "the rolled-up holiday rate";
  if (block == "statutory_holiday_weeks") return "the weeks of paid holiday a year";
  if (block.starts_with("statutory_sick_pay")) return "the statutory sick pay rate";
  return std::string(block);
}

}  // namespace

Result<Payslip> CalculatePayslip(const PayslipInput& in, const PayrollYear& year,
                                 const std::vector<MinimumWage>& minimum_wages) {
  SD_RETURN_IF_ERROR(CheckPeriod(in, year));
  Payslip p;
  auto f = static_cast<size_t>(in.frequency);
  Gross g = AddUpPay(in, year, p.explanation);
  p.gross_pay = g.total;
  p.holiday_pay = g.holiday;
  p.statutory_sick_pay = g.sick;
  PensionTerms none;
  const PensionTerms& terms = in.pension ? *in.pension : none;
  PensionResult pension = CalculatePension(terms, g.total, year.ae[f]);
  bool net_pay = terms.enrolled && terms.relief == PensionRelief::kNetPay;
  p.taxable_pay = g.total - (net_pay ? pension.employee_full : Pence{});
  TaxInput ti{in.tax_code,    in.week1,      in.frequency,
              in.period,      p.taxable_pay, in.previous_taxable_pay,
              in.previous_tax};
  TaxResult tax = CalculateTax(ti, year);
  ExplainTax(ti, tax, p.explanation);
  NiResult ni = CalculateNi(in.ni_category, g.total, year.ni[f], year);
  ExplainNi(in.ni_category, ni, year.ni[f], year, p.explanation);
  ExplainPension(in.pension ? &*in.pension : nullptr, pension, year.ae[f], p.explanation);
  p.tax = tax.tax;
  p.employee_ni = ni.employee();
  p.employer_ni = ni.employer();
  p.ni_at_lel = ni.at_lel;
  p.ni_lel_to_pt = ni.lel_to_pt;
  p.ni_pt_to_uel = ni.pt_to_uel;
  p.employee_pension = pension.employee_deducted;
  p.employer_pension = pension.employer;
  p.net_pay = p.gross_pay - p.tax - p.employee_ni - p.employee_pension;
  p.employer_cost = p.gross_pay + p.employer_ni + p.employer_pension;
  p.ytd_taxable_pay = in.previous_taxable_pay + p.taxable_pay;
  p.ytd_tax = in.previous_tax + p.tax;
  int age = AgeOn(in.date_of_birth, in.pay_date);
  p.auto_enrolment =
      AssessAutoEnrolment(age, ReachedPensionAge(year.pension_ages, in.date_of_birth, in.pay_date),
                          g.total, year.ae[f], year);
  ExplainAutoEnrolment(p.auto_enrolment, age, g.total, year.ae[f], in.frequency, p.explanation);
  p.below_minimum_wage = CheckMinimumWage(in, minimum_wages, p.explanation);
  if (!year.provisional.empty()) {
    std::string carried;
    for (const auto& b : year.provisional)
      carried += (carried.empty() ? "" : ", ") + FiguresWords(b);
    p.explanation.push_back("Provisional: some " + year.title +
                            " figures are carried from the year before until they are published (" +
                            carried + "). Check this pay again when they are.");
  }
  p.explanation.push_back(fmt::format(FMT_COMPILE("Net pay: {}. Cost to the employer: {}."),
                                      MoneyText(p.net_pay), MoneyText(p.employer_cost)));
  return p;
}

}  // namespace selfdirect::domain::payroll
