// Tests of the PostgreSQL connection pool when the server ends its connections (a restart or a
// failover): a lost connection answers kUnavailable, never kInternal; a transaction cut before
// its commit leaves nothing behind; and the pool replaces lost connections, including those lent
// out when the loss was found, without a restart. They need a server: SELFDIRECT_TEST_POSTGRES_URL
// (scripts/with-postgres); without it they are skipped (failed if SELFDIRECT_REQUIRE_POSTGRES).
#include "storage/postgres/postgres_source.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace selfdirect::storage {
namespace {

class PostgresSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("SELFDIRECT_TEST_POSTGRES_URL");
    if (url == nullptr || *url == '\0') {
      if (std::getenv("SELFDIRECT_REQUIRE_POSTGRES")) FAIL() << "SELFDIRECT_TEST_POSTGRES_URL";
      GTEST_SKIP() << "SELFDIRECT_TEST_POSTGRES_URL is not set";
    }
    auto source = OpenPostgres(url, 3);
    ASSERT_TRUE(source.ok()) << source.error().message;
    source_ = std::move(*source);
    auto killer = OpenPostgres(url, 1);
    ASSERT_TRUE(killer.ok()) << killer.error().message;
    killer_ = std::move(*killer);
  }

  // The backend process behind `lease`'s connection.
  static int64_t BackendPid(ConnectionLease& lease) {
    auto rows = lease.connection().Query("SELECT pg_backend_pid()", {});
    EXPECT_TRUE(rows.ok()) << rows.error().message;
    return rows.ok() ? (*rows)[0].Int(0) : 0;
  }

  // Ends backend `pid` as a server stopping would, and waits until it is gone.
  void Terminate(int64_t pid) {
    auto lease = killer_->AcquireWriter();
    ASSERT_TRUE(lease.ok());
    SqlConnection& c = (*lease)->connection();
    ASSERT_TRUE(c.Query("SELECT pg_terminate_backend(CAST($1 AS integer))", {pid}).ok());
    for (int i = 0; i < 200; ++i) {
      auto rows =
          c.Query("SELECT count(*) FROM pg_stat_activity WHERE pid = CAST($1 AS integer)", {pid});
      ASSERT_TRUE(rows.ok());
      if ((*rows)[0].Int(0) == 0) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL() << "backend " << pid << " did not end";
  }

  std::unique_ptr<ConnectionSource> source_;
  std::unique_ptr<ConnectionSource> killer_;  // Its own pool: never one of source_'s.
};

TEST_F(PostgresSourceTest, StatementOnLostConnectionIsUnavailableAndTheNextLeaseWorks) {
  int64_t pid = 0;
  {
    auto lease = source_->AcquireReader();
    ASSERT_TRUE(lease.ok());
    pid = BackendPid(**lease);
  }
  Terminate(pid);
  {
    auto lease = source_->AcquireReader();  // The idle connection, whose backend is gone.
    ASSERT_TRUE(lease.ok());
    auto rows = (*lease)->connection().Query("SELECT 1", {});
    ASSERT_FALSE(rows.ok());
    EXPECT_EQ(rows.error().code, ErrorCode::kUnavailable) << rows.error().message;
  }
  auto lease = source_->AcquireReader();
  ASSERT_TRUE(lease.ok());
  int64_t again = BackendPid(**lease);
  EXPECT_NE(again, 0);
  EXPECT_NE(again, pid);
}

TEST_F(PostgresSourceTest, TransactionCutBeforeCommitLeavesNothing) {
  const std::string table = "reconnect_probe_" + std::to_string(::getpid());
  {
    auto lease = source_->AcquireWriter();
    ASSERT_TRUE(lease.ok());
    SqlConnection& c = (*lease)->connection();
    ASSERT_TRUE(c.ExecuteScript("DROP TABLE IF EXISTS " + table + "; CREATE TABLE " + table +
                                " (n integer)")
                    .ok());
    int64_t pid = BackendPid(**lease);
    ASSERT_TRUE(c.Begin(true).ok());
    ASSERT_TRUE(c.Query("INSERT INTO " + table + " (n) VALUES (1)", {}).ok());
    Terminate(pid);
    Status committed = c.Commit();
    ASSERT_FALSE(committed.ok());
    EXPECT_EQ(committed.error().code, ErrorCode::kUnavailable) << committed.error().message;
  }
  auto lease = source_->AcquireReader();
  ASSERT_TRUE(lease.ok());
  auto rows = (*lease)->connection().Query("SELECT count(*) FROM " + table, {});
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  EXPECT_EQ((*rows)[0].Int(0), 0);
  EXPECT_TRUE((*lease)->connection().ExecuteScript("DROP TABLE " + table).ok());
}

// A failover ends every connection at once. Once one is found lost, the others lent out at the
// time are closed when they come back rather than lent again, so one failed request per server
// is enough to find them, not one per pooled connection.
TEST_F(PostgresSourceTest, ConnectionsLentWhenOneWasFoundLostAreNotLentAgain) {
  auto first = source_->AcquireReader();
  auto second = source_->AcquireReader();
  ASSERT_TRUE(first.ok() && second.ok());
  const int64_t first_pid = BackendPid(**first);
  const int64_t second_pid = BackendPid(**second);
  Terminate(first_pid);
  Terminate(second_pid);
  auto lost = (*first)->connection().Query("SELECT 1", {});
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().code, ErrorCode::kUnavailable) << lost.error().message;
  first->reset();   // Found lost: the pool moves on.
  second->reset();  // Not used since its backend ended: closed, not kept.
  for (int i = 0; i < 3; ++i) {
    auto lease = source_->AcquireReader();
    ASSERT_TRUE(lease.ok());
    auto rows = (*lease)->connection().Query("SELECT pg_backend_pid()", {});
    ASSERT_TRUE(rows.ok()) << "lease " << i << ": " << rows.error().message;
    EXPECT_NE((*rows)[0].Int(0), second_pid);
  }
}

}  // namespace
}  // namespace selfdirect::storage
