// File: complaint_repository.h
// Complaints (migration 0026) for one council.
#pragma once

#include "app/complaints/complaint_repository.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

class SqlComplaints final : public app::ComplaintRepository, private CouncilRepository {
 public:
  SqlComplaints(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<ComplaintId> Insert(const app::ComplaintRecord& c) override;
  Result<std::optional<app::ComplaintRecord>> Find(ComplaintId id) override;
  Result<std::vector<app::ComplaintRecord>> ForPerson(PersonId person) override;
  Result<std::vector<app::ComplaintRecord>> List(bool open_only, std::optional<TeamId> team,
                                                 int limit) override;
  Result<bool> Acknowledge(const app::ComplaintRecord& c) override;
  Result<bool> Respond(const app::ComplaintRecord& c) override;
};

}  // namespace selfdirect::storage
