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
  return p;
}

constexpr Columns<app::PersonRecord> kPerson{
    "person_id, team_id, given_name, family_name, date_of_birth, postcode, nhs_number, "
    "primary_support_reason, budget_management, created_at, updated_at",
    PersonFromRow};

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

// Escapes LIKE wildcards in user text (the statements say ESCAPE '\').
std::string LikeContains(std::string_view word) {
  std::string out = "%";
  for (char ch : word) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  out += '%';
  return out;
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
INSERT INTO people (council_id, team_id, given_name, family_name, date_of_birth, postcode,
  nhs_number, primary_support_reason, budget_management, search_text, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '', $10, $10) RETURNING person_id)sql";

constexpr std::string_view kSetSearchText =
    R"sql(UPDATE people SET search_text = $3 WHERE council_id = $1 AND person_id = $2)sql";

Result<PersonId> SqlPeople::Insert(const domain::PersonDetails& d, TeamId team_id, Timestamp now) {
  SD_ASSIGN_OR_RETURN(
      int64_t person,
      QueryInt(c_, kInsertPerson,
               {council_.value(), team_id.value(), d.given_name, d.family_name,
                d.date_of_birth.ToString(), SqlOptional(d.postcode), SqlOptional(d.nhs_number),
                std::string(domain::PrimarySupportReasonName(d.primary_support_reason)),
                std::string(domain::BudgetManagementName(d.budget_management)), now.micros()}));
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

constexpr std::string_view kCountPeople =
    R"sql(SELECT COUNT(*) FROM people WHERE council_id = $1)sql";

Result<int64_t> SqlPeople::Count() { return QueryInt(c_, kCountPeople, {council_.value()}); }

}  // namespace selfdirect::storage
