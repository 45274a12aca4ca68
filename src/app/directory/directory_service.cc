#include "app/directory/directory_service.h"

#include <malloc.h>

#include <algorithm>
#include <charconv>
#include <deque>
#include <set>

#include "app/directory/hsds_csv.h"
#include "base/csv.h"
#include "base/embedded_file.h"
#include "base/limits.h"
#include "base/text.h"
#include "domain/people/postcode.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& DirectoryData();
const std::vector<EmbeddedFile>& DemoPostcodes();
}  // namespace selfdirect::embedded

namespace selfdirect::app {
namespace json = boost::json;

namespace {

constexpr int64_t kDefaultProximityMetres = 8047;  // 5 miles.

std::optional<int64_t> ParseWhole(std::string_view text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

// Ages may be written "65" or "65.0" (HSDS ages are JSON numbers).
std::optional<int> ParseAge(std::string_view text) {
  if (text.size() > 2 && text.substr(text.size() - 2) == ".0") text.remove_suffix(2);
  auto v = ParseWhole(text);
  if (!v || *v < 0 || *v > 130) return std::nullopt;
  return static_cast<int>(*v);
}

std::string ReviewDueDefault(const Clock& clock) {
  return clock.Now().UtcDate().AddDays(365).ToString();
}

// The terms a search for `id` means: the term and every term beneath it.
std::vector<std::string> TermAndChildren(const Taxonomy& t, const std::string& id) {
  std::vector<std::string> out = {id};
  for (size_t i = 0; i < out.size(); ++i) {
    for (const auto& term : t.terms) {
      if (term.parent_id == out[i]) out.push_back(term.id);
    }
  }
  return out;
}

// Adds to `points` the centroid of each of the entry's postcodes that the lookup has.
Status FindPoints(Transaction& tx, const domain::DirectoryService& s,
                  std::map<std::string, domain::GeoPoint>& points) {
  for (const auto& l : s.locations) {
    if (l.postcode.empty() || points.count(l.postcode)) continue;
    SD_ASSIGN_OR_RETURN(auto p, tx.postcodes().Find(l.postcode));
    if (p) points.emplace(l.postcode, *p);
  }
  return OkStatus();
}

Result<domain::DirectoryService> ReadDocument(const std::string& doc, const Taxonomy& t) {
  json::error_code ec;
  json::value v = json::parse(doc, ec);
  if (ec) return Error::Internal("A stored directory entry is not JSON");
  return ServiceFromHsds(v, t);
}

}  // namespace

DirectoryPaging ParseDirectoryPaging(std::string_view page, std::string_view per_page,
                                     std::vector<FieldError>& errors) {
  DirectoryPaging out;
  auto number = ParseWhole(page.empty() ? "1" : page);
  if (!number || *number < 1 || *number > 1'000'000) {
    errors.push_back({"page", "must be a whole number from 1"});
  } else {
    out.page = static_cast<int>(*number);
  }
  if (!per_page.empty()) {
    auto n = ParseWhole(per_page);
    if (!n || *n < 1 || *n > kDirectoryMaxPerPage) {
      errors.push_back(
          {"per_page", "must be a whole number from 1 to " + std::to_string(kDirectoryMaxPerPage)});
    } else {
      out.per_page = static_cast<int>(*n);
    }
  }
  return out;
}

bool CanEditDirectory(domain::Role role) {
  return role == domain::Role::kDirectoryEditor || role == domain::Role::kAdministrator;
}

namespace {

// Where a postcode file keeps what is read (ONSPD names them pcds, lat and long).
struct PostcodeColumns {
  int postcode = -1, lat = -1, lon = -1;
  bool complete() const { return postcode >= 0 && lat >= 0 && lon >= 0; }
};

PostcodeColumns ReadPostcodeHeader(const std::vector<std::string_view>& cells) {
  PostcodeColumns c;
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string h;
    for (char ch : cells[i]) h += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if ((h == "pcds" || h == "postcode") && c.postcode < 0) c.postcode = static_cast<int>(i);
    if (h == "lat" || h == "latitude") c.lat = static_cast<int>(i);
    if (h == "long" || h == "longitude") c.lon = static_cast<int>(i);
  }
  return c;
}

// One row: its postcode's point into `out`, or a problem, or (no grid reference) skipped.
void ReadPostcodeRow(const std::vector<std::string_view>& cells, const PostcodeColumns& col,
                     int64_t line_no, PostcodeLoadReport& report,
                     std::vector<std::pair<std::string, domain::GeoPoint>>& out) {
  ++report.rows;
  const size_t need = static_cast<size_t>(std::max({col.postcode, col.lat, col.lon}));
  const std::string where = "line " + std::to_string(line_no) + ": ";
  if (cells.size() <= need) {
    report.problems.push_back(where + "has too few columns");
    return;
  }
  const std::string_view postcode_text = cells[static_cast<size_t>(col.postcode)];
  auto postcode = domain::NormalisePostcode(postcode_text);
  if (!postcode.ok()) {
    report.problems.push_back(where + "\"" + std::string(postcode_text) +
                              "\" is not a UK postcode");
    return;
  }
  const std::string_view lat_text = cells[static_cast<size_t>(col.lat)];
  if (lat_text == "99.999999") {  // ONSPD: no grid reference for this postcode.
    ++report.skipped;
    return;
  }
  auto lat = domain::ParseDegreesE6(lat_text, 90);
  auto lon = domain::ParseDegreesE6(cells[static_cast<size_t>(col.lon)], 180);
  if (!lat) {
    report.problems.push_back(where + "lat is not a latitude in decimal degrees");
    return;
  }
  if (!lon) {
    report.problems.push_back(where + "long is not a longitude in decimal degrees");
    return;
  }
  out.emplace_back(*postcode, domain::GeoPoint{*lat, *lon});
  ++report.loaded;
}

}  // namespace

PostcodeLoadReport ParsePostcodeCsv(std::string_view text,
                                    std::vector<std::pair<std::string, domain::GeoPoint>>& out) {
  PostcodeLoadReport report;
  std::vector<std::string_view> cells;
  std::deque<std::string> scratch;
  size_t at = 0;
  int64_t line_no = 0;
  bool header_read = false;
  PostcodeColumns columns;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    ++line_no;
    if (Trim(line).empty()) continue;
    if (!SplitCsvLine(line, cells, scratch)) {
      report.problems.push_back("line " + std::to_string(line_no) +
                                ": a quoted cell is not closed properly");
      continue;
    }
    if (header_read) {
      ReadPostcodeRow(cells, columns, line_no, report, out);
      continue;
    }
    header_read = true;
    columns = ReadPostcodeHeader(cells);
    if (!columns.complete()) {
      report.problems.push_back(
          "line " + std::to_string(line_no) +
          ": the header must name a postcode column (pcds or postcode) and lat and long "
          "(or latitude and longitude)");
      return report;
    }
  }
  if (!header_read) report.problems.push_back("the file is empty: it needs a header row");
  return report;
}

