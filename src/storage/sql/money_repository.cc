#include "storage/sql/money_repository.h"

#include <unordered_map>

namespace selfdirect::storage {
namespace {

Date DateOr(const std::string& text) {
  auto d = Date::Parse(text);
  return d.ok() ? *d : Date();
}

app::PaymentAgreementRecord AgreementFromRow(const SqlRow& r) {
  app::PaymentAgreementRecord a;
  a.id = PaymentAgreementId{r.Int(0)};
  a.person_id = PersonId{r.Int(1)};
  if (!r.IsNull(2)) a.plan_id = SupportPlanId{r.Int(2)};
  a.account_kind =
      domain::ParseBudgetAccountKind(r.Text(3)).value_or(domain::BudgetAccountKind::kDirectPayment);
  a.holder = domain::ParseAccountHolder(r.Text(4)).value_or(domain::AccountHolder::kPerson);
  a.holder_name = r.Text(5);
  a.account_type = domain::ParseAccountType(r.Text(6)).value_or(domain::AccountType::kBankAccount);
  a.terms.contribution =
      domain::ParseContributionMethod(r.Text(7)).value_or(domain::ContributionMethod::kNet);
  a.sort_code = r.Text(8);
  a.account_number = r.Text(9);
  a.terms.start = DateOr(r.Text(10));
  if (!r.IsNull(11)) a.terms.end = DateOr(r.Text(11));
  a.terms.cycle_days = static_cast<int>(r.Int(12));
  a.next_cycle = r.Int(13);
  a.created_by = UserId{r.Int(14)};
  a.created_at = Timestamp::FromMicros(r.Int(15));
  return a;
}

constexpr Columns<app::PaymentAgreementRecord> kAgreement{
    "payment_agreement_id, person_id, support_plan_id, account_kind, holder, holder_name, "
    "account_type, contribution_method, sort_code, account_number, start_date, end_date, "
    "cycle_days, next_cycle, created_by_user_id, created_at",
    AgreementFromRow};

constexpr std::string_view kInsertAgreement = R"sql(
INSERT INTO payment_agreements (council_id, person_id, support_plan_id, account_kind, holder,
  holder_name, account_type, contribution_method, sort_code, account_number, start_date, end_date,
  cycle_days, next_cycle, created_by_user_id, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
RETURNING payment_agreement_id)sql";

constexpr std::string_view kInsertChange = R"sql(
INSERT INTO payment_agreement_changes (council_id, payment_agreement_id, from_date,
  weekly_budget_pence, weekly_contribution_pence, suspended, reason, created_by_user_id, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9))sql";

app::PaymentRunRecord RunFromRow(const SqlRow& r) {
  app::PaymentRunRecord run;
  run.id = PaymentRunId{r.Int(0)};
  run.through = DateOr(r.Text(1));
  run.payments = r.Int(2);
  run.total = Pence::FromPence(r.Int(3));
  run.started_by = UserId{r.Int(4)};
  run.started_at = Timestamp::FromMicros(r.Int(5));
  if (r.size() > 6) run.bank_file = r.Text(6);
  return run;
}

constexpr std::string_view kRunColumns =
    "payment_run_id, through_date, payments, total_pence, started_by_user_id, started_at";

}  // namespace

Result<PaymentAgreementId> SqlMoney::InsertAgreement(const app::PaymentAgreementRecord& a) {
  const domain::PaymentTerms& t = a.terms;
  SD_ASSIGN_OR_RETURN(
      int64_t id, QueryInt(c_, kInsertAgreement,
                           {council_.value(), a.person_id.value(),
                            a.plan_id ? SqlValue(a.plan_id->value()) : SqlValue(std::monostate{}),
                            std::string(domain::BudgetAccountKindCode(a.account_kind)),
                            std::string(AccountHolderCode(a.holder)), a.holder_name,
                            std::string(AccountTypeCode(a.account_type)),
                            std::string(ContributionMethodCode(t.contribution)), a.sort_code,
                            a.account_number, t.start.ToString(),
                            t.end ? SqlValue(t.end->ToString()) : SqlValue(std::monostate{}),
                            int64_t{t.cycle_days}, a.next_cycle,
                            SqlOptionalId(a.created_by.value()), a.created_at.micros()}));
  for (const domain::PaymentChange& c : t.changes)
    SD_RETURN_IF_ERROR(AddChange(PaymentAgreementId{id}, c, a.created_by, a.created_at));
  return PaymentAgreementId{id};
}

Status SqlMoney::AddChange(PaymentAgreementId id, const domain::PaymentChange& change, UserId by,
                           Timestamp at) {
  return Execute(
      c_, kInsertChange,
      {council_.value(), id.value(), change.from.ToString(), change.weekly_budget.pence(),
       change.weekly_contribution.pence(), SqlBool(change.suspended), change.reason,
       SqlOptionalId(by.value()), at.micros()});
}

