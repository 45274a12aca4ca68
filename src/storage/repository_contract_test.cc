// The repository contract: every storage adapter must pass these tests. They run against SQLite
// (a fresh file per test) and, when SELFDIRECT_TEST_POSTGRES_URL is set, against PostgreSQL (each
// test works in fresh councils, so tests never see each other's rows).
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>

#include "app/directory/directory_search_index.h"
#include "app/passwords.h"
#include "base/text.h"
#include "storage/contract_fixture.h"
#include "storage/sql/sql_store.h"

namespace selfdirect::storage {
namespace {

TEST_P(RepositoryContract, CouncilsAreFoundByCodeAndUpsertKeepsTheId) {
  std::string code = UniqueCode("x");
  CouncilId a = *store_->UpsertCouncil(code, "First name", CouncilKind::kDemo);
  CouncilId b = *store_->UpsertCouncil(code, "Second name", CouncilKind::kDemo);
  EXPECT_EQ(a, b);
  auto found = *store_->FindCouncil(code);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "Second name");
  EXPECT_EQ(found->kind, CouncilKind::kDemo);
  EXPECT_FALSE(store_->FindCouncil(UniqueCode("missing"))->has_value());
  EXPECT_GE(store_->ListCouncils()->size(), 3u);
  EXPECT_TRUE(store_->Ping().ok());
}

TEST_P(RepositoryContract, PeopleRoundTripExactly) {
  domain::PersonDetails d = Person("Siobh\xC3\xA1n", "O'Neill", "HR4 9ZZ");
  d.nhs_number = "9434765919";
  PersonId id = AddPerson(council_, team_, d);
  ASSERT_TRUE(id.valid());
  std::optional<app::PersonRecord> got;
  ASSERT_TRUE(store_
                  ->Read(council_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(got, tx.people().Find(id));
                           return OkStatus();
                         })
                  .ok());
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->details.given_name, "Siobh\xC3\xA1n");
  EXPECT_EQ(got->details.family_name, "O'Neill");
  EXPECT_EQ(got->details.date_of_birth.ToString(), "1950-06-01");
  EXPECT_EQ(got->details.postcode, "HR4 9ZZ");
  EXPECT_EQ(got->details.nhs_number, "9434765919");
  EXPECT_EQ(got->details.budget_management, domain::BudgetManagement::kDirectPayment);
  EXPECT_EQ(got->team_id, team_);
  EXPECT_EQ(got->created_at, kNow);
}

TEST_P(RepositoryContract, AnotherCouncilCannotReadOrFindThePerson) {
  PersonId id = AddPerson(council_, team_, Person("Ada", "Lovelace"));
  std::optional<app::PersonRecord> got;
  ASSERT_TRUE(store_
                  ->Read(other_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(got, tx.people().Find(id));
                           return OkStatus();
                         })
                  .ok());
  EXPECT_FALSE(got.has_value());
  EXPECT_EQ(Search(other_, {"lovelace", std::nullopt, 1, 25}).total, 0);
  EXPECT_EQ(Search(council_, {"lovelace", std::nullopt, 1, 25}).total, 1);
}

TEST_P(RepositoryContract, SearchMatchesWordsPagesAndFiltersByTeam) {
  TeamId south = AddTeam(council_, "Adults South");
  for (int i = 0; i < 30; ++i) {
    AddPerson(council_, i % 2 ? team_ : south,
              Person("Person" + std::to_string(i), i < 3 ? "Smith" : "Jones"));
  }
  AddPerson(council_, team_, Person("Mary", "Smith", "HR4 9ZZ"));
  EXPECT_EQ(Search(council_, {"", std::nullopt, 1, 25}).total, 31);
  EXPECT_EQ(Search(council_, {"", std::nullopt, 1, 25}).items.size(), 25u);
  EXPECT_EQ(Search(council_, {"", std::nullopt, 2, 25}).items.size(), 6u);
  EXPECT_EQ(Search(council_, {"smith", std::nullopt, 1, 25}).total, 4);
  EXPECT_EQ(Search(council_, {"mary smith", std::nullopt, 1, 25}).total, 1);
  EXPECT_EQ(Search(council_, {"hr49zz", std::nullopt, 1, 25}).total, 1);
  EXPECT_EQ(Search(council_, {"hr4 9zz", std::nullopt, 1, 25}).total, 1);
  EXPECT_EQ(Search(council_, {"", team_, 1, 25}).total, 16);
  EXPECT_EQ(Search(council_, {"", south, 1, 25}).total, 15);
  // Ordered by family name, then given name.
  auto first = Search(council_, {"", std::nullopt, 1, 1});
  EXPECT_EQ(first.items.at(0).details.family_name, "Jones");
  // LIKE wildcards in the search text are literal characters.
  EXPECT_EQ(Search(council_, {"%", std::nullopt, 1, 25}).total, 0);
  EXPECT_EQ(Search(council_, {"_", std::nullopt, 1, 25}).total, 0);
  // The reference is searchable.
  auto page = Search(council_, {"mary", std::nullopt, 1, 25});
  std::string ref = AsciiLower(domain::PersonReference(page.items.at(0).id));
  EXPECT_EQ(Search(council_, {ref, std::nullopt, 1, 25}).total, 1);
}

TEST_P(RepositoryContract, UsersHaveUniqueEmailsPerCouncil) {
  app::UserRecord u{UserId{}, "Worker@Example.org", "A worker", domain::Role::kPractitioner,
                    team_,    PersonId{},           "hash",     false};
  UserId id;
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(id, tx.users().Insert(u, kNow));
                            return OkStatus();
                          })
                  .ok());
  Status dup = store_->Write(council_, [&](app::Transaction& tx) -> Status {
    auto again = tx.users().Insert(u, kNow);
    return again.ok() ? OkStatus() : Status(again.error());
  });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
  // The same email may exist in another council.
  EXPECT_TRUE(store_
                  ->Write(other_,
                          [&](app::Transaction& tx) -> Status {
                            app::UserRecord v = u;
                            v.team_id = TeamId{};
                            return tx.users().Insert(v, kNow).ok()
                                       ? OkStatus()
                                       : Error::Internal("insert failed");
                          })
                  .ok());
  std::optional<app::UserRecord> found;
  ASSERT_TRUE(store_
                  ->Read(council_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(found, tx.users().FindByEmail("WORKER@example.ORG"));
                           return OkStatus();
                         })
                  .ok());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->email, "worker@example.org");
  EXPECT_EQ(found->role, domain::Role::kPractitioner);
  EXPECT_EQ(found->team_id, team_);
  EXPECT_FALSE(found->person_id.valid());
}

TEST_P(RepositoryContract, RepresentativesAreLinkedToPeople) {
  PersonId p1 = AddPerson(council_, team_, Person("A", "One"));
  PersonId p2 = AddPerson(council_, team_, Person("B", "Two"));
  std::vector<PersonId> linked;
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            app::UserRecord rep{
                                UserId{}, "rep@example.org", "Rep",  domain::Role::kRepresentative,
                                TeamId{}, PersonId{},        "hash", false};
                            SD_ASSIGN_OR_RETURN(UserId id, tx.users().Insert(rep, kNow));
                            SD_RETURN_IF_ERROR(tx.users().AddRepresentation(id, p2, "daughter"));
                            SD_RETURN_IF_ERROR(tx.users().AddRepresentation(id, p1, "daughter"));
                            SD_ASSIGN_OR_RETURN(linked, tx.users().RepresentedPeople(id));
                            return OkStatus();
                          })
                  .ok());
  EXPECT_EQ(linked, (std::vector<PersonId>{p1, p2}));
  std::vector<app::Representation> reps;
  Status changed = store_->Write(council_, [&](app::Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto user, tx.users().FindByEmail("rep@example.org"));
    SD_RETURN_IF_ERROR(tx.users().UpdateRepresentation(user->id, p1, "son"));
    SD_RETURN_IF_ERROR(tx.users().RemoveRepresentation(user->id, p2));
    Status again = tx.users().RemoveRepresentation(user->id, p2);
    if (again.ok() || again.error().code != ErrorCode::kNotFound)
      return Error::Internal("removing twice should be kNotFound");
    SD_ASSIGN_OR_RETURN(reps, tx.users().Representatives(p1));
    SD_ASSIGN_OR_RETURN(linked, tx.users().RepresentedPeople(user->id));
    return OkStatus();
  });
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  ASSERT_EQ(reps.size(), 1u);
  EXPECT_EQ(reps[0].display_name, "Rep");
  EXPECT_EQ(reps[0].email, "rep@example.org");
  EXPECT_EQ(reps[0].relationship, "son");
  EXPECT_EQ(linked, (std::vector<PersonId>{p1}));
}

