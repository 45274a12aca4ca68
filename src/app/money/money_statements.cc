// Statements in: the council's matching policy, posting a statement's rows in resumable batches,
// and the use cases that import a statement and teach a payee rule.
#include <boost/json.hpp>
#include <set>

#include "app/money/money_service.h"
#include "app/money/ofx_statement.h"
#include "app/money/statement_jobs.h"
#include "base/assert.h"
#include "base/embedded_file.h"
#include "base/text.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& MoneyData();
}  // namespace selfdirect::embedded

namespace selfdirect::app {
namespace {

namespace json = boost::json;

domain::MatchPolicy LoadPolicy() {
  const auto& files = embedded::MoneyData();
  SD_ASSERT(!files.empty());
  const json::object o = json::parse(files.front().content).as_object();
  domain::MatchPolicy p;
  for (const auto& c : o.at("disallowed_merchant_categories").as_array())
    p.disallowed_categories.push_back(static_cast<int>(c.as_int64()));
  for (const auto& w : o.at("disallowed_payee_words").as_array())
    p.disallowed_words.emplace_back(w.as_string());
  for (const auto& r : o.at("rules").as_array())
    p.rules.push_back(
        {std::string(r.at("payee_words").as_string()), std::string(r.at("category").as_string())});
  return p;
}

// The kinds of support the person's money is for: their plans' agreed lines, and what they have
// spent on before.
Result<std::vector<std::string>> PlanCategories(Transaction& tx, PersonId person,
                                                const std::vector<PaymentAgreementRecord>& all) {
  std::set<std::string> labels;
  for (const auto& a : all) {
    if (!a.plan_id) continue;
    SD_ASSIGN_OR_RETURN(auto spend, tx.support_plans().AgreedSpendOf(*a.plan_id));
    for (const auto& line : spend.lines)
      if (auto c = domain::ParseSupportCategory(line.category))
        labels.insert(std::string(domain::SupportCategoryLabel(*c)));
  }
  SD_ASSIGN_OR_RETURN(auto balances, tx.money().Balances(person));
  for (const auto& b : balances) {
    const std::string_view leaf = domain::AccountLeaf(b.account);
    if (leaf.starts_with("Spent:") && leaf.substr(6) != kNotMatchedCategory &&
        leaf.substr(6) != kNotAllowedCategory)
      labels.insert(std::string(leaf.substr(6)));
  }
  return std::vector<std::string>(labels.begin(), labels.end());
}

domain::LedgerTransaction RowTransaction(const std::string& ref, const domain::StatementRow& row,
                                         const domain::Match& match) {
  domain::LedgerTransaction t;
  t.effective_date = row.date;
  t.description = row.payee;
  t.source = domain::LedgerSource::kStatementRow;
  t.source_ref = "statement line " + std::to_string(row.line) + ": " + match.why;
  t.idempotency_key = "statement:" + ref + ":" + row.key;
  const std::string account =
      domain::BudgetAccountName(ref, domain::BudgetAccountKind::kDirectPayment);
  std::string other;
  switch (match.kind) {
    case domain::MatchKind::kMoneyIn:
      other = domain::ContributionAccountName(ref);
      break;
    case domain::MatchKind::kMatched:
      other = domain::SpendingAccountName(ref, match.category);
      break;
    case domain::MatchKind::kNotAllowed:
      other = domain::SpendingAccountName(ref, kNotAllowedCategory);
      break;
    case domain::MatchKind::kNotMatched:
      other = domain::SpendingAccountName(ref, kNotMatchedCategory);
      break;
  }
  t.postings = {{other, -row.amount}, {account, row.amount}};
  return t;
}

void Count(domain::MatchKind kind, StatementReport& report) {
  switch (kind) {
    case domain::MatchKind::kMatched:
      ++report.matched;
      break;
    case domain::MatchKind::kNotMatched:
      ++report.not_matched;
      break;
    case domain::MatchKind::kNotAllowed:
      ++report.not_allowed;
      break;
    case domain::MatchKind::kMoneyIn:
      ++report.money_in;
      break;
  }
}

// One batch of rows in one transaction.
// What matching needs, read once for the whole file.
struct MatchContext {
  std::vector<domain::MatchRule> person_rules;
  std::vector<std::string> categories;
};

Result<MatchContext> ReadMatchContext(Store& store, CouncilId council, PersonId person) {
  MatchContext m;
  SD_RETURN_IF_ERROR(store.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto agreements, tx.money().AgreementsFor(person));
    SD_ASSIGN_OR_RETURN(m.person_rules, tx.money().RulesFor(person));
    SD_ASSIGN_OR_RETURN(m.categories, PlanCategories(tx, person, agreements));
    return OkStatus();
  }));
  return m;
}

Status PostBatch(Transaction& tx, PersonId person, const MatchContext& m,
                 const std::vector<domain::StatementRow>& rows, size_t from, size_t to, UserId by,
                 Timestamp at, StatementReport& report) {
  const std::string ref = domain::PersonReference(person);
  const auto& person_rules = m.person_rules;
  const auto& categories = m.categories;
  for (size_t i = from; i < to; ++i) {
    const domain::StatementRow& row = rows[i];
    // The council's own payment shows on the statement with the bank file's reference: it is in
    // the ledger already, from the payment run.
    if (row.amount > Pence() && AsciiLower(row.payee).find(AsciiLower(ref)) != std::string::npos) {
      ++report.payments;
      continue;
    }
    const domain::Match match =
        domain::MatchRow(row, person_rules, categories, DefaultMatchPolicy());
    SD_ASSIGN_OR_RETURN(AppendOutcome posted,
                        tx.money().Append(RowTransaction(ref, row, match), person, by, at));
    if (!posted.posted) {
      ++report.already;
      continue;
    }
    ++report.posted;
    Count(match.kind, report);
  }
  return OkStatus();
}

