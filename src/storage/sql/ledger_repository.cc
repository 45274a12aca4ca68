// The budget ledger's half of SqlMoney: appending transactions (once per idempotency key),
// balances, and reading transactions in date order for statements and exports.
#include "storage/sql/money_repository.h"

namespace selfdirect::storage {
namespace {

constexpr std::string_view kInsertTransaction = R"sql(
INSERT INTO ledger_transactions (council_id, person_id, effective_date, description, source,
  source_ref, idempotency_key, reverses_id, reason, recorded_by_user_id, recorded_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
RETURNING ledger_transaction_id)sql";

constexpr std::string_view kInsertPosting = R"sql(
INSERT INTO ledger_postings (council_id, ledger_transaction_id, line, account, amount_pence)
VALUES ($1, $2, $3, $4, $5))sql";

constexpr std::string_view kAddToBalance = R"sql(
INSERT INTO ledger_balances (council_id, person_id, account, balance_pence)
VALUES ($1, $2, $3, $4)
ON CONFLICT (council_id, person_id, account)
DO UPDATE SET balance_pence = ledger_balances.balance_pence + excluded.balance_pence)sql";

constexpr std::string_view kAddToSourceTotal = R"sql(
INSERT INTO ledger_source_totals (council_id, person_id, source, account, amount_pence)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (council_id, person_id, source, account)
DO UPDATE SET amount_pence = ledger_source_totals.amount_pence + excluded.amount_pence)sql";

constexpr std::string_view kTransactionColumns =
    "t.ledger_transaction_id, t.person_id, t.effective_date, t.description, t.source, "
    "t.source_ref, t.idempotency_key, t.reverses_id, t.reason, t.recorded_by_user_id, "
    "t.recorded_at, p.account, p.amount_pence";

void ReadHeader(const SqlRow& r, app::StoredLedgerTransaction& s) {
  s.id = LedgerTransactionId{r.Int(0)};
  if (!r.IsNull(1)) s.person_id = PersonId{r.Int(1)};
  domain::LedgerTransaction& t = s.transaction;
  if (auto d = Date::Parse(r.Text(2)); d.ok()) t.effective_date = *d;
  t.description = r.Text(3);
  t.source = domain::ParseLedgerSource(r.Text(4)).value_or(domain::LedgerSource::kManual);
  t.source_ref = r.Text(5);
  t.idempotency_key = r.Text(6);
  if (!r.IsNull(7)) t.reverses = r.Int(7);
  t.reason = r.Text(8);
  s.recorded_by = UserId{r.Int(9)};
  s.recorded_at = Timestamp::FromMicros(r.Int(10));
}

// Calls `fn` for each transaction of `rows` (one row per posting, grouped by transaction).
Status Group(const std::vector<SqlRow>& rows,
             const std::function<Status(const app::StoredLedgerTransaction&)>& fn) {
  app::StoredLedgerTransaction current;
  for (size_t i = 0; i < rows.size(); ++i) {
    const SqlRow& r = rows[i];
    if (i == 0 || r.Int(0) != current.id.value()) {
      if (i > 0) SD_RETURN_IF_ERROR(fn(current));
      current = {};
      ReadHeader(r, current);
    }
    current.transaction.postings.push_back({r.Text(11), Pence::FromPence(r.Int(12))});
  }
  if (!rows.empty()) SD_RETURN_IF_ERROR(fn(current));
  return Status();
}

}  // namespace

Result<app::AppendOutcome> SqlMoney::Append(const domain::LedgerTransaction& t,
                                            std::optional<PersonId> person, UserId by,
                                            Timestamp at) {
  SD_RETURN_IF_ERROR(domain::ValidateLedgerTransaction(t));
  SD_ASSIGN_OR_RETURN(
      auto before,
      QueryOne(c_,
               "SELECT ledger_transaction_id FROM ledger_transactions WHERE "
               "council_id = $1 AND idempotency_key = $2",
               {council_.value(), t.idempotency_key}, [](const SqlRow& r) { return r.Int(0); }));
  if (before) return app::AppendOutcome{LedgerTransactionId{*before}, false};
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(c_, kInsertTransaction,
               {council_.value(), person ? SqlValue(person->value()) : SqlValue(std::monostate{}),
                t.effective_date.ToString(), t.description,
                std::string(domain::LedgerSourceCode(t.source)), t.source_ref, t.idempotency_key,
                t.reverses ? SqlValue(*t.reverses) : SqlValue(std::monostate{}), t.reason,
                SqlOptionalId(by.value()), at.micros()}));
  for (size_t i = 0; i < t.postings.size(); ++i) {
    const domain::Posting& posting = t.postings[i];
    SD_RETURN_IF_ERROR(Execute(
        c_, kInsertPosting,
        {council_.value(), id, static_cast<int64_t>(i), posting.account, posting.amount.pence()}));
    if (person) SD_RETURN_IF_ERROR(AddToSummaries(*person, t.source, posting));
  }
  return app::AppendOutcome{LedgerTransactionId{id}, true};
}

