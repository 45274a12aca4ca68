// File: hsds_json.h
// Directory entries as Open Referral UK (HSDS-UK 3.0) JSON, and the council's taxonomy.
//
// ServiceToHsds writes a fully nested service as the profile's compiled service schema has it
// (standards/openreferral-uk/schema/compiled/service.json); ServiceFromHsds reads one from another
// directory's feed, naming each bad field, ignoring fields Selfdirect does not keep. Amounts are
// JSON numbers in HSDS: written from pence exactly, read to the nearest penny (half up).
#pragma once

#include <boost/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/directory/directory.h"

namespace selfdirect::app {

struct TaxonomyTerm {
  std::string id;  // UUID
  std::string name;
  std::string description;
  std::string parent_id;  // Empty for a top-level term.
};

struct Taxonomy {
  std::string id;
  std::string name;
  std::string description;
  std::string uri;
  std::string version;
  std::vector<TaxonomyTerm> terms;
  const TaxonomyTerm* Find(std::string_view id) const;
  std::set<std::string> TermIds() const;
};

// The taxonomy shipped with Selfdirect (data/directory/taxonomy.json): adult social care,
// community activities, and information and advice.
const Taxonomy& DefaultTaxonomy();
Result<Taxonomy> TaxonomyFromJson(const boost::json::value& json);

boost::json::object TaxonomyToHsds(const Taxonomy& t);
boost::json::object TaxonomyTermToHsds(const Taxonomy& t, const TaxonomyTerm& term);

// The fully nested service (GET /services/{id}).
boost::json::object ServiceToHsds(const domain::DirectoryService& s, const Taxonomy& taxonomy);
// The flat list form (service_list.json: one-to-one fields and the organisation).
boost::json::object ServiceToHsdsListItem(const domain::DirectoryService& s);

// The profile's page envelope (total_items, total_pages, page_number, size, first_page,
// last_page, empty) around `contents`, page `page` of `per_page` items each.
boost::json::object HsdsPage(boost::json::array contents, int64_t total, int page, int per_page);

// Reads and validates one service (domain::ValidateService against `taxonomy`):
// kInvalidArgument with every bad field.
Result<domain::DirectoryService> ServiceFromHsds(const boost::json::value& json,
                                                 const Taxonomy& taxonomy);

// A UUID for the link between two entities (an attribute joining a service to a term), the same
// every time for the same pair, so that exports are stable and re-imports change nothing.
std::string LinkUuid(std::string_view a, std::string_view b);

}  // namespace selfdirect::app
