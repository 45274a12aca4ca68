// File: settings_pages.cc
// The council's settings page and API (settings_routes.h).
#include "app/complaints/complaint_policy.h"
#include "web/openapi.h"
#include "web/settings/settings_routes.h"

namespace selfdirect::web {
namespace {

using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.
using app::SettingKind;

std::string FromText(const app::SettingVersion& v) {
  return v.from ? "From " + v.from->ToLongString() : "As Selfdirect comes";
}

std::string StatusText(const app::SettingVersion& v) {
  return v.in_force ? "In force" : v.scheduled ? "From a later day" : "Replaced";
}

ViewList FiguresView(SettingKind kind, const app::SettingVersion& v) {
  ViewList out;
  const auto& fields = app::FieldsOf(kind);
  for (size_t i = 0; i < fields.size() && i < v.values.size(); ++i) {
    ViewData f;
    f.set("label", fields[i].label);
    f.set("value", app::FigureDisplay(fields[i], v.values[i].second));
    out.push_back(f);
  }
  return out;
}

// Whole numbers as numbers; prices and percentages as the text they are typed as ("61.00").
json::object VersionJson(SettingKind kind, const app::SettingVersion& v) {
  json::object values;
  const auto& fields = app::FieldsOf(kind);
  for (size_t i = 0; i < fields.size() && i < v.values.size(); ++i) {
    const auto& [name, value] = v.values[i];
    if (fields[i].figure == app::Figure::kWhole)
      values[name] = value;
    else
      values[name] = app::FigureText(fields[i], value);
  }
  return {{"effective_from", v.from ? json::value(v.from->ToString()) : json::value(nullptr)},
          {"values", std::move(values)},
          {"note", v.note},
          {"in_force", v.in_force},
          {"scheduled", v.scheduled}};
}

// The form's field ids: the figures by name, the date and the note by kind.
std::string FieldId(SettingKind kind, const std::string& field) {
  const std::string code(app::SettingKindCode(kind));
  if (field == "effective_from") return code + "_from";
  if (field == "note") return code + "_note";
  return field;
}

ViewData FormView(const app::SettingHistory& h, const std::map<std::string, std::string>* typed,
                  const std::vector<FieldError>& errors) {
  const std::string code(app::SettingKindCode(h.kind));
  const app::SettingVersion* now = &h.versions.front();
  for (const auto& v : h.versions)
    if (v.in_force) now = &v;
  ViewData d;
  ViewList inputs;
  const auto& fields = app::FieldsOf(h.kind);
  for (size_t i = 0; i < fields.size(); ++i) {
    const auto& f = fields[i];
    std::string value = i < now->values.size() ? app::FigureText(f, now->values[i].second) : "";
    if (typed) value = typed->count(f.name) ? typed->at(f.name) : "";
    const std::string hint = f.figure == app::Figure::kMoney     ? "In pounds a year"
                             : f.figure == app::Figure::kPercent ? "As a percentage"
                                                                 : "In " + f.unit;
    TextInput in{f.name, f.label, hint, "text", "off", "govuk-input--width-5", ""};
    ViewData v = TextInputView(in, value, ErrorFor(errors, f.name));
    inputs.push_back(v);
  }
  d.set("inputs", inputs);
  return d;
}

}  // namespace

void SettingsRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  if (ctx.principal->user.role != domain::Role::kAdministrator) return;
  out.push_back({"/admin/settings",
                 "The council's settings and policies: monitoring thresholds, reviews, support "
                 "planning, charging",
                 false});
}

void SettingsRoutes::AddPageRoutes() {
  const std::vector<domain::Role> admins = {domain::Role::kAdministrator};
  Add(Method::kGet, "/admin/settings", PageRoute(admins, Bind(&SettingsRoutes::SettingsPage)));
  Add(Method::kPost, "/admin/settings/{kind}", PageRoute(admins, Bind(&SettingsRoutes::SetSubmit)));
}

Response SettingsRoutes::SettingsPage(Context& ctx) {
  const auto done = app::ParseSettingKind(ctx.request.Query("done"));
  return Render(
      ctx, 200, "", {}, {},
      done ? std::string(app::SettingKindTitle(*done)) + ": the new figures are kept" : "");
}

