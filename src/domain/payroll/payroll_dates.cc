// File: payroll_dates.cc
// Codes and dates of payroll: pay frequencies, NI categories, auto-enrolment statuses, tax
// periods of a pay date, pay periods, State Pension age and the minimum wage in force.
#include <algorithm>

#include "domain/payroll/payroll.h"

namespace selfdirect::domain::payroll {

std::string_view FrequencyCode(Frequency f) {
  switch (f) {
    case Frequency::kWeekly:
      return "weekly";
    case Frequency::kFortnightly:
      return "fortnightly";
    case Frequency::kFourWeekly:
      return "four_weekly";
    case Frequency::kMonthly:
      return "monthly";
  }
  return "monthly";
}

std::optional<Frequency> FrequencyFromCode(std::string_view code) {
  for (Frequency f : kFrequencies)
    if (FrequencyCode(f) == code) return f;
  return std::nullopt;
}

std::string_view FrequencyNoun(Frequency f) {
  switch (f) {
    case Frequency::kWeekly:
      return "week";
    case Frequency::kFortnightly:
      return "fortnight";
    case Frequency::kFourWeekly:
      return "four weeks";
    case Frequency::kMonthly:
      return "month";
  }
  return "month";
}

int WeeksPerPeriod(Frequency f) {
  switch (f) {
    case Frequency::kWeekly:
      return 1;
    case Frequency::kFortnightly:
      return 2;
    case Frequency::kFourWeekly:
      return 4;
    case Frequency::kMonthly:
      return 0;
  }
  return 0;
}

std::optional<NiCategory> NiCategoryFromCode(std::string_view code) {
  if (code == "A") return NiCategory::kA;
  if (code == "C") return NiCategory::kC;
  if (code == "H") return NiCategory::kH;
  if (code == "M") return NiCategory::kM;
  if (code == "X") return NiCategory::kX;
  return std::nullopt;
}

char NiCategoryLetter(NiCategory c) { return "ACHMX"[static_cast<int>(c)]; }

std::string_view AeStatusCode(AeStatus s) {
  switch (s) {
    case AeStatus::kEligibleJobholder:
      return "eligible_jobholder";
    case AeStatus::kNonEligibleJobholder:
      return "non_eligible_jobholder";
    case AeStatus::kEntitledWorker:
      return "entitled_worker";
    case AeStatus::kNotAWorker:
      return "not_a_worker_for_auto_enrolment";
  }
  return "entitled_worker";
}

int ExpectedPeriod(Date pay_date, Frequency f) {
  if (f == Frequency::kMonthly) {
    int month = pay_date.day() >= 6 ? pay_date.month() : pay_date.month() - 1;
    if (month == 0) month = 12;
    return (month - 4 + 12) % 12 + 1;
  }
  TaxYear year = TaxYear::Containing(pay_date);
  auto week = static_cast<int>(pay_date.DaysSince(year.start()) / 7 + 1);
  if (week < 53) return week;
  return f == Frequency::kFortnightly ? 54 : f == Frequency::kFourWeekly ? 56 : 53;
}

namespace {

// The same day `months` months later (earlier when negative), or the month's last day.
Date AddMonths(Date d, int months) {
  int index = d.year() * 12 + (d.month() - 1) + months;
  int year = index / 12, month = index % 12 + 1;
  return *Date::FromYmd(year, month, std::min(d.day(), DaysInMonth(year, month)));
}

}  // namespace

Date PayPeriodStart(Date pay_date, Frequency f) {
  if (f == Frequency::kMonthly) return AddMonths(pay_date, -1).AddDays(1);
  return pay_date.AddDays(-(7 * WeeksPerPeriod(f) - 1));
}

const MinimumWage* MinimumWageOn(const std::vector<MinimumWage>& rates, Date start) {
  const MinimumWage* found = nullptr;
  for (const auto& r : rates)
    if (r.effective_from <= start && (found == nullptr || r.effective_from > found->effective_from))
      found = &r;
  return found;
}

bool ReachedPensionAge(const std::vector<PensionAgeRule>& rules, Date born, Date on) {
  for (const auto& rule : rules)
    if (born >= rule.born_from && born <= rule.born_to)
      return on >= AddMonths(born, rule.years * 12 + rule.months);
  return AgeOn(born, on) >= 66;  // The shipped table covers every birth date; 66 otherwise.
}

}  // namespace selfdirect::domain::payroll
