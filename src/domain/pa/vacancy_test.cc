#include "domain/pa/vacancy.h"

#include <gtest/gtest.h>

namespace selfdirect::domain::pa {
namespace {

// Hereford-ish: 0.0145 degrees of latitude is about a mile.
GeoPoint At(double miles_north) {
  return {52'056'500 + static_cast<int64_t>(miles_north * 14'492), -2'716'000};
}

const uint32_t kMonMorning = SlotBit(Weekday::kMonday, DayPart::kMorning);
const uint32_t kSatMorning = SlotBit(Weekday::kSaturday, DayPart::kMorning);
const Date kToday = *Date::Parse("2026-12-06");

PaProfile Pa(uint32_t free, std::vector<std::string> skills) {
  PaProfile p;
  p.id = 1;
  p.home = At(0);
  p.travel_miles = 5;
  p.availability = free;
  p.skills = std::move(skills);
  p.interests = {"gardening"};
  p.languages = {"Welsh"};
  p.hourly_rate = *Pence::Parse("13.00");
  return p;
}

Vacancy Advert(int64_t id, double miles, uint32_t slots, std::vector<std::string> skills) {
  Vacancy v;
  v.id = id;
  v.title = "A PA for Saturday walks";
  v.about = "Walks, lunch out and the garden";
  v.area = "HR1";
  v.place = At(miles);
  v.slots = slots;
  v.hours_per_week = 6;
  v.hourly_rate = *Pence::Parse("14.50");
  v.skills = std::move(skills);
  v.closes_on = kToday.AddDays(14);
  return v;
}

TEST(VacancyProblems, NamesEachBadField) {
  EXPECT_TRUE(VacancyProblems(Advert(1, 0, kSatMorning, {"going_out"}), kToday).empty());
  Vacancy v = Advert(1, 0, 0, {"juggling"});
  v.title.clear();
  v.hours_per_week = 61;
  v.hourly_rate = Pence{};
  v.closes_on = kToday;
  std::vector<std::string> fields;
  for (const auto& e : VacancyProblems(v, kToday)) fields.push_back(e.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"title", "hours", "hourly_rate", "skills", "closes_on"}));
  v = Advert(1, 0, 0, {});
  v.closes_on = kToday.AddDays(kMaxVacancyDays + 1);
  ASSERT_EQ(VacancyProblems(v, kToday).size(), 1u);
  EXPECT_EQ(VacancyProblems(v, kToday)[0].field, "closes_on");
}

TEST(VacanciesFor, KeepsThoseInReachOpenAndAtAFreeTime) {
  std::vector<Vacancy> all = {Advert(1, 2, kSatMorning, {}), Advert(2, 7, kSatMorning, {}),
                              Advert(3, 1, kMonMorning, {}), Advert(4, 1, 0, {}),
                              Advert(5, 1, kSatMorning, {})};
  all[4].closes_on = kToday.AddDays(-1);
  auto found = VacanciesFor(Pa(kSatMorning, {}), all, kToday, 10);
  std::vector<int64_t> ids;
  for (const auto& m : found) ids.push_back(m.vacancy->id);
  // 2 is beyond the PA's 5 miles, 3 is at a time they are not free, 5 closed yesterday.
  EXPECT_EQ(ids, (std::vector<int64_t>{1, 4}));
  all[0].open = false;
  EXPECT_EQ(VacanciesFor(Pa(kSatMorning, {}), all, kToday, 10).size(), 1u);
}

TEST(VacanciesFor, RanksBySkillsAndGivesReasonsInThePasWords) {
  std::vector<Vacancy> all = {Advert(1, 1, kSatMorning | kMonMorning, {"dementia", "driving"}),
                              Advert(2, 3, kSatMorning, {"going_out"})};
  all[1].interests = {"Gardening"};
  all[1].language = "Welsh";
  auto found = VacanciesFor(Pa(kSatMorning, {"going_out"}), all, kToday, 10);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].vacancy->id, 2);
  EXPECT_EQ(found[0].reasons,
            (std::vector<std::string>{
                "You are free at the time it asks",
                "Asks for experience you have: going out: clubs, activities, appointments",
                "3.0 miles away, near HR1 (you travel up to 5 miles)",
                "Pays £14.50 an hour (you ask £13.00)", "Shares your interest in gardening",
                "Asks for someone who speaks Welsh, as you do"}));
  EXPECT_EQ(found[1].reasons[0], "You are free at 1 of the 2 times it asks");
  EXPECT_EQ(found[1].reasons[1], "Also asks for dementia and driving, with their own car");
  EXPECT_EQ(VacanciesFor(Pa(kSatMorning, {}), all, kToday, 1).size(), 1u);
}

}  // namespace
}  // namespace selfdirect::domain::pa
