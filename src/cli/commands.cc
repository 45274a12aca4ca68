#include "cli/commands.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>

#include "app/assessment/eligibility_json.h"
#include "app/assessment/fhir_questionnaire.h"
#include "app/assessment/questionnaire_catalog.h"
#include "app/demo.h"
#include "app/passwords.h"
#include "base/limits.h"
#include "cli/common.h"
#include "cli/outbox.h"
#include "cli/prepare.h"
#include "cli/test_commands.h"
#include "storage/sql/sql_store.h"
#include "storage/sql/standby_store.h"
#include "web/http/server.h"
#include "web/site.h"

namespace selfdirect::cli {

int ExitCodeFor(const Error& e) {
  switch (e.code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kNotFound:
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kFailedPrecondition:
      return kExitBadInput;
    default:
      return kExitInternal;
  }
}

int Fail(const Error& e) {
  std::cerr << "selfdirect: " << e.message << "\n";
  for (const auto& f : e.fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
  return ExitCodeFor(e);
}

// The front-end assets live in web/dist beside the build folder; find them from the binary's
// own location so `build/selfdirect serve` works from any directory.
std::string DefaultAssetsDir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (auto dir = exe.parent_path(); !dir.empty() && dir != dir.root_path();
         dir = dir.parent_path()) {
      auto candidate = dir / "web" / "dist";
      if (std::filesystem::is_directory(candidate, ec)) return candidate.string();
    }
  }
  return "web/dist";
}

Result<std::pair<std::string, uint16_t>> ParseListen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 >= listen.size()) {
    return Error::InvalidArgument("--listen must be HOST:PORT, like 127.0.0.1:8080");
  }
  std::string port_text = listen.substr(colon + 1);
  if (port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos) {
    return Error::InvalidArgument("--listen port must be a number from 0 to 65535");
  }
  int port = std::stoi(port_text);
  if (port > 65535) return Error::InvalidArgument("--listen port must be a number from 0 to 65535");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  return std::make_pair(host, static_cast<uint16_t>(port));
}

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string council;
  std::string read_database;  // Empty: reports, dashboards and exports read the primary.
  std::string assets;
  int io_threads = 1;
  int read_timeout_seconds = limits::kRequestReadTimeoutSeconds;
  bool no_access_log = false;
  bool secure_cookies = false;
  size_t directory_cache = app::kDirectorySearchCacheListings;
  bool no_directory_index = false;
  size_t person_page_cache = size_t{32} << 20;
  bool check_person_page_cache = false;
  std::vector<std::string> trusted_proxies;
  std::string smtp_url;  // Empty: no email is sent; messages wait in the outbox.
  std::string smtp_user;
  std::string mail_from;
  std::string public_url;
  bool smtp_allow_plaintext = false;
  int outbox_interval = 15;
  int reminder_interval = 3600;
  int recent_password_seconds = domain::kRecentPasswordSeconds;
};

// The outbox sender, when an SMTP server is given. The password comes from the environment
// (SELFDIRECT_SMTP_PASSWORD), not the command line, where other users could read it.
std::unique_ptr<OutboxWorker> StartOutbox(app::Store& store, const ServeOptions& o) {
  if (o.smtp_url.empty()) return nullptr;
  OutboxOptions out;
  out.smtp.url = o.smtp_url;
  out.smtp.user = o.smtp_user;
  if (const char* pw = std::getenv("SELFDIRECT_SMTP_PASSWORD")) out.smtp.password = pw;
  out.smtp.from = o.mail_from;
  out.smtp.require_tls = !o.smtp_allow_plaintext;
  out.public_url = o.public_url;
  while (!out.public_url.empty() && out.public_url.back() == '/') out.public_url.pop_back();
  out.interval_seconds = o.outbox_interval;
  spdlog::info(R"({{"event":"outbox_started","every_seconds":{}}})", out.interval_seconds);
  return std::make_unique<OutboxWorker>(store, SystemClock::Instance(), std::move(out));
}

