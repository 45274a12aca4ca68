// Sign-in throttling and re-authentication on both databases: counts per account and per address
// up to a limit within a window, a new window once it has passed, clearing, pruning, councils
// kept apart, and the limit kept when attempts arrive at once from many threads (many servers).
// Sessions keep the time their user last entered a password.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "storage/contract_fixture.h"

namespace selfdirect::storage {
namespace {

using app::ThrottleScope;
constexpr int kWindow = 900;

class SignInThrottleContract : public RepositoryContract {
 protected:
  // CountIfUnder in its own transaction.
  bool CountIfUnder(CouncilId council, ThrottleScope scope, const std::string& subject,
                    Timestamp now, int limit) {
    bool counted = false;
    Status s = store_->Write(council, [&](app::Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(counted,
                          tx.sign_in_throttle().CountIfUnder(scope, subject, now, kWindow, limit));
      return OkStatus();
    });
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return counted;
  }
  int Count(CouncilId council, ThrottleScope scope, const std::string& subject, Timestamp now) {
    int n = -1;
    Status s = store_->Read(council, [&](app::Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(n, tx.sign_in_throttle().Count(scope, subject, now, kWindow));
      return OkStatus();
    });
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return n;
  }
};

TEST_P(SignInThrottleContract, CountsUpToTheLimitThenRefusesUntilTheWindowPasses) {
  const std::string a = "a@example.org";
  for (int i = 1; i <= 5; ++i) {
    EXPECT_TRUE(CountIfUnder(council_, ThrottleScope::kAccount, a, kNow.PlusSeconds(i), 5));
    EXPECT_EQ(Count(council_, ThrottleScope::kAccount, a, kNow.PlusSeconds(i)), i);
  }
  EXPECT_FALSE(CountIfUnder(council_, ThrottleScope::kAccount, a, kNow.PlusSeconds(10), 5));
  EXPECT_EQ(Count(council_, ThrottleScope::kAccount, a, kNow.PlusSeconds(10)), 5);
  // The window runs from the first attempt: one second before it ends, still refused.
  EXPECT_FALSE(CountIfUnder(council_, ThrottleScope::kAccount, a, kNow.PlusSeconds(kWindow), 5));
  EXPECT_EQ(Count(council_, ThrottleScope::kAccount, a, kNow.PlusSeconds(kWindow + 1)), 0);
  EXPECT_TRUE(CountIfUnder(council_, ThrottleScope::kAccount, a, kNow.PlusSeconds(kWindow + 1), 5));
  EXPECT_EQ(Count(council_, ThrottleScope::kAccount, a, kNow.PlusSeconds(kWindow + 1)), 1);
}

TEST_P(SignInThrottleContract, ScopesSubjectsAndCouncilsAreCountedApart) {
  const std::string same = "10.0.0.1";
  EXPECT_TRUE(CountIfUnder(council_, ThrottleScope::kAccount, same, kNow, 1));
  EXPECT_FALSE(CountIfUnder(council_, ThrottleScope::kAccount, same, kNow, 1));
  EXPECT_TRUE(CountIfUnder(council_, ThrottleScope::kAddress, same, kNow, 1));
  EXPECT_TRUE(CountIfUnder(council_, ThrottleScope::kAccount, "10.0.0.2", kNow, 1));
  EXPECT_TRUE(CountIfUnder(other_, ThrottleScope::kAccount, same, kNow, 1));
  EXPECT_EQ(Count(other_, ThrottleScope::kAccount, same, kNow), 1);
  EXPECT_EQ(Count(other_, ThrottleScope::kAddress, same, kNow), 0);
}

TEST_P(SignInThrottleContract, ClearForgetsOneSubjectAndPruningRemovesEndedWindows) {
  EXPECT_TRUE(CountIfUnder(council_, ThrottleScope::kAccount, "a", kNow, 5));
  EXPECT_TRUE(CountIfUnder(council_, ThrottleScope::kAccount, "b", kNow, 5));
  EXPECT_TRUE(CountIfUnder(council_, ThrottleScope::kAddress, "c", kNow.PlusSeconds(600), 5));
  EXPECT_TRUE(CountIfUnder(other_, ThrottleScope::kAccount, "a", kNow, 5));
  int64_t pruned = -1;
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            SD_RETURN_IF_ERROR(
                                tx.sign_in_throttle().Clear(ThrottleScope::kAccount, "a"));
                            // At kNow + kWindow, "b"'s window (from kNow) has passed, "c"'s not.
                            SD_ASSIGN_OR_RETURN(pruned, tx.sign_in_throttle().DeleteEnded(
                                                            kNow.PlusSeconds(kWindow), kWindow));
                            return OkStatus();
                          })
                  .ok());
  EXPECT_EQ(pruned, 1);
  EXPECT_EQ(Count(council_, ThrottleScope::kAccount, "a", kNow), 0);
  EXPECT_EQ(Count(council_, ThrottleScope::kAccount, "b", kNow), 0);
  EXPECT_EQ(Count(council_, ThrottleScope::kAddress, "c", kNow.PlusSeconds(600)), 1);
  EXPECT_EQ(Count(other_, ThrottleScope::kAccount, "a", kNow), 1);  // Another council's.
}