TEST_P(RepositoryContract, SessionsAreFoundTouchedAndExpired) {
  UserId user;
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            app::UserRecord u{
                                UserId{}, "s@example.org", "S",    domain::Role::kAnalyst,
                                TeamId{}, PersonId{},      "hash", false};
                            SD_ASSIGN_OR_RETURN(user, tx.users().Insert(u, kNow));
                            SD_RETURN_IF_ERROR(tx.sessions().Insert(
                                {"h1", user, "csrf1", kNow, kNow, kNow.PlusSeconds(100)}));
                            SD_RETURN_IF_ERROR(tx.sessions().Insert(
                                {"h2", user, "csrf2", kNow, kNow, kNow.PlusSeconds(100)}));
                            return tx.sessions().Touch("h1", kNow.PlusSeconds(50));
                          })
                  .ok());
  std::optional<app::SessionRecord> s1, missing;
  int64_t removed = 0;
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(s1, tx.sessions().Find("h1"));
                            // Idle cutoff between the two last-seen times removes only h2.
                            SD_ASSIGN_OR_RETURN(removed,
                                                tx.sessions().DeleteExpired(kNow.PlusSeconds(60),
                                                                            kNow.PlusSeconds(10)));
                            SD_ASSIGN_OR_RETURN(missing, tx.sessions().Find("h2"));
                            return OkStatus();
                          })
                  .ok());
  ASSERT_TRUE(s1.has_value());
  EXPECT_EQ(s1->csrf_token, "csrf1");
  EXPECT_EQ(s1->last_seen_at, kNow.PlusSeconds(50));
  EXPECT_EQ(removed, 1);
  EXPECT_FALSE(missing.has_value());
  // Another council cannot see the session.
  std::optional<app::SessionRecord> cross;
  ASSERT_TRUE(store_
                  ->Read(other_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(cross, tx.sessions().Find("h1"));
                           return OkStatus();
                         })
                  .ok());
  EXPECT_FALSE(cross.has_value());
}

// A user's sessions (ASVS V3.3.4): listed most recently used first with where each was opened,
// and neither another user's nor another council's.
TEST_P(RepositoryContract, AUsersSessionsAreListedWithWhereTheyWereOpened) {
  UserId user, other_user;
  auto session = [&](const char* hash, UserId who, int seen, const char* address) {
    app::SessionRecord s{hash,
                         who,
                         "csrf",
                         kNow,
                         kNow.PlusSeconds(seen),
                         kNow.PlusSeconds(1000),
                         kNow,
                         address,
                         std::string("Mozilla/5.0 ") + hash};
    return s;
  };
  ASSERT_TRUE(
      store_
          ->Write(council_,
                  [&](app::Transaction& tx) -> Status {
                    app::UserRecord u{UserId{}, "l@example.org", "L",    domain::Role::kAnalyst,
                                      TeamId{}, PersonId{},      "hash", false};
                    SD_ASSIGN_OR_RETURN(user, tx.users().Insert(u, kNow));
                    u.email = "m@example.org";
                    SD_ASSIGN_OR_RETURN(other_user, tx.users().Insert(u, kNow));
                    SD_RETURN_IF_ERROR(tx.sessions().Insert(session("a", user, 10, "192.0.2.1")));
                    SD_RETURN_IF_ERROR(tx.sessions().Insert(session("b", user, 30, "2001:db8::1")));
                    SD_RETURN_IF_ERROR(tx.sessions().Insert(session("c", other_user, 40, "")));
                    return tx.sessions().Insert(session("d", user, 20, ""));
                  })
          .ok());
  std::vector<app::SessionRecord> mine, theirs, elsewhere;
  ASSERT_TRUE(store_
                  ->Read(council_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(mine, tx.sessions().ListForUser(user));
                           SD_ASSIGN_OR_RETURN(theirs, tx.sessions().ListForUser(other_user));
                           return OkStatus();
                         })
                  .ok());
  ASSERT_TRUE(store_
                  ->Read(other_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(elsewhere, tx.sessions().ListForUser(user));
                           return OkStatus();
                         })
                  .ok());
  ASSERT_EQ(mine.size(), 3u);
  EXPECT_EQ(mine[0].token_hash, "b");
  EXPECT_EQ(mine[1].token_hash, "d");
  EXPECT_EQ(mine[2].token_hash, "a");
  EXPECT_EQ(mine[0].client_address, "2001:db8::1");
  EXPECT_EQ(mine[0].user_agent, "Mozilla/5.0 b");
  EXPECT_EQ(mine[0].last_seen_at, kNow.PlusSeconds(30));
  EXPECT_EQ(mine[1].client_address, "");
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs[0].token_hash, "c");
  EXPECT_TRUE(elsewhere.empty());
}

TEST_P(RepositoryContract, AuditLogIsAppendOnlyAndNewestFirst) {
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            SD_RETURN_IF_ERROR(tx.audit().Append(
                                {kNow, UserId{}, "a.first", "person", "1", "d", "127.0.0.1"}));
                            return tx.audit().Append({kNow.PlusSeconds(1), UserId{}, "a.second",
                                                      "person", "2", "", "::1"});
                          })
                  .ok());
  std::vector<app::AuditEntry> all, one;
  ASSERT_TRUE(store_
                  ->Read(council_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(all, tx.audit().Recent(10, "", ""));
                           SD_ASSIGN_OR_RETURN(one, tx.audit().Recent(10, "person", "1"));
                           return OkStatus();
                         })
                  .ok());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].action, "a.second");
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].detail, "d");
  // A live council's data, and so its audit log, cannot be deleted.
  Status wipe = store_->DeleteCouncilData(council_);
  ASSERT_FALSE(wipe.ok());
  EXPECT_EQ(wipe.error().code, ErrorCode::kFailedPrecondition);
}

