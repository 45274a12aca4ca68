#include "base/result.h"

#include <gtest/gtest.h>

namespace selfdirect {
namespace {

Result<int> Half(int v) {
  if (v % 2 != 0) return Error::InvalidArgument("odd", {{"v", "Enter an even number"}});
  return v / 2;
}

Result<int> Quarter(int v) {
  SD_ASSIGN_OR_RETURN(int h, Half(v));
  SD_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

Status CheckEven(int v) {
  SD_RETURN_IF_ERROR(Half(v));
  return OkStatus();
}

TEST(Result, HoldsValueOrError) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].field, "v");
  EXPECT_TRUE(CheckEven(2).ok());
  EXPECT_FALSE(CheckEven(3).ok());
  EXPECT_STREQ(ErrorCodeName(ErrorCode::kNotFound), "not_found");
}

TEST(ResultDeathTest, ReadingTheValueOfAnErrorAborts) {
  auto r = Half(3);
  EXPECT_DEATH((void)r.value(), "assertion failed");
}

}  // namespace
}  // namespace selfdirect
