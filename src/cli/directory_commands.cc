// `selfdirect directory ...`: moving a council's information-and-advice directory in and out as
// Open Referral UK data (docs/directory.md), and loading the postcode lookup that distance search
// uses. Imports are all or nothing, audited as done from the command line.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/audit_trail.h"
#include "app/directory/directory_export.h"
#include "app/directory/directory_feed.h"
#include "app/directory/directory_service.h"
#include "base/clock.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace selfdirect::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxFileBytes = 512u << 20;  // An ONSPD extract is about 250 MB.

Result<std::string> ReadText(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return Error::InvalidArgument("Cannot read " + path.string() + ": " + ec.message());
  if (size > kMaxFileBytes) {
    return Error::InvalidArgument(path.string() + " is larger than 512 MB");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error::InvalidArgument("Cannot read " + path.string() + ": " + std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Status WriteText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    return Error::InvalidArgument("Cannot write " + path.string() + ": " + std::strerror(errno));
  }
  return OkStatus();
}

int PrintReport(const app::ImportReport& r, const std::string& name) {
  if (!r.applied) {
    std::cerr << "selfdirect: nothing was imported; " << r.problems.size()
              << (r.problems.size() == 1 ? " row has" : " rows have") << " problems:\n";
    for (const auto& p : r.problems) {
      std::cerr << "  " << (p.file.empty() ? "service" : p.file) << " row " << p.row;
      if (!p.id.empty()) std::cerr << " (" << p.id << ")";
      std::cerr << ":";
      for (const auto& f : p.fields) {
        std::cerr << " " << (f.field.empty() ? "" : f.field + ": ") << f.message << ";";
      }
      std::cerr << "\n";
    }
    return kExitBadInput;
  }
  std::cout << "Imported " << name << ": " << r.rows << " services, " << r.added << " added, "
            << r.updated << " updated, " << r.unchanged << " unchanged.\n";
  return kExitOk;
}

}  // namespace

DirectoryCommands::DirectoryCommands(CLI::App& app, std::string& database) : database_(database) {
  auto* directory = app.add_subcommand(
      "directory", "Information and advice directory: Open Referral UK import and export");
  directory->require_subcommand(1);
  import_ = directory->add_subcommand(
      "import",
      "Add or replace entries from an Open Referral UK feed: a JSON file, or a folder of the "
      "profile's CSV files");
  import_->add_option("--input", input_, "JSON file, or a folder holding services.csv etc.")
      ->required();
  export_ = directory->add_subcommand("export", "Write every entry as Open Referral UK data");
  export_->add_option("--format", format_, "json or csv")
      ->check(CLI::IsMember({"json", "csv"}))
      ->capture_default_str();
  export_
      ->add_option("--output", output_,
                   "JSON file (- for standard output), or the folder for the CSV files")
      ->required();
  postcodes_ = directory->add_subcommand(
      "postcodes", "Load postcode centroids (ONS Postcode Directory columns pcds, lat, long)");
  postcodes_->add_option("--input", input_, "CSV file")->required();
  for (auto* c : {import_, export_, postcodes_}) {
    c->add_option("--database", database_, "sqlite:PATH or postgresql://user@host:port/db")
        ->capture_default_str();
    c->add_option("--council", council_, "Council code (needed when the database holds several)");
  }
}

std::optional<int> DirectoryCommands::Run() {
  if (!*import_ && !*export_ && !*postcodes_) return std::nullopt;
  auto c = OpenCouncil(database_, council_);
  if (!c.ok()) return Fail(c.error());
  app::AuditTrail audit(*c->store);
  app::DirectoryService service(*c->store, SystemClock::Instance(), audit);
  const CouncilId council = c->council.id;
  if (*import_) {
    std::error_code ec;
    if (fs::is_directory(input_, ec)) {
      std::map<std::string, std::string> files;
      for (const auto& entry : fs::directory_iterator(input_, ec)) {
        if (entry.path().extension() != ".csv") continue;
        auto text = ReadText(entry.path());
        if (!text.ok()) return Fail(text.error());
        files[entry.path().filename().string()] = std::move(*text);
      }
      if (ec) return Fail(Error::InvalidArgument("Cannot read " + input_ + ": " + ec.message()));
      auto report =
          service.ImportAsSystem(council, app::DirectoryFeedFromCsv(files, service.taxonomy()));
      if (!report.ok()) return Fail(report.error());
      return PrintReport(*report, input_);
    }
    auto text = ReadText(input_);
    if (!text.ok()) return Fail(text.error());
    auto feed = app::DirectoryFeedFromJson(*text, service.taxonomy());
    if (!feed.ok()) return Fail(feed.error());
    auto report = service.ImportAsSystem(council, std::move(*feed));
    if (!report.ok()) return Fail(report.error());
    return PrintReport(*report, input_);
  }
  if (*export_) {
    if (format_ == "json") {
      auto text = app::DirectoryExport(*c->store).Json(council);
      if (!text.ok()) return Fail(text.error());
      if (output_ == "-") {
        std::cout << *text << "\n";
        return kExitOk;
      }
      Status s = WriteText(output_, *text);
      return s.ok() ? kExitOk : Fail(s.error());
    }
    auto files = app::DirectoryExport(*c->store).Csv(council);
    if (!files.ok()) return Fail(files.error());
    std::error_code ec;
    fs::create_directories(output_, ec);
    if (ec) return Fail(Error::InvalidArgument("Cannot make " + output_ + ": " + ec.message()));
    for (const auto& [name, text] : *files) {
      Status s = WriteText(fs::path(output_) / name, text);
      if (!s.ok()) return Fail(s.error());
    }
    std::cout << "Wrote " << files->size() << " CSV files to " << output_ << "\n";
    return kExitOk;
  }
  auto text = ReadText(input_);
  if (!text.ok()) return Fail(text.error());
  auto report = service.LoadPostcodes(council, *text);
  if (!report.ok()) return Fail(report.error());
  if (!report->problems.empty()) {
    std::cerr << "selfdirect: no postcodes were loaded; the file has problems:\n";
    for (const auto& p : report->problems) std::cerr << "  " << p << "\n";
    return kExitBadInput;
  }
  std::cout << "Loaded " << report->loaded << " postcodes (" << report->skipped
            << " rows without a grid reference skipped).\n";
  return kExitOk;
}

}  // namespace selfdirect::cli
