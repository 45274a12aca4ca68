// File: directory_service.h
// Use cases of the information-and-advice directory (docs/directory.md): public search and
// reading (no sign-in; nothing personal, so nothing audited), editors' changes with review dates
// (audited in their transaction), importing and exporting Open Referral UK feeds, and loading the
// postcode lookup that distance search uses.
#pragma once

#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "app/audit_trail.h"
#include "app/directory/directory_search_index.h"
#include "app/directory/hsds_json.h"
#include "app/people_service.h"
#include "app/repositories.h"
#include "base/versioned_cache.h"

namespace selfdirect::app {

// A search as people and other systems ask it: the Open Referral UK query parameters, as text.
// Field errors name these parameters.
struct DirectorySearchRequest {
  std::string search;            // Words.
  std::string taxonomy_term_id;  // A term (and the terms beneath it).
  std::string taxonomy_id;
  std::string minimum_age;  // Services whose minimum age is at least this.
  std::string maximum_age;  // Services whose maximum age is at most this.
  std::string age;          // Services for a person of this age (Selfdirect's own).
  std::string day;          // MO ... SU
  std::string start_time;   // Sessions opening at or after, "10:00".
  std::string end_time;     // Sessions closing at or before.
  std::string modified_after;
  std::string postcode;
  std::string proximity;  // Metres from the postcode; 5 miles if a postcode is given alone.
  std::string free;       // "true": free only.
  std::string page = "1";
  std::string per_page;
  bool by_place = false;     // One result per service-at-location.
  bool active_only = false;  // Public pages show services that are running.
};

inline constexpr int kDirectoryDefaultPerPage = 20;
inline constexpr int kDirectoryMaxPerPage = 200;
inline constexpr int64_t kDirectoryMaxProximityMetres = 80'467;  // 50 miles.

// `page` ("1" when empty) and `per_page` (the default when empty) of a list, each a field error in
// `errors` when it is not a whole number in range.
struct DirectoryPaging {
  int page = 1;
  int per_page = kDirectoryDefaultPerPage;
};
DirectoryPaging ParseDirectoryPaging(std::string_view page, std::string_view per_page,
                                     std::vector<FieldError>& errors);

struct DirectoryListing {
  domain::DirectoryService service;
  std::string service_at_location_id;
  std::optional<int64_t> distance_metres;
  std::string review_due;
};

struct DirectoryPage {
  std::vector<DirectoryListing> items;
  int64_t total = 0;
  int page = 1;
  int per_page = kDirectoryDefaultPerPage;
  std::optional<domain::GeoPoint> centre;  // The postcode's, when one was given.
  // Set when the postcode itself is not known but its district is: the search is from the
  // district's centre ("HR4"), and the page says so.
  std::string centre_district;
  int64_t total_pages() const { return total == 0 ? 0 : (total + per_page - 1) / per_page; }
};

// A directory entry suggested for what matters to a person, and the person's words it matched.
struct DirectoryIdea {
  DirectoryListing listing;
  std::vector<std::string> matched;
};

// The text that identifies a search: equal for searches that must give the same answer (the
// words, filters, point, radius and page), different otherwise. Pure.
std::string DirectoryQueryKey(CouncilId council, const DirectoryQuery& q);

// Recent search answers, kept while the council's directory version
// (DirectoryRepository::Version) stays the same, so that a popular search is not run again until
// an entry changes. Holds at most `max_listings` listings across its answers; the least recently
// used answers go first. Thread-safe. A capacity of 0 keeps nothing.
class DirectorySearchCache : public VersionedCache<DirectoryPage> {
 public:
  explicit DirectorySearchCache(size_t max_listings)
      : VersionedCache(max_listings, [](const DirectoryPage& p) { return p.items.size(); }) {}
  size_t answers() const { return entries(); }
  size_t listings() const { return weight(); }
};

inline constexpr size_t kDirectorySearchCacheListings = 20'000;

struct StoredDirectoryEntry {
  domain::DirectoryService service;
  std::string review_due;  // "2027-05-01"
  bool stale = false;      // Its review date has passed.
  UserId updated_by;
  std::vector<std::string> unknown_postcodes;  // Places distance search cannot find.
};

// One row of an import: its position in the feed, the service id when it has one, and what was
// wrong ("name: is required").
struct ImportProblem {
  int64_t row = 0;  // 1-based: the feed's service, or the CSV file's row counting its header.
  std::string id;
  std::vector<FieldError> fields;
  std::string file;  // For CSV files: the file the row is in ("schedule.csv").
};

struct ImportReport {
  bool applied = false;  // False when any row had a problem: then nothing was stored.
  int64_t rows = 0;
  int64_t added = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  std::vector<ImportProblem> problems;
};

// A feed to import (read by directory_feed.h): the services it holds, the row each came from,
// and every problem found reading it.
struct DirectoryFeed {
  int64_t rows = 0;  // Services in the feed, read or not.
  std::vector<domain::DirectoryService> services;
  std::vector<int64_t> service_rows;    // Each service's row (1-based; services.csv's for CSV).
  std::string file;                     // "services.csv" for CSV files; "" for JSON.
  std::vector<ImportProblem> problems;  // Nothing is imported if there are any.
};

struct PostcodeLoadReport {
  int64_t rows = 0;
  int64_t loaded = 0;
  int64_t skipped = 0;  // Rows without a grid reference (ONSPD gives 99.999999 latitude).
  std::vector<std::string> problems;  // "line 7: lat is not a latitude"; nothing loaded if any.
};

// Reads a postcode centroid CSV: a header row naming a postcode column (`pcds`, as in the ONS
// Postcode Directory, or `postcode`) and `lat` and `long` (or `latitude` and `longitude`) in
// decimal degrees; other columns are ignored. Pure.
PostcodeLoadReport ParsePostcodeCsv(std::string_view text,
                                    std::vector<std::pair<std::string, domain::GeoPoint>>& out);

// The record stored for `s`: its HSDS-UK document, search words (with its terms' names and their
// parents'), sessions, and places with their postcodes' points where `points` has them. Used by
// the service, the demo and the benchmark.
DirectoryEntryRecord DirectoryRecordFor(const domain::DirectoryService& s, const Taxonomy& taxonomy,
                                        const std::string& review_due, UserId by,
                                        const std::map<std::string, domain::GeoPoint>& points);

// The demo council's postcode sample (data/postcodes/demo-area.csv) and directory entries
// (data/directory/demo-services.json), built for `now`.
std::string_view DemoPostcodesCsv();
Result<std::vector<std::pair<domain::DirectoryService, std::string>>> DemoDirectoryServices(
    const Taxonomy& taxonomy, Timestamp now);  // Each with its review date.

// Directory editors and administrators manage entries.
bool CanEditDirectory(domain::Role role);

class DirectoryService {
 public:
  // `search_index`: answer public searches from an in-memory DirectorySearchIndex of each
  // council (built when first needed, and again after the directory changes) rather than by
  // asking the database.
  DirectoryService(Store& store, const Clock& clock, AuditTrail& audit,
                   const Taxonomy& taxonomy = DefaultTaxonomy(),
                   size_t cache_listings = kDirectorySearchCacheListings, bool search_index = true)
      : store_(store),
        clock_(clock),
        audit_(audit),
        taxonomy_(taxonomy),
        cache_(cache_listings),
        search_index_(search_index) {}
  ~DirectoryService();
  DirectoryService(const DirectoryService&) = delete;
  DirectoryService& operator=(const DirectoryService&) = delete;

