#include "storage/sqlite/sqlite_backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include "base/embedded_file.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& Migrations();
}  // namespace selfdirect::embedded

namespace selfdirect::storage {
namespace {

namespace fs = std::filesystem;

// How long a copy waits for SQLite's locks (a writer checkpointing, another copy) in total.
constexpr int kBusyTimeoutMs = 10000;
// Retries of a backup step that found the source busy, 50 ms apart.
constexpr int kBusyRetries = 200;
// Integrity problems reported at most (the check stops after this many).
constexpr int kIntegrityMessages = 5;

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

Result<Db> Open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    return Error::Unavailable("Cannot open " + path + ": " +
                              (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  return db;
}

// The first column of every row of `sql`, as text. A file that is not a database fails here.
Result<std::vector<std::string>> Column(sqlite3* db, const std::string& sql,
                                        const std::string& path) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  std::vector<std::string> out;
  while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    out.emplace_back(text ? text : "");
    rc = SQLITE_OK;
  }
  sqlite3_finalize(stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_OK) return out;
  std::string message = path + ": " + sqlite3_errmsg(db);
  if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
    return Error::InvalidArgument(message + " (not a readable SQLite database)");
  return Error::Internal(message);
}

// The highest migration applied in `db`; kInvalidArgument if it has no migrations table.
Result<int> SchemaVersion(sqlite3* db, const std::string& path) {
  SD_ASSIGN_OR_RETURN(auto tables, Column(db,
                                          "SELECT name FROM sqlite_master WHERE type = 'table' "
                                          "AND name = 'schema_migrations'",
                                          path));
  if (tables.empty())
    return Error::InvalidArgument(path + " is not a Selfdirect database (no schema_migrations)");
  SD_ASSIGN_OR_RETURN(auto version,
                      Column(db, "SELECT coalesce(max(version), 0) FROM schema_migrations", path));
  int v = version.empty() ? 0 : std::atoi(version[0].c_str());
  if (v <= 0) return Error::InvalidArgument(path + " has no migrations applied");
  return v;
}

Status SyncPath(const std::string& path, bool directory) {
  int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error::Internal("Cannot open " + path + " to sync it");
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Error::Internal("fsync failed on " + path);
  return OkStatus();
}

std::string FolderOf(const std::string& path) {
  fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

// A new empty file beside `target` (same folder, so rename is atomic), made with mkstemp.
Result<std::string> TempBeside(const std::string& target) {
  std::string name = target + ".partial-XXXXXX";
  int fd = ::mkstemp(name.data());
  if (fd < 0) return Error::Internal("Cannot create a temporary file beside " + target);
  ::close(fd);
  return name;
}

void RemoveQuietly(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path + suffix, ec);
}

// Copies every page of `source` into the (empty) file `dest_path` in one backup step, so within
// one read transaction of the source, then leaves the copy in rollback journal mode.
Result<int64_t> CopyPages(sqlite3* source, const std::string& dest_path) {
  SD_ASSIGN_OR_RETURN(Db dest, Open(dest_path, SQLITE_OPEN_READWRITE));
  sqlite3_backup* backup = sqlite3_backup_init(dest.get(), "main", source, "main");
  if (!backup) return Error::Internal("backup: " + std::string(sqlite3_errmsg(dest.get())));
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt <= kBusyRetries; ++attempt) {
    rc = sqlite3_backup_step(backup, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  int64_t pages = sqlite3_backup_pagecount(backup);
  int finished = sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE || finished != SQLITE_OK) {
    if ((rc & 0xff) == SQLITE_NOTADB)
      return Error::InvalidArgument("The source is not a readable SQLite database");
    return Error::Internal("backup: " +
                           std::string(sqlite3_errstr(rc == SQLITE_DONE ? finished : rc)));
  }
  SD_RETURN_IF_ERROR(StatusOf(Column(dest.get(), "PRAGMA journal_mode = DELETE", dest_path)));
  return pages;
}

// Copies `source` to a temporary file beside `target`, checks it, syncs it and renames it over
// `target`. `before_rename` runs just before the rename (removing stale -wal and -shm).
Result<SqliteCopyInfo> CopyAndReplace(sqlite3* source, const std::string& target,
                                      void (*before_rename)(const std::string&)) {
  auto started = std::chrono::steady_clock::now();
  SD_ASSIGN_OR_RETURN(std::string temp, TempBeside(target));
  auto pages = CopyPages(source, temp);
  Result<SqliteCopyInfo> info = pages.ok() ? CheckSqliteBackup(temp) : pages.error();
  Status synced = info.ok() ? SyncPath(temp, false) : StatusOf(info);
  if (!synced.ok()) {
    RemoveQuietly(temp);
    return synced.error();
  }
  if (before_rename) before_rename(target);
  std::error_code ec;
  fs::rename(temp, target, ec);
  if (ec) {
    RemoveQuietly(temp);
    return Error::Internal("Cannot rename " + temp + " to " + target + ": " + ec.message());
  }
  SD_RETURN_IF_ERROR(SyncPath(FolderOf(target), true));
  info->pages = *pages;
  info->bytes = static_cast<int64_t>(fs::file_size(target, ec));
  info->elapsed_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::steady_clock::now() - started)
                             .count();
  return info;
}

