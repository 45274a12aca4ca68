// `selfdirect money ...`: the ledger from the command line. `balance` and `register` read a
// ledger/hledger journal; `export` and `balances` read the stored ledger. All four are a stable
// contract (../shared/contracts/ledger.md, docs/money.md).
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "app/json_stream.h"
#include "app/money/money_service.h"
#include "app/money/ofx_statement.h"
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

// Writes `text` to `output`, or standard output when it is empty.
int WriteOutput(const std::string& output, const std::string& text) {
  std::FILE* out = output.empty() ? stdout : std::fopen(output.c_str(), "wb");
  if (out == nullptr)
    return Fail(Error::InvalidArgument("Cannot write " + output + ": " + std::strerror(errno)));
  const bool ok = std::fwrite(text.data(), 1, text.size(), out) == text.size();
  if (out != stdout && std::fclose(out) != 0)
    return Fail(Error::Internal("Cannot write " + output));
  return ok ? kExitOk : Fail(Error::Internal("Cannot write the ledger"));
}

int Export(const std::string& database, const std::string& council, const std::string& format,
           const std::string& output) {
  if (format != "ledger" && format != "csv")
    return Fail(Error::InvalidArgument("--format must be ledger or csv"));
  auto opened = OpenCouncil(database, council);
  if (!opened.ok()) return Fail(opened.error());
  std::string text;
  Status s = opened->store->Read(opened->council.id, [&](app::Transaction& tx) {
    return app::WriteLedger(
        tx, {}, format == "csv" ? app::LedgerFormat::kCsv : app::LedgerFormat::kJournal, text);
  });
  if (!s.ok()) return Fail(s.error());
  return WriteOutput(output, text);
}

int StoredBalances(const std::string& database, const std::string& council) {
  auto opened = OpenCouncil(database, council);
  if (!opened.ok()) return Fail(opened.error());
  std::vector<domain::AccountBalanceRow> rows;
  Status s = opened->store->Read(opened->council.id, [&](app::Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(rows, tx.money().Balances(std::nullopt));
    return OkStatus();
  });
  if (!s.ok()) return Fail(s.error());
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return journal::AccountNameLess(a.account, b.account);
  });
  std::string out = "{\"accounts\": [";
  Pence total;
  for (size_t i = 0; i < rows.size(); ++i) {
    out += i == 0 ? "{\"account\": " : ", {\"account\": ";
    app::AppendJsonString(rows[i].account, out);
    out += ", \"balance\": \"" + rows[i].balance.ToString() + "\"}";
    total += rows[i].balance;
  }
  out += "], \"total\": \"" + total.ToString() + "\"}\n";
  return WriteOutput("", out);
}

int Pay(const std::string& database, const std::string& council, const std::string& through_text,
        const std::string& output) {
  auto through = Date::Parse(through_text);
  if (!through.ok())
    return Fail(Error::InvalidArgument("--through must be a date like 2026-12-04"));
  auto opened = OpenCouncil(database, council);
  if (!opened.ok()) return Fail(opened.error());
  app::PaymentRunRecord run;
  Status s = opened->store->Write(opened->council.id, [&](app::Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(app::PayDue(tx, *through, UserId{}, SystemClock::Instance().Now(), run));
    SD_ASSIGN_OR_RETURN(run.id, tx.money().InsertRun(run));
    return OkStatus();
  });
  if (!s.ok() && s.error().code == ErrorCode::kAlreadyExists)
    return Fail(Error::AlreadyExists("A payment run through " + through->ToString() +
                                     " has been made already: nothing was paid twice"));
  if (!s.ok()) return Fail(s.error());
  std::cerr << "selfdirect: payment run " << run.id.value() << ": " << run.payments << " payments, "
            << run.total.ToDisplayString() << "\n";
  return WriteOutput(output, run.bank_file);
}

// A progress bar on a terminal ("\r" redraws it); nothing when standard error is not one.
void ShowProgress(int64_t done, int64_t total) {
  if (!isatty(fileno(stderr)) || total == 0) return;
  const int64_t width = 30, filled = done * width / total;
  std::string bar(static_cast<size_t>(filled), '#');
  bar.resize(static_cast<size_t>(width), '.');
  std::fprintf(stderr, "\rImporting [%s] %3lld%% (%lld of %lld rows)", bar.c_str(),
               static_cast<long long>(done * 100 / total), static_cast<long long>(done),
               static_cast<long long>(total));
  if (done == total) std::fputc('\n', stderr);
}

