// Fuzzes the FHIR readers (app/assessment/fhir_questionnaire.h): a Questionnaire an administrator
// imports, and a QuestionnaireResponse for the shipped adult needs questionnaire (API).
#include "app/assessment/fhir_questionnaire.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  boost::json::value json;
  if (!fuzz::ParseJson(fuzz::Text(data, size), json)) return 0;
  auto questionnaire = app::QuestionnaireFromFhir(json);
  if (questionnaire.ok()) (void)app::QuestionnaireToFhir(*questionnaire);
  for (const domain::Questionnaire& q : app::DefaultQuestionnaires())
    (void)app::AnswersFromFhir(q, json);
  return 0;
}
