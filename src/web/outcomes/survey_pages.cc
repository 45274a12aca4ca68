// File: survey_pages.cc
// The analyst's survey pages (survey_routes.h): the waves, opening one, a wave's sample and
// response rates, the letters, closing, paper forms (typed in, imported, printable) and the
// respondent-level download.
#include <fmt/format.h>

#include "base/text.h"
#include "web/outcomes/survey_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using Form = std::multimap<std::string, std::string>;

const std::vector<Role> kReaders = {Role::kAnalyst, Role::kAdministrator, Role::kApprover};

std::string ValueOr(const Form& form, const std::string& key, const std::string& otherwise) {
  return form.contains(key) ? FormValue(form, key) : otherwise;
}

std::string Percent(double p) { return fmt::format("{:.1f}%", p * 100); }

ViewData WaveLine(const app::SurveyWaveRecord& w) {
  ViewData v;
  v.set("id", w.id.ToString());
  v.set("name", w.name);
  v.set("period", w.period_start.ToLongString() + " to " + w.period_end.ToLongString());
  v.set("open", w.status == app::SurveyWaveStatus::kOpen);
  v.set("status", w.status == app::SurveyWaveStatus::kOpen ? "Open" : "Closed");
  const auto* q = app::FindSurveyInstrument(w.instrument_id, w.instrument_version);
  v.set("survey", q ? q->title : w.instrument_id);
  return v;
}

}  // namespace

Result<SurveyWaveId> WaveIdOf(const Request& request) {
  auto it = request.path_params.find("id");
  auto id = it == request.path_params.end() ? std::nullopt : SurveyWaveId::Parse(it->second);
  if (!id) return Error::NotFound("No such survey wave");
  return *id;
}

void SurveyRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  const Role r = ctx.principal->user.role;
  if (r == Role::kAnalyst || r == Role::kAdministrator || r == Role::kApprover)
    out.push_back({"/outcomes/surveys", "Outcome surveys and what leads to good lives", false});
}

void SurveyRoutes::AddPageRoutes() {
  const std::vector<Role> analyst = {Role::kAnalyst};
  Add(Method::kGet, "/outcomes/surveys", PageRoute(kReaders, Bind(&SurveyRoutes::WavesPage)));
  Add(Method::kGet, "/outcomes/surveys/new", PageRoute(analyst, Bind(&SurveyRoutes::NewWavePage)));
  Add(Method::kPost, "/outcomes/surveys", PageRoute(analyst, Bind(&SurveyRoutes::OpenWaveSubmit)));
  Add(Method::kGet, "/outcomes/surveys/{id}", PageRoute(kReaders, Bind(&SurveyRoutes::WavePage)));
  Add(Method::kPost, "/outcomes/surveys/{id}/letters",
      PageRoute(analyst, Bind(&SurveyRoutes::LettersDownload)));
  Add(Method::kPost, "/outcomes/surveys/{id}/emails",
      PageRoute(analyst, Bind(&SurveyRoutes::EmailsSubmit)));
  Add(Method::kPost, "/outcomes/surveys/{id}/close",
      PageRoute(analyst, Bind(&SurveyRoutes::CloseWaveSubmit)));
  Add(Method::kGet, "/outcomes/surveys/{id}/paper",
      PageRoute(analyst, Bind(&SurveyRoutes::PaperFormPage)));
  Add(Method::kPost, "/outcomes/surveys/{id}/paper",
      PageRoute(analyst, Bind(&SurveyRoutes::PaperFormSubmit)));
  Route import = PageRoute(analyst, Bind(&SurveyRoutes::PaperImportSubmit));
  import.upload = true;
  Add(Method::kPost, "/outcomes/surveys/{id}/paper-import", import);
  Add(Method::kGet, "/outcomes/surveys/{id}/form",
      PageRoute(analyst, Bind(&SurveyRoutes::PrintableForm)));
  Add(Method::kGet, "/outcomes/surveys/{id}/form.pdf",
      PageRoute(analyst, Bind(&SurveyRoutes::PrintableFormPdf)));
  Add(Method::kGet, "/outcomes/surveys/{id}/responses.csv",
      PageRoute(analyst, Bind(&SurveyRoutes::ResponsesDownload)));
  Add(Method::kGet, "/outcomes/surveys/{id}/results",
      PageRoute(kReaders, Bind(&SurveyRoutes::DashboardPage)));
  Add(Method::kGet, "/outcomes/surveys/{id}/results.csv",
      PageRoute(kReaders, Bind(&SurveyRoutes::ResultsDownload)));
  Add(Method::kGet, "/outcomes/surveys/{id}/results.xlsx",
      PageRoute(kReaders, Bind(&SurveyRoutes::ResultsDownload)));
  Add(Method::kGet, "/survey-results", PublicPageRoute(Bind(&SurveyRoutes::PublicResultsList)));
  Add(Method::kGet, "/survey-results/{id}",
      PublicPageRoute(Bind(&SurveyRoutes::PublicResultsPage)));
  Add(Method::kGet, "/survey/{token}", PublicPageRoute(Bind(&SurveyRoutes::SurveyFormPage)));
  Route answer = PublicPageRoute(Bind(&SurveyRoutes::SurveyFormSubmit));
  answer.forgery = Forgery::kOwnCheck;  // The one-time link's token is the proof.
  Add(Method::kPost, "/survey/{token}", answer);
}

