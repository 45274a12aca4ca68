#include "storage/sql/directory_repository.h"

#include <algorithm>
#include <array>
#include <span>
#include <unordered_map>

#include "storage/sql/directory_search.h"

namespace selfdirect::storage {
namespace {

using Entry = app::DirectoryEntryRecord;

// What Find gives: the entry without its search columns.
Entry EntryFromRow(const SqlRow& r) {
  Entry e;
  e.service_id = r.Text(0);
  e.name = r.Text(1);
  e.organization_name = r.Text(2);
  e.status = r.Text(3);
  e.review_due = r.Text(4);
  e.last_modified = Timestamp::FromMicros(r.Int(5));
  e.updated_by = UserId{r.Int(6)};
  e.document_json = r.Text(7);
  return e;
}

constexpr Columns<Entry> kEntry{
    "service_id, name, organization_name, status, review_due, last_modified, "
    "updated_by_user_id, document_json",
    EntryFromRow};

// What SearchColumns gives, less the terms, sessions and places; column 0 is the entry's id.
Entry SearchColumnsFromRow(const SqlRow& r) {
  Entry e;
  e.service_id = r.Text(1);
  e.name = r.Text(2);
  e.organization_name = r.Text(3);
  e.status = r.Text(4);
  e.minimum_age = OptionalInt(r, 5);
  e.maximum_age = OptionalInt(r, 6);
  e.free = r.Int(7) != 0;
  e.search_text = r.Text(8);
  e.review_due = r.Text(9);
  e.last_modified = Timestamp::FromMicros(r.Int(10));
  return e;
}

constexpr std::string_view kEntryIdOfService = R"sql(
SELECT directory_entry_id FROM directory_entries WHERE council_id = $1 AND service_id = $2)sql";

constexpr std::string_view kUpdateEntry = R"sql(
UPDATE directory_entries SET name = $3, organization_name = $4, status = $5, minimum_age = $6,
  maximum_age = $7, is_free = $8, search_text = $9, review_due = $10, last_modified = $11,
  updated_by_user_id = $12, document_json = $13
WHERE council_id = $1 AND directory_entry_id = $2)sql";

constexpr std::string_view kInsertEntry = R"sql(
INSERT INTO directory_entries (council_id, service_id, name, organization_name, status,
  minimum_age, maximum_age, is_free, search_text, review_due, last_modified, updated_by_user_id,
  document_json)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
RETURNING directory_entry_id)sql";

// What hangs off an entry, all by (council_id $1, directory_entry_id $2).
constexpr std::string_view kDeleteEntryDetail[] = {
    R"sql(DELETE FROM directory_entry_terms WHERE council_id = $1 AND directory_entry_id = $2)sql",
    R"sql(DELETE FROM directory_sessions WHERE council_id = $1 AND directory_entry_id = $2)sql",
    R"sql(DELETE FROM directory_places WHERE council_id = $1 AND directory_entry_id = $2)sql"};

// SQLite only: the entry's row of the FTS5 table.
constexpr std::string_view kDeleteSearchRow =
    R"sql(DELETE FROM directory_search WHERE rowid = $1)sql";
constexpr std::string_view kInsertSearchRow =
    R"sql(INSERT INTO directory_search (rowid, search_text) VALUES ($1, $2))sql";

constexpr std::string_view kInsertEntryTerm = R"sql(
INSERT INTO directory_entry_terms (council_id, directory_entry_id, term_id) VALUES ($1, $2, $3)
ON CONFLICT DO NOTHING)sql";

constexpr std::string_view kInsertEntrySession = R"sql(
INSERT INTO directory_sessions (council_id, directory_entry_id, day, opens_at, closes_at)
VALUES ($1, $2, $3, $4, $5))sql";

constexpr std::string_view kInsertEntryPlace = R"sql(
INSERT INTO directory_places (council_id, directory_entry_id, service_at_location_id,
  location_id, postcode, latitude_e6, longitude_e6)
VALUES ($1, $2, $3, $4, $5, $6, $7))sql";