Status SqlMoney::RestateChanges(PaymentAgreementId id, Date from, Pence weekly_budget,
                                Pence weekly_contribution) {
  return Execute(c_,
                 "UPDATE payment_agreement_changes SET weekly_budget_pence = $4, "
                 "weekly_contribution_pence = $5 WHERE council_id = $1 AND payment_agreement_id = "
                 "$2 AND from_date >= $3",
                 {council_.value(), id.value(), from.ToString(), weekly_budget.pence(),
                  weekly_contribution.pence()});
}

Status SqlMoney::LoadChanges(std::vector<app::PaymentAgreementRecord>& agreements) {
  if (agreements.empty()) return Status();
  SqlParams params{council_.value()};
  std::vector<int64_t> ids;
  for (const auto& a : agreements) ids.push_back(a.id.value());
  const std::string in = params.AddEach(ids);
  SD_ASSIGN_OR_RETURN(auto rows,
                      c_.Query("SELECT payment_agreement_id, from_date, weekly_budget_pence, "
                               "weekly_contribution_pence, suspended, reason FROM "
                               "payment_agreement_changes WHERE council_id = $1 AND "
                               "payment_agreement_id IN (" +
                                   in + ") ORDER BY payment_agreement_id, from_date",
                               params.values()));
  std::unordered_map<int64_t, app::PaymentAgreementRecord*> by_id;
  for (auto& a : agreements) by_id[a.id.value()] = &a;
  for (const SqlRow& r : rows) {
    by_id[r.Int(0)]->terms.changes.push_back({DateOr(r.Text(1)), Pence::FromPence(r.Int(2)),
                                              Pence::FromPence(r.Int(3)), r.Int(4) == 1,
                                              r.Text(5)});
  }
  return Status();
}

Result<std::optional<app::PaymentAgreementRecord>> SqlMoney::FindAgreement(PaymentAgreementId id) {
  SD_ASSIGN_OR_RETURN(auto all, QueryAll(c_, kAgreement,
                                         "FROM payment_agreements WHERE council_id = $1 AND "
                                         "payment_agreement_id = $2",
                                         {council_.value(), id.value()}));
  SD_RETURN_IF_ERROR(LoadChanges(all));
  if (all.empty()) return std::optional<app::PaymentAgreementRecord>();
  return std::optional<app::PaymentAgreementRecord>(std::move(all.front()));
}

Result<std::vector<app::PaymentAgreementRecord>> SqlMoney::AgreementsFor(PersonId person) {
  SD_ASSIGN_OR_RETURN(auto all, QueryAll(c_, kAgreement,
                                         "FROM payment_agreements WHERE council_id = $1 AND "
                                         "person_id = $2 ORDER BY payment_agreement_id DESC",
                                         {council_.value(), person.value()}));
  SD_RETURN_IF_ERROR(LoadChanges(all));
  return all;
}

Result<std::vector<app::PaymentAgreementRecord>> SqlMoney::AgreementsDue(Date through) {
  // A cycle is due when its first day is on or before `through`, and not after the end.
  SD_ASSIGN_OR_RETURN(
      auto all, QueryAll(c_, kAgreement,
                         "FROM payment_agreements WHERE council_id = $1 AND start_date <= $2 AND "
                         "(end_date IS NULL OR end_date >= start_date) "
                         "ORDER BY payment_agreement_id",
                         {council_.value(), through.ToString()}));
  SD_RETURN_IF_ERROR(LoadChanges(all));
  return all;
}

Status SqlMoney::SetEnd(PaymentAgreementId id, Date end) {
  return Execute(c_,
                 "UPDATE payment_agreements SET end_date = $3 WHERE council_id = $1 AND "
                 "payment_agreement_id = $2",
                 {council_.value(), id.value(), end.ToString()});
}

Status SqlMoney::SetNextCycle(PaymentAgreementId id, int64_t next_cycle) {
  return Execute(c_,
                 "UPDATE payment_agreements SET next_cycle = $3 WHERE council_id = $1 AND "
                 "payment_agreement_id = $2",
                 {council_.value(), id.value(), next_cycle});
}

Result<PaymentRunId> SqlMoney::InsertRun(const app::PaymentRunRecord& run) {
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(c_,
               "INSERT INTO payment_runs (council_id, through_date, payments, total_pence, "
               "bank_file, started_by_user_id, started_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
               "RETURNING payment_run_id",
               {council_.value(), run.through.ToString(), run.payments, run.total.pence(),
                run.bank_file, SqlOptionalId(run.started_by.value()), run.started_at.micros()}));
  return PaymentRunId{id};
}

Result<std::optional<app::PaymentRunRecord>> SqlMoney::FindRun(PaymentRunId id) {
  return QueryOne(c_,
                  Select(std::string(kRunColumns) + ", bank_file",
                         "FROM payment_runs WHERE council_id = $1 AND payment_run_id = $2"),
                  {council_.value(), id.value()}, RunFromRow);
}