Response SettingsRoutes::Render(Context& ctx, int status, const std::string& kind, const Form& form,
                                const std::vector<FieldError>& errors, const std::string& banner) {
  auto overview = settings_.Overview(ctx.call, *ctx.principal);
  if (!overview.ok()) return ErrorResponse(overview.error(), ctx);
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("banner", banner);
  ViewList kinds;
  for (const auto& h : overview->kinds) {
    const std::string code(app::SettingKindCode(h.kind));
    const bool mine = code == kind;
    ViewData k;
    k.set("code", code);
    k.set("title", app::SettingKindTitle(h.kind));
    k.set("open", mine && !errors.empty());  // Its form stays open to show what to put right.
    ViewList versions;
    for (const auto& v : h.versions) {
      ViewData r;
      r.set("from", FromText(v));
      r.set("status", StatusText(v));
      r.set("in_force", v.in_force);
      r.set("figures", FiguresView(h.kind, v));
      r.set("note", v.note);
      versions.push_back(r);
    }
    k.set("versions", versions);
    std::map<std::string, std::string> typed;
    if (mine)
      for (const auto& f : app::FieldsOf(h.kind)) typed[f.name] = FormValue(form, f.name);
    const std::vector<FieldError> none;
    const auto& shown = mine ? errors : none;
    k.set("form", FormView(h, mine ? &typed : nullptr, shown));
    k.set("from", DateInputView(code + "_from", "From",
                                "The first day the new figures are used, "
                                "today or later. For example, 1 4 2027",
                                mine ? PartsOfForm(form, code + "_from") : DateParts{},
                                ErrorFor(shown, "effective_from")));
    k.set("note",
          TextInputView({code + "_note", "What changes and why", "", "text", "", "", "3"},
                        mine ? FormValue(form, code + "_note") : "", ErrorFor(shown, "note")));
    kinds.push_back(k);
  }
  d.set("kinds", kinds);
  ViewList charging;
  for (const auto& p : overview->charging) {
    ViewData r;
    r.set("from", p.effective_from.ToLongString());
    r.set("note", p.note);
    charging.push_back(r);
  }
  d.set("charging", charging);
  d.set("has_charging", !charging.empty());
  const auto& complaints = app::ShippedComplaintReference().policy;
  d.set("acknowledge_days", std::to_string(complaints.acknowledge_working_days));
  d.set("respond_months", std::to_string(complaints.respond_months));
  d.set("made_within_months", std::to_string(complaints.made_within_months));
  const SettingKind k = app::ParseSettingKind(kind).value_or(SettingKind::kMonitoring);
  SetErrorSummary(d, errors, [&](const FieldError& e) {
    return "#" + FieldId(k, e.field) + (e.field == "effective_from" ? "-day" : "");
  });
  return Page(status, "The council's settings and policies", "admin_settings", d, ctx);
}

Response SettingsRoutes::SetSubmit(Context& ctx) {
  const std::string kind = ctx.request.path_params["kind"];
  const auto parsed = app::ParseSettingKind(kind);
  auto form = ctx.request.Form();
  if (!parsed || !form) return ErrorResponse(Error::NotFound("No setting of that kind"), ctx);
  app::SettingInput in{kind,
                       IsoDateFromParts(PartsOfForm(*form, kind + "_from")),
                       {},
                       FormValue(*form, kind + "_note")};
  for (const auto& f : app::FieldsOf(*parsed)) in.values[f.name] = FormValue(*form, f.name);
  auto set = settings_.Set(ctx.call, *ctx.principal, in);
  if (set.ok()) return Response::Redirect("/admin/settings?done=" + kind);
  const ErrorCode code = set.error().code;
  if (code == ErrorCode::kAlreadyExists)
    return Render(ctx, 409, kind, *form, {{"effective_from", set.error().message}}, "");
  if (code != ErrorCode::kInvalidArgument) return ErrorResponse(set.error(), ctx);
  return Render(ctx, 422, kind, *form, set.error().fields, "");
}

