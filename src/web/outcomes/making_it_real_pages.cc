// File: making_it_real_pages.cc
// The Making it Real pages (making_it_real_routes.h).
#include <fmt/format.h>

#include <map>

#include "app/outcomes/making_it_real_demo.h"
#include "base/text.h"
#include "web/outcomes/making_it_real_routes.h"
#include "web/outcomes/survey_charts.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using Form = std::multimap<std::string, std::string>;

const std::vector<Role> kReaders = {Role::kAnalyst, Role::kAdministrator, Role::kApprover};
const std::vector<Role> kEditors = {Role::kAnalyst, Role::kAdministrator};

bool MayEdit(const Context& ctx) {
  const Role r = ctx.principal->user.role;
  return r == Role::kAnalyst || r == Role::kAdministrator;
}

std::string Share(int64_t n, int64_t of) { return of == 0 ? "-" : fmt::format("{} of {}", n, of); }

ViewList ThemeRows(const app::MirYearView& y, std::vector<ProportionChartRow>& chart) {
  ViewList rows;
  for (const auto& t : y.themes) {
    ViewData r;
    r.set("title", t.theme.title);
    r.set("now", Share(t.developing_or_better, t.statements));
    r.set("before", t.has_previous ? Share(t.previous_developing_or_better, t.statements) : "-");
    const int64_t change = t.developing_or_better - t.previous_developing_or_better;
    r.set("change", !t.has_previous ? ""
                    : change > 0    ? fmt::format("{} more", change)
                    : change < 0    ? fmt::format("{} fewer", -change)
                                    : "no change");
    rows.push_back(r);
    const double p = t.statements ? double(t.developing_or_better) / double(t.statements) : 0;
    chart.push_back({t.theme.title, false, p, p, p, std::nullopt, false});
  }
  return rows;
}

}  // namespace

std::string YearFromPath(const std::string& segment) {
  std::string y = segment;
  if (y.size() == 7 && y[4] == '-') y[4] = '/';
  return y;
}

std::string YearPath(const std::string& year) {
  std::string y = year;
  if (y.size() == 7 && y[4] == '/') y[4] = '-';
  return y;
}

void MakingItRealRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  const Role r = ctx.principal->user.role;
  if (r == Role::kAnalyst || r == Role::kAdministrator || r == Role::kApprover)
    out.push_back({"/outcomes/making-it-real", "Making it Real self-assessment", false});
}

void MakingItRealRoutes::AddPageRoutes() {
  auto read = [&](auto fn) { return PageRoute(kReaders, Bind(fn)); };
  auto edit = [&](auto fn) { return PageRoute(kEditors, Bind(fn)); };
  Add(Method::kGet, "/making-it-real", PublicPageRoute(Bind(&MakingItRealRoutes::PublicPage)));
  Add(Method::kGet, "/outcomes/making-it-real", read(&MakingItRealRoutes::OverviewPage));
  Add(Method::kPost, "/outcomes/making-it-real", edit(&MakingItRealRoutes::StartYearSubmit));
  Add(Method::kGet, "/outcomes/making-it-real/statements",
      read(&MakingItRealRoutes::StatementsPage));
  Add(Method::kPost, "/outcomes/making-it-real/statements",
      edit(&MakingItRealRoutes::StatementSubmit));
  Add(Method::kPost, "/outcomes/making-it-real/actions/{id}",
      edit(&MakingItRealRoutes::ActionDoneSubmit));
  Add(Method::kGet, "/outcomes/making-it-real/{year}", read(&MakingItRealRoutes::YearPage));
  Add(Method::kPost, "/outcomes/making-it-real/{year}/ratings",
      edit(&MakingItRealRoutes::RateSubmit));
  Add(Method::kPost, "/outcomes/making-it-real/{year}/actions",
      edit(&MakingItRealRoutes::ActionSubmit));
  Add(Method::kPost, "/outcomes/making-it-real/{year}/agree",
      edit(&MakingItRealRoutes::AgreeSubmit));
}

