// File: plan_change_repository.h
// Changes of circumstance (migration 0027) and the differences they leave for days already paid
// (migration 0033) for one council.
#pragma once

#include <string_view>
#include <vector>

#include "app/planning/plan_change_repository.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

// The stored lines ("label<TAB>before<TAB>after" in pence, one a line) read back; a damaged line
// is left out. Exposed for its test.
std::vector<app::LineChange> LinesOf(std::string_view text);

class SqlPlanChanges final : public app::PlanChangeRepository, private CouncilRepository {
 public:
  SqlPlanChanges(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<PlanChangeId> Insert(const app::PlanChangeRecord& c) override;
  Result<std::vector<app::PlanChangeRecord>> ForPerson(PersonId person) override;
  Result<int64_t> AddDifference(const app::PaymentDifference& d) override;
  Result<std::optional<app::PaymentDifference>> FindDifference(int64_t id) override;
  Result<std::vector<app::PaymentDifference>> Differences(app::DifferenceStatus status,
                                                          int64_t limit) override;
  Result<int64_t> CountDifferences(app::DifferenceStatus status) override;
  Result<std::vector<app::PaymentDifference>> DifferencesForPerson(PersonId person) override;
  Result<bool> SettleDifference(const app::PaymentDifference& d,
                                app::DifferenceStatus expected) override;
  Result<bool> NetDifference(const app::PaymentDifference& d, app::DifferenceStatus expected,
                             Pence netted_before) override;
};

}  // namespace selfdirect::storage
