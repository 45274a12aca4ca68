// File: survey_form.cc
// The public survey form behind a one-time link (survey_routes.h): standard or easy read (large
// type, a picture beside each answer), no sign-in, no JavaScript. The page shows the survey's
// name and questions only: never who the link was sent to.
#include <fmt/format.h>

#include "web/outcomes/survey_routes.h"
#include "web/pages/view.h"

namespace selfdirect::web {
namespace {

using domain::QuestionType;

std::string FieldOf(const std::string& question_id) { return "q-" + question_id; }

std::string Trimmed(std::string s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

ViewList OptionsView(const domain::Question& q, const std::vector<std::string>& chosen,
                     bool easy_read) {
  ViewList list;
  const std::string field = FieldOf(q.id);
  for (size_t i = 0; i < q.options.size(); ++i) {
    const auto& o = q.options[i];
    ViewData v;
    v.set("id", i == 0 ? field : fmt::format("{}-{}", field, i + 1));
    v.set("field", field);
    v.set("value", o.code);
    v.set("label", o.display);
    v.set("checked", std::find(chosen.begin(), chosen.end(), o.code) != chosen.end());
    const std::string_view picture = app::EasyReadSymbol(o.code);
    if (easy_read && !picture.empty())
      v.set("picture", std::string(app::kEasyReadSymbolPath) + std::string(picture));
    list.push_back(v);
  }
  return list;
}

ViewData QuestionView(const domain::Question& q,
                      const std::multimap<std::string, std::string>& form,
                      const std::vector<FieldError>& errors, bool easy_read) {
  const std::string field = FieldOf(q.id);
  ViewData v;
  v.set("field", field);
  v.set("text", q.text);
  if (!q.help.empty()) v.set("help", q.help);
  const std::string error = ErrorFor(errors, "answers." + q.id);
  if (!error.empty()) v.set("error", error);
  std::string described = q.help.empty() ? "" : field + "-hint";
  if (!error.empty()) described += (described.empty() ? "" : " ") + field + "-error";
  if (!described.empty()) v.set("described_by", described);
  if (q.type == QuestionType::kText) {
    v.set("text_input", true);
    v.set("value", FormValue(form, field));
    return v;
  }
  const bool multiple = q.type == QuestionType::kMultipleChoice;
  v.set("choice", true);
  v.set("kind", multiple ? "checkboxes" : "radios");
  v.set("input_type", multiple ? "checkbox" : "radio");
  if (multiple && q.help.empty()) v.set("multiple", true);
  v.set("options", OptionsView(q, FormValues(form, field), easy_read));
  return v;
}

}  // namespace

ViewList SurveyQuestionsView(const app::SurveyInstrument& instrument,
                             const std::multimap<std::string, std::string>& form,
                             const std::vector<FieldError>& errors, bool easy_read) {
  ViewList sections;
  for (const auto& s : instrument.questionnaire.sections) {
    ViewData section;
    section.set("title", s.title);
    ViewList questions;
    for (const auto& q : s.questions) questions.push_back(QuestionView(q, form, errors, easy_read));
    section.set("questions", questions);
    sections.push_back(section);
  }
  return sections;
}

app::SurveyAnswers AnswersFromForm(const app::SurveyInstrument& instrument,
                                   const std::multimap<std::string, std::string>& form) {
  app::SurveyAnswers out;
  for (const auto& s : instrument.questionnaire.sections)
    for (const auto& q : s.questions) {
      for (const auto& value : FormValues(form, FieldOf(q.id))) {
        std::string v = q.type == QuestionType::kText ? Trimmed(value) : value;
        if (!v.empty()) out.emplace_back(q.id, std::move(v));
      }
    }
  return out;
}

namespace {

ViewData FormData(const app::SurveyInvitationView& view, const std::string& action,
                  bool easy_read) {
  ViewData d;
  d.set("wave_name", view.wave.name);
  d.set("title", view.instrument->questionnaire.title);
  d.set("closes", view.wave.period_end.ToLongString());
  d.set("action", action);
  d.set("easy_read", easy_read);
  d.set("other_version_href", easy_read ? action : action + "?version=easy-read");
  return d;
}

}  // namespace

Response SurveyRoutes::SurveyFormPage(Context& ctx) {
  const std::string token = ctx.request.path_params.at("token");
  auto view = surveys_.FormForToken(ctx.call.council, token);
  if (!view.ok()) {
    if (view.error().code == ErrorCode::kInternal) return ErrorResponse(view.error(), ctx);
    return ErrorPage(view.error().code == ErrorCode::kNotFound ? 404 : 410,
                     "You cannot answer this survey", {view.error().message}, ctx);
  }
  const bool easy_read = ctx.request.Query("version") == "easy-read";
  ViewData d = FormData(*view, "/survey/" + token, easy_read);
  d.set("sections", SurveyQuestionsView(*view->instrument, {}, {}, easy_read));
  Response r = Page(200, view->instrument->questionnaire.title, "survey_form", d, ctx);
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

Response SurveyRoutes::SurveyFormSubmit(Context& ctx) {
  const std::string token = ctx.request.path_params.at("token");
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  auto view = surveys_.FormForToken(ctx.call.council, token);
  if (!view.ok()) {
    if (view.error().code == ErrorCode::kInternal) return ErrorResponse(view.error(), ctx);
    return ErrorPage(view.error().code == ErrorCode::kNotFound ? 404 : 410,
                     "You cannot answer this survey", {view.error().message}, ctx);
  }
  const bool easy_read = FormValue(*form, "version") == "easy-read";
  const auto answers = AnswersFromForm(*view->instrument, *form);
  Status saved = surveys_.AnswerOnline(
      ctx.call.council, token,
      easy_read ? app::SurveyChannel::kEasyRead : app::SurveyChannel::kOnline, answers);
  if (saved.ok()) return Page(200, "Thank you", "survey_thanks", ViewData{}, ctx);
  if (saved.error().code != ErrorCode::kInvalidArgument) {
    if (saved.error().code == ErrorCode::kInternal) return ErrorResponse(saved.error(), ctx);
    return ErrorPage(410, "You cannot answer this survey", {saved.error().message}, ctx);
  }
  ViewData d = FormData(*view, "/survey/" + token, easy_read);
  d.set("sections", SurveyQuestionsView(*view->instrument, *form, saved.error().fields, easy_read));
  SetErrorSummary(
      d, saved.error().fields,
      [](const FieldError& e) { return "#q-" + e.field.substr(e.field.find('.') + 1); }, nullptr);
  return Page(422, view->instrument->questionnaire.title, "survey_form", d, ctx);
}

}  // namespace selfdirect::web