DirectoryEntryRecord DirectoryRecordFor(const domain::DirectoryService& s,
                                        const Taxonomy& taxonomy_, const std::string& review_due,
                                        UserId by,
                                        const std::map<std::string, domain::GeoPoint>& points) {
  DirectoryEntryRecord r;
  r.service_id = s.id;
  r.name = s.name;
  r.organization_name = s.organization.name;
  r.status = std::string(domain::ServiceStatusCode(s.status));
  r.minimum_age = s.minimum_age;
  r.maximum_age = s.maximum_age;
  r.free = domain::IsFree(s);
  std::vector<std::string> term_names;
  for (const auto& id : s.term_ids) {
    if (const TaxonomyTerm* t = taxonomy_.Find(id)) {
      term_names.push_back(t->name);
      // A search for the parent's name finds the child's entries too.
      if (const TaxonomyTerm* p = taxonomy_.Find(t->parent_id)) term_names.push_back(p->name);
    }
  }
  r.search_text = domain::SearchText(s, term_names);
  r.term_ids = s.term_ids;
  for (const auto& sch : s.schedules) {
    for (int d : sch.days) r.sessions.push_back({d, sch.opens_at, sch.closes_at});
  }
  for (const auto& l : s.locations) {
    DirectoryEntryRecord::Place p{l.service_at_location_id, l.id, l.postcode, std::nullopt};
    if (auto it = points.find(l.postcode); it != points.end()) p.point = it->second;
    r.places.push_back(std::move(p));
  }
  r.review_due = review_due;
  r.last_modified = s.last_modified;
  r.updated_by = by;
  r.document_json = json::serialize(ServiceToHsds(s, taxonomy_));
  return r;
}

Result<StoredDirectoryEntry> DirectoryService::Stored(const DirectoryEntryRecord& r,
                                                      Transaction& tx) {
  StoredDirectoryEntry e;
  SD_ASSIGN_OR_RETURN(e.service, ReadDocument(r.document_json, taxonomy_));
  e.review_due = r.review_due;
  e.stale = r.review_due <= clock_.Now().UtcDate().ToString();
  e.updated_by = r.updated_by;
  std::map<std::string, domain::GeoPoint> points;
  SD_RETURN_IF_ERROR(FindPoints(tx, e.service, points));
  for (const auto& l : e.service.locations) {
    if (!l.postcode.empty() && !points.count(l.postcode)) e.unknown_postcodes.push_back(l.postcode);
  }
  return e;
}

