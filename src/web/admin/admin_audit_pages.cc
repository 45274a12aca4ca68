// File: admin_audit_pages.cc
// The audit log's search page and its CSV export (admin_routes.h).
#include "web/admin/admin_routes.h"

namespace selfdirect::web {
namespace {

constexpr int kAuditPageSize = 100;
constexpr int kAuditExportRows = 10'000;

// The date boxes of `field` as the query typed them, or from its YYYY-MM-DD form (links).
DateParts QueryParts(const Request& request, const std::string& field) {
  DateParts typed{request.Query(field + "-day"), request.Query(field + "-month"),
                  request.Query(field + "-year")};
  if (!typed.day.empty() || !typed.month.empty() || !typed.year.empty()) return typed;
  auto d = Date::Parse(request.Query(field));
  return d.ok() ? PartsOfDate(*d) : DateParts{};
}

}  // namespace

app::AuditSearchInput AuditSearchOf(const Request& request) {
  app::AuditSearchInput in;
  in.actor_email = request.Query("who");
  in.person = request.Query("person");
  in.action = request.Query("action");
  // The GOV.UK date inputs' boxes (the page), or YYYY-MM-DD (the API and links).
  for (auto [field, out] : {std::pair{"from", &in.from}, std::pair{"until", &in.until}}) {
    *out = request.Query(field);
    if (out->empty()) *out = IsoDateFromParts(QueryParts(request, field));
  }
  in.before_id = std::max<int64_t>(0, std::atoll(request.Query("before").c_str()));
  return in;
}

Response AdminRoutes::AuditPage(Context& ctx) {
  const app::AuditSearchInput in = AuditSearchOf(ctx.request);
  ViewData d;
  const std::pair<TextInput, std::string> fields[] = {
      {{"who", "Who", "The email address of their account", "email", "off", "", ""},
       in.actor_email},
      {{"person", "Whose record", "A person's reference, like SD-000123", "text", "off",
        "govuk-input--width-10", ""},
       in.person},
      {{"action", "What", "An action, or how it starts: person.view, person., session.sign_in",
        "text", "off", "govuk-input--width-20", ""},
       in.action},
  };
  auto found = audit_log_.SearchAudit(ctx.call, *ctx.principal, in, kAuditPageSize);
  std::vector<FieldError> errors;
  if (!found.ok() && found.error().code != ErrorCode::kInvalidArgument)
    return ErrorResponse(found.error(), ctx);
  if (!found.ok()) errors = found.error().fields;
  for (const auto& [t, value] : fields)
    d.set(t.id, TextInputView(t, value, ErrorFor(errors, t.id)));
  d.set("from", DateInputView("from", "From", "For example, 1 11 2026",
                              QueryParts(ctx.request, "from"), ErrorFor(errors, "from")));
  d.set("until", DateInputView("until", "Until", "The day is included",
                               QueryParts(ctx.request, "until"), ErrorFor(errors, "until")));
  SetErrorSummary(d, errors, [](const FieldError& e) {
    return e.field == "from" || e.field == "until" ? "#" + e.field + "-day" : std::string();
  });
  if (found.ok()) {
    ViewList rows;
    for (const auto& e : found->entries) {
      ViewData v;
      v.set("at", e.at.ToString());
      auto who = found->actors.find(e.actor_user_id.value());
      v.set("who", who == found->actors.end() ? "" : who->second);
      v.set("action", e.action);
      v.set("record", e.record_type.empty() ? "" : e.record_type + " " + e.record_id);
      v.set("detail", e.detail);
      v.set("address", e.client_address);
      rows.push_back(v);
    }
    d.set("rows", rows);
    d.set("has_rows", !rows.empty());
    d.set("searched", true);
    const std::string query =
        "who=" + PercentEncode(in.actor_email) + "&person=" + PercentEncode(in.person) +
        "&action=" + PercentEncode(in.action) + "&from=" + PercentEncode(in.from) +
        "&until=" + PercentEncode(in.until);
    d.set("csv_href", "/admin/audit.csv?" + query);
    if (found->more && !found->entries.empty())
      d.set("older_href",
            "/admin/audit?" + query + "&before=" + std::to_string(found->entries.back().id));
  }
  return Page(errors.empty() ? 200 : 422, "Audit log", "admin_audit", d, ctx);
}

Response AdminRoutes::AuditCsvDownload(Context& ctx) {
  auto found = audit_log_.SearchAudit(ctx.call, *ctx.principal, AuditSearchOf(ctx.request),
                                      kAuditExportRows);
  if (!found.ok()) return ErrorResponse(found.error(), ctx);
  return CsvAttachment(app::AuditCsv(*found), "audit-log.csv");
}

}  // namespace selfdirect::web
