// The money's JSON API: a person's money, the ledger as a journal or CSV, setting up payments,
// and payment runs. Every read of a person's money is audited (app/money/money_service.h).
#include "web/money/money_routes.h"
#include "web/openapi.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.

const std::vector<Role> kFinance = {Role::kFinanceOfficer};

}  // namespace

json::object AgreementJsonOf(const app::PaymentAgreementRecord& a) {
  json::array changes;
  for (const auto& c : a.terms.changes)
    changes.push_back({{"from", c.from.ToString()},
                       {"weekly_budget", c.weekly_budget.ToString()},
                       {"weekly_contribution", c.weekly_contribution.ToString()},
                       {"suspended", c.suspended},
                       {"reason", c.reason}});
  return {{"id", a.id.value()},
          {"person", a.person_id.value()},
          {"plan_id", a.plan_id ? json::value(a.plan_id->value()) : json::value(nullptr)},
          {"account", std::string(domain::BudgetAccountLeaf(a.account_kind))},
          {"holder", std::string(domain::AccountHolderCode(a.holder))},
          {"holder_name", a.holder_name},
          {"account_type", std::string(domain::AccountTypeCode(a.account_type))},
          {"contribution", std::string(domain::ContributionMethodCode(a.terms.contribution))},
          {"start", a.terms.start.ToString()},
          {"end", a.terms.end ? json::value(a.terms.end->ToString()) : json::value(nullptr)},
          {"cycle_days", a.terms.cycle_days},
          {"next_cycle", a.next_cycle},
          {"changes", std::move(changes)}};
}

namespace {

json::object SummaryJson(const app::MoneySummary& m) {
  json::array accounts, spending, agreements;
  for (const auto& a : m.accounts)
    accounts.push_back({{"account", std::string(domain::BudgetAccountLeaf(a.kind))},
                        {"balance", a.balance.ToString()},
                        {"weekly", a.weekly.ToString()},
                        {"weeks", a.weeks ? json::value(*a.weeks) : json::value(nullptr)}});
  for (const auto& s : m.spending)
    spending.push_back(
        {{"category", s.category}, {"spent", s.spent.ToString()}, {"traditional", s.traditional}});
  for (const auto& a : m.agreements) agreements.push_back(AgreementJsonOf(a));
  return {{"person", m.person.id.value()},
          {"left", m.left.ToString()},
          {"council_paid", m.council_paid.ToString()},
          {"contributions", m.contributions.ToString()},
          {"spent", m.spent.ToString()},
          {"traditional", m.traditional.ToString()},
          {"creative", m.creative.ToString()},
          {"accounts", std::move(accounts)},
          {"spending", std::move(spending)},
          {"agreements", std::move(agreements)}};
}

json::object RunJson(const app::PaymentRunRecord& r, bool with_file) {
  json::object o{{"id", r.id.value()},
                 {"through", r.through.ToString()},
                 {"payments", r.payments},
                 {"total", r.total.ToString()},
                 {"made_at", r.started_at.ToString()}};
  if (with_file) o["bank_file"] = r.bank_file;
  return o;
}

Result<app::LedgerFormat> FormatOf(const Request& request) {
  const std::string f = request.Query("format");
  if (f.empty() || f == "ledger") return app::LedgerFormat::kJournal;
  if (f == "csv") return app::LedgerFormat::kCsv;
  return Error::InvalidArgument("format must be ledger or csv", {{"format", "ledger or csv"}});
}

Response LedgerText(app::LedgerFormat format, std::string text) {
  Response r = Response::Text(200, std::move(text));
  r.SetHeader("Content-Type", format == app::LedgerFormat::kCsv ? "text/csv; charset=utf-8"
                                                                : "text/plain; charset=utf-8");
  return r;
}

json::value LedgerReply() {
  return json::object{
      {"description", "The ledger as a ledger/hledger journal (docs/money.md) or as CSV"},
      {"content", json::object{{"text/plain", json::object{{"schema", Type("string")}}},
                               {"text/csv", json::object{{"schema", Type("string")}}}}}};
}

json::value FormatParam() {
  return json::object{{"name", "format"},
                      {"in", "query"},
                      {"schema", json::object{{"type", "string"}, {"enum", {"ledger", "csv"}}}}};
}

}  // namespace