namespace {

using Errors = std::vector<FieldError>;

void Fail(Errors& errors, std::string field, std::string message) {
  errors.push_back({std::move(field), std::move(message)});
}

// The taxonomy filter: a term with its children, or (a taxonomy named alone) every term.
void ReadTermFilter(const DirectorySearchRequest& in, const Taxonomy& taxonomy, DirectoryQuery& q,
                    Errors& errors) {
  if (!in.taxonomy_term_id.empty()) {
    if (!taxonomy.Find(in.taxonomy_term_id)) {
      Fail(errors, "taxonomy_term_id", "is not a term of this directory's taxonomy");
    } else {
      q.term_ids = TermAndChildren(taxonomy, in.taxonomy_term_id);
    }
  }
  if (!in.taxonomy_id.empty()) {
    if (in.taxonomy_id != taxonomy.id) {
      Fail(errors, "taxonomy_id", "is not a taxonomy this directory uses");
    } else if (q.term_ids.empty()) {
      const std::set<std::string> all = taxonomy.TermIds();
      q.term_ids.assign(all.begin(), all.end());
    }
  }
}

void ReadAgeFilter(const std::string& text, const char* field, std::optional<int>& into,
                   Errors& errors) {
  if (text.empty()) return;
  if (auto a = ParseAge(text)) {
    into = *a;
  } else {
    Fail(errors, field, "must be a whole number of years from 0 to 130");
  }
}

void ReadTimeFilter(const std::string& text, const char* field, std::optional<int>& into,
                    Errors& errors) {
  if (text.empty()) return;
  into = domain::ParseClockTime(text);
  if (!into) Fail(errors, field, "must be a time of day, like 10:00");
}

void ReadDayFilter(const std::string& day, DirectoryQuery& q, Errors& errors) {
  if (day.empty()) return;
  std::string code;
  for (char c : day.substr(0, 2)) {
    code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  q.day = day.size() == 2 ? domain::ParseDay(code) : std::nullopt;
  if (!q.day) Fail(errors, "day", "must be a day code: MO, TU, WE, TH, FR, SA or SU");
}

// Who a service is for and when it runs: ages, day and times; changed since; free.
void ReadServiceFilters(const DirectorySearchRequest& in, DirectoryQuery& q, Errors& errors) {
  ReadAgeFilter(in.minimum_age, "minimum_age", q.minimum_age_at_least, errors);
  ReadAgeFilter(in.maximum_age, "maximum_age", q.maximum_age_at_most, errors);
  ReadAgeFilter(in.age, "age", q.age, errors);
  ReadDayFilter(in.day, q, errors);
  ReadTimeFilter(in.start_time, "start_time", q.opens_from, errors);
  ReadTimeFilter(in.end_time, "end_time", q.closes_by, errors);
  if (!in.modified_after.empty()) {
    auto t = Timestamp::Parse(in.modified_after);
    if (t.ok()) {
      q.modified_after = *t;
    } else {
      Fail(errors, "modified_after", "must be a date and time, like 2026-11-01T00:00:00Z");
    }
  }
  if (!in.free.empty()) {
    if (in.free == "true") {
      q.free_only = true;
    } else if (in.free != "false") {
      Fail(errors, "free", "must be true or false");
    }
  }
}

// Where: the postcode, normalised (its point is found in the search's transaction), and the
// distance from it. Returns the postcode, or "" for none.
std::string ReadPlaceFilter(const DirectorySearchRequest& in, DirectoryQuery& q, Errors& errors) {
  std::string postcode;
  if (!in.postcode.empty()) {
    auto p = domain::NormalisePostcode(in.postcode);
    if (!p.ok()) {
      Fail(errors, "postcode", "is not a UK postcode");
    } else {
      postcode = *p;
    }
  }
  q.within_metres = kDefaultProximityMetres;
  if (!in.proximity.empty()) {
    auto m = ParseWhole(in.proximity);
    if (!m || *m < 1 || *m > kDirectoryMaxProximityMetres) {
      Fail(errors, "proximity",
           "must be a whole number of metres from 1 to " +
               std::to_string(kDirectoryMaxProximityMetres));
    } else if (in.postcode.empty()) {
      Fail(errors, "postcode", "is needed with proximity");
    } else {
      q.within_metres = *m;
    }
  }
  return postcode;
}

// The query and page a search request asks for, each problem a field error. Returns the
// postcode to search around, or "".
std::string QueryFromRequest(const DirectorySearchRequest& in, const Taxonomy& taxonomy,
                             DirectoryQuery& q, DirectoryPage& page, Errors& errors) {
  q.words = domain::QueryWords(in.search);
  ReadTermFilter(in, taxonomy, q, errors);
  ReadServiceFilters(in, q, errors);
  const DirectoryPaging paging = ParseDirectoryPaging(in.page, in.per_page, errors);
  page.page = paging.page;
  page.per_page = paging.per_page;
  std::string postcode = ReadPlaceFilter(in, q, errors);
  q.by_place = in.by_place;
  q.active_only = in.active_only;
  q.limit = page.per_page;
  q.offset = static_cast<int64_t>(page.page - 1) * page.per_page;
  return postcode;
}

// The point of the postcode searched around, as the query's centre and the page's.
Status CentreOn(Transaction& tx, const std::string& postcode, DirectoryQuery& q,
                DirectoryPage& page) {
  if (postcode.empty()) return OkStatus();
  SD_ASSIGN_OR_RETURN(auto point, tx.postcodes().Find(postcode));
  if (!point) {
    return Error::InvalidArgument(
        "The search is not valid",
        {{"postcode", postcode + " is not in this directory's postcode lookup"}});
  }
  q.near = *point;
  page.centre = *point;
  return OkStatus();
}

// The page's documents, from the snapshot the index was checked against.
Status AttachDocuments(Transaction& tx, DirectoryResults& results) {
  std::vector<std::string> ids;
  for (const auto& h : results.hits) ids.push_back(h.service_id);
  SD_ASSIGN_OR_RETURN(auto documents, tx.directory().Documents(ids));
  for (auto& h : results.hits) {
    auto it = documents.find(h.service_id);
    if (it == documents.end()) {
      return Error::Internal("Directory entry " + h.service_id + " is in the index, not stored");
    }
    h.document_json = it->second;
  }
  return OkStatus();
}

// The hits as the page's listings; a page past the last is a field error.
Status FillPage(DirectoryResults& results, const Taxonomy& taxonomy, DirectoryPage& page) {
  page.total = results.total;
  if (results.hits.empty() && page.page > 1 && page.total > 0) {
    return Error::InvalidArgument(
        "The search is not valid",
        {{"page", "is past the last page (" + std::to_string(page.total_pages()) + ")"}});
  }
  for (auto& h : results.hits) {
    DirectoryListing l;
    SD_ASSIGN_OR_RETURN(l.service, ReadDocument(h.document_json, taxonomy));
    l.service_at_location_id = h.service_at_location_id;
    l.distance_metres = h.distance_metres;
    l.review_due = h.review_due;
    page.items.push_back(std::move(l));
  }
  return OkStatus();
}

}  // namespace

Result<DirectoryPage> DirectoryService::Search(CouncilId council,
                                               const DirectorySearchRequest& in) {
  DirectoryQuery q;
  DirectoryPage page;
  std::vector<FieldError> errors;
  const std::string postcode = QueryFromRequest(in, taxonomy_, q, page, errors);
  if (!errors.empty()) return Error::InvalidArgument("The search is not valid", std::move(errors));

  DirectoryResults results;
  std::string key;
  int64_t version = 0;
  std::shared_ptr<const DirectoryPage> kept;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(CentreOn(tx, postcode, q, page));
    // Read in the same transaction as the search, so a kept answer is never older than it.
    SD_ASSIGN_OR_RETURN(version, tx.directory().Version());
    key = DirectoryQueryKey(council, q);
    kept = cache_.Find(key, version);
    if (kept) return OkStatus();
    SD_ASSIGN_OR_RETURN(auto index, IndexAt(council, version, tx));
    if (!index) {
      SD_ASSIGN_OR_RETURN(results, tx.directory().Search(q));
      return OkStatus();
    }
    results = index->Search(q);
    return AttachDocuments(tx, results);
  }));
  if (kept) return *kept;
  SD_RETURN_IF_ERROR(FillPage(results, taxonomy_, page));
  cache_.Put(key, version, std::make_shared<const DirectoryPage>(page));
  return page;
}

