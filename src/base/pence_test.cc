#include "base/pence.h"

#include <gtest/gtest.h>

#include <numeric>

namespace selfdirect {
namespace {

TEST(Pence, ParsesPoundsAndPence) {
  EXPECT_EQ(Pence::Parse("1234.56")->pence(), 123456);
  EXPECT_EQ(Pence::Parse("12.5")->pence(), 1250);
  EXPECT_EQ(Pence::Parse("7")->pence(), 700);
  EXPECT_EQ(Pence::Parse("0.05")->pence(), 5);
  EXPECT_EQ(Pence::Parse("-0.50")->pence(), -50);
  EXPECT_EQ(Pence::Parse("\xC2\xA3"
                         "186.40")
                ->pence(),
            18640);
}

TEST(Pence, RefusesMalformedAmounts) {
  for (const char* bad : {"", "-", ".50", "12.", "12.345", "1,234.56", " 12", "12 ", "1e3", "abc",
                          "12.3x", "--1", "99999999999999999999"}) {
    auto r = Pence::Parse(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << bad;
    }
  }
}

TEST(Pence, FormatsWithTwoDecimals) {
  EXPECT_EQ(Pence::FromPence(123456).ToString(), "1234.56");
  EXPECT_EQ(Pence::FromPence(-5).ToString(), "-0.05");
  EXPECT_EQ(Pence::FromPence(0).ToString(), "0.00");
  EXPECT_EQ(Pence::FromPence(INT64_MIN).ToString(), "-92233720368547758.08");
  EXPECT_EQ(Pence::FromPence(123456789).ToDisplayString(),
            "\xC2\xA3"
            "1,234,567.89");
  EXPECT_EQ(Pence::FromPence(-99).ToDisplayString(),
            "-\xC2\xA3"
            "0.99");
}

TEST(Pence, RoundTripsThroughText) {
  for (int64_t p : {0L, 1L, 99L, 100L, 18640L, 999999999L, -1L, -12345L}) {
    EXPECT_EQ(Pence::Parse(Pence::FromPence(p).ToString())->pence(), p);
  }
}

TEST(Pence, ArithmeticIsExact) {
  Pence a = Pence::FromPence(18640);
  EXPECT_EQ((a * 52).pence(), 969280);
  EXPECT_EQ((a + Pence::FromPence(60)).pence(), 18700);
  EXPECT_EQ((a - Pence::FromPounds(200)).pence(), -1360);
}

TEST(PenceDeathTest, OverflowAborts) {
  EXPECT_DEATH((void)(Pence::FromPence(INT64_MAX) + Pence::FromPence(1)), "assertion failed");
}

TEST(DivideRounding, EachRuleSettlesRemaindersAsNamed) {
  // 10 / 4 = 2.5 and -10 / 4 = -2.5 show how halves go.
  EXPECT_EQ(DivideInteger(10, 4, Rounding::kDown), 2);
  EXPECT_EQ(DivideInteger(-10, 4, Rounding::kDown), -3);
  EXPECT_EQ(DivideInteger(10, 4, Rounding::kUp), 3);
  EXPECT_EQ(DivideInteger(-10, 4, Rounding::kUp), -2);
  EXPECT_EQ(DivideInteger(10, 4, Rounding::kHalfUp), 3);
  EXPECT_EQ(DivideInteger(-10, 4, Rounding::kHalfUp), -3);
  EXPECT_EQ(DivideInteger(10, 4, Rounding::kHalfEven), 2);
  EXPECT_EQ(DivideInteger(14, 4, Rounding::kHalfEven), 4);
  EXPECT_EQ(DivideInteger(-10, 4, Rounding::kHalfEven), -2);
  EXPECT_EQ(DivideInteger(10, 4, Rounding::kTowardZero), 2);
  EXPECT_EQ(DivideInteger(-10, 4, Rounding::kTowardZero), -2);
  EXPECT_EQ(DivideInteger(11, 4, Rounding::kHalfUp), 3);
  EXPECT_EQ(DivideInteger(9, 4, Rounding::kHalfUp), 2);
  EXPECT_EQ(DivideInteger(12, 4, Rounding::kUp), 3);
}

TEST(DivideRounding, TariffIncomeStyleCeiling) {
  // "£1 for every £250 or part of £250": £18,450 - £14,250 = £4,200 -> 16.8 parts -> 17.
  Pence above = Pence::FromPounds(18450) - Pence::FromPounds(14250);
  EXPECT_EQ(DivideInteger(above.pence(), Pence::FromPounds(250).pence(), Rounding::kUp), 17);
}

TEST(MultiplyRatio, PercentagesInBasisPoints) {
  // 12.07% of £123.45 = £14.900415 -> £14.90.
  EXPECT_EQ(MultiplyRatio(Pence::FromPence(12345), 1207, 10000, Rounding::kHalfUp).pence(), 1490);
  // Half-even looks at the whole quotient's parity: 0.5p -> 0p, 1.5p -> 2p.
  EXPECT_EQ(MultiplyRatio(Pence::FromPence(1), 1, 2, Rounding::kHalfEven).pence(), 0);
  EXPECT_EQ(MultiplyRatio(Pence::FromPence(3), 1, 2, Rounding::kHalfEven).pence(), 2);
  // No intermediate overflow: a large amount times a large numerator.
  EXPECT_EQ(
      MultiplyRatio(Pence::FromPence(1'000'000'000'000), 1'000'000, 1'000'000, Rounding::kHalfUp)
          .pence(),
      1'000'000'000'000);
}

TEST(MultiplyRatio, RoundsTheSameWhetherTheProductFitsIn64BitsOrNot) {
  // 3.5 and -3.5 from a product that fits in 64 bits and from one beyond 2^63 (21 x 2^60), under
  // every rule.
  for (Rounding rule : {Rounding::kTowardZero, Rounding::kDown, Rounding::kUp, Rounding::kHalfUp,
                        Rounding::kHalfEven}) {
    for (int64_t sign : {1, -1}) {
      Pence small = MultiplyRatio(Pence::FromPence(7 * sign), 1, 2, rule);
      Pence large = MultiplyRatio(Pence::FromPence((int64_t{21} << 30) * sign), int64_t{1} << 30,
                                  int64_t{3} << 61, rule);
      EXPECT_EQ(small.pence(), large.pence()) << static_cast<int>(rule) << " " << sign;
    }
  }
  EXPECT_EQ(MultiplyRatio(Pence::FromPence(-7), 1, 2, Rounding::kTowardZero).pence(), -3);
  EXPECT_EQ(MultiplyRatio(Pence::FromPence(-7), 1, 2, Rounding::kDown).pence(), -4);
  EXPECT_EQ(MultiplyRatio(Pence::FromPence(-7), 1, 2, Rounding::kHalfUp).pence(), -4);
  EXPECT_EQ(MultiplyRatio(Pence::FromPence(5), 1, 2, Rounding::kHalfEven).pence(), 2);
  EXPECT_EQ(DivideInteger(INT64_MAX, 2, Rounding::kHalfUp), INT64_MAX / 2 + 1);
}

TEST(Apportion, PartsAddUpExactlyAndDifferByAtMostOnePenny) {
  for (int64_t total : {0L, 1L, 100L, 10001L, -7L, 969280L}) {
    for (int64_t parts : {1L, 3L, 7L, 52L}) {
      auto split = Apportion(Pence::FromPence(total), parts);
      ASSERT_EQ(static_cast<int64_t>(split.size()), parts);
      int64_t sum = 0, lo = INT64_MAX, hi = INT64_MIN;
      for (Pence p : split) {
        sum += p.pence();
        lo = std::min(lo, p.pence());
        hi = std::max(hi, p.pence());
      }
      EXPECT_EQ(sum, total);
      EXPECT_LE(hi - lo, 1);
    }
  }
}

}  // namespace
}  // namespace selfdirect
