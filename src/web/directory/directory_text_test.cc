#include "web/directory/directory_text.h"

#include <gtest/gtest.h>

namespace selfdirect::web {
namespace {

domain::DirectoryCost Cost(const char* option, int64_t pence, const char* description) {
  domain::DirectoryCost c;
  c.option = option;
  c.amount = Pence::FromPence(pence);
  c.amount_description = description;
  return c;
}

TEST(CostText, ACostReadsOnce) {
  EXPECT_EQ(CostText(Cost("Per session", 400, "per session")), "£4.00 a session");
  EXPECT_EQ(CostText(Cost("", 1250, "per hour")), "£12.50 an hour");
  EXPECT_EQ(CostText(Cost("Members", 2000, "per year")), "£20.00 a year (Members)");
  EXPECT_EQ(CostText(Cost("", 500, "")), "£5.00");
  EXPECT_EQ(CostText(Cost("", 0, "")), "Free");
}

}  // namespace
}  // namespace selfdirect::web