DirectoryService::~DirectoryService() {
  // Joined without the lock: the build thread takes it as it finishes.
  std::thread builder;
  {
    std::lock_guard lock(builder_mutex_);
    builder = std::move(builder_);
  }
  if (builder.joinable()) builder.join();
}

std::shared_ptr<const DirectorySearchIndex> DirectoryService::HeldIndex(CouncilId council) {
  std::lock_guard lock(indexes_mutex_);
  auto it = indexes_.find(council.value());
  return it != indexes_.end() ? it->second : nullptr;
}

Result<std::shared_ptr<const DirectorySearchIndex>> DirectoryService::BuildIndex(CouncilId council,
                                                                                 int64_t version,
                                                                                 Transaction& tx) {
  std::lock_guard build(build_mutex_);
  // Built while this one waited.
  if (auto held = HeldIndex(council); held && held->version() == version) return held;
  std::shared_ptr<const DirectorySearchIndex> built;
  {
    SD_ASSIGN_OR_RETURN(auto entries, tx.directory().SearchColumns());
    built = std::make_shared<const DirectorySearchIndex>(version, std::move(entries));
  }
  // The rows read for the build (as large again as the index) go back to the system rather than
  // staying with the allocator.
  malloc_trim(0);
  std::lock_guard lock(indexes_mutex_);
  auto& slot = indexes_[council.value()];
  // Versions only grow: a build that read an older snapshot does not replace a newer index.
  if (!slot || slot->version() < version) slot = built;
  return built;
}

Result<std::shared_ptr<const DirectorySearchIndex>> DirectoryService::IndexAt(CouncilId council,
                                                                              int64_t version,
                                                                              Transaction& tx) {
  if (!search_index_) return std::shared_ptr<const DirectorySearchIndex>();
  auto held = HeldIndex(council);
  if (held && held->version() == version) return held;
  if (!held) return BuildIndex(council, version, tx);
  // The directory has changed since the index was built: the database answers until the new
  // one is ready, so that no search waits seconds for a large directory to be read again.
  RebuildInBackground(council);
  return std::shared_ptr<const DirectorySearchIndex>();
}

void DirectoryService::RebuildInBackground(CouncilId council) {
  std::lock_guard lock(builder_mutex_);
  if (building_) return;  // One at a time; a later search asks again if it is still behind.
  if (builder_.joinable()) builder_.join();  // The last one, finished.
  building_ = true;
  builder_ = std::thread([this, council] {
    // A failed build leaves the old index in place and the database answering; the next search
    // that finds the index behind tries again.
    (void)store_.Read(council, [&](Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(auto version, tx.directory().Version());
      SD_RETURN_IF_ERROR(BuildIndex(council, version, tx));
      return OkStatus();
    });
    std::lock_guard done(builder_mutex_);
    building_ = false;
  });
}

int64_t DirectoryService::IndexedVersion(CouncilId council) {
  auto held = HeldIndex(council);
  return held ? held->version() : -1;
}

Result<size_t> DirectoryService::PrepareSearch(CouncilId council) {
  size_t size = 0;
  if (!search_index_) return size;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto version, tx.directory().Version());
    SD_ASSIGN_OR_RETURN(auto index, BuildIndex(council, version, tx));
    size = index->size();
    return OkStatus();
  }));
  return size;
}

Result<StoredDirectoryEntry> DirectoryService::Get(CouncilId council,
                                                   const std::string& service_id) {
  StoredDirectoryEntry out;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto r, tx.directory().Find(AsciiLower(service_id)));
    if (!r) return Error::NotFound("No such service in the directory");
    SD_ASSIGN_OR_RETURN(out, Stored(*r, tx));
    return OkStatus();
  }));
  return out;
}

Result<std::optional<domain::DirectoryOrganization>> DirectoryService::OrganisationNamed(
    CouncilId council, const std::string& name) {
  std::optional<domain::DirectoryOrganization> out;
  if (Trim(name).empty()) return out;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto r, tx.directory().FindByOrganisationName(std::string(Trim(name))));
    if (!r) return OkStatus();
    SD_ASSIGN_OR_RETURN(auto s, ReadDocument(r->document_json, taxonomy_));
    out = s.organization;
    return OkStatus();
  }));
  return out;
}

Result<DirectoryListing> DirectoryService::GetPlace(CouncilId council, const std::string& sal_id) {
  DirectoryListing out;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto service_id, tx.directory().ServiceOfPlace(AsciiLower(sal_id)));
    if (!service_id) return Error::NotFound("No such service at location in the directory");
    SD_ASSIGN_OR_RETURN(auto r, tx.directory().Find(*service_id));
    if (!r) return Error::NotFound("No such service at location in the directory");
    SD_ASSIGN_OR_RETURN(out.service, ReadDocument(r->document_json, taxonomy_));
    out.service_at_location_id = AsciiLower(sal_id);
    out.review_due = r->review_due;
    return OkStatus();
  }));
  return out;
}

