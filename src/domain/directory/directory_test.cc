#include "domain/directory/directory.h"

#include <gtest/gtest.h>

#include <cmath>

namespace selfdirect::domain {
namespace {

const char* kTerm = "5f0c4a34-8a7e-4f3c-9c43-0d3f7c1e2a01";

DirectoryService LunchClub() {
  DirectoryService s;
  s.id = "0b7d8f2e-3c1a-4e5b-9a6d-7c8e9f0a1b2c";
  s.organization = {"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "Age Friendly Hereford", "", "", ""};
  s.name = "Tuesday lunch club";
  s.description = "A hot meal and company for older people";
  s.minimum_age = 60;
  s.schedules.push_back({"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e",
                         "WEEKLY",
                         {1},
                         12 * 60,
                         14 * 60,
                         "Tuesdays, 12 to 2"});
  s.costs.push_back(
      {"3c4d5e6f-7a8b-4c9d-0e1f-2a3b4c5d6e7f", "Lunch", Pence::FromPence(550), "per meal"});
  s.locations.push_back({"4d5e6f7a-8b9c-4d0e-1f2a-3b4c5d6e7f80",
                         "5e6f7a8b-9c0d-4e1f-2a3b-4c5d6e7f8091", "St Martin's Hall", "Ross Road",
                         "Hereford", "HR2 7RJ", "Step-free entrance"});
  s.contacts.push_back({"6f7a8b9c-0d1e-4f2a-8b4c-5d6e7f809102",
                        "Enquiries",
                        "",
                        {{"7a8b9c0d-1e2f-4a3b-9c5d-6e7f80910213", "01632 960123", "Weekdays"}}});
  s.service_areas.push_back({"8b9c0d1e-2f3a-4b4c-8d6e-7f8091021324", "Hereford city", ""});
  s.term_ids = {kTerm};
  return s;
}

TEST(Directory, AValidEntryHasNoProblems) {
  EXPECT_TRUE(ValidateService(LunchClub(), {kTerm}).empty());
}

TEST(Directory, EveryProblemNamesItsField) {
  DirectoryService s = LunchClub();
  s.id = "not-a-uuid";
  s.name.clear();
  s.minimum_age = 70;
  s.maximum_age = 65;
  s.schedules[0].closes_at = 11 * 60;
  s.costs[0].amount = Pence::FromPence(-1);
  s.contacts[0].phones[0].number = "call the office";
  s.contacts[0].phones.push_back({"not-a-uuid", "", ""});
  s.service_areas[0].name.clear();
  s.term_ids.push_back("9f9f9f9f-9f9f-4f9f-9f9f-9f9f9f9f9f9f");
  std::vector<std::string> fields;
  for (const auto& e : ValidateService(s, {kTerm})) fields.push_back(e.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"id", "name", "maximum_age", "schedules[0].closes_at",
                                      "cost_options[0].amount", "contacts[0].phones[0].number",
                                      "contacts[0].phones[1].id", "contacts[0].phones[1].number",
                                      "service_areas[0].name", "attributes[1].taxonomy_term.id"}));
}

TEST(Directory, PhoneNumbersAreDigitsAsPeopleWriteThem) {
  for (const char* ok : {"01632 960123", "+44 1632 960123", "(01632) 960-123", "0800 123 4567",
                         "01632 960123 ext 21", "01632 960123 x4", "1234567"}) {
    EXPECT_TRUE(IsPhoneNumber(ok)) << ok;
  }
  for (const char* bad : {"", "123456", "1234567890123456", "01632 96O123", "01632+960123",
                          "01632 960123 ext", "01632 960123 ext 1234567", "call us"}) {
    EXPECT_FALSE(IsPhoneNumber(bad)) << bad;
  }
}

TEST(Directory, UuidsAndStatusCodesAreTheProfiles) {
  EXPECT_TRUE(IsUuid("AC148810-d857-441c-9679-408f346de14b"));
  EXPECT_FALSE(IsUuid("ac148810d857441c9679408f346de14b"));
  EXPECT_FALSE(IsUuid("ac148810-d857-441c-9679-408f346de14g"));
  EXPECT_EQ(ParseServiceStatus("temporarily closed"), ServiceStatus::kTemporarilyClosed);
  EXPECT_EQ(ServiceStatusCode(ServiceStatus::kDefunct), "defunct");
  EXPECT_FALSE(ParseServiceStatus("Active"));
}

TEST(Directory, TimesAndDays) {
  EXPECT_EQ(ParseClockTime("09:30"), 570);
  EXPECT_EQ(ParseClockTime("18:00:00"), 1080);
  EXPECT_FALSE(ParseClockTime("24:00"));
  EXPECT_FALSE(ParseClockTime("9:30"));
  EXPECT_EQ(ClockTimeText(570), "09:30");
  EXPECT_EQ(ParseDay("SU"), 6);
  EXPECT_FALSE(ParseDay("Tu"));
}

TEST(Directory, FreeMeansNoAmountAboveZero) {
  DirectoryService s = LunchClub();
  EXPECT_FALSE(IsFree(s));
  s.costs[0].amount = Pence::FromPence(0);
  EXPECT_TRUE(IsFree(s));
  s.costs.clear();
  EXPECT_TRUE(IsFree(s));
}

TEST(Directory, RunsOnADayAndOverlapsTheTimesAsked) {
  const DirectoryService s = LunchClub();  // Tuesdays 12:00 to 14:00.
  EXPECT_TRUE(RunsOn(s, std::nullopt, std::nullopt, std::nullopt));
  EXPECT_TRUE(RunsOn(s, 1, std::nullopt, std::nullopt));
  EXPECT_FALSE(RunsOn(s, 2, std::nullopt, std::nullopt));
  EXPECT_TRUE(RunsOn(s, 1, 13 * 60, std::nullopt));              // Still on at 1pm.
  EXPECT_FALSE(RunsOn(s, 1, 14 * 60, std::nullopt));             // Closed by 2pm.
  EXPECT_FALSE(RunsOn(s, std::nullopt, std::nullopt, 12 * 60));  // Not open before noon.
  EXPECT_TRUE(RunsOn(s, std::nullopt, 9 * 60, 12 * 60 + 30));
}

TEST(Directory, SearchFindsWordStartsAcrossTheEntry) {
  const std::string text = SearchText(LunchClub(), {"Lunch clubs and meals"});
  EXPECT_TRUE(MatchesWords(text, "lunch"));
  EXPECT_TRUE(MatchesWords(text, "Hereford lunch"));
  EXPECT_TRUE(MatchesWords(text, "hr2"));
  EXPECT_TRUE(MatchesWords(text, "AGE friend"));
  EXPECT_FALSE(MatchesWords(text, "unch"));  // Not the start of a word.
  EXPECT_FALSE(MatchesWords(text, "lunch swimming"));
  EXPECT_TRUE(MatchesWords(text, "  "));  // No words: everything.
}

TEST(Directory, QueryWordsAreBoundedLowerCaseWordStarts) {
  EXPECT_EQ(QueryWords("Lunch-club, HR6!"), (std::vector<std::string>{"lunch", "club", "hr6"}));
  EXPECT_TRUE(QueryWords("  ,, ").empty());
  EXPECT_EQ(QueryWords("a b c d e f g h i j k").size(), 8u);
  EXPECT_EQ(QueryWords(std::string(100, 'x'))[0].size(), 40u);
}

TEST(Directory, DegreesParseToMillionthsRoundingHalfAwayFromZero) {
  EXPECT_EQ(ParseDegreesE6("52.0565", 90), 52'056'500);
  EXPECT_EQ(ParseDegreesE6("-2.7160004", 180), -2'716'000);
  EXPECT_EQ(ParseDegreesE6("-2.7160005", 180), -2'716'001);
  EXPECT_EQ(ParseDegreesE6("52", 90), 52'000'000);
  EXPECT_FALSE(ParseDegreesE6("91", 90));
  EXPECT_FALSE(ParseDegreesE6("", 90));
  EXPECT_FALSE(ParseDegreesE6("52.1x", 90));
  EXPECT_FALSE(ParseDegreesE6("-", 90));
  EXPECT_FALSE(ParseDegreesE6(".", 90));
}

TEST(Directory, DistancesAreGreatCircleMetres) {
  // Hereford to Leominster, town centres: about 19 km by the haversine formula.
  const GeoPoint hereford{52'056'500, -2'716'000}, leominster{52'227'000, -2'737'000};
  const int64_t d = DistanceMetres(hereford, leominster);
  EXPECT_GT(d, 18'900);
  EXPECT_LT(d, 19'100);
  EXPECT_EQ(DistanceMetres(hereford, hereford), 0);
  EXPECT_EQ(DistanceMetres(hereford, leominster), DistanceMetres(leominster, hereford));
  EXPECT_EQ(MilesToMetres(5), 8047);
  EXPECT_EQ(MilesText(8047), "5.0");
  EXPECT_EQ(MilesText(3862), "2.4");  // 2.39975 miles.
  EXPECT_EQ(MilesText(0), "0.0");
}

TEST(Directory, TheBoxAroundAPointHoldsEveryPointWithinTheDistance) {
  const GeoPoint centre{52'056'500, -2'716'000};
  const int64_t r = MilesToMetres(5);
  const GeoBox box = BoxAround(centre, r);
  // Points just inside the circle in the four directions are inside the box.
  for (int64_t step = 0; step < 360; step += 15) {
    const double a = static_cast<double>(step) * 3.14159265358979 / 180.0;
    // Walk out along the bearing until just inside r.
    GeoPoint p = centre;
    for (int64_t k = 1;; ++k) {
      GeoPoint q{
          centre.latitude_e6 + static_cast<int64_t>(std::cos(a) * 100.0 * static_cast<double>(k)),
          centre.longitude_e6 + static_cast<int64_t>(std::sin(a) * 160.0 * static_cast<double>(k))};
      if (DistanceMetres(centre, q) > r) break;
      p = q;
    }
    EXPECT_GE(p.latitude_e6, box.min_latitude_e6);
    EXPECT_LE(p.latitude_e6, box.max_latitude_e6);
    EXPECT_GE(p.longitude_e6, box.min_longitude_e6);
    EXPECT_LE(p.longitude_e6, box.max_longitude_e6);
  }
  // And the box is not much bigger than the circle: about 2 * 8 km by 2 * 8 km.
  EXPECT_LT(box.max_latitude_e6 - box.min_latitude_e6, 150'000);
  EXPECT_LT(box.max_longitude_e6 - box.min_longitude_e6, 240'000);
}

}  // namespace
}  // namespace selfdirect::domain
