// The finance officers' list of PA paydays the budget will not cover (payroll_returns_routes.h).
#include "web/pa/payroll_returns_routes.h"

namespace selfdirect::web {

void PayrollReturnsRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  if (ctx.principal->user.role == domain::Role::kFinanceOfficer)
    out.push_back({"/payday-alerts", "Personal assistants' paydays not covered", false});
}

Response PayrollReturnsRoutes::PaydayAlertsPage(Context& ctx) {
  auto alerts = employment_.PaydayAlerts(ctx.call, *ctx.principal);
  if (!alerts.ok()) return ErrorResponse(alerts.error(), ctx);
  ViewList rows;
  for (const auto& a : *alerts) {
    ViewData row;
    row.set("payday", a.alert.payday.ToLongString());
    row.set("person_id", a.alert.person.ToString());
    row.set("person_ref", a.person_ref);
    row.set("pa_name", a.pa_name);
    row.set("engagement_id", a.alert.engagement.ToString());
    row.set("needed", a.alert.needed.ToDisplayString());
    row.set("shortfall", a.alert.shortfall.ToDisplayString());
    row.set("told", a.alert.sent_at.LondonDate().ToLongString());
    rows.push_back(row);
  }
  ViewData d;
  d.set("alerts", rows);
  d.set("count", std::to_string(rows.size()));
  d.set("has_alerts", !rows.empty());
  return Page(200, "Personal assistants' paydays not covered", "payroll_payday_alerts", d, ctx);
}

}  // namespace selfdirect::web
