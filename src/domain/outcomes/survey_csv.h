// File: survey_csv.h
// Reads a survey sample from CSV text for the outcomes commands (docs/outcomes.md): only the
// columns a command uses, straight into a SurveyDesign and 0/1 columns, so a file of a million
// rows is never held as text. Pure: the caller reads the file and feeds its bytes in pieces of
// any size.
//
// Format (RFC 4180 as spreadsheets write it): the first record is a header naming the columns; a
// UTF-8 byte order mark and CRLF line ends are accepted; a quoted cell may hold commas, doubled
// quotes and line breaks; spaces around unquoted cells are dropped; blank lines are skipped; every
// record has as many cells as the header. Columns the command does not use are ignored.
//
// Refused, with a message naming the row (1 is the first after the header), its line and the
// column: an empty cell, a value other than 0 or 1 in a 0/1 column, a weight that is not a
// positive number, a record with the wrong number of cells, a quote not closed. A column that is
// not in the header is refused naming it.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "domain/outcomes/survey_design.h"

namespace selfdirect::domain {

// The columns a command uses.
struct SurveyColumns {
  std::vector<std::string> binary;  // 0/1 columns: the outcome then the predictors, or the items.
  std::string weights;
  std::string strata;
  std::string cluster;  // Empty: no clusters (each row is its own PSU).
};

struct SurveySample {
  SurveyDesign design;
  std::vector<BinaryColumn> binary;  // In the order of SurveyColumns::binary.
  std::string weighted_total;        // DecimalTotal of the weights column.
};

// The sum of numbers as they are written, e.g. "12.5" + "0.0125" = "12.5125", for a total that is
// exactly the sum of the figures in the file. Exact, with as many decimal places as the most
// precise number added, while every number is plain decimal (digits, then optionally a point and
// at most 9 digits) and the sum stays under 2^63 units of its last place. Otherwise (an exponent,
// more places, a larger sum) the total is the double sum of the values (compensated), written as
// the shortest text that reads back as that double.
class DecimalTotal {
 public:
  // Adds `text`, a positive number as written, whose value is `value`.
  void Add(std::string_view text, double value);
  std::string ToString() const;
  bool exact() const { return exact_; }

 private:
  bool exact_ = true;
  int places_ = 0;
  int64_t units_ = 0;  // Of 10^-places_.
  double sum_ = 0;
  double compensation_ = 0;  // The running correction of the compensated sum.
};

class SurveyCsvReader {
 public:
  explicit SurveyCsvReader(SurveyColumns columns);

  // Reads the next bytes of the file; a record may run across pieces. An error stops the reading.
  Status Feed(std::string_view bytes);
  // The sample, once the whole file has been fed.
  Result<SurveySample> Finish();

 private:
  Status Line(std::string_view line);
  Status Record(std::string_view record, int64_t line);
  Status Header();
  Status Row();
  Error CellError(size_t column, std::string_view problem) const;
  Result<int32_t> Label(std::string_view cell, size_t column,
                        std::unordered_map<std::string, int32_t>& index,
                        std::vector<std::string>& labels) const;

  SurveyColumns columns_;
  std::string partial_;  // A line not ended in the bytes fed so far.
  std::string record_;   // Lines of a record with a quoted line break.
  int64_t record_line_ = 0;
  size_t record_quotes_ = 0;
  int64_t line_ = 0;          // Lines read.
  int64_t current_line_ = 0;  // The line the current record starts on.
  int64_t row_ = 0;           // Records after the header.
  std::vector<std::string> header_;
  std::vector<size_t> binary_at_;  // Header positions of the columns used.
  size_t weights_at_ = 0, strata_at_ = 0, cluster_at_ = 0;
  std::vector<std::string_view> cells_;
  std::deque<std::string> scratch_;
  std::unordered_map<std::string, int32_t> stratum_index_, cluster_index_;
  SurveySample sample_;
  DecimalTotal total_;
};

// Feeds all of `text` and finishes.
Result<SurveySample> ReadSurveyCsv(std::string_view text, const SurveyColumns& columns);

}  // namespace selfdirect::domain
