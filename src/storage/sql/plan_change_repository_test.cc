// The stored lines of a change of circumstance read back: amounts in pence, a damaged line left
// out rather than failing the person's page.
#include "storage/sql/plan_change_repository.h"

#include <gtest/gtest.h>

namespace selfdirect::storage {
namespace {

TEST(PlanChangeLines, ReadBackAndADamagedLineIsLeftOut) {
  auto lines = LinesOf("Home care\t10000\t12550\nbroken\tx\t1\nno tabs\n\t\t\nPA\t-5\t7\n");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].label, "Home care");
  EXPECT_EQ(lines[0].before, Pence::FromPence(10000));
  EXPECT_EQ(lines[0].after, Pence::FromPence(12550));
  EXPECT_EQ(lines[1].label, "PA");
  EXPECT_EQ(lines[1].before, Pence::FromPence(-5));
  EXPECT_TRUE(LinesOf("").empty());
  EXPECT_TRUE(LinesOf("a\t99999999999999999999999\t1").empty());  // Too large: left out.
}

}  // namespace
}  // namespace selfdirect::storage
