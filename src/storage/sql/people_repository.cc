#include "storage/sql/people_repository.h"

#include "base/limits.h"
#include "base/text.h"

namespace selfdirect::storage {
namespace {

app::PersonRecord PersonFromRow(const SqlRow& r) {
  app::PersonRecord p;
  p.id = PersonId{r.Int(0)};
  p.team_id = TeamId{r.Int(1)};
  p.details.given_name = r.Text(2);
  p.details.family_name = r.Text(3);
  auto dob = Date::Parse(r.Text(4));
  SD_ASSERT(dob.ok());  // Stored dates were validated on the way in.
  p.details.date_of_birth = *dob;
  p.details.postcode = r.OptionalText(5);
  p.details.nhs_number = r.OptionalText(6);
  auto psr = domain::ParsePrimarySupportReason(r.Text(7));
  SD_ASSERT(psr.has_value());  // Stored by name from the enum.
  p.details.primary_support_reason = *psr;
  auto mgmt = domain::ParseBudgetManagement(r.Text(8));
  SD_ASSERT(mgmt.has_value());  // Stored by name from the enum.
  p.details.budget_management = *mgmt;
  p.created_at = Timestamp::FromMicros(r.Int(9));
  p.updated_at = Timestamp::FromMicros(r.Int(10));
  p.details.address = r.Text(11);
  p.details.telephone = r.Text(12);
  p.details.email = r.Text(13);
  p.details.contact_preference =
      domain::ParseContactPreference(r.Text(14)).value_or(domain::ContactPreference::kNoPreference);
  p.details_to_confirm = r.Int(15) != 0;
  return p;
}

constexpr Columns<app::PersonRecord> kPerson{
    "person_id, team_id, given_name, family_name, date_of_birth, postcode, nhs_number, "
    "primary_support_reason, budget_management, created_at, updated_at, address, telephone, "
    "email, contact_preference, details_to_confirm",
    PersonFromRow};

// The bound values of a person's details, in the order of kDetailColumns.
std::vector<SqlValue> DetailValues(const domain::PersonDetails& d) {
  return {d.given_name,
          d.family_name,
          d.date_of_birth.ToString(),
          SqlOptional(d.postcode),
          SqlOptional(d.nhs_number),
          std::string(domain::PrimarySupportReasonName(d.primary_support_reason)),
          std::string(domain::BudgetManagementName(d.budget_management)),
          d.address,
          d.telephone,
          d.email,
          std::string(domain::ContactPreferenceName(d.contact_preference))};
}

// What search matches against: lower-case names, reference, postcode with and without space.
std::string SearchText(PersonId id, const domain::PersonDetails& d) {
  std::string text =
      AsciiLower(d.given_name + " " + d.family_name + " " + domain::PersonReference(id));
  if (d.postcode) {
    std::string pc = AsciiLower(*d.postcode);
    text += " " + pc + " ";
    for (char ch : pc) {
      if (ch != ' ') text += ch;
    }
  }
  if (d.nhs_number) text += " " + *d.nhs_number;
  return text;
}

// " WHERE ..." of a search: the council ($1), the team if asked, and each word of the search
// text (at most five count); the values are bound in `params`.
std::string SearchWhere(const app::PeopleQuery& q, SqlParams& params) {
  std::string where = " WHERE council_id = $1";
  if (q.team_id) where += " AND team_id = " + params.Add(q.team_id->value());
  std::string_view rest = q.search;
  int words = 0;
  while (!rest.empty() && words < 5) {
    size_t space = rest.find(' ');
    std::string_view word = rest.substr(0, space);
    rest = space == std::string_view::npos ? "" : rest.substr(space + 1);
    if (word.empty()) continue;
    where += " AND search_text LIKE " + params.Add(LikeContains(word)) + " ESCAPE '\\'";
    ++words;
  }
  return where;
}

}  // namespace

constexpr std::string_view kInsertPerson = R"sql(
INSERT INTO people (council_id, team_id, created_at, updated_at, search_text, given_name,
  family_name, date_of_birth, postcode, nhs_number, primary_support_reason, budget_management,
  address, telephone, email, contact_preference)
VALUES ($1, $2, $3, $3, '', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
RETURNING person_id)sql";

constexpr std::string_view kSetSearchText =
    R"sql(UPDATE people SET search_text = $3 WHERE council_id = $1 AND person_id = $2)sql";

Result<PersonId> SqlPeople::Insert(const domain::PersonDetails& d, TeamId team_id, Timestamp now) {
  std::vector<SqlValue> params{council_.value(), team_id.value(), now.micros()};
  for (auto& v : DetailValues(d)) params.push_back(std::move(v));
  SD_ASSIGN_OR_RETURN(int64_t person, QueryInt(c_, kInsertPerson, params));
  PersonId id{person};
  // The reference is made from the id, so the search text is written once the id is known.
  SD_RETURN_IF_ERROR(
      Execute(c_, kSetSearchText, {council_.value(), id.value(), SearchText(id, d)}));
  return id;
}

constexpr std::string_view kFindPerson =
    R"sql(FROM people WHERE council_id = $1 AND person_id = $2)sql";

Result<std::optional<app::PersonRecord>> SqlPeople::Find(PersonId id) {
  return QueryOne(c_, kPerson, kFindPerson, {council_.value(), id.value()});
}

constexpr std::string_view kSearchOrder = " ORDER BY family_name, given_name, person_id";

Result<app::PeoplePage> SqlPeople::Search(const app::PeopleQuery& q) {
  SD_ASSERT(q.page >= 1 && q.page <= limits::kMaxPageNumber);  // The use case checked paging.
  SD_ASSERT(q.page_size >= 1 && q.page_size <= limits::kMaxPageSize);
  SqlParams params{council_.value()};
  const std::string where = SearchWhere(q, params);
  app::PeoplePage page;
  SD_ASSIGN_OR_RETURN(page.total,
                      QueryInt(c_, "SELECT COUNT(*) FROM people" + where, params.values()));
  std::string limit = " LIMIT " + params.Add(int64_t{q.page_size});
  limit += " OFFSET " + params.Add(int64_t{(q.page - 1)} * q.page_size);
  SD_ASSIGN_OR_RETURN(
      page.items, QueryAll(c_, kPerson, "FROM people" + where + std::string(kSearchOrder) + limit,
                           params.values()));
  return page;
}

constexpr std::string_view kUpdatePerson = R"sql(
UPDATE people SET updated_at = $3, search_text = $4, given_name = $5, family_name = $6,
  date_of_birth = $7, postcode = $8, nhs_number = $9, primary_support_reason = $10,
  budget_management = $11, address = $12, telephone = $13, email = $14, contact_preference = $15,
  details_to_confirm = 0
WHERE council_id = $1 AND person_id = $2 RETURNING person_id)sql";

