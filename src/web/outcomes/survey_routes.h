// File: survey_routes.h
// Outcome survey waves on the web (issue 22; the use cases in app/outcomes/survey_service.h):
//   - the analyst's pages: the waves, opening a wave, a wave's sample and response rates, the
//     letters (CSV), closing, typing in and importing returned paper forms, the printable paper
//     form (a page, and a PDF: survey_paper_pdf.cc), the live dashboard (survey_dashboard.cc)
//     and its downloads;
//   - the public form behind a one-time link, standard or easy read (survey_form.cc);
//   - the public results page the council can publish (aggregates only, suppressed);
//   - the JSON API (survey_api.cc).
// The results (the dashboard, its CSV and Excel files, the JSON, the public results and the
// respondent-level CSV) are read through a second SurveyService on SiteEnv::reports: the standby
// when the server has one (serve --read-database), so they may lag the primary by the replication
// delay. Everything that changes a wave, and the pages read in order to change it, use the store.
#pragma once

#include <string>
#include <vector>

#include "app/outcomes/survey_service.h"
#include "web/route_module.h"

namespace selfdirect::web {

class SurveyRoutes final : public RouteModule {
 public:
  explicit SurveyRoutes(const SiteEnv& env)
      : RouteModule(env),
        surveys_(env.store, env.clock, env.audit),
        reports_(env.reports, env.clock, env.audit) {}

  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;
  // The results' use cases on SiteEnv::reports, shared with the ASCOF page (one kept analysis
  // per wave in the process).
  app::SurveyService& reports() { return reports_; }

 private:
  void AddPageRoutes() override;
  void AddApiRoutes() override;

  // survey_pages.cc: the analyst's pages.
  Response WavesPage(Context& ctx);
  Response NewWavePage(Context& ctx);
  Response OpenWaveSubmit(Context& ctx);
  Response WavePage(Context& ctx);
  Response LettersDownload(Context& ctx);
  Response EmailsSubmit(Context& ctx);
  // Why emailing is refused when the service has no mail server (409).
  static Error NoEmail() {
    return Error::FailedPrecondition(
        "This service has no mail server set up, so it cannot send emails. Use the letter list");
  }
  Response CloseWaveSubmit(Context& ctx);
  Response PaperFormPage(Context& ctx);
  Response PaperFormSubmit(Context& ctx);
  Response PaperImportSubmit(Context& ctx);
  Response PrintableForm(Context& ctx);
  // survey_paper_pdf.cc: the printable form as a PDF, ?reference= at the top of each page.
  Response PrintableFormPdf(Context& ctx);
  Response ResponsesDownload(Context& ctx);
  Response RenderNewWave(Context& ctx, const std::multimap<std::string, std::string>& form,
                         const std::vector<FieldError>& errors);
  Response RenderPaperForm(Context& ctx, const app::SurveyWaveRecord& wave,
                           const std::multimap<std::string, std::string>& form,
                           const std::vector<FieldError>& errors, int status);

  // survey_dashboard.cc: the results.
  Response DashboardPage(Context& ctx);
  Response ResultsDownload(Context& ctx);
  // The results as a CSV or Excel ("xlsx") attachment.
  Response ResultsFile(const app::WaveResults& r, bool with_teams, const std::string& format,
                       Context& ctx);
  Response PublicResultsList(Context& ctx);
  Response PublicResultsPage(Context& ctx);

  // survey_form.cc: the public form.
  Response SurveyFormPage(Context& ctx);
  Response SurveyFormSubmit(Context& ctx);

  // survey_api.cc
  Response ApiWaves(Context& ctx);
  Response ApiOpenWave(Context& ctx);
  Response ApiWave(Context& ctx);
  Response ApiCloseWave(Context& ctx);
  Response ApiEmails(Context& ctx);
  Response ApiResults(Context& ctx);
  Response ApiPaperForm(Context& ctx);
  Response ApiPaperImport(Context& ctx);
  void AddPaperApiRoutes(const std::vector<domain::Role>& analyst, const boost::json::object& id);

  app::SurveyService surveys_;
  app::SurveyService reports_;  // On SiteEnv::reports: only reads and shows the results.
};

// The results as JSON (GET /api/v1/outcomes/surveys/{id}/results): percentages to one decimal
// place, odds ratios to two, suppressed cells null.
boost::json::object SurveyResultsJson(const domain::SurveyResults& results);

// The wave id in the path ("{id}"), or kNotFound.
Result<SurveyWaveId> WaveIdOf(const Request& request);

// The answers in a submitted survey form: each question's field ("q-" + linkId) as answers, the
// free text trimmed, empty fields left out.
app::SurveyAnswers AnswersFromForm(const app::SurveyInstrument& instrument,
                                   const std::multimap<std::string, std::string>& form);

// The questions of an instrument as view data for templates/partials/survey_questions.mustache:
// sections, their questions with radios or checkboxes, the answers already given checked, field
// errors shown, and the easy-read pictures when `easy_read`.
ViewList SurveyQuestionsView(const app::SurveyInstrument& instrument,
                             const std::multimap<std::string, std::string>& form,
                             const std::vector<FieldError>& errors, bool easy_read);

}  // namespace selfdirect::web
