#include "storage/sqlite/sqlite_source.h"

#include <sqlite3.h>

#include <condition_variable>
#include <mutex>
#include <unordered_map>

namespace selfdirect::storage {
namespace {

// Readers kept open at once; more concurrent readers wait. The server runs few threads.
constexpr size_t kMaxReaders = 8;
// How long a writer waits for SQLite's lock (another process writing) before giving up.
constexpr int kBusyTimeoutMs = 5000;

Error SqliteError(sqlite3* db, int rc, std::string_view what) {
  int extended = db ? sqlite3_extended_errcode(db) : rc;
  std::string message = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Error::AlreadyExists(message);
  }
  if ((rc & 0xff) == SQLITE_CONSTRAINT) return Error::FailedPrecondition(message);
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    return Error::Unavailable(message);
  return Error::Internal(message);
}

class SqliteConnection final : public SqlConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Result<std::vector<SqlRow>> Query(std::string_view sql,
                                    const std::vector<SqlValue>& params) override {
    SD_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    for (size_t i = 0; i < params.size(); ++i) {
      std::string name = "$" + std::to_string(i + 1);
      int index = sqlite3_bind_parameter_index(stmt, name.c_str());
      if (index == 0) continue;  // The statement does not use this parameter.
      int rc = SQLITE_OK;
      if (const auto* v = std::get_if<int64_t>(&params[i])) {
        rc = sqlite3_bind_int64(stmt, index, *v);
      } else if (const auto* s = std::get_if<std::string>(&params[i])) {
        rc = sqlite3_bind_text(stmt, index, s->data(), static_cast<int>(s->size()),
                               SQLITE_TRANSIENT);
      } else {
        rc = sqlite3_bind_null(stmt, index);
      }
      if (rc != SQLITE_OK) return SqliteError(db_, rc, "bind");
    }
    std::vector<SqlRow> rows;
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        Error e = SqliteError(db_, rc, "step");
        sqlite3_reset(stmt);
        return e;
      }
      int n = sqlite3_column_count(stmt);
      std::vector<SqlValue> values;
      values.reserve(static_cast<size_t>(n));
      for (int c = 0; c < n; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_NULL:
            values.emplace_back(std::monostate{});
            break;
          case SQLITE_INTEGER:
            values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c)));
            break;
          default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            values.emplace_back(
                std::string(text ? text : "", static_cast<size_t>(sqlite3_column_bytes(stmt, c))));
          }
        }
      }
      rows.emplace_back(std::move(values));
    }
    sqlite3_reset(stmt);
    return rows;
  }

  Status ExecuteScript(const std::string& sql) override {
    char* message = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      std::string text = message ? message : sqlite3_errstr(rc);
      sqlite3_free(message);
      return Error::Internal("script: " + text);
    }
    return OkStatus();
  }

  Status Begin(bool write) override { return Simple(write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED"); }
  Status Commit() override { return Simple("COMMIT"); }
  Status Rollback() override { return Simple("ROLLBACK"); }

 private:
  Status Simple(const char* sql) {
    auto r = Query(sql, {});
    if (!r.ok()) return r.error();
    return OkStatus();
  }

  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = statements_.find(key); it != statements_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "prepare");
    statements_.emplace(std::move(key), stmt);
    return stmt;
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

Result<std::unique_ptr<SqliteConnection>> OpenConnection(const std::string& path, bool write,
                                                         SqliteSync sync = SqliteSync::kNormal) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX |
              (write ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Error::Unavailable("Cannot open SQLite database " + path + ": " + message);
  }
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  auto conn = std::make_unique<SqliteConnection>(db);
  // WAL lets readers run while the writer writes; NORMAL sync is safe in WAL (a power cut can
  // lose the last transactions, never corrupt the file; FULL loses none, sqlite_source.h).
  // Foreign keys are off by default.
  // Memory-mapped reads (up to 1 GiB of the file) save copying each page through SQLite's own
  // cache: a directory search that visits thousands of entries runs about twice as fast.
  std::string pragmas = "PRAGMA foreign_keys = ON; PRAGMA mmap_size = 1073741824;";
  if (write) {
    pragmas += sync == SqliteSync::kFull
                   ? "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                   : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
  }
  SD_RETURN_IF_ERROR(conn->ExecuteScript(pragmas));
  return conn;
}

