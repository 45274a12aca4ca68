// File: support_plan_repository.h
// Support plans over SQL (app::SupportPlanRepository): the plan's header, its numbered versions
// (never replaced), its events, and the running spend totals that the dashboard reads, kept as
// plans are agreed.
#pragma once

#include "app/repositories.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

class SqlSupportPlans final : public app::SupportPlanRepository, private CouncilRepository {
 public:
  SqlSupportPlans(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<SupportPlanId> Insert(const app::SupportPlanRecord& plan,
                               const app::SupportPlanVersion& first) override;
  Status Update(const app::SupportPlanRecord& plan) override;
  Status AddVersion(const app::SupportPlanVersion& v) override;
  Status AddEvent(const app::SupportPlanEvent& e) override;
  Result<std::optional<app::SupportPlanRecord>> Find(SupportPlanId id) override;
  Result<std::vector<app::SupportPlanRecord>> ForPerson(PersonId person) override;
  Result<std::optional<app::SupportPlanVersion>> Version(SupportPlanId plan,
                                                         int64_t version) override;
  Result<std::vector<app::SupportPlanVersion>> Versions(SupportPlanId plan) override;
  Result<std::vector<app::SupportPlanEvent>> Events(SupportPlanId plan) override;
  Result<std::vector<app::SupportPlanRecord>> Waiting(std::optional<TeamId> team,
                                                      int limit) override;
  Status RecordAgreedSpend(const app::AgreedPlanSpend& spend) override;
  Result<app::SpendSummary> Spend(const app::SpendQuery& query) override;
  Result<app::AgreedPlanSpend> AgreedSpendOf(SupportPlanId plan) override;
};

}  // namespace selfdirect::storage