TEST_P(RepositoryContract, AFailedWriteLeavesNothingBehind) {
  Status s = store_->Write(council_, [&](app::Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(tx.people().Insert(Person("Rolled", "Back"), team_, kNow));
    return Error::InvalidArgument("a later check failed");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(Search(council_, {"rolled", std::nullopt, 1, 25}).total, 0);
  // A person in a team of another council violates the tenant foreign key.
  TeamId foreign = AddTeam(other_, "Elsewhere");
  Status bad = store_->Write(council_, [&](app::Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(tx.people().Insert(Person("Wrong", "Team"), foreign, kNow));
    return OkStatus();
  });
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(Search(council_, {"wrong", std::nullopt, 1, 25}).total, 0);
}

TEST_P(RepositoryContract, ADemoCouncilCanBeWipedAndOthersAreUntouched) {
  CouncilId demo = *store_->UpsertCouncil(UniqueCode("demo"), "Demo", CouncilKind::kDemo);
  TeamId t = AddTeam(demo, "Demo team");
  AddPerson(demo, t, Person("Demo", "Person"));
  AddPerson(council_, team_, Person("Live", "Person"));
  ASSERT_TRUE(store_
                  ->Write(demo,
                          [&](app::Transaction& tx) {
                            return tx.audit().Append({kNow, UserId{}, "x", "", "", "", ""});
                          })
                  .ok());
  Status wipe = store_->DeleteCouncilData(demo);
  ASSERT_TRUE(wipe.ok()) << wipe.error().message;
  EXPECT_EQ(Search(demo, {"", std::nullopt, 1, 25}).total, 0);
  EXPECT_EQ(Search(council_, {"live", std::nullopt, 1, 25}).total, 1);
}

TEST_P(RepositoryContract, MigrationsAreAppliedOnce) {
  auto again = store_->Migrate();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  auto applied = store_->AppliedMigrations();
  ASSERT_TRUE(applied.ok());
  ASSERT_GE(applied->size(), 3u);
  EXPECT_EQ(applied->front().name, "0001_foundation.sql");
  for (const auto& m : *applied) EXPECT_TRUE(Timestamp::Parse(m.applied_at).ok()) << m.applied_at;
}

TEST_P(RepositoryContract, AssessmentsRoundTripUpdateAndListOpenWork) {
  TeamId south = AddTeam(council_, "South");
  PersonId north_person = AddPerson(council_, team_, Person("Nora", "North"));
  PersonId south_person = AddPerson(council_, south, Person("Sam", "South"));
  app::AssessmentRecord a;
  a.person_id = north_person;
  a.kind = domain::AssessmentKind::kCarer;
  a.questionnaire_id = "carer";
  a.questionnaire_version = "1";
  a.origin = app::AssessmentOrigin::kPractitioner;
  a.answers = {{"condition_one", {"true"}},
               {"nutrition.reasons", {"without_assistance", "significantly_longer"}},
               {"what_matters", {"Quiet \"evenings\", and my garden \u00e9"}}};
  a.started_by = UserId{7};
  a.created_at = a.updated_at = kNow;
  AssessmentId id, other;
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(id, tx.assessments().Insert(a));
                            app::AssessmentRecord b = a;
                            b.person_id = south_person;
                            b.updated_at = kNow.PlusSeconds(-100);  // Waiting longer.
                            SD_ASSIGN_OR_RETURN(other, tx.assessments().Insert(b));
                            return OkStatus();
                          })
                  .ok());
  std::optional<app::AssessmentRecord> got;
  ASSERT_TRUE(store_
                  ->Read(council_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(got, tx.assessments().Find(id));
                           return OkStatus();
                         })
                  .ok());
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->answers, a.answers);
  EXPECT_EQ(got->kind, domain::AssessmentKind::kCarer);
  EXPECT_EQ(got->status, app::AssessmentStatus::kDraft);
  EXPECT_FALSE(got->eligible.has_value());
  EXPECT_FALSE(got->submitted_at.has_value());

  got->status = app::AssessmentStatus::kCompleted;
  got->eligible = true;
  got->decided_by = UserId{9};
  got->participants = "The person and their daughter";
  got->decision_changed = true;
  got->decision_reasons = "Needs at night the answers did not cover";
  got->consent = domain::AssessmentConsent::kBestInterests;
  got->capacity = domain::MentalCapacity::kAssessedLacksCapacity;
  got->advocacy = domain::Advocacy::kIndependentAdvocate;
  got->advocate = "An independent advocate";
  got->completed_at = kNow.PlusSeconds(60);
  got->updated_at = kNow.PlusSeconds(60);
  std::vector<app::CaseloadEntry> open_all, open_south;
  std::vector<app::AssessmentRecord> for_person;
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            SD_RETURN_IF_ERROR(tx.assessments().Update(*got));
                            SD_ASSIGN_OR_RETURN(open_all, tx.assessments().Open(std::nullopt, 50));
                            SD_ASSIGN_OR_RETURN(open_south, tx.assessments().Open(south, 50));
                            SD_ASSIGN_OR_RETURN(for_person,
                                                tx.assessments().ForPerson(north_person));
                            return OkStatus();
                          })
                  .ok());
  ASSERT_EQ(for_person.size(), 1u);
  EXPECT_EQ(for_person[0].status, app::AssessmentStatus::kCompleted);
  EXPECT_EQ(for_person[0].eligible, true);
  EXPECT_EQ(for_person[0].decided_by, UserId{9});
  EXPECT_EQ(for_person[0].completed_at, kNow.PlusSeconds(60));
  EXPECT_TRUE(for_person[0].decision_changed);
  EXPECT_EQ(for_person[0].decision_reasons, "Needs at night the answers did not cover");
  EXPECT_EQ(for_person[0].consent, domain::AssessmentConsent::kBestInterests);
  EXPECT_EQ(for_person[0].capacity, domain::MentalCapacity::kAssessedLacksCapacity);
  EXPECT_EQ(for_person[0].advocacy, domain::Advocacy::kIndependentAdvocate);
  EXPECT_EQ(for_person[0].advocate, "An independent advocate");
  ASSERT_EQ(open_all.size(), 1u);                            // The completed one is no longer open.
  EXPECT_FALSE(open_all[0].assessment.consent.has_value());  // Not recorded.
  EXPECT_EQ(open_all[0].assessment.id, other);
  EXPECT_EQ(open_all[0].person_name, "Sam South");
  ASSERT_EQ(open_south.size(), 1u);
  // Another council sees none of it.
  std::optional<app::AssessmentRecord> cross;
  ASSERT_TRUE(store_
                  ->Read(other_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(cross, tx.assessments().Find(id));
                           return OkStatus();
                         })
                  .ok());
  EXPECT_FALSE(cross.has_value());
  Status missing =
      store_->Write(other_, [&](app::Transaction& tx) { return tx.assessments().Update(*got); });
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(RepositoryContract, QuestionnaireVersionsAreStoredOnceAndListedInOrder) {
  auto stored = [&](std::string version, std::string date) {
    return app::StoredQuestionnaire{"adult-needs", std::move(version), *Date::Parse(date),
                                    "{\"x\":1}", kNow};
  };
  std::vector<app::StoredQuestionnaire> list;
  std::optional<app::StoredQuestionnaire> found;
  ASSERT_TRUE(
      store_
          ->Write(council_,
                  [&](app::Transaction& tx) -> Status {
                    SD_RETURN_IF_ERROR(tx.questionnaires().Insert(stored("3", "2027-04-01")));
                    SD_RETURN_IF_ERROR(tx.questionnaires().Insert(stored("2", "2026-11-01")));
                    SD_ASSIGN_OR_RETURN(list, tx.questionnaires().List());
                    SD_ASSIGN_OR_RETURN(found, tx.questionnaires().Find("adult-needs", "2"));
                    return OkStatus();
                  })
          .ok());
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].version, "2");
  EXPECT_EQ(list[1].effective_from.ToString(), "2027-04-01");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->fhir_json, "{\"x\":1}");
  Status again = store_->Write(council_, [&](app::Transaction& tx) {
    return tx.questionnaires().Insert(stored("2", "2026-12-01"));
  });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  std::vector<app::StoredQuestionnaire> other;
  ASSERT_TRUE(store_
                  ->Read(other_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(other, tx.questionnaires().List());
                           return OkStatus();
                         })
                  .ok());
  EXPECT_TRUE(other.empty());
}

TEST_P(RepositoryContract, AllocationTablesBudgetsAndSamplesRoundTrip) {
  PersonId person = AddPerson(council_, team_, Person("Ada", "Allocation"));
  app::AssessmentRecord a;
  a.person_id = person;
  a.questionnaire_id = "adult-needs";
  a.questionnaire_version = "1";
  a.status = app::AssessmentStatus::kCompleted;
  a.eligible = true;
  a.started_by = UserId{7};
  a.created_at = a.updated_at = kNow;
  a.completed_at = kNow;
  app::StoredAllocationTable t;
  t.table_id = "adult-ras";
  t.version = 1;
  t.effective_from = *Date::Parse("2026-04-01");
  t.status = app::TableStatus::kDraft;
  t.definition_json = "{\"id\":\"adult-ras\"}";
  t.note = "First version";
  t.created_at = kNow;
  AssessmentId id, older;
  CalibrationSampleId sample;
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(older, tx.assessments().Insert(a));
                            SD_ASSIGN_OR_RETURN(id, tx.assessments().Insert(a));
                            SD_RETURN_IF_ERROR(tx.allocation_tables().Insert(t));
                            SD_RETURN_IF_ERROR(tx.allocation_tables().Publish(
                                "adult-ras", 1, UserId{8}, kNow.PlusSeconds(5)));
                            app::IndicativeBudgetRecord b;
                            b.assessment_id = id;
                            b.person_id = person;
                            b.table_id = "adult-ras";
                            b.table_version = 1;
                            b.points = 12;
                            b.weekly = Pence::FromPence(19012);
                            b.annual = Pence::FromPence(991340);
                            b.calculated_at = kNow;
                            SD_RETURN_IF_ERROR(tx.indicative_budgets().Save(b));
                            SD_RETURN_IF_ERROR(tx.indicative_budgets().SetOverride(
                                id, Pence::FromPence(25000), "Lives alone, rural", UserId{9},
                                kNow.PlusSeconds(60)));
                            b.weekly = Pence::FromPence(20000);  // Recalculated later.
                            SD_RETURN_IF_ERROR(tx.indicative_budgets().Save(b));
                            SD_ASSIGN_OR_RETURN(
                                sample, tx.calibration_samples().Insert(app::CalibrationSample{
                                            CalibrationSampleId{}, "Spring",
                                            "weekly_cost,points\n1,2\n", 1, UserId{7}, kNow}));
                            return OkStatus();
                          })
                  .ok());
  std::optional<app::StoredAllocationTable> found;
  std::optional<app::IndicativeBudgetRecord> budget;
  std::vector<app::AssessmentRecord> current;
  std::vector<app::CalibrationSample> samples;
  std::optional<app::CalibrationSample> one;
  ASSERT_TRUE(store_
                  ->Read(council_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(found, tx.allocation_tables().Find("adult-ras", 1));
                           SD_ASSIGN_OR_RETURN(budget, tx.indicative_budgets().Find(id));
                           SD_ASSIGN_OR_RETURN(current, tx.assessments().CurrentEligible());
                           SD_ASSIGN_OR_RETURN(samples, tx.calibration_samples().List());
                           SD_ASSIGN_OR_RETURN(one, tx.calibration_samples().Find(sample));
                           return OkStatus();
                         })
                  .ok());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->status, app::TableStatus::kPublished);
  EXPECT_EQ(found->published_by, UserId{8});
  EXPECT_EQ(found->published_at, kNow.PlusSeconds(5));
  EXPECT_EQ(found->definition_json, "{\"id\":\"adult-ras\"}");
  ASSERT_TRUE(budget.has_value());
  EXPECT_EQ(budget->weekly, Pence::FromPence(20000));  // The recalculation replaced the figure,
  EXPECT_EQ(budget->override_weekly, Pence::FromPence(25000));  // and kept the override.
  EXPECT_EQ(budget->override_reason, "Lives alone, rural");
  EXPECT_EQ(budget->overridden_by, UserId{9});
  EXPECT_EQ(budget->EffectiveWeekly(), Pence::FromPence(25000));
  ASSERT_EQ(current.size(), 1u);  // Only the person's latest completed assessment.
  EXPECT_EQ(current[0].id, id);
  ASSERT_EQ(samples.size(), 1u);
  EXPECT_TRUE(samples[0].csv.empty());
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->csv, "weekly_cost,points\n1,2\n");
  // Publishing twice, storing a version twice, and a budget without its table are refused.
  Status twice = store_->Write(council_, [&](app::Transaction& tx) {
    return tx.allocation_tables().Publish("adult-ras", 1, UserId{8}, kNow);
  });
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
  Status duplicate = store_->Write(
      council_, [&](app::Transaction& tx) { return tx.allocation_tables().Insert(t); });
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);
  Status orphan = store_->Write(council_, [&](app::Transaction& tx) {
    app::IndicativeBudgetRecord b;
    b.assessment_id = older;
    b.person_id = person;
    b.table_id = "no-such-table";
    b.table_version = 1;
    b.calculated_at = kNow;
    return tx.indicative_budgets().Save(b);
  });
  ASSERT_FALSE(orphan.ok());
  // Another council sees none of it.
  std::vector<app::StoredAllocationTable> other_tables;
  ASSERT_TRUE(store_
                  ->Read(other_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(other_tables, tx.allocation_tables().List());
                           return OkStatus();
                         })
                  .ok());
  EXPECT_TRUE(other_tables.empty());
}

