// Golden cases for a PA's holiday in the leave year (holiday.h), worked by hand.
#include "domain/payroll/holiday.h"

#include <gtest/gtest.h>

namespace selfdirect::domain::payroll {
namespace {

Date D(std::string_view s) { return *Date::Parse(s); }

EngagementTerms Terms(HolidayBasis basis, int64_t weekly_hundredths) {
  EngagementTerms t;
  t.holiday = basis;
  t.weekly_hours_hundredths = weekly_hundredths;
  t.start = D("2025-06-02");
  return t;
}

const HolidayRates kRates{1207, 560};

Timesheet Week(std::string_view monday, int64_t worked, int64_t holiday = 0) {
  Timesheet t{D(monday), {{D(monday), TimesheetEntry::Kind::kWorked, worked}}};
  if (holiday > 0)
    t.entries.push_back({D(monday).AddDays(1), TimesheetEntry::Kind::kHoliday, holiday});
  return t;
}

TEST(Holiday, TheLeaveYearStartsOnTheAnniversaryOfTheStart) {
  EXPECT_EQ(LeaveYearOf(D("2025-06-02"), D("2026-06-01")),
            std::make_pair(D("2025-06-02"), D("2026-06-01")));
  EXPECT_EQ(LeaveYearOf(D("2025-06-02"), D("2026-06-02")),
            std::make_pair(D("2026-06-02"), D("2027-06-01")));
  EXPECT_EQ(LeaveYearOf(D("2025-06-02"), D("2025-05-01")).first, D("2025-06-02"));  // Before.
}

TEST(Holiday, IrregularHoursAccrueTwelvePointZeroSevenPercentOfHoursWorked) {
  // In the leave year from 2 June 2026, to 6 July: the 40 hours of May were in the year before,
  // and 7 July's holiday is after the day asked about.
  std::vector<Timesheet> sheets = {Week("2026-05-25", 4000), Week("2026-06-08", 5000, 400),
                                   Week("2026-06-15", 5350), Week("2026-07-06", 900, 300)};
  auto b = HolidayBalanceOn(Terms(HolidayBasis::kAccrual, 0), sheets, D("2026-07-06"), kRates);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->year_start, D("2026-06-02"));
  EXPECT_EQ(b->year_end, D("2027-06-01"));
  EXPECT_EQ(b->worked_hundredths, 11250);  // 50 + 53.5 + 9 on 6 July.
  EXPECT_EQ(b->earned_hundredths, 1358);   // 12.07% of 112.5 = 13.57875, 13.58 half up.
  EXPECT_EQ(b->taken_hundredths, 400);     // 7 July's 3 hours are after the day.
  EXPECT_EQ(b->left_hundredths, 958);
  EXPECT_EQ(b->basis, "12.07% of the 112.5 hours worked");
}

TEST(Holiday, FixedHoursEarnFivePointSixWeeksOfTheContractsHours) {
  std::vector<Timesheet> sheets = {Week("2026-06-08", 2000, 750), Week("2026-06-15", 2000, 2000)};
  auto b =
      HolidayBalanceOn(Terms(HolidayBasis::kFixedHours, 2000), sheets, D("2026-07-01"), kRates);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->earned_hundredths, 11200);  // 5.6 x 20 hours.
  EXPECT_EQ(b->taken_hundredths, 2750);
  EXPECT_EQ(b->left_hundredths, 8450);
  EXPECT_EQ(b->basis, "5.6 weeks of 20 hours a week");
}

TEST(Holiday, MoreTakenThanEarnedLeavesLessThanNothing) {
  std::vector<Timesheet> sheets = {Week("2026-06-08", 1000, 800)};
  auto b = HolidayBalanceOn(Terms(HolidayBasis::kAccrual, 0), sheets, D("2026-06-30"), kRates);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->earned_hundredths, 121);  // 1.207 hours.
  EXPECT_EQ(b->left_hundredths, -679);
  EXPECT_EQ(HolidayHoursText(b->left_hundredths), "-6.79");
}

TEST(Holiday, RolledUpHolidayPayHoldsNothingBack) {
  EXPECT_FALSE(HolidayBalanceOn(Terms(HolidayBasis::kRolledUp, 0), {}, D("2026-06-30"), kRates));
}

TEST(Holiday, ATimesheetTakingMoreHolidayThanIsLeftIsFlagged) {
  TimesheetLimits limits;
  limits.holiday_left = {{D("2025-06-02"), 450}};
  auto s = CheckTimesheet(Week("2026-01-05", 0, 600), limits);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->flags.size(), 1u);
  EXPECT_EQ(s->flags[0], "6 hours of holiday: more than the 4.5 hours left this leave year");
  limits.holiday_left = {{D("2025-06-02"), 600}};
  EXPECT_TRUE(CheckTimesheet(Week("2026-01-05", 0, 600), limits)->flags.empty());
}

TEST(Holiday, AWeekAcrossTheAnniversaryIsMeasuredAgainstEachYear) {
  // The week of Monday 1 June 2026: Monday is the last day of the leave year from 2 June 2025
  // (1 hour left), Tuesday the first of the next (112 hours). 3 hours on Monday are too many;
  // 4 hours on Tuesday are not, though 7 hours is more than the old year had left.
  Timesheet week{D("2026-06-01"),
                 {{D("2026-06-01"), TimesheetEntry::Kind::kHoliday, 300},
                  {D("2026-06-02"), TimesheetEntry::Kind::kHoliday, 400}}};
  TimesheetLimits limits;
  limits.holiday_left = {{D("2025-06-02"), 100}, {D("2026-06-02"), 11200}};
  auto s = CheckTimesheet(week, limits);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->flags.size(), 1u);
  EXPECT_EQ(s->flags[0],
            "3 hours of holiday: more than the 1 hour left in the leave year ending that week");
  week.entries[0].hours_hundredths = 100;
  EXPECT_TRUE(CheckTimesheet(week, limits)->flags.empty());
}

TEST(Holiday, AStartOn29FebruaryHasALeaveYearEveryYearWithNoGap) {
  // The anniversary falls on 28 February in years without a 29th.
  EXPECT_EQ(LeaveYearOf(D("2024-02-29"), D("2025-02-27")),
            std::make_pair(D("2024-02-29"), D("2025-02-27")));
  EXPECT_EQ(LeaveYearOf(D("2024-02-29"), D("2025-02-28")),
            std::make_pair(D("2025-02-28"), D("2026-02-27")));
  EXPECT_EQ(LeaveYearOf(D("2024-02-29"), D("2028-03-01")),
            std::make_pair(D("2028-02-29"), D("2029-02-27")));
}

}  // namespace
}  // namespace selfdirect::domain::payroll
