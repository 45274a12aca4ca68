// File: questionnaire_catalog.h
// Which questionnaire applies: a council's imported versions (stored, FHIR R4) and the shipped
// defaults (data/questionnaires). Versions never change once imported, so parsed definitions are
// cached for the life of the process. Thread-safe.
//
// New assessments take the version in force on the day they start (the latest effective date on
// or before it); an existing assessment keeps the version it was started with, so its decision can
// be re-derived exactly.
#pragma once

#include <boost/json/value.hpp>

#include "app/repositories.h"

namespace selfdirect::app {

// The id Selfdirect starts assessments of each kind with.
std::string_view QuestionnaireIdFor(domain::AssessmentKind kind);

// The version of `id` in force on `date` for the transaction's council. kNotFound if none is.
Result<const domain::Questionnaire*> QuestionnaireInForce(Transaction& tx, const std::string& id,
                                                          Date date);

// One exact version (stored for the council, or a shipped default). kNotFound if unknown.
Result<const domain::Questionnaire*> QuestionnaireVersion(Transaction& tx, const std::string& id,
                                                          const std::string& version);

// Imports a FHIR R4 Questionnaire for the transaction's council. Errors: kInvalidArgument for a
// resource Selfdirect cannot use (not FHIR, an unsupported item, an id other than adult-needs or
// carer, a kind that does not match its id, a question eligibility needs missing);
// kAlreadyExists when that id and version exist (shipped or imported).
Result<domain::Questionnaire> ImportQuestionnaire(Transaction& tx, const boost::json::value& fhir,
                                                  Timestamp now);

}  // namespace selfdirect::app
