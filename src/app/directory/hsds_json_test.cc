#include "app/directory/hsds_json.h"

#include <gtest/gtest.h>

#include "app/directory/directory_service.h"

namespace selfdirect::app {
namespace {
namespace json = boost::json;

std::string TermId(std::string_view name) {
  for (const auto& t : DefaultTaxonomy().terms)
    if (t.name == name) return t.id;
  ADD_FAILURE() << "no term " << name;
  return "";
}

json::value Feed() {
  return json::object{
      {"id", "0b7d8f2e-3c1a-4e5b-9a6d-7c8e9f0a1b2c"},
      {"name", "Tuesday lunch club"},
      {"description", "A hot meal and company"},
      {"status", "active"},
      {"minimum_age", 60},
      {"last_modified", "2026-11-01T10:00:00Z"},
      {"organization",
       {{"id", "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"},
        {"name", "Age Friendly Hereford"},
        {"description", "A local charity"}}},
      {"schedules", json::array{{{"id", "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"},
                                 {"freq", "WEEKLY"},
                                 {"byday", "TU"},
                                 {"opens_at", "12:00:00"},
                                 {"closes_at", "14:00"}}}},
      {"cost_options", json::array{{{"id", "3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f"},
                                    {"amount", 5.5},
                                    {"amount_description", "per meal"}}}},
      {"service_at_locations",
       json::array{{{"id", "5e6f7a8b-9c0d-4e1f-8a3b-4c5d6e7f8091"},
                    {"location",
                     {{"id", "4d5e6f7a-8b9c-4d0e-9f2a-3b4c5d6e7f80"},
                      {"location_type", "physical"},
                      {"name", "St Martin's Hall"},
                      {"addresses", json::array{{{"address_1", "Ross Road"},
                                                 {"city", "Hereford"},
                                                 {"postal_code", "hr27rj"}}}}}}}}},
      {"attributes", json::array{{{"id", "6f7a8b9c-0d1e-4f2a-8b4c-5d6e7f809102"},
                                  {"taxonomy_term", {{"id", TermId("Lunch clubs")}}}}}},
      {"fees", "ignored: the UK profile's other fields are not kept"}};
}

TEST(HsdsJson, ReadsAFeedServiceAndWritesItBackTheSame) {
  auto s = ServiceFromHsds(Feed(), DefaultTaxonomy());
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->organization.name, "Age Friendly Hereford");
  ASSERT_EQ(s->schedules.size(), 1u);
  EXPECT_EQ(s->schedules[0].days, std::vector<int>{1});
  EXPECT_EQ(s->schedules[0].closes_at, 14 * 60);
  EXPECT_EQ(s->costs[0].amount, Pence::FromPence(550));
  EXPECT_EQ(s->locations[0].postcode, "HR2 7RJ");
  EXPECT_EQ(s->term_ids, std::vector<std::string>{TermId("Lunch clubs")});

  json::object written = ServiceToHsds(*s, DefaultTaxonomy());
  EXPECT_EQ(written["cost_options"].at(0).at("amount"), json::value(5.5));
  EXPECT_EQ(written["schedules"].at(0).at("closes_at"), "14:00:00");
  EXPECT_EQ(written["attributes"].at(0).at("taxonomy_term").at("name"), "Lunch clubs");
  auto again = ServiceFromHsds(written, DefaultTaxonomy());
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(json::serialize(ServiceToHsds(*again, DefaultTaxonomy())), json::serialize(written));
}

TEST(HsdsJson, BadFeedsNameEveryField) {
  json::value feed = Feed();
  auto& o = feed.as_object();
  o["status"] = "open";
  o["schedules"].as_array()[0].as_object()["byday"] = "Tuesday";
  o["cost_options"].as_array()[0].as_object()["amount"] = "five";
  o["attributes"].as_array()[0].as_object()["taxonomy_term"] =
      json::object{{"id", "9f9f9f9f-9f9f-4f9f-9f9f-9f9f9f9f9f9f"}};
  o["service_at_locations"].as_array()[0].as_object()["location"].as_object()["addresses"] =
      json::array{{{"postal_code", "NOT A CODE"}}};
  auto s = ServiceFromHsds(feed, DefaultTaxonomy());
  ASSERT_FALSE(s.ok());
  std::vector<std::string> fields;
  for (const auto& f : s.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"status", "schedules[0].byday", "cost_options[0].amount",
                                      "service_at_locations[0].location.addresses[0].postal_code",
                                      "attributes[0].taxonomy_term.id"}));
}

TEST(HsdsJson, TheShippedTaxonomyHasUuidsAndParents) {
  const Taxonomy& t = DefaultTaxonomy();
  EXPECT_GE(t.terms.size(), 20u);
  for (const auto& term : t.terms) {
    EXPECT_TRUE(domain::IsUuid(term.id)) << term.name;
    EXPECT_TRUE(term.parent_id.empty() || t.Find(term.parent_id) != nullptr) << term.name;
  }
}

TEST(HsdsJson, LinkUuidsAreStableUuids) {
  std::string a = LinkUuid("x", "y");
  EXPECT_TRUE(domain::IsUuid(a));
  EXPECT_EQ(a, LinkUuid("x", "y"));
  EXPECT_NE(a, LinkUuid("y", "x"));
}

TEST(PostcodeCsv, ReadsTheOnsPostcodeDirectorysColumnsAndNamesBadRows) {
  std::vector<std::pair<std::string, domain::GeoPoint>> points;
  PostcodeLoadReport ok = ParsePostcodeCsv(
      "pcd,pcds,dointr,lat,long\n"
      "HR1 1AB,\"hr11ab\",202601,52.056500,-2.716000\n"
      "\n"
      "HR9 9ZZ,HR9 9ZZ,202601,99.999999,0.000000\r\n",
      points);
  EXPECT_TRUE(ok.problems.empty());
  EXPECT_EQ(ok.rows, 2);
  EXPECT_EQ(ok.loaded, 1);
  EXPECT_EQ(ok.skipped, 1);
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0].first, "HR1 1AB");
  EXPECT_EQ(points[0].second, (domain::GeoPoint{52'056'500, -2'716'000}));

  points.clear();
  PostcodeLoadReport bad = ParsePostcodeCsv(
      "postcode,latitude,longitude\nnope,52,-2\nHR1 1AB,91,-2\nHR1 1AB,52\n\"HR1 1AB,52,-2\n",
      points);
  EXPECT_EQ(bad.problems,
            (std::vector<std::string>{"line 2: \"nope\" is not a UK postcode",
                                      "line 3: lat is not a latitude in decimal degrees",
                                      "line 4: has too few columns",
                                      "line 5: a quoted cell is not closed properly"}));
  EXPECT_EQ(ParsePostcodeCsv("pcds,easting\n", points).problems.size(), 1u);
  EXPECT_EQ(ParsePostcodeCsv("", points).problems,
            std::vector<std::string>{"the file is empty: it needs a header row"});
}

}  // namespace
}  // namespace selfdirect::app
