// File: review_repository.h
// Reviews (migration 0022) for one council.
#pragma once

#include "app/reviews/review_repository.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

class SqlReviews final : public app::ReviewRepository, private CouncilRepository {
 public:
  SqlReviews(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Status PutPlan(const app::ReviewPlan& plan) override;
  Result<std::vector<app::ReviewScheduleRow>> Schedule(std::optional<TeamId> team) override;
  Result<std::optional<app::ReviewScheduleRow>> ScheduleOf(PersonId person) override;
  Status FillNames(std::vector<app::ReviewScheduleRow>& rows) override;
  Result<ReviewRequestId> InsertRequest(const app::ReviewRequest& r) override;
  Result<std::vector<app::ReviewRequest>> RequestsFor(PersonId person) override;
  Result<ReviewId> InsertReview(const app::ReviewRecord& r) override;
  Result<std::vector<app::ReviewRecord>> ReviewsFor(PersonId person) override;
  Result<std::optional<app::ReviewRecord>> FindReview(ReviewId id) override;
  Result<bool> Remind(PersonId person, Date due, Timestamp at) override;
};

}  // namespace selfdirect::storage
