// File: account_repository.h
// Who signs in, and how (app::UserRepository, TeamRepository, SessionRepository), over SQL.
#pragma once

#include "app/repositories.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

// An account from the columns "user_id, email, display_name, role, team_id, person_id,
// password_hash, disabled".
app::UserRecord UserFromRow(const SqlRow& r);

// Staff and representatives. Emails are stored and looked up in lower case.
class SqlUsers final : public app::UserRepository, private CouncilRepository {
 public:
  SqlUsers(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<UserId> Insert(const app::UserRecord& user, Timestamp now) override;
  Result<std::optional<app::UserRecord>> FindByEmail(const std::string& email) override;
  Result<std::optional<app::UserRecord>> FindById(UserId id) override;
  Status AddRepresentation(UserId representative, PersonId person,
                           const std::string& relationship) override;
  Result<std::vector<PersonId>> RepresentedPeople(UserId representative) override;
  Result<std::vector<app::Representation>> Representatives(PersonId person) override;
  Status UpdateRepresentation(UserId representative, PersonId person,
                              const std::string& relationship) override;
  Status RemoveRepresentation(UserId representative, PersonId person) override;
  Status SetPerson(UserId user, PersonId person) override;
  Status SetPassword(UserId user, const std::string& password_hash) override;
};

class SqlTeams final : public app::TeamRepository, private CouncilRepository {
 public:
  SqlTeams(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<TeamId> Insert(const std::string& name) override;
  Result<std::vector<app::Team>> List() override;
};

// Sign-in sessions, by the hash of their token.
class SqlSessions final : public app::SessionRepository, private CouncilRepository {
 public:
  SqlSessions(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Status Insert(const app::SessionRecord& session) override;
  Result<std::optional<app::SessionRecord>> Find(const std::string& token_hash) override;
  Status Touch(const std::string& token_hash, Timestamp last_seen_at) override;
  Result<std::vector<app::SessionRecord>> ListForUser(UserId user) override;
  Status Delete(const std::string& token_hash) override;
  Result<int64_t> DeleteExpired(Timestamp now, Timestamp idle_cutoff) override;
  Status SetPasswordEntered(const std::string& token_hash, Timestamp at) override;
};

// Failed sign-ins per account and per address (table sign_in_failures, migration 0042).
class SqlSignInThrottle final : public app::SignInThrottleRepository, private CouncilRepository {
 public:
  SqlSignInThrottle(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<bool> CountIfUnder(app::ThrottleScope scope, const std::string& subject, Timestamp now,
                            int window_seconds, int limit) override;
  Result<int> Count(app::ThrottleScope scope, const std::string& subject, Timestamp now,
                    int window_seconds) override;
  Status Clear(app::ThrottleScope scope, const std::string& subject) override;
  Result<int64_t> DeleteEnded(Timestamp now, int window_seconds) override;
};

}  // namespace selfdirect::storage