Response SurveyRoutes::WavesPage(Context& ctx) {
  auto waves = surveys_.Waves(ctx.call, *ctx.principal);
  if (!waves.ok()) return ErrorResponse(waves.error(), ctx);
  ViewData d;
  ViewList list;
  for (const auto& w : *waves) list.push_back(WaveLine(w));
  d.set("waves", list);
  d.set("has_waves", !waves->empty());
  d.set("may_open", ctx.principal->user.role == Role::kAnalyst);
  if (ctx.request.Query("opened") == "1") d.set("banner", "The survey wave is open");
  return Page(200, "Outcome surveys", "survey_waves", d, ctx);
}

Response SurveyRoutes::NewWavePage(Context& ctx) { return RenderNewWave(ctx, {}, {}); }

Response SurveyRoutes::RenderNewWave(Context& ctx, const Form& form,
                                     const std::vector<FieldError>& errors) {
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("name", ValueOr(form, "name", ""));
  const std::string chosen = ValueOr(form, "instrument_id", "budget-holder-survey");
  ViewList instruments;
  for (const auto& [id, label] :
       {std::pair{"budget-holder-survey", "People with a personal budget"},
        std::pair{"carer-survey", "Carers of people with a budget"}}) {
    ViewData o;
    o.set("value", id);
    o.set("label", label);
    o.set("id", std::string("instrument-") + id);
    o.set("checked", chosen == id);
    instruments.push_back(o);
  }
  d.set("instruments", instruments);
  const Date today = clock_.Now().LondonDate();
  d.set("period_start",
        DateInputView("period_start", "First day", "For example, 1 1 2027",
                      form.empty() ? PartsOfDate(today) : PartsOfForm(form, "period_start"),
                      ErrorFor(errors, "period_start")));
  d.set(
      "period_end",
      DateInputView("period_end", "Last day to answer", "Links stop working after this day",
                    form.empty() ? PartsOfDate(today.AddDays(42)) : PartsOfForm(form, "period_end"),
                    ErrorFor(errors, "period_end")));
  d.set("margin", ValueOr(form, "margin", "5"));
  d.set("margin_error", ErrorFor(errors, "margin"));
  d.set("expected_response", ValueOr(form, "expected_response", "40"));
  d.set("expected_response_error", ErrorFor(errors, "expected_response"));
  d.set("name_error", ErrorFor(errors, "name"));
  SetErrorSummary(
      d, errors,
      [](const FieldError& e) {
        return e.field == "period_start" || e.field == "period_end" ? "#" + e.field + "-day"
                                                                    : "#" + e.field;
      },
      nullptr);
  return Page(errors.empty() ? 200 : 422, "Open a survey wave", "survey_new", d, ctx);
}

namespace {

// A whole number of points or percent from a form field, or -1.
int32_t WholeNumber(const std::string& text) {
  auto v = ParsePositiveInteger(Trim(text));
  if (!v || *v > 1000) return -1;
  return static_cast<int32_t>(*v);
}

Result<app::OpenWaveInput> OpenWaveFromForm(const Form& form) {
  app::OpenWaveInput in;
  std::vector<FieldError> errors;
  in.name = std::string(Trim(FormValue(form, "name")));
  in.instrument_id = FormValue(form, "instrument_id");
  auto date = [&](const char* field, Date& out) {
    auto d = Date::Parse(IsoDateFromParts(PartsOfForm(form, field)));
    if (d.ok())
      out = *d;
    else
      errors.push_back({field, "Enter a real date"});
  };
  date("period_start", in.period_start);
  date("period_end", in.period_end);
  const int32_t margin = WholeNumber(FormValue(form, "margin"));
  in.margin_tenths = margin < 0 ? 0 : margin * 10;
  in.expected_response_pct = WholeNumber(FormValue(form, "expected_response"));
  if (!errors.empty()) return Error::InvalidArgument("The wave cannot be opened", errors);
  return in;
}

}  // namespace

