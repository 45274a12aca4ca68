// File: assessment_repository.h
// Needs assessments and the questionnaires they answer (app::AssessmentRepository,
// QuestionnaireRepository) over SQL. Answers are stored as one JSON object per assessment.
#pragma once

#include "app/repositories.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

class SqlAssessments final : public app::AssessmentRepository, private CouncilRepository {
 public:
  SqlAssessments(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<AssessmentId> Insert(const app::AssessmentRecord& a) override;
  Result<std::optional<app::AssessmentRecord>> Find(AssessmentId id) override;
  Status Update(const app::AssessmentRecord& a) override;
  Result<std::vector<app::AssessmentRecord>> ForPerson(PersonId person) override;
  Result<std::vector<app::AssessmentRecord>> CurrentEligible() override;
  Result<std::vector<app::CaseloadEntry>> Open(std::optional<TeamId> team, int limit) override;
};

// Imported FHIR Questionnaire versions, kept whole as JSON.
class SqlQuestionnaires final : public app::QuestionnaireRepository, private CouncilRepository {
 public:
  SqlQuestionnaires(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Status Insert(const app::StoredQuestionnaire& q) override;
  Result<std::optional<app::StoredQuestionnaire>> Find(const std::string& id,
                                                       const std::string& version) override;
  Result<std::vector<app::StoredQuestionnaire>> List() override;
};

}  // namespace selfdirect::storage
