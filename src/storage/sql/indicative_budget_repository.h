// File: indicative_budget_repository.h
// The resource allocation system over SQL: allocation tables (versioned, published once),
// the indicative budgets worked out from them, and the calibration samples that tune them
// (app::AllocationTableRepository, IndicativeBudgetRepository, CalibrationSampleRepository).
#pragma once

#include "app/repositories.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

class SqlAllocationTables final : public app::AllocationTableRepository, private CouncilRepository {
 public:
  SqlAllocationTables(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Status Insert(const app::StoredAllocationTable& t) override;
  Result<std::optional<app::StoredAllocationTable>> Find(const std::string& id,
                                                         int64_t version) override;
  Result<std::vector<app::StoredAllocationTable>> List() override;
  Status Publish(const std::string& id, int64_t version, UserId by, Timestamp at) override;
};

// One budget per assessment: Save replaces the calculation and keeps any override.
class SqlIndicativeBudgets final : public app::IndicativeBudgetRepository,
                                   private CouncilRepository {
 public:
  SqlIndicativeBudgets(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Status Save(const app::IndicativeBudgetRecord& b) override;
  Status SetOverride(AssessmentId assessment, std::optional<Pence> weekly,
                     const std::string& reason, UserId by, Timestamp at) override;
  Result<std::optional<app::IndicativeBudgetRecord>> Find(AssessmentId assessment) override;
  Result<std::vector<app::IndicativeBudgetRecord>> ForPerson(PersonId person) override;
};

// List leaves out each sample's CSV; Find gives it.
class SqlCalibrationSamples final : public app::CalibrationSampleRepository,
                                    private CouncilRepository {
 public:
  SqlCalibrationSamples(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<CalibrationSampleId> Insert(const app::CalibrationSample& s) override;
  Result<std::optional<app::CalibrationSample>> Find(CalibrationSampleId id) override;
  Result<std::vector<app::CalibrationSample>> List() override;
};

}  // namespace selfdirect::storage
