#include "app/directory/hsds_csv.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/directory/directory_service.h"
#include "base/clock.h"

namespace selfdirect::app {
namespace {

std::map<std::string, std::string> DemoFiles(std::vector<domain::DirectoryService>& services) {
  auto demo =
      DemoDirectoryServices(DefaultTaxonomy(), Timestamp::FromMicros(1'790'000'000'000'000));
  EXPECT_TRUE(demo.ok());
  for (auto& [s, due] : *demo) services.push_back(s);
  return HsdsCsvFiles(services, DefaultTaxonomy());
}

TEST(HsdsCsv, WritesTheProfilesFilesAndReadsBackEveryServiceTheSame) {
  std::vector<domain::DirectoryService> services;
  auto files = DemoFiles(services);
  for (const char* name :
       {"organizations.csv", "services.csv", "locations.csv", "address.csv", "accessibility.csv",
        "service_at_location.csv", "schedule.csv", "cost_options.csv", "contacts.csv", "phones.csv",
        "service_areas.csv", "attribute.csv", "taxonomies.csv", "taxonomy_terms.csv"}) {
    ASSERT_TRUE(files.count(name)) << name;
  }
  // The header is the profile's (datapackage.json) column order.
  EXPECT_EQ(files["services.csv"].substr(0, files["services.csv"].find('\r')),
            "id,organization_id,name,description,url,email,status,fees,accreditations,"
            "minimum_age,maximum_age,assured_date,assurer_email,alert,last_modified");
  CsvFeed feed = FeedFromHsdsCsv(files);
  ASSERT_TRUE(feed.problems.empty()) << feed.problems[0].file << " " << feed.problems[0].row << " "
                                     << feed.problems[0].field.message;
  ASSERT_EQ(feed.services.size(), services.size());
  ASSERT_EQ(feed.service_rows.size(), services.size());
  EXPECT_EQ(feed.service_rows[0], 2);  // After the header.
  for (size_t i = 0; i < services.size(); ++i) {
    auto back = ServiceFromHsds(feed.services[i], DefaultTaxonomy());
    ASSERT_TRUE(back.ok()) << services[i].name;
    EXPECT_EQ(boost::json::serialize(ServiceToHsds(*back, DefaultTaxonomy())),
              boost::json::serialize(ServiceToHsds(services[i], DefaultTaxonomy())))
        << services[i].name;
  }
}

TEST(HsdsCsv, NamesTheFileRowAndColumnOfEveryBrokenLink) {
  std::vector<domain::DirectoryService> services;
  auto files = DemoFiles(services);
  const std::string service_id = services[0].id;
  files["schedule.csv"] +=
      "aaaaaaaa-0000-4000-8000-000000000001,no-such-service,,,,,WEEKLY,1,MO,,,"
      "10:00:00,12:00:00,,,\r\n";
  files["services.csv"] += service_id + ",no-such-organisation,Twice,,,,active,,,,,,,,\r\n";
  const auto address_lines =
      std::count(files["address.csv"].begin(), files["address.csv"].end(), '\n');
  files["address.csv"] += "\"unclosed,x\r\n";
  files["phones.csv"] += "aaaaaaaa-0000-4000-8000-000000000002,no-such-contact,01632 960999,\r\n";
  CsvFeed feed = FeedFromHsdsCsv(files);
  ASSERT_EQ(feed.problems.size(), 1u);  // An unreadable file stops the join.
  EXPECT_EQ(feed.problems[0].file, "address.csv");
  EXPECT_EQ(feed.problems[0].row, address_lines + 1);
  files["address.csv"].erase(files["address.csv"].rfind("\"unclosed"));
  feed = FeedFromHsdsCsv(files);
  ASSERT_EQ(feed.problems.size(), 4u);
  const int64_t last_service_row = static_cast<int64_t>(services.size()) + 2;
  EXPECT_EQ(feed.problems[0].file, "services.csv");
  EXPECT_EQ(feed.problems[0].row, last_service_row);
  EXPECT_EQ(feed.problems[0].field.field, "organization_id");
  EXPECT_EQ(feed.problems[1].file, "services.csv");
  EXPECT_EQ(feed.problems[1].field.field, "id");
  EXPECT_EQ(feed.problems[2].file, "schedule.csv");
  EXPECT_EQ(feed.problems[2].field.field, "service_id");
  EXPECT_EQ(feed.problems[2].field.message, "is not in services.csv");
  EXPECT_EQ(feed.problems[3].file, "phones.csv");
  EXPECT_EQ(feed.problems[3].field.field, "contact_id");
  EXPECT_EQ(feed.problems[3].field.message, "is not in contacts.csv");
}

TEST(HsdsCsv, NeedsServicesAndOrganizationsWithTheirColumns) {
  CsvFeed none = FeedFromHsdsCsv({});
  ASSERT_EQ(none.problems.size(), 2u);
  EXPECT_EQ(none.problems[0].file, "organizations.csv");
  EXPECT_EQ(none.problems[0].field.message, "is required");
  CsvFeed headless = FeedFromHsdsCsv(
      {{"organizations.csv", "id,name\r\n"}, {"services.csv", "id,name,status\r\n"}});
  ASSERT_EQ(headless.problems.size(), 1u);
  EXPECT_EQ(headless.problems[0].field.field, "organization_id");
  EXPECT_EQ(headless.problems[0].row, 1);
  // Only what was given: an empty directory is a feed of no services.
  CsvFeed empty = FeedFromHsdsCsv({{"organizations.csv", "id,name\r\n"},
                                   {"services.csv", "id,organization_id,name,status\r\n"}});
  EXPECT_TRUE(empty.problems.empty());
  EXPECT_TRUE(empty.services.empty());
}

}  // namespace
}  // namespace selfdirect::app
