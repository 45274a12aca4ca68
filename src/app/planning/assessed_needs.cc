#include "app/planning/assessed_needs.h"

#include "app/assessment/questionnaire_catalog.h"
#include "domain/assessment/eligibility.h"

namespace selfdirect::app {

Result<std::vector<domain::PlanNeed>> AssessedNeeds(Transaction& tx, PersonId person) {
  std::vector<domain::PlanNeed> needs;
  SD_ASSIGN_OR_RETURN(auto assessments, tx.assessments().ForPerson(person));
  const AssessmentRecord* done = nullptr;
  for (const auto& a : assessments) {  // Newest first.
    if (a.status == AssessmentStatus::kCompleted) {
      done = &a;
      break;
    }
  }
  if (done == nullptr) return needs;
  SD_ASSIGN_OR_RETURN(
      const domain::Questionnaire* q,
      QuestionnaireVersion(tx, done->questionnaire_id, done->questionnaire_version));
  auto input = domain::EligibilityFromAnswers(*q, done->answers);
  if (!input.ok() || domain::FirstUnableWithoutReason(*input)) return needs;
  const domain::Determination d = domain::DetermineEligibility(*input);
  // Eligible as the council decided, which the practitioner may have changed from the answers'.
  const bool eligible = done->eligible.value_or(d.eligible);
  for (size_t outcome : d.unmet_outcomes) {
    std::string label(domain::OutcomeLabel(done->kind, outcome));
    if (!label.empty() && label[0] >= 'a' && label[0] <= 'z')
      label[0] = static_cast<char>(label[0] - 'a' + 'A');
    needs.push_back({std::move(label), eligible, ""});
  }
  return needs;
}

}  // namespace selfdirect::app
