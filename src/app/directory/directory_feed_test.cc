#include "app/directory/directory_feed.h"

#include <gtest/gtest.h>

#include "app/directory/hsds_csv.h"

namespace selfdirect::app {
namespace {

std::vector<domain::DirectoryService> DemoServices(size_t n) {
  auto demo =
      DemoDirectoryServices(DefaultTaxonomy(), Timestamp::FromMicros(1'790'000'000'000'000));
  EXPECT_TRUE(demo.ok());
  std::vector<domain::DirectoryService> out;
  for (size_t i = 0; i < n && i < demo->size(); ++i) out.push_back((*demo)[i].first);
  return out;
}

TEST(DirectoryFeed, TextThatIsNotJsonIsRefusedAsAWhole) {
  auto feed = DirectoryFeedFromJson("{\"contents\": [", DefaultTaxonomy());
  ASSERT_FALSE(feed.ok());
  EXPECT_EQ(feed.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(feed.error().fields.size(), 1u);
  EXPECT_EQ(feed.error().fields[0].field, "feed");
}

TEST(DirectoryFeed, APageOfServicesIsReadInOrderWithEachRowNamed) {
  auto services = DemoServices(3);
  boost::json::array contents;
  for (const auto& s : services) contents.push_back(ServiceToHsds(s, DefaultTaxonomy()));
  contents.push_back(contents[0]);            // Row 4 repeats row 1's id.
  contents.push_back(boost::json::object{});  // Row 5 is not a service.
  std::string text = boost::json::serialize(boost::json::object{{"contents", contents}});
  auto feed = DirectoryFeedFromJson(text, DefaultTaxonomy());
  ASSERT_TRUE(feed.ok());
  EXPECT_EQ(feed->rows, 5);
  EXPECT_EQ(feed->file, "");
  ASSERT_EQ(feed->services.size(), 3u);
  EXPECT_EQ(feed->services[2].id, services[2].id);
  EXPECT_EQ(feed->service_rows, (std::vector<int64_t>{1, 2, 3}));
  ASSERT_EQ(feed->problems.size(), 2u);
  EXPECT_EQ(feed->problems[0].row, 4);
  EXPECT_EQ(feed->problems[0].id, services[0].id);
  EXPECT_EQ(feed->problems[0].fields.at(0).message, "is the same as row 1's");
  EXPECT_EQ(feed->problems[1].row, 5);
}

TEST(DirectoryFeed, CsvFilesGiveTheServicesWithTheirRowsInServicesCsv) {
  auto services = DemoServices(4);
  auto feed = DirectoryFeedFromCsv(HsdsCsvFiles(services, DefaultTaxonomy()), DefaultTaxonomy());
  EXPECT_TRUE(feed.problems.empty());
  EXPECT_EQ(feed.file, "services.csv");
  EXPECT_EQ(feed.rows, 4);
  ASSERT_EQ(feed.services.size(), 4u);
  // services.csv counts its header as row 1.
  ASSERT_EQ(feed.service_rows.size(), 4u);
  for (size_t i = 0; i < 4; ++i) EXPECT_GE(feed.service_rows[i], 2) << i;
}

TEST(DirectoryFeed, ACsvProblemNamesItsFileAndRowAndNoServiceIsRead) {
  auto files = HsdsCsvFiles(DemoServices(2), DefaultTaxonomy());
  files.erase("organizations.csv");
  auto feed = DirectoryFeedFromCsv(files, DefaultTaxonomy());
  ASSERT_FALSE(feed.problems.empty());
  EXPECT_FALSE(feed.problems[0].file.empty());
  EXPECT_TRUE(feed.services.empty());
}

}  // namespace
}  // namespace selfdirect::app
