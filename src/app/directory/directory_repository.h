// File: directory_repository.h
// Directory entries as stored, their search, and the postcode lookup. The storage port, implemented
// in src/storage; see app/repositories.h for tenancy and transactions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/date.h"
#include "base/pence.h"
#include "base/result.h"
#include "base/strong_id.h"
#include "domain/directory/directory.h"

namespace selfdirect::app {

// An entry of the information-and-advice directory (domain/directory/directory.h), stored whole
// as its published HSDS-UK JSON (app/directory/hsds_json.h) with what search needs beside it.
struct DirectoryEntryRecord {
  std::string service_id;  // UUID, lower case.
  std::string name;
  std::string organization_name;
  std::string status;  // The profile's code: "active", "temporarily closed", ...
  std::optional<int> minimum_age;
  std::optional<int> maximum_age;
  bool free = false;
  std::string search_text;  // domain::SearchText
  std::vector<std::string> term_ids;
  struct Session {
    int day = 0;  // 0 = Monday.
    std::optional<int> opens_at;
    std::optional<int> closes_at;
  };
  std::vector<Session> sessions;
  struct Place {
    std::string service_at_location_id;
    std::string location_id;
    std::string postcode;
    std::optional<domain::GeoPoint> point;  // The postcode's centroid, when the lookup has it.
  };
  std::vector<Place> places;
  std::string review_due;  // "2027-05-01": when an editor should check the entry again.
  Timestamp last_modified;
  UserId updated_by;
  std::string document_json;  // The fully nested HSDS-UK service.
};

struct DirectoryQuery {
  std::vector<std::string> words;     // domain::QueryWords; every one starts a word of the entry.
  std::vector<std::string> term_ids;  // Any of these terms.
  // The Open Referral UK filters: minimum_age at least, maximum_age at most.
  std::optional<int> minimum_age_at_least;
  std::optional<int> maximum_age_at_most;
  std::optional<int> age;  // For a person of this age: the entry's range (open ends) includes it.
  std::optional<int> day;  // A session on this day (0 = Monday) ...
  std::optional<int> opens_from;  // ... opening at or after ...
  std::optional<int> closes_by;   // ... and closing at or before (minutes after midnight).
  bool free_only = false;
  bool active_only = false;
  std::optional<Timestamp> modified_after;  // On or after.
  std::string review_due_before;            // ISO date: only entries due for review before it.
  std::optional<domain::GeoPoint> near;     // Only places within `within_metres` of this point,
  int64_t within_metres = 0;                // nearest first.
  bool by_place = false;  // One result per service-at-location instead of per service.
  int64_t offset = 0;
  int limit = 20;
};

struct DirectoryHit {
  std::string service_id;
  std::string service_at_location_id;  // by_place, or the nearest place when `near`.
  std::string review_due;
  Timestamp last_modified;
  std::optional<int64_t> distance_metres;  // With `near`.
  std::string document_json;
};

struct DirectoryResults {
  std::vector<DirectoryHit> hits;
  int64_t total = 0;  // Matches in all pages.
};

class DirectoryRepository {
 public:
  virtual ~DirectoryRepository() = default;
  // Adds the entry, or replaces the one with its service_id (sessions, terms and places too).
  // kAlreadyExists if one of its service-at-location ids belongs to another entry.
  virtual Status Upsert(const DirectoryEntryRecord& entry) = 0;
  // Without the search columns: service_id, name, status, review_due, last_modified, updated_by
  // and document_json.
  virtual Result<std::optional<DirectoryEntryRecord>> Find(const std::string& service_id) = 0;
  // The service a service-at-location belongs to.
  virtual Result<std::optional<std::string>> ServiceOfPlace(const std::string& sal_id) = 0;
  // The first stored entry whose organisation is called `name` (letters compared without regard
  // to case), as Find gives it.
  virtual Result<std::optional<DirectoryEntryRecord>> FindByOrganisationName(
      const std::string& name) = 0;
  // kNotFound if there is no such entry.
  virtual Status Delete(const std::string& service_id) = 0;
  // Ordered by relevance when there are words, by distance when near, else by name; ties by id.
  virtual Result<DirectoryResults> Search(const DirectoryQuery& query) = 0;
  // Every entry of the council with the columns search needs (not document_json or
  // updated_by), in the order they were first stored: what DirectorySearchIndex is built from.
  virtual Result<std::vector<DirectoryEntryRecord>> SearchColumns() = 0;
  // The stored documents of these entries, by service_id (ids not stored are left out).
  virtual Result<std::unordered_map<std::string, std::string>> Documents(
      const std::vector<std::string>& service_ids) = 0;
  virtual Result<int64_t> Count() = 0;
  // A number that changes whenever this council's directory does (Upsert, Delete, or the demo
  // data being deleted): while it stays the same, so does every search's answer. 0 before the
  // first change.
  virtual Result<int64_t> Version() = 0;
};

// Postcode centroids (national open data; shared by every council).
class PostcodeRepository {
 public:
  virtual ~PostcodeRepository() = default;
  virtual Result<std::optional<domain::GeoPoint>> Find(const std::string& postcode) = 0;
  // The centre of a postcode district ("HR4": the mean of its postcodes' points, to the nearest
  // millionth of a degree); nullopt when no postcode of the district is known.
  virtual Result<std::optional<domain::GeoPoint>> DistrictCentre(const std::string& district) = 0;
  // Adds or replaces each postcode's point.
  virtual Status Put(const std::vector<std::pair<std::string, domain::GeoPoint>>& points) = 0;
  virtual Result<int64_t> Count() = 0;
};

}  // namespace selfdirect::app
