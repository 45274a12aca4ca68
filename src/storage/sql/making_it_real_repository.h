// File: making_it_real_repository.h
// The Making it Real self-assessment (migration 0021) for one council.
#pragma once

#include "app/outcomes/making_it_real_repository.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

class SqlMakingItReal final : public app::MakingItRealRepository, private CouncilRepository {
 public:
  SqlMakingItReal(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<std::vector<app::MirStatement>> Statements() override;
  Result<MirStatementId> InsertStatement(const app::MirStatement& s) override;
  Status UpdateStatement(const app::MirStatement& s) override;
  Result<std::vector<app::MirAssessment>> Assessments() override;
  Result<MirAssessmentId> InsertAssessment(const app::MirAssessment& a) override;
  Status AgreeAssessment(MirAssessmentId id, Timestamp at) override;
  Result<std::vector<app::MirRating>> Ratings(MirAssessmentId assessment) override;
  Status PutRating(const app::MirRating& r) override;
  Result<std::vector<app::MirAction>> Actions(MirAssessmentId assessment) override;
  Result<MirActionId> InsertAction(const app::MirAction& a) override;
  Status SetActionDone(MirActionId id, bool done) override;
};

}  // namespace selfdirect::storage