TEST_P(RepositoryContract, DraftFinancialAssessmentsAreListedLongestWaitingFirst) {
  PersonId a = AddPerson(council_, team_, Person("Ada", "Waiting"));
  PersonId b = AddPerson(council_, team_, Person("Bo", "Waiting"));
  app::FinancialAssessmentRecord f;
  f.assessment_date = *Date::Parse("2026-06-02");
  f.input_json = "{}";
  f.evidence_json = "{}";
  f.rates_id = "england-2026-27";
  f.created_by = UserId{7};
  FinancialAssessmentId older, newer;
  std::vector<app::FinancialAssessmentRecord> drafts, elsewhere;
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            f.person_id = a;
                            f.created_at = kNow.PlusSeconds(100);
                            SD_ASSIGN_OR_RETURN(newer, tx.financial_assessments().Insert(f));
                            f.person_id = b;
                            f.created_at = kNow;
                            SD_ASSIGN_OR_RETURN(older, tx.financial_assessments().Insert(f));
                            f.status = app::FinancialAssessmentStatus::kCompleted;
                            f.completed_at = kNow;
                            SD_ASSIGN_OR_RETURN(auto done, tx.financial_assessments().Insert(f));
                            (void)done;
                            SD_ASSIGN_OR_RETURN(drafts, tx.financial_assessments().Drafts());
                            return OkStatus();
                          })
                  .ok());
  ASSERT_EQ(drafts.size(), 2u);
  EXPECT_EQ(drafts[0].id, older);
  EXPECT_EQ(drafts[1].id, newer);
  ASSERT_TRUE(store_
                  ->Read(other_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(elsewhere, tx.financial_assessments().Drafts());
                           return OkStatus();
                         })
                  .ok());
  EXPECT_TRUE(elsewhere.empty());
}

TEST_P(RepositoryContract, EvidenceDocumentsRoundTripWithoutContentInLists) {
  PersonId person = AddPerson(council_, team_, Person("Eve", "Evidence"));
  app::FinancialAssessmentRecord f;
  f.person_id = person;
  f.assessment_date = *Date::Parse("2026-06-02");
  f.input_json = "{}";
  f.evidence_json = "{}";
  f.rates_id = "england-2026-27";
  f.created_at = kNow;
  app::EvidenceDocumentRecord d;
  d.item = "capital";
  d.note = "Statement seen";
  d.file_name = "may.pdf";
  d.media_type = "application/pdf";
  d.size_bytes = 9;
  d.sha256 = std::string(64, 'a');
  d.content_base64 = "JVBERi0xLjQK";
  d.added_by = UserId{7};
  d.added_at = kNow;
  app::EvidenceDocumentRecord note = d;
  note.file_name = note.media_type = note.sha256 = note.content_base64 = "";
  note.size_bytes = 0;
  EvidenceDocumentId first;
  std::vector<app::EvidenceDocumentRecord> listed;
  std::optional<app::EvidenceDocumentRecord> found, missing;
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(d.financial_assessment_id,
                                                tx.financial_assessments().Insert(f));
                            note.financial_assessment_id = d.financial_assessment_id;
                            SD_ASSIGN_OR_RETURN(first, tx.evidence_documents().Insert(d));
                            SD_ASSIGN_OR_RETURN(auto second, tx.evidence_documents().Insert(note));
                            (void)second;
                            SD_ASSIGN_OR_RETURN(listed, tx.evidence_documents().ForAssessment(
                                                            d.financial_assessment_id));
                            SD_ASSIGN_OR_RETURN(found, tx.evidence_documents().Find(first));
                            return OkStatus();
                          })
                  .ok());
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, first);
  EXPECT_EQ(listed[0].file_name, "may.pdf");
  EXPECT_TRUE(listed[0].content_base64.empty());
  EXPECT_TRUE(listed[1].file_name.empty());
  EXPECT_EQ(listed[1].note, "Statement seen");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->content_base64, "JVBERi0xLjQK");
  EXPECT_EQ(found->sha256, d.sha256);
  EXPECT_EQ(found->added_at, kNow);
  ASSERT_TRUE(store_
                  ->Read(other_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(missing, tx.evidence_documents().Find(first));
                           return OkStatus();
                         })
                  .ok());
  EXPECT_FALSE(missing);  // Another council sees none of it.
}

TEST_P(RepositoryContract, ADistrictsCentreIsTheMeanOfItsPostcodes) {
  std::optional<domain::GeoPoint> centre, none, hostile;
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            SD_RETURN_IF_ERROR(
                                tx.postcodes().Put({{"ZQ1 1AA", {52000000, -2000000}},
                                                    {"ZQ1 1AB", {52000003, -2000004}},
                                                    {"ZQ11 1AA", {10, 10}}}));  // Another district.
                            SD_ASSIGN_OR_RETURN(centre, tx.postcodes().DistrictCentre("ZQ1"));
                            SD_ASSIGN_OR_RETURN(none, tx.postcodes().DistrictCentre("ZQ9"));
                            SD_ASSIGN_OR_RETURN(hostile, tx.postcodes().DistrictCentre("%"));
                            return OkStatus();
                          })
                  .ok());
  ASSERT_TRUE(centre);
  EXPECT_EQ(centre->latitude_e6, 52000002);  // 52000001.5, half away from zero.
  EXPECT_EQ(centre->longitude_e6, -2000002);
  EXPECT_FALSE(none);
  EXPECT_FALSE(hostile);
}

