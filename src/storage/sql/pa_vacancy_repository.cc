// PA vacancies and the applications PAs make to them (migration 0037). Skills and interests are
// kept as text, one item a line, as on profiles.
#include "storage/sql/pa_repository.h"

namespace selfdirect::storage {
namespace {

app::PaVacancyRecord VacancyFromRow(const SqlRow& r) {
  app::PaVacancyRecord x;
  x.id = PaVacancyId{r.Int(0)};
  x.person = PersonId{r.Int(1)};
  auto& v = x.vacancy;
  v.id = x.id.value();
  v.title = r.Text(2);
  v.about = r.Text(3);
  v.plan_line = r.Text(4);
  v.area = r.Text(5);
  v.place = {r.Int(6), r.Int(7)};
  v.slots = static_cast<uint32_t>(r.Int(8));
  v.hours_per_week = static_cast<int>(r.Int(9));
  v.hourly_rate = Pence::FromPence(r.Int(10));
  v.skills = FromLines(r.Text(11));
  v.interests = FromLines(r.Text(12));
  v.language = r.Text(13);
  v.closes_on = OptionalDate(r, 14).value_or(Date{});
  x.status = app::ParsePaVacancyStatus(r.Text(15)).value_or(app::PaVacancyStatus::kWithdrawn);
  v.open = x.status == app::PaVacancyStatus::kOpen;
  x.created_by = UserId{r.Int(16)};
  x.created_at = Timestamp::FromMicros(r.Int(17));
  if (!r.IsNull(18)) x.closed_at = Timestamp::FromMicros(r.Int(18));
  return x;
}

constexpr Columns<app::PaVacancyRecord> kVacancy{
    "vacancy_id, person_id, title, about, plan_line, area, latitude_e6, longitude_e6, slots, "
    "hours_per_week, hourly_rate_pence, skills, interests, language, closes_on, status, "
    "created_by, created_at, closed_at",
    VacancyFromRow};

app::PaApplicationRecord ApplicationFromRow(const SqlRow& r) {
  app::PaApplicationRecord x;
  x.id = PaApplicationId{r.Int(0)};
  x.vacancy = PaVacancyId{r.Int(1)};
  x.pa = PaProfileId{r.Int(2)};
  x.message = r.Text(3);
  x.status =
      app::ParsePaApplicationStatus(r.Text(4)).value_or(app::PaApplicationStatus::kWithdrawn);
  x.applied_at = Timestamp::FromMicros(r.Int(5));
  if (!r.IsNull(6)) x.answered_at = Timestamp::FromMicros(r.Int(6));
  if (!r.IsNull(7)) x.answered_by = UserId{r.Int(7)};
  if (!r.IsNull(8)) x.contact = PaContactId{r.Int(8)};
  return x;
}

constexpr Columns<app::PaApplicationRecord> kApplication{
    "application_id, vacancy_id, pa_profile_id, message, status, applied_at, answered_at, "
    "answered_by, pa_contact_id",
    ApplicationFromRow};

constexpr std::string_view kInsertVacancy = R"sql(
INSERT INTO pa_vacancies (council_id, person_id, title, about, plan_line, area, latitude_e6,
  longitude_e6, slots, hours_per_week, hourly_rate_pence, skills, interests, language, closes_on,
  status, created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'open', $16, $17)
RETURNING vacancy_id)sql";

}  // namespace

Result<PaVacancyId> SqlPas::InsertVacancy(const app::PaVacancyRecord& x) {
  const auto& v = x.vacancy;
  SD_ASSIGN_OR_RETURN(int64_t id,
                      QueryInt(c_, kInsertVacancy,
                               {council_.value(), x.person.value(), v.title, v.about, v.plan_line,
                                v.area, v.place.latitude_e6, v.place.longitude_e6, int64_t{v.slots},
                                int64_t{v.hours_per_week}, v.hourly_rate.pence(), Lines(v.skills),
                                Lines(v.interests), v.language, v.closes_on.ToString(),
                                x.created_by.value(), x.created_at.micros()}));
  return PaVacancyId{id};
}

