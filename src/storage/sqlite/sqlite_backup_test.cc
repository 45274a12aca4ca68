#include "storage/sqlite/sqlite_backup.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "storage/sql/sql_store.h"

namespace selfdirect::storage {
namespace {

namespace fs = std::filesystem;

class SqliteBackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sd-backup-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // A migrated database at `name` holding `councils` councils.
  std::unique_ptr<SqlStore> MakeDatabase(const std::string& name, int councils) {
    auto store = OpenStore("sqlite:" + Path(name));
    EXPECT_TRUE(store.ok());
    for (int i = 0; i < councils; ++i) {
      EXPECT_TRUE((*store)
                      ->UpsertCouncil("c" + std::to_string(i), "Council " + std::to_string(i),
                                      app::CouncilKind::kDemo)
                      .ok());
    }
    return std::move(*store);
  }

  size_t CouncilsIn(const std::string& name) {
    auto store = OpenStore("sqlite:" + Path(name));
    EXPECT_TRUE(store.ok());
    auto list = (*store)->ListCouncils();
    EXPECT_TRUE(list.ok());
    return list->size();
  }

  void WriteText(const std::string& name, const std::string& text) {
    std::ofstream(Path(name)) << text;
  }

  fs::path dir_;
};

TEST_F(SqliteBackupTest, BackupThenRestoreKeepsEveryRow) {
  auto source = MakeDatabase("live.db", 3);
  auto backup = BackupSqlite(Path("live.db"), Path("copy.sdbak"), false);
  ASSERT_TRUE(backup.ok()) << backup.error().message;
  EXPECT_EQ(backup->schema_version, LatestSqliteSchemaVersion());
  EXPECT_GT(backup->pages, 0);
  EXPECT_EQ(backup->bytes, static_cast<int64_t>(fs::file_size(Path("copy.sdbak"))));
  EXPECT_FALSE(fs::exists(Path("copy.sdbak-wal")));  // One self-contained file.

  auto restored = RestoreSqlite(Path("copy.sdbak"), Path("restored.db"), false);
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(CouncilsIn("restored.db"), 3u);
  for (const auto& entry : fs::directory_iterator(dir_))  // No temporary file left behind.
    EXPECT_EQ(entry.path().string().find(".partial-"), std::string::npos) << entry.path();
}

TEST_F(SqliteBackupTest, BackupRefusesToOverwriteUnlessAsked) {
  auto source = MakeDatabase("live.db", 1);
  WriteText("copy.sdbak", "older");
  auto refused = BackupSqlite(Path("live.db"), Path("copy.sdbak"), false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kAlreadyExists);
  ASSERT_TRUE(BackupSqlite(Path("live.db"), Path("copy.sdbak"), true).ok());
  EXPECT_TRUE(CheckSqliteBackup(Path("copy.sdbak")).ok());
}

// Found in review: with --force, a backup "to" the live database (or its WAL) renamed a copy over
// the file the server was writing, losing later writes.
TEST_F(SqliteBackupTest, BackupNeverWritesOverTheDatabaseItself) {
  auto source = MakeDatabase("live.db", 2);
  fs::create_directories(dir_ / "again");
  const std::string same = (dir_ / "again" / ".." / "live.db").string();
  for (const std::string& output : {Path("live.db"), same, Path("live.db-wal")}) {
    auto refused = BackupSqlite(Path("live.db"), output, true);
    ASSERT_FALSE(refused.ok()) << output;
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument) << output;
  }
  EXPECT_EQ(CouncilsIn("live.db"), 2u);
}