// The summaries kept beside the ledger in the same transaction: the person's balance of the
// account (0016) and, for their own accounts, its total by source for the money dashboard (0044).
Status SqlMoney::AddToSummaries(PersonId person, domain::LedgerSource source,
                                const domain::Posting& posting) {
  SD_RETURN_IF_ERROR(
      Execute(c_, kAddToBalance,
              {council_.value(), person.value(), posting.account, posting.amount.pence()}));
  if (!posting.account.starts_with("People:")) return OkStatus();
  return Execute(c_, kAddToSourceTotal,
                 {council_.value(), person.value(), std::string(domain::LedgerSourceCode(source)),
                  posting.account, posting.amount.pence()});
}

Result<std::optional<app::StoredLedgerTransaction>> SqlMoney::FindTransaction(
    LedgerTransactionId id) {
  SD_ASSIGN_OR_RETURN(auto rows,
                      c_.Query(Select(kTransactionColumns,
                                      "FROM ledger_transactions t JOIN ledger_postings p ON "
                                      "p.council_id = t.council_id AND p.ledger_transaction_id = "
                                      "t.ledger_transaction_id WHERE t.council_id = $1 AND "
                                      "t.ledger_transaction_id = $2 ORDER BY p.line"),
                               {council_.value(), id.value()}));
  std::optional<app::StoredLedgerTransaction> found;
  SD_RETURN_IF_ERROR(Group(rows, [&](const app::StoredLedgerTransaction& s) {
    found = s;
    return Status();
  }));
  return found;
}

Result<std::vector<domain::AccountBalanceRow>> SqlMoney::Balances(std::optional<PersonId> person) {
  auto read = [](const SqlRow& r) {
    return domain::AccountBalanceRow{r.Text(0), Pence::FromPence(r.Int(1))};
  };
  // A person's from the balances kept as the ledger is appended (migration 0016).
  if (person)
    return QueryAll(c_,
                    "SELECT account, balance_pence FROM ledger_balances WHERE council_id = $1 AND "
                    "person_id = $2 ORDER BY account",
                    {council_.value(), person->value()}, read);
  // The council's: the people's balances kept as the ledger is appended, and the postings of the
  // transactions that name no person (none today; the interface allows them), added up by
  // account. The same sums as every posting of the council, in a row per person and account.
  return QueryAll(c_,
                  "SELECT account, SUM(amount) FROM (SELECT account, balance_pence AS amount FROM "
                  "ledger_balances WHERE council_id = $1 UNION ALL SELECT p.account, "
                  "p.amount_pence FROM ledger_transactions t JOIN ledger_postings p ON "
                  "p.council_id = t.council_id AND p.ledger_transaction_id = "
                  "t.ledger_transaction_id WHERE t.council_id = $1 AND t.person_id IS NULL) x "
                  "GROUP BY account ORDER BY account",
                  {council_.value()}, read);
}

Status SqlMoney::ForEachTransaction(
    const app::LedgerQuery& query,
    const std::function<Status(const app::StoredLedgerTransaction&)>& fn) {
  std::string where = "WHERE t.council_id = $1";
  SqlParams params{council_.value()};
  if (query.person_id) where += " AND t.person_id = " + params.Add(query.person_id->value());
  if (query.from) where += " AND t.effective_date >= " + params.Add(query.from->ToString());
  if (query.through) where += " AND t.effective_date <= " + params.Add(query.through->ToString());
  if (!query.accounts.empty())
    where +=
        " AND t.ledger_transaction_id IN (SELECT a.ledger_transaction_id FROM "
        "ledger_postings a WHERE a.council_id = $1 AND a.account IN (" +
        params.AddEach(query.accounts) + "))";
  SD_ASSIGN_OR_RETURN(auto rows,
                      c_.Query(Select(kTransactionColumns,
                                      "FROM ledger_transactions t JOIN ledger_postings p ON "
                                      "p.council_id = t.council_id AND p.ledger_transaction_id = "
                                      "t.ledger_transaction_id " +
                                          where +
                                          " ORDER BY t.effective_date, t.ledger_transaction_id, "
                                          "p.line"),
                               params.values()));
  return Group(rows, fn);
}

// The council's people's postings added up by team, support reason, source and the account's
// part after "People:<ref>:", cut out with the dialect's string functions. It reads the totals
// by person, source and account kept as the ledger is appended (migration 0044: a few rows a
// person however long their ledger), joined to people for the team and support reason as they
// are now. Before 0044 it read every posting of the council joined to its transaction: at 6,536
// people a council, 61,000 postings, 120 ms on PostgreSQL (docs/performance.md).
Result<std::vector<app::MoneyTotalRow>> SqlMoney::Totals() {
  const std::string find = c_.dialect() == Dialect::kSqlite ? "instr" : "strpos";
  const std::string leaf = "substr(x.account, 8 + " + find + "(substr(x.account, 8), ':'))";
  const std::string sql = "SELECT p.team_id, p.primary_support_reason, x.source, " + leaf +
                          ", SUM(x.amount_pence) FROM ledger_source_totals x JOIN people p ON "
                          "p.council_id = x.council_id AND p.person_id = x.person_id WHERE "
                          "x.council_id = $1 GROUP BY p.team_id, p.primary_support_reason, "
                          "x.source, " +
                          leaf;
  return QueryAll(c_, sql, {council_.value()}, [](const SqlRow& r) {
    return app::MoneyTotalRow{
        TeamId{r.Int(0)}, r.Text(1),
        domain::ParseLedgerSource(r.Text(2)).value_or(domain::LedgerSource::kManual), r.Text(3),
        Pence::FromPence(r.Int(4))};
  });
}

}  // namespace selfdirect::storage