Status SqlPas::CloseVacancy(PaVacancyId id, app::PaVacancyStatus status, Timestamp at) {
  SD_ASSIGN_OR_RETURN(
      bool changed,
      AnyRow(c_,
             "UPDATE pa_vacancies SET status = $3, closed_at = $4 WHERE council_id = $1 AND "
             "vacancy_id = $2 AND status = 'open' RETURNING vacancy_id",
             {council_.value(), id.value(), std::string(app::PaVacancyStatusCode(status)),
              at.micros()}));
  if (!changed) return Error::FailedPrecondition("This advert was closed before");
  return OkStatus();
}

Result<std::optional<app::PaVacancyRecord>> SqlPas::FindVacancy(PaVacancyId id) {
  return QueryOne(c_, kVacancy, "FROM pa_vacancies WHERE council_id = $1 AND vacancy_id = $2",
                  {council_.value(), id.value()});
}

Result<std::vector<app::PaVacancyRecord>> SqlPas::OpenVacancies(Date on) {
  return QueryAll(c_, kVacancy,
                  "FROM pa_vacancies WHERE council_id = $1 AND status = 'open' AND closes_on >= "
                  "$2 ORDER BY vacancy_id",
                  {council_.value(), on.ToString()});
}

Result<std::vector<app::PaVacancyRecord>> SqlPas::VacanciesOfPerson(PersonId person) {
  return QueryAll(c_, kVacancy,
                  "FROM pa_vacancies WHERE council_id = $1 AND person_id = $2 ORDER BY "
                  "vacancy_id DESC",
                  {council_.value(), person.value()});
}

Result<PaApplicationId> SqlPas::InsertApplication(const app::PaApplicationRecord& a) {
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(
          c_,
          "INSERT INTO pa_applications (council_id, vacancy_id, pa_profile_id, message, "
          "status, applied_at) VALUES ($1, $2, $3, $4, 'applied', $5) RETURNING "
          "application_id",
          {council_.value(), a.vacancy.value(), a.pa.value(), a.message, a.applied_at.micros()}));
  return PaApplicationId{id};
}

Status SqlPas::AnswerApplication(PaApplicationId id, app::PaApplicationStatus status, Timestamp at,
                                 std::optional<UserId> by, std::optional<PaContactId> contact) {
  SD_ASSIGN_OR_RETURN(
      bool changed,
      AnyRow(c_,
             "UPDATE pa_applications SET status = $3, answered_at = $4, answered_by = $5, "
             "pa_contact_id = $6 WHERE council_id = $1 AND application_id = $2 AND status = "
             "'applied' RETURNING application_id",
             {council_.value(), id.value(), std::string(app::PaApplicationStatusCode(status)),
              at.micros(), SqlOptionalId(by ? by->value() : 0),
              SqlOptionalId(contact ? contact->value() : 0)}));
  if (!changed) return Error::FailedPrecondition("This application was answered before");
  return OkStatus();
}

Result<std::optional<app::PaApplicationRecord>> SqlPas::FindApplication(PaApplicationId id) {
  return QueryOne(c_, kApplication,
                  "FROM pa_applications WHERE council_id = $1 AND application_id = $2",
                  {council_.value(), id.value()});
}

Result<std::vector<app::PaApplicationRecord>> SqlPas::ApplicationsFor(PaVacancyId vacancy) {
  return QueryAll(c_, kApplication,
                  "FROM pa_applications WHERE council_id = $1 AND vacancy_id = $2 ORDER BY "
                  "application_id",
                  {council_.value(), vacancy.value()});
}

Result<std::vector<app::PaApplicationRecord>> SqlPas::ApplicationsOfPa(PaProfileId pa) {
  return QueryAll(c_, kApplication,
                  "FROM pa_applications WHERE council_id = $1 AND pa_profile_id = $2 ORDER BY "
                  "application_id DESC",
                  {council_.value(), pa.value()});
}

}  // namespace selfdirect::storage
