// What HMRC need to know of a PA and their employer (migration 0035): one row an engagement,
// replaced when it is recorded again. Payday alerts (migration 0036): one row an engagement and
// payday, never replaced.
#include "storage/sql/employment_repository.h"

namespace selfdirect::storage {
namespace {

app::PayrollDetailsRecord DetailsFromRow(const SqlRow& r) {
  app::PayrollDetailsRecord d;
  d.engagement = EngagementId{r.Int(0)};
  d.given_names = r.Text(1);
  d.family_name = r.Text(2);
  d.ni_number = r.Text(3);
  d.gender = r.Text(4);
  d.accounts_office_reference = r.Text(5);
  d.updated_by = UserId{r.Int(6)};
  d.updated_at = Timestamp::FromMicros(r.Int(7));
  return d;
}

constexpr Columns<app::PayrollDetailsRecord> kDetails{
    "engagement_id, given_names, family_name, ni_number, gender, accounts_office_reference, "
    "updated_by_user_id, updated_at",
    DetailsFromRow};

constexpr std::string_view kSaveDetails = R"sql(
INSERT INTO pa_payroll_details (council_id, engagement_id, given_names, family_name, ni_number,
  gender, accounts_office_reference, updated_by_user_id, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (council_id, engagement_id) DO UPDATE SET given_names = excluded.given_names,
  family_name = excluded.family_name, ni_number = excluded.ni_number, gender = excluded.gender,
  accounts_office_reference = excluded.accounts_office_reference,
  updated_by_user_id = excluded.updated_by_user_id, updated_at = excluded.updated_at
)sql";

app::PaydayAlertRecord AlertFromRow(const SqlRow& r) {
  app::PaydayAlertRecord a;
  a.engagement = EngagementId{r.Int(0)};
  auto payday = Date::Parse(r.Text(1));
  a.payday = payday.ok() ? *payday : Date{};
  a.person = PersonId{r.Int(2)};
  a.needed = Pence::FromPence(r.Int(3));
  a.shortfall = Pence::FromPence(r.Int(4));
  a.message = r.Text(5);
  a.sent_at = Timestamp::FromMicros(r.Int(6));
  return a;
}

constexpr Columns<app::PaydayAlertRecord> kAlert{
    "engagement_id, payday, person_id, needed_pence, shortfall_pence, message, sent_at",
    AlertFromRow};

}  // namespace

Result<bool> SqlEmployment::RecordPaydayAlert(const app::PaydayAlertRecord& a) {
  return AnyRow(c_,
                "INSERT INTO pa_payday_alerts (council_id, engagement_id, payday, person_id, "
                "needed_pence, shortfall_pence, message, sent_at) VALUES ($1, $2, $3, $4, $5, $6, "
                "$7, $8) ON CONFLICT (council_id, engagement_id, payday) DO NOTHING RETURNING "
                "engagement_id",
                {council_.value(), a.engagement.value(), a.payday.ToString(), a.person.value(),
                 a.needed.pence(), a.shortfall.pence(), a.message, a.sent_at.micros()});
}

Result<std::vector<app::PaydayAlertRecord>> SqlEmployment::PaydayAlertsFrom(Date from) {
  return QueryAll(c_, kAlert,
                  "FROM pa_payday_alerts WHERE council_id = $1 AND payday >= $2 ORDER BY payday, "
                  "engagement_id",
                  {council_.value(), from.ToString()});
}

Status SqlEmployment::SavePayrollDetails(const app::PayrollDetailsRecord& d) {
  return Execute(
      c_, kSaveDetails,
      {council_.value(), d.engagement.value(), d.given_names, d.family_name, d.ni_number, d.gender,
       d.accounts_office_reference, d.updated_by.value(), d.updated_at.micros()});
}

Result<std::optional<app::PayrollDetailsRecord>> SqlEmployment::FindPayrollDetails(EngagementId e) {
  return QueryOne(c_, kDetails,
                  "FROM pa_payroll_details WHERE council_id = $1 AND engagement_id = $2",
                  {council_.value(), e.value()});
}

}  // namespace selfdirect::storage
