#include "storage/postgres/postgres_source.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <pqxx/pqxx>
#include <unordered_set>

namespace selfdirect::storage {
namespace {

// Whether `e` means the connection, or the server behind it, is gone: the server was stopped or
// killed, the network failed, or (after a failover) the server is a standby that refuses writes.
// SQLSTATE class 08 is a connection exception; 57P01-57P03 a server shutting down, crashed or
// starting; 25006 a write sent to a read-only (standby) server.
bool ConnectionLost(const std::exception& e) {
  if (dynamic_cast<const pqxx::broken_connection*>(&e)) return true;
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e)) return true;
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string& state = sql->sqlstate();
    return state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" || state == "57P03" ||
           state == "25006";
  }
  return false;
}

Error PgError(const std::exception& e) {
  if (dynamic_cast<const pqxx::unique_violation*>(&e)) return Error::AlreadyExists(e.what());
  if (dynamic_cast<const pqxx::integrity_constraint_violation*>(&e)) {
    return Error::FailedPrecondition(e.what());
  }
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e)) {
    return Error::Unavailable(
        std::string("The connection to PostgreSQL was lost while a change was committed; it may "
                    "or may not have been saved: ") +
        e.what());
  }
  if (ConnectionLost(e)) {
    return Error::Unavailable(std::string("The connection to PostgreSQL was lost: ") + e.what());
  }
  return Error::Internal(e.what());
}

class PostgresConnection final : public SqlConnection {
 public:
  explicit PostgresConnection(std::unique_ptr<pqxx::connection> conn) : conn_(std::move(conn)) {}

  Dialect dialect() const override { return Dialect::kPostgres; }
  // Lost: a statement failed because the connection or its server is gone, or libpq says so.
  // A lost connection is never lent again (PostgresSource::Return).
  bool lost() const { return lost_ || !conn_->is_open(); }
  // The backend's process id (tests end it with pg_terminate_backend).
  int backend_pid() const { return conn_->backendpid(); }

  Result<std::vector<SqlRow>> Query(std::string_view sql,
                                    const std::vector<SqlValue>& params) override {
    try {
      std::string name = StatementName(sql);
      if (!prepared_.count(name)) {
        conn_->prepare(name, std::string(sql));
        prepared_.insert(name);
      }
      std::vector<std::string> storage;
      storage.reserve(params.size());
      std::vector<const char*> values;
      values.reserve(params.size());
      for (const auto& p : params) {
        if (const auto* v = std::get_if<int64_t>(&p)) {
          storage.push_back(std::to_string(*v));
          values.push_back(storage.back().c_str());
        } else if (const auto* s = std::get_if<std::string>(&p)) {
          storage.push_back(*s);
          values.push_back(storage.back().c_str());
        } else {
          values.push_back(nullptr);  // NULL.
        }
      }
      pqxx::result result = Work().exec_prepared(name, pqxx::prepare::make_dynamic_params(values));
      std::vector<SqlRow> rows;
      rows.reserve(result.size());
      for (const auto& row : result) {
        std::vector<SqlValue> out;
        out.reserve(row.size());
        for (const auto& field : row) {
          if (field.is_null()) {
            out.emplace_back(std::monostate{});
          } else {
            out.emplace_back(std::string(field.c_str(), field.size()));
          }
        }
        rows.emplace_back(std::move(out));
      }
      return rows;
    } catch (const std::exception& e) {
      return Failed(e);
    }
  }

  Status ExecuteScript(const std::string& sql) override {
    try {
      Work().exec(sql);
      return OkStatus();
    } catch (const std::exception& e) {
      return Failed(e);
    }
  }

  Status Begin(bool write) override {
    try {
      EndAutocommit();
      SD_ASSERT(!work_);  // Transactions do not nest.
      if (write) {
        work_ = std::make_unique<pqxx::work>(*conn_);
      } else {
        work_ = std::make_unique<pqxx::read_transaction>(*conn_);
      }
      return OkStatus();
    } catch (const std::exception& e) {
      return Failed(e);
    }
  }

  Status Commit() override {
    try {
      SD_ASSERT(work_);  // Commit follows Begin.
      work_->commit();
      work_.reset();
      return OkStatus();
    } catch (const std::exception& e) {
      work_.reset();
      return Failed(e);
    }
  }

  Status Rollback() override {
    try {
      if (work_) work_->abort();
      work_.reset();
      return OkStatus();
    } catch (const std::exception& e) {
      work_.reset();
      return Failed(e);
    }
  }