int Serve(const std::string& database, const ServeOptions& o) {
  auto address = ParseListen(o.listen);
  if (!address.ok()) return Fail(address.error());
  if (Status mail = CheckMailOptions(o.smtp_url, o.mail_from, o.public_url); !mail.ok())
    return Fail(mail.error());
  auto store = storage::OpenStore(database);
  if (!store.ok()) return Fail(store.error());
  auto council = ChooseCouncil(**store, o.council);
  if (!council.ok()) return Fail(council.error());
  std::unique_ptr<app::Store> reports;
  if (!o.read_database.empty()) {
    auto standby = storage::OpenStandbyStore(**store, o.read_database);
    if (!standby.ok()) return Fail(standby.error());
    reports = std::move(*standby);
  }
  auto templates = web::CheckTemplates();
  if (!templates.ok()) return Fail(templates.error());
  auto files = web::StaticFiles::Load(o.assets.empty() ? DefaultAssetsDir() : o.assets);
  if (!files.ok()) return Fail(files.error());
  app::InitialiseCrypto();
  web::Site site(
      {*council, o.secure_cookies, o.directory_cache, !o.no_directory_index, o.person_page_cache,
       o.check_person_page_cache, !o.smtp_url.empty(), o.recent_password_seconds},
      **store, SystemClock::Instance(), std::move(*files), reports.get());
  // The directory's index and the survey analysis, built before the first request.
  if (Status prepared = PrepareSite(site, !o.no_directory_index); !prepared.ok())
    return Fail(prepared.error());
  web::ServerOptions options;
  options.host = address->first;
  options.port = address->second;
  options.io_threads = o.io_threads;
  options.access_log = !o.no_access_log;
  options.read_timeout_seconds = o.read_timeout_seconds;
  options.trusted_proxies = o.trusted_proxies;
  options.strict_transport_security = o.secure_cookies;  // Behind HTTPS.
  spdlog::info(R"({{"event":"starting","database":"{}","council":"{}","reports":"{}"}})",
               (*store)->kind(), council->code, reports ? "standby" : "primary");
  auto outbox = StartOutbox(**store, o);
  auto reminders =
      std::make_unique<ReminderWorker>(**store, SystemClock::Instance(), o.reminder_interval);
  Status s = web::RunServer(options, site);
  reminders.reset();
  outbox.reset();
  if (!s.ok()) return Fail(s.error());
  return kExitOk;
}

int Demo(const std::string& database, int people, const std::string& password_file) {
  auto store = storage::OpenStore(database);
  if (!store.ok()) return Fail(store.error());
  app::DemoOptions options;
  options.people = people;
  // Opened first: a council whose new passwords could not be kept would lock its users out.
  std::optional<SecretFile> file;
  if (!password_file.empty()) {
    auto opened = SecretFile::Open(password_file);
    if (!opened.ok()) return Fail(opened.error());
    file.emplace(std::move(*opened));
  }
  auto summary = app::CreateDemoCouncil(**store, SystemClock::Instance(), options);
  if (!summary.ok()) return Fail(summary.error());
  std::cout
      << "Demo council '" << options.council_name << "' is ready in " << database << ":\n"
      << "  " << summary->people << " people with long-term support, " << summary->direct_payments
      << " on direct payments\n\n"
      << "Demo users (passwords are shown only now; run `selfdirect demo` again for new ones):\n";
  for (const auto& u : summary->users) {
    std::cout << "  " << std::left << std::setw(22)
              << (u.key.empty() ? std::string(domain::RoleName(u.role)) : u.key) << " "
              << std::setw(34) << u.email << " " << u.password << "\n";
  }
  if (file) {
    std::ostringstream out;
    out << "{\n";
    for (size_t i = 0; i < summary->users.size(); ++i) {
      const auto& u = summary->users[i];
      out << "  \"" << (u.key.empty() ? std::string(domain::RoleName(u.role)) : u.key)
          << "\": {\"email\": \"" << u.email << "\", \"password\": \"" << u.password << "\"}"
          << (i + 1 < summary->users.size() ? "," : "") << "\n";
    }
    out << "}\n";
    if (Status written = file->Write(out.str()); !written.ok()) return Fail(written.error());
  }
  return kExitOk;
}