Response MakingItRealRoutes::OverviewPage(Context& ctx) {
  auto years = mir_.Years(ctx.call, *ctx.principal);
  if (!years.ok()) return ErrorResponse(years.error(), ctx);
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("may_edit", MayEdit(ctx));
  ViewList list;
  for (const auto& y : *years) {
    ViewData v;
    v.set("year", y.year);
    v.set("path", YearPath(y.year));
    v.set("status", y.agreed ? "Agreed" : "Draft");
    v.set("agreed", y.agreed);
    list.push_back(v);
  }
  d.set("years", list);
  d.set("has_years", !list.empty());
  const std::string suggested = app::FinancialYearOf(clock_.Now().LondonDate());
  d.set("suggested_year",
        ctx.request.Query("year").empty() ? suggested : ctx.request.Query("year"));
  if (!years->empty()) {
    auto latest = mir_.Year(ctx.call, *ctx.principal, years->front().year);
    if (!latest.ok()) return ErrorResponse(latest.error(), ctx);
    std::vector<ProportionChartRow> chart;
    d.set("themes", ThemeRows(*latest, chart));
    d.set("latest", latest->assessment.year);
    d.set("previous", latest->previous ? latest->previous->year : "");
    d.set("chart", ProportionChartSvg("mir-chart",
                                      "Statements rated developing or established, by theme, " +
                                          latest->assessment.year,
                                      chart, 0));
  }
  if (auto e = ctx.request.Query("error"); !e.empty()) d.set("start_error", e);
  return Page(200, "Making it Real self-assessment", "mir_overview", d, ctx);
}

Response MakingItRealRoutes::StartYearSubmit(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  const std::string year = std::string(Trim(FormValue(*form, "year")));
  Status s = mir_.StartYear(ctx.call, *ctx.principal, year);
  if (s.ok()) return Response::Redirect("/outcomes/making-it-real/" + YearPath(year));
  if (s.error().code == ErrorCode::kPermissionDenied) return ErrorResponse(s.error(), ctx);
  return ErrorPage(s.error().code == ErrorCode::kAlreadyExists ? 409 : 422,
                   "The year cannot be started", {s.error().message}, ctx,
                   "/outcomes/making-it-real", "Back to the self-assessment");
}

namespace {

ViewData StatementView(const app::MirStatementView& s, bool editable,
                       const std::vector<FieldError>& errors, bool errors_here) {
  ViewData v;
  const std::string id = s.statement.id.ToString();
  v.set("id", id);
  v.set("kind", s.statement.kind);
  v.set("text", s.statement.text);
  v.set("rating", s.rating ? app::MirRatingLabel(s.rating->rating) : "Not rated");
  v.set("previous", s.previous.empty() ? "" : app::MirRatingLabel(s.previous));
  v.set("evidence", s.rating ? s.rating->evidence : "");
  v.set("evidence_link", s.rating ? s.rating->evidence_link : "");
  v.set("editable", editable);
  ViewList options;
  for (int i = 0; i < 4; ++i) {
    ViewData o;
    o.set("value", app::kMirRatings[i]);
    o.set("label", app::MirRatingLabel(app::kMirRatings[i]));
    o.set("id", fmt::format("rating-{}{}", id, i == 0 ? "" : fmt::format("-{}", i + 1)));
    o.set("checked", s.rating && s.rating->rating == app::kMirRatings[i]);
    options.push_back(o);
  }
  v.set("options", options);
  if (errors_here) {
    v.set("rating_error", ErrorFor(errors, "rating"));
    v.set("link_error", ErrorFor(errors, "evidence_link"));
    v.set("evidence_error", ErrorFor(errors, "evidence"));
  }
  return v;
}

ViewList ThemeSections(const app::MirYearView& y, bool editable,
                       const std::vector<FieldError>& errors, const std::string& error_for) {
  ViewList out;
  for (const auto& t : app::MirThemes()) {
    ViewData section;
    section.set("title", t.title);
    ViewList statements;
    for (const auto& s : y.statements)
      if (s.statement.theme == t.code)
        statements.push_back(
            StatementView(s, editable, errors, error_for == s.statement.id.ToString()));
    section.set("statements", statements);
    out.push_back(section);
  }
  return out;
}

ViewList ActionRows(const app::MirYearView& y) {
  std::map<int64_t, std::string> text;
  for (const auto& s : y.statements) text[s.statement.id.value()] = s.statement.text;
  ViewList rows;
  for (const auto& a : y.actions) {
    ViewData r;
    r.set("id", a.id.ToString());
    r.set("text", a.text);
    r.set("owner", a.owner);
    r.set("due", a.due.ToLongString());
    r.set("statement", text[a.statement.value()]);
    r.set("done", a.done);
    rows.push_back(r);
  }
  return rows;
}

}  // namespace

