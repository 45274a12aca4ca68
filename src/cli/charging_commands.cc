// `selfdirect charging ...`: the financial assessment from the command line. `assess` is a stable
// contract (app/charging/charging_json.h, docs/charging.md); `rates` shows the reference data.
#include <cerrno>
#include <cstring>
#include <iostream>

#include "app/charging/charging_json.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace selfdirect::cli {
namespace {

int Assess(const std::string& input, domain::Detail detail) {
  std::FILE* in = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
  if (in == nullptr)
    return Fail(Error::InvalidArgument("Cannot read " + input + ": " + std::strerror(errno)));
  app::ChargingStreamSummary summary =
      app::StreamChargingAssessments(app::DefaultChargingPolicy(), in, stdout, detail);
  if (in != stdin) std::fclose(in);
  std::fflush(stdout);
  if (summary.malformed) return Fail(Error::InvalidArgument(summary.malformed_message));
  if (summary.assessments == 0)
    return Fail(Error::InvalidArgument("The input holds no financial assessment"));
  if (summary.invalid > 0) {
    if (summary.assessments == 1) {
      std::cerr << "selfdirect: the financial assessment is not valid; the output holds "
                   "{\"error\": ...} with a message for each field\n";
    } else {
      std::cerr << "selfdirect: " << summary.invalid << " of " << summary.assessments
                << " financial assessments are not valid; their lines hold {\"error\": ...}\n";
    }
    return kExitBadInput;
  }
  return kExitOk;
}

int Rates(const std::string& on) {
  const domain::ChargingRates* chosen = nullptr;
  if (!on.empty()) {
    auto date = Date::Parse(on);
    if (!date.ok()) return Fail(Error::InvalidArgument("--on must be a date like 2026-04-06"));
    auto r = app::ChargingRatesOn(*date);
    if (!r.ok()) return Fail(r.error());
    chosen = *r;
  }
  if (chosen != nullptr) {
    std::cout << boost::json::serialize(*app::ReferenceChargingRatesJson(chosen->id)) << "\n";
    return kExitOk;
  }
  for (const auto& r : app::ReferenceChargingRates())
    std::cout << r.id << "\tfrom " << r.effective_from.ToString() << "\t" << r.title << "\n";
  return kExitOk;
}

}  // namespace

ChargingCommands::ChargingCommands(CLI::App& app) {
  auto* charging =
      app.add_subcommand("charging", "Financial assessment: what a person pays towards care");
  charging->require_subcommand(1);
  assess_ = charging->add_subcommand(
      "assess", "Work out weekly charges for one financial assessment or a stream of them");
  assess_->add_option("--input", input_, "JSON file (one assessment or one per line), or -")
      ->required();
  assess_->add_flag("--summary", apply_,
                    "Figures only: leave out the explanation and warnings (for bulk runs)");
  rates_ = charging->add_subcommand("rates", "List the statutory reference data, or show it");
  rates_->add_option("--on", on_, "Show the rates in force on this date (YYYY-MM-DD)");
}

std::optional<int> ChargingCommands::Run() {
  if (*assess_) return Assess(input_, apply_ ? domain::Detail::kSummary : domain::Detail::kFull);
  if (*rates_) return Rates(on_);
  return std::nullopt;
}

}  // namespace selfdirect::cli