TEST_P(RepositoryContract, FinancialAssessmentsAndChargingPoliciesRoundTrip) {
  PersonId person = AddPerson(council_, team_, Person("Flo", "Finance"));
  app::FinancialAssessmentRecord f;
  f.person_id = person;
  f.assessment_date = *Date::Parse("2025-06-02");
  f.input_json = "{\"age\":30}";
  f.evidence_json = "{\"capital\":\"awaited\"}";
  f.reason = "First financial assessment";
  f.rates_id = "england-2025-26";
  f.weekly_charge = Pence::FromPence(13355);
  f.weekly_cost = Pence::FromPence(30000);
  f.created_by = UserId{7};
  f.created_at = kNow;
  FinancialAssessmentId first, second;
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(first, tx.financial_assessments().Insert(f));
                            // Completing the draft.
                            app::FinancialAssessmentRecord done = f;
                            done.id = first;
                            done.status = app::FinancialAssessmentStatus::kCompleted;
                            done.evidence_json = "{\"capital\":\"verified\"}";
                            done.completed_by = UserId{7};
                            done.completed_at = kNow.PlusSeconds(60);
                            SD_RETURN_IF_ERROR(tx.financial_assessments().UpdateDraft(done));
                            // A re-assessment on next year's rates replaces it.
                            app::FinancialAssessmentRecord next = done;
                            next.assessment_date = *Date::Parse("2026-04-06");
                            next.rates_id = "england-2026-27";
                            next.weekly_charge = Pence::FromPence(12045);
                            next.full_cost = true;
                            next.replaces = first;
                            SD_ASSIGN_OR_RETURN(second, tx.financial_assessments().Insert(next));
                            return tx.charging_policies().Insert({*Date::Parse("2026-04-06"),
                                                                  "{\"charge_percent\":\"90\"}",
                                                                  "90 percent", UserId{7}, kNow});
                          })
                  .ok());
  std::vector<app::FinancialAssessmentRecord> history, current, drafts;
  std::optional<app::FinancialAssessmentRecord> one;
  std::vector<app::StoredChargingPolicy> policies;
  Status again;
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(history,
                                                tx.financial_assessments().ForPerson(person));
                            SD_ASSIGN_OR_RETURN(current, tx.financial_assessments().Current());
                            SD_ASSIGN_OR_RETURN(drafts, tx.financial_assessments().Drafts());
                            SD_ASSIGN_OR_RETURN(one, tx.financial_assessments().Find(first));
                            SD_ASSIGN_OR_RETURN(policies, tx.charging_policies().List());
                            again = tx.financial_assessments().UpdateDraft(*one);
                            return OkStatus();
                          })
                  .ok());
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].id, second);
  EXPECT_EQ(history[0].replaces, first);
  EXPECT_TRUE(history[0].full_cost);
  ASSERT_EQ(current.size(), 1u);
  EXPECT_EQ(current[0].id, second);
  EXPECT_TRUE(drafts.empty());  // Both are completed.
  EXPECT_EQ(current[0].weekly_charge, Pence::FromPence(12045));
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, app::FinancialAssessmentStatus::kCompleted);
  EXPECT_EQ(one->evidence_json, "{\"capital\":\"verified\"}");
  EXPECT_EQ(one->assessment_date.ToString(), "2025-06-02");
  EXPECT_EQ(one->completed_at, kNow.PlusSeconds(60));
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);  // Completed: never changed.
  ASSERT_EQ(policies.size(), 1u);
  EXPECT_EQ(policies[0].effective_from.ToString(), "2026-04-06");
  // One policy a day; another council sees none of it.
  Status twice = store_->Write(council_, [&](app::Transaction& tx) -> Status {
    return tx.charging_policies().Insert(
        {*Date::Parse("2026-04-06"), "{}", "again", UserId{}, kNow});
  });
  EXPECT_EQ(twice.error().code, ErrorCode::kAlreadyExists);
  std::vector<app::FinancialAssessmentRecord> other;
  ASSERT_TRUE(store_
                  ->Read(other_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(other, tx.financial_assessments().Current());
                           return OkStatus();
                         })
                  .ok());
  EXPECT_TRUE(other.empty());
}

TEST_P(RepositoryContract, ChargingEstimatesAreKeptNewestFirstAndCanBeRemoved) {
  PersonId person = AddPerson(council_, team_, Person("Esti", "Mate"));
  app::ChargingEstimateRecord e;
  e.person_id = person;
  e.input_json = "{\"age\":70}";
  e.rates_id = "england-2026-27";
  e.weekly_charge = Pence::FromPence(4210);
  e.weekly_cost = Pence::FromPence(25000);
  e.full_cost = false;
  e.created_by = UserId{3};
  e.created_at = kNow;
  ChargingEstimateId first, second;
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(first, tx.charging_estimates().Insert(e));
                            app::ChargingEstimateRecord full = e;
                            full.weekly_charge = Pence::FromPence(25000);
                            full.full_cost = true;
                            full.created_at = kNow.PlusSeconds(5);
                            SD_ASSIGN_OR_RETURN(second, tx.charging_estimates().Insert(full));
                            return OkStatus();
                          })
                  .ok());
  std::vector<app::ChargingEstimateRecord> listed;
  std::optional<app::ChargingEstimateRecord> found;
  ASSERT_TRUE(store_
                  ->Read(council_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(listed, tx.charging_estimates().ForPerson(person));
                           SD_ASSIGN_OR_RETURN(found, tx.charging_estimates().Find(first));
                           return OkStatus();
                         })
                  .ok());
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, second);
  EXPECT_TRUE(listed[0].full_cost);
  EXPECT_EQ(listed[1].id, first);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->input_json, "{\"age\":70}");
  EXPECT_EQ(found->rates_id, "england-2026-27");
  EXPECT_EQ(found->weekly_charge, Pence::FromPence(4210));
  EXPECT_EQ(found->weekly_cost, Pence::FromPence(25000));
  EXPECT_EQ(found->created_by, UserId{3});
  EXPECT_EQ(found->created_at, kNow);
  // Another council can neither see nor remove it; removing it twice is kNotFound.
  Status other_delete = store_->Write(
      other_, [&](app::Transaction& tx) { return tx.charging_estimates().Delete(first); });
  EXPECT_EQ(other_delete.error().code, ErrorCode::kNotFound);
  std::optional<app::ChargingEstimateRecord> seen_by_other;
  ASSERT_TRUE(store_
                  ->Read(other_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(seen_by_other, tx.charging_estimates().Find(first));
                           return OkStatus();
                         })
                  .ok());
  EXPECT_FALSE(seen_by_other.has_value());
  ASSERT_TRUE(
      store_
          ->Write(council_,
                  [&](app::Transaction& tx) { return tx.charging_estimates().Delete(first); })
          .ok());
  Status again = store_->Write(
      council_, [&](app::Transaction& tx) { return tx.charging_estimates().Delete(first); });
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(store_
                  ->Read(council_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(listed, tx.charging_estimates().ForPerson(person));
                           return OkStatus();
                         })
                  .ok());
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, second);
}

