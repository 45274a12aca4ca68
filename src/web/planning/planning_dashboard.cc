// The approvers' queue of plans waiting, and the commissioners' dashboard of how agreed budgets
// are spent: the weekly spend of current agreed plans by category, by management option and by the
// month plans were agreed, and plans by return category, as tables and as server-drawn SVG bar
// charts of the same figures, filtered by team and client group.
#include <map>
#include <utility>

#include "web/pages/charts.h"
#include "web/pages/dashboard_filters.h"
#include "web/planning/planning_routes.h"

namespace selfdirect::web {
using domain::Role;

namespace {

// A bar of a chart: its label and its height in whole pounds.
using Bars = std::vector<std::pair<std::string, int64_t>>;

// The spend of current agreed plans added up by category, by management option and by month.
struct SpendTotals {
  std::map<std::string, std::pair<Pence, int64_t>> by_category, by_managed;  // weekly, lines
  std::map<std::string, std::pair<Pence, Pence>> by_month;  // traditional, creative
  Pence total;
};

SpendTotals AddUpSpend(const app::SpendSummary& s) {
  SpendTotals t;
  for (const auto& c : s.spend) {
    t.by_category[c.key].first = t.by_category[c.key].first + c.weekly;
    t.by_category[c.key].second += c.count;
    t.by_managed[c.managed_as].first = t.by_managed[c.managed_as].first + c.weekly;
    t.by_managed[c.managed_as].second += c.count;
    auto cat = domain::ParseSupportCategory(c.key);
    auto& m = t.by_month[c.month];
    if (cat && domain::IsTraditional(*cat))
      m.first = m.first + c.weekly;
    else
      m.second = m.second + c.weekly;
    t.total = t.total + c.weekly;
  }
  return t;
}

// `part` of `total` as a whole per cent, rounded half up ("0%" when there is no total).
std::string Percent(Pence part, Pence total) {
  if (total <= Pence{}) return std::string("0%");
  return std::to_string((part.pence() * 200 / total.pence() + 1) / 2) + "%";
}

// The table by category (traditional first), its chart's bars, and the traditional and creative
// totals.
struct CategorySpend {
  ViewList rows;
  Bars bars;
  Pence traditional, creative;
};

CategorySpend ByCategory(const SpendTotals& t) {
  CategorySpend out;
  for (size_t i = 0; i < domain::kSupportCategoryCount; ++i) {
    auto cat = static_cast<domain::SupportCategory>(i);
    auto it = t.by_category.find(std::string(domain::SupportCategoryCode(cat)));
    if (it == t.by_category.end()) continue;
    const auto& [weekly, lines] = it->second;
    const std::string label(domain::SupportCategoryLabel(cat));
    ViewData r;
    r.set("label", label);
    r.set("kind", domain::IsTraditional(cat) ? "Traditional" : "Creative");
    r.set("weekly", weekly.ToDisplayString());
    r.set("lines", std::to_string(lines));
    r.set("share", Percent(weekly, t.total));
    out.rows.push_back(r);
    out.bars.push_back({label, weekly.pence() / 100});
    Pence& kind = domain::IsTraditional(cat) ? out.traditional : out.creative;
    kind = kind + weekly;
  }
  return out;
}

// The table by management option, in the options' order.
ViewList ByManagement(const SpendTotals& t) {
  ViewList managed;
  for (size_t i = 0; i < domain::kManagedAsCount; ++i) {
    auto m = static_cast<domain::ManagedAs>(i);
    auto it = t.by_managed.find(std::string(domain::ManagedAsCode(m)));
    if (it == t.by_managed.end()) continue;
    ViewData r;
    r.set("label", std::string(domain::ManagedAsLabel(m)));
    r.set("weekly", it->second.first.ToDisplayString());
    r.set("share", Percent(it->second.first, t.total));
    managed.push_back(r);
  }
  return managed;
}

// The table by the month plans were agreed, and its chart's bars.
struct MonthSpend {
  ViewList rows;
  Bars bars;
};

MonthSpend ByMonth(const SpendTotals& t) {
  MonthSpend out;
  for (const auto& [month, tc] : t.by_month) {
    ViewData r;
    r.set("month", month);
    r.set("traditional", tc.first.ToDisplayString());
    r.set("creative", tc.second.ToDisplayString());
    r.set("total", (tc.first + tc.second).ToDisplayString());
    out.rows.push_back(r);
    out.bars.push_back({month, (tc.first + tc.second).pence() / 100});
  }
  return out;
}

// The label of a return category's code (the code itself if unknown).
std::string ReturnCategoryLabelOf(const std::string& key) {
  std::string label = key;
  for (auto rc :
       {domain::ReturnCategory::kNoPaidSupport, domain::ReturnCategory::kDirectPaymentOnly,
        domain::ReturnCategory::kPartDirectPayment, domain::ReturnCategory::kCouncilManagedBudget,
        domain::ReturnCategory::kCouncilCommissionedOnly})
    if (domain::ReturnCategoryCode(rc) == key) label = std::string(domain::ReturnCategoryLabel(rc));
  return label;
}

// The table of agreed plans by return category.
ViewList ByReturnCategory(const app::SpendSummary& s) {
  std::map<std::string, std::pair<int64_t, Pence>> by_return;  // plans, weekly
  for (const auto& a : s.agreements) {
    by_return[a.key].first += a.count;
    by_return[a.key].second = by_return[a.key].second + a.weekly;
  }
  ViewList agreements;
  for (const auto& [key, value] : by_return) {
    ViewData r;
    r.set("label", ReturnCategoryLabelOf(key));
    r.set("plans", std::to_string(value.first));
    r.set("weekly", value.second.ToDisplayString());
    agreements.push_back(r);
  }
  return agreements;
}

// The dashboard's tables, totals and charts.
void AddSpendFigures(ViewData& d, const app::SpendSummary& s) {
  const SpendTotals totals = AddUpSpend(s);
  const CategorySpend categories = ByCategory(totals);
  const MonthSpend months = ByMonth(totals);
  int64_t plans = 0;
  for (const auto& a : s.agreements) plans += a.count;
  d.set("categories", categories.rows);
  d.set("managed", ByManagement(totals));
  d.set("months", months.rows);
  d.set("agreements", ByReturnCategory(s));
  d.set("has_spend", !categories.rows.empty());
  d.set("total", totals.total.ToDisplayString());
  d.set("plans", std::to_string(plans));
  d.set("traditional", categories.traditional.ToDisplayString());
  d.set("creative", categories.creative.ToDisplayString());
  d.set("traditional_share", Percent(categories.traditional, totals.total));
  d.set("creative_share", Percent(categories.creative, totals.total));
  d.set("category_chart",
        BarChartSvg("category-chart", "Agreed weekly spend by category, pounds",
                    "Bar chart of the weekly spend of agreed plans in each category; the same "
                    "figures are in the table below",
                    categories.bars));
  d.set("month_chart",
        BarChartSvg("month-chart", "Agreed weekly spend by the month plans were agreed, pounds",
                    "Bar chart of the weekly spend of current agreed plans by the month they were "
                    "agreed; the same figures are in the table below",
                    months.bars));
}

// The filters asked for; a team that is no team's id is left out.
app::SpendQuery DashboardQuery(const Request& request) {
  app::SpendQuery q;
  if (auto t = TeamId::Parse(request.Query("team"))) q.team_id = *t;
  q.client_group = request.Query("client_group");
  return q;
}

}  // namespace

void PlanningRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  const Role role = ctx.principal->user.role;
  if (app::CanSeePlanQueue(role)) {
    auto waiting = planning_.Waiting(ctx.call, *ctx.principal);
    const size_t n = waiting.ok() ? waiting->size() : 0;
    out.push_back({"/plans/waiting",
                   std::to_string(n) + (n == 1 ? " support plan" : " support plans") +
                       " waiting for a decision",
                   role == Role::kApprover});
  }
  if (app::CanSeeSpendDashboard(role))
    out.push_back({"/dashboard/spending", "See how agreed budgets are spent"});
}