// True if another process has the database open in WAL mode: every such connection holds a
// shared lock on the "DMS" byte of the -shm file (byte 128 in SQLite's unix VFS) for as long as
// it is open. Locks held by this process are not seen (POSIX record locks).
// True when another process holds the database open (its -shm lock), or when that cannot be told
// (a -shm this user cannot read): only a missing -shm means nobody has it open.
bool OpenElsewhere(const std::string& path) {
  constexpr off_t kShmDmsByte = 128;
  int fd = ::open((path + "-shm").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno != ENOENT;
  struct flock lock = {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = kShmDmsByte;
  lock.l_len = 1;
  bool held = ::fcntl(fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
  ::close(fd);
  return held;
}

void RemoveStaleWal(const std::string& target) {
  std::error_code ec;
  fs::remove(target + "-wal", ec);
  fs::remove(target + "-shm", ec);
  fs::remove(target + "-journal", ec);
}

}  // namespace

int LatestSqliteSchemaVersion() {
  constexpr std::string_view kPrefix = "sqlite/";
  int latest = 0;
  for (const auto& f : embedded::Migrations()) {
    if (f.path.substr(0, kPrefix.size()) != kPrefix) continue;
    latest = std::max(latest, std::atoi(std::string(f.path.substr(kPrefix.size(), 4)).c_str()));
  }
  return latest;
}

Result<SqliteCopyInfo> BackupSqlite(const std::string& database_path,
                                    const std::string& output_path, bool overwrite) {
  std::error_code ec;
  if (!fs::is_regular_file(database_path, ec))
    return Error::NotFound("No SQLite database at " + database_path);
  if (fs::exists(output_path, ec) && !overwrite)
    return Error::AlreadyExists(output_path + " exists already: choose a new file, or --force");
  if (fs::is_directory(output_path, ec))
    return Error::InvalidArgument(output_path + " is a folder: give a file name");
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    if (fs::exists(output_path, ec) && fs::equivalent(database_path + suffix, output_path, ec))
      return Error::InvalidArgument(output_path +
                                    " is the database itself (or its journal): give another file");
  }
  SD_ASSIGN_OR_RETURN(Db source, Open(database_path, SQLITE_OPEN_READONLY));
  SD_RETURN_IF_ERROR(StatusOf(SchemaVersion(source.get(), database_path)));
  return CopyAndReplace(source.get(), output_path, nullptr);
}

Result<SqliteCopyInfo> CheckSqliteBackup(const std::string& backup_path) {
  std::error_code ec;
  if (!fs::is_regular_file(backup_path, ec))
    return Error::NotFound("No backup file at " + backup_path);
  if (fs::file_size(backup_path, ec) == 0)
    return Error::InvalidArgument(backup_path + " is empty, not a backup");
  SD_ASSIGN_OR_RETURN(Db db, Open(backup_path, SQLITE_OPEN_READONLY));
  SD_ASSIGN_OR_RETURN(
      auto problems,
      Column(db.get(), "PRAGMA integrity_check(" + std::to_string(kIntegrityMessages) + ")",
             backup_path));
  if (problems.size() != 1 || problems[0] != "ok") {
    std::string text;
    for (const auto& p : problems) text += "\n  " + p;
    return Error::InvalidArgument(backup_path + " fails SQLite's integrity check:" + text);
  }
  SD_ASSIGN_OR_RETURN(int version, SchemaVersion(db.get(), backup_path));
  int latest = LatestSqliteSchemaVersion();
  if (version > latest) {
    return Error::FailedPrecondition(
        backup_path + " has schema version " + std::to_string(version) + ", newer than " +
        std::to_string(latest) + " which this selfdirect knows: restore it with a newer release");
  }
  SqliteCopyInfo info;
  info.schema_version = version;
  info.bytes = static_cast<int64_t>(fs::file_size(backup_path, ec));
  return info;
}

Result<SqliteCopyInfo> RestoreSqlite(const std::string& backup_path,
                                     const std::string& database_path, bool force) {
  std::error_code ec;
  if (fs::is_directory(database_path, ec))
    return Error::InvalidArgument(database_path + " is a folder: give the database file");
  if (fs::exists(database_path, ec) && fs::file_size(database_path, ec) > 0 && !force) {
    return Error::AlreadyExists(database_path +
                                " holds a database already: stop the server and add --force "
                                "to replace it");
  }
  if (OpenElsewhere(database_path)) {
    return Error::FailedPrecondition(database_path +
                                     " is open in another process (a running server?): stop it "
                                     "before restoring");
  }
  SD_RETURN_IF_ERROR(StatusOf(CheckSqliteBackup(backup_path)));
  SD_ASSIGN_OR_RETURN(Db source, Open(backup_path, SQLITE_OPEN_READONLY));
  return CopyAndReplace(source.get(), database_path, &RemoveStaleWal);
}

}  // namespace selfdirect::storage
