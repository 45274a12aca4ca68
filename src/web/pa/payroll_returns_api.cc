// The routes of the payroll returns, their JSON API with its OpenAPI operations, the files (FPS
// and EPS XML, the pension schedule CSV) and the P60 page and PDF (payroll_returns_routes.h).
#include "web/openapi.h"
#include "web/pa/employment_routes.h"
#include "web/pa/payroll_returns_routes.h"
#include "web/pages/pdf_document.h"
#include "web/render.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.
namespace payroll = domain::payroll;
using R = PayrollReturnsRoutes;

// Who runs PAs' pay or may see it: the employer side, organisations and staff. The service
// decides which runs and engagements each may see.
const std::vector<Role> kPayrollRoles = {
    Role::kBudgetHolder, Role::kRepresentative, Role::kEmployerOrganisation,
    Role::kPractitioner, Role::kApprover,       Role::kFinanceOfficer};
const std::vector<Role> kP60Roles = {Role::kPersonalAssistant, Role::kBudgetHolder,
                                     Role::kRepresentative,    Role::kEmployerOrganisation,
                                     Role::kPractitioner,      Role::kApprover,
                                     Role::kFinanceOfficer};

json::array Strings(const std::vector<std::string>& items) {
  json::array a;
  for (const auto& i : items) a.emplace_back(i);
  return a;
}

json::object PensionJson(const payroll::PensionSchedule& s) {
  json::array lines;
  for (const auto& l : s.lines) {
    json::object o{{"payroll_id", l.who.payroll_id},
                   {"auto_enrolment", std::string(payroll::AeStatusCode(l.status))}};
    PutMoney(o, "qualifying_earnings", l.qualifying_earnings);
    PutMoney(o, "employee_contribution", l.employee);
    PutMoney(o, "employer_contribution", l.employer);
    lines.push_back(std::move(o));
  }
  json::object o{{"pay_scheme_by", s.pay_scheme_by.ToString()}, {"lines", std::move(lines)}};
  PutMoney(o, "total", s.total);
  return o;
}

json::object PayRunJson(const app::PayRunView& v) {
  json::array lines;
  for (const auto& l : v.lines) {
    json::object o{{"payslip_id", l.slip.id.value()},
                   {"engagement_id", l.engagement.value()},
                   {"pa_name", l.pa_name},
                   {"person_ref", l.person_ref}};
    PutMoney(o, "gross", l.slip.payslip.gross_pay);
    PutMoney(o, "tax", l.slip.payslip.tax);
    PutMoney(o, "net", l.slip.payslip.net_pay);
    lines.push_back(std::move(o));
  }
  const auto& t = v.run.totals;
  json::object o{{"id", v.run.id.value()},
                 {"employer", v.employer_name},
                 {"pay_date", v.run.pay_date.ToString()},
                 {"lines", std::move(lines)},
                 {"fps_problems", Strings(v.fps_problems)},
                 {"eps_problems", Strings(v.eps_problems)},
                 {"claims_employment_allowance", v.eps.claim_employment_allowance},
                 {"tax_month", v.eps.tax_month},
                 {"pay_hmrc_by", v.tax_month.pay_hmrc_by.ToString()},
                 {"pension", PensionJson(v.pension)}};
  for (auto [key, amount] : {std::pair{"gross", t.gross},
                             {"net", t.net},
                             {"hmrc_due", t.hmrc_due},
                             {"allowance_used", t.allowance_used},
                             {"pension_due", t.pension_due},
                             {"hmrc_due_in_month", v.hmrc_due_in_month}})
    PutMoney(o, key, amount);
  return o;
}

json::object DetailsJson(const app::PayrollDetailsView& v) {
  const auto& d = v.details;
  return {{"engagement_id", v.engagement.value()},
          {"recorded", v.recorded},
          {"given_names", d.given_names},
          {"family_name", d.family_name},
          {"ni_number", d.ni_number},
          {"gender", d.gender},
          {"accounts_office_reference", d.accounts_office_reference}};
}

json::object P45Json(const payroll::P45& p) {
  json::object o{{"leaving_date", p.employee.leaving ? p.employee.leaving->ToString() : ""},
                 {"tax_year", p.year.ToString()},
                 {"tax_code", p.tax_code},
                 {"week1_month1", p.week1_month1},
                 {"period", p.period},
                 {"totals_shown", p.totals_shown}};
  PutMoney(o, "pay", p.pay);
  PutMoney(o, "tax", p.tax);
  if (p.totals_shown) {
    PutMoney(o, "total_pay", p.total_pay);
    PutMoney(o, "total_tax", p.total_tax);
  }
  return o;
}

