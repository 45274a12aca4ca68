// File: survey_instruments.h
// The outcome survey instruments shipped in data/surveys (issue 22): the budget holder survey and
// the carer survey, FHIR R4 Questionnaires read with the questionnaire engine
// (app/assessment/fhir_questionnaire.h), compiled into the binary like data/questionnaires.
//
// Each question of an instrument also has a role in the analysis, read from extensions the
// questionnaire engine ignores (data/surveys/README.md):
//   - urn:selfdirect:extension:survey-item-role on the item: "process" (how the council did:
//     a predictor), "outcome" (how the person's life is), "grouping" (a way to split results,
//     e.g. how the budget is managed) or "comment" (free text, never analysed as a number);
//   - urn:selfdirect:extension:survey-answer-class on each option of a process or outcome item:
//     "good" (counts as the good answer: better or a lot better, easy or very easy, ...), "other"
//     (counted, not good) or "not_counted" (left out of the denominator: "does not apply",
//     "I cannot remember");
//   - urn:selfdirect:extension:survey-scale on the item: the answer scale ("impact5", "ease5",
//     "control4", ...), which the easy-read form uses to draw the answers;
//   - urn:selfdirect:extension:ascof-measure on the item: the ASCOF measure it feeds, if any.
// data/surveys/easy-read-symbols.json maps answer codes to the picture (web/easy-read/*.svg) the
// easy-read form shows beside each answer.
#pragma once

#include <boost/json/value.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/assessment/questionnaire.h"

namespace selfdirect::app {

enum class SurveyItemKind { kProcess, kOutcome, kGrouping, kComment };
std::string_view SurveyItemKindName(SurveyItemKind kind);

// What one question of an instrument is in the analysis.
struct SurveyItemRole {
  std::string question_id;  // The question's linkId: the analysis variable's name.
  SurveyItemKind kind = SurveyItemKind::kGrouping;
  std::string scale;                     // e.g. "impact5"; empty for free text.
  std::string ascof_measure;             // e.g. "control-over-daily-life"; empty for most items.
  std::vector<std::string> good;         // Codes that count as good (process and outcome items).
  std::vector<std::string> not_counted;  // Codes left out of the denominator.

  // Whether `code` counts as good / is left out of the denominator.
  bool IsGood(std::string_view code) const;
  bool IsNotCounted(std::string_view code) const;
};

// An instrument: the questionnaire, and the role of each of its questions in question order.
struct SurveyInstrument {
  domain::Questionnaire questionnaire;
  std::vector<SurveyItemRole> roles;

  // The role of the question with this id, or null.
  const SurveyItemRole* Role(std::string_view question_id) const;
};

// Reads an instrument from a FHIR R4 Questionnaire (QuestionnaireFromFhir) with its item roles.
// kInvalidArgument naming the item when a question has no role or an unknown one, when an option
// of a process or outcome item has no answer class (or one other than good, other, not_counted),
// when a process or outcome choice has no good answer, or when a grouping or comment item marks
// answers as good.
Result<SurveyInstrument> SurveyInstrumentFromFhir(const boost::json::value& resource);
// QuestionnaireToFhir of the questionnaire with the roles' extensions added back, so that
// SurveyInstrumentFromFhir reads the same instrument.
boost::json::value SurveyInstrumentToFhir(const SurveyInstrument& instrument);

// The instruments shipped in data/surveys (every version), parsed once, oldest first per id.
const std::vector<SurveyInstrument>& ShippedSurveyInstruments();
// Their questionnaires, in the same order.
const std::vector<domain::Questionnaire>& SurveyInstruments();
// The latest shipped version of the instrument with this id, or null.
const domain::Questionnaire* FindSurveyInstrument(std::string_view id);
// The shipped instrument with this id and version, or null.
const domain::Questionnaire* FindSurveyInstrument(std::string_view id, std::string_view version);
// The roles of the items of a shipped instrument version (one per question, in question order),
// or null when that id and version do not ship.
const std::vector<SurveyItemRole>* SurveyItemRoles(std::string_view id, std::string_view version);

// The easy-read pictures: answer code -> symbol file name (e.g. "a_lot_better" ->
// "face-very-happy.svg"), from data/surveys/easy-read-symbols.json. The files are in
// web/easy-read and are served at kEasyReadSymbolPath + name.
inline constexpr std::string_view kEasyReadSymbolPath = "/static/easy-read/";
const std::map<std::string, std::string, std::less<>>& EasyReadSymbols();
// The symbol file for an answer code, or "" when the code has no picture.
std::string_view EasyReadSymbol(std::string_view code);

}  // namespace selfdirect::app