TEST_P(RepositoryContract, SupportPlansKeepEveryVersionAndTheirAgreedSpendTotals) {
  PersonId person = AddPerson(council_, team_, Person("Plan", "Holder"));
  app::SupportPlanRecord p;
  p.person_id = person;
  p.team_id = team_;
  p.client_group = "physical_support";
  p.indicative_weekly = Pence::FromPence(30000);
  p.weekly_total = Pence::FromPence(28677);
  p.annual_total = Pence::FromPence(1491227);
  p.created_by = UserId{3};
  p.last_edited_by = UserId{3};
  p.created_at = kNow;
  p.updated_at = kNow;
  app::SupportPlanVersion v1{SupportPlanId{},
                             1,
                             "{\"what_matters\":\"home\"}",
                             p.weekly_total,
                             p.annual_total,
                             UserId{3},
                             kNow,
                             "Started"};
  SupportPlanId id;
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(id, tx.support_plans().Insert(p, v1));
                            SD_RETURN_IF_ERROR(tx.support_plans().AddEvent(
                                {id, 1, "started", "", UserId{3}, kNow}));
                            app::SupportPlanVersion v2 = v1;
                            v2.plan_id = id;
                            v2.version = 2;
                            v2.content_json = "{\"what_matters\":\"my garden\"}";
                            v2.note = "What matters";
                            v2.changed_at = kNow.PlusSeconds(60);
                            SD_RETURN_IF_ERROR(tx.support_plans().AddVersion(v2));
                            app::SupportPlanRecord updated = p;
                            updated.id = id;
                            updated.version = 2;
                            updated.status = domain::PlanStatus::kSubmitted;
                            updated.submitted_by = UserId{3};
                            updated.submitted_at = kNow.PlusSeconds(90);
                            updated.updated_at = kNow.PlusSeconds(90);
                            SD_RETURN_IF_ERROR(tx.support_plans().Update(updated));
                            return tx.support_plans().AddEvent(
                                {id, 2, "submitted", "", UserId{3}, kNow.PlusSeconds(90)});
                          })
                  .ok());
  // A version is never replaced.
  app::SupportPlanVersion again = v1;
  again.plan_id = id;
  Status replaced = store_->Write(
      council_, [&](app::Transaction& tx) { return tx.support_plans().AddVersion(again); });
  EXPECT_EQ(replaced.error().code, ErrorCode::kAlreadyExists);

  std::optional<app::SupportPlanRecord> found;
  std::optional<app::SupportPlanVersion> first;
  std::vector<app::SupportPlanVersion> versions;
  std::vector<app::SupportPlanEvent> events;
  std::vector<app::SupportPlanRecord> mine, waiting, waiting_elsewhere;
  ASSERT_TRUE(store_
                  ->Read(council_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(found, tx.support_plans().Find(id));
                           SD_ASSIGN_OR_RETURN(first, tx.support_plans().Version(id, 1));
                           SD_ASSIGN_OR_RETURN(versions, tx.support_plans().Versions(id));
                           SD_ASSIGN_OR_RETURN(events, tx.support_plans().Events(id));
                           SD_ASSIGN_OR_RETURN(mine, tx.support_plans().ForPerson(person));
                           SD_ASSIGN_OR_RETURN(waiting, tx.support_plans().Waiting(team_, 10));
                           SD_ASSIGN_OR_RETURN(waiting_elsewhere,
                                               tx.support_plans().Waiting(TeamId{999999}, 10));
                           return OkStatus();
                         })
                  .ok());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->status, domain::PlanStatus::kSubmitted);
  EXPECT_EQ(found->version, 2);
  EXPECT_EQ(found->indicative_weekly, Pence::FromPence(30000));
  EXPECT_EQ(found->weekly_total, Pence::FromPence(28677));
  EXPECT_EQ(found->client_group, "physical_support");
  EXPECT_EQ(found->submitted_at, kNow.PlusSeconds(90));
  EXPECT_FALSE(found->decided_at.has_value());
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->content_json, "{\"what_matters\":\"home\"}");  // Kept as it was.
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[1].note, "What matters");
  EXPECT_TRUE(versions[1].content_json.empty());
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].kind, "submitted");
  ASSERT_EQ(mine.size(), 1u);
  ASSERT_EQ(waiting.size(), 1u);
  EXPECT_TRUE(waiting_elsewhere.empty());

  // Agreed spend: a second agreement of the same plan replaces the first in the totals.
  app::AgreedPlanSpend spend{id,
                             "2026-11",
                             team_,
                             "physical_support",
                             "direct_payment_only",
                             Pence::FromPence(28677),
                             {{"personal_assistant", "direct_payment", Pence::FromPence(27500)},
                              {"gym", "direct_payment", Pence::FromPence(1177)}}};
  app::AgreedPlanSpend other{SupportPlanId{id.value() + 1000000},
                             "2026-10",
                             team_,
                             "learning_disability",
                             "council_managed_budget",
                             Pence::FromPence(5000),
                             {{"day_centre", "council_managed", Pence::FromPence(5000)}}};
  app::SpendSummary all, filtered, after;
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            SD_RETURN_IF_ERROR(tx.support_plans().RecordAgreedSpend(spend));
                            SD_RETURN_IF_ERROR(tx.support_plans().RecordAgreedSpend(other));
                            SD_ASSIGN_OR_RETURN(all, tx.support_plans().Spend({}));
                            SD_ASSIGN_OR_RETURN(
                                filtered, tx.support_plans().Spend({team_, "learning_disability"}));
                            app::AgreedPlanSpend revised = spend;
                            revised.month = "2026-12";
                            revised.lines = {{"gym", "direct_payment", Pence::FromPence(1177)}};
                            revised.weekly_total = Pence::FromPence(1177);
                            SD_RETURN_IF_ERROR(tx.support_plans().RecordAgreedSpend(revised));
                            SD_ASSIGN_OR_RETURN(after, tx.support_plans().Spend({}));
                            return OkStatus();
                          })
                  .ok());
  ASSERT_EQ(all.spend.size(), 3u);
  EXPECT_EQ(all.spend[0].month, "2026-10");
  EXPECT_EQ(all.spend[0].key, "day_centre");
  EXPECT_EQ(all.spend[1].key, "gym");
  EXPECT_EQ(all.spend[2].weekly, Pence::FromPence(27500));
  ASSERT_EQ(all.agreements.size(), 2u);
  EXPECT_EQ(all.agreements[1].key, "direct_payment_only");
  EXPECT_EQ(all.agreements[1].count, 1);
  ASSERT_EQ(filtered.spend.size(), 1u);
  EXPECT_EQ(filtered.spend[0].key, "day_centre");
  // The plan moved to December with only its gym line; October's other plan is untouched.
  ASSERT_EQ(after.spend.size(), 2u);
  EXPECT_EQ(after.spend[1].month, "2026-12");
  EXPECT_EQ(after.spend[1].weekly, Pence::FromPence(1177));
  ASSERT_EQ(after.agreements.size(), 2u);
  EXPECT_EQ(after.agreements[1].month, "2026-12");

  // Another council sees none of it.
  std::optional<app::SupportPlanRecord> seen_by_other;
  app::SpendSummary other_spend;
  ASSERT_TRUE(store_
                  ->Read(other_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(seen_by_other, tx.support_plans().Find(id));
                           SD_ASSIGN_OR_RETURN(other_spend, tx.support_plans().Spend({}));
                           return OkStatus();
                         })
                  .ok());
  EXPECT_FALSE(seen_by_other.has_value());
  EXPECT_TRUE(other_spend.spend.empty());
}

namespace {

app::DirectoryEntryRecord Entry(const std::string& id, const std::string& name,
                                const std::string& words) {
  app::DirectoryEntryRecord e;
  e.service_id = id;
  e.name = name;
  e.organization_name = "Wyvern Vale Voluntary Action";
  e.status = "active";
  e.search_text = words;
  e.review_due = "2027-06-01";
  e.last_modified = kNow;
  e.updated_by = UserId{1};
  e.document_json = "{\"id\":\"" + id + "\"}";
  return e;
}

std::vector<std::string> Ids(const app::DirectoryResults& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.service_id);
  return out;
}

}  // namespace

