// Personal assistants' profiles and contact requests (migration 0017). Lists of skills,
// interests and languages are kept as text, one item a line.
#include "storage/sql/pa_repository.h"

namespace selfdirect::storage {
namespace {

app::PaProfileRecord ProfileFromRow(const SqlRow& r) {
  app::PaProfileRecord x;
  x.id = PaProfileId{r.Int(0)};
  x.user_id = UserId{r.Int(1)};
  auto& p = x.profile;
  p.id = x.id.value();
  p.first_name = r.Text(2);
  x.postcode = r.Text(3);
  p.area = x.postcode.substr(0, x.postcode.find(' '));
  p.home = {r.Int(4), r.Int(5)};
  p.travel_miles = static_cast<int>(r.Int(6));
  p.hourly_rate = Pence::FromPence(r.Int(7));
  p.availability = static_cast<uint32_t>(r.Int(8));
  p.skills = FromLines(r.Text(9));
  p.interests = FromLines(r.Text(10));
  p.languages = FromLines(r.Text(11));
  p.about = r.Text(12);
  p.listed = r.Int(13) != 0;
  x.checks = {r.Text(14), OptionalDate(r, 15), OptionalDate(r, 16), OptionalDate(r, 17),
              OptionalDate(r, 18)};
  if (!r.IsNull(19)) x.verified_by = UserId{r.Int(19)};
  if (!r.IsNull(20)) x.verified_at = Timestamp::FromMicros(r.Int(20));
  x.verifier = r.Text(21);
  p.verified = x.verified_by.has_value();
  x.created_at = Timestamp::FromMicros(r.Int(22));
  x.updated_at = Timestamp::FromMicros(r.Int(23));
  return x;
}

constexpr Columns<app::PaProfileRecord> kProfile{
    "pa_profile_id, user_id, first_name, postcode, latitude_e6, longitude_e6, travel_miles, "
    "hourly_rate_pence, availability, skills, interests, languages, about, listed, dbs_level, "
    "dbs_issued, right_to_work_until, training_until, insurance_until, verified_by_user_id, "
    "verified_at, verifier, created_at, updated_at",
    ProfileFromRow};

app::PaContactRecord ContactFromRow(const SqlRow& r) {
  app::PaContactRecord x;
  x.id = PaContactId{r.Int(0)};
  x.pa = PaProfileId{r.Int(1)};
  x.person = PersonId{r.Int(2)};
  x.asked_by = UserId{r.Int(3)};
  x.message = r.Text(4);
  x.status = app::ParsePaContactStatus(r.Text(5)).value_or(app::PaContactStatus::kAsked);
  x.asked_at = Timestamp::FromMicros(r.Int(6));
  if (!r.IsNull(7)) x.answered_at = Timestamp::FromMicros(r.Int(7));
  return x;
}

constexpr Columns<app::PaContactRecord> kContact{
    "pa_contact_id, pa_profile_id, person_id, asked_by_user_id, message, status, asked_at, "
    "answered_at",
    ContactFromRow};

constexpr std::string_view kInsertProfile = R"sql(
INSERT INTO pa_profiles (council_id, user_id, first_name, postcode, latitude_e6, longitude_e6,
  travel_miles, hourly_rate_pence, availability, skills, interests, languages, about, listed,
  dbs_level, dbs_issued, right_to_work_until, training_until, insurance_until, created_at,
  updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
  $20)
RETURNING pa_profile_id)sql";

// A change of the checks clears the verification: the verifier must see the new papers.
constexpr std::string_view kUpdateProfile = R"sql(
UPDATE pa_profiles SET first_name = $3, postcode = $4, latitude_e6 = $5, longitude_e6 = $6,
  travel_miles = $7, hourly_rate_pence = $8, availability = $9, skills = $10, interests = $11,
  languages = $12, about = $13, listed = $14,
  verified_by_user_id = CASE WHEN dbs_level IS NOT DISTINCT FROM $15
    AND dbs_issued IS NOT DISTINCT FROM $16 AND right_to_work_until IS NOT DISTINCT FROM $17
    AND training_until IS NOT DISTINCT FROM $18 AND insurance_until IS NOT DISTINCT FROM $19
    THEN verified_by_user_id END,
  dbs_level = $15, dbs_issued = $16, right_to_work_until = $17, training_until = $18,
  insurance_until = $19, updated_at = $20
WHERE council_id = $1 AND pa_profile_id = $2
RETURNING pa_profile_id)sql";

std::vector<SqlValue> ProfileValues(const app::PaProfileRecord& p, int64_t key) {
  const auto& x = p.profile;
  return {int64_t{0},  // The council, set by the caller.
          key,
          x.first_name,
          p.postcode,
          x.home.latitude_e6,
          x.home.longitude_e6,
          int64_t{x.travel_miles},
          x.hourly_rate.pence(),
          int64_t{x.availability},
          Lines(x.skills),
          Lines(x.interests),
          Lines(x.languages),
          x.about,
          SqlBool(x.listed),
          TextOrNull(p.checks.dbs_level),
          DateOrNull(p.checks.dbs_issued),
          DateOrNull(p.checks.right_to_work_until),
          DateOrNull(p.checks.training_until),
          DateOrNull(p.checks.insurance_until),
          p.updated_at.micros()};
}

}  // namespace