// Deletes the entry's terms, sessions, places and (SQLite) search row, to be written again.
Status ClearEntryDetail(SqlConnection& c, CouncilId council, int64_t id) {
  for (std::string_view sql : kDeleteEntryDetail) {
    SD_RETURN_IF_ERROR(Execute(c, sql, {council.value(), id}));
  }
  if (c.dialect() != Dialect::kSqlite) return OkStatus();
  return Execute(c, kDeleteSearchRow, {id});
}

// Writes the entry's own row, in place of the one with its service_id if there is one; the
// entry's directory_entry_id.
Result<int64_t> WriteEntryRow(SqlConnection& c, CouncilId council, const Entry& e) {
  SD_ASSIGN_OR_RETURN(auto found, QueryOne(c, kEntryIdOfService, {council.value(), e.service_id},
                                           [](const SqlRow& r) { return r.Int(0); }));
  if (!found) {
    return QueryInt(c, kInsertEntry,
                    {council.value(), e.service_id, e.name, e.organization_name, e.status,
                     SqlOptionalInt(e.minimum_age), SqlOptionalInt(e.maximum_age), SqlBool(e.free),
                     e.search_text, e.review_due, e.last_modified.micros(),
                     SqlOptionalId(e.updated_by.value()), e.document_json});
  }
  const int64_t id = *found;
  SD_RETURN_IF_ERROR(Execute(
      c, kUpdateEntry,
      {council.value(), id, e.name, e.organization_name, e.status, SqlOptionalInt(e.minimum_age),
       SqlOptionalInt(e.maximum_age), SqlBool(e.free), e.search_text, e.review_due,
       e.last_modified.micros(), SqlOptionalId(e.updated_by.value()), e.document_json}));
  SD_RETURN_IF_ERROR(ClearEntryDetail(c, council, id));
  return id;
}

// Writes the entry's (SQLite) search row, terms, sessions and places.
Status WriteEntryDetail(SqlConnection& c, CouncilId council, int64_t id, const Entry& e) {
  if (c.dialect() == Dialect::kSqlite) {
    SD_RETURN_IF_ERROR(Execute(c, kInsertSearchRow, {id, e.search_text}));
  }
  for (const auto& t : e.term_ids) {
    SD_RETURN_IF_ERROR(Execute(c, kInsertEntryTerm, {council.value(), id, t}));
  }
  for (const auto& s : e.sessions) {
    SD_RETURN_IF_ERROR(Execute(c, kInsertEntrySession,
                               {council.value(), id, int64_t{s.day}, SqlOptionalInt(s.opens_at),
                                SqlOptionalInt(s.closes_at)}));
  }
  for (const auto& p : e.places) {
    SD_RETURN_IF_ERROR(Execute(c, kInsertEntryPlace,
                               {council.value(), id, p.service_at_location_id, p.location_id,
                                p.postcode, p.point ? SqlValue(p.point->latitude_e6) : SqlNull(),
                                p.point ? SqlValue(p.point->longitude_e6) : SqlNull()}));
  }
  return OkStatus();
}

// The council's entries as SearchColumns gives them, and where each directory_entry_id's
// entry stands among them.
struct EntriesById {
  std::vector<Entry> entries;
  std::unordered_map<int64_t, size_t> at;
};

constexpr std::string_view kSearchColumnsOfEntries = R"sql(
SELECT directory_entry_id, service_id, name, organization_name, status, minimum_age,
  maximum_age, is_free, search_text, review_due, last_modified
FROM directory_entries WHERE council_id = $1 ORDER BY directory_entry_id)sql";

Result<EntriesById> ReadSearchColumns(SqlConnection& c, const std::vector<SqlValue>& council) {
  SD_ASSIGN_OR_RETURN(auto rows, c.Query(kSearchColumnsOfEntries, council));
  EntriesById out;
  out.entries.reserve(rows.size());
  out.at.reserve(rows.size());
  for (const SqlRow& r : rows) {
    out.at.emplace(r.Int(0), out.entries.size());
    out.entries.push_back(SearchColumnsFromRow(r));
  }
  return out;
}