TEST_P(RepositoryContract, DirectoryEntriesAreFoundByWordsTermsTimesAgesAndDistance) {
  const std::string lunch = "00000000-0000-4000-8000-000000000001";
  const std::string walk = "00000000-0000-4000-8000-000000000002";
  const std::string pa = "00000000-0000-4000-8000-000000000003";
  const std::string term_food = "10000000-0000-4000-8000-000000000001";
  const std::string term_active = "10000000-0000-4000-8000-000000000002";
  const domain::GeoPoint hereford{52'056'500, -2'716'000}, leominster{52'227'000, -2'737'000};
  auto a = Entry(lunch, "Lunch club", "lunch club hot meals hereford hr1 2ab");
  a.term_ids = {term_food};
  a.minimum_age = 60;
  a.sessions = {{1, 12 * 60, 14 * 60}, {3, 12 * 60, 14 * 60}};
  a.places = {{"20000000-0000-4000-8000-000000000001", "30000000-0000-4000-8000-000000000001",
               "HR1 2AB", hereford},
              {"20000000-0000-4000-8000-000000000002", "30000000-0000-4000-8000-000000000002",
               "HR6 8AA", leominster}};
  auto b = Entry(walk, "Walking for health", "walking for health free gentle walks leominster");
  b.term_ids = {term_active};
  b.free = true;
  b.minimum_age = 18;
  b.maximum_age = 90;
  b.sessions = {{5, 10 * 60, 11 * 60 + 30}};
  b.places = {{"20000000-0000-4000-8000-000000000003", "30000000-0000-4000-8000-000000000003",
               "HR6 8AA", leominster}};
  b.review_due = "2026-01-01";
  b.last_modified = kNow.PlusSeconds(3600);
  auto c = Entry(pa, "Personal assistant finder", "personal assistant finder lunch");
  c.status = "temporarily closed";
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            for (const auto& e : {a, b, c}) {
                              SD_RETURN_IF_ERROR(tx.directory().Upsert(e));
                            }
                            return OkStatus();
                          })
                  .ok());
  auto search = [&](app::DirectoryQuery q, CouncilId council) {
    app::DirectoryResults r;
    Status s = store_->Read(council, [&](app::Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(r, tx.directory().Search(q));
      return OkStatus();
    });
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return r;
  };
  auto find = [&](app::DirectoryQuery q) { return search(std::move(q), council_); };

  // Everything, by name; word starts; every word must match.
  EXPECT_EQ(Ids(find({})), (std::vector<std::string>{lunch, pa, walk}));
  EXPECT_EQ(find({}).total, 3);
  EXPECT_EQ(Ids(find({.words = {"lun"}})).size(), 2u);
  EXPECT_EQ(Ids(find({.words = {"lunch", "hot"}})), std::vector<std::string>{lunch});
  EXPECT_TRUE(find({.words = {"unch"}}).hits.empty());
  EXPECT_TRUE(find({.words = {"lunch", "walks"}}).hits.empty());
  // Terms, ages, sessions, free, status, modified, review.
  EXPECT_EQ(Ids(find({.term_ids = {term_active, "10000000-0000-4000-8000-00000000ffff"}})),
            std::vector<std::string>{walk});
  EXPECT_EQ(Ids(find({.minimum_age_at_least = 50})), std::vector<std::string>{lunch});
  EXPECT_EQ(Ids(find({.maximum_age_at_most = 90})), std::vector<std::string>{walk});
  EXPECT_EQ(Ids(find({.age = 40})), (std::vector<std::string>{pa, walk}));
  EXPECT_EQ(Ids(find({.day = 1})), std::vector<std::string>{lunch});
  EXPECT_EQ(Ids(find({.opens_from = 10 * 60, .closes_by = 12 * 60})),
            std::vector<std::string>{walk});
  EXPECT_TRUE(find({.day = 5, .opens_from = 11 * 60}).hits.empty());
  EXPECT_EQ(Ids(find({.free_only = true})), std::vector<std::string>{walk});
  EXPECT_EQ(Ids(find({.active_only = true})), (std::vector<std::string>{lunch, walk}));
  EXPECT_EQ(Ids(find({.modified_after = kNow.PlusSeconds(60)})), std::vector<std::string>{walk});
  EXPECT_EQ(Ids(find({.review_due_before = "2026-11-22"})), std::vector<std::string>{walk});
  // Distance: within 5 miles of Hereford only the lunch club's Hereford place; within 15 miles
  // both services, the lunch club first (its nearest place is 0 m away), once each.
  auto near = find({.near = hereford, .within_metres = domain::MilesToMetres(5)});
  ASSERT_EQ(Ids(near), std::vector<std::string>{lunch});
  EXPECT_EQ(near.hits[0].distance_metres, 0);
  EXPECT_EQ(near.hits[0].service_at_location_id, "20000000-0000-4000-8000-000000000001");
  auto wider = find({.near = hereford, .within_metres = domain::MilesToMetres(15)});
  EXPECT_EQ(Ids(wider), (std::vector<std::string>{lunch, walk}));
  EXPECT_EQ(wider.total, 2);
  ASSERT_EQ(wider.hits.size(), 2u);
  EXPECT_GT(*wider.hits[1].distance_metres, 18'000);
  // By place: the lunch club twice (two places), the walk once; nearest first.
  auto places =
      find({.near = leominster, .within_metres = domain::MilesToMetres(15), .by_place = true});
  ASSERT_EQ(places.hits.size(), 3u);
  EXPECT_EQ(places.hits[2].service_id, lunch);
  EXPECT_EQ(places.hits[2].service_at_location_id, "20000000-0000-4000-8000-000000000001");
  EXPECT_EQ(find({.by_place = true}).total, 3);
  // A page at a time, nearest first: each service once, on one page only, the total counting
  // services (the lunch club's second place is not a third result).
  std::vector<std::string> paged;
  for (int64_t offset : {0, 1, 2}) {
    auto one = find({.near = leominster,
                     .within_metres = domain::MilesToMetres(15),
                     .offset = offset,
                     .limit = 1});
    EXPECT_EQ(one.total, 2) << offset;
    for (const auto& id : Ids(one)) paged.push_back(id);
  }
  std::vector<std::string> all_near =
      Ids(find({.near = leominster, .within_metres = domain::MilesToMetres(15)}));
  EXPECT_EQ(paged, all_near);
  EXPECT_EQ(all_near.size(), 2u);
  // Paging, and the total past the last page.
  auto page2 = find({.offset = 2, .limit = 2});
  EXPECT_EQ(Ids(page2), std::vector<std::string>{walk});
  EXPECT_EQ(page2.total, 3);
  auto past = find({.offset = 10, .limit = 2});
  EXPECT_TRUE(past.hits.empty());
  EXPECT_EQ(past.total, 3);
  // Words and distance together.
  EXPECT_EQ(Ids(find({.words = {"walk"}, .near = leominster, .within_metres = 1000})),
            std::vector<std::string>{walk});
  // Another council sees none of it.
  EXPECT_EQ(search({}, other_).total, 0);
  EXPECT_TRUE(search({.words = {"lunch"}}, other_).hits.empty());

  // Replacing an entry replaces its words, terms, sessions and places.
  auto a2 = a;
  a2.name = "Friday supper club";
  a2.search_text = "friday supper club";
  a2.term_ids = {term_active};
  a2.sessions = {{4, 18 * 60, 20 * 60}};
  a2.places.resize(1);
  a2.document_json = "{\"id\":\"" + lunch + "\",\"name\":\"Friday supper club\"}";
  ASSERT_TRUE(
      store_->Write(council_, [&](app::Transaction& tx) { return tx.directory().Upsert(a2); })
          .ok());
  EXPECT_EQ(Ids(find({.words = {"lunch"}})), std::vector<std::string>{pa});
  EXPECT_EQ(Ids(find({.words = {"supper"}})), std::vector<std::string>{lunch});
  EXPECT_EQ(Ids(find({.day = 1})), std::vector<std::string>{});
  EXPECT_EQ(find({.term_ids = {term_active}}).total, 2);
  EXPECT_EQ(find({.by_place = true}).total, 2);
  EXPECT_EQ(find({.words = {"supper"}}).hits[0].document_json, a2.document_json);

  // A place id that belongs to another entry is refused, and the failed write changes nothing.
  auto clash = Entry("00000000-0000-4000-8000-000000000009", "Clash", "clash");
  clash.places = {b.places[0]};
  Status refused =
      store_->Write(council_, [&](app::Transaction& tx) { return tx.directory().Upsert(clash); });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(find({}).total, 3);
  EXPECT_TRUE(find({.words = {"clash"}}).hits.empty());

  // Find, the service of a place, delete.
  std::optional<app::DirectoryEntryRecord> found, by_organisation, no_organisation;
  std::optional<std::string> owner;
  int64_t count = 0;
  ASSERT_TRUE(
      store_
          ->Write(council_,
                  [&](app::Transaction& tx) -> Status {
                    SD_ASSIGN_OR_RETURN(found, tx.directory().Find(walk));
                    // The first stored entry of an organisation, whatever the case.
                    SD_ASSIGN_OR_RETURN(by_organisation, tx.directory().FindByOrganisationName(
                                                             "wyvern vale VOLUNTARY action"));
                    SD_ASSIGN_OR_RETURN(no_organisation,
                                        tx.directory().FindByOrganisationName("Wyvern"));
                    SD_ASSIGN_OR_RETURN(
                        owner, tx.directory().ServiceOfPlace(b.places[0].service_at_location_id));
                    SD_RETURN_IF_ERROR(tx.directory().Delete(pa));
                    SD_ASSIGN_OR_RETURN(count, tx.directory().Count());
                    return OkStatus();
                  })
          .ok());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "Walking for health");
  EXPECT_EQ(found->review_due, "2026-01-01");
  EXPECT_EQ(found->last_modified, kNow.PlusSeconds(3600));
  EXPECT_EQ(found->document_json, b.document_json);
  EXPECT_EQ(owner, walk);
  ASSERT_TRUE(by_organisation.has_value());
  EXPECT_EQ(by_organisation->service_id, lunch);
  EXPECT_EQ(by_organisation->document_json, a2.document_json);
  EXPECT_FALSE(no_organisation.has_value());
  EXPECT_EQ(count, 2);
  EXPECT_TRUE(find({.words = {"personal"}}).hits.empty());
  Status missing =
      store_->Write(council_, [&](app::Transaction& tx) { return tx.directory().Delete(pa); });
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

