// File: clock.h
// Timestamp is a moment in UTC, in microseconds since 1970-01-01T00:00:00Z. Clock tells the
// current Timestamp and is injected into use cases so tests control time (FakeClock); domain code
// never reads a clock, it takes "today" as a parameter.
#pragma once

#include <atomic>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/result.h"

namespace selfdirect {

class Timestamp {
 public:
  constexpr Timestamp() = default;
  static constexpr Timestamp FromMicros(int64_t micros) { return Timestamp(micros); }
  static constexpr Timestamp FromSeconds(int64_t seconds) { return Timestamp(seconds * 1'000'000); }
  // Parses "YYYY-MM-DDTHH:MM:SSZ" or with fractional seconds "....SS.ffffffZ".
  static Result<Timestamp> Parse(std::string_view text);

  constexpr int64_t micros() const { return micros_; }
  constexpr int64_t seconds() const { return micros_ / 1'000'000; }
  Date UtcDate() const;
  // The date in England, which people and the law go by: Greenwich mean time, or British summer
  // time (an hour ahead) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
  // Sunday of October (the Summer Time Act 1972 as the Summer Time Order 2002 sets it). "Today"
  // in the service is this date: between midnight and 1 a.m. in summer the UTC date is
  // yesterday's.
  Date LondonDate() const;
  // Seconds England's clocks are ahead of UTC at this moment: 3,600 in British summer time, else 0.
  int LondonOffsetSeconds() const;
  // "7 December 2026 at 9:05pm" (or "at midnight", "at midday", as GOV.UK writes them): the date
  // and time on England's clocks, as people read them.
  std::string ToLondonString() const;
  // "2026-11-22T08:30:00Z" (whole seconds) or with six decimals when there are microseconds.
  std::string ToString() const;

  Timestamp PlusSeconds(int64_t seconds) const { return Timestamp(micros_ + seconds * 1'000'000); }
  auto operator<=>(const Timestamp&) const = default;

 private:
  constexpr explicit Timestamp(int64_t micros) : micros_(micros) {}
  int64_t micros_ = 0;
};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

// The real clock. Thread-safe.
class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
  static SystemClock& Instance();
};

// A clock for tests that moves only when told. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp start) : micros_(start.micros()) {}
  Timestamp Now() const override { return Timestamp::FromMicros(micros_.load()); }
  void AdvanceSeconds(int64_t seconds) { micros_ += seconds * 1'000'000; }

 private:
  std::atomic<int64_t> micros_;
};

}  // namespace selfdirect