void MoneyRoutes::AddApiRoutes() {
  Add(Method::kGet, "/api/v1/people/{id}/money",
      ApiRoute(kPersonViewerRoles, Bind(&MoneyRoutes::ApiMoney),
               Operation("getMoney", "A person's money: what is left, paid in and spent (audited)",
                         Replies({{"200", Reply("The money", Ref("Money"))},
                                  {"404", ErrorReply("No person visible to the caller")}}),
                         json::object{{"parameters", IdParam()}})));
  json::array person_params = IdParam().as_array();
  person_params.push_back(FormatParam());
  Add(Method::kGet, "/api/v1/people/{id}/ledger",
      ApiRoute(kPersonViewerRoles, Bind(&MoneyRoutes::ApiPersonLedger),
               Operation("getPersonLedger", "A person's ledger as a journal or CSV (audited)",
                         Replies({{"200", LedgerReply()},
                                  {"404", ErrorReply("No person visible to the caller")}}),
                         json::object{{"parameters", person_params}})));
  AddStatementApiRoutes();
  Add(Method::kGet, "/api/v1/ledger",
      ApiRoute(kFinance, Bind(&MoneyRoutes::ApiLedger),
               Operation("getLedger", "The council's whole ledger as a journal or CSV (audited)",
                         Replies({{"200", LedgerReply()}}),
                         json::object{{"parameters", json::array{FormatParam()}}})));
  Add(Method::kPost, "/api/v1/plans/{id}/payment-agreements",
      ApiRoute(kFinance, Bind(&MoneyRoutes::ApiSetUp),
               Operation("setUpPayments", "Set up the payments of an agreed plan (audited)",
                         Replies({{"201", Reply("The agreements made",
                                                json::object{{"type", "array"},
                                                             {"items", Ref("PaymentAgreement")}})},
                                  {"404", ErrorReply("No such plan")},
                                  {"409", ErrorReply("Not agreed, or already set up")},
                                  {"422", ErrorReply("Field errors")}}),
                         json::object{{"parameters", IdParam()},
                                      {"requestBody", Body(Ref("PaymentSetUp"))}})));
  Add(Method::kPost, "/api/v1/payment-runs",
      ApiRoute(kFinance, Bind(&MoneyRoutes::ApiStartRun),
               Operation("startPaymentRun",
                         "Pay every cycle due up to a date and make the bank file (audited)",
                         Replies({{"201", Reply("The run", Ref("PaymentRun"))},
                                  {"409", ErrorReply("A run up to that date was made already")},
                                  {"422", ErrorReply("Field errors")}}),
                         json::object{
                             {"requestBody", Body(Object({{"through", Str({{"format", "date"}})}},
                                                         {"through"}))}})));
  Add(Method::kGet, "/api/v1/payment-runs",
      ApiRoute(
          kFinance, Bind(&MoneyRoutes::ApiRuns),
          Operation(
              "listPaymentRuns", "Payment runs, newest first",
              Replies({{"200", Reply("The runs", json::object{{"type", "array"},
                                                              {"items", Ref("PaymentRun")}})}}))));
  Add(Method::kGet, "/api/v1/payment-runs/{id}",
      ApiRoute(kFinance, Bind(&MoneyRoutes::ApiRun),
               Operation("getPaymentRun", "A payment run with its bank file",
                         Replies({{"200", Reply("The run", Ref("PaymentRun"))},
                                  {"404", ErrorReply("No such run")}}),
                         json::object{{"parameters", IdParam()}})));
}

void MoneyRoutes::AddStatementApiRoutes() {
  Add(Method::kPost, "/api/v1/people/{id}/statements",
      ApiRoute(
          {Role::kBudgetHolder, Role::kRepresentative, Role::kFinanceOfficer},
          Bind(&MoneyRoutes::ApiImportStatement),
          Operation(
              "importStatement",
              "Import a bank statement or prepaid-card file (CSV, or OFX 1.x/2.x as a bank's "
              "website downloads it; docs/money.md) into the person's direct payment account; "
              "rows already imported (for OFX, the same FITID) are not posted again",
              Replies({{"201", Reply("What was posted", Ref("StatementReport"))},
                       {"404", ErrorReply("No person visible to the caller")},
                       {"409", ErrorReply("The person has no direct payment account")},
                       {"422", ErrorReply("Bad lines, each named: nothing was stored")}}),
              json::object{
                  {"parameters",
                   json::array{
                       IdParam().as_array()[0],
                       json::object{
                           {"name", "format"},
                           {"in", "query"},
                           {"required", true},
                           {"description", "bank-csv or card-csv (CSV), or ofx (an OFX file)"},
                           {"schema", json::object{{"type", "string"},
                                                   {"enum", {"bank-csv", "card-csv", "ofx"}}}}}}},
                  {"requestBody",
                   json::object{
                       {"required", true},
                       {"description", "The file as it is, whatever its content type"},
                       {"content",
                        json::object{
                            {"text/csv", json::object{{"schema", Type("string")}}},
                            {"text/plain", json::object{{"schema", Type("string")}}},
                            {"application/x-ofx", json::object{{"schema", Type("string")}}}}}}}})));
  Add(Method::kPost, "/api/v1/people/{id}/money-rules",
      ApiRoute(
          {Role::kBudgetHolder, Role::kRepresentative, Role::kFinanceOfficer},
          Bind(&MoneyRoutes::ApiTeachRule),
          Operation("teachMoneyRule",
                    "Teach a payee rule once: later statement rows naming the payee go to "
                    "that kind of support (audited)",
                    Replies({{"201",
                              Reply("Kept", Object({{"payee_words", Str()}, {"category", Str()}}))},
                             {"404", ErrorReply("No person visible to the caller")},
                             {"422", ErrorReply("Field errors")}}),
                    json::object{
                        {"parameters", IdParam()},
                        {"requestBody", Body(Object({{"payee_words", Str()}, {"category", Str()}},
                                                    {"payee_words", "category"}))}})));
}

