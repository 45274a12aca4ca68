// File: postcode_csv.cc
// Reading a postcode centroid CSV (ParsePostcodeCsv, directory_service.h): pure, apart from the
// directory service so it can be tested and fuzzed without a store.

#include <deque>

#include "app/directory/directory_service.h"
#include "base/csv.h"
#include "base/text.h"
#include "domain/people/postcode.h"

namespace selfdirect::app {

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

}  // namespace selfdirect::app
