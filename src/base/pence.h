// File: pence.h
// Pence is an amount of money in whole pence (GBP), held as a signed 64-bit integer. It is the only
// money type in Selfdirect: no amount is ever a double.
//
// Addition and subtraction are exact (overflow is a bug and aborts: every amount we hold is bounded
// far below 2^63 pence by limits.h). Multiplication is by a whole number only. Every division goes
// through a named function that says how it rounds, so the reader sees the rule (see
// docs/decisions/0001-money-as-integer-pence.md).
//
// Example:
//   Pence weekly = *Pence::Parse("186.40");
//   Pence annual = weekly * 52;
//   Pence per_day = DivideRounding(weekly, 7, Rounding::kHalfUp);
//   std::string s = annual.ToString();  // "9692.80"
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace selfdirect {

class Pence {
 public:
  constexpr Pence() = default;
  static constexpr Pence FromPence(int64_t pence) { return Pence(pence); }
  static constexpr Pence FromPounds(int64_t pounds) { return Pence(pounds * 100); }

  // Parses a decimal pounds string: an optional '-', digits, and optionally '.' with one or two
  // digits ("1234.56", "12.5", "-0.50", "7"). A leading '£' is accepted. Anything else (spaces,
  // thousands separators, three decimals, exponents) is kInvalidArgument. Amounts beyond
  // ±£10,000,000,000 are refused as implausible (kInvalidArgument).
  static Result<Pence> Parse(std::string_view text);

  constexpr int64_t pence() const { return pence_; }

  // Formats as pounds with exactly two decimals and no separators: "1234.56", "-0.05".
  std::string ToString() const;
  // Appends ToString()'s text to `out` without a temporary (for bulk output).
  void AppendTo(std::string& out) const;
  // Writes ToString()'s text at `at`, which has room for kMaxChars, and returns its end.
  static constexpr size_t kMaxChars = 21;  // "-92233720368547758.08"
  char* WriteTo(char* at) const;
  // Formats for people: "£1,234.56", "-£0.05".
  std::string ToDisplayString() const;

  Pence operator+(Pence other) const;
  Pence operator-(Pence other) const;
  Pence operator-() const { return Pence(-pence_); }
  Pence operator*(int64_t factor) const;
  Pence& operator+=(Pence other) { return *this = *this + other; }
  Pence& operator-=(Pence other) { return *this = *this - other; }
  constexpr auto operator<=>(const Pence&) const = default;

 private:
  constexpr explicit Pence(int64_t pence) : pence_(pence) {}
  int64_t pence_ = 0;
};

// How a division that leaves a remainder is settled. Each rule is named for what it does to the
// exact quotient.
enum class Rounding {
  kDown,      // Towards minus infinity (floor): never pay out more than is due.
  kUp,        // Towards plus infinity (ceiling): "£1 for each £250 or part of £250".
  kHalfUp,    // To nearest; halves away from zero. The usual rounding of money.
  kHalfEven,  // To nearest; halves to the even neighbour (banker's rounding).
  kTowardZero,
};

// Returns amount / divisor rounded by `rule`. `divisor` must be positive.
Pence DivideRounding(Pence amount, int64_t divisor, Rounding rule);

// Returns amount * numerator / denominator rounded by `rule`, computed without intermediate
// overflow. Used for percentages (numerator in basis points, denominator 10000) and for rates.
Pence MultiplyRatio(Pence amount, int64_t numerator, int64_t denominator, Rounding rule);

// Splits `total` into `parts` amounts that differ by at most a penny and add up to `total`
// exactly; the earlier parts take the extra pennies. `parts` must be positive.
std::vector<Pence> Apportion(Pence total, int64_t parts);

// Integer quotient of a / b under `rule`; b must be positive. Exposed for other integer units.
int64_t DivideInteger(int64_t a, int64_t b, Rounding rule);

}  // namespace selfdirect
