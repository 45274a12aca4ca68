#include "domain/money/ledger.h"

#include <array>

namespace selfdirect::domain {
namespace {

constexpr std::array<std::string_view, 7> kSourceCodes = {
    "payment_run", "statement_row", "payroll", "manual", "clawback", "refund", "reversal"};

std::string PersonPrefix(std::string_view person_ref) {
  return "People:" + std::string(person_ref) + ":";
}

bool ValidAccountName(std::string_view name) {
  if (name.empty() || name.front() == ':' || name.back() == ':' || name.front() == ' ' ||
      name.back() == ' ')
    return false;
  return name.find("::") == std::string_view::npos && name.find("  ") == std::string_view::npos &&
         name.find(';') == std::string_view::npos && name.find('\t') == std::string_view::npos &&
         name.find('\n') == std::string_view::npos;
}

}  // namespace

std::string_view BudgetAccountLeaf(BudgetAccountKind k) {
  switch (k) {
    case BudgetAccountKind::kDirectPayment:
      return "DirectPayment";
    case BudgetAccountKind::kCouncilManaged:
      return "CouncilManaged";
    case BudgetAccountKind::kIndividualServiceFund:
      return "IndividualServiceFund";
  }
  return "DirectPayment";
}

std::string_view BudgetAccountKindCode(BudgetAccountKind k) {
  switch (k) {
    case BudgetAccountKind::kCouncilManaged:
      return "council_managed";
    case BudgetAccountKind::kIndividualServiceFund:
      return "individual_service_fund";
    case BudgetAccountKind::kDirectPayment:
      break;
  }
  return "direct_payment";
}

std::optional<BudgetAccountKind> ParseBudgetAccountKind(std::string_view code) {
  for (auto k : {BudgetAccountKind::kDirectPayment, BudgetAccountKind::kCouncilManaged,
                 BudgetAccountKind::kIndividualServiceFund})
    if (BudgetAccountKindCode(k) == code) return k;
  return std::nullopt;
}

std::string_view BudgetAccountLabel(BudgetAccountKind k) {
  switch (k) {
    case BudgetAccountKind::kDirectPayment:
      return "Direct payment account";
    case BudgetAccountKind::kCouncilManaged:
      return "Managed by the council";
    case BudgetAccountKind::kIndividualServiceFund:
      return "Held by your provider";
  }
  return "Direct payment account";
}

std::string_view LedgerSourceCode(LedgerSource s) { return kSourceCodes[static_cast<size_t>(s)]; }

std::optional<LedgerSource> ParseLedgerSource(std::string_view code) {
  for (size_t i = 0; i < kSourceCodes.size(); ++i)
    if (kSourceCodes[i] == code) return static_cast<LedgerSource>(i);
  return std::nullopt;
}

std::string BudgetAccountName(std::string_view person_ref, BudgetAccountKind kind) {
  return PersonPrefix(person_ref) + std::string(BudgetAccountLeaf(kind));
}
std::string FundingAccountName(std::string_view person_ref) {
  return PersonPrefix(person_ref) + "CouncilFunding";
}
std::string ContributionAccountName(std::string_view person_ref) {
  return PersonPrefix(person_ref) + "Contribution";
}
std::string SpendingAccountName(std::string_view person_ref, std::string_view category) {
  return PersonPrefix(person_ref) + "Spent:" + std::string(category);
}

std::string_view AccountLeaf(std::string_view account) {
  if (!account.starts_with("People:")) return account;
  const size_t second = account.find(':', 7);
  return second == std::string_view::npos ? account : account.substr(second + 1);
}

Status ValidateLedgerTransaction(const LedgerTransaction& t) {
  std::vector<FieldError> fields;
  if (t.description.empty()) fields.push_back({"description", "Say what the transaction is"});
  if (t.idempotency_key.empty()) fields.push_back({"idempotency_key", "A key is needed"});
  if ((t.reverses || t.source == LedgerSource::kManual) && t.reason.empty())
    fields.push_back({"reason", "Say why"});
  if (t.postings.size() < 2) fields.push_back({"postings", "A transaction needs two postings"});
  Pence sum;
  for (size_t i = 0; i < t.postings.size(); ++i) {
    const std::string at = "postings[" + std::to_string(i) + "]";
    if (!ValidAccountName(t.postings[i].account))
      fields.push_back({at + ".account", "Not an account name"});
    if (t.postings[i].amount == Pence())
      fields.push_back({at + ".amount", "A posting moves some money"});
    sum += t.postings[i].amount;
  }
  if (sum != Pence())
    fields.push_back({"postings", "The postings add up to " + sum.ToString() + ", not 0.00"});
  if (!fields.empty())
    return Error::InvalidArgument("The transaction cannot be posted", std::move(fields));
  return Status();
}

LedgerTransaction ReversalOf(const LedgerTransaction& original, int64_t original_id, Date date,
                             std::string reason) {
  LedgerTransaction r;
  r.effective_date = date;
  r.description = "Reversal: " + original.description;
  r.source = LedgerSource::kReversal;
  r.source_ref = "transaction " + std::to_string(original_id);
  r.idempotency_key = "reverse:" + std::to_string(original_id);
  r.reverses = original_id;
  r.reason = std::move(reason);
  for (const Posting& p : original.postings) r.postings.push_back({p.account, -p.amount});
  return r;
}

std::optional<Pence> BudgetMoneyLeft(const std::vector<AccountBalanceRow>& balances) {
  std::optional<Pence> left;
  for (const auto& row : balances) {
    const std::string_view leaf = AccountLeaf(row.account);
    for (auto k : {BudgetAccountKind::kDirectPayment, BudgetAccountKind::kCouncilManaged,
                   BudgetAccountKind::kIndividualServiceFund})
      if (leaf == BudgetAccountLeaf(k)) left = left.value_or(Pence()) + row.balance;
  }
  return left;
}

}  // namespace selfdirect::domain
