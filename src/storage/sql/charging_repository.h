// File: charging_repository.h
// Charging for care over SQL: financial assessments (drafts change, completed ones do not), the
// council's charging policies by effective date, and quick charging estimates
// (app::FinancialAssessmentRepository, ChargingPolicyRepository, ChargingEstimateRepository).
#pragma once

#include "app/repositories.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

class SqlFinancialAssessments final : public app::FinancialAssessmentRepository,
                                      private CouncilRepository {
 public:
  SqlFinancialAssessments(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<FinancialAssessmentId> Insert(const app::FinancialAssessmentRecord& a) override;
  Status UpdateDraft(const app::FinancialAssessmentRecord& a) override;
  Result<std::optional<app::FinancialAssessmentRecord>> Find(FinancialAssessmentId id) override;
  Result<std::vector<app::FinancialAssessmentRecord>> ForPerson(PersonId person) override;
  Result<std::vector<app::FinancialAssessmentRecord>> Current() override;
  Result<std::vector<app::FinancialAssessmentRecord>> Drafts() override;
};

class SqlEvidenceDocuments final : public app::EvidenceDocumentRepository,
                                   private CouncilRepository {
 public:
  SqlEvidenceDocuments(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<EvidenceDocumentId> Insert(const app::EvidenceDocumentRecord& d) override;
  Result<std::optional<app::EvidenceDocumentRecord>> Find(EvidenceDocumentId id) override;
  Result<std::vector<app::EvidenceDocumentRecord>> ForAssessment(FinancialAssessmentId id) override;
};

class SqlChargingPolicies final : public app::ChargingPolicyRepository, private CouncilRepository {
 public:
  SqlChargingPolicies(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Status Insert(const app::StoredChargingPolicy& p) override;
  Result<std::vector<app::StoredChargingPolicy>> List() override;
};

class SqlChargingEstimates final : public app::ChargingEstimateRepository,
                                   private CouncilRepository {
 public:
  SqlChargingEstimates(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<ChargingEstimateId> Insert(const app::ChargingEstimateRecord& e) override;
  Result<std::optional<app::ChargingEstimateRecord>> Find(ChargingEstimateId id) override;
  Result<std::vector<app::ChargingEstimateRecord>> ForPerson(PersonId person) override;
  Status Delete(ChargingEstimateId id) override;
};

}  // namespace selfdirect::storage
