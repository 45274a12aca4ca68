// Test helper: a fresh SQLite store in a temporary file with one council, two teams and a user
// of each role. Removed when the fixture ends.
#pragma once

#include <unistd.h>

#include <filesystem>

#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/passwords.h"
#include "domain/assessment/practitioner_decision.h"
#include "storage/sql/sql_store.h"

namespace selfdirect::app::testing {

class TestCouncil {
 public:
  TestCouncil() {
    path_ = std::filesystem::temp_directory_path() /
            ("sd-app-" + std::to_string(getpid()) + "-" + RandomToken().substr(0, 8) + ".db");
    store_ = std::move(*storage::OpenStore("sqlite:" + path_.string()));
    council_ = *store_->UpsertCouncil("test", "Test Council", CouncilKind::kLive);
    other_council_ = *store_->UpsertCouncil("other", "Other Council", CouncilKind::kLive);
  }
  ~TestCouncil() {
    store_.reset();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + s);
  }
  Store& store() { return *store_; }
  // The database file, for tests that change it behind the store's back.
  const std::filesystem::path& path() const { return path_; }
  CouncilId council() const { return council_; }
  CouncilId other_council() const { return other_council_; }
  // The council's emails the outbox would send at `now` (at most `limit`).
  Result<std::vector<DueEmail>> DueEmails(Timestamp now, int limit = 100) {
    std::vector<DueEmail> out;
    SD_RETURN_IF_ERROR(store_->Read(council_, [&](Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(out, tx.messages().DueEmails(now, limit));
      return OkStatus();
    }));
    return out;
  }

 private:
  std::filesystem::path path_;
  std::unique_ptr<storage::SqlStore> store_;
  CouncilId council_;
  CouncilId other_council_;
};

// A signed-in caller of `role` (user id 100 + the role's number) for use-case tests.
inline Principal PrincipalAs(domain::Role role, TeamId team = TeamId{}, PersonId own = PersonId{},
                             std::vector<PersonId> represented = {}) {
  Principal p;
  p.user.id = UserId{100 + static_cast<int>(role)};
  p.user.role = role;
  p.actor = domain::Actor{p.user.id, role, team, own, std::move(represented)};
  return p;
}

// PrincipalAs with its own user id (0 keeps the role's), for tests where several people of one
// role act (a plan written by one practitioner and approved by another).
inline Principal PrincipalAs(domain::Role role, TeamId team, PersonId own, int user) {
  Principal p = PrincipalAs(role, team, own);
  if (user != 0) p.user.id = p.actor.user_id = UserId{user};
  return p;
}

// Two teams, North and South, and one person (a test record) in North: the usual starting point of
// a use-case test.
struct TwoTeams {
  TeamId north, south;
  PersonId person;
};
inline TwoTeams AddTwoTeamsAndAPerson(Store& store, CouncilId council, Timestamp now) {
  TwoTeams out;
  Status s = store.Write(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(out.north, tx.teams().Insert("North"));
    SD_ASSIGN_OR_RETURN(out.south, tx.teams().Insert("South"));
    domain::PersonDetails d;
    d.given_name = "Test";
    d.family_name = "Person";
    d.date_of_birth = *Date::Parse("1940-12-09");
    SD_ASSIGN_OR_RETURN(out.person, tx.people().Insert(d, out.north, now));
    return OkStatus();
  });
  SD_ASSERT(s.ok());
  return out;
}

// The actions of the latest 50 audit entries about records of `type` (and `id`, if not empty),
// newest first, once `audit` has written what it holds.
inline std::vector<std::string> AuditActions(Store& store, AuditTrail& audit, CouncilId council,
                                             const std::string& type, const std::string& id = "") {
  SD_ASSERT(audit.Flush().ok());
  std::vector<AuditEntry> entries;
  SD_ASSERT(store
                .Read(council,
                      [&](Transaction& tx) -> Status {
                        SD_ASSIGN_OR_RETURN(entries, tx.audit().Recent(50, type, id));
                        return OkStatus();
                      })
                .ok());
  std::vector<std::string> actions;
  for (const auto& e : entries) actions.push_back(e.action);
  return actions;
}

// A practitioner's decision that confirms the answers' result: the person agreed, with no reason
// to doubt capacity and no advocate needed.
inline domain::PractitionerDecisionInput ConfirmedDecision(std::string participants,
                                                           std::string notes = "") {
  return {.participants = std::move(participants),
          .notes = std::move(notes),
          .agree = "confirm",
          .consent = "given",
          .capacity = "no_reason_to_doubt",
          .advocacy = "not_needed"};
}

// Records a needs assessment of `person` completed at `at` (a reassessment, for the rule that a
// budget goes down only after one).
inline Status AddCompletedAssessment(Store& store, CouncilId council, PersonId person,
                                     Timestamp at) {
  return store.Write(council, [&](Transaction& tx) -> Status {
    AssessmentRecord a;
    a.person_id = person;
    a.questionnaire_id = "q";
    a.questionnaire_version = "1";
    a.status = AssessmentStatus::kCompleted;
    a.created_at = a.updated_at = at;
    a.completed_at = at;
    return StatusOf(tx.assessments().Insert(a));
  });
}

}  // namespace selfdirect::app::testing
