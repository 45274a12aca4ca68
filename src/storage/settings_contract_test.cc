// The council's settings on both databases: versions of a kind come back oldest first with every
// field; a second version of a kind on one day is refused; kinds and councils are kept apart.
#include <gtest/gtest.h>

#include "storage/contract_fixture.h"

namespace selfdirect::storage {
namespace {

class SettingsContract : public RepositoryContract {};

TEST_P(SettingsContract, VersionsComeBackOldestFirstAndOneADay) {
  Status s = store_->Write(council_, [&](app::Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(
        tx.settings().Insert({"monitoring", *Date::Parse("2027-04-01"), R"({"surplus_weeks":4})",
                              "From April", UserId{7}, kNow}));
    SD_RETURN_IF_ERROR(tx.settings().Insert({"monitoring", *Date::Parse("2026-12-05"),
                                             R"({"surplus_weeks":6})", "Now", UserId{}, kNow}));
    SD_RETURN_IF_ERROR(
        tx.settings().Insert({"reviews", *Date::Parse("2026-12-05"), R"({"due_soon_days":90})",
                              "Reviews", UserId{7}, kNow}));
    Status again = tx.settings().Insert(
        {"monitoring", *Date::Parse("2026-12-05"), "{}", "Again", UserId{7}, kNow});
    EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
    SD_ASSIGN_OR_RETURN(auto list, tx.settings().List("monitoring"));
    EXPECT_EQ(list.size(), 2u);
    if (list.size() == 2) {
      EXPECT_EQ(list[0].effective_from, *Date::Parse("2026-12-05"));
      EXPECT_EQ(list[0].values_json, R"({"surplus_weeks":6})");
      EXPECT_FALSE(list[0].created_by.valid());
      EXPECT_EQ(list[1].note, "From April");
      EXPECT_EQ(list[1].created_by, UserId{7});
      EXPECT_EQ(list[1].created_at, kNow);
    }
    return OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s.error().message;
  s = store_->Read(other_, [&](app::Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto list, tx.settings().List("monitoring"));
    EXPECT_TRUE(list.empty());
    return OkStatus();
  });
  ASSERT_TRUE(s.ok());
}

INSTANTIATE_TEST_SUITE_P(Adapters, SettingsContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace selfdirect::storage