bool HasDirectPayment(const std::vector<PaymentAgreementRecord>& agreements) {
  for (const auto& a : agreements)
    if (a.account_kind == domain::BudgetAccountKind::kDirectPayment) return true;
  return false;
}

}  // namespace

bool MayHandleMoney(const Principal& who, const PersonRecord& person) {
  using domain::Role;
  if (!domain::CanViewPerson(who.actor, {person.id, person.team_id})) return false;
  const Role role = who.user.role;
  return role == Role::kBudgetHolder || role == Role::kRepresentative ||
         role == Role::kFinanceOfficer;
}

const domain::MatchPolicy& DefaultMatchPolicy() {
  static const domain::MatchPolicy policy = LoadPolicy();
  return policy;
}

Result<StatementReport> ImportStatementRows(Store& store, CouncilId council, PersonId person,
                                            const std::vector<domain::StatementRow>& rows,
                                            domain::StatementFormat format, UserId by, Timestamp at,
                                            const std::function<void(int64_t, int64_t)>& progress,
                                            const std::atomic<bool>* stop) {
  StatementReport report;
  report.rows = static_cast<int64_t>(rows.size());
  SD_ASSIGN_OR_RETURN(const MatchContext m, ReadMatchContext(store, council, person));
  for (size_t from = 0; from < rows.size() || from == 0; from += kImportBatch) {
    const size_t to = std::min(rows.size(), from + kImportBatch);
    const bool last = to == rows.size();
    SD_RETURN_IF_ERROR(store.Write(council, [&](Transaction& tx) -> Status {
      SD_RETURN_IF_ERROR(PostBatch(tx, person, m, rows, from, to, by, at, report));
      if (!last) return OkStatus();
      return tx.money().RecordImport(person, std::string(domain::StatementFormatCode(format)),
                                     report.rows, report.posted, report.already, by, at);
    }));
    if (progress) progress(static_cast<int64_t>(to), report.rows);
    if (last) break;
    if (stop && *stop)
      return Error::Unavailable("The import stopped after " + std::to_string(to) +
                                " rows; send the file again for the rest");
  }
  return report;
}

// Whether `who` may send a statement for `person`, who has a direct payment account. Audited.
Status MoneyService::CheckImport(const CallContext& ctx, const Principal& who, PersonId person) {
  Status allowed = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto record, tx.people().Find(person));
    if (!record || !MayHandleMoney(who, *record))
      return Error::NotFound("No person with that reference");
    SD_ASSIGN_OR_RETURN(auto agreements, tx.money().AgreementsFor(person));
    if (!HasDirectPayment(agreements))
      return Error::FailedPrecondition(
          "There is no direct payment account to import a statement into");
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("statement.import", allowed),
                                     "person", person.ToString(), ""));
  return allowed;
}

Result<StatementReport> MoneyService::ImportStatement(const CallContext& ctx, const Principal& who,
                                                      PersonId person,
                                                      domain::StatementFormat format,
                                                      std::string_view text) {
  SD_RETURN_IF_ERROR(CheckImport(ctx, who, person));
  SD_ASSIGN_OR_RETURN(auto rows, ReadStatement(format, text));
  return ImportStatementRows(store_, ctx.council, person, rows, format, who.user.id, clock_.Now());
}

Result<MoneyService::Started> MoneyService::StartImport(const CallContext& ctx,
                                                        const Principal& who, PersonId person,
                                                        domain::StatementFormat format,
                                                        std::string_view text,
                                                        StatementImportJobs& jobs) {
  SD_RETURN_IF_ERROR(CheckImport(ctx, who, person));
  SD_ASSIGN_OR_RETURN(auto rows, ReadStatement(format, text));
  Started out;
  if (rows.size() <= kImportBatch) {
    SD_ASSIGN_OR_RETURN(out.report, ImportStatementRows(store_, ctx.council, person, rows, format,
                                                        who.user.id, clock_.Now()));
  } else {
    out.job = jobs.Start(ctx.council, person, std::move(rows), format, who.user.id, clock_.Now());
  }
  return out;
}

Status MoneyService::CheckHandlesMoney(const CallContext& ctx, const Principal& who,
                                       PersonId person) {
  Status allowed = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto record, tx.people().Find(person));
    if (!record || !MayHandleMoney(who, *record))
      return Error::NotFound("No person with that reference");
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("statement.progress", allowed),
                                     "person", person.ToString(), ""));
  return allowed;
}

Status MoneyService::TeachRule(const CallContext& ctx, const Principal& who, PersonId person,
                               const domain::MatchRule& rule) {
  std::vector<FieldError> fields;
  if (Trim(rule.payee_words).size() < 3)
    fields.push_back({"payee_words", "Enter at least 3 letters of the payee's name"});
  if (!IsSettleCategory(Trim(rule.category)))
    fields.push_back({"category", "Choose what it pays for from the list"});
  if (!fields.empty()) return Error::InvalidArgument("The rule cannot be kept", std::move(fields));
  return store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto record, tx.people().Find(person));
    if (!record || !MayHandleMoney(who, *record))
      return Error::NotFound("No person with that reference");
    SD_RETURN_IF_ERROR(tx.money().PutRule(
        person, {std::string(Trim(rule.payee_words)), std::string(Trim(rule.category))},
        who.user.id, clock_.Now()));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "money.rule", "person", person.ToString(),
                                     rule.payee_words + " -> " + rule.category));
  });
}

}  // namespace selfdirect::app