// `selfdirect assessment eligibility --input FILE|-`: one output line per case (see
// app/assessment/eligibility_json.h); messages for invalid cases go to stderr; exit 1 if any.
int AssessmentEligibility(const std::string& input) {
  std::FILE* in = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
  if (in == nullptr)
    return Fail(Error::InvalidArgument("Cannot read " + input + ": " + std::strerror(errno)));
  app::StreamSummary summary = app::StreamEligibility(in, stdout);
  if (in != stdin) std::fclose(in);
  std::fflush(stdout);
  if (summary.malformed) return Fail(Error::InvalidArgument(summary.malformed_message));
  if (summary.cases == 0) return Fail(Error::InvalidArgument("The input holds no case"));
  if (summary.invalid > 0) {
    std::cerr << "selfdirect: " << summary.invalid << " of " << summary.cases
              << " cases are not valid; their output lines are {\"error\": ...} with a message per "
                 "field\n";
    return kExitBadInput;
  }
  return kExitOk;
}

Result<const domain::Questionnaire*> DefaultQuestionnaire(const std::string& id) {
  const domain::Questionnaire* q = app::FindDefaultQuestionnaire(id);
  if (q == nullptr) {
    std::string ids;
    for (const auto& d : app::DefaultQuestionnaires()) {
      if (ids.find(d.id) == std::string::npos) ids += (ids.empty() ? "" : ", ") + d.id;
    }
    return Error::InvalidArgument("No questionnaire \"" + id + "\"; there are: " + ids);
  }
  return q;
}

// `assessment questionnaire export --id ID`: the FHIR R4 Questionnaire.
int QuestionnaireExport(const std::string& id) {
  auto q = DefaultQuestionnaire(id);
  if (!q.ok()) return Fail(q.error());
  std::cout << boost::json::serialize(app::QuestionnaireToFhir(**q)) << "\n";
  return kExitOk;
}

// `assessment questionnaire check --input FILE`: reads a FHIR Questionnaire and says whether
// Selfdirect can use it.
int QuestionnaireCheck(const std::string& input) {
  auto json = ReadJsonFile(input);
  if (!json.ok()) return Fail(json.error());
  auto q = app::QuestionnaireFromFhir(*json);
  if (!q.ok()) return Fail(q.error());
  size_t questions = 0;
  for (const auto& s : q->sections) questions += s.questions.size();
  std::cout << "Questionnaire " << q->id << " version " << q->version << " (" << q->title
            << "): " << q->sections.size() << " sections, " << questions
            << " questions, effective from " << q->effective_from.ToString()
            << ". It can be used.\n";
  return kExitOk;
}

// `assessment questionnaire response --id ID --answers FILE`: answers ({"question": ["value"]})
// as a FHIR QuestionnaireResponse ("completed" when every required question is answered).
int QuestionnaireResponse(const std::string& id, const std::string& answers_path) {
  auto q = DefaultQuestionnaire(id);
  if (!q.ok()) return Fail(q.error());
  auto json = ReadJsonFile(answers_path);
  if (!json.ok()) return Fail(json.error());
  if (!json->is_object()) return Fail(Error::InvalidArgument("Answers must be a JSON object"));
  domain::Answers answers;
  for (const auto& [key, value] : json->get_object()) {
    auto& list = answers[std::string(key)];
    auto add = [&](const boost::json::value& v) {
      if (v.is_string())
        list.emplace_back(v.get_string());
      else if (v.is_bool())
        list.emplace_back(v.get_bool() ? "true" : "false");
      else if (v.is_int64())
        list.emplace_back(std::to_string(v.get_int64()));
    };
    if (value.is_array()) {
      for (const auto& v : value.get_array()) add(v);
    } else {
      add(value);
    }
  }
  auto errors = domain::ValidateAnswers(**q, answers, domain::Completeness::kPartial);
  if (!errors.empty()) return Fail(Error::InvalidArgument("Some answers are not valid", errors));
  bool complete = domain::ValidateAnswers(**q, answers, domain::Completeness::kSubmission).empty();
  std::cout << boost::json::serialize(app::QuestionnaireResponseToFhir(
                   **q, answers,
                   complete ? app::ResponseStatus::kCompleted : app::ResponseStatus::kInProgress))
            << "\n";
  return kExitOk;
}

