// File: directory_internal.h
// What the files of the directory service share (defined in directory_service.cc): reading
// numbers and ages, the default review date, taxonomy terms, postcode points and stored
// documents. For app/directory only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/directory/directory_service.h"

namespace selfdirect::app::directory_internal {

inline constexpr int64_t kDefaultProximityMetres = 8047;  // 5 miles.

// A whole decimal number, all of `text`, or nullopt.
std::optional<int64_t> ParseWhole(std::string_view text);
// Ages may be written "65" or "65.0" (HSDS ages are JSON numbers); 0 to 130.
std::optional<int> ParseAge(std::string_view text);
// A year from today: when a new or reviewed entry is next due for a check.
std::string ReviewDueDefault(const Clock& clock);
// The terms a search for `id` means: the term and every term beneath it.
std::vector<std::string> TermAndChildren(const Taxonomy& t, const std::string& id);
// Adds to `points` the centroid of each of the entry's postcodes that the lookup has.
Status FindPoints(Transaction& tx, const domain::DirectoryService& s,
                  std::map<std::string, domain::GeoPoint>& points);
// A stored entry's document; kInternal if it is not JSON.
Result<domain::DirectoryService> ReadDocument(const std::string& doc, const Taxonomy& t);

}  // namespace selfdirect::app::directory_internal