  const Taxonomy& taxonomy() const { return taxonomy_; }

  // Public. kInvalidArgument naming each bad parameter (an unknown term or taxonomy, a postcode
  // that is not one or that the lookup does not have, a page past the last).
  Result<DirectoryPage> Search(CouncilId council, const DirectorySearchRequest& request);
  // Public. Ideas from the directory for what matters to a person, in their own words
  // (domain::IdeaWords): the two running services that best match each word (nearest first),
  // within 5 miles of `postcode` (or anywhere when it is empty or not known), so that every word
  // gets its ideas; those matching most words first, then in the order of the words; at most
  // `most`. Each idea says which of the words it matched.
  Result<std::vector<DirectoryIdea>> Ideas(CouncilId council, const std::string& words,
                                           const std::string& postcode, size_t most);
  // Builds the council's search index now (when the service uses one), so that the first search
  // does not wait for it; how many entries it holds.
  Result<size_t> PrepareSearch(CouncilId council);
  // The directory version the council's search index was built at; -1 while it has none.
  int64_t IndexedVersion(CouncilId council);
  // Public. kNotFound.
  Result<StoredDirectoryEntry> Get(CouncilId council, const std::string& service_id);
  // Public: the organisation of an entry already in the directory called `name` (letters
  // compared without regard to case), so that a new entry can name the same organisation.
  Result<std::optional<domain::DirectoryOrganization>> OrganisationNamed(CouncilId council,
                                                                         const std::string& name);
  // Public: the service a service-at-location belongs to, and that place. kNotFound.
  Result<DirectoryListing> GetPlace(CouncilId council, const std::string& sal_id);

