// File: date.h
// Date is a civil (calendar) date with no time zone: the unit of budget periods, charging weeks,
// dates of birth and effective dates. A Date is not a moment in time; Timestamp (clock.h) is.
// TaxYear is the UK tax year, 6 April to 5 April, named by its first calendar year.
//
// Example:
//   Date d = *Date::Parse("2026-04-06");
//   TaxYear ty = TaxYear::Containing(d);   // 2026-27
//   int age = AgeOn(*Date::Parse("1950-02-28"), d);
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace selfdirect {

enum class Weekday { kMonday, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };

class Date {
 public:
  // Earliest and latest dates Selfdirect accepts: birth dates of living people to far-future
  // review dates. Keeping the range small keeps day arithmetic far from overflow.
  static constexpr int kMinYear = 1850;
  static constexpr int kMaxYear = 2200;

  // 1970-01-01, for default-constructed records; real dates come from FromYmd or Parse.
  Date() = default;
  // Returns the date, or kInvalidArgument when year/month/day is not a real date in range.
  static Result<Date> FromYmd(int year, int month, int day);
  // Parses exactly "YYYY-MM-DD".
  static Result<Date> Parse(std::string_view text);
  // Days since 1970-01-01 (negative before). Must be in range.
  static Date FromDaysSinceEpoch(int64_t days);

  int year() const { return year_; }
  int month() const { return month_; }
  int day() const { return day_; }
  int64_t DaysSinceEpoch() const;
  Weekday weekday() const;
  std::string ToString() const;      // "YYYY-MM-DD"
  std::string ToLongString() const;  // "4 December 2026", as people read a date

  Date AddDays(int64_t days) const;
  // The same day `months` calendar months later (earlier if negative), or the last day of that
  // month when it is shorter: 31 August + 6 months is 28 February (29 in a leap year). How the
  // law's "within 6 months" and "every 12 months" are counted for reviews (rules.md 1.8, 1.9).
  Date AddMonths(int months) const;
  // Whole days from `earlier` to this date (negative if this date is earlier).
  int64_t DaysSince(Date earlier) const { return DaysSinceEpoch() - earlier.DaysSinceEpoch(); }

  auto operator<=>(const Date&) const = default;

 private:
  Date(int year, int month, int day) : year_(year), month_(month), day_(day) {}
  int year_ = 1970;
  int month_ = 1;
  int day_ = 1;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

// Age in completed years on `on`. A person born on 29 February has a birthday on 28 February in
// common years (the rule the DWP applies for state pension age and benefits).
int AgeOn(Date date_of_birth, Date on);

class TaxYear {
 public:
  explicit TaxYear(int first_year) : first_year_(first_year) {}
  static TaxYear Containing(Date date);
  // Parses "2026-27" or "2026/27".
  static Result<TaxYear> Parse(std::string_view text);

  int first_year() const { return first_year_; }
  Date start() const;  // 6 April of first_year.
  Date end() const;    // 5 April of first_year + 1.
  bool Contains(Date date) const { return date >= start() && date <= end(); }
  std::string ToString() const;  // "2026-27"
  auto operator<=>(const TaxYear&) const = default;

 private:
  int first_year_;
};

}  // namespace selfdirect
