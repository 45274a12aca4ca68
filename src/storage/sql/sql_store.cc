#include "storage/sql/sql_store.h"

#include <algorithm>

#include "base/embedded_file.h"
#include "storage/postgres/postgres_source.h"
#include "storage/sql/sql_repositories.h"
#include "storage/sqlite/sqlite_source.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& Migrations();
}  // namespace selfdirect::embedded

namespace selfdirect::storage {
namespace {

// PostgreSQL connections per server process: enough for the I/O threads and the password pool.
constexpr size_t kPostgresPoolSize = 8;

struct Migration {
  int version = 0;
  std::string name;
  std::string_view sql;
};

std::vector<Migration> MigrationsFor(Dialect dialect) {
  std::string prefix = dialect == Dialect::kSqlite ? "sqlite/" : "postgres/";
  std::vector<Migration> out;
  for (const auto& f : embedded::Migrations()) {
    if (f.path.substr(0, prefix.size()) != prefix) continue;
    std::string_view file = f.path.substr(prefix.size());
    int version = std::stoi(std::string(file.substr(0, 4)));
    out.push_back({version, std::string(file), f.content});
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.version < b.version; });
  return out;
}

}  // namespace

Result<int> SqlStore::Migrate(int up_to_version) {
  SD_ASSIGN_OR_RETURN(auto lease, source_->AcquireWriter());
  SqlConnection& c = lease->connection();
  SD_RETURN_IF_ERROR(
      c.ExecuteScript("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                      "name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
  int applied = 0;
  for (const Migration& m : MigrationsFor(c.dialect())) {
    if (m.version > up_to_version) break;
    SD_RETURN_IF_ERROR(c.Begin(true));
    if (c.dialect() == Dialect::kPostgres) {
      // Two servers starting at once: the second waits here, then sees the migration applied.
      auto locked = c.Query("SELECT pg_advisory_xact_lock(7305001)", {});
      if (!locked.ok()) {
        (void)c.Rollback();
        return locked.error();
      }
    }
    auto done = c.Query("SELECT 1 FROM schema_migrations WHERE version = $1", {int64_t{m.version}});
    if (!done.ok()) {
      (void)c.Rollback();
      return done.error();
    }
    if (!done->empty()) {
      SD_RETURN_IF_ERROR(c.Rollback());
      continue;
    }
    Status s = c.ExecuteScript(std::string(m.sql));
    if (s.ok()) {
      auto r =
          c.Query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                  {int64_t{m.version}, m.name, SystemClock::Instance().Now().ToString()});
      if (!r.ok()) s = r.error();
    }
    if (!s.ok()) {
      (void)c.Rollback();
      return Error::Internal("Migration " + m.name + " failed: " + s.error().message);
    }
    SD_RETURN_IF_ERROR(c.Commit());
    ++applied;
  }
  return applied;
}

Status SqlStore::RunScript(const std::string& sql) {
  SD_ASSIGN_OR_RETURN(auto lease, source_->AcquireWriter());
  SqlConnection& c = lease->connection();
  SD_RETURN_IF_ERROR(c.Begin(true));
  Status s = c.ExecuteScript(sql);
  if (!s.ok()) {
    (void)c.Rollback();
    return s;
  }
  return c.Commit();
}

Result<std::vector<AppliedMigration>> SqlStore::AppliedMigrations() {
  SD_ASSIGN_OR_RETURN(auto lease, source_->AcquireReader());
  SD_ASSIGN_OR_RETURN(
      auto rows,
      lease->connection().Query(
          "SELECT version, name, applied_at FROM schema_migrations ORDER BY version", {}));
  std::vector<AppliedMigration> out;
  for (const auto& r : rows) out.push_back({static_cast<int>(r.Int(0)), r.Text(1), r.Text(2)});
  return out;
}

Result<std::optional<app::Council>> SqlStore::FindCouncil(const std::string& code) {
  SD_ASSIGN_OR_RETURN(auto lease, source_->AcquireReader());
  SD_ASSIGN_OR_RETURN(
      auto rows,
      lease->connection().Query(
          "SELECT council_id, code, name, is_demo FROM councils WHERE code = $1", {code}));
  if (rows.empty()) return std::optional<app::Council>();
  const SqlRow& r = rows[0];
  return std::optional<app::Council>(
      app::Council{CouncilId{r.Int(0)}, r.Text(1), r.Text(2),
                   r.Int(3) == 1 ? app::CouncilKind::kDemo : app::CouncilKind::kLive});
}

Result<std::vector<app::Council>> SqlStore::ListCouncils() {
  SD_ASSIGN_OR_RETURN(auto lease, source_->AcquireReader());
  SD_ASSIGN_OR_RETURN(
      auto rows,
      lease->connection().Query(
          "SELECT council_id, code, name, is_demo FROM councils ORDER BY council_id", {}));
  std::vector<app::Council> out;
  for (const auto& r : rows) {
    out.push_back(app::Council{CouncilId{r.Int(0)}, r.Text(1), r.Text(2),
                               r.Int(3) == 1 ? app::CouncilKind::kDemo : app::CouncilKind::kLive});
  }
  return out;
}

Result<CouncilId> SqlStore::UpsertCouncil(const std::string& code, const std::string& name,
                                          app::CouncilKind kind) {
  SD_ASSIGN_OR_RETURN(auto lease, source_->AcquireWriter());
  SqlConnection& c = lease->connection();
  SD_RETURN_IF_ERROR(c.Begin(true));
  auto rows = c.Query(
      "INSERT INTO councils (code, name, is_demo, created_at) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING council_id, is_demo",
      {code, name, int64_t{kind == app::CouncilKind::kDemo ? 1 : 0}, int64_t{0}});
  if (!rows.ok()) {
    (void)c.Rollback();
    return rows.error();
  }
  SD_RETURN_IF_ERROR(c.Commit());
  return CouncilId{(*rows)[0].Int(0)};
}

// A demo council's tables, children before parents (for the foreign keys): what
// DeleteCouncilData empties. A new table of council data is added here.
constexpr const char* kCouncilTables[] = {
    "council_settings",
    "review_reminders",
    "plan_change_differences",
    "plan_changes",
    "complaints",
    "message_deliveries",
    "messages",
    "invitations",
    "contacts",
    "review_requests",
    "reviews",
    "review_plans",
    "mir_actions",
    "mir_ratings",
    "mir_assessments",
    "mir_statements",
    "survey_responses",
    "survey_invitations",
    "survey_strata",
    "survey_waves",
    "pa_payday_alerts",
    "pa_payroll_details",
    "pa_payslips",
    "pa_timesheets",
    "pa_pay_runs",
    "pa_engagements",
    "pa_applications",
    "pa_vacancies",
    "pa_contacts",
    "pa_profiles",
    "pa_finder_versions",
    "ledger_balances",
    "ledger_source_totals",
    "money_recoveries",
    "money_explanations",
    "money_match_rules",
    "statement_imports",
    "ledger_postings",
    "ledger_transactions",
    "payment_runs",
    "payment_agreement_changes",
    "payment_agreements",
    "directory_entry_terms",
    "directory_sessions",
    "directory_places",
    "directory_entries",
    "plan_agreement_summary",
    "plan_spend_summary",
    "plan_agreements",
    "plan_agreed_lines",
    "support_plan_events",
    "support_plan_versions",
    "support_plans",
    "sessions",
    "sign_in_failures",
    "person_representatives",
    "carer_relationships",
    "audit_log",
    "charging_estimates",
    "evidence_documents",
    "financial_assessments",
    "charging_policies",
    "indicative_budgets",
    "allocation_tables",
    "calibration_samples",
    "assessments",
    "questionnaire_versions",
    "users",
    "people",
    "teams",
};

Status SqlStore::DeleteCouncilData(CouncilId council) {
  SD_ASSIGN_OR_RETURN(auto lease, source_->AcquireWriter());
  SqlConnection& c = lease->connection();
  SD_RETURN_IF_ERROR(c.Begin(true));
  auto fail = [&](Error e) {
    (void)c.Rollback();
    return e;
  };
  auto kind = c.Query("SELECT is_demo FROM councils WHERE council_id = $1", {council.value()});
  if (!kind.ok()) return fail(kind.error());
  if (kind->empty() || (*kind)[0].Int(0) != 1) {
    return fail(Error::FailedPrecondition("Only a demo council's data can be deleted"));
  }
  // The directory's version moves on (never back), so no cached search outlives its entries.
  if (Status bumped = BumpDirectoryVersion(c, council); !bumped.ok()) return fail(bumped.error());
  if (c.dialect() == Dialect::kSqlite) {
    auto r = c.Query(
        "DELETE FROM directory_search WHERE rowid IN (SELECT directory_entry_id FROM "
        "directory_entries WHERE council_id = $1)",
        {council.value()});
    if (!r.ok()) return fail(r.error());
  }
  for (const char* table : kCouncilTables) {
    auto r =
        c.Query(std::string("DELETE FROM ") + table + " WHERE council_id = $1", {council.value()});
    if (!r.ok()) return fail(r.error());
  }
  return c.Commit();
}

Status SqlStore::Run(CouncilId council, bool write, const app::TransactionFunction& fn) {
  SD_ASSERT(council.valid());  // Callers resolve the council before opening a transaction.
  SD_ASSIGN_OR_RETURN(auto lease, write ? source_->AcquireWriter() : source_->AcquireReader());
  SqlConnection& c = lease->connection();
  SD_RETURN_IF_ERROR(c.Begin(write));
  SqlTransaction tx(c, council);
  Status s = fn(tx);
  if (!s.ok()) {
    (void)c.Rollback();
    return s;
  }
  return c.Commit();
}

Status SqlStore::Read(CouncilId council, const app::TransactionFunction& fn) {
  return Run(council, false, fn);
}

Status SqlStore::Write(CouncilId council, const app::TransactionFunction& fn) {
  return Run(council, true, fn);
}

Status SqlStore::Ping() {
  SD_ASSIGN_OR_RETURN(auto lease, source_->AcquireReader());
  SD_ASSIGN_OR_RETURN(auto rows, lease->connection().Query("SELECT 1", {}));
  if (rows.size() != 1) return Error::Internal("SELECT 1 returned no row");
  return OkStatus();
}

Result<std::unique_ptr<SqlStore>> OpenStore(const std::string& url) {
  SD_ASSIGN_OR_RETURN(auto store, OpenStoreUnmigrated(url));
  SD_RETURN_IF_ERROR(store->Migrate());
  return store;
}

Result<std::unique_ptr<SqlStore>> OpenStoreUnmigrated(const std::string& url) {
  std::unique_ptr<ConnectionSource> source;
  if (url.rfind("sqlite:", 0) == 0) {
    SD_ASSIGN_OR_RETURN(SqliteUrl sqlite, ParseSqliteUrl(url));
    SD_ASSIGN_OR_RETURN(source, OpenSqlite(sqlite.path, sqlite.sync));
  } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    SD_ASSIGN_OR_RETURN(source, OpenPostgres(url, kPostgresPoolSize));
  } else {
    return Error::InvalidArgument(
        "--database must be sqlite:PATH or postgresql://user@host:port/db");
  }
  return std::make_unique<SqlStore>(std::move(source));
}

}  // namespace selfdirect::storage
