// JSON API for support plans and their costing, each route with its OpenAPI operation. The costing
// input and result shapes are those of the `plan cost` CLI contract (app/planning/plan_json.h).
// Costing a plan and reading the catalogue involve no personal data: anyone may use them, and
// nothing is stored.
#include <boost/json.hpp>

#include "app/planning/plan_json.h"
#include "app/planning/planning_service.h"
#include "domain/people/person.h"
#include "web/openapi.h"
#include "web/planning/planning_routes.h"

namespace selfdirect::web {

namespace json = boost::json;
using namespace openapi;

namespace {

// An array schema of `items`.
json::value ArrayOf(const json::value& items) {
  return json::object{{"type", "array"}, {"items", items}};
}
// A string, or a number (quantities, percentages).
json::value StringOrNumber() { return json::object{{"type", json::array{"string", "number"}}}; }

// A line of a plan: a catalogue item or the person's own.
json::value PlanLineSchema() {
  return json::object{
      {"type", "object"},
      {"description",
       "A catalogue item (item) or the person's own item (description, category, unit, "
       "unit_cost): see docs/planning.md"},
      {"properties",
       json::object{{"item", Type("string")},
                    {"description", Type("string")},
                    {"category", Type("string")},
                    {"unit", Type("string")},
                    {"unit_cost", MoneyType()},
                    {"quantity", StringOrNumber()},
                    {"times", Type("integer")},
                    {"per", Type("string")},
                    {"weeks_per_year", Type("integer")},
                    {"managed_as", Type("string")},
                    {"employer", json::object{{"enum", json::array{"person", "organisation"}}}},
                    {"holiday_cover", Type("boolean")}}}};
}

json::value PlanCostInputSchema() {
  return json::object{{"type", "object"},
                      {"properties", json::object{{"costing_date", Str({{"format", "date"}})},
                                                  {"indicative_weekly_budget", MoneyType()},
                                                  {"tolerance_percent", StringOrNumber()},
                                                  {"managed_as", Type("string")},
                                                  {"employment_allowance", Type("boolean")},
                                                  {"payroll_service", Type("boolean")},
                                                  {"lines", ArrayOf(PlanLineSchema())}}},
                      {"required", json::array{"costing_date", "lines"}}};
}

json::value SupportPlanContentSchema() {
  return json::object{
      {"type", "object"},
      {"description", "The s25 contents of a plan (app/planning/support_plan_json.h)"},
      {"properties", json::object{{"needs", ArrayOf(Type("object"))},
                                  {"what_matters", Type("string")},
                                  {"outcomes", ArrayOf(Type("string"))},
                                  {"views", Type("string")},
                                  {"helpers", ArrayOf(Type("object"))},
                                  {"contingency", Type("string")},
                                  {"risks", Type("string")},
                                  {"advice", Type("string")},
                                  {"managed_as", Type("string")},
                                  {"review_date", NullableStr()},
                                  {"employment_allowance", Type("boolean")},
                                  {"payroll_service", Type("boolean")},
                                  {"lines", ArrayOf(PlanLineSchema())}}}};
}

json::value SupportPlanSchema() {
  return json::object{
      {"type", "object"},
      {"properties",
       json::object{{"id", Type("integer")},
                    {"person_id", Type("string")},
                    {"status", json::object{{"enum", json::array{"draft", "submitted", "returned",
                                                                 "approved"}}}},
                    {"version", Type("integer")},
                    {"approved_version", Type("integer")},
                    {"indicative_weekly", NullableStr()},
                    {"indicative_weekly_when_changed", NullableStr()},
                    {"budget", Type("object")},
                    {"decision_reason", Type("string")},
                    {"missing", ArrayOf(Type("object"))},
                    {"content", Ref("SupportPlanContent")},
                    {"cost", Ref("PlanCost")},
                    {"history", ArrayOf(Type("object"))}}},
      {"required", json::array{"id", "status", "version", "content", "cost"}}};
}

json::value SpendSummarySchema() {
  return json::object{{"type", "object"},
                      {"properties", json::object{{"spend", ArrayOf(Type("object"))},
                                                  {"agreements", ArrayOf(Type("object"))}}},
                      {"required", json::array{"spend", "agreements"}}};
}

json::value PlanCostSchema() {
  return json::object{
      {"type", "object"},
      {"properties", json::object{{"rates", Type("string")},
                                  {"weekly_total", MoneyType()},
                                  {"annual_total", MoneyType()},
                                  {"lines", ArrayOf(Type("object"))},
                                  {"plan_items", ArrayOf(Type("object"))},
                                  {"traditional_weekly", MoneyType()},
                                  {"creative_weekly", MoneyType()},
                                  {"by_management", Type("object")},
                                  {"return_category", Type("string")},
                                  {"tolerance", Type("object")},
                                  {"warnings", ArrayOf(Type("string"))}}},
      {"required", json::array{"weekly_total", "annual_total", "lines", "return_category"}}};
}

// The operations, in the order they are registered.

json::value CostPlanOperation() {
  return Operation("costPlan",
                   "Weekly and annual costs of a support plan's lines, a PA's employer costs, "
                   "the return category and the tolerance check; nothing is stored",
                   Replies({{"200", Reply("The costs", Ref("PlanCost"))},
                            {"400", ErrorReply("The body is not a JSON object")},
                            {"422", ErrorReply("Field errors, named by JSON path")}}),
                   json::object{{"requestBody", Body(Ref("PlanCostInput"))}});
}

json::value PlanCatalogueOperation() {
  return Operation("getPlanCatalogue", "The council's catalogue of ways to meet needs",
                   Replies({{"200", Reply("The catalogue", Type("object"))}}), json::object{});
}

json::value PlanReplyDoc() { return Reply("The plan", Ref("SupportPlan")); }

// An operation on the plan or person named by the {id} path parameter, with a JSON body of
// `request_body` if it is a schema.
json::value OperationOnId(const std::string& id, const std::string& summary, json::object responses,
                          const json::value& request_body = nullptr) {
  json::object extra{{"parameters", IdParam()}};
  if (!request_body.is_null()) extra["requestBody"] = Body(request_body);
  return Operation(id, summary, std::move(responses), std::move(extra));
}

json::value StartPlanOperation() {
  return OperationOnId(
      "startSupportPlan", "The person's newest support plan, or a new one if they have none",
      Replies({{"200", PlanReplyDoc()}, {"404", ErrorReply("No person visible to the caller")}}));
}

json::value GetPlanOperation() {
  return OperationOnId(
      "getSupportPlan",
      "A support plan with its contents, costs, budget split and history (the JSON export)",
      Replies({{"200", PlanReplyDoc()}, {"404", ErrorReply("No such plan visible")}}));
}

json::value PlanFhirOperation() {
  return OperationOnId("getSupportPlanFhir",
                       "The plan as a FHIR R4 Bundle of a CarePlan and its Goals",
                       Replies({{"200", Reply("A FHIR Bundle", Type("object"))},
                                {"404", ErrorReply("No such plan visible")}}));
}

json::value SavePlanOperation() {
  return OperationOnId("saveSupportPlan",
                       "Stores new contents as the next version (the previous one is kept); an "
                       "optional \"note\" says what changed",
                       Replies({{"200", PlanReplyDoc()},
                                {"404", ErrorReply("No such plan visible")},
                                {"409", ErrorReply("The plan is waiting for approval or agreed")},
                                {"422", ErrorReply("Field errors, named by JSON path")}}),
                       Ref("SupportPlanContent"));
}

json::value SubmitPlanOperation() {
  return OperationOnId("submitSupportPlan", "Sends a complete plan for approval",
                       Replies({{"200", PlanReplyDoc()},
                                {"409", ErrorReply("Not a draft or returned plan")},
                                {"422", ErrorReply("The sections still missing")}}));
}

json::value DecidePlanOperation() {
  return OperationOnId(
      "decideSupportPlan",
      "Approve or return a plan: {\"decision\": \"approve\" | \"return\", \"reason\"}; "
      "a reason is needed to return and to agree a budget above tolerance",
      Replies({{"200", PlanReplyDoc()},
               {"403", ErrorReply("Not an approver of the team, or the approver's own plan")},
               {"409", ErrorReply("The plan is not waiting for approval")},
               {"422", ErrorReply("Field errors")}}),
      Type("object"));
}

json::value SpendingOperation() {
  return Operation("getAgreedSpending",
                   "Weekly spend of current agreed plans by month agreed, category and "
                   "management option, and plans by return category; ?team= and "
                   "?client_group= filter",
                   Replies({{"200", Reply("The totals", Ref("SpendSummary"))},
                            {"422", ErrorReply("Unknown client group or team")}}));
}

}  // namespace

void PlanningRoutes::AddSchemas(json::object& schemas) const {
  schemas["PlanCostInput"] = PlanCostInputSchema();
  schemas["SupportPlanContent"] = SupportPlanContentSchema();
  schemas["SupportPlan"] = SupportPlanSchema();
  schemas["SpendSummary"] = SpendSummarySchema();
  schemas["PlanCost"] = PlanCostSchema();
}

void PlanningRoutes::AddApiRoutes() {
  Add(Method::kPost, "/api/v1/plans/cost",
      PublicApiRoute(Bind(&PlanningRoutes::ApiCostPlan), CostPlanOperation()));
  Add(Method::kGet, "/api/v1/plans/catalogue",
      PublicApiRoute(Bind(&PlanningRoutes::ApiPlanCatalogue), PlanCatalogueOperation()));
  // After the literal /api/v1/plans/... routes: the router takes the first match.
  Add(Method::kPost, "/api/v1/people/{id}/plans",
      ApiRoute(kPlannerRoles, Bind(&PlanningRoutes::ApiStartPlan), StartPlanOperation()));
  Add(Method::kGet, "/api/v1/plans/{id}",
      ApiRoute(kPersonViewerRoles, Bind(&PlanningRoutes::ApiGetPlan), GetPlanOperation()));
  Add(Method::kGet, "/api/v1/plans/{id}/fhir",
      ApiRoute(kPersonViewerRoles, Bind(&PlanningRoutes::ApiPlanFhir), PlanFhirOperation()));
  Add(Method::kPut, "/api/v1/plans/{id}",
      ApiRoute(kPlannerRoles, Bind(&PlanningRoutes::ApiSavePlan), SavePlanOperation()));
  Add(Method::kPost, "/api/v1/plans/{id}/submit",
      ApiRoute(kPlannerRoles, Bind(&PlanningRoutes::ApiSubmitPlan), SubmitPlanOperation()));
  Add(Method::kPost, "/api/v1/plans/{id}/decision",
      ApiRoute({domain::Role::kApprover}, Bind(&PlanningRoutes::ApiDecidePlan),
               DecidePlanOperation()));
  Add(Method::kGet, "/api/v1/dashboard/spending",
      ApiRoute(kSpendingViewerRoles, Bind(&PlanningRoutes::ApiSpending), SpendingOperation()));
}

namespace {

json::object PlanJson(const app::PlanView& v) {
  json::array history;
  for (const auto& e : v.events)
    history.push_back(json::object{
        {"kind", e.kind}, {"version", e.version}, {"reason", e.reason}, {"at", e.at.ToString()}});
  json::array missing;
  for (const auto& m : v.missing)
    missing.push_back(json::object{{"field", m.field}, {"message", m.message}});
  const auto& b = v.budget;
  json::object out{
      {"id", v.record.id.value()},
      {"person_id", v.person.id.ToString()},
      {"status", domain::PlanStatusCode(v.record.status)},
      {"version", v.record.version},
      {"approved_version", v.record.approved_version},
      {"indicative_weekly",
       v.indicative_now ? json::value(v.indicative_now->ToString()) : json::value(nullptr)},
      {"indicative_weekly_when_changed", v.record.indicative_weekly
                                             ? json::value(v.record.indicative_weekly->ToString())
                                             : json::value(nullptr)},
      {"budget", json::object{{"weekly_total", b.weekly_total.ToString()},
                              {"annual_total", b.annual_total.ToString()},
                              {"person_weekly", b.person_weekly.ToString()},
                              {"council_weekly", b.council_weekly.ToString()},
                              {"person_annual", b.person_annual.ToString()},
                              {"council_annual", b.council_annual.ToString()}}},
      {"decision_reason", v.record.decision_reason},
      {"missing", std::move(missing)},
      {"content", app::SupportPlanToJson(v.content)},
      {"history", std::move(history)}};
  domain::PlanCostInput input = app::CostInputOf(v.content, Date{}, v.indicative_now);
  out["cost"] = app::PlanCostToJson(v.cost, input);
  return out;
}

}  // namespace

Response PlanningRoutes::PlanReply(const Result<app::PlanView>& v, Context& ctx) const {
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return Response::Json(200, PlanJson(*v));
}

Response PlanningRoutes::ApiStartPlan(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  return PlanReply(planning_.Start(ctx.call, *ctx.principal, *person), ctx);
}

Response PlanningRoutes::ApiGetPlan(Context& ctx) { return PlanReply(PlanFromPath(ctx), ctx); }

Response PlanningRoutes::ApiPlanFhir(Context& ctx) {
  auto v = PlanFromPath(ctx);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  app::FhirPlanContext fc{v->record.id.ToString(),
                          "Patient/" + domain::PersonReference(v->person.id),
                          v->person.details.given_name + " " + v->person.details.family_name,
                          v->record.status,
                          v->record.version,
                          v->record.created_at.LondonDate().ToString()};
  return Response::Json(200, app::SupportPlanToFhir(v->content, v->cost, fc));
}

Response PlanningRoutes::ApiSavePlan(Context& ctx) {
  auto id = PlanIdFromPath(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No such support plan"), ctx);
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return JsonError(400, "bad_request", body.error().message);
  std::string note = "Changed through the API";
  if (auto* n = body->if_contains("note"); n && n->is_string()) {
    note = std::string(n->get_string()).substr(0, 200);
    body->erase("note");
  }
  auto content = app::SupportPlanFromJson(*body, app::DefaultCatalogue());
  if (!content.ok()) return ErrorResponse(content.error(), ctx);
  return PlanReply(planning_.Save(ctx.call, *ctx.principal, *id, *content, note), ctx);
}

Response PlanningRoutes::ApiSubmitPlan(Context& ctx) {
  auto id = PlanIdFromPath(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No such support plan"), ctx);
  return PlanReply(planning_.Submit(ctx.call, *ctx.principal, *id), ctx);
}

Response PlanningRoutes::ApiDecidePlan(Context& ctx) {
  auto id = PlanIdFromPath(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No such support plan"), ctx);
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return JsonError(400, "bad_request", body.error().message);
  std::string decision, reason;
  if (auto* d = body->if_contains("decision"); d && d->is_string()) decision = d->get_string();
  if (auto* r = body->if_contains("reason"); r && r->is_string()) reason = r->get_string();
  if (decision != "approve" && decision != "return")
    return ErrorResponse(
        Error::InvalidArgument("Choose a decision", {{"decision", "must be approve or return"}}),
        ctx);
  return PlanReply(planning_.Decide(ctx.call, *ctx.principal, *id,
                                    {decision == "approve" ? domain::PlanDecision::kApprove
                                                           : domain::PlanDecision::kReturn,
                                     reason}),
                   ctx);
}

Response PlanningRoutes::ApiSpending(Context& ctx) {
  app::SpendQuery q;
  if (std::string team = ctx.request.Query("team"); !team.empty()) {
    auto t = TeamId::Parse(team);
    if (!t)
      return ErrorResponse(Error::InvalidArgument("Unknown team", {{"team", "must be a team id"}}),
                           ctx);
    q.team_id = *t;
  }
  q.client_group = ctx.request.Query("client_group");
  auto s = spending_.Dashboard(ctx.call, *ctx.principal, q);
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  json::array spend, agreements;
  for (const auto& c : s->spend)
    spend.push_back(json::object{{"month", c.month},
                                 {"category", c.key},
                                 {"managed_as", c.managed_as},
                                 {"weekly", c.weekly.ToString()},
                                 {"lines", c.count}});
  for (const auto& c : s->agreements)
    agreements.push_back(json::object{{"month", c.month},
                                      {"return_category", c.key},
                                      {"weekly", c.weekly.ToString()},
                                      {"plans", c.count}});
  return Response::Json(
      200, json::object{{"spend", std::move(spend)}, {"agreements", std::move(agreements)}});
}

Response PlanningRoutes::ApiCostPlan(Context& ctx) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return JsonError(400, "bad_request", body.error().message);
  // The council's policy on the plan's costing date (today when it has none; a bad date is
  // reported by the reader below).
  auto day = Date::Parse(StringField(*body, "costing_date"));
  auto policy = planning_.PolicyOn(ctx.call, day.ok() ? *day : clock_.Now().LondonDate());
  if (!policy.ok()) return ErrorResponse(policy.error(), ctx);
  auto outcome = app::CostPlanJson(*body, app::DefaultCatalogue(), *policy);
  if (!outcome.ok()) return ErrorResponse(outcome.error(), ctx);
  return Response::Json(200, app::PlanCostToJson(outcome->cost, outcome->request.input));
}

Response PlanningRoutes::ApiPlanCatalogue(Context&) {
  const app::Catalogue& c = app::DefaultCatalogue();
  json::array items;
  for (const auto& i : c.items) items.push_back(app::CatalogueItemToJson(i));
  return Response::Json(200, json::object{{"title", c.title}, {"items", std::move(items)}});
}

}  // namespace selfdirect::web
