// `selfdirect money ...`: the ledger from the command line. `balance` and `register` read a
// ledger/hledger journal; `export` and `balances` read the stored ledger. All four are a stable
// contract (../shared/contracts/ledger.md, docs/money.md).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "app/json_stream.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "domain/money/journal.h"

namespace selfdirect::cli {
namespace {

namespace journal = domain::journal;

// Reads a whole file (or standard input for "-").
Result<std::string> ReadWholeFile(const std::string& path) {
  std::FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (in == nullptr)
    return Error::InvalidArgument("Cannot read " + path + ": " + std::strerror(errno));
  std::string text;
  char buffer[1 << 16];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, in)) > 0) text.append(buffer, n);
  const bool failed = std::ferror(in) != 0;
  if (in != stdin) std::fclose(in);
  if (failed) return Error::InvalidArgument("Cannot read " + path);
  return text;
}

void AppendMoney(int64_t pence, std::string& out) { Pence::FromPence(pence).AppendTo(out); }

int Balance(const std::string& path, const std::string& prefix) {
  auto text = ReadWholeFile(path);
  if (!text.ok()) return Fail(text.error());
  auto j = journal::ReadJournal(*text);
  if (!j.ok()) return Fail(j.error());
  std::string out = "{\"accounts\": [";
  int64_t total = 0;
  bool first = true;
  for (const journal::AccountBalance& b : journal::SortedBalances(*j, prefix)) {
    out += first ? "{\"account\": " : ", {\"account\": ";
    first = false;
    app::AppendJsonString(b.account, out);
    out += ", \"balance\": \"";
    AppendMoney(b.pence, out);
    out += "\"}";
    if (__builtin_add_overflow(total, b.pence, &total))
      return Fail(Error::InvalidArgument("The total of these accounts is too large"));
  }
  out += "], \"total\": \"";
  AppendMoney(total, out);
  out += "\"}\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

int Register(const std::string& path, const std::string& account) {
  auto text = ReadWholeFile(path);
  if (!text.ok()) return Fail(text.error());
  auto j = journal::ReadJournal(*text, {.register_account = account});
  if (!j.ok()) return Fail(j.error());
  std::string out;
  for (const journal::RegisterLine& line : journal::RegisterLines(*j)) {
    out += "{\"date\": \"" + journal::DateText(line.date) + "\", \"description\": ";
    app::AppendJsonString(line.description, out);
    out += ", \"amount\": \"";
    AppendMoney(line.pence, out);
    out += "\", \"balance\": \"";
    AppendMoney(line.running_balance, out);
    out += "\"}\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

MoneyCommands::MoneyCommands(CLI::App& app, std::string& database) : database_(database) {
  auto* money = app.add_subcommand("money", "Budget accounts and the ledger");
  money->require_subcommand(1);
  balance_ = money->add_subcommand("balance", "Balances of a ledger/hledger journal, as JSON");
  balance_->add_option("--journal", journal_, "Journal file, or -")->required();
  balance_->add_option("--account", account_, "Only this account and its subaccounts");
  register_ = money->add_subcommand(
      "register", "Postings to one account of a journal, with the running balance (JSON lines)");
  register_->add_option("--journal", journal_, "Journal file, or -")->required();
  register_->add_option("--account", account_, "The account's full name")->required();
}

std::optional<int> MoneyCommands::Run() {
  if (*balance_) return Balance(journal_, account_);
  if (*register_) return Register(journal_, account_);
  return std::nullopt;
}

}  // namespace selfdirect::cli
