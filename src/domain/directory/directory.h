// File: directory.h
// The information-and-advice directory (Care Act 2014 s4): local services, clubs, societies and
// personal assistants, modelled on Open Referral UK (HSDS-UK 3.0, docs/directory.md). Pure rules:
// what makes a directory entry valid, when it runs, whether it is free, and which words find it.
//
// An entry is a service of an organisation, with its weekly or monthly sessions (schedules), what
// it costs (cost options; none, or all zero, is free), the ages it is for, and taxonomy terms that
// say what kind of support it is. Identifiers are UUIDs, as the profile requires, so entries keep
// their identity when councils exchange feeds.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/pence.h"
#include "base/result.h"

namespace selfdirect::domain {

// HSDS service status. DO NOT RENAME: the codes are the profile's.
enum class ServiceStatus { kActive, kInactive, kDefunct, kTemporarilyClosed };
std::string_view ServiceStatusCode(ServiceStatus s);  // "active", ..., "temporarily closed"
std::optional<ServiceStatus> ParseServiceStatus(std::string_view code);

// "ac148810-d857-441c-9679-408f346de14b": 8-4-4-4-12 hexadecimal digits, any case.
bool IsUuid(std::string_view text);

// Days as iCalendar BYDAY codes, Monday first.
inline constexpr std::string_view kDayCodes[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
std::optional<int> ParseDay(std::string_view code);  // 0 = MO ... 6 = SU
// "10:00" or "10:00:00" as minutes after midnight (0 to 1439).
std::optional<int> ParseClockTime(std::string_view text);
std::string ClockTimeText(int minutes);  // "10:00"

struct DirectoryOrganization {
  std::string id;  // UUID
  std::string name;
  std::string description;
  std::string url;
  std::string email;
};

// A regular session: on some days of the week (or the month's days, for monthly ones), between
// two times.
struct DirectorySchedule {
  std::string id;               // UUID
  std::string freq = "WEEKLY";  // WEEKLY or MONTHLY
  std::vector<int> days;        // 0 = MO ... 6 = SU; empty: not on set weekdays
  std::optional<int> opens_at;  // Minutes after midnight.
  std::optional<int> closes_at;
  std::string description;  // "Every Tuesday morning in term time"
};

struct DirectoryCost {
  std::string id;                  // UUID
  std::string option;              // "Members", "Per session"
  std::optional<Pence> amount;     // Absent: no amount given.
  std::string amount_description;  // "per session"
};

// A telephone number of a contact (the profile's phones.csv, by contact).
struct DirectoryPhone {
  std::string id;           // UUID
  std::string number;       // As written: "01432 260000", "+44 1432 260000"
  std::string description;  // "Weekdays 9am to 5pm"
};

struct DirectoryContact {
  std::string id;  // UUID
  std::string name;
  std::string title;  // Job title: "Group organiser"
  std::vector<DirectoryPhone> phones;
};

// Where a service is available (HSDS service_area), for services that come to people or serve an
// area rather than a place: a description ("Anywhere in Wyvern Vale") and, optionally, a URI
// that names the area (an ONS statistical geography, for example).
struct DirectoryServiceArea {
  std::string id;  // UUID
  std::string name;
  std::string uri;
};

struct DirectoryLocation {
  std::string id;  // UUID (the location; the service-at-location link has its own)
  std::string service_at_location_id;
  std::string name;
  std::string address_1;
  std::string city;
  std::string postcode;       // Normalised: "HR1 2AB"
  std::string accessibility;  // "Step-free entrance; accessible toilet; hearing loop"
};

struct DirectoryService {
  std::string id;  // UUID
  DirectoryOrganization organization;
  std::string name;
  std::string description;
  std::string url;
  std::string email;
  ServiceStatus status = ServiceStatus::kActive;
  std::optional<int> minimum_age;
  std::optional<int> maximum_age;
  std::vector<DirectorySchedule> schedules;
  std::vector<DirectoryCost> costs;
  std::vector<DirectoryContact> contacts;
  std::vector<DirectoryLocation> locations;
  std::vector<DirectoryServiceArea> service_areas;
  std::vector<std::string> term_ids;  // Taxonomy terms (what kind of support), UUIDs.
  Timestamp last_modified;
};

// Problems that stop the entry being published, each naming its field ("id", "schedules[0].
// closes_at", "attributes[1].taxonomy_term.id"): required id, name and status (the UK profile),
// UUIDs, an organisation with a name, ages from 0 to 130 with the minimum not above the maximum,
// sessions that close after they open, amounts not negative, telephone numbers that are ones
// (IsPhoneNumber), service areas with a description, and terms the council's taxonomy knows
// (`known_terms`).
std::vector<FieldError> ValidateService(const DirectoryService& s,
                                        const std::set<std::string>& known_terms);

// A telephone number as people write one: digits with spaces, hyphens, brackets and a leading +,
// 7 to 15 digits (ITU-T E.164 allows at most 15), optionally followed by an extension ("ext 21").
bool IsPhoneNumber(std::string_view text);

// Free: no cost given, or every amount given is zero.
bool IsFree(const DirectoryService& s);

// Runs on `day` (0 = MO) at some time within [from, to] (minutes; either may be absent). A service
// with no sessions on set weekdays does not match a day.
bool RunsOn(const DirectoryService& s, std::optional<int> day, std::optional<int> from,
            std::optional<int> to);

// The lower-case words that find the entry: its name, description, organisation, locations'
// names, towns and postcodes, and the names of its terms (`term_names`).
std::string SearchText(const DirectoryService& s, const std::vector<std::string>& term_names);

// Every word of `query` (lower-cased, split on anything not a letter or digit) is in `text`
// (from SearchText) as the start of a word.
bool MatchesWords(std::string_view text, std::string_view query);

// The lower-case words of a search, as MatchesWords splits them: at most `limit` of them, each
// at most 40 characters (longer words are cut), so a pasted paragraph cannot make a slow query.
std::vector<std::string> QueryWords(std::string_view query, size_t limit = 8);

// A point on the earth (WGS84, as the ONS Postcode Directory gives postcode centroids), in
// millionths of a degree: about 0.1 m, exact in integers, so stored points compare exactly.
struct GeoPoint {
  int64_t latitude_e6 = 0;
  int64_t longitude_e6 = 0;
  bool operator==(const GeoPoint&) const = default;
};
// "52.0565", "-2.7160": decimal degrees to millionths, to the nearest (half away from zero).
// Empty if not a number in range (latitude -90 to 90, longitude -180 to 180).
std::optional<int64_t> ParseDegreesE6(std::string_view text, int limit_degrees);

// Great-circle distance (haversine, mean earth radius 6,371,008.8 m), to the nearest metre.
int64_t DistanceMetres(GeoPoint a, GeoPoint b);
// Miles (statute, 1,609.344 m) to whole metres, to the nearest.
int64_t MilesToMetres(int64_t miles);
// Metres to miles with one decimal place, to the nearest tenth (half up): "2.4".
std::string MilesText(int64_t metres);

// The latitude and longitude bounds of every point within `metres` of `centre` (a little larger
// than the circle, never smaller), for an index lookup before the exact distance.
struct GeoBox {
  int64_t min_latitude_e6, max_latitude_e6, min_longitude_e6, max_longitude_e6;
};
GeoBox BoxAround(GeoPoint centre, int64_t metres);

// How distance search orders and bounds places: squared distance in millionths of a degree of
// latitude on a flat projection around `centre` (longitude shrunk by cos(latitude), scaled by a
// million and truncated toward zero), in whole numbers so that both databases and the in-memory
// index (app/directory) agree to the last digit. Exact to well under a metre at 5 miles in
// England; the distance shown is the great-circle one (DistanceMetres).
struct FlatMeasure {
  GeoPoint centre;
  int64_t cos_e6 = 0;          // cos(centre's latitude) in millionths, truncated.
  int64_t radius_squared = 0;  // A place is within the radius when its measure is at most this.
};
FlatMeasure FlatMeasureAround(GeoPoint centre, int64_t metres);
inline int64_t FlatDistanceSquared(const FlatMeasure& m, GeoPoint p) {
  const int64_t dlat = p.latitude_e6 - m.centre.latitude_e6;
  const int64_t dlon = (p.longitude_e6 - m.centre.longitude_e6) * m.cos_e6 / 1'000'000;
  return dlat * dlat + dlon * dlon;
}

}  // namespace selfdirect::domain