Response MakingItRealRoutes::PublicPage(Context& ctx) {
  auto y = mir_.PublishedYear(ctx.call.council);
  if (!y.ok()) return ErrorResponse(y.error(), ctx);
  ViewData d;
  d.set("has_year", y->has_value());
  if (*y) {
    const auto& v = **y;
    std::vector<ProportionChartRow> chart;
    d.set("theme_rows", ThemeRows(v, chart));
    d.set("year", v.assessment.year);
    d.set("previous", v.previous ? v.previous->year : "");
    d.set("previous_year", v.previous ? v.previous->year : "");
    d.set("chart", ProportionChartSvg(
                       "mir-chart",
                       "Statements rated developing or established, by theme, " + v.assessment.year,
                       chart, 0));
    d.set("themes", ThemeSections(v, false, {}, ""));
    d.set("actions", ActionRows(v));
    d.set("has_actions", !v.actions.empty());
  }
  return Page(200, "How we are doing on Making it Real", "mir_public", d, ctx);
}

Response MakingItRealRoutes::YearPage(Context& ctx) {
  return RenderYear(ctx, YearFromPath(ctx.request.path_params["year"]), {}, "");
}

Response MakingItRealRoutes::RenderYear(Context& ctx, const std::string& year,
                                        const std::vector<FieldError>& errors,
                                        const std::string& error_for) {
  auto y = mir_.Year(ctx.call, *ctx.principal, year);
  if (!y.ok()) return ErrorResponse(y.error(), ctx);
  const bool editable = MayEdit(ctx) && !y->assessment.agreed;
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("year", year);
  d.set("path", YearPath(year));
  d.set("agreed", y->assessment.agreed);
  d.set("editable", editable);
  d.set("may_edit", MayEdit(ctx));
  d.set("previous", y->previous ? y->previous->year : "");
  d.set("themes",
        ThemeSections(*y, editable, error_for == "action" ? std::vector<FieldError>{} : errors,
                      error_for));
  d.set("actions", ActionRows(*y));
  d.set("has_actions", !y->actions.empty());
  ViewList choices;
  for (const auto& s : y->statements) {
    ViewData o;
    o.set("value", s.statement.id.ToString());
    o.set("label", s.statement.kind + ": " + s.statement.text);
    choices.push_back(o);
  }
  d.set("statement_choices", choices);
  if (error_for == "action") {
    d.set("action_text_error", ErrorFor(errors, "text"));
    d.set("action_owner_error", ErrorFor(errors, "owner"));
  }
  d.set("due", DateInputView("due", "Due by", "For example, 31 3 2027", PartsOfForm({}, "due"),
                             error_for == "action" ? ErrorFor(errors, "due") : ""));
  SetErrorSummary(
      d, errors,
      [&](const FieldError& e) {
        if (error_for == "action")
          return e.field == "due" ? std::string("#due-day") : "#action-" + e.field;
        return e.field == "rating" ? "#rating-" + error_for : "#" + e.field + "-" + error_for;
      },
      nullptr);
  if (ctx.request.Query("saved") == "1") d.set("banner", "Saved");
  return Page(errors.empty() ? 200 : 422, "Making it Real " + year, "mir_year", d, ctx);
}