// `assessment questionnaire import --database URL [--council CODE] --input FILE`: stores a FHIR R4
// Questionnaire as a new version for the council; new assessments use it from its effective date.
int QuestionnaireImport(const std::string& database, const std::string& council_code,
                        const std::string& input) {
  auto json = ReadJsonFile(input);
  if (!json.ok()) return Fail(json.error());
  auto store = storage::OpenStore(database);
  if (!store.ok()) return Fail(store.error());
  auto council = ChooseCouncil(**store, council_code);
  if (!council.ok()) return Fail(council.error());
  domain::Questionnaire imported;
  Status s = (*store)->Write(council->id, [&](app::Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(imported,
                        app::ImportQuestionnaire(tx, *json, SystemClock::Instance().Now()));
    return tx.audit().Append(app::AuditEntry{
        SystemClock::Instance().Now(), UserId{}, "questionnaire.import", "questionnaire",
        imported.id + "|" + imported.version, "from the command line", ""});
  });
  if (!s.ok()) return Fail(s.error());
  std::cout << "Imported " << imported.id << " version " << imported.version << " for "
            << council->name << "; new assessments use it from "
            << imported.effective_from.ToString() << ".\n";
  return kExitOk;
}

namespace {

constexpr const char* kDatabaseHelp = "sqlite:PATH or postgresql://user@host:port/db";

// `selfdirect serve`.
class ServeCommand {
 public:
  ServeCommand(CLI::App& cli, std::string& database) : database_(database) {
    command_ = cli.add_subcommand("serve", "Run the web service");
    command_->add_option("--database", database_, kDatabaseHelp)->capture_default_str();
    command_->add_option("--read-database", options_.read_database,
                         "A PostgreSQL standby for reports, dashboards and exports "
                         "(postgresql://...); their pages may lag the primary");
    command_
        ->add_option("--listen", options_.listen, "HOST:PORT to listen on (port 0: any free port)")
        ->capture_default_str();
    command_->add_option("--council", options_.council,
                         "Council code (needed when the database holds several)");
    command_->add_option("--assets", options_.assets,
                         "Folder of built front-end assets (default: web/dist)");
    command_->add_option("--io-threads", options_.io_threads, "I/O threads")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    command_
        ->add_option("--read-timeout", options_.read_timeout_seconds,
                     "Seconds a client has to send a request head")
        ->check(CLI::Range(1, 300))
        ->capture_default_str();
    command_->add_flag("--no-access-log", options_.no_access_log, "Do not log each request");
    command_->add_flag(
        "--secure-cookies", options_.secure_cookies,
        "Behind HTTPS: mark cookies Secure, name them with the __Host- prefix (signs out "
        "everyone signed in without it) and send Strict-Transport-Security");
    command_
        ->add_option("--directory-cache", options_.directory_cache,
                     "Directory listings kept in recent search answers (0: keep none)")
        ->check(CLI::Range(size_t{0}, size_t{10'000'000}))
        ->capture_default_str();
    command_->add_flag("--no-directory-index", options_.no_directory_index,
                       "Answer directory searches from the database, not from an index in memory");
    command_->add_option("--person-page-cache", options_.person_page_cache,
                         "Bytes of person pages kept rendered while unchanged (0: none)");
    command_->add_flag("--check-person-page-cache", options_.check_person_page_cache,
                       "Render every person page afresh; fail if a kept one differs (tests)");
    command_
        ->add_option("--recent-password", options_.recent_password_seconds,
                     "Seconds a password entered counts as recent for sensitive actions (user "
                     "management, settings, payment runs...; docs/security.md)")
        ->check(CLI::Range(1, 86400))
        ->capture_default_str();
    command_->add_option("--trusted-proxy", options_.trusted_proxies,
                         "Address of a reverse proxy whose X-Forwarded-For header names the "
                         "client (repeat for several); without it the header is ignored");
    AddMailOptions();
  }
  std::optional<int> Run() {
    if (*command_) return Serve(database_, options_);
    return std::nullopt;
  }

