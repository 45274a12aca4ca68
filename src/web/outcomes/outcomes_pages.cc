// ASCOF measure 3D as a page, and the client-level extract as a CSV download (outcomes_routes.h).
#include <fmt/format.h>

#include "web/outcomes/outcomes_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;

bool MayRead(Role r) {
  return r == Role::kAnalyst || r == Role::kFinanceOfficer || r == Role::kAdministrator;
}

ViewData Row(const std::string& label, int64_t count, double proportion, const std::string& id) {
  ViewData r;
  r.set("label", label);
  r.set("count", fmt::format("{}", count));
  r.set("percent", fmt::format("{:.1f}%", proportion * 100));
  r.set("id", id);
  return r;
}

// The dates to choose from: today and the last three year ends (31 March).
ViewList DateChoices(Date today, Date chosen) {
  ViewList out;
  auto add = [&](Date d, const std::string& label) {
    ViewData o;
    o.set("value", d.ToString());
    o.set("label", label);
    o.set("selected", d == chosen);
    out.push_back(o);
  };
  add(today, "Today, " + today.ToLongString());
  const Date last = *Date::FromYmd(today.month() > 3 ? today.year() : today.year() - 1, 3, 31);
  for (int back = 0; back < 3; ++back) {
    const Date d = *Date::FromYmd(last.year() - back, 3, 31);
    add(d, "Year ending " + d.ToLongString());
  }
  return out;
}

void SetSurveyMeasures(ViewData& d, const app::SurveyAscof& s) {
  ViewList rows;
  for (const auto& m : s.measures) {
    ViewData r;
    r.set("label", m.label);
    r.set("id", m.measure);
    r.set("suppressed", m.result.suppressed);
    r.set("answers", m.result.respondents.suppressed
                         ? std::string("fewer than 10")
                         : fmt::format("{}", m.result.respondents.rounded));
    if (!m.result.suppressed) {
      r.set("percent", fmt::format("{:.1f}%", m.result.proportion * 100));
      r.set("interval",
            fmt::format("{:.1f}% to {:.1f}%", m.result.ci_low * 100, m.result.ci_high * 100));
    }
    rows.push_back(r);
  }
  d.set("survey_wave", s.wave.name);
  d.set("survey_wave_id", s.wave.id.ToString());
  d.set("survey_measures", rows);
  d.set("has_survey", true);
}

}  // namespace

void OutcomesRoutes::AddPageRoutes() {
  const std::vector<Role> readers = {Role::kAnalyst, Role::kFinanceOfficer, Role::kAdministrator};
  Add(Method::kGet, "/outcomes/ascof", PageRoute(readers, Bind(&OutcomesRoutes::AscofPage)));
  Add(Method::kGet, "/outcomes/ascof/clients.csv",
      PageRoute({Role::kAnalyst}, Bind(&OutcomesRoutes::ClientExtract)));
}

void OutcomesRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  if (!MayRead(ctx.principal->user.role)) return;
  out.push_back({"/outcomes/ascof", "Self-directed support and direct payments (ASCOF 3D)", false});
}

Response OutcomesRoutes::AscofPage(Context& ctx) {
  const Date today = clock_.Now().LondonDate();
  auto on = MeasureDate(ctx.request.Query("on"), today);
  if (!on.ok()) return ErrorResponse(on.error(), ctx);
  auto report = ascof_.SelfDirectedSupport(ctx.call, *ctx.principal, *on, false);
  if (!report.ok()) return ErrorResponse(report.error(), ctx);
  const domain::Measure3D& m = report->measure;
  ViewData d;
  d.set("on", on->ToLongString());
  d.set("on_iso", on->ToString());
  d.set("choices", DateChoices(today, *on));
  d.set("people", fmt::format("{}", m.people));
  d.set("has_people", m.people > 0);
  ViewList rows;
  rows.push_back(Row("Self-directed support (part 1a)", m.self_directed, m.part_1a, "part-1a"));
  rows.push_back(Row("Direct payments (part 2a)", m.direct_payments, m.part_2a, "part-2a"));
  d.set("rows", rows);
  d.set("may_extract", ctx.principal->user.role == Role::kAnalyst);
  auto survey = surveys_.AscofMeasures(ctx.call, *ctx.principal);
  if (survey.ok() && *survey) SetSurveyMeasures(d, **survey);
  return Page(200, "Self-directed support and direct payments", "outcomes_ascof", d, ctx);
}

Response OutcomesRoutes::ClientExtract(Context& ctx) {
  auto on = MeasureDate(ctx.request.Query("on"), clock_.Now().LondonDate());
  if (!on.ok()) return ErrorResponse(on.error(), ctx);
  auto report = ascof_.SelfDirectedSupport(ctx.call, *ctx.principal, *on, true);
  if (!report.ok()) return ErrorResponse(report.error(), ctx);
  return CsvAttachment(app::ClientExtractCsv(report->clients),
                       "client-level-extract-" + on->ToString() + ".csv");
}

}  // namespace selfdirect::web
