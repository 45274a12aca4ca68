// File: survey_paper_pdf.cc
// The paper form of a survey wave as a PDF to print (survey_routes.h): the same questions and
// answers as the printable page (GET /outcomes/surveys/{id}/form), with a box to tick beside each
// answer, lines to write on for free text, and the form reference at the top of every page (or a
// blank for staff to write it in), so a loose page can still be matched to its form.
#include <algorithm>

#include "web/outcomes/survey_routes.h"
#include "web/pages/pdf_document.h"

namespace selfdirect::web {
namespace {

using domain::QuestionType;

constexpr int kTextLines = 4;  // As many as the printable page's text boxes have rows.

// Empty when absent; nullopt unless up to 20 letters, digits and hyphens (printed in capitals,
// as references are).
std::optional<std::string> ReferenceOf(const Request& request) {
  std::string reference = request.Query("reference");
  if (reference.size() > 20) return std::nullopt;
  for (char& c : reference)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  const bool valid = std::all_of(reference.begin(), reference.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
  if (!valid) return std::nullopt;
  return reference;
}

void AddIntroduction(PdfDocument& doc, const app::SurveyWaveRecord& wave,
                     const domain::Questionnaire& q) {
  doc.Paragraph(wave.name);
  doc.Heading(q.title);
  doc.Paragraph(
      "Please tick one box for each question, unless the question says tick all that apply "
      "or choose all the answers that are true for you. "
      "Where there are lines, write your answer in your own words. You can leave out any "
      "question.\n\n"
      "Please send the form back in the envelope by " +
      wave.period_end.ToLongString() + ". Staff who read the answers cannot see who gave them.");
  doc.Space(8);
}

void AddQuestion(PdfDocument& doc, const domain::Question& q) {
  const bool text = q.type == QuestionType::kText;
  const bool multiple = q.type == QuestionType::kMultipleChoice;
  // The question, its help and its first answers together on one page.
  doc.KeepTogether(40 + (text ? 2 * 26 : 21 * std::min<size_t>(q.options.size(), 4)));
  doc.Strong(q.text);
  if (!q.help.empty()) doc.Paragraph(q.help);
  if (multiple && q.help.empty()) doc.Paragraph("Tick all that apply.");
  if (text || q.options.empty()) {
    doc.WritingLines(text ? kTextLines : 1);
    return;
  }
  std::vector<std::string> labels;
  for (const auto& o : q.options) labels.push_back(o.display);
  doc.TickBoxes(labels);
}

}  // namespace

Response SurveyRoutes::PrintableFormPdf(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  const auto reference = ReferenceOf(ctx.request);
  if (!reference)
    return ErrorPage(400, "The form reference is not right",
                     {"A form reference has up to 20 capital letters, digits and hyphens, as "
                      "printed on the letter, for example K7Q-4MD-2XP. Leave it out to print a "
                      "blank for the reference."},
                     ctx, "/outcomes/surveys/" + id->ToString(), "Back to the survey wave");
  auto wave = surveys_.Wave(ctx.call, *ctx.principal, *id);
  if (!wave.ok()) return ErrorResponse(wave.error(), ctx);
  const app::SurveyInstrument* instrument = app::InstrumentOf(*wave);
  if (!instrument) return ErrorResponse(Error::Internal("The survey's questions are missing"), ctx);
  const domain::Questionnaire& q = instrument->questionnaire;
  PdfDocument doc(q.title);
  doc.RunningHeader("Form reference: " + (reference->empty() ? "____________" : *reference));
  AddIntroduction(doc, *wave, q);
  for (const auto& s : q.sections) {
    doc.KeepTogether(120);  // No section heading alone at the foot of a page.
    doc.Subheading(s.title);
    for (const auto& question : s.questions) AddQuestion(doc, question);
    doc.Space(6);
  }
  const std::string file =
      "survey-form-" + id->ToString() + (reference->empty() ? "" : "-" + *reference) + ".pdf";
  return Attachment(doc.Finish(), "application/pdf", file);
}

}  // namespace selfdirect::web