void MoneyRoutes::AddSchemas(json::object& schemas) const {
  AddDashboardSchema(schemas);
  schemas["PaymentAgreement"] =
      Object({{"id", Type("integer")},
              {"person", Type("integer")},
              {"plan_id", json::object{{"type", json::array{"integer", "null"}}}},
              {"account", Str()},
              {"holder", Str()},
              {"holder_name", Str()},
              {"account_type", Str()},
              {"contribution", Str()},
              {"start", Str({{"format", "date"}})},
              {"end", NullableStr()},
              {"cycle_days", Type("integer")},
              {"next_cycle", Type("integer")},
              {"changes", Type("array")}});
  schemas["Money"] =
      Object({{"person", Type("integer")},
              {"left", MoneyType()},
              {"council_paid", MoneyType()},
              {"contributions", MoneyType()},
              {"spent", MoneyType()},
              {"traditional", MoneyType()},
              {"creative", MoneyType()},
              {"accounts", Type("array")},
              {"spending", Type("array")},
              {"agreements", json::object{{"type", "array"}, {"items", Ref("PaymentAgreement")}}}});
  schemas["PaymentSetUp"] = Object(
      {{"holder", json::object{{"type", "string"},
                               {"enum", {"person", "nominated", "authorised", "managed_account"}}}},
       {"holder_name", Str()},
       {"account_type",
        json::object{{"type", "string"}, {"enum", {"bank_account", "prepaid_card"}}}},
       {"sort_code", Str()},
       {"account_number", Str()},
       {"contribution",
        json::object{{"type", "string"}, {"enum", {"net", "collected_separately"}}}},
       {"start", Str({{"format", "date"}})},
       {"cycle_days", Type("integer")}},
      {"holder", "holder_name", "account_type", "sort_code", "account_number", "contribution",
       "start"});
  schemas["StatementReport"] = Object({{"rows", Type("integer")},
                                       {"posted", Type("integer")},
                                       {"already", Type("integer")},
                                       {"payments", Type("integer")},
                                       {"matched", Type("integer")},
                                       {"not_matched", Type("integer")},
                                       {"not_allowed", Type("integer")},
                                       {"money_in", Type("integer")}});
  schemas["PaymentRun"] = Object({{"id", Type("integer")},
                                  {"through", Str({{"format", "date"}})},
                                  {"payments", Type("integer")},
                                  {"total", MoneyType()},
                                  {"made_at", Str()},
                                  {"bank_file", Str()}});
}

Response MoneyRoutes::ApiMoney(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto m = money_.Summary(ctx.call, *ctx.principal, *person);
  if (!m.ok()) return ErrorResponse(m.error(), ctx);
  return Response::Json(200, SummaryJson(*m));
}

Response MoneyRoutes::ApiPersonLedger(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto format = FormatOf(ctx.request);
  if (!format.ok()) return ErrorResponse(format.error(), ctx);
  auto text = money_.Ledger(ctx.call, *ctx.principal, *person, *format);
  if (!text.ok()) return ErrorResponse(text.error(), ctx);
  return LedgerText(*format, std::move(*text));
}

Response MoneyRoutes::ApiLedger(Context& ctx) {
  auto format = FormatOf(ctx.request);
  if (!format.ok()) return ErrorResponse(format.error(), ctx);
  auto text = money_.Ledger(ctx.call, *ctx.principal, std::nullopt, *format);
  if (!text.ok()) return ErrorResponse(text.error(), ctx);
  return LedgerText(*format, std::move(*text));
}

