// `selfdirect plan ...`: support plan costing from the command line. `cost` is a stable contract
// (app/planning/plan_json.h, docs/planning.md); `catalogue` lists the ways to meet needs.
#include <cerrno>
#include <cstring>
#include <iostream>

#include "app/planning/plan_json.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace selfdirect::cli {
namespace {

int Cost(const std::string& input) {
  std::FILE* in = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
  if (in == nullptr)
    return Fail(Error::InvalidArgument("Cannot read " + input + ": " + std::strerror(errno)));
  app::PlanStreamSummary summary =
      app::StreamPlanCosts(app::DefaultCatalogue(), app::DefaultPlanPolicy(), in, stdout);
  if (in != stdin) std::fclose(in);
  std::fflush(stdout);
  if (summary.malformed) return Fail(Error::InvalidArgument(summary.malformed_message));
  if (summary.plans == 0) return Fail(Error::InvalidArgument("The input holds no plan"));
  if (summary.invalid > 0) {
    if (summary.plans == 1) {
      std::cerr << "selfdirect: the plan is not valid; the output holds {\"error\": ...} with a "
                   "message for each field\n";
    } else {
      std::cerr << "selfdirect: " << summary.invalid << " of " << summary.plans
                << " plans are not valid; their lines hold {\"error\": ...}\n";
    }
    return kExitBadInput;
  }
  return kExitOk;
}

int Catalogue() {
  for (const auto& item : app::DefaultCatalogue().items)
    std::cout << item.code << "\t" << domain::SupportCategoryCode(item.category) << "\t"
              << item.reference_price.ToString() << " a"
              << (item.unit == domain::Unit::kHour ? "n " : " ") << domain::UnitCode(item.unit)
              << "\t" << item.description << "\n";
  return kExitOk;
}

}  // namespace

PlanCommands::PlanCommands(CLI::App& app) {
  auto* plan = app.add_subcommand("plan", "Support plans: cost a plan, list the catalogue");
  plan->require_subcommand(1);
  cost_ = plan->add_subcommand(
      "cost", "Weekly and annual costs of one plan or a stream of them, with the tolerance check");
  cost_->add_option("--input", input_, "JSON file (one plan or one per line), or -")->required();
  catalogue_ =
      plan->add_subcommand("catalogue", "List the council's catalogue of ways to meet needs");
}

std::optional<int> PlanCommands::Run() {
  if (*cost_) return Cost(input_);
  if (*catalogue_) return Catalogue();
  return std::nullopt;
}

}  // namespace selfdirect::cli
