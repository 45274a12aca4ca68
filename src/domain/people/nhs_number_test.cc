#include "domain/people/nhs_number.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

TEST(NhsNumber, AcceptsValidCheckDigitInAnyCommonLayout) {
  // 943 476 5919 is the NHS Digital example number used in its API documentation.
  EXPECT_EQ(*NormaliseNhsNumber("9434765919"), "9434765919");
  EXPECT_EQ(*NormaliseNhsNumber("943 476 5919"), "9434765919");
  EXPECT_EQ(*NormaliseNhsNumber("943-476-5919"), "9434765919");
}

TEST(NhsNumber, RefusesWrongCheckDigitAndWrongLength) {
  EXPECT_FALSE(NormaliseNhsNumber("9434765918").ok());
  EXPECT_FALSE(NormaliseNhsNumber("943476591").ok());
  EXPECT_FALSE(NormaliseNhsNumber("94347659190").ok());
  EXPECT_FALSE(NormaliseNhsNumber("94347659l9").ok());
  // Remainder 1 gives check value 10: never valid (digits chosen so the sum is 1 mod 11).
  EXPECT_FALSE(NormaliseNhsNumber("0000000060").ok());
}

}  // namespace
}  // namespace selfdirect::domain