Result<StoredDirectoryEntry> DirectoryService::Save(const CallContext& ctx, const Principal& who,
                                                    domain::DirectoryService s,
                                                    const std::string& review_due) {
  if (!CanEditDirectory(who.user.role)) {
    return Error::PermissionDenied("Only directory editors can change the directory");
  }
  std::string due = review_due;
  if (due.empty()) {
    due = ReviewDueDefault(clock_);
  } else if (auto d = Date::Parse(due); !d.ok()) {
    return Error::InvalidArgument("The entry is not valid",
                                  {{"review_due", "must be a date, like 2027-05-01"}});
  } else {
    due = d->ToString();
  }
  auto problems = domain::ValidateService(s, taxonomy_.TermIds());
  if (!problems.empty()) {
    return Error::InvalidArgument("The entry is not valid", std::move(problems));
  }
  s.last_modified = clock_.Now();
  StoredDirectoryEntry out;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    std::map<std::string, domain::GeoPoint> points;
    SD_RETURN_IF_ERROR(FindPoints(tx, s, points));
    SD_ASSIGN_OR_RETURN(auto existing, tx.directory().Find(s.id));
    const DirectoryEntryRecord record = DirectoryRecordFor(s, taxonomy_, due, who.user.id, points);
    Status stored = tx.directory().Upsert(record);
    if (!stored.ok() && stored.error().code == ErrorCode::kAlreadyExists) {
      return Error::InvalidArgument(
          "The entry is not valid",
          {{"service_at_locations", "a place of this entry belongs to another entry"}});
    }
    SD_RETURN_IF_ERROR(stored);
    SD_ASSIGN_OR_RETURN(out, Stored(record, tx));
    return tx.audit().Append(AuditOf(clock_, who, ctx,
                                     existing ? "directory.update" : "directory.add",
                                     "directory_service", s.id, s.name));
  }));
  return out;
}

Result<StoredDirectoryEntry> DirectoryService::MarkReviewed(const CallContext& ctx,
                                                            const Principal& who,
                                                            const std::string& service_id) {
  if (!CanEditDirectory(who.user.role)) {
    return Error::PermissionDenied("Only directory editors can change the directory");
  }
  StoredDirectoryEntry out;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto r, tx.directory().Find(AsciiLower(service_id)));
    if (!r) return Error::NotFound("No such service in the directory");
    SD_ASSIGN_OR_RETURN(auto entry, Stored(*r, tx));
    std::map<std::string, domain::GeoPoint> points;
    SD_RETURN_IF_ERROR(FindPoints(tx, entry.service, points));
    // Checked, not changed: last_modified stays, so feeds do not see a change.
    const DirectoryEntryRecord record =
        DirectoryRecordFor(entry.service, taxonomy_, ReviewDueDefault(clock_), who.user.id, points);
    SD_RETURN_IF_ERROR(tx.directory().Upsert(record));
    SD_ASSIGN_OR_RETURN(out, Stored(record, tx));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "directory.review", "directory_service",
                                     record.service_id, "due " + record.review_due));
  }));
  return out;
}

Status DirectoryService::Remove(const CallContext& ctx, const Principal& who,
                                const std::string& service_id) {
  if (!CanEditDirectory(who.user.role)) {
    return Error::PermissionDenied("Only directory editors can change the directory");
  }
  return store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(tx.directory().Delete(AsciiLower(service_id)));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "directory.remove", "directory_service",
                                     AsciiLower(service_id), ""));
  });
}

Result<DirectoryPage> DirectoryService::Stale(const CallContext& ctx, const Principal& who,
                                              int page_number) {
  if (!CanEditDirectory(who.user.role)) {
    return Error::PermissionDenied("Only directory editors can see entries due for review");
  }
  DirectoryQuery q;
  q.review_due_before = clock_.Now().UtcDate().AddDays(1).ToString();
  q.limit = 50;
  q.offset = static_cast<int64_t>(std::max(1, page_number) - 1) * q.limit;
  DirectoryResults results;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(results, tx.directory().Search(q));
    return OkStatus();
  }));
  DirectoryPage page;
  page.page = std::max(1, page_number);
  page.per_page = q.limit;
  page.total = results.total;
  for (auto& h : results.hits) {
    DirectoryListing l;
    SD_ASSIGN_OR_RETURN(l.service, ReadDocument(h.document_json, taxonomy_));
    l.review_due = h.review_due;
    page.items.push_back(std::move(l));
  }
  std::stable_sort(page.items.begin(), page.items.end(),
                   [](const auto& a, const auto& b) { return a.review_due < b.review_due; });
  return page;
}

Result<ImportReport> DirectoryService::Import(const CallContext& ctx, const Principal& who,
                                              std::string_view feed_json) {
  if (!CanEditDirectory(who.user.role)) {
    return Error::PermissionDenied("Only directory editors can import into the directory");
  }
  return ImportIn(ctx.council, AuditOf(clock_, who, ctx, "directory.import", "", "", ""),
                  feed_json);
}

Result<ImportReport> DirectoryService::ImportAsSystem(CouncilId council,
                                                      std::string_view feed_json) {
  return ImportIn(council, AuditEntry{clock_.Now(), UserId{}, "directory.import", "", "", "", ""},
                  feed_json);
}

