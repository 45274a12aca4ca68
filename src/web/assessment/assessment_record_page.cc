// The practitioner's record of an assessment: confirm the result the answers give or change it
// with reasons (the engine advises, the council decides), who took part, notes, and consent,
// capacity and advocacy (Care Act 2014 ss11 and 67, Mental Capacity Act 2005).
#include "app/assessment_service.h"
#include "web/assessment/assessment_routes.h"

namespace selfdirect::web {
namespace {

using Options = std::vector<std::pair<std::string, std::string>>;

// One radio question for the radio_question partial; its first option's id is the field's name,
// which the error summary links to.
ViewData RadioQuestion(const std::string& name, const std::string& legend, const std::string& hint,
                       const Options& options, const std::string& chosen,
                       const std::vector<FieldError>& errors) {
  ViewData q;
  q.set("name", name);
  q.set("legend", legend);
  std::string described;
  if (!hint.empty()) {
    q.set("hint", hint);
    described = name + "-hint";
  }
  if (std::string error = ErrorFor(errors, name); !error.empty()) {
    q.set("error", error);
    described += (described.empty() ? "" : " ") + name + "-error";
  }
  if (!described.empty()) q.set("described_by", described);
  q.set("options", ChoiceOptions(name, name, options, {chosen}));
  return q;
}

template <typename E, size_t N>
Options Labelled(const E (&all)[N], std::string_view (*name)(E), std::string_view (*label)(E)) {
  Options out;
  for (E e : all) out.emplace_back(std::string(name(e)), std::string(label(e)));
  return out;
}

void SetDecisionQuestions(ViewData& d, const domain::PractitionerDecisionInput& typed,
                          const std::vector<FieldError>& errors) {
  d.set("agree", RadioQuestion("agree", "Do you confirm this result?", "",
                               {{"confirm", "Yes, confirm it"},
                                {"change", "No, change it: the council decides otherwise"}},
                               typed.agree, errors));
  d.set("consent",
        RadioQuestion("consent", "Did the person agree to the assessment?",
                      "The council must assess someone who refuses only in these cases.",
                      Labelled(domain::kAllConsents, domain::ConsentName, domain::ConsentLabel),
                      typed.consent, errors));
  d.set("capacity",
        RadioQuestion("capacity", "Mental capacity", "",
                      Labelled(domain::kAllCapacities, domain::CapacityName, domain::CapacityLabel),
                      typed.capacity, errors));
  d.set("advocacy",
        RadioQuestion("advocacy", "Would they have substantial difficulty being involved?",
                      "If so, and nobody appropriate can support them, the council must arrange "
                      "an independent advocate.",
                      Labelled(domain::kAllAdvocacy, domain::AdvocacyName, domain::AdvocacyLabel),
                      typed.advocacy, errors));
  for (const char* field : {"reasons", "participants", "notes", "advocate"}) {
    if (std::string error = ErrorFor(errors, field); !error.empty())
      d.set(std::string(field) + "_error", error);
  }
}

}  // namespace

Response AssessmentRoutes::RenderRecord(int status, Context& ctx, const app::AssessmentView& v,
                                        const domain::PractitionerDecisionInput& typed,
                                        const std::vector<FieldError>& errors) {
  ViewData d;
  d.set("assessment_id", v.record.id.ToString());
  d.set("person_name", v.person.details.given_name + " " + v.person.details.family_name);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("participants", typed.participants);
  d.set("notes", typed.notes);
  d.set("reasons", typed.reasons);
  d.set("advocate", typed.advocate);
  auto determination = app::AssessmentService::Determine(v);
  d.set("result", !determination.ok()       ? "cannot be decided yet: some answers are missing"
                  : determination->eligible ? "has eligible needs"
                                            : "does not have eligible needs");
  SetDecisionQuestions(d, typed, errors);
  SetErrorSummary(d, errors, [&](const FieldError& e) {
    return v.questionnaire->Find(e.field)
               ? "/assessments/" + v.record.id.ToString() + "/questions/" + PercentEncode(e.field) +
                     "?return=check"
               : std::string();
  });
  d.set("back_href", "/assessments/" + v.record.id.ToString() + "/check");
  return Page(status, "Record the decision", "assessment_record", d, ctx);
}

Response AssessmentRoutes::AssessmentRecordForm(Context& ctx) {
  auto view = AssessmentFromPath(ctx);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  const AssessmentId* id = &view->record.id;
  if (!view->can_complete) return Response::Redirect("/assessments/" + id->ToString());
  domain::PractitionerDecisionInput typed;
  typed.participants = view->record.participants;
  typed.notes = view->record.practitioner_notes;
  return RenderRecord(200, ctx, *view, typed, {});
}

Response AssessmentRoutes::AssessmentRecordSubmit(Context& ctx) {
  auto id = AssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No assessment with that reference"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  const auto typed = ReadDecisionInput([&](const char* name) { return FormValue(*form, name); });
  auto done = assessments_.Complete(ctx.call, *ctx.principal, *id, typed);
  if (!done.ok()) {
    if (done.error().code == ErrorCode::kInvalidArgument) {
      auto view = assessments_.Get(ctx.call, *ctx.principal, *id, ctx.request.Query("reason"));
      if (!view.ok()) return ErrorResponse(view.error(), ctx);
      return RenderRecord(422, ctx, *view, typed, done.error().fields);
    }
    return ErrorResponse(done.error(), ctx);
  }
  return Response::Redirect("/assessments/" + id->ToString() + "/decision");
}

}  // namespace selfdirect::web