 private:
  // Statements outside Begin/Commit (migrations' bookkeeping) run in their own transaction.
  pqxx::transaction_base& Work() {
    if (!work_) {
      work_ = std::make_unique<pqxx::nontransaction>(*conn_);
      autocommit_ = true;
    }
    return *work_;
  }

  // The error for `e`, marking the connection lost when it is.
  Error Failed(const std::exception& e) {
    if (ConnectionLost(e)) lost_ = true;
    return PgError(e);
  }

  static std::string StatementName(std::string_view sql) {
    return "sd_" + std::to_string(std::hash<std::string_view>()(sql));
  }

  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::transaction_base> work_;
  std::unordered_set<std::string> prepared_;
  bool autocommit_ = false;
  bool lost_ = false;

 public:
  uint64_t generation = 0;  // The source's generation when it connected (PostgresSource).
  // Ends an implicit autocommit transaction opened by a statement outside Begin/Commit.
  void EndAutocommit() {
    if (autocommit_) {
      work_.reset();
      autocommit_ = false;
    }
  }
};

class PostgresSource;

class PostgresLease final : public ConnectionLease {
 public:
  PostgresLease(PostgresSource& source, std::unique_ptr<PostgresConnection> conn)
      : source_(source), conn_(std::move(conn)) {}
  ~PostgresLease() override;
  SqlConnection& connection() override { return *conn_; }

 private:
  PostgresSource& source_;
  std::unique_ptr<PostgresConnection> conn_;
};

Result<std::unique_ptr<PostgresConnection>> Connect(const std::string& url) {
  try {
    return std::make_unique<PostgresConnection>(std::make_unique<pqxx::connection>(url));
  } catch (const std::exception& e) {
    return Error::Unavailable(std::string("Cannot connect to PostgreSQL: ") + e.what());
  }
}

class PostgresSource final : public ConnectionSource {
 public:
  PostgresSource(std::string url, size_t pool_size, std::unique_ptr<PostgresConnection> first)
      : url_(std::move(url)), pool_size_(pool_size) {
    idle_.push_back(std::move(first));
    open_ = 1;
  }

  std::string_view kind() const override { return "postgresql"; }

  Result<std::unique_ptr<ConnectionLease>> AcquireReader() override { return Acquire(); }
  Result<std::unique_ptr<ConnectionLease>> AcquireWriter() override { return Acquire(); }

  // Takes a connection back. A lost one is closed, and with it every idle connection and every
  // connection lent before it (when they come back): they reached the same server, which is
  // probably gone (a failover). The next requests connect afresh through the URL, which finds
  // the new primary when it lists several hosts (target_session_attrs=read-write).
  void Return(std::unique_ptr<PostgresConnection> conn) {
    conn->EndAutocommit();
    std::vector<std::unique_ptr<PostgresConnection>> closing;  // Closed outside the lock.
    {
      std::lock_guard lock(mutex_);
      if (conn->lost() && conn->generation == generation_) {
        ++generation_;
        for (auto& idle : idle_) closing.push_back(std::move(idle));
        idle_.clear();
      }
      if (conn->lost() || conn->generation < generation_) {
        closing.push_back(std::move(conn));
        open_ -= closing.size();
      } else {
        idle_.push_back(std::move(conn));
      }
    }
    cv_.notify_all();
  }

 private:
  Result<std::unique_ptr<ConnectionLease>> Acquire() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return !idle_.empty() || open_ < pool_size_; });
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return std::unique_ptr<ConnectionLease>(new PostgresLease(*this, std::move(conn)));
    }
    ++open_;
    const uint64_t generation = generation_;
    lock.unlock();
    auto conn = Connect(url_);
    if (!conn.ok()) {
      std::lock_guard relock(mutex_);
      --open_;
      cv_.notify_one();
      return conn.error();
    }
    (*conn)->generation = generation;
    return std::unique_ptr<ConnectionLease>(new PostgresLease(*this, std::move(*conn)));
  }

  const std::string url_;
  const size_t pool_size_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PostgresConnection>> idle_;  // Guarded by mutex_.
  size_t open_ = 0;                                        // Guarded by mutex_.
  uint64_t generation_ = 0;  // Guarded by mutex_. Moves on when a connection is found lost.
};

PostgresLease::~PostgresLease() { source_.Return(std::move(conn_)); }

}  // namespace

Result<std::unique_ptr<ConnectionSource>> OpenPostgres(const std::string& url, size_t pool_size) {
  SD_ASSERT(pool_size > 0);
  SD_ASSIGN_OR_RETURN(auto first, Connect(url));
  return std::unique_ptr<ConnectionSource>(new PostgresSource(url, pool_size, std::move(first)));
}

}  // namespace selfdirect::storage