Response MakingItRealRoutes::RateSubmit(Context& ctx) {
  const std::string year = YearFromPath(ctx.request.path_params["year"]);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  const std::string sid = FormValue(*form, "statement");
  app::MirRatingInput in{MirStatementId::Parse(sid).value_or(MirStatementId{}),
                         FormValue(*form, "rating"),
                         std::string(Trim(FormValue(*form, "evidence"))),
                         std::string(Trim(FormValue(*form, "evidence_link")))};
  Status s = mir_.Rate(ctx.call, *ctx.principal, year, in);
  if (s.ok())
    return Response::Redirect("/outcomes/making-it-real/" + YearPath(year) + "?saved=1#statement-" +
                              sid);
  if (s.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(s.error(), ctx);
  return RenderYear(ctx, year, s.error().fields, sid);
}

Response MakingItRealRoutes::ActionSubmit(Context& ctx) {
  const std::string year = YearFromPath(ctx.request.path_params["year"]);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  app::MirActionInput in{
      MirStatementId::Parse(FormValue(*form, "statement")).value_or(MirStatementId{}),
      std::string(Trim(FormValue(*form, "text"))), std::string(Trim(FormValue(*form, "owner"))),
      IsoDateFromParts(PartsOfForm(*form, "due"))};
  auto id = mir_.AddAction(ctx.call, *ctx.principal, year, in);
  if (id.ok())
    return Response::Redirect("/outcomes/making-it-real/" + YearPath(year) + "?saved=1#actions");
  if (id.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(id.error(), ctx);
  return RenderYear(ctx, year, id.error().fields, "action");
}

Response MakingItRealRoutes::ActionDoneSubmit(Context& ctx) {
  auto id = MirActionId::Parse(ctx.request.path_params["id"]);
  auto form = ctx.request.Form();
  if (!id || !form) return ErrorResponse(Error::NotFound("No such action"), ctx);
  Status s = mir_.SetActionDone(ctx.call, *ctx.principal, *id, FormValue(*form, "done") == "1");
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  const std::string back = YearFromPath(FormValue(*form, "year"));
  if (!app::CheckMirYear(back).ok()) return Response::Redirect("/outcomes/making-it-real");
  return Response::Redirect("/outcomes/making-it-real/" + YearPath(back) + "#actions");
}

Response MakingItRealRoutes::AgreeSubmit(Context& ctx) {
  const std::string year = YearFromPath(ctx.request.path_params["year"]);
  Status s = mir_.Agree(ctx.call, *ctx.principal, year);
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  return Response::Redirect("/outcomes/making-it-real/" + YearPath(year) + "?saved=1");
}

Response MakingItRealRoutes::StatementsPage(Context& ctx) { return RenderStatements(ctx, {}); }

Response MakingItRealRoutes::RenderStatements(Context& ctx, const std::vector<FieldError>& errors) {
  auto all = mir_.Statements(ctx.call, *ctx.principal);
  if (!all.ok()) return ErrorResponse(all.error(), ctx);
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("may_edit", MayEdit(ctx));
  ViewList themes;
  for (const auto& t : app::MirThemes()) {
    ViewData section;
    section.set("title", t.title);
    section.set("code", t.code);
    ViewList rows;
    for (const auto& s : *all) {
      if (s.theme != t.code) continue;
      ViewData r;
      r.set("id", s.id.ToString());
      r.set("kind", s.kind);
      r.set("text", s.text);
      r.set("retired", s.retired);
      rows.push_back(r);
    }
    section.set("statements", rows);
    themes.push_back(section);
  }
  d.set("themes", themes);
  d.set("has_statements", !all->empty());
  SetErrorSummary(
      d, errors, [](const FieldError& e) { return "#new-" + e.field; }, nullptr);
  return Page(errors.empty() ? 200 : 422, "Making it Real statements", "mir_statements", d, ctx);
}

Response MakingItRealRoutes::StatementSubmit(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  app::MirStatement s;
  s.id = MirStatementId::Parse(FormValue(*form, "id")).value_or(MirStatementId{});
  s.theme = FormValue(*form, "theme");
  s.kind = FormValue(*form, "kind");
  s.text = std::string(Trim(FormValue(*form, "text")));
  s.retired = FormValue(*form, "retired") == "1";
  Status saved = mir_.SaveStatement(ctx.call, *ctx.principal, s);
  if (saved.ok()) return Response::Redirect("/outcomes/making-it-real/statements");
  if (saved.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(saved.error(), ctx);
  return RenderStatements(ctx, saved.error().fields);
}

}  // namespace selfdirect::web