  // Editors. Adds or replaces the entry (validated; last modified now; the review date given, or
  // a year from today). kPermissionDenied, kInvalidArgument with fields.
  Result<StoredDirectoryEntry> Save(const CallContext& ctx, const Principal& who,
                                    domain::DirectoryService service,
                                    const std::string& review_due);
  // Editors: marks the entry checked today, due again in a year.
  Result<StoredDirectoryEntry> MarkReviewed(const CallContext& ctx, const Principal& who,
                                            const std::string& service_id);
  Status Remove(const CallContext& ctx, const Principal& who, const std::string& service_id);
  // Editors: entries whose review date has passed, oldest first.
  Result<DirectoryPage> Stale(const CallContext& ctx, const Principal& who, int page);

  // Editors. A feed read from Open Referral UK JSON or the profile's CSV files
  // (directory_feed.h). All or nothing: if the feed has any problem, or a place of one service
  // belongs to another, nothing is stored and the report names the rows. Importing the same feed
  // again changes nothing.
  Result<ImportReport> Import(const CallContext& ctx, const Principal& who, DirectoryFeed feed);
  // The same as Import for the command line and the demo (no session; audited as the system).
  Result<ImportReport> ImportAsSystem(CouncilId council, DirectoryFeed feed);
  // Exports: directory_export.h.

  // The postcode lookup (command line). Nothing is loaded if any row has a problem.
  Result<PostcodeLoadReport> LoadPostcodes(CouncilId council, std::string_view csv);

 private:
  Result<ImportReport> ImportIn(CouncilId council, const AuditEntry& audit, DirectoryFeed feed);
  Result<StoredDirectoryEntry> Stored(const DirectoryEntryRecord& r, Transaction& tx);
  // The index to answer a search at directory `version` (read in `tx`) from: the council's when
  // it is at that version; built now from `tx` when there is none yet; null (the database
  // answers) when the one held is behind, while a new one is built in the background, and when
  // the service uses no index.
  Result<std::shared_ptr<const DirectorySearchIndex>> IndexAt(CouncilId council, int64_t version,
                                                              Transaction& tx);
  // Builds the council's index from `tx` (one build at a time) and holds it unless a newer one is
  // held.
  Result<std::shared_ptr<const DirectorySearchIndex>> BuildIndex(CouncilId council, int64_t version,
                                                                 Transaction& tx);
  std::shared_ptr<const DirectorySearchIndex> HeldIndex(CouncilId council);
  // Starts a build on its own thread and read transaction, unless one is running.
  void RebuildInBackground(CouncilId council);

  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
  const Taxonomy& taxonomy_;
  DirectorySearchCache cache_;
  const bool search_index_;
  std::mutex build_mutex_;    // Held while an index is built.
  std::mutex indexes_mutex_;  // Guards indexes_.
  std::map<int64_t, std::shared_ptr<const DirectorySearchIndex>> indexes_;  // By council id.
  std::mutex builder_mutex_;  // Guards builder_ and building_.
  std::thread builder_;
  bool building_ = false;
};

}  // namespace selfdirect::app
