// Assessment journeys: a person's self-assessment (one question per page, save and return, check
// answers, send, decision), a practitioner's assessment and record of the decision, the caseload.
#include <algorithm>
#include <map>

#include "app/assessment_service.h"
#include "base/text.h"
#include "web/assessment/assessment_routes.h"

namespace selfdirect::web {
namespace {

using app::AssessmentStatus;
using domain::Question;
using domain::QuestionType;
using domain::Role;

struct Located {
  const domain::Section* section;
  const Question* question;
};

// Visible questions in questionnaire order, given the answers so far.
std::vector<Located> VisibleQuestions(const domain::Questionnaire& q,
                                      const domain::Answers& answers) {
  std::vector<Located> out;
  for (const auto& s : q.sections) {
    for (const auto& question : s.questions) {
      if (domain::IsVisible(q, question, answers)) out.push_back({&s, &question});
    }
  }
  return out;
}

bool Answered(const domain::Answers& answers, const std::string& id) {
  auto it = answers.find(id);
  return it != answers.end() && !it->second.empty();
}

std::string AnswerText(const Question& q, const std::vector<std::string>& values) {
  if (values.empty()) return "Not answered";
  std::string out;
  for (const auto& v : values) {
    std::string shown = v;
    if (q.type == QuestionType::kBoolean) shown = v == "true" ? "Yes" : "No";
    for (const auto& o : q.options) {
      if (o.code == v) shown = o.display;
    }
    out += (out.empty() ? "" : "; ") + shown;
  }
  return out;
}

std::string StatusLabel(AssessmentStatus s) {
  switch (s) {
    case AssessmentStatus::kDraft:
      return "In progress";
    case AssessmentStatus::kSubmitted:
      return "Waiting for a practitioner";
    case AssessmentStatus::kCompleted:
      return "Decision recorded";
  }
  return "";
}

std::string StatusClass(AssessmentStatus s) {
  switch (s) {
    case AssessmentStatus::kDraft:
      return "govuk-tag--blue";
    case AssessmentStatus::kSubmitted:
      return "govuk-tag--yellow";
    case AssessmentStatus::kCompleted:
      return "govuk-tag--green";
  }
  return "";
}

std::string KindLabel(domain::AssessmentKind k) {
  return k == domain::AssessmentKind::kCarer ? "Carer's assessment" : "Needs assessment";
}

// Where the person goes after answering: on through the questions, or back to check answers.
enum class Then { kNextQuestion, kBackToCheck };

std::string QuestionHref(AssessmentId id, const std::string& question, Then then) {
  return "/assessments/" + id.ToString() + "/questions/" + PercentEncode(question) +
         (then == Then::kBackToCheck ? "?return=check" : "");
}

// Where "Save and continue" goes: back to check answers (once nothing visible and required is
// unanswered) or on to the next visible question.
std::string NextHref(const app::AssessmentView& v, const std::string& current, bool from_check) {
  auto visible = VisibleQuestions(*v.questionnaire, v.record.answers);
  std::string check = "/assessments/" + v.record.id.ToString() + "/check";
  if (from_check) {
    for (const auto& l : visible) {
      if (l.question->required && !Answered(v.record.answers, l.question->id)) {
        return QuestionHref(v.record.id, l.question->id, Then::kBackToCheck);
      }
    }
    return check;
  }
  for (size_t i = 0; i < visible.size(); ++i) {
    if (visible[i].question->id == current) {
      return i + 1 < visible.size()
                 ? QuestionHref(v.record.id, visible[i + 1].question->id, Then::kNextQuestion)
                 : check;
    }
  }
  return check;
}

}  // namespace

Result<app::AssessmentView> AssessmentRoutes::AssessmentFromPath(Context& ctx) {
  auto id = AssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return Error::NotFound("No assessment with that reference");
  return assessments_.Get(ctx.call, *ctx.principal, *id, ctx.request.Query("reason"));
}

void AssessmentRoutes::AddPageRoutes() {
  const std::vector<Role> everyone_with_people = kPersonViewerRoles;
  const auto page = &PageRoute;
  Add(Method::kPost, "/people/{id}/assessments",
      page(everyone_with_people, Bind(&AssessmentRoutes::StartAssessment)));
  Add(Method::kGet, "/assessments/{id}",
      page(everyone_with_people, Bind(&AssessmentRoutes::AssessmentOverview)));
  Add(Method::kGet, "/assessments/{id}/questions/{question}",
      page(everyone_with_people, Bind(&AssessmentRoutes::AssessmentQuestion)));
  Add(Method::kPost, "/assessments/{id}/questions/{question}",
      page(everyone_with_people, Bind(&AssessmentRoutes::AssessmentAnswer)));
  Add(Method::kGet, "/assessments/{id}/check",
      page(everyone_with_people, Bind(&AssessmentRoutes::AssessmentCheck)));
  Add(Method::kPost, "/assessments/{id}/submit",
      page(everyone_with_people, Bind(&AssessmentRoutes::AssessmentSubmit)));
  Add(Method::kGet, "/assessments/{id}/decision",
      page(everyone_with_people, Bind(&AssessmentRoutes::AssessmentDecision)));
  Add(Method::kGet, "/assessments/{id}/record",
      page(kCreatorRoles, Bind(&AssessmentRoutes::AssessmentRecordForm)));
  Add(Method::kPost, "/assessments/{id}/record",
      page(kCreatorRoles, Bind(&AssessmentRoutes::AssessmentRecordSubmit)));
  Add(Method::kGet, "/caseload", page(kCaseworkRoles, Bind(&AssessmentRoutes::CaseloadPage)));
  AddCarerPageRoutes();
}

void AssessmentRoutes::AddPersonSection(ViewData& d, Context& ctx, const app::PersonFile& file) {
  const auto& who = *ctx.principal;
  const auto& person = file.person;
  ViewList items;
  for (const auto& a : file.assessments) {
    ViewData item;
    item.set("id", a.id.ToString());
    item.set("kind_label", KindLabel(a.kind));
    item.set("started", a.created_at.LondonDate().ToString());
    item.set("status_label", StatusLabel(a.status));
    item.set("status_class", StatusClass(a.status));
    items.push_back(item);
  }
  d.set("assessments", items);
  d.set("has_assessments", !items.empty());
  bool self = who.user.role == Role::kBudgetHolder || who.user.role == Role::kRepresentative;
  bool caseworker = domain::CanEditPerson(who.actor, {person.id, person.team_id});
  d.set("can_start", self || caseworker);
  // A carer's assessment is the carer's own: started from the record of the person cared for,
  // by a practitioner or by the carer, never by the person cared for.
  d.set("can_start_carer", caseworker || (who.user.role == Role::kRepresentative &&
                                          who.actor.own_person_id != person.id));
  d.set("start_adult_label", who.user.role == Role::kBudgetHolder ? "Start your self-assessment"
                                                                  : "Start a needs assessment");
}

Response AssessmentRoutes::StartAssessment(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto form = ctx.request.Form();
  std::string kind = form && form->count("kind") ? form->find("kind")->second : "adult";
  if (kind != "adult" && kind != "carer")
    return ErrorResponse(Error::InvalidArgument("Choose a kind of assessment"), ctx);
  auto started = assessments_.Start(
      ctx.call, *ctx.principal, *person,
      kind == "carer" ? domain::AssessmentKind::kCarer : domain::AssessmentKind::kAdult);
  if (!started.ok()) return ErrorResponse(started.error(), ctx);
  auto view = assessments_.Get(ctx.call, *ctx.principal, started->id);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  auto visible = VisibleQuestions(*view->questionnaire, view->record.answers);
  return Response::Redirect(
      QuestionHref(started->id, visible.at(0).question->id, Then::kNextQuestion));
}

Response AssessmentRoutes::AssessmentOverview(Context& ctx) {
  auto view = AssessmentFromPath(ctx);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  const AssessmentId* id = &view->record.id;
  const auto& v = *view;
  auto visible = VisibleQuestions(*v.questionnaire, v.record.answers);
  // A numbered question counts as answered once it and its follow-ups shown are all answered.
  std::map<size_t, bool> complete;
  size_t question_count = 0;
  std::string first_unanswered;
  for (const auto& l : visible) {
    const domain::QuestionPlace place = domain::PlaceOf(*v.questionnaire, l.question->id);
    question_count = place.of;
    const bool answered = Answered(v.record.answers, l.question->id);
    complete.try_emplace(place.number, true).first->second &= answered;
    if (!answered && first_unanswered.empty()) first_unanswered = l.question->id;
  }
  const auto answered = std::count_if(complete.begin(), complete.end(),
                                      [](const auto& number) { return number.second; });
  ViewData d;
  d.set("person_name", v.person.details.given_name + " " + v.person.details.family_name);
  d.set("title", KindLabel(v.record.kind));
  d.set("status_label", StatusLabel(v.record.status));
  d.set("status_class", StatusClass(v.record.status));
  d.set("started", v.record.created_at.LondonDate().ToString());
  d.set("origin_label",
        v.record.origin == app::AssessmentOrigin::kSelf ? "self-assessment" : "by a practitioner");
  d.set("answered", std::to_string(answered));
  d.set("question_count", std::to_string(question_count));
  if (v.record.submitted_at) d.set("submitted", v.record.submitted_at->LondonDate().ToString());
  if (v.record.completed_at) d.set("completed", v.record.completed_at->LondonDate().ToString());
  if (v.can_answer) {
    d.set(
        "continue_href",
        QuestionHref(*id, first_unanswered.empty() ? visible.at(0).question->id : first_unanswered,
                     Then::kNextQuestion));
    d.set("continue_label", answered == 0 ? "Start now" : "Continue");
    d.set("check_href", "/assessments/" + id->ToString() + "/check");
    d.set("intro",
          "Answer one question at a time. Your answers are saved as you go, so you can stop and "
          "come back later.");
  }
  if (v.record.status != AssessmentStatus::kDraft)
    d.set("decision_href", "/assessments/" + id->ToString() + "/decision");
  if (v.can_complete) d.set("record_href", "/assessments/" + id->ToString() + "/record");
  d.set("back_href", "/people/" + v.person.id.ToString());
  return Page(200, KindLabel(v.record.kind), "assessment_overview", d, ctx);
}

Response AssessmentRoutes::RenderQuestion(int status, Context& ctx, const app::AssessmentView& v,
                                          const Question& q, const std::vector<std::string>& values,
                                          const std::string& error) {
  auto visible = VisibleQuestions(*v.questionnaire, v.record.answers);
  std::string section_title, previous;
  for (size_t i = 0; i < visible.size(); ++i) {
    if (visible[i].question->id == q.id) {
      section_title = visible[i].section->title;
      if (i > 0) previous = visible[i - 1].question->id;
    }
  }
  bool from_check = ctx.request.Query("return") == "check";
  ViewData d;
  d.set("assessment_id", v.record.id.ToString());
  d.set("question_id", q.id);
  d.set("question_text", q.text);
  d.set("section_title", section_title);
  if (!q.help.empty()) d.set("help", q.help);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("return_to", from_check ? "check" : "");
  const domain::QuestionPlace place = domain::PlaceOf(*v.questionnaire, q.id);
  d.set("position", std::to_string(place.number));
  d.set("question_count", std::to_string(place.of));
  d.set("follow_up", place.follow_up);
  d.set("is_text", q.type == QuestionType::kText || q.type == QuestionType::kInteger);
  d.set("is_multiple", q.type == QuestionType::kMultipleChoice);
  d.set("inline", q.type == QuestionType::kBoolean);
  std::string described = q.help.empty() ? "" : "answer-hint";
  if (!error.empty()) {
    d.set("error", error);
    described += std::string(described.empty() ? "" : " ") + "answer-error";
    ViewList errors;
    ViewData e;
    e.set("field", "answer");
    e.set("message", error);
    if (q.type != QuestionType::kText && q.type != QuestionType::kInteger)
      e.set("href", "#answer-1");
    errors.push_back(e);
    d.set("errors", errors);
    d.set("has_errors", true);
  }
  if (!described.empty()) d.set("described_by", described);
  ViewList options;
  auto option = [&](const std::string& value, const std::string& label, size_t index) {
    ViewData o;
    o.set("id", "answer-" + std::to_string(index));
    o.set("value", value);
    o.set("label", label);
    o.set("checked", std::find(values.begin(), values.end(), value) != values.end());
    o.set("divider_before", value == domain::kDoesNotApply);  // GOV.UK radios' "or".
    options.push_back(o);
  };
  if (q.type == QuestionType::kBoolean) {
    option("true", "Yes", 1);
    option("false", "No", 2);
  } else {
    for (size_t i = 0; i < q.options.size(); ++i)
      option(q.options[i].code, q.options[i].display, i + 1);
  }
  d.set("options", options);
  d.set("text_value", values.empty() ? "" : values[0]);
  d.set("back_href", from_check         ? "/assessments/" + v.record.id.ToString() + "/check"
                     : previous.empty() ? "/assessments/" + v.record.id.ToString()
                                        : QuestionHref(v.record.id, previous, Then::kNextQuestion));
  return Page(status, q.text, "assessment_question", d, ctx);
}

Response AssessmentRoutes::AssessmentQuestion(Context& ctx) {
  auto view = AssessmentFromPath(ctx);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  const AssessmentId* id = &view->record.id;
  const Question* q = view->questionnaire->Find(ctx.request.path_params["question"]);
  if (q == nullptr) return ErrorResponse(Error::NotFound("No such question"), ctx);
  if (!view->can_answer) return Response::Redirect("/assessments/" + id->ToString());
  if (!domain::IsVisible(*view->questionnaire, *q, view->record.answers)) {
    return Response::Redirect("/assessments/" + id->ToString() + "/check");
  }
  auto it = view->record.answers.find(q->id);
  return RenderQuestion(200, ctx, *view, *q,
                        it == view->record.answers.end() ? std::vector<std::string>{} : it->second,
                        "");
}

Response AssessmentRoutes::AssessmentAnswer(Context& ctx) {
  auto view = AssessmentFromPath(ctx);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  const AssessmentId* id = &view->record.id;
  const Question* q = view->questionnaire->Find(ctx.request.path_params["question"]);
  if (q == nullptr) return ErrorResponse(Error::NotFound("No such question"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  std::vector<std::string> values;
  auto [begin, end] = form->equal_range("answer");
  for (auto it = begin; it != end; ++it) {
    std::string value(q->type == QuestionType::kText ? std::string(Trim(it->second)) : it->second);
    if (!value.empty()) values.push_back(std::move(value));
  }
  bool from_check = form->count("return") && form->find("return")->second == "check";
  if (values.empty() && q->required) {
    std::string message = q->type == QuestionType::kBoolean          ? "Select yes or no"
                          : q->type == QuestionType::kMultipleChoice ? "Select at least one option"
                                                                     : "Answer the question";
    return RenderQuestion(422, ctx, *view, *q, values, message);
  }
  auto saved = assessments_.SaveAnswers(ctx.call, *ctx.principal, *id, {{q->id, values}});
  if (!saved.ok()) {
    if (saved.error().code == ErrorCode::kInvalidArgument && !saved.error().fields.empty()) {
      return RenderQuestion(422, ctx, *view, *q, values, saved.error().fields[0].message);
    }
    return ErrorResponse(saved.error(), ctx);
  }
  app::AssessmentView updated = *view;
  updated.record = *saved;
  return Response::Redirect(NextHref(updated, q->id, from_check));
}

Response AssessmentRoutes::RenderCheck(int status, Context& ctx, const app::AssessmentView& v,
                                       const std::vector<FieldError>& errors) {
  ViewData d;
  d.set("assessment_id", v.record.id.ToString());
  d.set("person_name", v.person.details.given_name + " " + v.person.details.family_name);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  ViewList sections;
  for (const auto& s : v.questionnaire->sections) {
    ViewList rows;
    for (const auto& q : s.questions) {
      if (!domain::IsVisible(*v.questionnaire, q, v.record.answers)) continue;
      auto it = v.record.answers.find(q.id);
      ViewData row;
      row.set("question", q.text);
      row.set("answer", AnswerText(q, it == v.record.answers.end() ? std::vector<std::string>{}
                                                                   : it->second));
      if (v.can_answer) row.set("change_href", QuestionHref(v.record.id, q.id, Then::kBackToCheck));
      rows.push_back(row);
    }
    if (rows.empty()) continue;
    ViewData section;
    section.set("title", s.title);
    section.set("rows", rows);
    sections.push_back(section);
  }
  d.set("sections", sections);
  d.set("can_submit", v.can_submit);
  if (v.can_complete) d.set("record_href", "/assessments/" + v.record.id.ToString() + "/record");
  SetErrorSummary(
      d, errors,
      [&](const FieldError& e) { return QuestionHref(v.record.id, e.field, Then::kBackToCheck); },
      [&](const FieldError& e) {
        const Question* q = v.questionnaire->Find(e.field);
        return q ? "Answer: " + q->text : e.message;
      });
  d.set("back_href", "/assessments/" + v.record.id.ToString());
  return Page(status, "Check your answers", "assessment_check", d, ctx);
}

Response AssessmentRoutes::AssessmentCheck(Context& ctx) {
  auto view = AssessmentFromPath(ctx);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  return RenderCheck(200, ctx, *view, {});
}

Response AssessmentRoutes::AssessmentSubmit(Context& ctx) {
  auto id = AssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No assessment with that reference"), ctx);
  auto sent = assessments_.Submit(ctx.call, *ctx.principal, *id);
  if (!sent.ok()) {
    if (sent.error().code == ErrorCode::kInvalidArgument) {
      auto view = assessments_.Get(ctx.call, *ctx.principal, *id, ctx.request.Query("reason"));
      if (!view.ok()) return ErrorResponse(view.error(), ctx);
      return RenderCheck(422, ctx, *view, sent.error().fields);
    }
    return ErrorResponse(sent.error(), ctx);
  }
  return Response::Redirect("/assessments/" + id->ToString() + "/decision?sent=1");
}

Response AssessmentRoutes::CaseloadPage(Context& ctx) {
  auto caseload = assessments_.Caseload(ctx.call, *ctx.principal);
  if (!caseload.ok()) return ErrorResponse(caseload.error(), ctx);
  const Date today = clock_.Now().LondonDate();
  ViewList items;
  for (const auto& e : *caseload) {
    const auto& a = e.assessment;
    ViewData item;
    item.set("id", a.id.ToString());
    item.set("person_name", e.person_name);
    item.set("kind_label", KindLabel(a.kind));
    item.set("status_label", StatusLabel(a.status));
    item.set("status_class", StatusClass(a.status));
    item.set("started", a.created_at.LondonDate().ToString());
    Timestamp since = a.submitted_at.value_or(a.created_at);
    item.set("days_waiting", std::to_string(today.DaysSince(since.LondonDate())));
    items.push_back(item);
  }
  ViewData d;
  d.set("items", items);
  d.set("has_items", !items.empty());
  d.set("count", std::to_string(items.size()));
  const auto role = ctx.principal->user.role;
  d.set("scope_text", role == Role::kPractitioner || role == Role::kApprover
                          ? "Open assessments for your team."
                          : "Open assessments for the council.");
  return Page(200, "Caseload", "caseload", d, ctx);
}

}  // namespace selfdirect::web