void SettingsRoutes::AddApiRoutes() {
  const std::vector<domain::Role> admins = {domain::Role::kAdministrator};
  Add(Method::kGet, "/api/v1/admin/settings",
      ApiRoute(admins, Bind(&SettingsRoutes::ApiSettings),
               Operation("getSettings",
                         "The council's settings and policies: each kind's versions with the day "
                         "each takes effect, the charging policy's versions, the complaint limits",
                         Replies({{"200", Reply("The settings", Ref("Settings"))},
                                  {"403", ErrorReply("Not an administrator")}}))));
  Add(Method::kPost, "/api/v1/admin/settings/{kind}",
      ApiRoute(admins, Bind(&SettingsRoutes::ApiSet),
               Operation(
                   "setSettings",
                   "New figures of one kind (monitoring, reviews, planning) from a day, today "
                   "or later: whole numbers, or for prices and percentages the figure as "
                   "text (\"61.00\", \"10\")",
                   Replies({{"201", Reply("Kept", Ref("SettingVersion"))},
                            {"404", ErrorReply("No setting of that kind")},
                            {"409", ErrorReply("There are figures from that day already")},
                            {"422", ErrorReply("Check the figures (by field)")}}),
                   json::object{{"parameters",
                                 json::array{PathParam("kind", "monitoring, reviews or planning")}},
                                {"requestBody", Body(Ref("SettingInput"))}})));
}

Response SettingsRoutes::ApiSettings(Context& ctx) {
  auto overview = settings_.Overview(ctx.call, *ctx.principal);
  if (!overview.ok()) return ErrorResponse(overview.error(), ctx);
  json::array kinds;
  for (const auto& h : overview->kinds) {
    json::array versions;
    for (const auto& v : h.versions) versions.push_back(VersionJson(h.kind, v));
    kinds.push_back(json::object{{"kind", app::SettingKindCode(h.kind)},
                                 {"title", app::SettingKindTitle(h.kind)},
                                 {"versions", std::move(versions)}});
  }
  json::array charging;
  for (const auto& p : overview->charging)
    charging.push_back(
        json::object{{"effective_from", p.effective_from.ToString()}, {"note", p.note}});
  const auto& c = app::ShippedComplaintReference().policy;
  return Response::Json(
      200, json::object{
               {"today", overview->today.ToString()},
               {"settings", std::move(kinds)},
               {"charging_policies", std::move(charging)},
               {"complaints", json::object{{"acknowledge_working_days", c.acknowledge_working_days},
                                           {"respond_months", c.respond_months},
                                           {"made_within_months", c.made_within_months}}}});
}

Response SettingsRoutes::ApiSet(Context& ctx) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  app::SettingInput in{ctx.request.path_params["kind"],
                       StringField(*body, "effective_from"),
                       {},
                       StringField(*body, "note")};
  if (auto* values = body->if_contains("values"); values && values->is_object())
    for (const auto& [name, value] : values->get_object())
      in.values[name] = value.is_int64()    ? std::to_string(value.get_int64())
                        : value.is_string() ? std::string(value.get_string())
                                            : "";
  auto set = settings_.Set(ctx.call, *ctx.principal, in);
  if (!set.ok()) return ErrorResponse(set.error(), ctx);
  return Response::Json(201, VersionJson(*app::ParseSettingKind(in.kind), *set));
}

void SettingsRoutes::AddSchemas(json::object& schemas) const {
  schemas["SettingVersion"] = Object({{"effective_from", NullableStr()},
                                      {"values", Type("object")},
                                      {"note", Type("string")},
                                      {"in_force", Type("boolean")},
                                      {"scheduled", Type("boolean")}},
                                     {"effective_from", "values", "in_force"});
  schemas["SettingInput"] = Object(
      {{"effective_from", Type("string")}, {"values", Type("object")}, {"note", Type("string")}},
      {"effective_from", "values", "note"});
  schemas["Settings"] = Object({{"today", Type("string")},
                                {"settings", Type("array")},
                                {"charging_policies", Type("array")},
                                {"complaints", Type("object")}},
                               {"settings"});
}

}  // namespace selfdirect::web
