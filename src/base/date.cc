#include "base/date.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "base/assert.h"

namespace selfdirect {
namespace {

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's
// days_from_civil algorithm, public domain).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int& year, int& month, int& day) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<int>(y + (m <= 2));
  month = static_cast<int>(m);
  day = static_cast<int>(d);
}

bool ParseDigits(std::string_view s, int& out) {
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return !s.empty();
}

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  SD_ASSERT(month >= 1 && month <= 12);
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

Result<Date> Date::FromYmd(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear) {
    return Error::InvalidArgument("Year must be between 1850 and 2200");
  }
  if (month < 1 || month > 12) return Error::InvalidArgument("Month must be between 1 and 12");
  if (day < 1 || day > DaysInMonth(year, month)) {
    return Error::InvalidArgument("Day must be a real day of the month");
  }
  return Date(year, month, day);
}

Result<Date> Date::Parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return Error::InvalidArgument("Enter a date in the format YYYY-MM-DD, like 2026-04-06");
  }
  int y = 0, m = 0, d = 0;
  if (!ParseDigits(text.substr(0, 4), y) || !ParseDigits(text.substr(5, 2), m) ||
      !ParseDigits(text.substr(8, 2), d)) {
    return Error::InvalidArgument("Enter a date in the format YYYY-MM-DD, like 2026-04-06");
  }
  return FromYmd(y, m, d);
}

Date Date::FromDaysSinceEpoch(int64_t days) {
  int y = 0, m = 0, d = 0;
  CivilFromDays(days, y, m, d);
  SD_ASSERT(y >= kMinYear && y <= kMaxYear);  // Callers stay within the supported range.
  return Date(y, m, d);
}

int64_t Date::DaysSinceEpoch() const {
  return DaysFromCivil(year_, static_cast<unsigned>(month_), static_cast<unsigned>(day_));
}

Weekday Date::weekday() const {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  int64_t days = DaysSinceEpoch();
  int64_t idx = ((days % 7) + 7 + 3) % 7;
  return static_cast<Weekday>(idx);
}

std::string Date::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year_, month_, day_);
  return buf;
}

std::string Date::ToLongString() const {
  static constexpr std::array<const char*, 12> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  return std::to_string(day_) + " " + kMonths[static_cast<size_t>(month_ - 1)] + " " +
         std::to_string(year_);
}

Date Date::AddDays(int64_t days) const { return FromDaysSinceEpoch(DaysSinceEpoch() + days); }

Date Date::AddMonths(int months) const {
  const int index = year_ * 12 + (month_ - 1) + months;  // Months since year 0; never negative.
  const int year = index / 12;
  const int month = index % 12 + 1;
  return Date(year, month, std::min(day_, DaysInMonth(year, month)));
}

int AgeOn(Date date_of_birth, Date on) {
  int age = on.year() - date_of_birth.year();
  int birthday_day = date_of_birth.day();
  if (date_of_birth.month() == 2 && birthday_day == 29 && !IsLeapYear(on.year())) birthday_day = 28;
  if (on.month() < date_of_birth.month() ||
      (on.month() == date_of_birth.month() && on.day() < birthday_day)) {
    --age;
  }
  return age;
}

TaxYear TaxYear::Containing(Date date) {
  bool before_6_april = date.month() < 4 || (date.month() == 4 && date.day() < 6);
  return TaxYear(before_6_april ? date.year() - 1 : date.year());
}

Result<TaxYear> TaxYear::Parse(std::string_view text) {
  int first = 0, second = 0;
  if (text.size() != 7 || (text[4] != '-' && text[4] != '/') ||
      !ParseDigits(text.substr(0, 4), first) || !ParseDigits(text.substr(5, 2), second) ||
      (first + 1) % 100 != second || first < Date::kMinYear || first >= Date::kMaxYear) {
    return Error::InvalidArgument("Enter a tax year like 2026-27");
  }
  return TaxYear(first);
}

Date TaxYear::start() const { return *Date::FromYmd(first_year_, 4, 6); }
Date TaxYear::end() const { return *Date::FromYmd(first_year_ + 1, 4, 5); }

std::string TaxYear::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", first_year_, (first_year_ + 1) % 100);
  return buf;
}

}  // namespace selfdirect
