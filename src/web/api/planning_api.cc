// JSON API for support plan costing, each route with its OpenAPI operation. The input and result
// shapes are those of the `plan cost` CLI contract (app/planning/plan_json.h). Costing a plan and
// reading the catalogue involve no personal data: anyone may use them, and nothing is stored.
#include <boost/json.hpp>

#include "app/planning/plan_json.h"
#include "web/api/api_support.h"
#include "web/site.h"

namespace selfdirect::web {

namespace json = boost::json;
using namespace api_support;

void AddPlanningSchemas(json::object& schemas) {
  json::object line{
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
                    {"quantity", json::object{{"type", json::array{"string", "number"}}}},
                    {"times", Type("integer")},
                    {"per", Type("string")},
                    {"weeks_per_year", Type("integer")},
                    {"managed_as", Type("string")},
                    {"employer", json::object{{"enum", json::array{"person", "organisation"}}}},
                    {"holiday_cover", Type("boolean")}}}};
  schemas["PlanCostInput"] = json::object{
      {"type", "object"},
      {"properties",
       json::object{{"costing_date", json::object{{"type", "string"}, {"format", "date"}}},
                    {"indicative_weekly_budget", MoneyType()},
                    {"tolerance_percent", json::object{{"type", json::array{"string", "number"}}}},
                    {"managed_as", Type("string")},
                    {"employment_allowance", Type("boolean")},
                    {"payroll_service", Type("boolean")},
                    {"lines", json::object{{"type", "array"}, {"items", line}}}}},
      {"required", json::array{"costing_date", "lines"}}};
  schemas["PlanCost"] = json::object{
      {"type", "object"},
      {"properties",
       json::object{{"rates", Type("string")},
                    {"weekly_total", MoneyType()},
                    {"annual_total", MoneyType()},
                    {"lines", json::object{{"type", "array"}, {"items", Type("object")}}},
                    {"plan_items", json::object{{"type", "array"}, {"items", Type("object")}}},
                    {"traditional_weekly", MoneyType()},
                    {"creative_weekly", MoneyType()},
                    {"by_management", Type("object")},
                    {"return_category", Type("string")},
                    {"tolerance", Type("object")},
                    {"warnings", json::object{{"type", "array"}, {"items", Type("string")}}}}},
      {"required", json::array{"weekly_total", "annual_total", "lines", "return_category"}}};
}

void Site::AddPlanningApiRoutes() {
  const auto open = &Site::PublicApiRoute;

  Add(Method::kPost, "/api/v1/plans/cost",
      open(&Site::ApiCostPlan,
           Operation("costPlan",
                     "Weekly and annual costs of a support plan's lines, a PA's employer costs, "
                     "the return category and the tolerance check; nothing is stored",
                     Replies({{"200", Reply("The costs", Ref("PlanCost"))},
                              {"400", ErrorReply("The body is not a JSON object")},
                              {"422", ErrorReply("Field errors, named by JSON path")}}),
                     json::object{{"requestBody", Body(Ref("PlanCostInput"))}})));
  Add(Method::kGet, "/api/v1/plans/catalogue",
      open(&Site::ApiPlanCatalogue,
           Operation("getPlanCatalogue", "The council's catalogue of ways to meet needs",
                     Replies({{"200", Reply("The catalogue", Type("object"))}}), json::object{})));
}

Response Site::ApiCostPlan(Context& ctx) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return JsonError(400, "bad_request", body.error().message);
  auto outcome = app::CostPlanJson(*body, app::DefaultCatalogue(), app::DefaultPlanPolicy());
  if (!outcome.ok()) return ErrorResponse(outcome.error(), ctx);
  return Response::Json(200, app::PlanCostToJson(outcome->cost, outcome->request.input));
}

Response Site::ApiPlanCatalogue(Context&) {
  const app::Catalogue& c = app::DefaultCatalogue();
  json::array items;
  for (const auto& i : c.items) items.push_back(app::CatalogueItemToJson(i));
  return Response::Json(200, json::object{{"title", c.title}, {"items", std::move(items)}});
}

}  // namespace selfdirect::web
