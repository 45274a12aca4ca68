// File: journal.h
// Reads plain-text accounting journals (the ledger/hledger format, the subset described in
// ../shared/contracts/ledger.md and docs/money.md) and works out balances and registers from them.
// Accountants, auditors and tools such as ledger and hledger exchange ledgers this way, so anyone
// can check Selfdirect's balances with tools they already trust.
//
// One pass over the text, no copies: account names and descriptions are views into the text, so
// the text must outlive the result. Amounts are integer pence; sums are checked for overflow.
//
// Example:
//   auto j = ReadJournal(text, {.register_account = "Assets:DirectPayment:P00001"});
//   if (!j.ok()) { /* j.error().message names the line */ }
//   for (const AccountBalance& b : SortedBalances(*j, "Assets")) ...
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"

namespace selfdirect::domain::journal {

struct ReadOptions {
  // When set, ReadJournal keeps every posting to exactly this account (not its subaccounts).
  std::string_view register_account;
};

// One posting to the register account, with its transaction's date and description.
struct RegisterPosting {
  int32_t date = 0;  // yyyymmdd
  std::string_view description;
  int64_t pence = 0;
};

struct Journal {
  // Every account with at least one posting, with the sum of its own postings in pence.
  std::unordered_map<std::string_view, int64_t> balances;
  // In file order (see RegisterLines for date order).
  std::vector<RegisterPosting> register_postings;
  std::string_view commodity;  // "£" or "GBP"; empty when the journal has no amounts.
  int64_t transactions = 0;
};

// Reads the journal. Anything outside the subset (an unbalanced transaction, an unparseable line,
// a second commodity, an amount without exactly two decimals, an overflow) is kInvalidArgument
// with a message that starts "line N: ", N a line inside the faulty transaction.
Result<Journal> ReadJournal(std::string_view text, const ReadOptions& options = {});

// True when `a` sorts before `b` comparing names part by part (split at ':'), each part by byte
// value: "Expenses:Care:PA" < "Expenses:Care Home".
bool AccountNameLess(std::string_view a, std::string_view b);

struct AccountBalance {
  std::string_view account;
  int64_t pence = 0;
};
// The accounts named `prefix` or starting with `prefix` + ':' (all when `prefix` is empty),
// sorted by AccountNameLess.
std::vector<AccountBalance> SortedBalances(const Journal& journal, std::string_view prefix);

struct RegisterLine {
  int32_t date = 0;  // yyyymmdd
  std::string_view description;
  int64_t pence = 0;
  int64_t running_balance = 0;
};
// The register postings in date order (file order within a date), with the running balance.
std::vector<RegisterLine> RegisterLines(const Journal& journal);

// "2024-04-05" for 20240405.
std::string DateText(int32_t yyyymmdd);

}  // namespace selfdirect::domain::journal