TEST_F(SqliteBackupTest, BackupOfMissingDatabaseIsNotFound) {
  auto r = BackupSqlite(Path("absent.db"), Path("copy.sdbak"), false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(fs::exists(Path("copy.sdbak")));
}

TEST_F(SqliteBackupTest, RestoreRefusesNonEmptyDatabaseWithoutForce) {
  MakeDatabase("live.db", 2).reset();
  ASSERT_TRUE(BackupSqlite(Path("live.db"), Path("two.sdbak"), false).ok());
  MakeDatabase("other.db", 5).reset();
  WriteText("other.db-wal", "stale");
  WriteText("other.db-shm", "stale");

  auto refused = RestoreSqlite(Path("two.sdbak"), Path("other.db"), false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kAlreadyExists);
  EXPECT_TRUE(fs::exists(Path("other.db-wal")));  // Nothing touched.

  ASSERT_TRUE(RestoreSqlite(Path("two.sdbak"), Path("other.db"), true).ok());
  EXPECT_FALSE(fs::exists(Path("other.db-wal")));
  EXPECT_FALSE(fs::exists(Path("other.db-shm")));
  EXPECT_EQ(CouncilsIn("other.db"), 2u);
}

// A database that another process has open (a running server) is never replaced, even with
// force: that process would go on using the old file.
TEST_F(SqliteBackupTest, RestoreRefusesDatabaseOpenInAnotherProcess) {
  MakeDatabase("live.db", 2).reset();
  ASSERT_TRUE(BackupSqlite(Path("live.db"), Path("two.sdbak"), false).ok());
  int ready[2], done[2];
  ASSERT_EQ(::pipe(ready), 0);
  ASSERT_EQ(::pipe(done), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {  // Holds the database open, in WAL mode, until told to stop.
    sqlite3* db = nullptr;
    bool opened = sqlite3_open(Path("live.db").c_str(), &db) == SQLITE_OK &&
                  sqlite3_exec(db, "PRAGMA journal_mode = WAL; SELECT count(*) FROM councils",
                               nullptr, nullptr, nullptr) == SQLITE_OK;
    char c = opened ? 'y' : 'n';
    (void)!::write(ready[1], &c, 1);
    (void)!::read(done[0], &c, 1);
    sqlite3_close(db);
    ::_exit(0);
  }
  char c = 0;
  ASSERT_EQ(::read(ready[0], &c, 1), 1);
  ASSERT_EQ(c, 'y');
  auto refused = RestoreSqlite(Path("two.sdbak"), Path("live.db"), true);
  (void)!::write(done[1], "x", 1);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.error().message.find("open in another process"), std::string::npos);
  // Once that process has closed it, the restore goes ahead.
  EXPECT_TRUE(RestoreSqlite(Path("two.sdbak"), Path("live.db"), true).ok());
  for (int fd : {ready[0], ready[1], done[0], done[1]}) ::close(fd);
}

TEST_F(SqliteBackupTest, RestoreIntoEmptyFileNeedsNoForce) {
  MakeDatabase("live.db", 1).reset();
  ASSERT_TRUE(BackupSqlite(Path("live.db"), Path("one.sdbak"), false).ok());
  WriteText("empty.db", "");
  ASSERT_TRUE(RestoreSqlite(Path("one.sdbak"), Path("empty.db"), false).ok());
  EXPECT_EQ(CouncilsIn("empty.db"), 1u);
}

TEST_F(SqliteBackupTest, CheckRejectsWhatIsNotASelfdirectBackup) {
  EXPECT_EQ(CheckSqliteBackup(Path("absent.sdbak")).error().code, ErrorCode::kNotFound);
  WriteText("text.sdbak", "this is not a database, just some text that is long enough\n");
  EXPECT_EQ(CheckSqliteBackup(Path("text.sdbak")).error().code, ErrorCode::kInvalidArgument);
  WriteText("empty.sdbak", "");
  EXPECT_EQ(CheckSqliteBackup(Path("empty.sdbak")).error().code, ErrorCode::kInvalidArgument);

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(Path("plain.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t (x INTEGER)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto plain = CheckSqliteBackup(Path("plain.db"));
  ASSERT_FALSE(plain.ok());
  EXPECT_EQ(plain.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(plain.error().message.find("not a Selfdirect database"), std::string::npos);

  // A refused restore leaves the target as it was.
  MakeDatabase("target.db", 4).reset();
  EXPECT_FALSE(RestoreSqlite(Path("text.sdbak"), Path("target.db"), true).ok());
  EXPECT_EQ(CouncilsIn("target.db"), 4u);
}

TEST_F(SqliteBackupTest, CheckRejectsNewerSchema) {
  auto store = MakeDatabase("live.db", 1);
  ASSERT_TRUE(store
                  ->RunScript("INSERT INTO schema_migrations (version, name, applied_at) VALUES (" +
                              std::to_string(LatestSqliteSchemaVersion() + 1) +
                              ", '9999_future.sql', '2030-01-01T00:00:00Z')")
                  .ok());
  store.reset();
  // This binary cannot vouch for a schema it does not know, so it does not back it up either.
  EXPECT_FALSE(BackupSqlite(Path("live.db"), Path("future.sdbak"), false).ok());
  auto check = CheckSqliteBackup(Path("live.db"));
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(check.error().message.find("newer"), std::string::npos);
  WriteText("empty.db", "");
  EXPECT_FALSE(RestoreSqlite(Path("live.db"), Path("empty.db"), false).ok());
  EXPECT_EQ(fs::file_size(Path("empty.db")), 0u);
}

// Backups taken while another connection keeps writing are each a consistent snapshot: they pass
// the checks and hold at least the councils whose writes had returned before the backup began.
TEST_F(SqliteBackupTest, BackupWhileWritingIsConsistent) {
  auto store = MakeDatabase("live.db", 1);
  std::atomic<int> acknowledged{1};
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 1; !stop && i < 100000; ++i) {
      if (!store->UpsertCouncil("w" + std::to_string(i), "Written", app::CouncilKind::kDemo).ok())
        return;
      acknowledged = i + 1;
    }
  });
  for (int round = 0; round < 5; ++round) {
    int before = acknowledged.load();
    std::string name = "round" + std::to_string(round) + ".sdbak";
    auto backup = BackupSqlite(Path("live.db"), Path(name), false);
    ASSERT_TRUE(backup.ok()) << backup.error().message;
    std::string restored = "restored" + std::to_string(round) + ".db";
    ASSERT_TRUE(RestoreSqlite(Path(name), Path(restored), false).ok());
    EXPECT_GE(CouncilsIn(restored), static_cast<size_t>(before));
  }
  stop = true;
  writer.join();
  EXPECT_GT(acknowledged.load(), 1);
}

}  // namespace
}  // namespace selfdirect::storage