Response PlanningRoutes::PlansWaitingPage(Context& ctx) {
  auto list = planning_.Waiting(ctx.call, *ctx.principal);
  if (!list.ok()) return ErrorResponse(list.error(), ctx);
  const ViewList rows = plan_pages::RowsOf(*list, [](ViewData& r, const auto& w) {
    r.set("id", w.plan.id.ToString());
    r.set("name", w.person_name);
    r.set("since", w.plan.submitted_at ? w.plan.submitted_at->LondonDate().ToString() : "");
    r.set("weekly", w.plan.weekly_total.ToDisplayString());
    r.set("indicative", w.indicative_now ? w.indicative_now->ToDisplayString() : "None");
    if (w.plan.indicative_weekly != w.indicative_now) r.set("indicative_changed", true);
  });
  ViewData d;
  d.set("rows", rows);
  d.set("has_rows", !rows.empty());
  return Page(200, "Plans waiting for approval", "plans_waiting", d, ctx);
}

Response PlanningRoutes::SpendingDashboardPage(Context& ctx) {
  const app::SpendQuery q = DashboardQuery(ctx.request);
  auto summary = spending_.Dashboard(ctx.call, *ctx.principal, q);
  if (!summary.ok() && summary.error().code != ErrorCode::kInvalidArgument)
    return ErrorResponse(summary.error(), ctx);
  // A filter refused: its error, and no figures.
  const std::vector<FieldError> errors =
      summary.ok() ? std::vector<FieldError>{} : summary.error().fields;
  ViewData d;
  AddSpendFigures(d, summary.ok() ? *summary : app::SpendSummary{});
  ViewList teams;
  if (ctx.principal->user.role != Role::kApprover)
    teams = TeamFilterOptions(store_, ctx.call.council, q.team_id);
  d.set("teams", teams);
  d.set("choose_team", !teams.empty());
  d.set("groups", ClientGroupFilterOptions(q.client_group));
  if (!errors.empty()) d.set("group_error", errors[0].message);
  SetErrorSummary(d, errors, [](const FieldError&) { return std::string("#client_group"); });
  return Page(errors.empty() ? 200 : 422, "How agreed budgets are spent", "dashboard_spending", d,
              ctx);
}

}  // namespace selfdirect::web
