// The directory service: searches (from the index in memory, or the database) and the index.
#include <malloc.h>

#include <algorithm>
#include <set>

#include "app/directory/directory_internal.h"
#include "app/directory/directory_service.h"
#include "domain/directory/idea_words.h"
#include "domain/people/postcode.h"

namespace selfdirect::app {
using namespace directory_internal;  // NOLINT(google-build-using-namespace): this area's own
                                     // helpers.

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
  if (!point && postcode.find(' ') != std::string::npos) {
    // Not known exactly (a new street, a mistyped last letter): its district's centre will do.
    const std::string district = postcode.substr(0, postcode.find(' '));
    SD_ASSIGN_OR_RETURN(point, tx.postcodes().DistrictCentre(district));
    if (point) page.centre_district = district;
  }
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

Result<std::vector<DirectoryIdea>> DirectoryService::Ideas(CouncilId council,
                                                           const std::string& words,
                                                           const std::string& postcode,
                                                           size_t most) {
  std::vector<DirectoryIdea> ideas;
  for (const std::string& word : domain::IdeaWords(words)) {
    DirectorySearchRequest request{.search = word, .postcode = postcode, .per_page = "2"};
    request.active_only = true;
    auto page = Search(council, request);
    if (!page.ok() && !postcode.empty()) {  // A postcode the service does not know: anywhere.
      request.postcode.clear();
      page = Search(council, request);
    }
    if (!page.ok()) return page.error();
    for (const auto& item : page->items) {
      auto same = std::find_if(ideas.begin(), ideas.end(), [&](const DirectoryIdea& i) {
        return i.listing.service.id == item.service.id;
      });
      if (same != ideas.end()) {
        same->matched.push_back(word);
      } else {
        ideas.push_back({item, {word}});
      }
    }
  }
  std::stable_sort(ideas.begin(), ideas.end(), [](const DirectoryIdea& a, const DirectoryIdea& b) {
    return a.matched.size() > b.matched.size();
  });
  if (ideas.size() > most) ideas.resize(most);
  return ideas;
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

}  // namespace selfdirect::app