Response SurveyRoutes::OpenWaveSubmit(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  auto in = OpenWaveFromForm(*form);
  if (!in.ok()) return RenderNewWave(ctx, *form, in.error().fields);
  auto id = surveys_.OpenWave(ctx.call, *ctx.principal, *in);
  if (!id.ok() && id.error().code == ErrorCode::kInvalidArgument)
    return RenderNewWave(ctx, *form, id.error().fields);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  return Response::Redirect("/outcomes/surveys/" + id->ToString() + "?opened=1");
}

namespace {

ViewList StrataView(const app::WaveSummary& s) {
  ViewList rows;
  for (const auto& st : s.strata) {
    ViewData r;
    r.set("label", st.stratum.label);
    r.set("population", std::to_string(st.stratum.population));
    r.set("sampled", std::to_string(st.stratum.sampled));
    r.set("responded", std::to_string(st.responded));
    r.set("rate", st.stratum.sampled > 0 ? Percent(st.response_rate) : "-");
    r.set("weight", st.responded > 0 ? fmt::format("{:.2f}", st.weight) : "-");
    rows.push_back(r);
  }
  return rows;
}

ViewData SummaryView(const app::WaveSummary& s) {
  ViewData d = WaveLine(s.wave);
  d.set("population", std::to_string(s.population));
  d.set("sampled", std::to_string(s.sampled));
  d.set("issued", std::to_string(s.issued));
  d.set("emailed", std::to_string(s.emailed));
  d.set("responded", std::to_string(s.responded));
  d.set("rate", s.sampled > 0 ? Percent(double(s.responded) / double(s.sampled)) : "-");
  d.set("returns_needed", std::to_string(s.returns_needed));
  d.set("margin_target", fmt::format("{:.1f}", s.wave.margin_tenths / 10.0));
  d.set("margin_now", s.responded > 0 ? fmt::format("{:.1f}", s.margin_now * 100) : "");
  d.set("strata", StrataView(s));
  return d;
}

}  // namespace

Response SurveyRoutes::WavePage(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  auto summary = surveys_.Summary(ctx.call, *ctx.principal, *id);
  if (!summary.ok()) return ErrorResponse(summary.error(), ctx);
  ViewData d = SummaryView(*summary);
  d.set("analyst", ctx.principal->user.role == Role::kAnalyst);
  d.set("email", options_.email && clock_.Now().LondonDate() <= summary->wave.period_end);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  if (ctx.request.Query("opened") == "1")
    d.set("banner", fmt::format("The wave is open: {} people were sampled", summary->sampled));
  if (ctx.request.Query("entered") == "1") d.set("banner", "The paper form was entered");
  if (auto n = ctx.request.Query("imported"); !n.empty())
    d.set("banner", n + " paper forms were imported");
  if (ctx.request.Query("closed") == "1") d.set("banner", "The wave is closed");
  if (auto n = ctx.request.Query("emailed"); !n.empty())
    d.set("banner", n == "1" ? "1 invitation will be emailed" : n + " invitations will be emailed");
  return Page(200, summary->wave.name, "survey_wave", d, ctx);
}

Response SurveyRoutes::LettersDownload(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  auto csv = surveys_.IssueLetters(ctx.call, *ctx.principal, *id, BaseUrl(ctx.request));
  if (!csv.ok()) return ErrorResponse(csv.error(), ctx);
  return CsvAttachment(std::move(*csv), "survey-letters-" + id->ToString() + ".csv");
}

Response SurveyRoutes::EmailsSubmit(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  if (!options_.email) return ErrorResponse(NoEmail(), ctx);
  auto queued = surveys_.EmailInvitations(ctx.call, *ctx.principal, *id);
  if (!queued.ok()) return ErrorResponse(queued.error(), ctx);
  return Response::Redirect("/outcomes/surveys/" + id->ToString() +
                            "?emailed=" + std::to_string(*queued));
}

Response SurveyRoutes::CloseWaveSubmit(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  Status closed = surveys_.CloseWave(ctx.call, *ctx.principal, *id);
  if (!closed.ok()) return ErrorResponse(closed.error(), ctx);
  return Response::Redirect("/outcomes/surveys/" + id->ToString() + "?closed=1");
}

