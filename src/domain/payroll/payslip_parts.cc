// File: payslip_parts.cc
// The checks and explanation lines of a payslip beyond tax and NI: the period against the pay
// date, the workplace pension, auto-enrolment and the minimum wage.
#include <fmt/compile.h>
#include <fmt/format.h>

#include "domain/payroll/payroll_parts.h"

namespace selfdirect::domain::payroll {
namespace {

std::string PeriodWords(Frequency f, int period) {
  return f == Frequency::kMonthly ? fmt::format(FMT_COMPILE("tax month {}"), period)
                                  : fmt::format(FMT_COMPILE("tax week {}"), period);
}

}  // namespace

std::string MoneyText(Pence p) { return p.ToDisplayString(); }

std::string PercentText(int64_t bp) {
  std::string s = fmt::format(FMT_COMPILE("{}.{:02}"), bp / 100, bp % 100);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s + "%";
}

Status CheckPeriod(const PayslipInput& in, const PayrollYear& year) {
  if (TaxYear::Containing(in.pay_date).start() != year.effective_from)
    return Error::InvalidArgument("The pay date is not in the tax year of the payroll figures",
                                  {{"pay_date", "is not in tax year " + year.title}});
  int expected = ExpectedPeriod(in.pay_date, in.frequency);
  bool week53 = expected >= 53 && (in.period == 53 || in.period == expected);
  if (in.period == expected || week53) return OkStatus();
  std::string message = fmt::format(
      FMT_COMPILE("must be {} for a {} payment on {}: the pay date is in {}"), expected,
      FrequencyCode(in.frequency), in.pay_date.ToString(), PeriodWords(in.frequency, expected));
  return Error::InvalidArgument("The period does not agree with the pay date",
                                {{"period", message}});
}

void ExplainPension(const PensionTerms* terms, const PensionResult& p, const AePeriod& ae,
                    std::vector<std::string>& why) {
  if (terms == nullptr || !terms->enrolled) {
    why.push_back("Workplace pension: not enrolled, so nothing is paid in.");
    return;
  }
  why.push_back(fmt::format(
      FMT_COMPILE(
          "Workplace pension: qualifying earnings {} (pay up to {}, less the first {}); employee "
          "{} = {}, employer {} = {}."),
      MoneyText(p.qualifying_earnings), MoneyText(ae.qe_upper), MoneyText(ae.qe_lower),
      PercentText(terms->employee_bp), MoneyText(p.employee_full), PercentText(terms->employer_bp),
      MoneyText(p.employer)));
  if (terms->relief == PensionRelief::kReliefAtSource)
    why.push_back(fmt::format(FMT_COMPILE("The pension scheme claims basic-rate tax relief on the "
                                          "employee's share, so 80% of it, "
                                          "{}, comes off pay after tax."),
                              MoneyText(p.employee_deducted)));
  else
    why.push_back(
        fmt::format(FMT_COMPILE("The employee's share, {}, comes off pay before tax (net pay "
                                "arrangement); National Insurance is still on the whole pay."),
                    MoneyText(p.employee_deducted)));
}

void ExplainAutoEnrolment(AeStatus s, int age, Pence gross, const AePeriod& ae, Frequency f,
                          std::vector<std::string>& why) {
  std::string pay = fmt::format(FMT_COMPILE("aged {} and paid {} this {}"), age, MoneyText(gross),
                                FrequencyNoun(f));
  switch (s) {
    case AeStatus::kEligibleJobholder:
      why.push_back(fmt::format(
          FMT_COMPILE("Auto-enrolment: {}, more than {}: an eligible jobholder, who must "
                      "be enrolled in a workplace pension."),
          pay, MoneyText(ae.trigger)));
      break;
    case AeStatus::kNonEligibleJobholder:
      why.push_back(fmt::format(
          FMT_COMPILE("Auto-enrolment: {}: a non-eligible jobholder, who may ask to join "
                      "and then has employer contributions."),
          pay));
      break;
    case AeStatus::kEntitledWorker:
      why.push_back(
          fmt::format(FMT_COMPILE("Auto-enrolment: {}: an entitled worker, who may ask to join a "
                                  "pension (the employer need not pay in)."),
                      pay));
      break;
    case AeStatus::kNotAWorker:
      why.push_back(fmt::format(
          FMT_COMPILE("Auto-enrolment: {}: outside the ages auto-enrolment covers."), pay));
      break;
  }
}

bool CheckMinimumWage(const PayslipInput& in, const std::vector<MinimumWage>& rates,
                      std::vector<std::string>& why) {
  Date start = PayPeriodStart(in.pay_date, in.frequency);
  const MinimumWage* mw = MinimumWageOn(rates, start);
  int age = AgeOn(in.date_of_birth, start);
  bool has_hours = false;
  for (const auto& item : in.pay) has_hours = has_hours || item.kind == PayItem::Kind::kHours;
  if (mw == nullptr || !has_hours) return false;
  if (age < 16) {
    why.push_back("Minimum wage: does not apply to someone under 16.");
    return false;
  }
  Pence minimum = age >= 21 ? mw->age21_and_over : age >= 18 ? mw->age18_to_20 : mw->age16_to_17;
  std::string band = age >= 21 ? "21 or over" : age >= 18 ? "18 to 20" : "16 or 17";
  bool below = false;
  for (const auto& item : in.pay) {
    if (item.kind != PayItem::Kind::kHours || item.rate >= minimum) continue;
    below = true;
    why.push_back(fmt::format(
        FMT_COMPILE(
            "Minimum wage: {} an hour is below the {} an hour the law sets for someone aged {} in "
            "a "
            "pay period starting {}. Pay at least the minimum before this payment is made."),
        MoneyText(item.rate), MoneyText(minimum), band, start.ToLongString()));
  }
  if (!below)
    why.push_back(
        fmt::format(FMT_COMPILE("Minimum wage: every hourly rate is at least {} (aged {})."),
                    MoneyText(minimum), band));
  return below;
}

}  // namespace selfdirect::domain::payroll
