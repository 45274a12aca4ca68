// Evidence notes and documents on a financial assessment's page, for finance officers: what was
// seen for each item, and the document itself (a PDF or a photo), uploaded and downloaded.
#include "web/charging/charging_form.h"
#include "web/charging/charging_routes.h"

namespace selfdirect::web {

using charging_form::EvidenceItemLabel;

namespace {

// "12 KB", "1.4 MB": a document's size as people read it.
std::string SizeText(int64_t bytes) {
  if (bytes < 1024 * 1024) return std::to_string((bytes + 1023) / 1024) + " KB";
  const int64_t tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);  // Half up to 0.1 MB.
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MB";
}

// Every item of the assessment that evidence can be for, as select options.
ViewList ItemOptions(const app::FinancialAssessmentView& view, const std::string& chosen) {
  std::vector<std::string> keys{"capital"};
  for (size_t i = 0; i < view.outcome.request.input.income.size(); ++i)
    keys.push_back("income[" + std::to_string(i) + "]");
  keys.push_back("housing_costs_weekly");
  keys.push_back("disability_related_expenditure_weekly");
  ViewList options;
  for (const auto& k : keys) {
    ViewData o;
    o.set("value", k);
    o.set("label", EvidenceItemLabel(view, k));
    o.set("selected", k == chosen);
    options.push_back(o);
  }
  return options;
}

}  // namespace

void ChargingRoutes::AddEvidenceDocuments(ViewData& d, Context& ctx,
                                          const app::FinancialAssessmentView& view,
                                          const std::vector<FieldError>& errors,
                                          const app::EvidenceAddition& typed) {
  auto kept = charging_.Evidence(ctx.call, *ctx.principal, view.record.id);
  ViewList rows;
  for (const auto& e : kept.ok() ? *kept : std::vector<app::EvidenceDocumentRecord>{}) {
    ViewData r;
    r.set("item", EvidenceItemLabel(view, e.item));
    r.set("note", e.note);
    r.set("added", e.added_at.LondonDate().ToString());
    if (!e.file_name.empty()) {
      r.set("document_id", e.id.ToString());
      r.set("file_name", e.file_name);
      r.set("size", SizeText(e.size_bytes));
    }
    rows.push_back(r);
  }
  ViewData ev;
  ev.set("rows", rows);
  ev.set("has_rows", !rows.empty());
  ev.set("items", ItemOptions(view, typed.item));
  ev.set("note", typed.note);
  ev.set("csrf_token", ctx.principal->session.csrf_token);
  ev.set("id", view.record.id.ToString());
  for (const auto& e : errors) ev.set(e.field + "_error", e.message);
  d.set("evidence_documents", ev);
  if (!errors.empty())
    SetErrorSummary(d, errors, [](const FieldError& e) { return "#evidence-" + e.field; });
}

Response ChargingRoutes::AddEvidence(Context& ctx) {
  auto id = FinancialAssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such financial assessment"), ctx);
  auto parts = ParseMultipartForm(ctx.request.Header("content-type"), ctx.request.body);
  if (!parts) return ErrorResponse(Error::InvalidArgument("The upload could not be read"), ctx);
  app::EvidenceAddition a;
  for (auto& p : *parts) {
    if (p.name == "item" && !p.filename) a.item = p.data;
    if (p.name == "note" && !p.filename) a.note = p.data;
    if (p.name == "file" && p.filename && !(p.filename->empty() && p.data.empty())) {
      a.file_name = *p.filename;
      a.bytes = std::move(p.data);
    }
  }
  auto added = charging_.AddEvidence(ctx.call, *ctx.principal, *id, a);
  if (added.ok())
    return Response::Redirect("/financial-assessments/" + id->ToString() + "?saved=evidence");
  if (added.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(added.error(), ctx);
  auto view = charging_.Get(ctx.call, *ctx.principal, *id);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  ViewData d;
  d.set("person_name", view->person.details.given_name + " " + view->person.details.family_name);
  d.set("id", id->ToString());
  d.set("back_href", "/financial-assessments/" + id->ToString());
  AddEvidenceDocuments(d, ctx, *view, added.error().fields, a);
  return Page(422, "Keep evidence", "evidence_documents", d, ctx);
}

Response ChargingRoutes::EvidenceDocument(Context& ctx) {
  auto id = EvidenceDocumentId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such document"), ctx);
  auto file = charging_.EvidenceFile(ctx.call, *ctx.principal, *id);
  if (!file.ok()) return ErrorResponse(file.error(), ctx);
  Response r;
  r.status = 200;
  r.body = std::move(file->second);
  r.SetHeader("Content-Type", file->first.media_type);
  // Always a download, never shown in the page's origin; the name is SafeFileName's.
  r.SetHeader("Content-Disposition", "attachment; filename=\"" + file->first.file_name + "\"");
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

}  // namespace selfdirect::web