 private:
  void AddMailOptions() {
    command_->add_option("--smtp-url", options_.smtp_url,
                         "Send messages' email through this server: smtp://host:587 (STARTTLS "
                         "required) or smtps://host:465; password in SELFDIRECT_SMTP_PASSWORD");
    command_->add_option("--smtp-user", options_.smtp_user, "SMTP user name, if it needs one");
    command_->add_option("--mail-from", options_.mail_from, "The sender address of every email")
        ->needs(command_->get_option("--smtp-url"));
    command_->add_option("--public-url", options_.public_url,
                         "The service's address as people reach it, for links in emails "
                         "(needed with --smtp-url)");
    command_->add_flag("--smtp-allow-plaintext", options_.smtp_allow_plaintext,
                       "Send without TLS: only for a relay on this machine or a test server");
    command_
        ->add_option("--outbox-interval", options_.outbox_interval,
                     "Seconds between the outbox's passes")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
    command_
        ->add_option("--reminder-interval", options_.reminder_interval,
                     "Seconds between passes that remind people of reviews coming due")
        ->check(CLI::Range(1, 86400))
        ->capture_default_str();
  }

  std::string& database_;
  CLI::App* command_ = nullptr;
  ServeOptions options_;
};

// `selfdirect demo`.
class DemoCommand {
 public:
  DemoCommand(CLI::App& cli, std::string& database) : database_(database) {
    command_ = cli.add_subcommand("demo", "Create or refresh the demo council");
    command_->add_option("--database", database_, kDatabaseHelp)->capture_default_str();
    command_->add_option("--people", people_, "People with long-term support")
        ->capture_default_str();
    command_->add_option("--password-file", password_file_,
                         "Also write the demo users' passwords to this JSON file (mode 0600)");
  }
  std::optional<int> Run() {
    if (*command_) return Demo(database_, people_, password_file_);
    return std::nullopt;
  }

 private:
  std::string& database_;
  CLI::App* command_ = nullptr;
  int people_ = 2000;
  std::string password_file_;
};

// `selfdirect assessment eligibility` and `selfdirect assessment questionnaire ...`.
class AssessmentCommands {
 public:
  AssessmentCommands(CLI::App& cli, std::string& database) : database_(database) {
    auto* assessment = cli.add_subcommand("assessment", "Needs assessment and eligibility");
    assessment->require_subcommand(1);
    eligibility_ = assessment->add_subcommand(
        "eligibility", "Decide Care Act eligibility for one case or a stream of cases (JSON)");
    eligibility_
        ->add_option("--input", eligibility_input_,
                     "JSON file of one or more cases, or - for standard input")
        ->required();
    AddQuestionnaireCommands(*assessment);
  }
  std::optional<int> Run() {
    if (*eligibility_) return AssessmentEligibility(eligibility_input_);
    if (*export_) return QuestionnaireExport(questionnaire_id_);
    if (*check_) return QuestionnaireCheck(questionnaire_input_);
    if (*import_) return QuestionnaireImport(database_, import_council_, questionnaire_input_);
    if (*response_) return QuestionnaireResponse(questionnaire_id_, answers_input_);
    return std::nullopt;
  }

