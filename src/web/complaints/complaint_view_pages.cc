// File: complaint_view_pages.cc
// One complaint, with the form to acknowledge it or to answer it (complaint_routes.h).
#include "base/text.h"
#include "web/complaints/complaint_routes.h"

namespace selfdirect::web {
namespace {

ViewData RecordView(const app::ComplaintView& v) {
  ViewData d = ComplaintFields(v);
  d.set("self", v.self);
  d.set("late", v.dates.late && !v.self);
  // The tag goes on the step owed next.
  d.set(v.record.acknowledged_on ? "answer_tag" : "ack_tag", ComplaintTimingTag(v.timing));
  return d;
}

std::vector<std::pair<std::string, std::string>> OutcomeOptions() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto o : {domain::ComplaintOutcome::kUpheld, domain::ComplaintOutcome::kPartlyUpheld,
                 domain::ComplaintOutcome::kNotUpheld, domain::ComplaintOutcome::kWithdrawn})
    out.push_back({std::string(domain::ComplaintOutcomeCode(o)),
                   std::string(domain::ComplaintOutcomeLabel(o))});
  return out;
}

std::optional<ComplaintId> IdOf(Context& ctx) {
  auto id = ComplaintId::Parse(ctx.request.path_params["id"]);
  return id ? std::optional<ComplaintId>(*id) : std::nullopt;
}

}  // namespace

Response ComplaintRoutes::ComplaintPage(Context& ctx) {
  auto id = IdOf(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No complaint with that reference"), ctx);
  return RenderComplaint(ctx, *id, {}, {});
}

Response ComplaintRoutes::RenderComplaint(Context& ctx, ComplaintId id, const Form& form,
                                          const std::vector<FieldError>& errors) {
  auto v = complaints_.Get(ctx.call, *ctx.principal, id);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  ViewData d = RecordView(*v);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  const bool acknowledged = v->record.acknowledged_on.has_value();
  d.set("may_acknowledge", v->may_answer && !acknowledged);
  d.set("may_respond", v->may_answer && acknowledged && !v->record.responded_on);
  d.set("on",
        DateInputView("on", acknowledged ? "Date of the answer" : "Date acknowledged",
                      "Leave empty for today", PartsOfForm(form, "on"), ErrorFor(errors, "on")));
  d.set("agreed",
        DateInputView(
            "agreed_respond_by", "A later date agreed for the answer (optional)",
            "Only if the person agreed to wait longer than " + v->dates.respond_by.ToLongString(),
            PartsOfForm(form, "agreed_respond_by"), ErrorFor(errors, "agreed_respond_by")));
  d.set("note", TextInputView({"note", "How it will be looked into",
                               "As agreed with the person: who will look into it and how", "text",
                               "", "", "4"},
                              FormValue(form, "note"), ErrorFor(errors, "note")));
  d.set("outcome_group", RadioGroupView("outcome", "Outcome", "",
                                        ChoiceOptions("outcome", "outcome", OutcomeOptions(),
                                                      {FormValue(form, "outcome")}),
                                        ErrorFor(errors, "outcome"), true));
  d.set("response_input",
        TextInputView({"response", "The answer to the person",
                       "What was found, what will be done, and an apology where one is owed",
                       "text", "", "", "8"},
                      FormValue(form, "response"), ErrorFor(errors, "response")));
  SetErrorSummary(d, errors, [](const FieldError& e) {
    return e.field == "on" || e.field == "agreed_respond_by" ? "#" + e.field + "-day"
                                                             : std::string();
  });
  const std::string done = ctx.request.Query("done");
  if (done == "made")
    d.set("banner", v->self ? "We have it: reference " + app::ComplaintReferenceOf(id)
                            : "Recorded: " + app::ComplaintReferenceOf(id));
  if (done == "acknowledged") d.set("banner", "Acknowledged");
  if (done == "answered") d.set("banner", "Answer sent");
  return Page(errors.empty() ? 200 : 422, app::ComplaintReferenceOf(id), "complaint", d, ctx);
}

Response ComplaintRoutes::AcknowledgeSubmit(Context& ctx) {
  auto id = IdOf(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No complaint with that reference"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  app::AcknowledgeInput in{IsoDateFromParts(PartsOfForm(*form, "on")),
                           IsoDateFromParts(PartsOfForm(*form, "agreed_respond_by")),
                           FormValue(*form, "note")};
  auto r = complaints_.Acknowledge(ctx.call, *ctx.principal, *id, in);
  if (r.ok()) return Response::Redirect("/complaints/" + id->ToString() + "?done=acknowledged");
  if (r.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(r.error(), ctx);
  return RenderComplaint(ctx, *id, *form, r.error().fields);
}

Response ComplaintRoutes::RespondSubmit(Context& ctx) {
  auto id = IdOf(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No complaint with that reference"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  app::ResponseInput in{IsoDateFromParts(PartsOfForm(*form, "on")), FormValue(*form, "outcome"),
                        FormValue(*form, "response")};
  auto r = complaints_.Respond(ctx.call, *ctx.principal, *id, in);
  if (r.ok()) return Response::Redirect("/complaints/" + id->ToString() + "?done=answered");
  if (r.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(r.error(), ctx);
  return RenderComplaint(ctx, *id, *form, r.error().fields);
}

}  // namespace selfdirect::web
