// File: test_commands.h
// Hidden commands (not in `--help`) for the black-box tests and reviewers:
//  - `selfdirect routes`: the site's route table as JSON lines, one per route in matching order:
//    {"method","pattern","area","api","public","token","roles"} ("token": unsafe requests need
//    the session's anti-forgery token). It is built from the same Site that `serve` runs, so a new
//    route appears here, and in the access matrix test (tests/http/access_matrix.test.mjs),
//    without further work.
//  - `selfdirect demo-council --code CODE`: a second demo council beside the first in the same
//    database (another council's records for the access matrix), its users' passwords written to
//    --password-file as `selfdirect demo` does.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace selfdirect::cli {

class TestCommands {
 public:
  TestCommands(CLI::App& app, std::string& database);
  std::optional<int> Run();

 private:
  int Routes();
  int DemoCouncil();

  std::string& database_;
  CLI::App* routes_ = nullptr;
  CLI::App* demo_council_ = nullptr;
  std::string council_;
  std::string code_, name_ = "Second Demo Council", password_file_;
  int people_ = 20;
};

}  // namespace selfdirect::cli
