// File: pa_repository.h
// Storage of personal assistants' profiles and the requests to contact them (migration 0017),
// behind the interface the SQLite and PostgreSQL adapters both implement (storage/sql/
// pa_repository.cc). Profiles belong to a PA's own account (one each); contacts name the person
// the PA would work for and who asked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/date.h"
#include "base/result.h"
#include "base/strong_id.h"
#include "domain/pa/finder.h"
#include "domain/pa/vacancy.h"

namespace selfdirect {
using PaProfileId = StrongId<struct PaProfileTag>;
using PaContactId = StrongId<struct PaContactTag>;
using PaVacancyId = StrongId<struct PaVacancyTag>;
using PaApplicationId = StrongId<struct PaApplicationTag>;
}  // namespace selfdirect

namespace selfdirect::app {

// A PA's checks, as the PA reports them and a verifier sees the papers.
struct PaChecks {
  std::string dbs_level;  // "basic", "standard", "enhanced", "enhanced_barred" or empty.
  std::optional<Date> dbs_issued, right_to_work_until, training_until, insurance_until;
};

struct PaProfileRecord {
  PaProfileId id;
  UserId user_id;
  std::string postcode;           // Full postcode: never shown to people searching.
  domain::pa::PaProfile profile;  // profile.id mirrors id; verified from the columns below.
  PaChecks checks;
  std::optional<UserId> verified_by;
  std::optional<Timestamp> verified_at;
  std::string verifier;  // "Herefordshire Council" or the organisation's name.
  Timestamp created_at, updated_at;
};

enum class PaContactStatus { kAsked, kAgreed, kDeclined };
std::string_view PaContactStatusCode(PaContactStatus s);
std::optional<PaContactStatus> ParsePaContactStatus(std::string_view code);

struct PaContactRecord {
  PaContactId id;
  PaProfileId pa;
  PersonId person;
  UserId asked_by;
  std::string message;
  PaContactStatus status = PaContactStatus::kAsked;
  Timestamp asked_at;
  std::optional<Timestamp> answered_at;
};

enum class PaVacancyStatus { kOpen, kFilled, kWithdrawn };
std::string_view PaVacancyStatusCode(PaVacancyStatus s);
std::optional<PaVacancyStatus> ParsePaVacancyStatus(std::string_view code);

// An advert for a PA from a person's plan (migration 0037). `vacancy.place` is the public point of
// the person's postcode and `vacancy.area` its district: the address is never kept here.
struct PaVacancyRecord {
  PaVacancyId id;
  PersonId person;
  domain::pa::Vacancy vacancy;  // vacancy.id mirrors id; vacancy.open from status.
  PaVacancyStatus status = PaVacancyStatus::kOpen;
  UserId created_by;
  Timestamp created_at;
  std::optional<Timestamp> closed_at;
};

enum class PaApplicationStatus { kApplied, kInvited, kDeclined, kWithdrawn };
std::string_view PaApplicationStatusCode(PaApplicationStatus s);
std::optional<PaApplicationStatus> ParsePaApplicationStatus(std::string_view code);

struct PaApplicationRecord {
  PaApplicationId id;
  PaVacancyId vacancy;
  PaProfileId pa;
  std::string message;
  PaApplicationStatus status = PaApplicationStatus::kApplied;
  Timestamp applied_at;
  std::optional<Timestamp> answered_at;
  std::optional<UserId> answered_by;
  std::optional<PaContactId> contact;  // Made when the person's side invites the PA to talk.
};

class PaRepository {
 public:
  virtual ~PaRepository() = default;
  // kAlreadyExists when the user has a profile.
  virtual Result<PaProfileId> InsertProfile(const PaProfileRecord& p) = 0;
  // Everything but the verification, which Verify sets (and a change of checks clears).
  virtual Status UpdateProfile(const PaProfileRecord& p) = 0;
  virtual Status Verify(PaProfileId id, UserId by, Timestamp at, const std::string& verifier) = 0;
  virtual Result<std::optional<PaProfileRecord>> FindProfile(PaProfileId id) = 0;
  virtual Result<std::optional<PaProfileRecord>> ProfileOfUser(UserId user) = 0;
  // Every listed profile of the council, for the finder's copy in memory.
  virtual Result<std::vector<PaProfileRecord>> Listed() = 0;
  // Moves on with every change to a profile or its verification (in the same transaction), so a
  // copy made at one version is current while the version stays the same. 0 before any.
  virtual Result<int64_t> FinderVersion() = 0;
  virtual Result<PaContactId> InsertContact(const PaContactRecord& c) = 0;
  // kFailedPrecondition when the request was answered before.
  virtual Status AnswerContact(PaContactId id, PaContactStatus status, Timestamp at) = 0;
  virtual Result<std::optional<PaContactRecord>> FindContact(PaContactId id) = 0;
  virtual Result<std::vector<PaContactRecord>> ContactsOfPa(PaProfileId pa) = 0;
  virtual Result<std::vector<PaContactRecord>> ContactsOfPerson(PersonId person) = 0;

  // Vacancies and applications (storage/sql/pa_vacancy_repository.cc).
  virtual Result<PaVacancyId> InsertVacancy(const PaVacancyRecord& v) = 0;
  // kFailedPrecondition when the vacancy is not open.
  virtual Status CloseVacancy(PaVacancyId id, PaVacancyStatus status, Timestamp at) = 0;
  virtual Result<std::optional<PaVacancyRecord>> FindVacancy(PaVacancyId id) = 0;
  // Open vacancies that close on or after `on`, oldest first.
  virtual Result<std::vector<PaVacancyRecord>> OpenVacancies(Date on) = 0;
  virtual Result<std::vector<PaVacancyRecord>> VacanciesOfPerson(PersonId person) = 0;
  // kAlreadyExists when the PA applied for the vacancy before.
  virtual Result<PaApplicationId> InsertApplication(const PaApplicationRecord& a) = 0;
  // Answers an application still waiting; kFailedPrecondition otherwise.
  virtual Status AnswerApplication(PaApplicationId id, PaApplicationStatus status, Timestamp at,
                                   std::optional<UserId> by,
                                   std::optional<PaContactId> contact) = 0;
  virtual Result<std::optional<PaApplicationRecord>> FindApplication(PaApplicationId id) = 0;
  virtual Result<std::vector<PaApplicationRecord>> ApplicationsFor(PaVacancyId vacancy) = 0;
  // The PA's applications, newest first.
  virtual Result<std::vector<PaApplicationRecord>> ApplicationsOfPa(PaProfileId pa) = 0;
};

}  // namespace selfdirect::app
