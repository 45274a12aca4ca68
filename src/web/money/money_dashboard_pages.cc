// The council's money dashboard: paid out, recovered, contributions, spent by kind of support,
// held and surplus held, by team and by client group, as server-drawn charts with the same
// figures in tables; and the same figures as JSON.
#include "web/money/money_routes.h"
#include "web/openapi.h"
#include "web/pages/charts.h"
#include "web/pages/dashboard_filters.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.

app::MoneyDashboardQuery QueryOf(const Request& request) {
  app::MoneyDashboardQuery q;
  if (auto t = TeamId::Parse(request.Query("team"))) q.team = *t;
  q.client_group = request.Query("client_group");
  return q;
}

ViewData FiguresView(const std::string& label, const app::MoneyFigures& f) {
  ViewData r;
  r.set("label", label);
  r.set("paid_out", f.paid_out.ToDisplayString());
  r.set("contributions", f.contributions.ToDisplayString());
  r.set("spent", f.spent.ToDisplayString());
  r.set("held", f.held.ToDisplayString());
  r.set("surplus", f.surplus.ToDisplayString());
  r.set("recovered", f.recovered.ToDisplayString());
  r.set("refunded", f.refunded.ToDisplayString());
  return r;
}

// The rows of a breakdown, and a chart of what was paid out in each.
ViewList Breakdown(const std::vector<std::pair<std::string, app::MoneyFigures>>& parts,
                   std::vector<std::pair<std::string, int64_t>>& bars) {
  ViewList rows;
  for (const auto& [label, f] : parts) {
    rows.push_back(FiguresView(label, f));
    bars.push_back({label, f.paid_out.pence() / 100});
  }
  return rows;
}

void AddFigures(ViewData& d, const app::MoneyDashboard& m) {
  d.set("total", FiguresView("All", m.total));
  ViewList categories;
  std::vector<std::pair<std::string, int64_t>> spent_bars, team_bars, group_bars;
  for (const auto& [category, spent] : m.spent_by_category) {
    ViewData r;
    r.set("label", category);
    r.set("spent", spent.ToDisplayString());
    categories.push_back(r);
    spent_bars.push_back({category, spent.pence() / 100});
  }
  d.set("categories", categories);
  d.set("has_money", !categories.empty() || m.total.paid_out != Pence());
  d.set("teams", Breakdown(m.by_team, team_bars));
  d.set("groups_rows", Breakdown(m.by_client_group, group_bars));
  d.set("spent_chart", BarChartSvg("spent-chart", "Spent by kind of support, pounds",
                                   "Bar chart of what budget accounts have spent on each kind of "
                                   "support; the same figures are in the table below",
                                   spent_bars));
  d.set("team_chart", BarChartSvg("team-chart", "Paid out by team, pounds",
                                  "Bar chart of council money paid into budget accounts by "
                                  "team; the same figures are in the table below",
                                  team_bars));
}

json::object FiguresJson(const app::MoneyFigures& f) {
  return {{"paid_out", f.paid_out.ToString()},
          {"recovered", f.recovered.ToString()},
          {"contributions", f.contributions.ToString()},
          {"refunded", f.refunded.ToString()},
          {"spent", f.spent.ToString()},
          {"held", f.held.ToString()},
          {"surplus", f.surplus.ToString()}};
}

json::array PartsJson(const std::vector<std::pair<std::string, app::MoneyFigures>>& parts) {
  json::array out;
  for (const auto& [label, f] : parts) {
    json::object o = FiguresJson(f);
    o["label"] = label;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

void MoneyRoutes::AddDashboardRoutes() {
  const std::vector<Role> who = {Role::kFinanceOfficer, Role::kAnalyst, Role::kApprover,
                                 Role::kAdministrator};
  Add(Method::kGet, "/dashboard/money", PageRoute(who, Bind(&MoneyRoutes::DashboardPage)));
  json::array params{
      json::object{{"name", "team"}, {"in", "query"}, {"schema", Type("integer")}},
      json::object{{"name", "client_group"}, {"in", "query"}, {"schema", Type("string")}}};
  Add(Method::kGet, "/api/v1/dashboard/money",
      ApiRoute(who, Bind(&MoneyRoutes::ApiDashboard),
               Operation("getMoneyDashboard",
                         "The council's money: paid out, recovered, contributions, spent, held "
                         "and surplus held, by kind of support, team and client group (audited)",
                         Replies({{"200", Reply("The figures", Ref("MoneyDashboard"))},
                                  {"422", ErrorReply("An unknown client group")}}),
                         json::object{{"parameters", params}})));
}

void MoneyRoutes::AddDashboardSchema(json::object& schemas) const {
  schemas["MoneyFigures"] = Object({{"paid_out", MoneyType()},
                                    {"recovered", MoneyType()},
                                    {"contributions", MoneyType()},
                                    {"refunded", MoneyType()},
                                    {"spent", MoneyType()},
                                    {"held", MoneyType()},
                                    {"surplus", MoneyType()}});
  schemas["MoneyDashboard"] = Object({{"total", Ref("MoneyFigures")},
                                      {"spent_by_category", Type("array")},
                                      {"by_team", Type("array")},
                                      {"by_client_group", Type("array")}});
}

Response MoneyRoutes::DashboardPage(Context& ctx) {
  const app::MoneyDashboardQuery q = QueryOf(ctx.request);
  auto m = dashboard_.Dashboard(ctx.call, *ctx.principal, q);
  if (!m.ok() && m.error().code != ErrorCode::kInvalidArgument)
    return ErrorResponse(m.error(), ctx);
  const std::vector<FieldError> errors = m.ok() ? std::vector<FieldError>{} : m.error().fields;
  ViewData d;
  AddFigures(d, m.ok() ? *m : app::MoneyDashboard{});
  ViewList teams;
  if (ctx.principal->user.role != Role::kApprover)
    teams = TeamFilterOptions(store_, ctx.call.council, q.team);
  d.set("team_options", teams);
  d.set("choose_team", !teams.empty());
  d.set("group_options", ClientGroupFilterOptions(q.client_group));
  if (!errors.empty()) d.set("group_error", errors[0].message);
  SetErrorSummary(d, errors, [](const FieldError&) { return std::string("#client_group"); });
  return Page(errors.empty() ? 200 : 422, "The council's money", "money_dashboard", d, ctx);
}

Response MoneyRoutes::ApiDashboard(Context& ctx) {
  auto m = dashboard_.Dashboard(ctx.call, *ctx.principal, QueryOf(ctx.request));
  if (!m.ok()) return ErrorResponse(m.error(), ctx);
  json::array categories;
  for (const auto& [category, spent] : m->spent_by_category)
    categories.push_back({{"category", category}, {"spent", spent.ToString()}});
  return Response::Json(200, json::object{{"total", FiguresJson(m->total)},
                                          {"spent_by_category", std::move(categories)},
                                          {"by_team", PartsJson(m->by_team)},
                                          {"by_client_group", PartsJson(m->by_client_group)}});
}

}  // namespace selfdirect::web
