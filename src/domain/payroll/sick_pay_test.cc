// Golden cases for the earnings statutory sick pay is measured against, worked by hand from
// HMRC's Statutory Payments Manual (SPM170200 to SPM170700).
#include "domain/payroll/sick_pay.h"

#include <gtest/gtest.h>

namespace selfdirect::domain::payroll {
namespace {

Pence P(std::string_view s) { return *Pence::Parse(s); }
Date D(std::string_view s) { return *Date::Parse(s); }

// Paid every Friday from `first` for `weeks` weeks, `each` a time.
std::vector<EarningsPaid> Fridays(std::string_view first, int weeks, std::string_view each) {
  std::vector<EarningsPaid> out;
  for (int i = 0; i < weeks; ++i) out.push_back({D(first).AddDays(7 * i), P(each)});
  return out;
}

TEST(SickPayEarnings, WeeklyPaidEightWeeksBeforeTheLastPaydayBeforeTheSickness) {
  // Sick from Wednesday 15 July 2026; the last payday before is Friday 10 July, and the payday
  // 8 weeks before that is 15 May, so the period is 16 May to 10 July: 8 paydays of £200.
  SickPayEarningsInput in{Frequency::kWeekly,
                          D("2026-01-05"),
                          {D("2026-07-15")},
                          D("2026-07-15"),
                          Fridays("2026-03-06", 20, "200"),
                          P("0")};
  auto e = SickPayEarningsFor(in);
  EXPECT_EQ(e.piw_start, D("2026-07-15"));
  EXPECT_EQ(e.from, D("2026-05-16"));
  EXPECT_EQ(e.to, D("2026-07-10"));
  EXPECT_EQ(e.total, P("1600"));
  EXPECT_EQ(e.average_weekly, P("200"));
  EXPECT_EQ(e.waiting_days_served, 0);
  EXPECT_EQ(e.explanation,
            "Average weekly earnings £200.00: £1,600.00 paid from 16 May 2026 to 10 July 2026 (56 "
            "days) x 7 / 56.");
}

TEST(SickPayEarnings, PayInTheWeeksAfterTheSicknessBeganDoesNotCount) {
  // Paid £500 on 17 and 24 July, after the first day off sick: still the 8 weeks to 10 July.
  auto pay = Fridays("2026-03-06", 19, "200");
  pay.push_back({D("2026-07-17"), P("500")});
  pay.push_back({D("2026-07-24"), P("500")});
  SickPayEarningsInput in{Frequency::kWeekly,
                          D("2026-01-05"),
                          {D("2026-07-15"), D("2026-07-22")},
                          D("2026-07-22"),
                          pay,
                          P("0")};
  auto e = SickPayEarningsFor(in);
  EXPECT_EQ(e.piw_start, D("2026-07-15"));  // A week earlier: the same series.
  EXPECT_EQ(e.average_weekly, P("200"));
  EXPECT_EQ(e.waiting_days_served, 1);
}

TEST(SickPayEarnings, MonthlyPaidCountsCalendarMonthsTimesTwelveOverFiftyTwo) {
  // Paid on the last day of each month; sick from 10 September 2026. The relevant period is
  // 1 July to 31 August, 2 months: (£1,000 + £1,200) / 2 x 12 / 52 = £253.846..., £253.84.
  std::vector<EarningsPaid> pay = {{D("2026-05-31"), P("900")},
                                   {D("2026-06-30"), P("950")},
                                   {D("2026-07-31"), P("1000")},
                                   {D("2026-08-31"), P("1200")}};
  SickPayEarningsInput in{
      Frequency::kMonthly, D("2026-01-01"), {D("2026-09-10")}, D("2026-09-10"), pay, P("0")};
  auto e = SickPayEarningsFor(in);
  EXPECT_EQ(e.from, D("2026-07-01"));
  EXPECT_EQ(e.to, D("2026-08-31"));
  EXPECT_EQ(e.total, P("2200"));
  EXPECT_EQ(e.average_weekly, P("253.84"));
  EXPECT_EQ(e.explanation,
            "Average weekly earnings £253.84: £2,200.00 paid from 1 July 2026 to 31 August 2026 "
            "(2 calendar months) x 12 / 52.");
}

TEST(SickPayEarnings, MonthlyOddDaysRoundToAMonthFromSixteenOrFifteenInFebruary) {
  // A new starter on 10 February 2027 paid on 28 February for 19 days: 15 or more in February
  // count as a month, so £400 x 12 / 52 = £92.307..., £92.30.
  SickPayEarningsInput in{
      Frequency::kMonthly,           D("2027-02-10"), {D("2027-03-03")}, D("2027-03-03"),
      {{D("2027-02-28"), P("400")}}, P("0")};
  auto e = SickPayEarningsFor(in);
  EXPECT_EQ(e.from, D("2027-02-10"));
  EXPECT_EQ(e.average_weekly, P("92.30"));
  // Started on 15 February: 14 days is less than a month, so by the day: £280 x 7 / 14.
  in.employment_start = D("2027-02-15");
  in.payments = {{D("2027-02-28"), P("280")}};
  e = SickPayEarningsFor(in);
  EXPECT_EQ(e.average_weekly, P("140"));
}

TEST(SickPayEarnings, NewStarterAveragesOverTheDaysTheirPayCovers) {
  // Started Monday 1 June 2026, paid £100 on 5 June and £200 on 12 June, sick from 17 June:
  // £300 over the 12 days from 1 to 12 June, x 7 / 12 = £175.
  SickPayEarningsInput in{Frequency::kWeekly,
                          D("2026-06-01"),
                          {D("2026-06-17")},
                          D("2026-06-17"),
                          {{D("2026-06-05"), P("100")}, {D("2026-06-12"), P("200")}},
                          P("0")};
  auto e = SickPayEarningsFor(in);
  EXPECT_EQ(e.from, D("2026-06-01"));
  EXPECT_EQ(e.to, D("2026-06-12"));
  EXPECT_EQ(e.average_weekly, P("175"));
  // When each payment says the days it was for (weeks of Monday to Sunday, paid on the Friday):
  // £300 for the 14 days from 1 to 14 June, x 7 / 14 = £150.
  in.payments = {{D("2026-06-05"), P("100"), D("2026-06-01"), D("2026-06-07")},
                 {D("2026-06-12"), P("200"), D("2026-06-08"), D("2026-06-14")}};
  e = SickPayEarningsFor(in);
  EXPECT_EQ(e.from, D("2026-06-01"));
  EXPECT_EQ(e.to, D("2026-06-14"));
  EXPECT_EQ(e.average_weekly, P("150"));
  EXPECT_EQ(e.explanation,
            "Average weekly earnings £150.00: £300.00 paid for the days from 1 June 2026 to 14 "
            "June 2026 (14 days) x 7 / 14.");
}

TEST(SickPayEarnings, NothingPaidYetUsesTheContractsWeek) {
  SickPayEarningsInput in{
      Frequency::kFourWeekly, D("2026-06-01"), {D("2026-06-03")}, D("2026-06-03"), {}, P("150")};
  auto e = SickPayEarningsFor(in);
  EXPECT_FALSE(e.from.has_value());
  EXPECT_EQ(e.average_weekly, P("150"));
  EXPECT_EQ(e.explanation,
            "Average weekly earnings £150.00: a week's pay by the contract, as nothing was paid "
            "before the first day off sick.");
}

TEST(SickPayEarnings, SicknessLinksAcrossNoMoreThanEightWeeks) {
  // 56 days between 3 June and 30 July: one series, measured from 1 June, 3 days served.
  std::vector<Date> sick = {D("2026-06-01"), D("2026-06-02"), D("2026-06-03"), D("2026-07-30")};
  SickPayEarningsInput in{Frequency::kWeekly,
                          D("2026-01-05"),
                          sick,
                          D("2026-07-30"),
                          Fridays("2026-03-06", 22, "200"),
                          P("0")};
  auto e = SickPayEarningsFor(in);
  EXPECT_EQ(e.piw_start, D("2026-06-01"));
  EXPECT_EQ(e.waiting_days_served, 3);
  EXPECT_EQ(e.to, D("2026-05-29"));  // The last payday before 1 June.
  // 57 days between: a new series from 31 July.
  in.sick_days.back() = D("2026-07-31");
  in.first_sick_day = D("2026-07-31");
  e = SickPayEarningsFor(in);
  EXPECT_EQ(e.piw_start, D("2026-07-31"));
  EXPECT_EQ(e.waiting_days_served, 0);
  EXPECT_EQ(e.to, D("2026-07-24"));
}

TEST(SickPayEarnings, APaydayWithNothingPaidStillBoundsThePeriod) {
  // Paid every Friday, but nothing on 15 May (the payday 8 weeks before 10 July): the period
  // still starts on 16 May, so the average is £1,600 x 7 / 56 = £200, not over 63 days.
  auto pay = Fridays("2026-03-06", 20, "200");
  std::erase_if(pay, [](const EarningsPaid& p) { return p.pay_date == D("2026-05-15"); });
  SickPayEarningsInput in{
      Frequency::kWeekly, D("2026-01-05"), {D("2026-07-15")}, D("2026-07-15"), pay, P("0")};
  auto e = SickPayEarningsFor(in);
  EXPECT_EQ(e.from, D("2026-05-16"));
  EXPECT_EQ(e.to, D("2026-07-10"));
  EXPECT_EQ(e.average_weekly, P("200"));
  // Nothing paid on 10 July either, the last payday before the sickness: the period does not
  // slide back a week; 7 x £200 over the same 56 days is £175.
  std::erase_if(in.payments, [](const EarningsPaid& p) { return p.pay_date == D("2026-07-10"); });
  e = SickPayEarningsFor(in);
  EXPECT_EQ(e.from, D("2026-05-16"));
  EXPECT_EQ(e.to, D("2026-07-10"));
  EXPECT_EQ(e.total, P("1400"));
  EXPECT_EQ(e.average_weekly, P("175"));
  EXPECT_FALSE(e.new_starter);
}

TEST(SickPayEarnings, MonthlyPaidOnTheLastDayWithAMonthUnpaid) {
  // Paid on the last day of the month, nothing in July, sick from 10 September 2026: the
  // normal paydays are 30 June and 31 August, so 1 July to 31 August, 2 months:
  // £1,200 x 12 / 104 = £138.461..., £138.46.
  std::vector<EarningsPaid> pay = {
      {D("2026-05-31"), P("900")}, {D("2026-06-30"), P("950")}, {D("2026-08-31"), P("1200")}};
  SickPayEarningsInput in{
      Frequency::kMonthly, D("2026-01-01"), {D("2026-09-10")}, D("2026-09-10"), pay, P("0")};
  auto e = SickPayEarningsFor(in);
  EXPECT_EQ(e.from, D("2026-07-01"));
  EXPECT_EQ(e.to, D("2026-08-31"));
  EXPECT_EQ(e.average_weekly, P("138.46"));
}

TEST(SickPayEarnings, ANewStartersPayForAWholeWeekIsOverTheWholeWeek) {
  // Started Monday 1 June, paid £400 on Friday 12 June for the fortnight to Sunday 14 June, off
  // sick from Saturday 13 June: £400 was for 14 days, so £400 x 7 / 14 = £200 (not over 12).
  SickPayEarningsInput in{Frequency::kFortnightly,
                          D("2026-06-01"),
                          {D("2026-06-13")},
                          D("2026-06-13"),
                          {{D("2026-06-12"), P("400"), D("2026-06-01"), D("2026-06-14")}},
                          P("0")};
  auto e = SickPayEarningsFor(in);
  EXPECT_TRUE(e.new_starter);
  EXPECT_EQ(e.from, D("2026-06-01"));
  EXPECT_EQ(e.to, D("2026-06-14"));
  EXPECT_EQ(e.average_weekly, P("200"));
}

TEST(SickPayEarnings, EmployedLongerThanEightWeeksButFirstPaidLateIsNoNewStarter) {
  // Started in January on irregular hours, first paid £200 on 3 and 10 July, sick from 15 July:
  // the 8 weeks from 16 May to 10 July hold £400, so £400 x 7 / 56 = £50.
  SickPayEarningsInput in{Frequency::kWeekly,
                          D("2026-01-05"),
                          {D("2026-07-15")},
                          D("2026-07-15"),
                          {{D("2026-07-03"), P("200")}, {D("2026-07-10"), P("200")}},
                          P("0")};
  auto e = SickPayEarningsFor(in);
  EXPECT_FALSE(e.new_starter);
  EXPECT_EQ(e.from, D("2026-05-16"));
  EXPECT_EQ(e.average_weekly, P("50"));
}

TEST(SickPayEarnings, OneRunPaidADayEarlyDoesNotMoveThePaydays) {
  // Paid every Friday, but Christmas week's run on Thursday 24 December; sick from Tuesday 29
  // December: the paydays stay Fridays, so 31 October to 25 December: 8 payments, £200.
  auto pay = Fridays("2026-09-04", 16, "200");
  std::erase_if(pay, [](const EarningsPaid& p) { return p.pay_date == D("2026-12-25"); });
  pay.push_back({D("2026-12-24"), P("200")});
  SickPayEarningsInput in{
      Frequency::kWeekly, D("2026-01-05"), {D("2026-12-29")}, D("2026-12-29"), pay, P("0")};
  auto e = SickPayEarningsFor(in);
  EXPECT_EQ(e.from, D("2026-10-31"));
  EXPECT_EQ(e.to, D("2026-12-25"));
  EXPECT_EQ(e.total, P("1600"));
  EXPECT_EQ(e.average_weekly, P("200"));
}

TEST(SickPayEarnings, MonthlyPaydaysFollowTheLatestPayment) {
  // Paid on the 28th to June, then on the 15th; sick from 20 August: the normal paydays are the
  // 15th, so 16 June to 15 August (2 months) holds 28 June, 15 July and 15 August.
  std::vector<EarningsPaid> pay = {{D("2026-05-28"), P("900")},
                                   {D("2026-06-28"), P("900")},
                                   {D("2026-07-15"), P("1000")},
                                   {D("2026-08-15"), P("1000")}};
  SickPayEarningsInput in{
      Frequency::kMonthly, D("2026-01-01"), {D("2026-08-20")}, D("2026-08-20"), pay, P("0")};
  auto e = SickPayEarningsFor(in);
  EXPECT_EQ(e.from, D("2026-06-16"));
  EXPECT_EQ(e.to, D("2026-08-15"));
  EXPECT_EQ(e.total, P("2900"));
}

TEST(SickPayEarnings, MonthlyPaidOnTheLastWorkingDay) {
  // £1,300 paid on 30 November, 31 December and Friday 29 January (the 31st is a Sunday); sick
  // from 10 February 2027. Most payments fell on a month's last day, so the paydays are the last
  // day of each month: 1 December to 31 January (2 months), £2,600 x 12 / 104 = £300.
  std::vector<EarningsPaid> pay = {
      {D("2026-11-30"), P("1300")}, {D("2026-12-31"), P("1300")}, {D("2027-01-29"), P("1300")}};
  SickPayEarningsInput in{
      Frequency::kMonthly, D("2026-01-01"), {D("2027-02-10")}, D("2027-02-10"), pay, P("0")};
  auto e = SickPayEarningsFor(in);
  EXPECT_EQ(e.from, D("2026-12-01"));
  EXPECT_EQ(e.to, D("2027-01-31"));
  EXPECT_EQ(e.total, P("2600"));
  EXPECT_EQ(e.average_weekly, P("300"));
}

}  // namespace
}  // namespace selfdirect::domain::payroll
