#include "web/render.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "app/charging/charging_service.h"
#include "app/directory/directory_service.h"
#include "app/incident.h"
#include "app/planning/planning_service.h"
#include "app/ras/ras_service.h"
#include "base/text.h"
#include "web/pages/mustache.h"

namespace selfdirect::web {
namespace {

// GOV.UK pagination: first, last, current and its neighbours, with ellipses between.
ViewData Pagination(int page, int total_pages, const std::string& base) {
  ViewData d;
  d.set("has_pages", total_pages > 1);
  auto href = [&](int n) { return base + "page=" + std::to_string(n); };
  if (page > 1) d.set("previous_href", href(page - 1));
  if (page < total_pages) d.set("next_href", href(page + 1));
  ViewList pages;
  int last_shown = 0;
  for (int n = 1; n <= total_pages; ++n) {
    bool show = n == 1 || n == total_pages || (n >= page - 1 && n <= page + 1);
    if (!show) continue;
    if (n > last_shown + 1) {
      ViewData gap;
      gap.set("ellipsis", true);
      pages.push_back(gap);
    }
    ViewData item;
    item.set("ellipsis", false);
    item.set("number", std::to_string(n));
    item.set("href", href(n));
    item.set("current", n == page);
    pages.push_back(item);
    last_shown = n;
  }
  d.set("pages", pages);
  return d;
}

}  // namespace

void SetPagination(ViewData& d, int page, int total_pages, const std::string& base) {
  ViewData pagination = Pagination(page, total_pages, base);
  for (const char* key : {"has_pages", "previous_href", "next_href", "pages"}) {
    if (const auto* v = pagination.get(key)) d.set(key, *v);
  }
}

std::string IsoDateFromParts(const DateParts& parts) {
  if (parts.day.empty() && parts.month.empty() && parts.year.empty()) return "";
  auto pad = [](const std::string& s, size_t width) {
    return s.size() >= width ? s : std::string(width - s.size(), '0') + s;
  };
  // Anything that is not a plain number stays visible to the validator, which then refuses it.
  return pad(parts.year, 4) + "-" + pad(parts.month, 2) + "-" + pad(parts.day, 2);
}

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 422;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kFailedPrecondition:
      return 409;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kResourceExhausted:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

std::string BaseUrl(const Request& request) {
  const std::string host = request.Header("host");
  std::string scheme = request.Header("x-forwarded-proto");
  if (scheme != "http" && scheme != "https")
    scheme = host.starts_with("127.") || host.starts_with("localhost") ? "http" : "https";
  return scheme + "://" + host;
}

std::string HomePath(const app::Principal& who) {
  switch (who.user.role) {
    case domain::Role::kPractitioner:
    case domain::Role::kApprover:
    case domain::Role::kFinanceOfficer:
    case domain::Role::kAdministrator:
      return "/people";
    case domain::Role::kBudgetHolder:
    case domain::Role::kRepresentative:
      return "/my";
    default:
      return "/home";
  }
}

ViewList Renderer::Navigation(const Context& ctx) const {
  ViewList nav;
  auto item = [&](const std::string& href, const std::string& text) {
    ViewData d;
    d.set("href", href);
    d.set("text", text);
    d.set("current",
          ctx.request.path == href || (href != "/" && ctx.request.path.rfind(href + "/", 0) == 0));
    nav.push_back(d);
  };
  if (!ctx.principal) {
    item("/directory", "Find support");
    return nav;
  }
  const auto& who = *ctx.principal;
  item("/home", "Home");
  if (domain::CanListPeople(who.actor)) item("/people", "People");
  if (domain::CanListPeople(who.actor)) item("/caseload", "Caseload");
  if (who.user.role == domain::Role::kBudgetHolder) item("/my", "My support");
  if (who.user.role == domain::Role::kRepresentative) item("/my", "People I help");
  if (app::CanSeeAllocationTables(who.user.role)) item("/allocation", "Resource allocation");
  if (who.user.role == domain::Role::kFinanceOfficer) {
    item("/financial-assessments/waiting", "Assessments waiting");
    item("/charging/reassessment", "Charges");
    item("/payments", "Payments");
  }
  if (app::CanSeePlanQueue(who.user.role)) item("/plans/waiting", "Plans waiting");
  if (app::CanSeeSpendDashboard(who.user.role)) item("/dashboard/spending", "Spending");
  if (app::CanEditDirectory(who.user.role)) item("/directory/review", "Entries to check");
  if (who.user.role == domain::Role::kAdministrator) {
    item("/admin/users", "Accounts");
    item("/admin/audit", "Audit log");
  }
  item("/directory", "Find support");
  return nav;
}

Response Renderer::Page(int status, const std::string& title, const std::string& template_name,
                        ViewData data, Context& ctx) const {
  const auto* has_errors = data.get("has_errors");
  const auto* back = data.get("back_href");
  return Layout(status, title, Content(template_name, data),
                has_errors && has_errors->is_bool() && has_errors->as_bool(),
                back && back->is_string() ? std::string(back->as_string()) : std::string(), ctx);
}

std::string Renderer::Content(const std::string& template_name, ViewData data) const {
  data.set("council_name", options_.council.name);
  return RenderTemplate(template_name, data);
}

Response Renderer::Layout(int status, const std::string& title, std::string content,
                          bool has_errors, const std::string& back_href, Context& ctx) const {
  ViewData layout;
  layout.set("page_title", title);
  layout.set("council_name", options_.council.name);
  layout.set("content", std::move(content));
  layout.set("has_errors", has_errors);
  if (!back_href.empty()) layout.set("back_href", back_href);
  if (ctx.principal) {
    const auto& who = *ctx.principal;
    layout.set("signed_in", true);
    layout.set("user_name", who.user.display_name);
    layout.set("role_label", std::string(domain::RoleLabel(who.user.role)));
    layout.set("csrf_token", who.session.csrf_token);
    layout.set("home_href", "/home");
  } else {
    layout.set("signed_in", false);
    layout.set("home_href", "/");
  }
  layout.set("nav", Navigation(ctx));
  return Response::Html(status, RenderTemplate("layout", layout));
}

Response Renderer::ErrorPage(int status, const std::string& heading,
                             const std::vector<std::string>& paragraphs, Context& ctx,
                             const std::string& link_href, const std::string& link_text) const {
  ViewData d;
  d.set("heading", heading);
  ViewList list;
  for (const auto& p : paragraphs) list.push_back(p);
  d.set("paragraphs", list);
  if (!link_href.empty()) {
    d.set("link_href", link_href);
    d.set("link_text", link_text);
  }
  return Page(status, heading, "error", d, ctx);
}

// A record that needs a reason to be read (an administrator opening an assessment): a form that
// asks for it and opens the same page with it.
Response Renderer::ReasonPage(const Error& error, Context& ctx) const {
  ViewData d;
  d.set("action", ctx.request.path);
  d.set("heading", error.message);
  const bool typed = !ctx.request.Query("reason").empty();
  d.set("reason", TextInputView({"reason", "Your reason",
                                 "For example, a complaint about the decision, or a data "
                                 "protection request. It is kept in the audit log with your name.",
                                 "text", "off", "", "3"},
                                ctx.request.Query("reason"), typed ? error.fields[0].message : ""));
  if (typed) SetErrorSummary(d, error.fields);
  return Page(403, error.message, "reason_needed", d, ctx);
}

// An error the person cannot put right: logged in full with a new incident reference, answered
// with only that reference (ASVS 7.4.1).
Response Renderer::IncidentResponse(const Error& error, Context& ctx) const {
  const int status = HttpStatusFor(error.code);
  const std::string incident = app::NewIncidentReference();
  spdlog::error(R"({{"event":"error","incident":"{}","target":"{}","code":"{}","message":"{}"}})",
                incident, LogTarget(ctx.request.target), ErrorCodeName(error.code),
                LogEscape(error.message));
  // An unavailable error's own message can name the database and what it said, so it is not
  // shown either.
  const std::string message = error.code == ErrorCode::kInternal
                                  ? "Something went wrong. Try again later."
                                  : "The service is not available just now. Try again in a minute.";
  if (ctx.request.IsApi()) {
    boost::json::object body{
        {"code", ErrorCodeName(error.code)}, {"message", message}, {"incident", incident}};
    return Response::Json(status, boost::json::object{{"error", std::move(body)}});
  }
  const std::string heading = "Sorry, there is a problem with the service";
  ViewData d;
  d.set("heading", heading);
  ViewList paragraphs;
  paragraphs.push_back(std::string("Try again later. Nothing you had saved has been lost."));
  d.set("paragraphs", paragraphs);
  d.set("reference", incident);
  return Page(status, heading, "error", d, ctx);
}

Response Renderer::ErrorResponse(const Error& error, Context& ctx) const {
  if (error.code == ErrorCode::kInternal || error.code == ErrorCode::kUnavailable) {
    return IncidentResponse(error, ctx);
  }
  const int status = HttpStatusFor(error.code);
  const std::string& message = error.message;
  if (ctx.request.IsApi()) {
    std::vector<std::pair<std::string, std::string>> fields;
    for (const auto& f : error.fields) fields.emplace_back(f.field, f.message);
    return JsonError(status, ErrorCodeName(error.code), message, fields);
  }
  const bool reason_asked = std::any_of(error.fields.begin(), error.fields.end(),
                                        [](const FieldError& f) { return f.field == "reason"; });
  if (error.code == ErrorCode::kPermissionDenied && reason_asked &&
      ctx.request.method == Method::kGet) {
    return ReasonPage(error, ctx);
  }
  switch (error.code) {
    case ErrorCode::kNotFound:
      return ErrorPage(404, "Page not found", {message}, ctx, "/", "Go to the home page");
    case ErrorCode::kPermissionDenied:
      return ErrorPage(403, "You cannot see this page", {message}, ctx, "/", "Go to the home page");
    default:
      return ErrorPage(status, "There is a problem", {message}, ctx, "/", "Go to the home page");
  }
}

DateParts PartsOfForm(const std::multimap<std::string, std::string>& form,
                      const std::string& field) {
  return {std::string(Trim(FormValue(form, field + "-day"))),
          std::string(Trim(FormValue(form, field + "-month"))),
          std::string(Trim(FormValue(form, field + "-year")))};
}

DateParts PartsOfDate(const std::optional<Date>& date) {
  if (!date) return {};
  return {std::to_string(date->day()), std::to_string(date->month()), std::to_string(date->year())};
}

ViewData DateInputView(const std::string& id, const std::string& legend, const std::string& hint,
                       const DateParts& parts, const std::string& error) {
  ViewData d;
  d.set("id", id);
  d.set("legend", legend);
  d.set("hint", hint);
  d.set("day", parts.day);
  d.set("month", parts.month);
  d.set("year", parts.year);
  d.set("error", error);
  return d;
}

ViewData RadioGroupView(const std::string& id, const std::string& legend, const std::string& hint,
                        const ViewList& options, const std::string& error, bool small) {
  ViewData g;
  g.set("id", id);
  g.set("legend", legend);
  g.set("group_hint", hint);
  g.set("options", options);
  g.set("error", error);
  g.set("small", small);
  return g;
}

ViewData TextInputView(const TextInput& in, const std::string& value, const std::string& error) {
  ViewData v;
  v.set("id", in.id);
  v.set("label", in.label);
  v.set("hint", in.hint);
  v.set("type", in.type);
  v.set("autocomplete", in.autocomplete);
  v.set("width", in.width);
  v.set("rows", in.rows);
  v.set("value", value);
  v.set("error", error);
  return v;
}

Response Attachment(std::string body, const std::string& media_type, const std::string& file_name) {
  Response r = Response::Text(200, std::move(body));
  r.SetHeader("Content-Type", media_type);
  r.SetHeader("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

Response CsvAttachment(std::string body, const std::string& file_name) {
  return Attachment(std::move(body), "text/csv; charset=utf-8", file_name);
}

}  // namespace selfdirect::web