Response MoneyRoutes::ApiSetUp(Context& ctx) {
  auto plan = SupportPlanId::Parse(ctx.request.path_params["id"]);
  if (!plan) return ErrorResponse(Error::NotFound("No plan with that reference"), ctx);
  auto body =
      ParseStringObject(ctx.request, {"holder", "holder_name", "account_type", "sort_code",
                                      "account_number", "contribution", "start", "cycle_days"});
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  std::vector<FieldError> errors;
  app::AgreementSetUp s;
  s.plan = *plan;
  auto field = [&](const char* k) { return body->contains(k) ? body->at(k) : std::string(); };
  auto holder = domain::ParseAccountHolder(field("holder"));
  auto type = domain::ParseAccountType(field("account_type"));
  auto method = domain::ParseContributionMethod(field("contribution"));
  auto start = Date::Parse(field("start"));
  if (!holder) errors.push_back({"holder", "person, nominated, authorised or managed_account"});
  if (!type) errors.push_back({"account_type", "bank_account or prepaid_card"});
  if (!method) errors.push_back({"contribution", "net or collected_separately"});
  if (!start.ok()) errors.push_back({"start", "A date like 2026-12-07"});
  if (!field("cycle_days").empty()) {
    try {
      s.cycle_days = std::stoi(field("cycle_days"));
    } catch (const std::exception&) {
      errors.push_back({"cycle_days", "A whole number of days"});
    }
  }
  if (!errors.empty())
    return ErrorResponse(Error::InvalidArgument("Check the fields", errors), ctx);
  s.holder = *holder;
  s.account_type = *type;
  s.contribution = *method;
  s.start = *start;
  s.holder_name = field("holder_name");
  s.sort_code = field("sort_code");
  s.account_number = field("account_number");
  auto made = money_.SetUp(ctx.call, *ctx.principal, s);
  if (!made.ok()) return ErrorResponse(made.error(), ctx);
  json::array out;
  for (const auto& a : *made) out.push_back(AgreementJsonOf(a));
  return Response::Json(201, out);
}

Response MoneyRoutes::ApiStartRun(Context& ctx) {
  auto body = ParseStringObject(ctx.request, {"through"});
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto through = Date::Parse(body->contains("through") ? body->at("through") : "");
  if (!through.ok())
    return ErrorResponse(
        Error::InvalidArgument("Check the fields", {{"through", "A date like 2026-12-04"}}), ctx);
  auto run = money_.RunPayments(ctx.call, *ctx.principal, *through);
  if (!run.ok()) return ErrorResponse(run.error(), ctx);
  return Response::Json(201, RunJson(*run, true));
}

Response MoneyRoutes::ApiRuns(Context& ctx) {
  auto runs = money_.Runs(ctx.call, *ctx.principal);
  if (!runs.ok()) return ErrorResponse(runs.error(), ctx);
  json::array out;
  for (const auto& r : *runs) out.push_back(RunJson(r, false));
  return Response::Json(200, out);
}

Response MoneyRoutes::ApiRun(Context& ctx) {
  auto id = PaymentRunId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No payment run with that number"), ctx);
  auto run = money_.Run(ctx.call, *ctx.principal, *id);
  if (!run.ok()) return ErrorResponse(run.error(), ctx);
  return Response::Json(200, RunJson(*run, true));
}

Response MoneyRoutes::ApiImportStatement(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto format = domain::ParseStatementFormat(ctx.request.Query("format"));
  if (!format)
    return ErrorResponse(
        Error::InvalidArgument("Check the fields", {{"format", "bank-csv, card-csv or ofx"}}), ctx);
  auto report =
      money_.ImportStatement(ctx.call, *ctx.principal, *person, *format, ctx.request.body);
  if (!report.ok()) return ErrorResponse(report.error(), ctx);
  const app::StatementReport& r = *report;
  return Response::Json(201, json::object{{"rows", r.rows},
                                          {"posted", r.posted},
                                          {"already", r.already},
                                          {"payments", r.payments},
                                          {"matched", r.matched},
                                          {"not_matched", r.not_matched},
                                          {"not_allowed", r.not_allowed},
                                          {"money_in", r.money_in}});
}

Response MoneyRoutes::ApiTeachRule(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto body = ParseStringObject(ctx.request, {"payee_words", "category"});
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  domain::MatchRule rule{body->contains("payee_words") ? body->at("payee_words") : "",
                         body->contains("category") ? body->at("category") : ""};
  Status s = money_.TeachRule(ctx.call, *ctx.principal, *person, rule);
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  return Response::Json(
      201, json::object{{"payee_words", rule.payee_words}, {"category", rule.category}});
}

}  // namespace selfdirect::web
