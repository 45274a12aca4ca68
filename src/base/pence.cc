#include "base/pence.h"

#include <cstdlib>
#include <cstring>

#include "base/assert.h"

namespace selfdirect {
namespace {

// Parsing refuses amounts above this: no personal budget, charge or payment comes near it, and
// keeping amounts small leaves every sum of a year's postings far from int64 overflow.
constexpr int64_t kParseLimitPence = 1'000'000'000'000;  // £10,000,000,000.

}  // namespace

Result<Pence> Pence::Parse(std::string_view text) {
  auto invalid = [&] {
    return Error::InvalidArgument("Enter an amount of money in pounds and pence, like 12.50");
  };
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && s.front() == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  constexpr std::string_view kPound = "\xC2\xA3";  // '£' in UTF-8.
  if (s.substr(0, kPound.size()) == kPound) s.remove_prefix(kPound.size());
  if (s.empty()) return invalid();
  int64_t pounds = 0;
  size_t i = 0;
  for (; i < s.size() && s[i] != '.'; ++i) {
    if (s[i] < '0' || s[i] > '9') return invalid();
    if (pounds > kParseLimitPence / 100) return invalid();
    pounds = pounds * 10 + (s[i] - '0');
  }
  if (i == 0) return invalid();  // ".50" has no pounds digit; ask for "0.50".
  int64_t pennies = 0;
  if (i < s.size()) {
    std::string_view frac = s.substr(i + 1);
    if (frac.empty() || frac.size() > 2) return invalid();
    for (char c : frac) {
      if (c < '0' || c > '9') return invalid();
    }
    pennies = (frac[0] - '0') * 10 + (frac.size() == 2 ? frac[1] - '0' : 0);
  }
  int64_t total = pounds * 100 + pennies;
  if (total > kParseLimitPence) return invalid();
  return Pence(negative ? -total : total);
}

std::string Pence::ToString() const {
  std::string out;
  AppendTo(out);
  return out;
}

void Pence::AppendTo(std::string& out) const {
  char buffer[kMaxChars];
  out.append(buffer, static_cast<size_t>(WriteTo(buffer) - buffer));
}

char* Pence::WriteTo(char* at) const {
  // Work in unsigned magnitude so that INT64_MIN cannot overflow on negation. Written right to
  // left into a buffer, two digits at a time, then copied once.
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  uint64_t magnitude =
      pence_ < 0 ? 0 - static_cast<uint64_t>(pence_) : static_cast<uint64_t>(pence_);
  char buffer[kMaxChars];
  char* end = buffer + sizeof buffer;
  char* p = end - 3;
  std::memcpy(p + 1, kPairs + 2 * (magnitude % 100), 2);
  *p = '.';
  uint64_t pounds = magnitude / 100;
  while (pounds >= 100) {
    p -= 2;
    std::memcpy(p, kPairs + 2 * (pounds % 100), 2);
    pounds /= 100;
  }
  if (pounds >= 10) {
    p -= 2;
    std::memcpy(p, kPairs + 2 * pounds, 2);
  } else {
    *--p = static_cast<char>('0' + pounds);
  }
  if (pence_ < 0) *--p = '-';
  size_t n = static_cast<size_t>(end - p);
  std::memcpy(at, p, n);
  return at + n;
}

std::string Pence::ToDisplayString() const {
  uint64_t magnitude =
      pence_ < 0 ? 0 - static_cast<uint64_t>(pence_) : static_cast<uint64_t>(pence_);
  // Written right to left into a buffer, then copied once (payslips format millions of these).
  char buffer[40];
  char* end = buffer + sizeof buffer;
  char* p = end;
  *--p = static_cast<char>('0' + magnitude % 10);
  *--p = static_cast<char>('0' + (magnitude % 100) / 10);
  *--p = '.';
  uint64_t pounds = magnitude / 100;
  int digits = 0;
  do {
    if (digits > 0 && digits % 3 == 0) *--p = ',';
    *--p = static_cast<char>('0' + pounds % 10);
    pounds /= 10;
    ++digits;
  } while (pounds > 0);
  *--p = '\xA3';
  *--p = '\xC2';
  if (pence_ < 0) *--p = '-';
  return std::string(p, end);
}

Pence Pence::operator+(Pence other) const {
  int64_t sum = 0;
  SD_ASSERT(!__builtin_add_overflow(pence_, other.pence_, &sum));  // Amounts are bounded.
  return Pence(sum);
}

Pence Pence::operator-(Pence other) const {
  int64_t difference = 0;
  SD_ASSERT(!__builtin_sub_overflow(pence_, other.pence_, &difference));  // Amounts are bounded.
  return Pence(difference);
}

Pence Pence::operator*(int64_t factor) const {
  int64_t product = 0;
  SD_ASSERT(!__builtin_mul_overflow(pence_, factor, &product));  // Amounts are bounded.
  return Pence(product);
}

namespace {

// 128-bit intermediates (a GCC/Clang extension) keep amount * rate exact.
__extension__ typedef __int128 Int128;

// a / b rounded by `rule`, in the type `Int` (b > 0).
template <typename Int>
Int DivideIn(Int a, Int b, Rounding rule) {
  SD_ASSERT(b > 0);  // Divisors are counts of weeks, parts or a denominator.
  Int q = a / b;     // Truncates toward zero.
  Int r = a % b;     // Same sign as a.
  if (r == 0) return q;
  Int away = r < 0 ? q - 1 : q + 1;
  switch (rule) {
    case Rounding::kTowardZero:
      return q;
    case Rounding::kDown:
      return r < 0 ? q - 1 : q;
    case Rounding::kUp:
      return r > 0 ? q + 1 : q;
    case Rounding::kHalfUp:
    case Rounding::kHalfEven: {
      Int twice = 2 * (r < 0 ? -r : r);  // |r| < b, so no overflow for b <= INT64_MAX / 2.
      if (twice > b) return away;
      if (twice < b) return q;
      if (rule == Rounding::kHalfUp) return away;
      return (q % 2 == 0) ? q : away;
    }
  }
  return q;
}

// Quotient of a / b under `rule`, exact for 128-bit a so that amount * rate cannot overflow.
Int128 Divide128(Int128 a, Int128 b, Rounding rule) {
  // In 64 bits when the operands fit (almost always: a 128-bit division costs several times
  // more), with the same result.
  constexpr Int128 kMin = INT64_MIN, kFast = INT64_MAX / 2;
  if (a > kMin && a <= INT64_MAX && b <= kFast)
    return DivideIn<int64_t>(static_cast<int64_t>(a), static_cast<int64_t>(b), rule);
  return DivideIn<Int128>(a, b, rule);
}

int64_t Narrow(Int128 v) {
  SD_ASSERT(v <= INT64_MAX);  // Results are bounded amounts.
  SD_ASSERT(v >= INT64_MIN);
  return static_cast<int64_t>(v);
}

}  // namespace

int64_t DivideInteger(int64_t a, int64_t b, Rounding rule) { return Narrow(Divide128(a, b, rule)); }

Pence DivideRounding(Pence amount, int64_t divisor, Rounding rule) {
  return Pence::FromPence(DivideInteger(amount.pence(), divisor, rule));
}

Pence MultiplyRatio(Pence amount, int64_t numerator, int64_t denominator, Rounding rule) {
  Int128 product = static_cast<Int128>(amount.pence()) * numerator;
  return Pence::FromPence(Narrow(Divide128(product, denominator, rule)));
}

std::vector<Pence> Apportion(Pence total, int64_t parts) {
  SD_ASSERT(parts > 0);
  SD_ASSERT(parts <= 100'000);  // Apportioning is over weeks or people in one plan.
  int64_t base = DivideInteger(total.pence(), parts, Rounding::kDown);
  int64_t extra = total.pence() - base * parts;  // 0 <= extra < parts.
  std::vector<Pence> out;
  out.reserve(static_cast<size_t>(parts));
  for (int64_t i = 0; i < parts; ++i) out.push_back(Pence::FromPence(base + (i < extra ? 1 : 0)));
  return out;
}

}  // namespace selfdirect