namespace {

// The services of a feed, flattened: a service, an array of services, a page, or an array of
// pages.
std::vector<const json::value*> FeedRows(const json::value& feed) {
  std::vector<const json::value*> rows;
  auto add_page_or_service = [&](const json::value& v) {
    if (const auto* o = v.if_object();
        o && o->contains("contents") && o->at("contents").is_array()) {
      for (const auto& s : o->at("contents").as_array()) rows.push_back(&s);
    } else {
      rows.push_back(&v);
    }
  };
  if (feed.is_array()) {
    for (const auto& v : feed.as_array()) add_page_or_service(v);
  } else {
    add_page_or_service(feed);
  }
  return rows;
}

// Reads each row as a service; a row that is not one, or that repeats an id, is a problem named by
// its row (from 1). `seen` gives each id's row.
std::vector<domain::DirectoryService> ReadFeedServices(const std::vector<const json::value*>& rows,
                                                       const Taxonomy& taxonomy,
                                                       ImportReport& report,
                                                       std::map<std::string, int64_t>& seen) {
  std::vector<domain::DirectoryService> services;
  for (size_t i = 0; i < rows.size(); ++i) {
    const int64_t row = static_cast<int64_t>(i) + 1;
    std::string id;
    if (const auto* o = rows[i]->if_object(); o && o->contains("id") && o->at("id").is_string()) {
      id = std::string(o->at("id").as_string());
    }
    auto s = ServiceFromHsds(*rows[i], taxonomy);
    if (!s.ok()) {
      auto fields = s.error().fields;
      if (fields.empty()) fields.push_back({"", s.error().message});
      report.problems.push_back({row, id, std::move(fields)});
      continue;
    }
    if (auto [it, fresh] = seen.emplace(s->id, row); !fresh) {
      report.problems.push_back(
          {row, id, {{"id", "is the same as row " + std::to_string(it->second) + "'s"}}});
      continue;
    }
    services.push_back(std::move(*s));
  }
  return services;
}

// What storing a feed needs beside each service.
struct FeedStore {
  const Taxonomy& taxonomy;
  const Clock& clock;
  Timestamp now;
  UserId by;
};

// Stores one service of a feed. Unchanged if its document is the same apart from when it was last
// modified; a service the feed does not date is dated now; a new one is due for review on the
// default date. A place that belongs to another service is a problem (and fails the write).
Status StoreFeedService(Transaction& tx, domain::DirectoryService& s, const FeedStore& with,
                        std::map<std::string, domain::GeoPoint>& points, ImportReport& report) {
  SD_RETURN_IF_ERROR(FindPoints(tx, s, points));
  SD_ASSIGN_OR_RETURN(auto existing, tx.directory().Find(s.id));
  const bool feed_dated = s.last_modified != Timestamp();
  if (existing) {
    domain::DirectoryService same = s;
    same.last_modified = existing->last_modified;
    if (json::serialize(ServiceToHsds(same, with.taxonomy)) == existing->document_json) {
      ++report.unchanged;
      return OkStatus();
    }
  }
  if (!feed_dated) s.last_modified = with.now;
  const std::string due = existing ? existing->review_due : ReviewDueDefault(with.clock);
  Status stored = tx.directory().Upsert(DirectoryRecordFor(s, with.taxonomy, due, with.by, points));
  if (!stored.ok() && stored.error().code == ErrorCode::kAlreadyExists) {
    report.problems.push_back(
        {0,
         s.id,
         {{"service_at_locations", "a place of this service belongs to another service"}}});
    return Error::FailedPrecondition("place clash");
  }
  SD_RETURN_IF_ERROR(stored);
  ++(existing ? report.updated : report.added);
  return OkStatus();
}

}  // namespace

Result<ImportReport> DirectoryService::ImportIn(CouncilId council, const AuditEntry& audit,
                                                std::string_view feed_json) {
  json::error_code ec;
  json::value feed = json::parse(feed_json, ec);
  if (ec) {
    return Error::InvalidArgument("The feed is not valid JSON: " + ec.message(),
                                  {{"feed", "is not valid JSON"}});
  }
  const std::vector<const json::value*> rows = FeedRows(feed);
  ImportReport report;
  report.rows = static_cast<int64_t>(rows.size());
  std::map<std::string, int64_t> seen;
  std::vector<domain::DirectoryService> services = ReadFeedServices(rows, taxonomy_, report, seen);
  if (!report.problems.empty()) return report;
  const FeedStore with{taxonomy_, clock_, clock_.Now(), audit.actor_user_id};
  Status written = store_.Write(council, [&](Transaction& tx) -> Status {
    std::map<std::string, domain::GeoPoint> points;
    for (auto& s : services) SD_RETURN_IF_ERROR(StoreFeedService(tx, s, with, points, report));
    AuditEntry entry = audit;
    entry.detail = std::to_string(report.added) + " added, " + std::to_string(report.updated) +
                   " updated, " + std::to_string(report.unchanged) + " unchanged";
    return tx.audit().Append(entry);
  });
  if (!written.ok()) {
    if (!report.problems.empty()) {
      // Rows are numbered by the feed: find the clashing service's row.
      for (auto& p : report.problems) p.row = seen.count(p.id) ? seen[p.id] : 0;
      report.added = report.updated = report.unchanged = 0;
      return report;
    }
    return written.error();
  }
  report.applied = true;
  return report;
}

Status DirectoryService::EachEntry(CouncilId council,
                                   const std::function<Status(const DirectoryHit&)>& fn,
                                   int64_t& total) {
  return store_.Read(council, [&](Transaction& tx) -> Status {
    DirectoryQuery q;
    q.limit = 1000;
    for (;;) {
      SD_ASSIGN_OR_RETURN(auto r, tx.directory().Search(q));
      total = r.total;
      for (const auto& h : r.hits) SD_RETURN_IF_ERROR(fn(h));
      if (r.hits.size() < static_cast<size_t>(q.limit)) break;
      q.offset += q.limit;
    }
    return OkStatus();
  });
}

Result<std::string> DirectoryService::ExportJson(CouncilId council) {
  json::array contents;
  int64_t total = 0;
  SD_RETURN_IF_ERROR(EachEntry(
      council,
      [&](const DirectoryHit& h) -> Status {
        json::error_code ec;
        contents.push_back(json::parse(h.document_json, ec));
        if (ec) return Error::Internal("A stored directory entry is not JSON");
        return OkStatus();
      },
      total));
  // One page holding everything.
  return json::serialize(
      HsdsPage(std::move(contents), total, 1, static_cast<int>(std::max<int64_t>(total, 1))));
}

Result<std::map<std::string, std::string>> DirectoryService::ExportCsv(CouncilId council) {
  std::vector<domain::DirectoryService> services;
  int64_t total = 0;
  SD_RETURN_IF_ERROR(EachEntry(
      council,
      [&](const DirectoryHit& h) -> Status {
        SD_ASSIGN_OR_RETURN(auto s, ReadDocument(h.document_json, taxonomy_));
        services.push_back(std::move(s));
        return OkStatus();
      },
      total));
  return HsdsCsvFiles(services, taxonomy_);
}