Response SurveyRoutes::RenderPaperForm(Context& ctx, const app::SurveyWaveRecord& wave,
                                       const Form& form, const std::vector<FieldError>& errors,
                                       int status) {
  const app::SurveyInstrument* instrument = app::InstrumentOf(wave);
  if (!instrument) return ErrorResponse(Error::Internal("The survey's questions are missing"), ctx);
  ViewData d = WaveLine(wave);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("reference", FormValue(form, "reference"));
  d.set("reference_error", ErrorFor(errors, "reference"));
  d.set("sections", SurveyQuestionsView(*instrument, form, errors, false));
  SetErrorSummary(
      d, errors,
      [](const FieldError& e) {
        return e.field == "reference" ? std::string("#reference")
                                      : "#q-" + e.field.substr(e.field.find('.') + 1);
      },
      nullptr);
  return Page(status, "Enter a paper form", "survey_paper", d, ctx);
}

Response SurveyRoutes::PaperFormPage(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  auto wave = surveys_.Wave(ctx.call, *ctx.principal, *id);
  if (!wave.ok()) return ErrorResponse(wave.error(), ctx);
  return RenderPaperForm(ctx, *wave, {}, {}, 200);
}

Response SurveyRoutes::PaperFormSubmit(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  auto wave = surveys_.Wave(ctx.call, *ctx.principal, *id);
  if (!wave.ok()) return ErrorResponse(wave.error(), ctx);
  const app::SurveyInstrument* instrument = app::InstrumentOf(*wave);
  if (!instrument) return ErrorResponse(Error::Internal("The survey's questions are missing"), ctx);
  const std::string reference = std::string(Trim(FormValue(*form, "reference")));
  Status saved =
      reference.empty()
          ? Status(Error::InvalidArgument("Enter the reference", {{"reference",
                                                                   "Enter the reference printed on "
                                                                   "the form"}}))
          : surveys_.EnterPaperForm(ctx.call, *ctx.principal, *id, reference,
                                    AnswersFromForm(*instrument, *form));
  if (saved.ok()) return Response::Redirect("/outcomes/surveys/" + id->ToString() + "?entered=1");
  const Error& e = saved.error();
  if (e.code == ErrorCode::kInvalidArgument)
    return RenderPaperForm(ctx, *wave, *form, e.fields, 422);
  if (e.code == ErrorCode::kFailedPrecondition)
    return RenderPaperForm(ctx, *wave, *form, {{"reference", e.message}}, 409);
  return ErrorResponse(e, ctx);
}

Response SurveyRoutes::PaperImportSubmit(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  auto parts = ParseMultipartForm(ctx.request.Header("content-type"), ctx.request.body);
  if (!parts) return ErrorResponse(Error::InvalidArgument("The upload could not be read"), ctx);
  std::string text;
  for (auto& p : *parts)
    if (p.name == "forms" && p.filename) text = std::move(p.data);
  std::vector<app::PaperImportRowError> errors;
  auto stored = surveys_.ImportPaperForms(ctx.call, *ctx.principal, *id, text, errors);
  if (stored.ok())
    return Response::Redirect("/outcomes/surveys/" + id->ToString() +
                              "?imported=" + std::to_string(*stored));
  if (stored.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(stored.error(), ctx);
  std::vector<std::string> lines = {
      "Nothing from the file was kept. Correct these lines and "
      "upload it again:"};
  for (const auto& e : errors) lines.push_back(fmt::format("Line {}: {}", e.line, e.message));
  return ErrorPage(422, "The paper forms could not be imported", lines, ctx,
                   "/outcomes/surveys/" + id->ToString(), "Back to the survey wave");
}

Response SurveyRoutes::PrintableForm(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  auto wave = surveys_.Wave(ctx.call, *ctx.principal, *id);
  if (!wave.ok()) return ErrorResponse(wave.error(), ctx);
  const app::SurveyInstrument* instrument = app::InstrumentOf(*wave);
  if (!instrument) return ErrorResponse(Error::Internal("The survey's questions are missing"), ctx);
  ViewData d = WaveLine(*wave);
  d.set("title", instrument->questionnaire.title);
  const std::string reference = ctx.request.Query("reference");
  d.set("reference", reference);
  d.set("pdf_href", "/outcomes/surveys/" + id->ToString() + "/form.pdf" +
                        (reference.empty() ? "" : "?reference=" + PercentEncode(reference)));
  d.set("closes", wave->period_end.ToLongString());
  d.set("sections", SurveyQuestionsView(*instrument, {}, {}, false));
  return Page(200, instrument->questionnaire.title, "survey_print", d, ctx);
}

Response SurveyRoutes::ResponsesDownload(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  auto csv = reports_.ResponsesCsv(ctx.call, *ctx.principal, *id);
  if (!csv.ok()) return ErrorResponse(csv.error(), ctx);
  return CsvAttachment(std::move(*csv), "survey-responses-" + id->ToString() + ".csv");
}

}  // namespace selfdirect::web
