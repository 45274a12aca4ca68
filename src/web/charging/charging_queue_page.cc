// The finance officer's queue: financial assessments waiting for evidence or a decision.
#include "web/charging/charging_routes.h"

namespace selfdirect::web {

void ChargingRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  if (ctx.principal->user.role != domain::Role::kFinanceOfficer) return;
  auto queue = charging_.Queue(ctx.call, *ctx.principal);
  const size_t n = queue.ok() ? queue->size() : 0;
  out.push_back({"/financial-assessments/waiting",
                 std::to_string(n) + (n == 1 ? " financial assessment" : " financial assessments") +
                     " waiting for evidence or a decision",
                 true});
  out.push_back({"/charging/reassessment", "Re-assess everyone's charges for a new year"});
  out.push_back({"/what-will-i-pay", "Work out what someone would pay"});
}

Response ChargingRoutes::QueuePage(Context& ctx) {
  auto queue = charging_.Queue(ctx.call, *ctx.principal);
  if (!queue.ok()) return ErrorResponse(queue.error(), ctx);
  ViewList rows;
  int for_evidence = 0;
  for (const auto& q : *queue) {
    ViewData r;
    r.set("id", q.record.id.ToString());
    r.set("name", q.person_name);
    r.set("started", q.record.created_at.LondonDate().ToString());
    r.set("days", std::to_string(q.days_waiting) + (q.days_waiting == 1 ? " day" : " days"));
    r.set("waiting_for", q.awaited > 0
                             ? std::to_string(q.awaited) +
                                   (q.awaited == 1 ? " item of evidence" : " items of evidence")
                             : std::string("A decision"));
    r.set("evidence", q.awaited > 0);
    for_evidence += q.awaited > 0;
    r.set("charge", q.record.weekly_charge.ToDisplayString());
    rows.push_back(r);
  }
  ViewData d;
  d.set("rows", rows);
  d.set("has_rows", !rows.empty());
  d.set("count", std::to_string(queue->size()));
  d.set("for_evidence", std::to_string(for_evidence));
  d.set("for_decision", std::to_string(static_cast<int>(queue->size()) - for_evidence));
  return Page(200, "Financial assessments waiting", "financial_assessments_waiting", d, ctx);
}

}  // namespace selfdirect::web
