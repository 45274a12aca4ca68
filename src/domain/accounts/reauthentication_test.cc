#include "domain/accounts/reauthentication.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

const Timestamp kSignedIn = Timestamp::FromSeconds(1'800'000'000);

TEST(PasswordIsRecent, RecentUntilTheLimitThenNot) {
  EXPECT_TRUE(PasswordIsRecent(kSignedIn, kSignedIn, kRecentPasswordSeconds));
  EXPECT_TRUE(
      PasswordIsRecent(kSignedIn, kSignedIn.PlusSeconds(14 * 60 + 59), kRecentPasswordSeconds));
  EXPECT_FALSE(PasswordIsRecent(kSignedIn, kSignedIn.PlusSeconds(15 * 60), kRecentPasswordSeconds));
  EXPECT_FALSE(
      PasswordIsRecent(kSignedIn, kSignedIn.PlusSeconds(8 * 3600), kRecentPasswordSeconds));
}

TEST(PasswordIsRecent, TheLimitIsTheOneGiven) {
  EXPECT_TRUE(PasswordIsRecent(kSignedIn, kSignedIn.PlusSeconds(1), 2));
  EXPECT_FALSE(PasswordIsRecent(kSignedIn, kSignedIn.PlusSeconds(2), 2));
  EXPECT_FALSE(PasswordIsRecent(kSignedIn, kSignedIn, 0));  // No limit means never recent.
}

TEST(PasswordIsRecent, AnEntryAheadOfThisClockIsRecent) {
  EXPECT_TRUE(PasswordIsRecent(kSignedIn.PlusSeconds(30), kSignedIn, kRecentPasswordSeconds));
}

}  // namespace
}  // namespace selfdirect::domain
