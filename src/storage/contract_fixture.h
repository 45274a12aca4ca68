// File: contract_fixture.h
// The fixture of the repository contract tests (repository_contract_test.cc,
// money_contract_test.cc): a store per test, SQLite (a fresh file) or PostgreSQL (when
// SELFDIRECT_TEST_POSTGRES_URL is set), with two fresh councils and a team. Test code only.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "app/passwords.h"
#include "storage/sql/sql_store.h"

namespace selfdirect::storage {

using app::CouncilKind;

inline const Timestamp kNow = *Timestamp::Parse("2026-11-22T09:00:00Z");

inline std::string UniqueCode(std::string_view stem) {
  static std::atomic<int> n{0};
  return std::string(stem) + "-" + std::to_string(getpid()) + "-" + std::to_string(++n) + "-" +
         app::RandomToken().substr(0, 6);
}

inline domain::PersonDetails Person(std::string given, std::string family,
                                    std::string postcode = "") {
  domain::PersonDetails d;
  d.given_name = std::move(given);
  d.family_name = std::move(family);
  d.date_of_birth = *Date::Parse("1950-06-01");
  if (!postcode.empty()) d.postcode = postcode;
  d.primary_support_reason = domain::PrimarySupportReason::kPhysicalSupport;
  d.budget_management = domain::BudgetManagement::kDirectPayment;
  return d;
}

class RepositoryContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string url;
    if (GetParam() == "sqlite") {
      path_ = std::filesystem::temp_directory_path() / (UniqueCode("sd-contract") + ".db");
      url = "sqlite:" + path_.string();
    } else {
      const char* pg = std::getenv("SELFDIRECT_TEST_POSTGRES_URL");
      if (!pg || !*pg) {
        if (std::getenv("SELFDIRECT_REQUIRE_POSTGRES")) FAIL() << "PostgreSQL URL not set";
        GTEST_SKIP() << "SELFDIRECT_TEST_POSTGRES_URL is not set";
      }
      url = pg;
    }
    auto store = OpenStore(url);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
    council_ = *store_->UpsertCouncil(UniqueCode("c"), "Test Council", CouncilKind::kLive);
    other_ = *store_->UpsertCouncil(UniqueCode("o"), "Other Council", CouncilKind::kLive);
    team_ = AddTeam(council_, "Adults North");
  }

  void TearDown() override {
    store_.reset();
    if (!path_.empty()) {
      for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path_.string() + suffix);
      }
    }
  }

  TeamId AddTeam(CouncilId council, const std::string& name) {
    TeamId id;
    EXPECT_TRUE(store_
                    ->Write(council,
                            [&](app::Transaction& tx) -> Status {
                              SD_ASSIGN_OR_RETURN(id, tx.teams().Insert(name));
                              return OkStatus();
                            })
                    .ok());
    return id;
  }

  PersonId AddPerson(CouncilId council, TeamId team, const domain::PersonDetails& d) {
    PersonId id;
    Status s = store_->Write(council, [&](app::Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(id, tx.people().Insert(d, team, kNow));
      return OkStatus();
    });
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return id;
  }

  app::PeoplePage Search(CouncilId council, app::PeopleQuery q) {
    app::PeoplePage page;
    Status s = store_->Read(council, [&](app::Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(page, tx.people().Search(q));
      return OkStatus();
    });
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return page;
  }

  std::filesystem::path path_;
  std::unique_ptr<SqlStore> store_;
  CouncilId council_;
  CouncilId other_;
  TeamId team_;
};

}  // namespace selfdirect::storage
