#include "base/clock.h"

#include <chrono>
#include <cstdio>

namespace selfdirect {

Result<Timestamp> Timestamp::Parse(std::string_view text) {
  auto invalid = [] {
    return Error::InvalidArgument("Enter a UTC time like 2026-11-22T08:30:00Z");
  };
  if (text.size() < 20 || text.back() != 'Z' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':') {
    return invalid();
  }
  auto date = Date::Parse(text.substr(0, 10));
  if (!date.ok()) return invalid();
  auto two = [&](size_t pos, int& out) {
    if (text[pos] < '0' || text[pos] > '9' || text[pos + 1] < '0' || text[pos + 1] > '9') {
      return false;
    }
    out = (text[pos] - '0') * 10 + (text[pos + 1] - '0');
    return true;
  };
  int h = 0, m = 0, s = 0;
  if (!two(11, h) || !two(14, m) || !two(17, s) || h > 23 || m > 59 || s > 59) return invalid();
  int64_t micros = 0;
  std::string_view rest = text.substr(19, text.size() - 20);
  if (!rest.empty()) {
    if (rest[0] != '.' || rest.size() < 2 || rest.size() > 7) return invalid();
    int64_t scale = 100000;
    for (char c : rest.substr(1)) {
      if (c < '0' || c > '9') return invalid();
      micros += (c - '0') * scale;
      scale /= 10;
    }
  }
  int64_t seconds = date->DaysSinceEpoch() * 86400 + h * 3600 + m * 60 + s;
  return Timestamp(seconds * 1'000'000 + micros);
}

Date Timestamp::UtcDate() const {
  int64_t days = micros_ >= 0 ? micros_ / 86'400'000'000 : -((-micros_ - 1) / 86'400'000'000) - 1;
  return Date::FromDaysSinceEpoch(days);
}

namespace {

// 01:00 UTC on the last Sunday of `month` in `year`.
int64_t LastSundayOneAmMicros(int year, int month) {
  Date d = *Date::FromYmd(year, month, DaysInMonth(year, month));
  while (d.weekday() != Weekday::kSunday) d = d.AddDays(-1);
  return (d.DaysSinceEpoch() * 86'400 + 3'600) * 1'000'000;
}

}  // namespace

int Timestamp::LondonOffsetSeconds() const {
  const Date utc = UtcDate();
  const bool summer = micros_ >= LastSundayOneAmMicros(utc.year(), 3) &&
                      micros_ < LastSundayOneAmMicros(utc.year(), 10);
  return summer ? 3'600 : 0;
}

Date Timestamp::LondonDate() const { return PlusSeconds(LondonOffsetSeconds()).UtcDate(); }

std::string Timestamp::ToLondonString() const {
  const Timestamp local = PlusSeconds(LondonOffsetSeconds());
  const Date d = local.UtcDate();
  const int64_t minutes = (local.seconds() - d.DaysSinceEpoch() * 86'400) / 60;
  const int64_t hour = minutes / 60 % 12 == 0 ? 12 : minutes / 60 % 12;
  // GOV.UK style: "midnight" and "midday", not 12am and 12pm.
  if (minutes == 0) return d.ToLongString() + " at midnight";
  if (minutes == 12 * 60) return d.ToLongString() + " at midday";
  char buf[24];
  std::snprintf(buf, sizeof buf, " at %lld:%02lld%s", static_cast<long long>(hour),
                static_cast<long long>(minutes % 60), minutes < 12 * 60 ? "am" : "pm");
  return d.ToLongString() + buf;
}

std::string Timestamp::ToString() const {
  Date d = UtcDate();
  int64_t in_day = micros_ - d.DaysSinceEpoch() * 86'400'000'000;
  int64_t secs = in_day / 1'000'000;
  int64_t frac = in_day % 1'000'000;
  char buf[48];
  if (frac == 0) {
    std::snprintf(buf, sizeof buf, "%sT%02lld:%02lld:%02lldZ", d.ToString().c_str(),
                  static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                  static_cast<long long>(secs % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%sT%02lld:%02lld:%02lld.%06lldZ", d.ToString().c_str(),
                  static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                  static_cast<long long>(secs % 60), static_cast<long long>(frac));
  }
  return buf;
}

Timestamp SystemClock::Now() const {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp::FromMicros(std::chrono::duration_cast<std::chrono::microseconds>(now).count());
}

SystemClock& SystemClock::Instance() {
  static SystemClock clock;
  return clock;
}

}  // namespace selfdirect
