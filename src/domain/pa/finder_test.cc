#include "domain/pa/finder.h"

#include <gtest/gtest.h>

namespace selfdirect::domain::pa {
namespace {

// Hereford-ish: a degree of latitude is about 69 miles, so 0.0145 degrees is about a mile.
GeoPoint At(double miles_north) {
  return {52'056'500 + static_cast<int64_t>(miles_north * 14'492), -2'716'000};
}

PaProfile Pa(int64_t id, double miles, uint32_t free, std::vector<std::string> skills,
             std::string_view rate = "14.00") {
  PaProfile p;
  p.id = id;
  p.first_name = "PA " + std::to_string(id);
  p.home = At(miles);
  p.travel_miles = 10;
  p.availability = free;
  p.skills = std::move(skills);
  p.hourly_rate = *Pence::Parse(rate);
  return p;
}

const uint32_t kMonMorning = SlotBit(Weekday::kMonday, DayPart::kMorning);
const uint32_t kMonEvening = SlotBit(Weekday::kMonday, DayPart::kEvening);
const uint32_t kSatMorning = SlotBit(Weekday::kSaturday, DayPart::kMorning);

TEST(Slots, LabelsAndCounts) {
  EXPECT_EQ(SlotLabel(0), "Monday morning");
  EXPECT_EQ(SlotLabel(20), "Sunday evening");
  EXPECT_EQ(kSatMorning, 1u << 15);
  EXPECT_EQ(SlotCount(kMonMorning | kSatMorning), 2);
  EXPECT_EQ(SkillLabel("bsl"), "British Sign Language");
  EXPECT_EQ(SkillLabel("juggling"), "");
}

TEST(FindPas, RanksByTimesThenSkillsThenDistanceWithReasons) {
  std::vector<PaProfile> pas = {
      Pa(1, 2, kMonMorning, {"personal_care"}),
      Pa(2, 1, kMonMorning | kSatMorning, {"personal_care", "driving"}),
      Pa(3, 1, kMonMorning | kSatMorning, {"driving"}),
      Pa(4, 1, kMonEvening, {"personal_care", "driving"}),                 // Not free when needed.
      Pa(5, 12, kMonMorning | kSatMorning, {"personal_care", "driving"}),  // Too far.
  };
  PaNeed need{At(0), kMonMorning | kSatMorning, {"personal_care", "driving"}, {}, "", {}};
  auto found = FindPas(pas, need, 10);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].pa->id, 2);
  EXPECT_EQ(found[1].pa->id, 3);
  EXPECT_EQ(found[2].pa->id, 1);
  EXPECT_EQ(found[0].reasons[0], "Free at all 2 times you need");
  EXPECT_EQ(found[2].reasons[0], "Free at 1 of the 2 times you need");
  EXPECT_EQ(found[1].reasons[2],
            "Has not said they have experience of personal care (washing, "
            "dressing, toileting)");
  EXPECT_EQ(found[0].reasons.back(), "Asks £14.00 an hour");
}

TEST(FindPas, RateLimitVerifiedLanguageInterestsAndHidden) {
  std::vector<PaProfile> pas = {Pa(1, 1, kMonMorning, {}, "18.00"), Pa(2, 1, kMonMorning, {}),
                                Pa(3, 1, kMonMorning, {}), Pa(4, 0.5, kMonMorning, {})};
  pas[1].verified = true;
  pas[1].languages = {"Polish"};
  pas[1].interests = {"Gardening"};
  pas[3].listed = false;
  PaNeed need{At(0), 0, {}, {"gardening"}, "polish", *Pence::Parse("15.00")};
  auto found = FindPas(pas, need, 10);
  ASSERT_EQ(found.size(), 2u);  // 1 asks too much, 4 is not listed.
  EXPECT_EQ(found[0].pa->id, 2);
  auto has = [&](std::string_view r) {
    return std::find(found[0].reasons.begin(), found[0].reasons.end(), r) != found[0].reasons.end();
  };
  EXPECT_TRUE(has("Checks seen by the council or a PA employer"));
  EXPECT_TRUE(has("Speaks Polish"));
  EXPECT_TRUE(has("Shares your interest in gardening"));
  EXPECT_EQ(FindPas(pas, need, 1).size(), 1u);
}

}  // namespace
}  // namespace selfdirect::domain::pa

namespace selfdirect::domain::pa {
namespace {

TEST(PublicPoint, RoundsAHomeToAHundredthOfADegree) {
  EXPECT_EQ(PublicPoint({52'056'500, -2'716'000}), (GeoPoint{52'060'000, -2'720'000}));
  EXPECT_EQ(PublicPoint({52'054'999, -2'714'999}), (GeoPoint{52'050'000, -2'710'000}));
}

TEST(Reach, TheBoxHoldsEveryPointWithinTheMiles) {
  GeoPoint centre{52'056'500, -2'716'000};
  Reach r = ReachAround(centre);
  EXPECT_EQ(r.latitude_per_mile_e6, 14'555);
  EXPECT_GT(r.longitude_per_mile_e6, r.latitude_per_mile_e6);
  // Ten miles due north and due east are inside a ten-mile box.
  GeoPoint north{centre.latitude_e6 + 10 * 14'500, centre.longitude_e6};
  EXPECT_LE(DistanceMetres(centre, north), MilesToMetres(10) + 1000);
  int64_t east = 0;
  while (DistanceMetres(centre, {centre.latitude_e6, centre.longitude_e6 + east}) <
         MilesToMetres(10))
    east += 100;
  EXPECT_LE(east, 10 * r.longitude_per_mile_e6);
}

}  // namespace
}  // namespace selfdirect::domain::pa
