// ASCOF measure 3D as JSON (outcomes_routes.h).
#include <cmath>

#include "web/openapi.h"
#include "web/outcomes/outcomes_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.

// A proportion as a percentage to one decimal place (rules.md 3.3), halves away from zero.
double PercentOneDecimal(double proportion) { return std::round(proportion * 1000.0) / 10.0; }

json::object MeasureJson(const domain::Measure3D& m) {
  return {{"on", m.on.ToString()},
          {"people", m.people},
          {"self_directed", m.self_directed},
          {"direct_payments", m.direct_payments},
          {"part_1a_percent", PercentOneDecimal(m.part_1a)},
          {"part_2a_percent", PercentOneDecimal(m.part_2a)}};
}

json::array OnParam() {
  return {json::object{{"name", "on"},
                       {"in", "query"},
                       {"description",
                        "The date measured (YYYY-MM-DD); the latest 31 March "
                        "when left out"},
                       {"schema", Str({{"format", "date"}})}}};
}

}  // namespace

Result<Date> MeasureDate(const std::string& on, Date today) {
  if (on.empty()) return today;
  auto d = Date::Parse(on);
  if (!d.ok())
    return Error::InvalidArgument("Enter the date to measure",
                                  {{"on", "Enter a real date, like 2027-03-31"}});
  return *d;
}

Response OutcomesRoutes::ApiAscof(Context& ctx) {
  auto on = MeasureDate(ctx.request.Query("on"), clock_.Now().LondonDate());
  if (!on.ok()) return ErrorResponse(on.error(), ctx);
  auto report = ascof_.SelfDirectedSupport(ctx.call, *ctx.principal, *on, false);
  if (!report.ok()) return ErrorResponse(report.error(), ctx);
  return Response::Json(200, MeasureJson(report->measure));
}

Response OutcomesRoutes::ApiSurveyMeasures(Context& ctx) {
  auto survey = surveys_.AscofMeasures(ctx.call, *ctx.principal);
  if (!survey.ok()) return ErrorResponse(survey.error(), ctx);
  if (!*survey)
    return Response::Json(200, json::object{{"wave", nullptr}, {"measures", json::array{}}});
  json::array measures;
  for (const auto& m : (*survey)->measures) {
    const auto& r = m.result;
    json::object o{{"measure", m.measure}, {"label", m.label}, {"suppressed", r.suppressed}};
    o["respondents"] =
        r.respondents.suppressed ? json::value(nullptr) : json::value(r.respondents.rounded);
    if (!r.suppressed) {
      o["percent"] = PercentOneDecimal(r.proportion);
      o["ci_low_percent"] = PercentOneDecimal(r.ci_low);
      o["ci_high_percent"] = PercentOneDecimal(r.ci_high);
    }
    measures.push_back(std::move(o));
  }
  return Response::Json(200, json::object{{"wave", (*survey)->wave.id.value()},
                                          {"wave_name", (*survey)->wave.name},
                                          {"measures", std::move(measures)}});
}

void OutcomesRoutes::AddApiRoutes() {
  const std::vector<Role> readers = {Role::kAnalyst, Role::kFinanceOfficer, Role::kAdministrator};
  Add(Method::kGet, "/api/v1/outcomes/ascof-3d",
      ApiRoute(readers, Bind(&OutcomesRoutes::ApiAscof),
               Operation("getAscof3d",
                         "ASCOF measure 3D from the council's records: adults in long-term "
                         "community support with self-directed support (part 1a) and direct "
                         "payments (part 2a), for staff: exact counts (audited)",
                         Replies({{"200", Reply("The measure", Ref("Ascof3d"))},
                                  {"403", ErrorReply("Not an analyst, finance officer or "
                                                     "administrator")},
                                  {"422", ErrorReply("The date cannot be read")}}),
                         json::object{{"parameters", OnParam()}})));
  Add(Method::kGet, "/api/v1/outcomes/ascof-survey",
      ApiRoute({Role::kAnalyst, Role::kFinanceOfficer, Role::kAdministrator, Role::kApprover},
               Bind(&OutcomesRoutes::ApiSurveyMeasures),
               Operation("getAscofSurveyMeasures",
                         "The ASCOF measures from the latest wave of the budget holder survey with "
                         "answers: control over daily life, social contact, ease of finding "
                         "information; weighted, cells under 10 suppressed, counts rounded to 5",
                         Replies({{"200", Reply("The measures", Ref("AscofSurvey"))}}))));
  Add(Method::kGet, "/api/v1/outcomes/ascof-3d/clients.csv",
      ApiRoute(
          {Role::kAnalyst}, Bind(&OutcomesRoutes::ClientExtract),
          Operation(
              "getClientExtract",
              "The client-level extract behind measure 3D, one row per person with "
              "an agreed plan: reference, NHS number, date of birth, client group, "
              "delivery mechanism, date agreed (analysts only; audited)",
              Replies({{"200",
                        json::object{
                            {"description", "The extract"},
                            {"content", json::object{{"text/csv",
                                                      json::object{{"schema", Type("string")}}}}}}},
                       {"403", ErrorReply("Not an analyst")},
                       {"422", ErrorReply("The date cannot be read")}}),
              json::object{{"parameters", OnParam()}})));
}

void OutcomesRoutes::AddSchemas(json::object& schemas) const {
  schemas["AscofSurvey"] = Object(
      {{"wave", json::object{{"type", json::array{"integer", "null"}}}},
       {"wave_name", Type("string")},
       {"measures",
        json::object{{"type", "array"},
                     {"items", Object({{"measure", Type("string")},
                                       {"label", Type("string")},
                                       {"suppressed", Type("boolean")},
                                       {"respondents",
                                        json::object{{"type", json::array{"integer", "null"}}}},
                                       {"percent", Type("number")},
                                       {"ci_low_percent", Type("number")},
                                       {"ci_high_percent", Type("number")}},
                                      {"measure", "suppressed"})}}}},
      {"wave", "measures"});
  schemas["Ascof3d"] = Object(
      {{"on", Str({{"format", "date"}})},
       {"people", Type("integer")},
       {"self_directed", Type("integer")},
       {"direct_payments", Type("integer")},
       {"part_1a_percent", Type("number")},
       {"part_2a_percent", Type("number")}},
      {"on", "people", "self_directed", "direct_payments", "part_1a_percent", "part_2a_percent"});
}

}  // namespace selfdirect::web