// Runs `sql`, whose rows start with a directory_entry_id, and hands each row to `add` with that
// entry (rows of entries not in `to` are passed over).
Status AddToEntries(SqlConnection& c, std::string_view sql, const std::vector<SqlValue>& council,
                    void (*add)(const SqlRow&, Entry&), EntriesById& to) {
  SD_ASSIGN_OR_RETURN(auto rows, c.Query(sql, council));
  for (const SqlRow& r : rows) {
    if (auto it = to.at.find(r.Int(0)); it != to.at.end()) add(r, to.entries[it->second]);
  }
  return OkStatus();
}

constexpr std::string_view kTermsOfEntries = R"sql(
SELECT directory_entry_id, term_id FROM directory_entry_terms WHERE council_id = $1
ORDER BY directory_entry_id, term_id)sql";

void AddTerm(const SqlRow& r, Entry& e) { e.term_ids.push_back(r.Text(1)); }

constexpr std::string_view kSessionsOfEntries = R"sql(
SELECT directory_entry_id, day, opens_at, closes_at FROM directory_sessions
WHERE council_id = $1)sql";

void AddSession(const SqlRow& r, Entry& e) {
  e.sessions.push_back({static_cast<int>(r.Int(1)), OptionalInt(r, 2), OptionalInt(r, 3)});
}

constexpr std::string_view kPlacesOfEntries = R"sql(
SELECT directory_entry_id, service_at_location_id, location_id, postcode, latitude_e6,
  longitude_e6
FROM directory_places WHERE council_id = $1)sql";

void AddPlace(const SqlRow& r, Entry& e) {
  Entry::Place p;
  p.service_at_location_id = r.Text(1);
  p.location_id = r.Text(2);
  p.postcode = r.Text(3);
  if (!r.IsNull(4) && !r.IsNull(5)) p.point = domain::GeoPoint{r.Int(4), r.Int(5)};
  e.places.push_back(std::move(p));
}

// $1 is the council; the ids follow.
constexpr std::string_view kDocumentsOfEntries = R"sql(
SELECT directory_entry_id, document_json FROM directory_entries
WHERE council_id = $1 AND directory_entry_id IN ()sql";

// The documents of the page's entries (column 0 of each row), by directory_entry_id.
Result<std::unordered_map<int64_t, std::string>> DocumentsOfPage(SqlConnection& c,
                                                                 CouncilId council,
                                                                 const std::vector<SqlRow>& page) {
  SqlParams params{council.value()};
  std::string in;
  for (const SqlRow& r : page) in += (in.empty() ? "" : ", ") + params.Add(r.Int(0));
  SD_ASSIGN_OR_RETURN(auto docs,
                      c.Query(std::string(kDocumentsOfEntries) + in + ")", params.values()));
  std::unordered_map<int64_t, std::string> by_id;
  for (const SqlRow& d : docs) by_id.emplace(d.Int(0), d.Text(1));
  return by_id;
}

// A row of DirectorySearchSql::page as a hit, with the document of its entry.
app::DirectoryHit HitFromRow(const SqlRow& r, const app::DirectoryQuery& q,
                             std::unordered_map<int64_t, std::string>& documents) {
  app::DirectoryHit h;
  h.service_id = r.Text(1);
  h.service_at_location_id = r.Text(2);
  h.review_due = r.Text(3);
  h.last_modified = Timestamp::FromMicros(r.Int(4));
  if (q.near) {
    h.distance_metres = domain::DistanceMetres(*q.near, domain::GeoPoint{r.Int(5), r.Int(6)});
  }
  h.document_json = documents[r.Int(0)];
  return h;
}

}  // namespace

constexpr std::string_view kBumpVersion = R"sql(
INSERT INTO directory_versions (council_id, version) VALUES ($1, 1)
ON CONFLICT (council_id) DO UPDATE SET version = directory_versions.version + 1)sql";

Status BumpDirectoryVersion(SqlConnection& c, CouncilId council) {
  return Execute(c, kBumpVersion, {council.value()});
}

constexpr std::string_view kVersion =
    R"sql(SELECT version FROM directory_versions WHERE council_id = $1)sql";

