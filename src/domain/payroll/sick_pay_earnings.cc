// File: sick_pay_earnings.cc
// The linked series of sick days and the average weekly earnings statutory sick pay is measured
// against (sick_pay.h).
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "domain/payroll/sick_pay.h"

namespace selfdirect::domain::payroll {

namespace {

// Two sick days belong to one linked series when no more than 8 weeks (56 days) lie between.
constexpr int64_t kLinkDays = 56;

Date SeriesStart(std::vector<Date> days, Date first) {
  std::sort(days.begin(), days.end());
  Date start = first;
  for (auto it = days.rbegin(); it != days.rend(); ++it)
    if (*it < start && start.DaysSince(*it) - 1 <= kLinkDays) start = *it;
  return start;
}

// Whole calendar months from `from` to `to`: odd days of 16 or more (15 or more in February)
// count as a month (SPM170400).
int64_t WholeMonths(Date from, Date to) {
  int months = 0;
  while (from.AddMonths(months + 1).AddDays(-1) <= to) ++months;
  const int64_t odd = to.DaysSince(from.AddMonths(months).AddDays(-1));
  const int64_t half = to.month() == 2 ? 15 : 16;
  return months + (odd >= half ? 1 : 0);
}

std::string Period(Date from, Date to) {
  return fmt::format("from {} to {}", from.ToLongString(), to.ToLongString());
}

void Average(SickPayEarnings& e, Frequency f) {
  const int64_t days = e.to->DaysSince(*e.from) + 1;
  const int64_t months = f == Frequency::kMonthly ? WholeMonths(*e.from, *e.to) : 0;
  if (months > 0) {
    e.average_weekly =
        DivideRounding(Pence::FromPence(e.total.pence() * 12), months * 52, Rounding::kDown);
    e.explanation =
        fmt::format("Average weekly earnings {}: {} paid {} ({} calendar months) x 12 / 52.",
                    e.average_weekly.ToDisplayString(), e.total.ToDisplayString(),
                    Period(*e.from, *e.to), months);
    return;
  }
  e.average_weekly = DivideRounding(Pence::FromPence(e.total.pence() * 7), days, Rounding::kDown);
  e.explanation =
      fmt::format("Average weekly earnings {}: {} paid {}{} ({} days) x 7 / {}.",
                  e.average_weekly.ToDisplayString(), e.total.ToDisplayString(),
                  e.new_starter ? "for the days " : "", Period(*e.from, *e.to), days, days);
}

// Employed for less than 8 weeks (SPM170600): everything paid before the series, over the days
// it is for (which can reach past the first day off sick: pay for a whole week is over the whole
// week); when a payment does not say, from the start (or its pay period) to the last normal
// payday.
void NewStarterPeriod(const SickPayEarningsInput& in, SickPayEarnings& e) {
  const Date last_payday = *e.to;
  e.new_starter = true;
  bool known = true;
  std::optional<Date> first, last;
  for (const auto& p : in.payments) {
    if (p.pay_date > last_payday) continue;
    e.total = e.total + p.gross;
    known = known && p.first_day && p.last_day;
    if (p.first_day && (!first || *p.first_day < *first)) first = p.first_day;
    if (p.last_day && (!last || *p.last_day > *last)) last = p.last_day;
  }
  if (known && first && last) {
    e.from = std::max(in.employment_start, *first);
    e.to = std::max(*e.from, *last);
    return;
  }
  Date earliest = last_payday;
  for (const auto& p : in.payments) earliest = std::min(earliest, p.pay_date);
  e.from = std::max(in.employment_start, PayPeriodStart(earliest, in.frequency));
  e.from = std::min(*e.from, last_payday);
}

// The normal paydays (SPM170300): the days the pay pattern says pay is due, whether or not
// anything was paid on them, read from the payments: the position in the cycle most payments
// fell on (the latest wins a tie), so one run paid a day early does not move them. By the week
// (or 2 or 4): every so many days from the latest payment there. Monthly: that day of every
// month, a month's last day counting as the 31st (the last day of every month).
class NormalPaydays {
 public:
  NormalPaydays(Frequency f, const std::vector<EarningsPaid>& paid) : frequency_(f) {
    std::vector<Date> days;
    for (const auto& p : paid) days.push_back(p.pay_date);
    std::sort(days.begin(), days.end());
    anchor_ = days.back();
    std::map<int64_t, int> seen;  // Position in the cycle -> payments there.
    for (Date d : days) ++seen[Position(d)];
    int best = 0;
    for (auto it = days.rbegin(); it != days.rend(); ++it) {  // The latest wins a tie.
      const int n = seen[Position(*it)];
      if (n > best) best = n, anchor_ = *it;
    }
    month_day_ = static_cast<int>(Position(anchor_));
  }

  // The last normal payday on or before `limit`.
  Date OnOrBefore(Date limit) const {
    if (frequency_ == Frequency::kMonthly) {
      Date d = InMonth(limit.year(), limit.month());
      if (d <= limit) return d;
      Date before = limit.AddMonths(-1);
      return InMonth(before.year(), before.month());
    }
    const int64_t step = 7 * WeeksPerPeriod(frequency_);
    int64_t diff = limit.DaysSince(anchor_);
    int64_t periods = diff >= 0 ? diff / step : -((-diff + step - 1) / step);
    return anchor_.AddDays(periods * step);
  }

 private:
  // Where `d` sits in the pay cycle: monthly, its day of the month (31 for a month's last day,
  // so the last day of every month is one position); otherwise its day modulo the cycle.
  int64_t Position(Date d) const {
    if (frequency_ == Frequency::kMonthly)
      return d.day() == DaysInMonth(d.year(), d.month()) ? 31 : d.day();
    const int64_t step = 7 * WeeksPerPeriod(frequency_);
    return ((d.DaysSinceEpoch() % step) + step) % step;
  }
  Date InMonth(int year, int month) const {
    return *Date::FromYmd(year, month, std::min(month_day_, DaysInMonth(year, month)));
  }

  Frequency frequency_;
  Date anchor_;
  int month_day_ = 1;
};

}  // namespace

SickPayEarnings SickPayEarningsFor(const SickPayEarningsInput& in) {
  SickPayEarnings e;
  e.piw_start = SeriesStart(in.sick_days, in.first_sick_day);
  for (Date d : in.sick_days)
    if (d >= e.piw_start && d < in.first_sick_day) ++e.waiting_days_served;
  std::vector<EarningsPaid> before;
  for (const auto& p : in.payments)
    if (p.pay_date < e.piw_start) before.push_back(p);
  if (before.empty()) {
    e.average_weekly = in.contractual_weekly;
    e.explanation = fmt::format(
        "Average weekly earnings {}: a week's pay by the contract, as nothing was paid before "
        "the first day off sick.",
        e.average_weekly.ToDisplayString());
    return e;
  }
  const NormalPaydays paydays(in.frequency, before);
  e.to = paydays.OnOrBefore(e.piw_start.AddDays(-1));
  const Date eight_weeks_back = paydays.OnOrBefore(e.to->AddDays(-kLinkDays));
  if (in.employment_start <= eight_weeks_back) {  // Employed since before the period began.
    e.from = eight_weeks_back.AddDays(1);
    for (const auto& p : before)
      if (p.pay_date >= *e.from && p.pay_date <= *e.to) e.total = e.total + p.gross;
  } else {
    NewStarterPeriod(in, e);
  }
  Average(e, in.frequency);
  return e;
}

}  // namespace selfdirect::domain::payroll