Result<PaProfileId> SqlPas::InsertProfile(const app::PaProfileRecord& p) {
  auto values = ProfileValues(p, p.user_id.value());
  values[0] = council_.value();
  SD_ASSIGN_OR_RETURN(int64_t id, QueryInt(c_, kInsertProfile, values));
  SD_RETURN_IF_ERROR(BumpFinderVersion());
  return PaProfileId{id};
}

Status SqlPas::UpdateProfile(const app::PaProfileRecord& p) {
  auto values = ProfileValues(p, p.id.value());
  values[0] = council_.value();
  SD_ASSIGN_OR_RETURN(bool changed, AnyRow(c_, kUpdateProfile, values));
  if (!changed) return Error::NotFound("No such PA profile");
  return BumpFinderVersion();
}

Status SqlPas::Verify(PaProfileId id, UserId by, Timestamp at, const std::string& verifier) {
  SD_ASSIGN_OR_RETURN(
      bool changed,
      AnyRow(c_,
             "UPDATE pa_profiles SET verified_by_user_id = $3, verified_at = $4, verifier = $5 "
             "WHERE council_id = $1 AND pa_profile_id = $2 RETURNING pa_profile_id",
             {council_.value(), id.value(), by.value(), at.micros(), verifier}));
  if (!changed) return Error::NotFound("No such PA profile");
  return BumpFinderVersion();
}

Result<std::optional<app::PaProfileRecord>> SqlPas::FindProfile(PaProfileId id) {
  return QueryOne(c_, kProfile, "FROM pa_profiles WHERE council_id = $1 AND pa_profile_id = $2",
                  {council_.value(), id.value()});
}

Result<std::optional<app::PaProfileRecord>> SqlPas::ProfileOfUser(UserId user) {
  return QueryOne(c_, kProfile, "FROM pa_profiles WHERE council_id = $1 AND user_id = $2",
                  {council_.value(), user.value()});
}

Result<std::vector<app::PaProfileRecord>> SqlPas::Listed() {
  return QueryAll(c_, kProfile,
                  "FROM pa_profiles WHERE council_id = $1 AND listed = 1 ORDER BY pa_profile_id",
                  {council_.value()});
}

Result<int64_t> SqlPas::FinderVersion() {
  SD_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT version FROM pa_finder_versions WHERE council_id = $1", {council_.value()}));
  return rows.empty() ? int64_t{0} : rows[0].Int(0);
}

Status SqlPas::BumpFinderVersion() {
  return Execute(c_,
                 "INSERT INTO pa_finder_versions (council_id, version) VALUES ($1, 1) ON "
                 "CONFLICT (council_id) DO UPDATE SET version = pa_finder_versions.version + 1",
                 {council_.value()});
}

Result<PaContactId> SqlPas::InsertContact(const app::PaContactRecord& c) {
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(c_,
               "INSERT INTO pa_contacts (council_id, pa_profile_id, person_id, asked_by_user_id, "
               "message, status, asked_at) VALUES ($1, $2, $3, $4, $5, 'asked', $6) "
               "RETURNING pa_contact_id",
               {council_.value(), c.pa.value(), c.person.value(), c.asked_by.value(), c.message,
                c.asked_at.micros()}));
  return PaContactId{id};
}

Status SqlPas::AnswerContact(PaContactId id, app::PaContactStatus status, Timestamp at) {
  SD_ASSIGN_OR_RETURN(
      bool changed,
      AnyRow(c_,
             "UPDATE pa_contacts SET status = $3, answered_at = $4 WHERE council_id = $1 AND "
             "pa_contact_id = $2 AND status = 'asked' RETURNING pa_contact_id",
             {council_.value(), id.value(), std::string(app::PaContactStatusCode(status)),
              at.micros()}));
  if (!changed) return Error::FailedPrecondition("This request was answered before");
  return OkStatus();
}

Result<std::optional<app::PaContactRecord>> SqlPas::FindContact(PaContactId id) {
  return QueryOne(c_, kContact, "FROM pa_contacts WHERE council_id = $1 AND pa_contact_id = $2",
                  {council_.value(), id.value()});
}

Result<std::vector<app::PaContactRecord>> SqlPas::ContactsOfPa(PaProfileId pa) {
  return QueryAll(c_, kContact,
                  "FROM pa_contacts WHERE council_id = $1 AND pa_profile_id = $2 ORDER BY "
                  "pa_contact_id DESC",
                  {council_.value(), pa.value()});
}

Result<std::vector<app::PaContactRecord>> SqlPas::ContactsOfPerson(PersonId person) {
  return QueryAll(c_, kContact,
                  "FROM pa_contacts WHERE council_id = $1 AND person_id = $2 ORDER BY "
                  "pa_contact_id DESC",
                  {council_.value(), person.value()});
}

}  // namespace selfdirect::storage
