// `selfdirect payroll ...`: gross to net for personal assistants. `calculate` is a stable
// contract (../shared/contracts/payroll.md, docs/payroll.md); `figures` lists the tax years
// Selfdirect has figures for; `payday-alerts` runs the serve's hourly payday check once (for a
// scheduler, or to look days further ahead).
#include <cerrno>
#include <cstring>
#include <iostream>

#include "app/pa/employment_service.h"
#include "app/payroll/payroll_json.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "storage/sql/sql_store.h"

namespace selfdirect::cli {
namespace {

int Calculate(const std::string& input) {
  std::FILE* in = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
  if (in == nullptr)
    return Fail(Error::InvalidArgument("Cannot read " + input + ": " + std::strerror(errno)));
  app::PayrollStreamSummary summary = app::StreamPayroll(in, stdout);
  if (in != stdin) std::fclose(in);
  std::fflush(stdout);
  if (summary.malformed) return Fail(Error::InvalidArgument(summary.malformed_message));
  if (summary.payments == 0) return Fail(Error::InvalidArgument("The input holds no payment"));
  if (summary.invalid > 0) {
    std::cerr << "selfdirect: " << summary.invalid << " of " << summary.payments
              << (summary.payments == 1 ? " payment is" : " payments are")
              << " not valid; their lines hold {\"error\": ...}\n";
    return kExitBadInput;
  }
  return kExitOk;
}

int Figures() {
  for (const auto& y : app::ReferencePayrollYears()) {
    std::cout << y.id << "\tfrom " << y.effective_from.ToString() << "\t" << y.title;
    if (!y.unverified.empty()) std::cout << "\t(" << y.unverified.size() << " unverified)";
    std::cout << "\n";
  }
  return kExitOk;
}

// Tells every council's people, organisations and finance officers of PA paydays within
// `days_ahead` days that the budget will not cover; prints how many paydays were told.
int PaydayAlerts(const std::string& database, int days_ahead) {
  if (days_ahead < 0 || days_ahead > 60)
    return Fail(Error::InvalidArgument("--days-ahead must be from 0 to 60"));
  auto store = storage::OpenStore(database);
  if (!store.ok()) return Fail(store.error());
  app::AuditTrail audit(**store);
  app::EmploymentService employment(**store, SystemClock::Instance(), audit);
  auto told = employment.SendPaydayAlerts(days_ahead);
  if (!told.ok()) return Fail(told.error());
  std::cout << *told << (*told == 1 ? " payday" : " paydays") << " not covered: told\n";
  return kExitOk;
}

}  // namespace

PayrollCommands::PayrollCommands(CLI::App& app, std::string& database) : database_(database) {
  auto* payroll = app.add_subcommand("payroll", "Payroll for personal assistants: gross to net");
  payroll->require_subcommand(1);
  calculate_ = payroll->add_subcommand(
      "calculate", "Tax, NI, pension and net pay for one payment or a stream of them");
  calculate_->add_option("--input", input_, "JSON file (one payment or one per line), or -")
      ->required();
  figures_ = payroll->add_subcommand("figures", "List the tax years with payroll figures");
  payday_alerts_ = payroll->add_subcommand(
      "payday-alerts",
      "Tell people now of PA paydays their budget will not cover (serve does hourly)");
  payday_alerts_->add_option("--database", database_, "sqlite:PATH or postgresql://...")
      ->capture_default_str();
  payday_alerts_->add_option("--days-ahead", days_ahead_, "Paydays within this many days")
      ->capture_default_str();
}

std::optional<int> PayrollCommands::Run() {
  if (*calculate_) return Calculate(input_);
  if (*figures_) return Figures();
  if (*payday_alerts_) return PaydayAlerts(database_, days_ahead_);
  return std::nullopt;
}

}  // namespace selfdirect::cli
