#include "domain/outcomes/survey_csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "base/csv.h"
#include "base/text.h"

namespace selfdirect::domain {
namespace {

constexpr int kMaxExactPlaces = 9;
constexpr size_t kMaxRecordBytes = 16u << 20;  // A record longer than 16 MiB is refused.
constexpr size_t kMaxHeaderNamesInMessage = 20;
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

int64_t PowerOfTen(int n) {
  int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// `value` x 10^`places`, false on overflow.
bool Scale(int64_t& value, int places) {
  return !__builtin_mul_overflow(value, PowerOfTen(places), &value);
}

// "12.3400" as 123400 units of 10^-4; false unless plain decimal with at most 9 places.
bool ParseDecimal(std::string_view text, int64_t& units, int& places) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  units = 0;
  places = 0;
  bool point = false, digits = false;
  for (char c : text) {
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (c < '0' || c > '9') return false;
    digits = true;
    if (point && ++places > kMaxExactPlaces) return false;
    if (__builtin_mul_overflow(units, 10, &units) || __builtin_add_overflow(units, c - '0', &units))
      return false;
  }
  return digits;
}

size_t CountQuotes(std::string_view s) {
  if (std::memchr(s.data(), '"', s.size()) == nullptr) return 0;
  return static_cast<size_t>(std::count(s.begin(), s.end(), '"'));
}

std::string_view WithoutCarriageReturn(std::string_view s) {
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

}  // namespace

void DecimalTotal::Add(std::string_view text, double value) {
  // The compensated sum, the fallback.
  const double t = sum_ + value;
  compensation_ += std::abs(sum_) >= std::abs(value) ? (sum_ - t) + value : (value - t) + sum_;
  sum_ = t;
  if (!exact_) return;
  int64_t units = 0;
  int places = 0;
  exact_ = ParseDecimal(text, units, places);
  if (exact_ && places > places_) {
    exact_ = Scale(units_, places - places_);
    places_ = places;
  } else if (exact_) {
    exact_ = Scale(units, places_ - places);
  }
  exact_ = exact_ && !__builtin_add_overflow(units_, units, &units_);
}

std::string DecimalTotal::ToString() const {
  if (!exact_) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, sum_ + compensation_);
    SD_ASSERT(ec == std::errc());  // 32 characters hold any double.
    return std::string(buffer, end);
  }
  const int64_t unit = PowerOfTen(places_);
  std::string out = std::to_string(units_ / unit);
  if (places_ == 0) return out;
  std::string fraction = std::to_string(units_ % unit);
  return out + "." + std::string(static_cast<size_t>(places_) - fraction.size(), '0') + fraction;
}

SurveyCsvReader::SurveyCsvReader(SurveyColumns columns) : columns_(std::move(columns)) {
  for (const auto& name : columns_.binary) sample_.binary.push_back({name, {}});
  sample_.design.weights_column = columns_.weights;
  sample_.design.strata_column = columns_.strata;
  sample_.design.cluster_column = columns_.cluster;
}

Status SurveyCsvReader::Feed(std::string_view bytes) {
  while (!bytes.empty()) {
    const void* nl = std::memchr(bytes.data(), '\n', bytes.size());
    if (nl == nullptr) {
      partial_.append(bytes);
      if (partial_.size() > kMaxRecordBytes)
        return Error::InvalidArgument("A line of the CSV is longer than 16 MiB");
      return OkStatus();
    }
    const auto length = static_cast<size_t>(static_cast<const char*>(nl) - bytes.data());
    if (partial_.empty()) {
      SD_RETURN_IF_ERROR(Line(bytes.substr(0, length)));
    } else {
      partial_.append(bytes.substr(0, length));
      SD_RETURN_IF_ERROR(Line(partial_));
      partial_.clear();
    }
    bytes.remove_prefix(length + 1);
  }
  return OkStatus();
}

// One physical line, without its '\n'. A record whose quotes are not yet balanced goes on to the
// next line (a quoted cell with a line break).
Status SurveyCsvReader::Line(std::string_view line) {
  ++line_;
  if (line_ == 1 && line.substr(0, kByteOrderMark.size()) == kByteOrderMark)
    line.remove_prefix(kByteOrderMark.size());
  const size_t quotes = CountQuotes(line);
  if (record_quotes_ == 0 && record_.empty()) {
    if (quotes % 2 == 0) return Record(WithoutCarriageReturn(line), line_);
    record_.assign(line);
    record_line_ = line_;
    record_quotes_ = quotes;
    return OkStatus();
  }
  record_ += '\n';
  record_.append(line);
  record_quotes_ += quotes;
  if (record_.size() > kMaxRecordBytes)
    return Error::InvalidArgument("A record of the CSV is longer than 16 MiB");
  if (record_quotes_ % 2 == 1) return OkStatus();
  std::string record = std::move(record_);
  record_.clear();
  record_quotes_ = 0;
  return Record(WithoutCarriageReturn(record), record_line_);
}

Status SurveyCsvReader::Record(std::string_view record, int64_t line) {
  if (Trim(record).empty()) return OkStatus();  // A blank line.
  current_line_ = line;
  if (!SplitCsvLine(record, cells_, scratch_)) {
    return Error::InvalidArgument("Line " + std::to_string(line) +
                                  " of the CSV: a quoted cell is not closed properly");
  }
  if (header_.empty()) return Header();
  return Row();
}