class SqliteSource;

class SqliteLease final : public ConnectionLease {
 public:
  SqliteLease(SqliteSource& source, std::unique_ptr<SqliteConnection> conn, bool writer)
      : source_(source), conn_(std::move(conn)), writer_(writer) {}
  ~SqliteLease() override;
  SqlConnection& connection() override { return *conn_; }

 private:
  SqliteSource& source_;
  std::unique_ptr<SqliteConnection> conn_;
  bool writer_;
};

class SqliteSource final : public ConnectionSource {
 public:
  SqliteSource(std::string path, std::unique_ptr<SqliteConnection> writer)
      : path_(std::move(path)), writer_(std::move(writer)) {}

  std::string_view kind() const override { return "sqlite"; }

  Result<std::unique_ptr<ConnectionLease>> AcquireReader() override {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return !idle_readers_.empty() || open_readers_ < kMaxReaders; });
    if (!idle_readers_.empty()) {
      auto conn = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return std::unique_ptr<ConnectionLease>(new SqliteLease(*this, std::move(conn), false));
    }
    ++open_readers_;
    lock.unlock();
    auto conn = OpenConnection(path_, false);
    if (!conn.ok()) {
      std::lock_guard relock(mutex_);
      --open_readers_;
      cv_.notify_one();
      return conn.error();
    }
    return std::unique_ptr<ConnectionLease>(new SqliteLease(*this, std::move(*conn), false));
  }

  Result<std::unique_ptr<ConnectionLease>> AcquireWriter() override {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return writer_ != nullptr; });
    return std::unique_ptr<ConnectionLease>(new SqliteLease(*this, std::move(writer_), true));
  }

  void Return(std::unique_ptr<SqliteConnection> conn, bool writer) {
    std::lock_guard lock(mutex_);
    if (writer) {
      writer_ = std::move(conn);
    } else {
      idle_readers_.push_back(std::move(conn));
    }
    cv_.notify_all();
  }

 private:
  const std::string path_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::unique_ptr<SqliteConnection> writer_;                     // Guarded by mutex_.
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;  // Guarded by mutex_.
  size_t open_readers_ = 0;                                      // Guarded by mutex_.
};

SqliteLease::~SqliteLease() { source_.Return(std::move(conn_), writer_); }

}  // namespace

Result<SqliteUrl> ParseSqliteUrl(const std::string& url) {
  if (url.rfind("sqlite:", 0) != 0)
    return Error::InvalidArgument("--database must be sqlite:PATH, like sqlite:selfdirect.db");
  SqliteUrl out;
  out.path = url.substr(7);
  const size_t q = out.path.rfind("?synchronous=");
  if (q != std::string::npos) {
    const std::string value = out.path.substr(q + 13);
    out.path.resize(q);
    if (value == "full") {
      out.sync = SqliteSync::kFull;
    } else if (value != "normal") {
      return Error::InvalidArgument(
          "synchronous must be full or normal, like "
          "sqlite:selfdirect.db?synchronous=full");
    }
  }
  if (out.path.empty())
    return Error::InvalidArgument("Give a file after sqlite:, like sqlite:selfdirect.db");
  return out;
}

Result<std::unique_ptr<ConnectionSource>> OpenSqlite(const std::string& path, SqliteSync sync) {
  // SQLite counts its memory in use under one process-wide mutex on every allocation unless
  // told not to; nothing here reads the count. Must be set before SQLite initialises.
  static std::once_flag configured;
  std::call_once(configured, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  SD_ASSIGN_OR_RETURN(auto writer, OpenConnection(path, true, sync));
  return std::unique_ptr<ConnectionSource>(new SqliteSource(path, std::move(writer)));
}

}  // namespace selfdirect::storage
