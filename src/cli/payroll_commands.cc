// `selfdirect payroll ...`: gross to net for personal assistants. `calculate` is a stable
// contract (../shared/contracts/payroll.md, docs/payroll.md); `figures` lists the tax years
// Selfdirect has figures for.
#include <cerrno>
#include <cstring>
#include <iostream>

#include "app/payroll/payroll_json.h"
#include "cli/commands.h"
#include "cli/common.h"

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

}  // namespace

PayrollCommands::PayrollCommands(CLI::App& app) {
  auto* payroll = app.add_subcommand("payroll", "Payroll for personal assistants: gross to net");
  payroll->require_subcommand(1);
  calculate_ = payroll->add_subcommand(
      "calculate", "Tax, NI, pension and net pay for one payment or a stream of them");
  calculate_->add_option("--input", input_, "JSON file (one payment or one per line), or -")
      ->required();
  figures_ = payroll->add_subcommand("figures", "List the tax years with payroll figures");
}

std::optional<int> PayrollCommands::Run() {
  if (*calculate_) return Calculate(input_);
  if (*figures_) return Figures();
  return std::nullopt;
}

}  // namespace selfdirect::cli