Result<ImportReport> DirectoryService::ImportCsv(const CallContext& ctx, const Principal& who,
                                                 const std::map<std::string, std::string>& files) {
  if (!CanEditDirectory(who.user.role)) {
    return Error::PermissionDenied("Only directory editors can import into the directory");
  }
  return ImportCsvIn(ctx.council, AuditOf(clock_, who, ctx, "directory.import", "", "", ""), files);
}

Result<ImportReport> DirectoryService::ImportCsvAsSystem(
    CouncilId council, const std::map<std::string, std::string>& files) {
  return ImportCsvIn(council,
                     AuditEntry{clock_.Now(), UserId{}, "directory.import", "", "", "", ""}, files);
}

Result<ImportReport> DirectoryService::ImportCsvIn(
    CouncilId council, const AuditEntry& audit, const std::map<std::string, std::string>& files) {
  CsvFeed feed = FeedFromHsdsCsv(files);
  ImportReport report;
  report.rows = static_cast<int64_t>(feed.services.size());
  for (auto& p : feed.problems) {
    report.problems.push_back({p.row, p.id, {std::move(p.field)}, p.file});
  }
  if (!report.problems.empty()) return report;
  SD_ASSIGN_OR_RETURN(report, ImportIn(council, audit, json::serialize(feed.services)));
  // The feed's rows are services.csv's rows.
  for (auto& p : report.problems) {
    p.file = "services.csv";
    if (p.row >= 1 && static_cast<size_t>(p.row) <= feed.service_rows.size()) {
      p.row = feed.service_rows[static_cast<size_t>(p.row) - 1];
    }
  }
  return report;
}

Result<PostcodeLoadReport> DirectoryService::LoadPostcodes(CouncilId council,
                                                           std::string_view csv) {
  std::vector<std::pair<std::string, domain::GeoPoint>> points;
  PostcodeLoadReport report = ParsePostcodeCsv(csv, points);
  if (!report.problems.empty()) {
    report.loaded = 0;
    return report;
  }
  // One transaction: the points, and the entries whose places gain one.
  const std::set<std::string> loaded = [&] {
    std::set<std::string> codes;
    for (const auto& p : points) codes.insert(p.first);
    return codes;
  }();
  SD_RETURN_IF_ERROR(store_.Write(council, [&](Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(tx.postcodes().Put(points));
    DirectoryQuery q;
    q.limit = 500;
    std::vector<DirectoryEntryRecord> records;
    for (;;) {
      SD_ASSIGN_OR_RETURN(auto r, tx.directory().Search(q));
      for (const auto& h : r.hits) {
        SD_ASSIGN_OR_RETURN(auto s, ReadDocument(h.document_json, taxonomy_));
        bool affected = false;
        for (const auto& l : s.locations) affected = affected || loaded.count(l.postcode) > 0;
        if (!affected) continue;
        SD_ASSIGN_OR_RETURN(auto stored, tx.directory().Find(s.id));
        std::map<std::string, domain::GeoPoint> mine;
        SD_RETURN_IF_ERROR(FindPoints(tx, s, mine));
        records.push_back(DirectoryRecordFor(s, taxonomy_, h.review_due,
                                             stored ? stored->updated_by : UserId{}, mine));
      }
      if (r.hits.size() < static_cast<size_t>(q.limit)) break;
      q.offset += q.limit;
    }
    for (const auto& r : records) SD_RETURN_IF_ERROR(tx.directory().Upsert(r));
    return OkStatus();
  }));
  return report;
}

std::string_view DemoPostcodesCsv() {
  for (const auto& f : embedded::DemoPostcodes()) return f.content;
  return {};
}

