// `selfdirect ras ...`: resource allocation from the command line. `calibrate` and `score` are
// stable contracts (app/ras/calibration_csv.h, app/ras/allocation_json.h); `table`, `simulate` and
// `publish` act on a council's stored tables, audited as done from the command line.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "app/assessment/fhir_questionnaire.h"
#include "app/audit_trail.h"
#include "app/ras/allocation_json.h"
#include "app/ras/calibration_csv.h"
#include "app/ras/ras_service.h"
#include "base/text.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "storage/sql/sql_store.h"

namespace selfdirect::cli {
namespace {

Result<domain::AllocationTable> LoadTable(const std::string& name) {
  std::error_code ec;
  if (!std::filesystem::exists(name, ec)) {
    for (const auto& d : app::DefaultAllocationTables()) {
      if (d.id == name) return d;
    }
  }
  SD_ASSIGN_OR_RETURN(auto json, ReadJsonFile(name));
  return app::AllocationTableFromJson(json);
}

int Calibrate(const std::string& input, const std::string& predictors, bool report) {
  std::FILE* in = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
  if (in == nullptr)
    return Fail(Error::InvalidArgument("Cannot read " + input + ": " + std::strerror(errno)));
  app::CalibrationOptions options;
  options.predictors = SplitCommaList(predictors);
  options.residuals = report;
  auto fit = app::CalibrateFromCsv(in, options);
  if (in != stdin) std::fclose(in);
  if (!fit.ok()) return Fail(fit.error());
  if (report)
    std::cout << app::RegressionReportJson(*fit) << "\n";
  else
    std::cout << app::RegressionContractJson(*fit) << "\n";
  return kExitOk;
}

int Score(const std::string& table_name, const std::string& input) {
  auto table = LoadTable(table_name);
  if (!table.ok()) return Fail(table.error());
  std::FILE* in = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
  if (in == nullptr)
    return Fail(Error::InvalidArgument("Cannot read " + input + ": " + std::strerror(errno)));
  app::ScoreSummary summary = app::StreamScores(*table, in, stdout);
  if (in != stdin) std::fclose(in);
  std::fflush(stdout);
  if (summary.malformed) return Fail(Error::InvalidArgument(summary.malformed_message));
  if (summary.people == 0) return Fail(Error::InvalidArgument("The input holds no person"));
  if (summary.invalid > 0) {
    std::cerr << "selfdirect: " << summary.invalid << " of " << summary.people
              << " people have answers that are not valid; their lines hold {\"error\": ...}\n";
    return kExitBadInput;
  }
  return kExitOk;
}

int Check(const std::string& input) {
  auto table = LoadTable(input);
  if (!table.ok()) return Fail(table.error());
  const domain::Questionnaire* q = app::FindDefaultQuestionnaire(table->questionnaire);
  if (q == nullptr) {
    return Fail(Error::InvalidArgument("No questionnaire \"" + table->questionnaire +
                                       "\" ships with Selfdirect to check the table against"));
  }
  Status s = domain::CheckTableAgainstQuestionnaire(*table, *q);
  if (!s.ok()) return Fail(s.error());
  std::cout << "Allocation table " << table->id << " version " << table->version << " ("
            << table->title << "): " << table->domains.size() << " domains, "
            << domain::ConversionMethodName(table->conversion.method) << ", effective from "
            << table->effective_from.ToString() << ". It can be used.\n";
  return kExitOk;
}

// The command line acts as an operator with the role the use case needs; the audit log records
// it with no user.
app::Principal Operator(domain::Role role) {
  app::Principal p;
  p.user.role = role;
  p.user.display_name = "command line";
  p.actor.role = role;
  return p;
}

}  // namespace

RasCommands::RasCommands(CLI::App& app, std::string& database) : database_(database) {
  auto* ras = app.add_subcommand("ras", "Resource allocation: tables, budgets, calibration");
  ras->require_subcommand(1);
  calibrate_ = ras->add_subcommand(
      "calibrate", "Fit weekly cost on predictors by least squares from a CSV of costed packages");
  calibrate_->add_option("--input", input_, "CSV file with weekly_cost and predictors, or -")
      ->required();
  calibrate_->add_option("--predictors", predictors_,
                         "Comma-separated columns to use (default: all but weekly_cost)");
  calibrate_->add_flag("--report", report_,
                       "Also print adjusted R², residual summary and price per point");
  score_ = ras->add_subcommand("score", "Indicative budgets for a stream of people's answers");
  score_->add_option("--table", table_, "Allocation table JSON file, or a shipped table id")
      ->required();
  score_->add_option("--input", input_, "JSON stream of {\"person\", \"answers\"}, or -")
      ->required();
  auto* table = ras->add_subcommand("table", "Allocation table definitions");
  table->require_subcommand(1);
  check_ = table->add_subcommand("check", "Check that an allocation table can be used");
  check_->add_option("--input", input_, "Allocation table JSON file, or -")->required();
  import_ =
      table->add_subcommand("import", "Store an allocation table as the council's next draft");
  import_->add_option("--input", input_, "Allocation table JSON file, or -")->required();
  import_->add_option("--note", note_, "What this version changes and why")->required();
  simulate_ = ras->add_subcommand(
      "simulate", "Apply a table version to every current assessment and report the change");
  publish_ = ras->add_subcommand("publish", "Publish a draft table version (as an approver)");
  for (auto* c : {import_, simulate_, publish_}) {
    c->add_option("--database", database_, "sqlite:PATH or postgresql://user@host:port/db")
        ->capture_default_str();
    c->add_option("--council", council_, "Council code (needed when the database holds several)");
  }
  for (auto* c : {simulate_, publish_}) {
    c->add_option("--table-id", table_id_, "Table id")->capture_default_str();
    c->add_option("--version", version_, "Table version")->required();
  }
}

std::optional<int> RasCommands::Run() {
  if (*calibrate_) return Calibrate(input_, predictors_, report_);
  if (*score_) return Score(table_, input_);
  if (*check_) return Check(input_);
  if (!*import_ && !*simulate_ && !*publish_) return std::nullopt;
  auto c = OpenCouncil(database_, council_);
  if (!c.ok()) return Fail(c.error());
  app::AuditTrail audit(*c->store);
  app::RasService service(*c->store, SystemClock::Instance(), audit);
  app::CallContext ctx{c->council.id, "command line"};
  if (*import_) {
    auto table = LoadTable(input_);
    if (!table.ok()) return Fail(table.error());
    auto stored = service.CreateDraft(ctx, Operator(domain::Role::kAnalyst), *table, note_);
    if (!stored.ok()) return Fail(stored.error());
    std::cout << "Stored " << stored->table_id << " version " << stored->version
              << " as a draft for " << c->council.name
              << "; nobody's budget changes until an approver publishes it.\n";
    return kExitOk;
  }
  if (*simulate_) {
    auto sim = service.Simulate(ctx, Operator(domain::Role::kAnalyst), table_id_, version_);
    if (!sim.ok()) return Fail(sim.error());
    boost::json::object o{
        {"table_id", table_id_},
        {"version", version_},
        {"current_version", sim->current ? sim->current->version : 0},
        {"people", sim->people},
        {"current_annual_pence", sim->current_annual.pence()},
        {"proposed_annual_pence", sim->proposed_annual.pence()},
        {"change_annual_pence", (sim->proposed_annual - sim->current_annual).pence()},
        {"tolerance_percent", domain::FormatBasisPoints(sim->tolerance_basis_points)},
        {"gain_beyond_tolerance", sim->gain_beyond_tolerance},
        {"lose_beyond_tolerance", sim->lose_beyond_tolerance},
        {"within_tolerance", sim->within_tolerance},
        {"unchanged", sim->unchanged}};
    boost::json::array buckets;
    for (const auto& b : sim->distribution)
      buckets.push_back(boost::json::object{{"weekly_change", b.label}, {"people", b.people}});
    o["distribution"] = std::move(buckets);
    std::cout << boost::json::serialize(o) << "\n";
    (void)audit.Flush();
    return kExitOk;
  }
  auto n = service.Publish(ctx, Operator(domain::Role::kApprover), table_id_, version_);
  if (!n.ok()) return Fail(n.error());
  std::cout << "Published " << table_id_ << " version " << version_ << "; " << *n
            << " indicative budgets recalculated.\n";
  return kExitOk;
}

}  // namespace selfdirect::cli