Status SqlPeople::Update(PersonId id, const domain::PersonDetails& d, Timestamp now) {
  std::vector<SqlValue> params{council_.value(), id.value(), now.micros(), SearchText(id, d)};
  for (auto& v : DetailValues(d)) params.push_back(std::move(v));
  SD_ASSIGN_OR_RETURN(bool updated, AnyRow(c_, kUpdatePerson, params));
  if (!updated) return Error::NotFound("No person with that reference");
  return OkStatus();
}

constexpr std::string_view kAddCarer = R"sql(
INSERT INTO carer_relationships (council_id, carer_person_id, cared_for_person_id, relationship,
  created_at) VALUES ($1, $2, $3, $4, $5))sql";

Status SqlPeople::AddCarer(const app::CarerLink& link) {
  return Execute(c_, kAddCarer,
                 {council_.value(), link.carer.value(), link.cared_for.value(), link.relationship,
                  link.created_at.micros()});
}

constexpr Columns<app::CarerLink> kCarerLink{
    "carer_person_id, cared_for_person_id, relationship, created_at", [](const SqlRow& r) {
      return app::CarerLink{PersonId{r.Int(0)}, PersonId{r.Int(1)}, r.Text(2),
                            Timestamp::FromMicros(r.Int(3))};
    }};

constexpr std::string_view kCarerLinks = R"sql(FROM carer_relationships
WHERE council_id = $1 AND (carer_person_id = $2 OR cared_for_person_id = $2)
ORDER BY created_at, carer_person_id, cared_for_person_id)sql";

Result<std::vector<app::CarerLink>> SqlPeople::CarerLinks(PersonId person) {
  return QueryAll(c_, kCarerLink, kCarerLinks, {council_.value(), person.value()});
}

// The person's row and the council's (person 0) both count: a settings change shows on every page.
constexpr std::string_view kPageVersion = R"sql(SELECT COALESCE(SUM(version), 0)
FROM person_page_versions WHERE council_id = $1 AND person_id IN (0, $2))sql";

Result<int64_t> SqlPeople::PageVersion(PersonId person) {
  return QueryInt(c_, kPageVersion, {council_.value(), person.value()});
}

constexpr std::string_view kCountPeople =
    R"sql(SELECT COUNT(*) FROM people WHERE council_id = $1)sql";

Result<int64_t> SqlPeople::Count() { return QueryInt(c_, kCountPeople, {council_.value()}); }

}  // namespace selfdirect::storage