Status SurveyCsvReader::Header() {
  for (auto c : cells_) header_.emplace_back(c);
  auto find = [&](const std::string& name) -> Result<size_t> {
    const auto n = static_cast<size_t>(std::count(header_.begin(), header_.end(), name));
    if (n > 1) return Error::InvalidArgument("The header names column " + Quoted(name) + " twice");
    if (n == 1)
      return static_cast<size_t>(std::find(header_.begin(), header_.end(), name) - header_.begin());
    std::string names;
    for (size_t j = 0; j < header_.size() && j < kMaxHeaderNamesInMessage; ++j)
      names += (j ? ", " : "") + header_[j];
    if (header_.size() > kMaxHeaderNamesInMessage) names += ", ...";
    std::string message = "The CSV has no column " + Quoted(name) + " (its columns: " + names + ")";
    return Error::InvalidArgument(message, {{name, "No such column"}});
  };
  std::vector<std::string> used = columns_.binary;
  used.insert(used.end(), {columns_.weights, columns_.strata});
  if (!columns_.cluster.empty()) used.push_back(columns_.cluster);
  for (size_t j = 0; j < used.size(); ++j) {
    if (std::count(used.begin(), used.end(), used[j]) > 1)
      return Error::InvalidArgument("Column " + Quoted(used[j]) + " is asked for twice");
    SD_ASSIGN_OR_RETURN(size_t at, find(used[j]));
    if (j < columns_.binary.size())
      binary_at_.push_back(at);
    else if (used[j] == columns_.weights)
      weights_at_ = at;
    else if (used[j] == columns_.strata)
      strata_at_ = at;
    else
      cluster_at_ = at;
  }
  return OkStatus();
}

Error SurveyCsvReader::CellError(size_t column, std::string_view problem) const {
  std::string message = "Row " + std::to_string(row_) + " (line " + std::to_string(current_line_) +
                        "), column " + Quoted(header_[column]) + ": " + std::string(problem);
  return Error::InvalidArgument(message, {{header_[column], message}});
}

Result<int32_t> SurveyCsvReader::Label(std::string_view cell, size_t column,
                                       std::unordered_map<std::string, int32_t>& index,
                                       std::vector<std::string>& labels) const {
  if (cell.empty()) return CellError(column, "is empty");
  auto [it, added] = index.try_emplace(std::string(cell), static_cast<int32_t>(labels.size()));
  if (added) {
    SD_ASSERT(labels.size() < static_cast<size_t>(std::numeric_limits<int32_t>::max()));
    labels.emplace_back(cell);
  }
  return it->second;
}

Status SurveyCsvReader::Row() {
  ++row_;
  if (cells_.size() != header_.size()) {
    return Error::InvalidArgument(
        "Row " + std::to_string(row_) + " (line " + std::to_string(current_line_) + ") has " +
        std::to_string(cells_.size()) + " cells; the header has " + std::to_string(header_.size()));
  }
  for (size_t j = 0; j < binary_at_.size(); ++j) {
    std::string_view cell = cells_[binary_at_[j]];
    if (cell == "0" || cell == "1") {
      sample_.binary[j].values.push_back(cell[0] == '1' ? 1 : 0);
      continue;
    }
    return CellError(binary_at_[j], cell.empty() ? "is empty" : Quoted(cell) + " is not 0 or 1");
  }
  std::string_view weight = cells_[weights_at_];
  if (weight.empty()) return CellError(weights_at_, "is empty");
  std::string_view digits = weight.front() == '+' ? weight.substr(1) : weight;
  double w = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), w);
  if (ec != std::errc() || end != digits.data() + digits.size() || !(w > 0) || !std::isfinite(w))
    return CellError(weights_at_, Quoted(weight) + " is not a positive number");
  total_.Add(weight, w);
  SurveyDesign& d = sample_.design;
  d.weights.push_back(w);
  SD_ASSIGN_OR_RETURN(int32_t h,
                      Label(cells_[strata_at_], strata_at_, stratum_index_, d.stratum_labels));
  d.strata.push_back(h);
  if (!columns_.cluster.empty()) {
    SD_ASSIGN_OR_RETURN(int32_t c,
                        Label(cells_[cluster_at_], cluster_at_, cluster_index_, d.cluster_labels));
    d.clusters.push_back(c);
  }
  return OkStatus();
}

Result<SurveySample> SurveyCsvReader::Finish() {
  if (!partial_.empty()) {
    std::string last = std::move(partial_);
    partial_.clear();
    SD_RETURN_IF_ERROR(Line(last));
  }
  if (record_quotes_ % 2 == 1) {
    return Error::InvalidArgument("Line " + std::to_string(record_line_) +
                                  " of the CSV: a quoted cell is not closed properly");
  }
  if (header_.empty()) return Error::InvalidArgument("The CSV is empty: it needs a header line");
  if (row_ == 0) return Error::InvalidArgument("The CSV has a header but no rows");
  sample_.weighted_total = total_.ToString();
  return std::move(sample_);
}

Result<SurveySample> ReadSurveyCsv(std::string_view text, const SurveyColumns& columns) {
  SurveyCsvReader reader(columns);
  SD_RETURN_IF_ERROR(reader.Feed(text));
  return reader.Finish();
}

}  // namespace selfdirect::domain
