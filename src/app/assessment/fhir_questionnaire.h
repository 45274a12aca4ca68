// File: fhir_questionnaire.h
// FHIR R4 Questionnaire and QuestionnaireResponse: the stored and exchanged form of questionnaire
// definitions and answers (https://hl7.org/fhir/R4/questionnaire.html).
//
// Mapping: a top-level `group` item is a Section; its items are Questions. Types: boolean,
// choice (with `repeats: true` a multiple choice), string or text, integer. Help text is a child
// `display` item with the questionnaire-itemControl extension "help". An option's score is the
// ordinalValue extension; a question's score domain is the extension
// urn:selfdirect:extension:score-domain; the assessment kind is
// urn:selfdirect:extension:assessment-kind on the Questionnaire. enableWhen uses operator "=" with
// answerBoolean or answerCoding.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/assessment/questionnaire.h"

namespace selfdirect::app {

// Small readers of FHIR JSON, shared by the questionnaire and survey loaders.
namespace fhir {
// The string at `key` of `o`, or "" when it is missing or not a string.
inline std::string Str(const boost::json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}
// The array at `key` of `o`, or null when it is missing or not an array.
inline const boost::json::array* Arr(const boost::json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_array() ? &v->get_array() : nullptr;
}
}  // namespace fhir

// Reads a FHIR R4 Questionnaire. kInvalidArgument naming the item for anything Selfdirect cannot
// represent, or a definition that CheckQuestionnaire refuses.
Result<domain::Questionnaire> QuestionnaireFromFhir(const boost::json::value& resource);
boost::json::value QuestionnaireToFhir(const domain::Questionnaire& questionnaire);

enum class ResponseStatus { kInProgress, kCompleted };
// A QuestionnaireResponse holding `answers`, items grouped by section as in the questionnaire.
boost::json::value QuestionnaireResponseToFhir(const domain::Questionnaire& questionnaire,
                                               const domain::Answers& answers,
                                               ResponseStatus status);
// Reads the answers of a QuestionnaireResponse for `questionnaire`. kInvalidArgument for a
// malformed resource; the answers themselves are checked with domain::ValidateAnswers.
Result<domain::Answers> AnswersFromFhir(const domain::Questionnaire& questionnaire,
                                        const boost::json::value& resource);

// The questionnaires shipped in data/questionnaires (adult needs, carer; every version, since a
// stored assessment keeps the version it was answered on), parsed once.
const std::vector<domain::Questionnaire>& DefaultQuestionnaires();
// The latest shipped version of the questionnaire with this id, or null.
const domain::Questionnaire* FindDefaultQuestionnaire(std::string_view id);
// The shipped questionnaire with this id and version, or null.
const domain::Questionnaire* FindDefaultQuestionnaire(std::string_view id,
                                                      std::string_view version);

}  // namespace selfdirect::app