Result<int64_t> SqlDirectory::Version() {
  SD_ASSIGN_OR_RETURN(auto version, QueryOne(c_, kVersion, {council_.value()},
                                             [](const SqlRow& r) { return r.Int(0); }));
  return version.value_or(0);
}

Status SqlDirectory::Upsert(const Entry& e) {
  SD_RETURN_IF_ERROR(BumpDirectoryVersion(c_, council_));
  SD_ASSIGN_OR_RETURN(int64_t id, WriteEntryRow(c_, council_, e));
  return WriteEntryDetail(c_, council_, id, e);
}

constexpr std::string_view kFindEntry = R"sql(
FROM directory_entries WHERE council_id = $1 AND service_id = $2
ORDER BY directory_entry_id LIMIT 1)sql";

Result<std::optional<Entry>> SqlDirectory::Find(const std::string& service_id) {
  return QueryOne(c_, kEntry, kFindEntry, {council_.value(), service_id});
}

constexpr std::string_view kFindEntryByOrganisation = R"sql(
FROM directory_entries WHERE council_id = $1 AND lower(organization_name) = lower($2)
ORDER BY directory_entry_id LIMIT 1)sql";

Result<std::optional<Entry>> SqlDirectory::FindByOrganisationName(const std::string& name) {
  return QueryOne(c_, kEntry, kFindEntryByOrganisation, {council_.value(), name});
}

constexpr std::string_view kServiceOfPlace = R"sql(
SELECT e.service_id FROM directory_places p JOIN directory_entries e
  ON e.council_id = p.council_id AND e.directory_entry_id = p.directory_entry_id
WHERE p.council_id = $1 AND p.service_at_location_id = $2)sql";

Result<std::optional<std::string>> SqlDirectory::ServiceOfPlace(const std::string& sal_id) {
  return QueryOne(c_, kServiceOfPlace, {council_.value(), sal_id},
                  [](const SqlRow& r) { return r.Text(0); });
}

constexpr std::string_view kDeleteEntry = R"sql(
DELETE FROM directory_entries WHERE council_id = $1 AND service_id = $2
RETURNING directory_entry_id)sql";

Status SqlDirectory::Delete(const std::string& service_id) {
  SD_ASSIGN_OR_RETURN(auto id, QueryOne(c_, kDeleteEntry, {council_.value(), service_id},
                                        [](const SqlRow& r) { return r.Int(0); }));
  if (!id) return Error::NotFound("No such directory entry");
  SD_RETURN_IF_ERROR(BumpDirectoryVersion(c_, council_));
  if (c_.dialect() != Dialect::kSqlite) return OkStatus();
  return Execute(c_, kDeleteSearchRow, {*id});
}

constexpr std::string_view kCountEntries =
    R"sql(SELECT COUNT(*) FROM directory_entries WHERE council_id = $1)sql";

Result<int64_t> SqlDirectory::Count() { return QueryInt(c_, kCountEntries, {council_.value()}); }

Result<app::DirectoryResults> SqlDirectory::Search(const app::DirectoryQuery& q) {
  const DirectorySearchSql search = DirectorySearchStatements(c_.dialect(), council_, q);
  SD_ASSIGN_OR_RETURN(auto rows, c_.Query(search.page, search.params));
  app::DirectoryResults out;
  if (!rows.empty()) {
    out.total = rows[0].Int(7);
  } else if (q.offset > 0) {
    // Past the last page: the count alone.
    SD_ASSIGN_OR_RETURN(out.total, QueryInt(c_, search.count, search.params));
  }
  if (rows.empty()) return out;
  SD_ASSIGN_OR_RETURN(auto documents, DocumentsOfPage(c_, council_, rows));
  for (const SqlRow& r : rows) out.hits.push_back(HitFromRow(r, q, documents));
  return out;
}

Result<std::vector<Entry>> SqlDirectory::SearchColumns() {
  const std::vector<SqlValue> council = {council_.value()};
  SD_ASSIGN_OR_RETURN(EntriesById found, ReadSearchColumns(c_, council));
  SD_RETURN_IF_ERROR(AddToEntries(c_, kTermsOfEntries, council, AddTerm, found));
  SD_RETURN_IF_ERROR(AddToEntries(c_, kSessionsOfEntries, council, AddSession, found));
  SD_RETURN_IF_ERROR(AddToEntries(c_, kPlacesOfEntries, council, AddPlace, found));
  return std::move(found.entries);
}