 private:
  void AddQuestionnaireCommands(CLI::App& assessment) {
    auto* questionnaire =
        assessment.add_subcommand("questionnaire", "Questionnaire definitions (FHIR R4)");
    questionnaire->require_subcommand(1);
    export_ =
        questionnaire->add_subcommand("export", "Print a questionnaire as a FHIR R4 Questionnaire");
    export_->add_option("--id", questionnaire_id_, "adult-needs or carer")->capture_default_str();
    check_ =
        questionnaire->add_subcommand("check", "Check that a FHIR R4 Questionnaire can be used");
    check_->add_option("--input", questionnaire_input_, "Questionnaire JSON file, or -")
        ->required();
    import_ = questionnaire->add_subcommand(
        "import", "Store a FHIR R4 Questionnaire as a council's new version");
    import_->add_option("--database", database_, kDatabaseHelp)->capture_default_str();
    import_->add_option("--council", import_council_,
                        "Council code (needed when the database holds several)");
    import_->add_option("--input", questionnaire_input_, "Questionnaire JSON file, or -")
        ->required();
    response_ = questionnaire->add_subcommand("response",
                                              "Print answers as a FHIR R4 QuestionnaireResponse");
    response_->add_option("--id", questionnaire_id_, "adult-needs or carer")->capture_default_str();
    response_
        ->add_option("--answers", answers_input_,
                     "Answers JSON file: {\"question id\": [values]}, or -")
        ->required();
  }

  std::string& database_;
  CLI::App* eligibility_ = nullptr;
  CLI::App* export_ = nullptr;
  CLI::App* check_ = nullptr;
  CLI::App* import_ = nullptr;
  CLI::App* response_ = nullptr;
  std::string eligibility_input_;
  std::string questionnaire_id_ = "adult-needs", questionnaire_input_, answers_input_;
  std::string import_council_;
};

// `selfdirect migrate`.
class MigrateCommand {
 public:
  MigrateCommand(CLI::App& cli, std::string& database) : database_(database) {
    command_ = cli.add_subcommand("migrate", "Apply database migrations");
    command_->add_option("--database", database_, kDatabaseHelp)->capture_default_str();
  }
  std::optional<int> Run() {
    if (!*command_) return std::nullopt;
    auto store = storage::OpenStore(database_);  // Opening applies the migrations.
    if (!store.ok()) return Fail(store.error());
    auto applied = (*store)->AppliedMigrations();
    if (!applied.ok()) return Fail(applied.error());
    std::cout << "Database " << database_ << " is up to date:\n";
    for (const auto& m : *applied)
      std::cout << "  " << m.name << " applied " << m.applied_at << "\n";
    return kExitOk;
  }

 private:
  std::string& database_;
  CLI::App* command_ = nullptr;
};

void UseJsonLogger() {
  auto logger = spdlog::stdout_logger_mt("selfdirect");
  logger->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","log":%v})",
                      spdlog::pattern_time_type::utc);
  spdlog::set_default_logger(logger);
}

}  // namespace

int Main(int argc, char** argv) {
  UseJsonLogger();
  CLI::App cli{"Selfdirect: personal budgets for adult social care"};
  cli.require_subcommand(1);
  std::string database = "sqlite:selfdirect.db";
  // In the order `selfdirect --help` lists them.
  ServeCommand serve(cli, database);
  DemoCommand demo(cli, database);
  AssessmentCommands assessment(cli, database);
  MigrateCommand migrate(cli, database);
  BackupCommands backup(cli, database);
  RasCommands ras(cli, database);
  ChargingCommands charging(cli);
  PlanCommands plan(cli);
  DirectoryCommands directory(cli, database);
  MoneyCommands money(cli, database);
  PayrollCommands payroll(cli, database);
  OutcomesCommands outcomes(cli);
  TestCommands tests(cli, database);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = cli.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  try {
    if (auto code = serve.Run()) return *code;
    if (auto code = demo.Run()) return *code;
    if (auto code = migrate.Run()) return *code;
    if (auto code = backup.Run()) return *code;
    if (auto code = assessment.Run()) return *code;
    if (auto code = ras.Run()) return *code;
    if (auto code = charging.Run()) return *code;
    if (auto code = plan.Run()) return *code;
    if (auto code = directory.Run()) return *code;
    if (auto code = money.Run()) return *code;
    if (auto code = payroll.Run()) return *code;
    if (auto code = outcomes.Run()) return *code;
    if (auto code = tests.Run()) return *code;
  } catch (const std::exception& e) {
    std::cerr << "selfdirect: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
  return kExitUsage;
}

}  // namespace selfdirect::cli