// The in-memory index (app/directory/directory_search_index.h) is built from SearchColumns and
// must give the answers Search gives: the same entries, places, distances, totals and order, for
// every filter and page. 240 entries and 400 searches drawn from a fixed seed, so that a failure
// is the same on every run. On PostgreSQL, relevance is ts_rank rather than BM25, so with words
// the two are compared as sets of every match.
TEST_P(RepositoryContract, TheSearchIndexGivesTheDatabasesAnswers) {
  std::mt19937 random(20261122);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const std::vector<std::string> vocabulary = {
      "lunch",  "lunches", "club",   "walking",  "walk",     "football",   "art", "arts", "carers",
      "memory", "cafe",    "gentle", "exercise", "hereford", "leominster", "hr1", "hr6",  "a"};
  const std::vector<std::string> names = {"Lunch club", "Walking group", "Art class",
                                          "Carers' cafe", "Memory cafe"};
  const std::vector<domain::GeoPoint> points = {{52'056'500, -2'716'000},
                                                {52'227'000, -2'737'000},
                                                {52'035'000, -2'423'000},
                                                {52'060'000, -2'700'000},
                                                {51'990'000, -2'870'000}};
  const std::vector<std::string> term_ids = {"10000000-0000-4000-8000-000000000001",
                                             "10000000-0000-4000-8000-000000000002",
                                             "10000000-0000-4000-8000-000000000003"};
  auto uuid = [](int kind, int n) {
    char id[40];
    std::snprintf(id, sizeof id, "%08d-0000-4000-8000-%012d", kind, n);
    return std::string(id);
  };
  int place_number = 0;
  ASSERT_TRUE(
      store_
          ->Write(council_,
                  [&](app::Transaction& tx) -> Status {
                    for (int i = 0; i < 240; ++i) {
                      std::string words;
                      for (int w = 0, count = 2 + pick(10); w < count; ++w) {
                        words += (w ? " " : "") + vocabulary[pick(18)];
                      }
                      auto e = Entry(uuid(0, pick(1000) * 1000 + i), names[pick(5)], words);
                      e.status = pick(5) == 0 ? "inactive" : "active";
                      e.free = pick(2) == 0;
                      if (pick(3) > 0) e.minimum_age = 16 + pick(50);
                      if (pick(3) == 0) e.maximum_age = 60 + pick(40);
                      for (int t = 0; t < 3; ++t) {
                        if (pick(3) == 0) e.term_ids.push_back(term_ids[t]);
                      }
                      for (int n = pick(3); n > 0; --n) {
                        e.sessions.push_back(
                            {pick(7),
                             pick(4) ? std::optional<int>(8 * 60 + 30 * pick(16)) : std::nullopt,
                             pick(4) ? std::optional<int>(12 * 60 + 30 * pick(16)) : std::nullopt});
                      }
                      for (int n = pick(4); n > 0; --n) {
                        app::DirectoryEntryRecord::Place p;
                        p.service_at_location_id = uuid(2, ++place_number);
                        p.location_id = uuid(3, place_number);
                        p.postcode = "HR1 2AB";
                        if (pick(6) > 0) {
                          p.point = points[pick(5)];
                          // Most on a postcode's point (equal distances), some not.
                          if (pick(2) == 0) p.point->latitude_e6 += pick(40'000) - 20'000;
                        }
                        e.places.push_back(p);
                      }
                      e.review_due = "2026-" + std::to_string(10 + pick(3)) + "-15";
                      e.last_modified = kNow.PlusSeconds(60 * pick(100));
                      SD_RETURN_IF_ERROR(tx.directory().Upsert(e));
                    }
                    return OkStatus();
                  })
          .ok());
  std::unique_ptr<app::DirectorySearchIndex> index;
  ASSERT_TRUE(store_
                  ->Read(council_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(auto version, tx.directory().Version());
                           SD_ASSIGN_OR_RETURN(auto columns, tx.directory().SearchColumns());
                           index = std::make_unique<app::DirectorySearchIndex>(version,
                                                                               std::move(columns));
                           return OkStatus();
                         })
                  .ok());
  ASSERT_EQ(index->size(), 240u);
  auto search = [&](const app::DirectoryQuery& q) {
    app::DirectoryResults r;
    Status s = store_->Read(council_, [&](app::Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(r, tx.directory().Search(q));
      return OkStatus();
    });
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return r;
  };
  auto rows = [](const app::DirectoryResults& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) {
      out.push_back(h.service_id + " " + h.service_at_location_id + " " +
                    std::to_string(h.distance_metres.value_or(-1)) + " " + h.review_due + " " +
                    std::to_string(h.last_modified.micros()));
    }
    return out;
  };
  const bool exact_relevance = GetParam() == "sqlite";
  int with_hits = 0;
  for (int i = 0; i < 400; ++i) {
    app::DirectoryQuery q;
    for (int n = pick(3); n > 0; --n) {
      const std::string& w = vocabulary[pick(18)];
      q.words.push_back(w.substr(0, 1 + pick(static_cast<int>(w.size()))));
    }
    if (pick(6) == 0) q.term_ids = {term_ids[pick(3)], pick(2) ? term_ids[pick(3)] : "unknown"};
    if (pick(8) == 0) q.minimum_age_at_least = 16 + pick(50);
    if (pick(8) == 0) q.maximum_age_at_most = 60 + pick(40);
    if (pick(6) == 0) q.age = 10 + pick(80);
    if (pick(6) == 0) q.day = pick(7);
    if (pick(8) == 0) q.opens_from = 8 * 60 + 30 * pick(16);
    if (pick(8) == 0) q.closes_by = 12 * 60 + 30 * pick(16);
    q.free_only = pick(5) == 0;
    q.active_only = pick(3) == 0;
    if (pick(8) == 0) q.modified_after = kNow.PlusSeconds(60 * pick(100));
    if (pick(8) == 0) q.review_due_before = "2026-" + std::to_string(10 + pick(3)) + "-15";
    if (pick(2) == 0) {
      q.near = points[pick(5)];
      q.within_metres = 1000 + pick(40'000);
    }
    q.by_place = pick(4) == 0;
    q.limit = 1 + pick(30);
    q.offset = pick(4) == 0 ? 0 : pick(60);
    const std::string label = "search " + std::to_string(i);
    if (q.words.empty() || exact_relevance) {
      auto want = search(q);
      auto got = index->Search(q);
      EXPECT_EQ(got.total, want.total) << label;
      EXPECT_EQ(rows(got), rows(want)) << label;
      with_hits += want.hits.empty() ? 0 : 1;
    } else {
      q.offset = 0;
      q.limit = 1000;
      auto want = rows(search(q));
      auto got = rows(index->Search(q));
      std::sort(want.begin(), want.end());
      std::sort(got.begin(), got.end());
      EXPECT_EQ(got, want) << label;
      with_hits += want.empty() ? 0 : 1;
    }
  }
  // The searches were not all empty ones.
  EXPECT_GT(with_hits, 150);

  // Documents: those asked for that are stored, by id.
  std::unordered_map<std::string, std::string> documents;
  const std::string first = index->Search({.limit = 1}).hits.at(0).service_id;
  ASSERT_TRUE(store_
                  ->Read(council_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(
                               documents, tx.directory().Documents({first, uuid(9, 9), first}));
                           return OkStatus();
                         })
                  .ok());
  ASSERT_EQ(documents.size(), 1u);
  EXPECT_EQ(documents[first], "{\"id\":\"" + first + "\"}");
  // Another council's columns are its own.
  ASSERT_TRUE(store_
                  ->Read(other_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(auto columns, tx.directory().SearchColumns());
                           EXPECT_TRUE(columns.empty());
                           SD_ASSIGN_OR_RETURN(documents, tx.directory().Documents({first}));
                           EXPECT_TRUE(documents.empty());
                           return OkStatus();
                         })
                  .ok());
}

TEST_P(RepositoryContract, TheDirectoryVersionChangesWithEveryChangeAndOnlyThen) {
  auto version = [&](CouncilId council) {
    int64_t v = -1;
    Status s = store_->Read(council, [&](app::Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(v, tx.directory().Version());
      return OkStatus();
    });
    EXPECT_TRUE(s.ok());
    return v;
  };
  const int64_t start = version(council_);
  const int64_t other_start = version(other_);
  const std::string id = "00000000-0000-4000-8000-0000000000a1";
  auto write = [&](const std::function<Status(app::Transaction&)>& fn) {
    ASSERT_TRUE(store_->Write(council_, fn).ok());
  };
  write([&](app::Transaction& tx) { return tx.directory().Upsert(Entry(id, "Choir", "choir")); });
  const int64_t added = version(council_);
  EXPECT_NE(added, start);
  // Reading and searching change nothing; another council's version is its own.
  write([&](app::Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(tx.directory().Find(id));
    SD_RETURN_IF_ERROR(tx.directory().Search({.words = {"choir"}}));
    return OkStatus();
  });
  EXPECT_EQ(version(council_), added);
  EXPECT_EQ(version(other_), other_start);
  write([&](app::Transaction& tx) { return tx.directory().Upsert(Entry(id, "Choir", "choir")); });
  const int64_t replaced = version(council_);
  EXPECT_NE(replaced, added);
  write([&](app::Transaction& tx) { return tx.directory().Delete(id); });
  const int64_t removed = version(council_);
  EXPECT_NE(removed, replaced);
  EXPECT_NE(removed, start);
  // A write that fails leaves the version as it was.
  Status missing =
      store_->Write(council_, [&](app::Transaction& tx) { return tx.directory().Delete(id); });
  EXPECT_FALSE(missing.ok());
  EXPECT_EQ(version(council_), removed);
}

TEST_P(RepositoryContract, PostcodesAreAddedReplacedAndFound) {
  const std::string code = "HR1 " + UniqueCode("").substr(0, 3);
  std::optional<domain::GeoPoint> before, after;
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            SD_RETURN_IF_ERROR(tx.postcodes().Put(
                                {{code, domain::GeoPoint{52'000'000, -2'000'000}}}));
                            SD_ASSIGN_OR_RETURN(before, tx.postcodes().Find(code));
                            SD_RETURN_IF_ERROR(tx.postcodes().Put(
                                {{code, domain::GeoPoint{52'100'000, -2'700'000}}}));
                            SD_ASSIGN_OR_RETURN(after, tx.postcodes().Find(code));
                            return OkStatus();
                          })
                  .ok());
  EXPECT_EQ(before, (domain::GeoPoint{52'000'000, -2'000'000}));
  EXPECT_EQ(after, (domain::GeoPoint{52'100'000, -2'700'000}));
  std::optional<domain::GeoPoint> none;
  ASSERT_TRUE(store_
                  ->Read(other_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(none, tx.postcodes().Find("ZZ9 9ZZ"));
                           SD_ASSIGN_OR_RETURN(after, tx.postcodes().Find(code));
                           return OkStatus();
                         })
                  .ok());
  EXPECT_FALSE(none.has_value());
  EXPECT_TRUE(after.has_value());  // National data: every council sees it.
}

INSTANTIATE_TEST_SUITE_P(Adapters, RepositoryContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST(OpenStore, RefusesUnknownSchemesAndUnreachableServers) {
  auto bad = OpenStore("mysql://localhost/db");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  auto empty = OpenStore("sqlite:");
  EXPECT_FALSE(empty.ok());
  auto down = OpenStore("postgresql://nobody@127.0.0.1:1/none?connect_timeout=1");
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace selfdirect::storage