Result<std::vector<app::PaymentRunRecord>> SqlMoney::Runs(int limit) {
  return QueryAll(c_,
                  Select(kRunColumns,
                         "FROM payment_runs WHERE council_id = $1 ORDER BY payment_run_id DESC "
                         "LIMIT $2"),
                  {council_.value(), int64_t{limit}}, RunFromRow);
}

Status SqlMoney::PutRule(PersonId person, const domain::MatchRule& rule, UserId by, Timestamp at) {
  return Execute(c_,
                 "INSERT INTO money_match_rules (council_id, person_id, payee_words, category, "
                 "created_by_user_id, created_at) VALUES ($1, $2, $3, $4, $5, $6) "
                 "ON CONFLICT (council_id, person_id, payee_words) DO UPDATE SET category = "
                 "excluded.category, created_by_user_id = excluded.created_by_user_id, "
                 "created_at = excluded.created_at",
                 {council_.value(), person.value(), rule.payee_words, rule.category,
                  SqlOptionalId(by.value()), at.micros()});
}

Result<std::vector<domain::MatchRule>> SqlMoney::RulesFor(PersonId person) {
  return QueryAll(c_,
                  "SELECT payee_words, category FROM money_match_rules WHERE council_id = $1 AND "
                  "person_id = $2 ORDER BY payee_words",
                  {council_.value(), person.value()}, [](const SqlRow& r) {
                    return domain::MatchRule{r.Text(0), r.Text(1)};
                  });
}

Status SqlMoney::RecordImport(PersonId person, const std::string& format, int64_t read,
                              int64_t posted, int64_t already, UserId by, Timestamp at) {
  return Execute(c_,
                 "INSERT INTO statement_imports (council_id, person_id, format, rows_read, "
                 "rows_posted, rows_already, imported_by_user_id, imported_at) VALUES ($1, $2, "
                 "$3, $4, $5, $6, $7, $8)",
                 {council_.value(), person.value(), format, read, posted, already,
                  SqlOptionalId(by.value()), at.micros()});
}

namespace {

app::MoneyExplanation ExplanationFromRow(const SqlRow& r) {
  app::MoneyExplanation e;
  e.id = r.Int(0);
  e.person_id = PersonId{r.Int(1)};
  e.transaction = LedgerTransactionId{r.Int(2)};
  e.note = r.Text(3);
  e.file_name = r.Text(4);
  e.media_type = r.Text(5);
  e.size_bytes = r.Int(6);
  e.sha256 = r.Text(7);
  e.added_by = UserId{r.Int(8)};
  e.added_at = Timestamp::FromMicros(r.Int(9));
  if (r.size() > 10) e.content_base64 = r.Text(10);
  return e;
}

constexpr std::string_view kExplanationColumns =
    "money_explanation_id, person_id, ledger_transaction_id, note, file_name, media_type, "
    "size_bytes, sha256, added_by_user_id, added_at";

}  // namespace

Result<int64_t> SqlMoney::AddExplanation(const app::MoneyExplanation& e) {
  return QueryInt(
      c_,
      "INSERT INTO money_explanations (council_id, person_id, ledger_transaction_id, "
      "note, file_name, media_type, size_bytes, sha256, content_base64, "
      "added_by_user_id, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
      "$11) RETURNING money_explanation_id",
      {council_.value(), e.person_id.value(), e.transaction.value(), e.note,
       TextOrNull(e.file_name), TextOrNull(e.media_type), e.size_bytes, TextOrNull(e.sha256),
       TextOrNull(e.content_base64), SqlOptionalId(e.added_by.value()), e.added_at.micros()});
}

Result<std::vector<app::MoneyExplanation>> SqlMoney::ExplanationsFor(PersonId person) {
  return QueryAll(c_,
                  Select(kExplanationColumns,
                         "FROM money_explanations WHERE council_id = $1 AND person_id = $2 "
                         "ORDER BY money_explanation_id"),
                  {council_.value(), person.value()}, ExplanationFromRow);
}

Result<std::optional<app::MoneyExplanation>> SqlMoney::FindExplanation(int64_t id) {
  return QueryOne(c_,
                  Select(std::string(kExplanationColumns) + ", content_base64",
                         "FROM money_explanations WHERE council_id = $1 AND "
                         "money_explanation_id = $2"),
                  {council_.value(), id}, ExplanationFromRow);
}

Result<std::vector<std::pair<PersonId, Timestamp>>> SqlMoney::LastStatements() {
  return QueryAll(c_,
                  "SELECT person_id, MAX(imported_at) FROM statement_imports WHERE council_id = $1 "
                  "GROUP BY person_id",
                  {council_.value()}, [](const SqlRow& r) {
                    return std::pair{PersonId{r.Int(0)}, Timestamp::FromMicros(r.Int(1))};
                  });
}

}  // namespace selfdirect::storage