// Many processes at once: 8 threads each try 10 times on one account; exactly the limit is
// counted, never more (on PostgreSQL each thread has its own connection and transaction).
TEST_P(SignInThrottleContract, ConcurrentAttemptsNeverCountPastTheLimit) {
  std::atomic<int> counted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        bool ok = false;
        Status s = store_->Write(council_, [&](app::Transaction& tx) -> Status {
          SD_ASSIGN_OR_RETURN(ok, tx.sign_in_throttle().CountIfUnder(ThrottleScope::kAccount, "x",
                                                                     kNow, kWindow, 5));
          return OkStatus();
        });
        EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
        counted += ok ? 1 : 0;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(counted.load(), 5);
  EXPECT_EQ(Count(council_, ThrottleScope::kAccount, "x", kNow), 5);
}

TEST_P(SignInThrottleContract, ASessionKeepsWhenItsPasswordWasLastEntered) {
  std::optional<app::SessionRecord> session;
  Status s = store_->Write(council_, [&](app::Transaction& tx) -> Status {
    app::UserRecord u{UserId{}, "p@example.org", "P",    domain::Role::kAdministrator,
                      TeamId{}, PersonId{},      "hash", false};
    SD_ASSIGN_OR_RETURN(UserId user, tx.users().Insert(u, kNow));
    SD_RETURN_IF_ERROR(tx.sessions().Insert(
        {"h", user, "csrf", kNow, kNow, kNow.PlusSeconds(3600), kNow.PlusSeconds(-5)}));
    SD_ASSIGN_OR_RETURN(session, tx.sessions().Find("h"));
    EXPECT_EQ(session->password_entered_at, kNow.PlusSeconds(-5));
    SD_RETURN_IF_ERROR(tx.sessions().SetPasswordEntered("h", kNow.PlusSeconds(1200)));
    SD_ASSIGN_OR_RETURN(session, tx.sessions().Find("h"));
    EXPECT_EQ(tx.sessions().SetPasswordEntered("none", kNow).error().code, ErrorCode::kNotFound);
    return OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_TRUE(session.has_value());
  EXPECT_EQ(session->password_entered_at, kNow.PlusSeconds(1200));
  EXPECT_EQ(session->created_at, kNow);
  // Another council's transaction cannot set it.
  Status cross = store_->Write(
      other_, [&](app::Transaction& tx) { return tx.sessions().SetPasswordEntered("h", kNow); });
  EXPECT_FALSE(cross.ok());
}

INSTANTIATE_TEST_SUITE_P(Adapters, SignInThrottleContract,
                         ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace selfdirect::storage