int Import(const std::string& database, const std::string& council, int64_t person_id,
           const std::string& format_code, const std::string& path) {
  auto format = domain::ParseStatementFormat(format_code);
  if (!format) return Fail(Error::InvalidArgument("--format must be bank-csv, card-csv or ofx"));
  auto text = ReadWholeFile(path);
  if (!text.ok()) return Fail(text.error());
  auto rows = app::ReadStatement(*format, *text);
  if (!rows.ok()) {
    for (const FieldError& f : rows.error().fields) std::cerr << f.message << "\n";
    if (rows.error().fields.empty()) std::cerr << rows.error().message << "\n";
    return Fail(Error::InvalidArgument("The statement was not imported: nothing was stored"));
  }
  auto opened = OpenCouncil(database, council);
  if (!opened.ok()) return Fail(opened.error());
  const PersonId person{person_id};
  bool direct_payment = false;
  Status found = opened->store->Read(opened->council.id, [&](app::Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto agreements, tx.money().AgreementsFor(person));
    for (const auto& a : agreements)
      direct_payment |= a.account_kind == domain::BudgetAccountKind::kDirectPayment;
    return OkStatus();
  });
  if (!found.ok()) return Fail(found.error());
  if (!direct_payment)
    return Fail(Error::FailedPrecondition("Person " + std::to_string(person_id) +
                                          " has no direct payment account"));
  auto report = app::ImportStatementRows(*opened->store, opened->council.id, person, *rows, *format,
                                         UserId{}, SystemClock::Instance().Now(), ShowProgress);
  if (!report.ok()) return Fail(report.error());
  std::cout << "{\"rows\": " << report->rows << ", \"posted\": " << report->posted
            << ", \"already\": " << report->already << ", \"payments\": " << report->payments
            << ", \"matched\": " << report->matched << ", \"not_matched\": " << report->not_matched
            << ", \"not_allowed\": " << report->not_allowed
            << ", \"money_in\": " << report->money_in << "}\n";
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
  export_ = money->add_subcommand("export", "Write the stored ledger as a journal or as CSV");
  export_->add_option("--format", format_, "ledger or csv")->capture_default_str();
  export_->add_option("--database", database_, "sqlite:PATH or postgresql://...")
      ->capture_default_str();
  export_->add_option("--council", council_, "Council code (needed when there are several)");
  export_->add_option("--output", output_, "File to write (standard output if not given)");
  balances_ = money->add_subcommand("balances", "Balances of the stored ledger, as JSON");
  balances_->add_option("--database", database_, "sqlite:PATH or postgresql://...")
      ->capture_default_str();
  balances_->add_option("--council", council_, "Council code (needed when there are several)");
  pay_ = money->add_subcommand("pay", "Make a payment run: post what is due, write the bank file");
  pay_->add_option("--through", through_, "Pay every cycle starting on or before this day")
      ->required();
  pay_->add_option("--database", database_, "sqlite:PATH or postgresql://...")
      ->capture_default_str();
  pay_->add_option("--council", council_, "Council code (needed when there are several)");
  pay_->add_option("--output", output_, "Bank file to write (standard output if not given)");
  import_ = money->add_subcommand(
      "import", "Import a bank statement or card file into a person's direct payment account");
  import_->add_option("--person", person_, "The person's record number")->required();
  import_
      ->add_option("--format", format_,
                   "bank-csv, card-csv, or ofx (the OFX file a bank's website downloads)")
      ->required();
  import_->add_option("--file", journal_, "The CSV or OFX file, or -")->required();
  import_->add_option("--database", database_, "sqlite:PATH or postgresql://...")
      ->capture_default_str();
  import_->add_option("--council", council_, "Council code (needed when there are several)");
}

std::optional<int> MoneyCommands::Run() {
  if (*balance_) return Balance(journal_, account_);
  if (*register_) return Register(journal_, account_);
  if (*export_) return Export(database_, council_, format_, output_);
  if (*balances_) return StoredBalances(database_, council_);
  if (*pay_) return Pay(database_, council_, through_, output_);
  if (*import_) return Import(database_, council_, person_, format_, journal_);
  return std::nullopt;
}

}  // namespace selfdirect::cli
