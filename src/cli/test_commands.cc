#include "cli/test_commands.h"

#include <boost/json.hpp>
#include <iostream>

#include "app/demo.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "storage/sql/sql_store.h"
#include "web/site.h"

namespace selfdirect::cli {

namespace {

// The area a route belongs to: the first segment of its address after /api/v1.
std::string AreaOf(const std::string& pattern) {
  std::string rest = pattern;
  if (rest.rfind("/api/v1/", 0) == 0) rest = rest.substr(7);
  size_t start = rest.empty() ? 0 : 1;
  size_t end = rest.find('/', start);
  std::string area = rest.substr(start, end == std::string::npos ? std::string::npos : end - start);
  return area.empty() ? "home" : area;
}

boost::json::object RouteLine(web::Method method, const std::string& pattern,
                              const web::Route& route) {
  boost::json::array roles;
  for (auto role : route.roles) roles.emplace_back(std::string(domain::RoleName(role)));
  return boost::json::object{{"method", std::string(web::MethodName(method))},
                             {"pattern", pattern},
                             {"area", AreaOf(pattern)},
                             {"api", route.api},
                             {"public", route.audience == web::Audience::kPublic},
                             {"token", route.forgery == web::Forgery::kTokenRequired},
                             {"roles", std::move(roles)}};
}

}  // namespace

TestCommands::TestCommands(CLI::App& app, std::string& database) : database_(database) {
  constexpr const char* kDatabaseHelp = "sqlite:PATH or postgresql://user@host:port/db";
  routes_ = app.add_subcommand("routes", "Print the route table as JSON lines");
  routes_->group("");  // Hidden: for tests and reviewers.
  routes_->add_option("--database", database_, kDatabaseHelp)->capture_default_str();
  routes_->add_option("--council", council_,
                      "Council code (needed when the database holds several)");
  demo_council_ =
      app.add_subcommand("demo-council", "Create another demo council beside the first");
  demo_council_->group("");
  demo_council_->add_option("--database", database_, kDatabaseHelp)->capture_default_str();
  demo_council_->add_option("--code", code_, "The council's code")->required();
  demo_council_->add_option("--name", name_, "The council's name")->capture_default_str();
  demo_council_->add_option("--people", people_, "People with long-term support")
      ->capture_default_str();
  demo_council_
      ->add_option("--password-file", password_file_,
                   "Write the users' passwords to this JSON file (mode 0600)")
      ->required();
}

std::optional<int> TestCommands::Run() {
  if (*routes_) return Routes();
  if (*demo_council_) return DemoCouncil();
  return std::nullopt;
}

int TestCommands::Routes() {
  auto opened = OpenCouncil(database_, council_);
  if (!opened.ok()) return Fail(opened.error());
  web::SiteOptions options;
  options.council = opened->council;
  options.directory_index = false;
  options.person_page_cache_bytes = 0;
  web::Site site(options, *opened->store, SystemClock::Instance(), web::StaticFiles{});
  site.routes().ForEach(
      [](web::Method method, const std::string& pattern, const web::Route& route) {
        std::cout << boost::json::serialize(RouteLine(method, pattern, route)) << "\n";
      });
  return kExitOk;
}

int TestCommands::DemoCouncil() {
  auto store = storage::OpenStore(database_);
  if (!store.ok()) return Fail(store.error());
  app::DemoOptions options;
  options.council_code = code_;
  options.council_name = name_;
  options.people = people_;
  // The file is opened first: a council whose passwords could not be kept would be of no use.
  auto file = SecretFile::Open(password_file_);
  if (!file.ok()) return Fail(file.error());
  auto summary = app::CreateDemoCouncil(**store, SystemClock::Instance(), options);
  if (!summary.ok()) return Fail(summary.error());
  boost::json::object users;
  for (const auto& u : summary->users) {
    users[u.key.empty() ? std::string(domain::RoleName(u.role)) : u.key] =
        boost::json::object{{"email", u.email}, {"password", u.password}};
  }
  if (Status written = file->Write(boost::json::serialize(users) + "\n"); !written.ok())
    return Fail(written.error());
  std::cout << "Demo council '" << name_ << "' (" << code_ << ") is ready in " << database_ << "\n";
  return kExitOk;
}

}  // namespace selfdirect::cli
