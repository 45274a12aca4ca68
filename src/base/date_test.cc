#include "base/date.h"

#include <gtest/gtest.h>

namespace selfdirect {
namespace {

TEST(Date, ParsesAndFormatsIso) {
  auto d = Date::Parse("2026-04-06");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->year(), 2026);
  EXPECT_EQ(d->month(), 4);
  EXPECT_EQ(d->day(), 6);
  EXPECT_EQ(d->ToString(), "2026-04-06");
  EXPECT_EQ(d->ToLongString(), "6 April 2026");
}

TEST(Date, RefusesDatesThatDoNotExist) {
  for (const char* bad : {"2025-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "26-04-06",
                          "2026/04/06", "2026-4-6", "1849-12-31", "2201-01-01", "", "abcd-ef-gh"}) {
    EXPECT_FALSE(Date::Parse(bad).ok()) << bad;
  }
  EXPECT_TRUE(Date::Parse("2024-02-29").ok());
  EXPECT_TRUE(Date::Parse("2000-02-29").ok());
  EXPECT_FALSE(Date::Parse("1900-02-29").ok());
}

TEST(Date, AddsCalendarMonthsKeepingTheDayOrTheMonthEnd) {
  auto d = [](const char* t) { return *Date::Parse(t); };
  EXPECT_EQ(d("2026-01-15").AddMonths(6), d("2026-07-15"));
  EXPECT_EQ(d("2026-08-31").AddMonths(6), d("2027-02-28"));
  EXPECT_EQ(d("2027-08-31").AddMonths(6), d("2028-02-29"));
  EXPECT_EQ(d("2028-02-29").AddMonths(12), d("2029-02-28"));
  EXPECT_EQ(d("2026-12-05").AddMonths(1), d("2027-01-05"));
  EXPECT_EQ(d("2026-03-31").AddMonths(-1), d("2026-02-28"));
  EXPECT_EQ(d("2026-01-10").AddMonths(-13), d("2024-12-10"));
}

TEST(Date, DayArithmeticRoundTrips) {
  Date epoch = *Date::Parse("1970-01-01");
  EXPECT_EQ(epoch.DaysSinceEpoch(), 0);
  Date d = *Date::Parse("2026-11-22");
  EXPECT_EQ(Date::FromDaysSinceEpoch(d.DaysSinceEpoch()), d);
  EXPECT_EQ(d.AddDays(10).ToString(), "2026-12-02");
  EXPECT_EQ(d.AddDays(-365).ToString(), "2025-11-22");
  EXPECT_EQ(d.DaysSince(*Date::Parse("2026-01-01")), 325);
  Date old = *Date::Parse("1900-03-01");
  EXPECT_EQ(Date::FromDaysSinceEpoch(old.DaysSinceEpoch()), old);
}

TEST(Date, KnowsTheWeekday) {
  EXPECT_EQ(Date::Parse("2026-11-22")->weekday(), Weekday::kSunday);
  EXPECT_EQ(Date::Parse("1970-01-01")->weekday(), Weekday::kThursday);
  EXPECT_EQ(Date::Parse("2026-04-06")->weekday(), Weekday::kMonday);
}

TEST(AgeOn, CountsCompletedYears) {
  Date dob = *Date::Parse("1958-11-23");
  EXPECT_EQ(AgeOn(dob, *Date::Parse("2026-11-22")), 67);
  EXPECT_EQ(AgeOn(dob, *Date::Parse("2026-11-23")), 68);
}

TEST(AgeOn, LeapDayBirthdaysFallOnTwentyEighthFebruary) {
  Date dob = *Date::Parse("2004-02-29");
  EXPECT_EQ(AgeOn(dob, *Date::Parse("2022-02-27")), 17);
  EXPECT_EQ(AgeOn(dob, *Date::Parse("2022-02-28")), 18);
  EXPECT_EQ(AgeOn(dob, *Date::Parse("2024-02-28")), 19);
  EXPECT_EQ(AgeOn(dob, *Date::Parse("2024-02-29")), 20);
}

TEST(TaxYear, RunsFromSixthAprilToFifthApril) {
  EXPECT_EQ(TaxYear::Containing(*Date::Parse("2026-04-05")).ToString(), "2025-26");
  EXPECT_EQ(TaxYear::Containing(*Date::Parse("2026-04-06")).ToString(), "2026-27");
  EXPECT_EQ(TaxYear::Containing(*Date::Parse("2027-01-15")).ToString(), "2026-27");
  TaxYear ty(2026);
  EXPECT_EQ(ty.start().ToString(), "2026-04-06");
  EXPECT_EQ(ty.end().ToString(), "2027-04-05");
  EXPECT_TRUE(ty.Contains(*Date::Parse("2027-04-05")));
  EXPECT_FALSE(ty.Contains(*Date::Parse("2027-04-06")));
  EXPECT_EQ(TaxYear::Parse("2026-27")->first_year(), 2026);
  EXPECT_EQ(TaxYear::Parse("1999/00")->first_year(), 1999);
  EXPECT_FALSE(TaxYear::Parse("2026-28").ok());
  EXPECT_FALSE(TaxYear::Parse("2026").ok());
}

}  // namespace
}  // namespace selfdirect