// $1 is the council; the service ids follow.
constexpr std::string_view kDocumentsOfServices = R"sql(
SELECT service_id, document_json FROM directory_entries
WHERE council_id = $1 AND service_id IN ()sql";

Result<std::unordered_map<std::string, std::string>> SqlDirectory::Documents(
    const std::vector<std::string>& service_ids) {
  std::unordered_map<std::string, std::string> out;
  // In slices, so that no statement has more parameters than either database allows.
  constexpr size_t kSlice = 500;
  for (size_t from = 0; from < service_ids.size(); from += kSlice) {
    SqlParams params{council_.value()};
    const std::string in =
        params.AddEach(std::span<const std::string>(service_ids)
                           .subspan(from, std::min(kSlice, service_ids.size() - from)));
    SD_ASSIGN_OR_RETURN(auto rows,
                        c_.Query(std::string(kDocumentsOfServices) + in + ")", params.values()));
    for (const SqlRow& r : rows) out.emplace(r.Text(0), r.Text(1));
  }
  return out;
}

constexpr std::string_view kFindPostcode =
    R"sql(SELECT latitude_e6, longitude_e6 FROM postcodes WHERE postcode = $1)sql";

Result<std::optional<domain::GeoPoint>> SqlPostcodes::Find(const std::string& postcode) {
  return QueryOne(c_, kFindPostcode, {postcode}, [](const SqlRow& r) {
    return domain::GeoPoint{r.Int(0), r.Int(1)};
  });
}

// Sums, not averages: both databases give whole numbers for them (AVG would be REAL or NUMERIC).
constexpr std::string_view kDistrictCentre = R"sql(
SELECT CAST(SUM(latitude_e6) AS BIGINT), CAST(SUM(longitude_e6) AS BIGINT), COUNT(*)
FROM postcodes WHERE postcode LIKE $1)sql";

Result<std::optional<domain::GeoPoint>> SqlPostcodes::DistrictCentre(const std::string& district) {
  if (district.empty() || district.find_first_of("%_ ") != std::string::npos)
    return std::optional<domain::GeoPoint>();
  SD_ASSIGN_OR_RETURN(auto sums, QueryOne(c_, kDistrictCentre, {district + " %"},
                                          [](const SqlRow& r) -> std::array<int64_t, 3> {
                                            if (r.IsNull(0)) return {0, 0, 0};
                                            return {r.Int(0), r.Int(1), r.Int(2)};
                                          }));
  if (!sums || (*sums)[2] == 0) return std::optional<domain::GeoPoint>();
  const int64_t n = (*sums)[2];
  // The mean, rounded half away from zero to the millionth of a degree.
  auto mean = [n](int64_t sum) { return (sum >= 0 ? sum + n / 2 : sum - n / 2) / n; };
  return std::optional<domain::GeoPoint>(domain::GeoPoint{mean((*sums)[0]), mean((*sums)[1])});
}

constexpr std::string_view kPutPostcode = R"sql(
INSERT INTO postcodes (postcode, latitude_e6, longitude_e6) VALUES ($1, $2, $3)
ON CONFLICT (postcode) DO UPDATE SET latitude_e6 = excluded.latitude_e6,
  longitude_e6 = excluded.longitude_e6)sql";

Status SqlPostcodes::Put(const std::vector<std::pair<std::string, domain::GeoPoint>>& points) {
  for (const auto& [postcode, p] : points) {
    SD_RETURN_IF_ERROR(Execute(c_, kPutPostcode, {postcode, p.latitude_e6, p.longitude_e6}));
  }
  return OkStatus();
}

constexpr std::string_view kCountPostcodes = R"sql(SELECT COUNT(*) FROM postcodes)sql";

Result<int64_t> SqlPostcodes::Count() { return QueryInt(c_, kCountPostcodes, {}); }

}  // namespace selfdirect::storage
