#include "base/clock.h"

#include <gtest/gtest.h>

#include "base/strong_id.h"

namespace selfdirect {
namespace {

TEST(Timestamp, FormatsAndParsesUtc) {
  auto t = Timestamp::Parse("2026-11-22T08:30:05Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->ToString(), "2026-11-22T08:30:05Z");
  EXPECT_EQ(t->UtcDate().ToString(), "2026-11-22");
  auto f = Timestamp::Parse("2026-11-22T08:30:05.25Z");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->ToString(), "2026-11-22T08:30:05.250000Z");
  EXPECT_EQ(f->micros() - t->micros(), 250000);
  EXPECT_FALSE(Timestamp::Parse("2026-11-22 08:30:05Z").ok());
  EXPECT_FALSE(Timestamp::Parse("2026-11-22T24:00:00Z").ok());
  EXPECT_FALSE(Timestamp::Parse("2026-11-22T08:30:05+01:00").ok());
}

TEST(Timestamp, TheDateInEnglandFollowsBritishSummerTime) {
  auto london = [](std::string_view t) { return Timestamp::Parse(t)->LondonDate().ToString(); };
  // Winter: the same as UTC.
  EXPECT_EQ(london("2026-12-06T23:30:00Z"), "2026-12-06");
  // Summer time starts at 01:00 UTC on Sunday 29 March 2026.
  EXPECT_EQ(london("2026-03-29T00:59:59Z"), "2026-03-29");
  EXPECT_EQ(london("2026-03-28T23:30:00Z"), "2026-03-28");
  EXPECT_EQ(london("2026-03-29T23:30:00Z"), "2026-03-30");
  // In summer, half past midnight in England is still yesterday in UTC.
  EXPECT_EQ(london("2026-06-30T23:00:00Z"), "2026-07-01");
  EXPECT_EQ(london("2026-06-30T22:59:59Z"), "2026-06-30");
  // It ends at 01:00 UTC on Sunday 25 October 2026.
  EXPECT_EQ(london("2026-10-24T23:30:00Z"), "2026-10-25");
  EXPECT_EQ(london("2026-10-25T00:59:59Z"), "2026-10-25");
  EXPECT_EQ(london("2026-10-25T23:30:00Z"), "2026-10-25");
}

TEST(Timestamp, TheTimeInEnglandAsPeopleReadIt) {
  auto london = [](std::string_view t) { return Timestamp::Parse(t)->ToLondonString(); };
  EXPECT_EQ(london("2026-12-07T21:05:59Z"), "7 December 2026 at 9:05pm");
  EXPECT_EQ(london("2026-12-07T00:00:00Z"), "7 December 2026 at midnight");
  EXPECT_EQ(london("2026-12-07T00:00:59Z"), "7 December 2026 at midnight");
  EXPECT_EQ(london("2026-12-07T00:01:00Z"), "7 December 2026 at 12:01am");
  EXPECT_EQ(london("2026-12-07T12:00:00Z"), "7 December 2026 at midday");
  EXPECT_EQ(london("2026-12-07T12:30:00Z"), "7 December 2026 at 12:30pm");
  EXPECT_EQ(london("2026-12-07T11:59:00Z"), "7 December 2026 at 11:59am");
  // British summer time: an hour ahead, and past midnight it is the next day.
  EXPECT_EQ(london("2026-06-30T23:15:00Z"), "1 July 2026 at 12:15am");
  EXPECT_EQ(london("2026-06-30T08:00:00Z"), "30 June 2026 at 9:00am");
}

TEST(Timestamp, BeforeTheEpochStaysOnTheRightDay) {
  Timestamp t = Timestamp::FromSeconds(-1);
  EXPECT_EQ(t.ToString(), "1969-12-31T23:59:59Z");
}

TEST(FakeClock, MovesOnlyWhenTold) {
  FakeClock clock(Timestamp::FromSeconds(1000));
  EXPECT_EQ(clock.Now().seconds(), 1000);
  clock.AdvanceSeconds(60);
  EXPECT_EQ(clock.Now().seconds(), 1060);
}

TEST(StrongId, ParsesOnlyPositiveDecimals) {
  EXPECT_EQ(PersonId::Parse("42")->value(), 42);
  EXPECT_FALSE(PersonId::Parse("0").has_value());
  EXPECT_FALSE(PersonId::Parse("-1").has_value());
  EXPECT_FALSE(PersonId::Parse("4x").has_value());
  EXPECT_FALSE(PersonId::Parse("").has_value());
  EXPECT_FALSE(PersonId::Parse("9999999999999999999").has_value());
  EXPECT_FALSE(PersonId().valid());
}

}  // namespace
}  // namespace selfdirect