namespace {

std::string ReplaceTown(std::string s, const std::string& town) {
  for (size_t at = s.find("{town}"); at != std::string::npos; at = s.find("{town}", at)) {
    s.replace(at, 6, town);
  }
  return s;
}

// "Age UK Wyvern" as "age-uk-wyvern".
std::string Slug(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// FNV-1a: the demo's figures vary by name, the same on every run.
uint64_t DemoHash(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

// One demo town: its name, postcode district and place in the list.
struct DemoTown {
  std::string name;
  std::string district;
  size_t index = 0;
};

std::string TemplateText(const json::object& t, std::string_view key) {
  return std::string(t.at(key).as_string());
}

domain::DirectorySchedule DemoSchedule(const json::object& t, const std::string& service_id,
                                       const DemoTown& town) {
  domain::DirectorySchedule sch;
  sch.id = LinkUuid(service_id, "schedule");
  sch.freq = TemplateText(t, "freq");
  const auto& days = t.at("days").as_array();
  for (const auto& d : days) {
    int day = *domain::ParseDay(d.as_string());
    // One-day weekday sessions fall on different days in different towns.
    if (days.size() == 1 && day < 5)
      day = static_cast<int>((static_cast<size_t>(day) + town.index) % 5);
    sch.days.push_back(day);
  }
  sch.opens_at = domain::ParseClockTime(t.at("opens").as_string());
  sch.closes_at = domain::ParseClockTime(t.at("closes").as_string());
  sch.description = sch.freq == "MONTHLY" ? "Once a month" : "Every week";
  return sch;
}

// Ofcom reserves 01632 960000 to 960999 for drama: never a real line.
domain::DirectoryContact DemoContact(const std::string& service_id, uint64_t h) {
  domain::DirectoryContact contact;
  contact.id = LinkUuid(service_id, "contact");
  contact.name = "Enquiries";
  contact.phones.push_back({LinkUuid(contact.id, "phone"),
                            "01632 960" + std::to_string(100 + h % 900),
                            h % 2 ? "Weekdays, 9am to 5pm" : "Answerphone: we call back"});
  return contact;
}

// Services that come to people say so; the rest serve their town.
domain::DirectoryServiceArea DemoServiceArea(const json::object& t, const std::string& service_id,
                                             const DemoTown& town) {
  const std::string kind = TemplateText(t, "term");
  const bool visits = kind == "Personal assistants" || kind == "Home care agencies" ||
                      kind == "Short breaks and respite" || kind == "Transport" ||
                      kind == "Befriending";
  return {LinkUuid(service_id, "service-area"),
          visits ? "People's homes in and around " + town.name
                 : town.name + " and the villages around it",
          ""};
}

domain::DirectoryLocation DemoLocation(const json::object& t, const std::string& service_id,
                                       const DemoTown& town) {
  constexpr std::string_view kUnits = "ABDEFGHJLNPQRSTUWXYZ";  // As demo-area.csv's.
  const std::string venue = TemplateText(t, "venue");
  const uint64_t vh = DemoHash(town.name + venue);
  domain::DirectoryLocation l;
  // A location's accessibility is the venue's, so a venue described two ways is two locations
  // (the profile's CSV files give each location one accessibility row).
  l.id = LinkUuid("demo-location", town.name + venue + TemplateText(t, "accessibility"));
  l.service_at_location_id = LinkUuid(service_id, l.id);
  l.name = town.name + " " + venue;
  l.address_1 = std::to_string(1 + vh % 60) + " " +
                (vh % 3 == 0   ? "High Street"
                 : vh % 3 == 1 ? "Church Street"
                               : "Station Road");
  l.city = town.name;
  l.postcode =
      town.district + " " + std::to_string(1 + vh % 4) + "A" + kUnits[(vh / 4) % kUnits.size()];
  l.accessibility = TemplateText(t, "accessibility");
  return l;
}

// The service and organisation a template makes in a town.
void DemoServiceFields(const json::object& t, const DemoTown& town, domain::DirectoryService& s) {
  s.name = ReplaceTown(TemplateText(t, "name"), town.name);
  s.id = LinkUuid("demo-service", s.name);
  s.organization.name = ReplaceTown(TemplateText(t, "organisation"), town.name);
  s.organization.id = LinkUuid("demo-organisation", s.organization.name);
  s.organization.description = s.organization.name + ", in the Wyvern Vale.";
  s.organization.url = "https://" + Slug(s.organization.name) + ".example.org";
  s.description = ReplaceTown(TemplateText(t, "description"), town.name);
  s.url = s.organization.url;
  s.email = "enquiries@" + Slug(s.organization.name) + ".example.org";
  s.status = DemoHash(s.name) % 40 == 7 ? domain::ServiceStatus::kTemporarilyClosed
                                        : domain::ServiceStatus::kActive;
  if (t.at("minimum_age").is_int64())
    s.minimum_age = static_cast<int>(t.at("minimum_age").as_int64());
  if (t.at("maximum_age").is_int64())
    s.maximum_age = static_cast<int>(t.at("maximum_age").as_int64());
}

// One demo service and its review date: last changed up to 300 days before `now`; most are due
// for review a year after they changed, about one in twelve is overdue.
Result<std::pair<domain::DirectoryService, std::string>> DemoService(
    const json::object& t, const DemoTown& town,
    const std::map<std::string, std::string>& term_by_name, Timestamp now) {
  domain::DirectoryService s;
  DemoServiceFields(t, town, s);
  const uint64_t h = DemoHash(s.name);
  auto term = term_by_name.find(TemplateText(t, "term"));
  if (term == term_by_name.end()) return Error::Internal("demo-services.json: unknown term");
  s.term_ids = {term->second};
  s.schedules.push_back(DemoSchedule(t, s.id, town));
  if (t.at("cost").is_object()) {
    const auto& c = t.at("cost").as_object();
    s.costs.push_back({LinkUuid(s.id, "cost"), TemplateText(c, "option"),
                       Pence::FromPence(c.at("pence").as_int64()), TemplateText(c, "description")});
  }
  s.contacts.push_back(DemoContact(s.id, h));
  s.service_areas.push_back(DemoServiceArea(t, s.id, town));
  s.locations.push_back(DemoLocation(t, s.id, town));
  const int64_t age_days = static_cast<int64_t>(h % 300);
  s.last_modified = Timestamp::FromMicros(now.micros() - age_days * 86'400'000'000LL);
  const int64_t review_after = h % 12 == 5 ? age_days - 14 : 365;
  std::string due = s.last_modified.UtcDate().AddDays(review_after).ToString();
  return std::pair{std::move(s), std::move(due)};
}

}  // namespace

Result<std::vector<std::pair<domain::DirectoryService, std::string>>> DemoDirectoryServices(
    const Taxonomy& taxonomy, Timestamp now) {
  std::string_view text;
  for (const auto& f : embedded::DirectoryData()) {
    if (f.path == "demo-services.json") text = f.content;
  }
  json::error_code ec;
  json::value data = json::parse(text, ec);
  if (ec) return Error::Internal("demo-services.json is not JSON");
  std::map<std::string, std::string> term_by_name;
  for (const auto& t : taxonomy.terms) term_by_name[t.name] = t.id;
  std::vector<std::pair<domain::DirectoryService, std::string>> out;
  const auto& towns = data.at("towns").as_array();
  const auto& templates = data.at("templates").as_array();
  for (size_t ti = 0; ti < towns.size(); ++ti) {
    const DemoTown town{std::string(towns[ti].at("name").as_string()),
                        std::string(towns[ti].at("postcode_district").as_string()), ti};
    for (const auto& tv : templates) {
      SD_ASSIGN_OR_RETURN(auto service, DemoService(tv.as_object(), town, term_by_name, now));
      out.push_back(std::move(service));
    }
  }
  return out;
}

}  // namespace selfdirect::app
