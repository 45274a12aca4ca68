// The SQLite database URL and what it sets: the durability choice reaches the writer connection
// (PRAGMA synchronous), and a URL with anything else after the path is refused.
#include "storage/sqlite/sqlite_source.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace selfdirect::storage {
namespace {

namespace fs = std::filesystem;

TEST(SqliteUrlTest, ThePathAndTheSyncChoiceAreRead) {
  auto plain = ParseSqliteUrl("sqlite:/var/lib/selfdirect/council.db");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->path, "/var/lib/selfdirect/council.db");
  EXPECT_EQ(plain->sync, SqliteSync::kNormal);
  auto full = ParseSqliteUrl("sqlite:council.db?synchronous=full");
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->path, "council.db");
  EXPECT_EQ(full->sync, SqliteSync::kFull);
  auto normal = ParseSqliteUrl("sqlite:council.db?synchronous=normal");
  ASSERT_TRUE(normal.ok());
  EXPECT_EQ(normal->sync, SqliteSync::kNormal);
}

TEST(SqliteUrlTest, AnythingElseIsAClearError) {
  for (const char* bad : {"sqlite:", "sqlite:?synchronous=full", "sqlite:a.db?synchronous=off",
                          "sqlite:a.db?synchronous=", "council.db"}) {
    auto r = ParseSqliteUrl(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << bad;
  }
}

int64_t SynchronousOf(const std::string& url) {
  auto parsed = ParseSqliteUrl(url);
  EXPECT_TRUE(parsed.ok());
  if (!parsed.ok()) return -1;
  auto source = OpenSqlite(parsed->path, parsed->sync);
  EXPECT_TRUE(source.ok());
  if (!source.ok()) return -1;
  auto lease = (*source)->AcquireWriter();
  EXPECT_TRUE(lease.ok());
  if (!lease.ok()) return -1;
  auto rows = (*lease)->connection().Query("PRAGMA synchronous", {});
  EXPECT_TRUE(rows.ok() && rows->size() == 1);
  return rows.ok() && rows->size() == 1 ? (*rows)[0].Int(0) : -1;
}

TEST(SqliteUrlTest, TheWriterSyncsAsChosen) {
  const fs::path db = fs::temp_directory_path() / ("sd-sync-" + std::to_string(::getpid()) + ".db");
  EXPECT_EQ(SynchronousOf("sqlite:" + db.string()), 1);                        // NORMAL
  EXPECT_EQ(SynchronousOf("sqlite:" + db.string() + "?synchronous=full"), 2);  // FULL
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
}

}  // namespace
}  // namespace selfdirect::storage
