// File: hsds_csv.h
// Directory entries as the Open Referral UK profile's CSV files (its datapackage.json: one file
// per table, joined by ids), for councils that move directories as spreadsheets.
//
// HsdsCsvFiles writes every table Selfdirect keeps; FeedFromHsdsCsv joins the tables back into
// nested services (the JSON feed that DirectoryService imports), naming the file, row and
// column of every broken link. Tables and columns Selfdirect does not keep are ignored on import.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "app/directory/hsds_json.h"
#include "base/result.h"

namespace selfdirect::app {

// The files written, in the profile's names: organizations.csv, services.csv, locations.csv,
// address.csv, accessibility.csv, service_at_location.csv, schedule.csv, cost_options.csv,
// contacts.csv, phones.csv, service_areas.csv, attribute.csv, taxonomies.csv, taxonomy_terms.csv.
std::map<std::string, std::string> HsdsCsvFiles(
    const std::vector<domain::DirectoryService>& services, const Taxonomy& taxonomy);

// A problem in one row of one file ("schedule.csv", row 4 counting the header as row 1,
// "service_id: is not in services.csv").
struct CsvProblem {
  std::string file;
  int64_t row = 0;
  std::string id;
  FieldError field;
};

struct CsvFeed {
  boost::json::array services;        // Nested, as ServiceFromHsds reads them.
  std::vector<int64_t> service_rows;  // Each service's row in services.csv.
  std::vector<CsvProblem> problems;   // Nothing should be imported if any.
};

// Joins the tables in `files` (file name to its text). services.csv and organizations.csv are
// needed; the rest may be absent.
CsvFeed FeedFromHsdsCsv(const std::map<std::string, std::string>& files);

}  // namespace selfdirect::app
