// File: pa_repository.h
// Personal assistants' profiles and contact requests (migration 0017), vacancies and applications
// (migration 0037) for one council.
#pragma once

#include "app/pa/pa_repository.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

class SqlPas final : public app::PaRepository, private CouncilRepository {
 public:
  SqlPas(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<PaProfileId> InsertProfile(const app::PaProfileRecord& p) override;
  Status UpdateProfile(const app::PaProfileRecord& p) override;
  Status Verify(PaProfileId id, UserId by, Timestamp at, const std::string& verifier) override;
  Result<std::optional<app::PaProfileRecord>> FindProfile(PaProfileId id) override;
  Result<std::optional<app::PaProfileRecord>> ProfileOfUser(UserId user) override;
  Result<std::vector<app::PaProfileRecord>> Listed() override;
  Result<int64_t> FinderVersion() override;

 private:
  Status BumpFinderVersion();

 public:
  Result<PaContactId> InsertContact(const app::PaContactRecord& c) override;
  Status AnswerContact(PaContactId id, app::PaContactStatus status, Timestamp at) override;
  Result<std::optional<app::PaContactRecord>> FindContact(PaContactId id) override;
  Result<std::vector<app::PaContactRecord>> ContactsOfPa(PaProfileId pa) override;
  Result<std::vector<app::PaContactRecord>> ContactsOfPerson(PersonId person) override;

  // pa_vacancy_repository.cc
  Result<PaVacancyId> InsertVacancy(const app::PaVacancyRecord& v) override;
  Status CloseVacancy(PaVacancyId id, app::PaVacancyStatus status, Timestamp at) override;
  Result<std::optional<app::PaVacancyRecord>> FindVacancy(PaVacancyId id) override;
  Result<std::vector<app::PaVacancyRecord>> OpenVacancies(Date on) override;
  Result<std::vector<app::PaVacancyRecord>> VacanciesOfPerson(PersonId person) override;
  Result<PaApplicationId> InsertApplication(const app::PaApplicationRecord& a) override;
  Status AnswerApplication(PaApplicationId id, app::PaApplicationStatus status, Timestamp at,
                           std::optional<UserId> by, std::optional<PaContactId> contact) override;
  Result<std::optional<app::PaApplicationRecord>> FindApplication(PaApplicationId id) override;
  Result<std::vector<app::PaApplicationRecord>> ApplicationsFor(PaVacancyId vacancy) override;
  Result<std::vector<app::PaApplicationRecord>> ApplicationsOfPa(PaProfileId pa) override;
};

}  // namespace selfdirect::storage