json::object P60Json(const app::P60View& v) {
  const auto& p = v.p60;
  json::array ni;
  for (const auto& l : p.ni) {
    json::object o{{"letter", std::string(1, payroll::NiCategoryLetter(l.category))}};
    PutMoney(o, "at_lel", l.at_lel);
    PutMoney(o, "lel_to_pt", l.lel_to_pt);
    PutMoney(o, "pt_to_uel", l.pt_to_uel);
    PutMoney(o, "employee_ni", l.employee_ni);
    ni.push_back(std::move(o));
  }
  json::object o{{"engagement_id", v.engagement.value()},
                 {"tax_year", p.year.ToString()},
                 {"final", p.final},
                 {"tax_code", p.final_tax_code},
                 {"ni", std::move(ni)}};
  for (auto [key, amount] : {std::pair{"pay", p.pay},
                             {"tax", p.tax},
                             {"previous_pay", p.previous_pay},
                             {"previous_tax", p.previous_tax},
                             {"total_pay", p.total_pay},
                             {"total_tax", p.total_tax},
                             {"statutory_sick_pay", p.statutory_sick_pay}})
    PutMoney(o, key, amount);
  o["left_in_year"] = v.left_in_year;
  o["p45"] = v.p45 ? json::value(P45Json(*v.p45)) : json::value(nullptr);
  return o;
}

}  // namespace

Result<app::P60View> R::LoadP60(Context& ctx) {
  auto id = EngagementId::Parse(ctx.request.path_params["id"]);
  if (!id) return Error::NotFound("No engagement with that number");
  std::optional<TaxYear> year;
  if (const std::string y = ctx.request.Query("tax_year"); !y.empty()) {
    auto parsed = TaxYear::Parse(y);
    if (!parsed.ok() || parsed->first_year() < 2000 || parsed->first_year() > 2100)
      return Error::InvalidArgument("Choose a tax year like 2026-27",
                                    {{"tax_year", "Enter a tax year like 2026-27"}});
    year = *parsed;
  }
  return returns_.P60(ctx.call, *ctx.principal, *id, year);
}

Response R::FpsFile(Context& ctx) {
  auto v = LoadRun(ctx);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return Attachment(payroll::FpsXml(v->fps), "application/xml",
                    "fps-" + v->run.pay_date.ToString() + ".xml");
}

Response R::EpsFile(Context& ctx) {
  auto v = LoadRun(ctx);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return Attachment(
      payroll::EpsXml(v->eps), "application/xml",
      "eps-" + v->eps.year.ToString() + "-month-" + std::to_string(v->eps.tax_month) + ".xml");
}

Response R::PensionCsv(Context& ctx) {
  auto v = LoadRun(ctx);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return CsvAttachment(payroll::PensionScheduleCsv(v->pension),
                       "pension-contributions-" + v->run.pay_date.ToString() + ".csv");
}

Response R::ApiPayRun(Context& ctx) {
  auto v = LoadRun(ctx);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return Response::Json(200, PayRunJson(*v));
}

Response R::ApiDetails(Context& ctx) {
  auto id = EngagementId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No engagement with that number"), ctx);
  auto v = returns_.Details(ctx.call, *ctx.principal, *id);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return Response::Json(200, DetailsJson(*v));
}

Response R::ApiSaveDetails(Context& ctx) {
  auto id = EngagementId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No engagement with that number"), ctx);
  auto body = ParseStringObject(ctx.request, {"given_names", "family_name", "ni_number", "gender",
                                              "accounts_office_reference"});
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto value = [&](const char* k) { return body->contains(k) ? body->at(k) : std::string(); };
  Status s = returns_.SaveDetails(ctx.call, *ctx.principal, *id,
                                  {value("given_names"), value("family_name"), value("ni_number"),
                                   value("gender"), value("accounts_office_reference")});
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  return ApiDetails(ctx);
}

Response R::ApiP60(Context& ctx) {
  auto v = LoadP60(ctx);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return Response::Json(200, P60Json(*v));
}

void R::AddSchemas(json::object& schemas) const {
  const auto money = [](std::initializer_list<const char*> names) {
    json::object p;
    for (const char* n : names) {
      p[n] = MoneyType();
      p[std::string(n) + "_pence"] = Type("integer");
    }
    return p;
  };
  json::object run{{"type", "object"},
                   {"properties", money({"gross", "net", "hmrc_due", "allowance_used",
                                         "pension_due", "hmrc_due_in_month"})}};
  auto& rp = run["properties"].as_object();
  for (const char* k : {"id", "tax_month"}) rp[k] = Type("integer");
  for (const char* k : {"employer", "pay_date", "pay_hmrc_by"}) rp[k] = Type("string");
  rp["claims_employment_allowance"] = Type("boolean");
  rp["fps_problems"] = json::object{{"type", "array"}, {"items", Type("string")}};
  rp["eps_problems"] = rp["fps_problems"];
  rp["lines"] = json::object{{"type", "array"}, {"items", Type("object")}};
  rp["pension"] = Type("object");
  schemas["PayRunReturns"] = std::move(run);
  json::value input = StringsObject(
      {"given_names", "family_name", "ni_number", "gender", "accounts_office_reference"},
      json::array{"given_names", "family_name", "gender"});
  schemas["HmrcDetailsInput"] = input;
  input.as_object()["properties"].as_object()["recorded"] = Type("boolean");
  input.as_object()["properties"].as_object()["engagement_id"] = Type("integer");
  input.as_object().erase("required");
  schemas["HmrcDetails"] = std::move(input);
  json::object p60{{"type", "object"},
                   {"properties", money({"pay", "tax", "previous_pay", "previous_tax", "total_pay",
                                         "total_tax", "statutory_sick_pay"})}};
  auto& pp = p60["properties"].as_object();
  pp["engagement_id"] = Type("integer");
  pp["tax_year"] = Type("string");
  pp["tax_code"] = Type("string");
  pp["final"] = Type("boolean");
  pp["ni"] = json::object{{"type", "array"}, {"items", Type("object")}};
  pp["left_in_year"] = Type("boolean");
  pp["p45"] = json::object{{"type", json::array{"object", "null"}},
                           {"description", "The leaver's P45, once the employment has ended"}};
  schemas["P60"] = std::move(p60);
}

