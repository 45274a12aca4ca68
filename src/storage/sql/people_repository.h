// File: people_repository.h
// The people a council supports (app::PeopleRepository) over SQL.
#pragma once

#include "app/repositories.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

// People rows carry a lower-case search text (names, reference, postcode with and without its
// space, NHS number), written on insert; Search matches every word of the query against it.
class SqlPeople final : public app::PeopleRepository, private CouncilRepository {
 public:
  SqlPeople(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<PersonId> Insert(const domain::PersonDetails& details, TeamId team_id,
                          Timestamp now) override;
  Result<std::optional<app::PersonRecord>> Find(PersonId id) override;
  Result<app::PeoplePage> Search(const app::PeopleQuery& query) override;
  Result<int64_t> Count() override;
  Status Update(PersonId id, const domain::PersonDetails& details, Timestamp now) override;
  Status AddCarer(const app::CarerLink& link) override;
  Result<std::vector<app::CarerLink>> CarerLinks(PersonId person) override;
  Result<int64_t> PageVersion(PersonId person) override;
};

}  // namespace selfdirect::storage
