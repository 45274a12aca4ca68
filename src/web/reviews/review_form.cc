// File: review_form.cc
// The review form (review_routes.h): who took part, what is working and what is not in the
// person's words, each outcome of the plan, the outcome questions of the survey, the money left,
// and what the review decided.
#include "base/text.h"
#include "web/reviews/review_routes.h"

namespace selfdirect::web {
namespace {

using Form = std::multimap<std::string, std::string>;

ViewList OutcomeRows(const app::PersonReviews& f, const app::ReviewInput& typed,
                     const std::vector<FieldError>& errors) {
  ViewList rows;
  const std::vector<std::pair<std::string, std::string>> progress = {
      {"met", "Met"}, {"partly", "Partly met"}, {"not_yet", "Not met yet"}};
  for (size_t i = 0; i < f.outcomes.size(); ++i) {
    const std::string id = "outcome_" + std::to_string(i);
    const app::OutcomeProgress* t = i < typed.outcomes.size() ? &typed.outcomes[i] : nullptr;
    ViewData v;
    v.set("group", RadioGroupView(id, f.outcomes[i], "",
                                  ChoiceOptions(id, id, progress, {t ? t->progress : ""}),
                                  ErrorFor(errors, id), true));
    v.set("note_id", id + "_note");
    v.set("note", t ? t->note : "");
    v.set("outcome", f.outcomes[i]);
    rows.push_back(v);
  }
  return rows;
}

ViewList QuestionRows(const app::ReviewInput& typed, const std::vector<FieldError>& errors) {
  ViewList rows;
  for (const auto& q : app::ReviewQuestions()) {
    std::vector<std::pair<std::string, std::string>> options;
    for (const auto& o : q.options) options.push_back({o.code, o.display});
    std::string chosen;
    for (const auto& a : typed.answers)
      if (a.question == q.id) chosen = a.answer;
    const std::string id = "answer_" + q.id;
    ViewData v;
    v.set("group", RadioGroupView(id, q.text, "", ChoiceOptions(id, id, options, {chosen}),
                                  ErrorFor(errors, "answers." + q.id), true));
    rows.push_back(v);
  }
  return rows;
}

// The form as typed. Each outcome of the plan has a note box, always sent, so the notes say how
// many outcomes the form showed.
app::ReviewInput ReadReview(const Form& form, const DateParts& held_on) {
  app::ReviewInput in;
  in.held_on = IsoDateFromParts(held_on);
  in.took_part = FormValue(form, "took_part");
  in.working = FormValue(form, "working");
  in.not_working = FormValue(form, "not_working");
  for (size_t i = 0; form.count("outcome_" + std::to_string(i) + "_note") > 0; ++i) {
    const std::string id = "outcome_" + std::to_string(i);
    in.outcomes.push_back({"", FormValue(form, id), FormValue(form, id + "_note")});
  }
  for (const auto& q : app::ReviewQuestions())
    if (auto a = FormValue(form, "answer_" + q.id); !a.empty()) in.answers.push_back({q.id, a});
  in.outcome = FormValue(form, "outcome");
  in.outcome_reason = FormValue(form, "outcome_reason");
  return in;
}

std::string ErrorHref(const FieldError& e) {
  if (e.field == "held_on") return "#held_on-day";
  if (e.field.rfind("answers.", 0) == 0) return "#answer_" + e.field.substr(8);
  return "";
}

}  // namespace

Response ReviewRoutes::FormPage(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  return RenderForm(ctx, *person, {}, {}, PartsOfDate(clock_.Now().LondonDate()));
}

Response ReviewRoutes::RenderForm(Context& ctx, PersonId person,
                                  const std::vector<FieldError>& errors,
                                  const app::ReviewInput& typed, const DateParts& held_on) {
  auto f = reviews_.ForPerson(ctx.call, *ctx.principal, person);
  if (!f.ok()) return ErrorResponse(f.error(), ctx);
  if (!f->next)
    return ErrorResponse(Error::FailedPrecondition("There is no agreed plan to review yet"), ctx);
  if (!f->may_record)
    return ErrorResponse(Error::PermissionDenied("Your role cannot record a review"), ctx);
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("person_id", person.ToString());
  d.set("name", f->person.details.given_name + " " + f->person.details.family_name);
  d.set("due", f->next->due.due.ToLongString());
  d.set("reason", domain::ReviewReasonLabel(f->next->due.reason));
  d.set("held_on", DateInputView("held_on", "Date of the review", "For example, 27 3 2027", held_on,
                                 ErrorFor(errors, "held_on")));
  for (const char* field : {"took_part", "working", "not_working", "outcome_reason"})
    d.set(std::string(field) + "_error", ErrorFor(errors, field));
  d.set("took_part", typed.took_part);
  d.set("working", typed.working);
  d.set("not_working", typed.not_working);
  d.set("outcomes", OutcomeRows(*f, typed, errors));
  d.set("has_outcomes", !f->outcomes.empty());
  d.set("questions", QuestionRows(typed, errors));
  d.set("answers_open", !typed.answers.empty());
  d.set("has_money", f->money_left.has_value());
  d.set("money_left", f->money_left.value_or(Pence()).ToDisplayString());
  std::vector<std::pair<std::string, std::string>> decisions;
  for (auto o : {domain::ReviewOutcome::kNoChange, domain::ReviewOutcome::kRevisePlan,
                 domain::ReviewOutcome::kReassess})
    decisions.push_back(
        {std::string(domain::ReviewOutcomeCode(o)), std::string(domain::ReviewOutcomeLabel(o))});
  d.set("decision", RadioGroupView("outcome", "What did the review decide?", "",
                                   ChoiceOptions("outcome", "outcome", decisions, {typed.outcome}),
                                   ErrorFor(errors, "outcome"), true));
  d.set("outcome_reason", typed.outcome_reason);
  SetErrorSummary(d, errors, ErrorHref);
  return Page(errors.empty() ? 200 : 422, "Record a review", "review_form", d, ctx);
}

Response ReviewRoutes::RecordSubmit(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  const DateParts held_on = PartsOfForm(*form, "held_on");
  const app::ReviewInput in = ReadReview(*form, held_on);
  auto r = reviews_.Record(ctx.call, *ctx.principal, *person, in);
  if (!r.ok() && r.error().code == ErrorCode::kInvalidArgument)
    return RenderForm(ctx, *person, r.error().fields, in, held_on);
  if (!r.ok()) return ErrorResponse(r.error(), ctx);
  std::string to = "/people/" + person->ToString() + "/reviews?done=recorded";
  if (r->plan_revised) to += "&plan=" + r->plan.ToString();
  if (r->review.outcome == domain::ReviewOutcome::kReassess) to += "&reassess=1";
  return Response::Redirect(to);
}

}  // namespace selfdirect::web