void R::AddPageRoutes() {
  Add(Method::kGet, "/pay-runs/{id}", PageRoute(kPayrollRoles, Bind(&R::PayRunPage)));
  Add(Method::kGet, "/pay-runs/{id}/fps.xml", PageRoute(kPayrollRoles, Bind(&R::FpsFile)));
  Add(Method::kGet, "/pay-runs/{id}/eps.xml", PageRoute(kPayrollRoles, Bind(&R::EpsFile)));
  Add(Method::kGet, "/pay-runs/{id}/pension-schedule.csv",
      PageRoute(kPayrollRoles, Bind(&R::PensionCsv)));
  Add(Method::kGet, "/engagements/{id}/hmrc-details", PageRoute(kP60Roles, Bind(&R::DetailsPage)));
  Add(Method::kPost, "/engagements/{id}/hmrc-details", PageRoute(kP60Roles, Bind(&R::SaveDetails)));
  Add(Method::kGet, "/engagements/{id}/p60", PageRoute(kP60Roles, Bind(&R::P60Page)));
  Add(Method::kGet, "/engagements/{id}/p60.pdf", PageRoute(kP60Roles, Bind(&R::P60Pdf)));
  Add(Method::kGet, "/engagements/{id}/p45", PageRoute(kP60Roles, Bind(&R::P45Page)));
  Add(Method::kGet, "/payday-alerts",
      PageRoute({Role::kFinanceOfficer}, Bind(&R::PaydayAlertsPage)));
}

void R::AddApiRoutes() {
  Add(Method::kGet, "/api/v1/pay-runs/{id}",
      ApiRoute(kPayrollRoles, Bind(&R::ApiPayRun),
               Operation("getPayRun",
                         "A PA pay run: its payslips, what HMRC are owed for it and for the tax "
                         "month, whether the FPS and EPS are ready to send, and the pension "
                         "contribution schedule (audited under each person it pays)",
                         Replies({{"200", Reply("The pay run", Ref("PayRunReturns"))},
                                  {"404", ErrorReply("No such pay run visible to the caller")}}),
                         json::object{{"parameters", IdParam()}})));
  Add(Method::kGet, "/api/v1/engagements/{id}/hmrc-details",
      ApiRoute(kP60Roles, Bind(&R::ApiDetails),
               Operation("getHmrcDetails",
                         "What HMRC need to know of the PA (for the PA and whoever runs pay)",
                         Replies({{"200", Reply("The details", Ref("HmrcDetails"))},
                                  {"404", ErrorReply("No such engagement visible to the caller")}}),
                         json::object{{"parameters", IdParam()}})));
  Add(Method::kPut, "/api/v1/engagements/{id}/hmrc-details",
      ApiRoute(kP60Roles, Bind(&R::ApiSaveDetails),
               Operation("putHmrcDetails",
                         "Record the PA's legal names, NI number and gender and the employer's "
                         "Accounts Office reference (whoever runs pay)",
                         Replies({{"200", Reply("The details", Ref("HmrcDetails"))},
                                  {"403", ErrorReply("The caller does not run this PA's pay")},
                                  {"404", ErrorReply("No such engagement visible to the caller")},
                                  {"422", ErrorReply("A field HMRC would not take")}}),
                         json::object{{"parameters", IdParam()},
                                      {"requestBody", Body(Ref("HmrcDetailsInput"))}})));
  Add(Method::kGet, "/api/v1/engagements/{id}/p60",
      ApiRoute(
          kP60Roles, Bind(&R::ApiP60),
          Operation("getP60", "The PA's P60 for a tax year (the newest with pay by default)",
                    Replies({{"200", Reply("The P60", Ref("P60"))},
                             {"422", ErrorReply("A tax year that cannot be read")},
                             {"404", ErrorReply("No such engagement or no pay that year")}}),
                    json::object{{"parameters", json::array{IdParam().as_array()[0],
                                                            QueryParam("tax_year", "2026-27")}}})));
}

}  // namespace selfdirect::web
