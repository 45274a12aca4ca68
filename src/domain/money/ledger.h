// File: ledger.h
// The budget ledger: double-entry, append-only, in integer pence (issue 20, docs/money.md).
//
// Every transaction has two or more postings that add up to zero. Nothing is ever changed or
// removed: a correction is a reversing transaction with a reason. Each transaction keeps its
// effective date, its source (a payment run, a statement row, payroll, a manual entry, a
// clawback, a refund, a reversal) and an idempotency key, so an import or a run repeated posts
// nothing twice.
//
// Accounts are named so a person's accounts sort together (the journal format's names):
//   People:<ref>:DirectPayment            the direct payment account (an asset)
//   People:<ref>:CouncilManaged           money the council holds and spends for the person
//   People:<ref>:IndividualServiceFund    money a provider holds for the person
//   People:<ref>:CouncilFunding           council money paid in (negative: where money came from)
//   People:<ref>:Contribution             the person's own contribution paid in (negative)
//   People:<ref>:Spent:<category>         spending, by the plan's categories (positive)
// so that at any time the postings of one person add up to zero, and the balance of a budget
// account is what is left in it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/pence.h"
#include "base/result.h"

namespace selfdirect::domain {

// Where a person's budget money is held (rules.md 1.7).
enum class BudgetAccountKind { kDirectPayment, kCouncilManaged, kIndividualServiceFund };
std::string_view BudgetAccountLeaf(BudgetAccountKind k);      // "DirectPayment", ...
std::string_view BudgetAccountLabel(BudgetAccountKind k);     // "Direct payment account", ...
std::string_view BudgetAccountKindCode(BudgetAccountKind k);  // "direct_payment", ...
std::optional<BudgetAccountKind> ParseBudgetAccountKind(std::string_view code);

enum class LedgerSource {
  kPaymentRun,
  kStatementRow,
  kPayroll,
  kManual,
  kClawback,
  kRefund,
  kReversal,
};
std::string_view LedgerSourceCode(LedgerSource s);  // "payment_run", "statement_row", ...
std::optional<LedgerSource> ParseLedgerSource(std::string_view code);

// "People:AB-000123:DirectPayment".
std::string BudgetAccountName(std::string_view person_ref, BudgetAccountKind kind);
std::string FundingAccountName(std::string_view person_ref);
std::string ContributionAccountName(std::string_view person_ref);
// "People:AB-000123:Spent:Home care": `category` is a label a person reads.
std::string SpendingAccountName(std::string_view person_ref, std::string_view category);
// The part after "People:<ref>:", or the whole name for an account outside People.
std::string_view AccountLeaf(std::string_view account);

struct Posting {
  std::string account;
  Pence amount;
};

struct LedgerTransaction {
  Date effective_date;
  std::string description;
  LedgerSource source = LedgerSource::kManual;
  std::string source_ref;           // The run, file row or entry it came from, e.g. "run 12".
  std::string idempotency_key;      // Unique in a council: the same key posts once.
  std::optional<int64_t> reverses;  // The transaction this one reverses.
  std::string reason;               // Why: needed for a reversal and a manual entry.
  std::vector<Posting> postings;
};

// Two or more postings, none zero, adding up to zero; names in the journal format (parts split by
// ':', none empty, no double spaces, no ';'); a description and an idempotency key; a reason for
// a reversal or a manual entry. Field messages name "postings[2].account" and the like.
Status ValidateLedgerTransaction(const LedgerTransaction& t);

// The transaction that undoes `original` (stored as `original_id`): the same postings negated, on
// `date`, with `reason`.
LedgerTransaction ReversalOf(const LedgerTransaction& original, int64_t original_id, Date date,
                             std::string reason);

// A balance of one account.
struct AccountBalanceRow {
  std::string account;
  Pence balance;
};

// What is left in a person's budget accounts (direct payment, council-managed, individual
// service fund) together, from their ledger balances; nullopt when they have none. The figure
// the person page, the money page and a review all show.
std::optional<Pence> BudgetMoneyLeft(const std::vector<AccountBalanceRow>& balances);

}  // namespace selfdirect::domain
