// File: common.h
// Helpers shared by the `selfdirect` subcommands (commands.cc, ras_commands.cc).
#pragma once

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "app/repositories.h"
#include "base/result.h"

namespace selfdirect::cli {

// Prints the error (and its field messages) to stderr; returns the exit code for it.
int Fail(const Error& e);
// The council the command acts on: the one named, or the only one in the database.
Result<app::Council> ChooseCouncil(app::Store& store, const std::string& code);
// A database opened on the council a command acts on.
struct OpenedCouncil {
  std::unique_ptr<app::Store> store;
  app::Council council;
};
Result<OpenedCouncil> OpenCouncil(const std::string& database, const std::string& code);
// Reads a JSON file, or standard input for "-" (at most 64 MiB).
Result<boost::json::value> ReadJsonFile(const std::string& path);
// The file that passwords are written to, opened once and written through that one descriptor
// (a pipe named for it is not closed and opened again, so its reader sees no early end): created
// with mode 0600, or an existing regular file emptied and made 0600. Anything else named (a pipe,
// /dev/null) keeps its mode: a command run as root must not change a device's. A symbolic link
// to a regular file is refused; one to anything else (/dev/stdout) is followed.
class SecretFile {
 public:
  static Result<SecretFile> Open(const std::string& path);
  SecretFile(SecretFile&& other) noexcept
      : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}
  SecretFile(const SecretFile&) = delete;
  SecretFile& operator=(const SecretFile&) = delete;
  SecretFile& operator=(SecretFile&&) = delete;
  ~SecretFile();
  // Writes all of `text` and closes the file.
  Status Write(std::string_view text);

 private:
  SecretFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::string path_;
};

// `selfdirect ras ...`: registered on the application; Run returns the exit code when one of its
// subcommands was chosen.
class RasCommands {
 public:
  explicit RasCommands(CLI::App& app, std::string& database);
  std::optional<int> Run();

 private:
  std::string& database_;
  CLI::App* calibrate_ = nullptr;
  CLI::App* score_ = nullptr;
  CLI::App* check_ = nullptr;
  CLI::App* import_ = nullptr;
  CLI::App* simulate_ = nullptr;
  CLI::App* publish_ = nullptr;
  std::string input_, table_, council_, predictors_, note_, table_id_ = "adult-ras";
  int64_t version_ = 0;
  bool report_ = false;
};

// `selfdirect charging ...`: the financial assessment (charging_commands.cc).
class ChargingCommands {
 public:
  explicit ChargingCommands(CLI::App& app);
  std::optional<int> Run();

 private:
  CLI::App* assess_ = nullptr;
  CLI::App* rates_ = nullptr;
  std::string input_, on_;
  bool apply_ = false;
};

// `selfdirect plan ...`: support plan costing (plan_commands.cc).
class PlanCommands {
 public:
  explicit PlanCommands(CLI::App& app);
  std::optional<int> Run();

 private:
  CLI::App* cost_ = nullptr;
  CLI::App* catalogue_ = nullptr;
  std::string input_;
};

// `selfdirect payroll ...`: gross to net for personal assistants (payroll_commands.cc).
class PayrollCommands {
 public:
  PayrollCommands(CLI::App& app, std::string& database);
  std::optional<int> Run();

 private:
  std::string& database_;
  CLI::App* calculate_ = nullptr;
  CLI::App* figures_ = nullptr;
  CLI::App* payday_alerts_ = nullptr;
  std::string input_;
  int days_ahead_ = 5;
};

// `selfdirect outcomes ...`: survey statistics equal to R's survey package (outcomes_commands.cc).
class OutcomesCommands {
 public:
  explicit OutcomesCommands(CLI::App& app);
  std::optional<int> Run();

 private:
  CLI::App* analyse_ = nullptr;
  CLI::App* proportions_ = nullptr;
  CLI::App* sample_size_ = nullptr;
  std::string input_, outcome_, predictors_, items_, weights_, strata_, cluster_;
  int64_t population_ = 0;
  double response_rate_ = 1, margin_ = 0.05;
};

// `selfdirect directory ...`: Open Referral UK import and export, postcode loading
// (directory_commands.cc).
class DirectoryCommands {
 public:
  explicit DirectoryCommands(CLI::App& app, std::string& database);
  std::optional<int> Run();

 private:
  std::string& database_;
  CLI::App* import_ = nullptr;
  CLI::App* export_ = nullptr;
  CLI::App* postcodes_ = nullptr;
  std::string input_, output_, council_, format_ = "json";
};

// `selfdirect money ...`: journals and the stored ledger (money_commands.cc).
class MoneyCommands {
 public:
  explicit MoneyCommands(CLI::App& app, std::string& database);
  std::optional<int> Run();

 private:
  std::string& database_;
  CLI::App* balance_ = nullptr;
  CLI::App* register_ = nullptr;
  CLI::App* export_ = nullptr;
  CLI::App* balances_ = nullptr;
  CLI::App* pay_ = nullptr;
  CLI::App* import_ = nullptr;
  int64_t person_ = 0;
  std::string journal_, account_, council_, output_, through_, format_ = "ledger";
};

// `selfdirect backup` and `selfdirect restore` for SQLite (backup_commands.cc).
class BackupCommands {
 public:
  BackupCommands(CLI::App& app, std::string& database);
  std::optional<int> Run();

 private:
  std::string& database_;
  CLI::App* backup_ = nullptr;
  CLI::App* restore_ = nullptr;
  std::string output_, input_;
  bool force_ = false;
};

}  // namespace selfdirect::cli
