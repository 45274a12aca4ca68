#include "app/ras/calibration_csv.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <deque>
#include <memory>

#include "base/csv.h"
#include "base/text.h"

namespace selfdirect::app {
namespace {

bool ParseNumber(std::string_view cell, double& out) {
  if (cell.empty()) return false;
  if (cell.front() == '+') cell.remove_prefix(1);
  auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), out);
  return ec == std::errc() && ptr == cell.data() + cell.size() && std::isfinite(out);
}

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

class CsvCalibration {
 public:
  explicit CsvCalibration(const CalibrationOptions& options) : options_(options) {}

  // Handles one line (without its newline). Returns an error to stop.
  Status Line(std::string_view line) {
    ++line_number_;
    if (Trim(line).empty()) return OkStatus();
    if (!SplitCsvLine(line, cells_, scratch_)) {
      return Error::InvalidArgument(Where() + ": a quoted cell is not closed properly");
    }
    if (!fitter_) return Header();
    ++row_;
    if (cells_.size() != header_.size()) {
      return Error::InvalidArgument(Where() + " has " + std::to_string(cells_.size()) +
                                    " cells; the header has " + std::to_string(header_.size()));
    }
    double y = 0;
    if (!Cell(y_column_, y)) return CellError(y_column_);
    for (size_t j = 0; j < x_columns_.size(); ++j) {
      if (!Cell(x_columns_[j], x_[j])) return CellError(x_columns_[j]);
    }
    fitter_->Add(y, x_.data());
    if (options_.on_row) options_.on_row(y, x_.data());
    return OkStatus();
  }

  Result<domain::Regression> Finish() {
    if (!fitter_) return Error::InvalidArgument("The CSV is empty: it needs a header line");
    if (row_ == 0) return Error::InvalidArgument("The CSV has a header but no rows");
    return fitter_->Finish();
  }

 private:
  std::string Where() const {
    return fitter_ ? "Row " + std::to_string(row_) + " (line " + std::to_string(line_number_) + ")"
                   : "The header (line " + std::to_string(line_number_) + ")";
  }

  bool Cell(size_t column, double& out) const { return ParseNumber(cells_[column], out); }

  Status CellError(size_t column) const {
    std::string_view cell = cells_[column];
    std::string what = cell.empty() ? "is empty" : Quoted(cell) + " is not a number";
    std::string message = "Row " + std::to_string(row_) + " (line " + std::to_string(line_number_) +
                          "), column " + Quoted(header_[column]) + ": " + what;
    return Error::InvalidArgument(message, {{header_[column], message}});
  }

  Status Header() {
    for (auto c : cells_) header_.emplace_back(c);
    std::vector<std::string> predictors;
    bool have_y = false;
    for (size_t j = 0; j < header_.size(); ++j) {
      if (header_[j].empty())
        return Error::InvalidArgument("Column " + std::to_string(j + 1) +
                                      " of the header has no name");
      for (size_t k = 0; k < j; ++k) {
        if (header_[k] == header_[j])
          return Error::InvalidArgument("The header names column " + Quoted(header_[j]) + " twice");
      }
      if (header_[j] == "weekly_cost") {
        have_y = true;
        y_column_ = j;
      }
    }
    if (!have_y) {
      return Error::InvalidArgument("The header has no weekly_cost column",
                                    {{"weekly_cost", "The CSV needs a weekly_cost column"}});
    }
    if (options_.predictors.empty()) {
      for (size_t j = 0; j < header_.size(); ++j) {
        if (j == y_column_) continue;
        x_columns_.push_back(j);
        predictors.push_back(header_[j]);
      }
    } else {
      for (const auto& p : options_.predictors) {
        size_t j = 0;
        while (j < header_.size() && header_[j] != p) ++j;
        if (j == header_.size())
          return Error::InvalidArgument("The header has no column " + Quoted(p),
                                        {{p, "No such column"}});
        if (j == y_column_) return Error::InvalidArgument("weekly_cost cannot also be a predictor");
        x_columns_.push_back(j);
        predictors.push_back(p);
      }
    }
    if (x_columns_.empty()) {
      return Error::InvalidArgument(
          "The CSV needs at least one predictor column besides weekly_cost (e.g. points)");
    }
    x_.assign(x_columns_.size(), 0.0);
    if (options_.on_header) options_.on_header(predictors);
    fitter_ = std::make_unique<domain::OlsFitter>(std::move(predictors), options_.residuals);
    return OkStatus();
  }

  const CalibrationOptions& options_;
  int64_t line_number_ = 0;
  int64_t row_ = 0;
  std::vector<std::string> header_;
  size_t y_column_ = 0;
  std::vector<size_t> x_columns_;
  std::vector<double> x_;
  std::vector<std::string_view> cells_;
  std::deque<std::string> scratch_;  // Stable: cells view into it.
  std::unique_ptr<domain::OlsFitter> fitter_;
};

void AppendNumber(double x, std::string& out) { fmt::format_to(std::back_inserter(out), "{}", x); }

void AppendKey(std::string_view key, std::string& out) {
  out += '"';
  for (char c : key) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  out += "\":";
}

}  // namespace

Result<domain::Regression> CalibrateFromCsv(std::FILE* in, const CalibrationOptions& options) {
  CsvCalibration csv(options);
  std::vector<char> buffer(1 << 20);
  size_t have = 0;
  std::string long_line;  // A line longer than the buffer.
  bool first = true;
  for (;;) {
    size_t n = std::fread(buffer.data() + have, 1, buffer.size() - have, in);
    have += n;
    bool eof = n == 0;
    size_t start = 0;
    if (first && have >= 3 && std::memcmp(buffer.data(), "\xEF\xBB\xBF", 3) == 0) start = 3;
    first = false;
    for (;;) {
      auto* nl = static_cast<char*>(std::memchr(buffer.data() + start, '\n', have - start));
      if (nl == nullptr) break;
      std::string_view line(buffer.data() + start, static_cast<size_t>(nl - buffer.data()) - start);
      if (!long_line.empty()) {
        long_line.append(line);
        line = long_line;
      }
      SD_RETURN_IF_ERROR(csv.Line(line));
      long_line.clear();
      start = static_cast<size_t>(nl - buffer.data()) + 1;
    }
    if (eof) {
      if (start < have) long_line.append(buffer.data() + start, have - start);
      if (!long_line.empty()) SD_RETURN_IF_ERROR(csv.Line(long_line));
      break;
    }
    if (start == 0 && have == buffer.size()) {  // No newline in a full buffer.
      long_line.append(buffer.data(), have);
      if (long_line.size() > (16u << 20))
        return Error::InvalidArgument("A line of the CSV is longer than 16 MiB");
      have = 0;
      continue;
    }
    std::memmove(buffer.data(), buffer.data() + start, have - start);
    have -= start;
  }
  return csv.Finish();
}

Result<domain::Regression> CalibrateFromCsvText(std::string_view text,
                                                const CalibrationOptions& options) {
  if (text.empty()) return Error::InvalidArgument("The CSV is empty: it needs a header line");
  std::FILE* f = ::fmemopen(const_cast<char*>(text.data()), text.size(), "r");
  if (f == nullptr) return Error::Internal("Cannot read the CSV text");
  auto r = CalibrateFromCsv(f, options);
  std::fclose(f);
  return r;
}

std::string RegressionContractJson(const domain::Regression& r) {
  std::string out = "{\"n\":" + std::to_string(r.n) + ",\"intercept\":";
  AppendNumber(r.intercept, out);
  out += ",\"coefficients\":{";
  for (size_t j = 0; j < r.predictors.size(); ++j) {
    if (j) out += ',';
    AppendKey(r.predictors[j], out);
    AppendNumber(r.coefficients[j], out);
  }
  out += "},\"std_errors\":{\"(intercept)\":";
  AppendNumber(r.intercept_std_error, out);
  for (size_t j = 0; j < r.predictors.size(); ++j) {
    out += ',';
    AppendKey(r.predictors[j], out);
    AppendNumber(r.std_errors[j], out);
  }
  out += "},\"r_squared\":";
  AppendNumber(r.r_squared, out);
  out += '}';
  return out;
}

std::string RegressionReportJson(const domain::Regression& r) {
  std::string out = RegressionContractJson(r);
  out.pop_back();  // The closing brace.
  out += ",\"adjusted_r_squared\":";
  AppendNumber(r.adjusted_r_squared, out);
  out += ",\"residual_standard_error\":";
  AppendNumber(r.sigma, out);
  out += ",\"residual_df\":" + std::to_string(r.residual_df);
  if (r.has_residuals) {
    const domain::ResidualSummary& s = r.residuals;
    out += ",\"residuals\":{\"min\":";
    AppendNumber(s.min, out);
    out += ",\"first_quartile\":";
    AppendNumber(s.first_quartile, out);
    out += ",\"median\":";
    AppendNumber(s.median, out);
    out += ",\"third_quartile\":";
    AppendNumber(s.third_quartile, out);
    out += ",\"max\":";
    AppendNumber(s.max, out);
    out += '}';
  }
  if (auto p = SuggestedPricePerPoint(r); p.ok())
    out += ",\"price_per_point\":\"" + p->ToString() + "\"";
  out += '}';
  return out;
}

Result<Pence> SuggestedPricePerPoint(const domain::Regression& r) {
  for (size_t j = 0; j < r.predictors.size(); ++j) {
    if (r.predictors[j] != "points") continue;
    double pence = std::round(r.coefficients[j] * 100.0);  // Half away from zero, to the penny.
    if (!(std::abs(pence) < 1e12)) return Error::FailedPrecondition("The fit is not usable");
    return Pence::FromPence(static_cast<int64_t>(pence));
  }
  return Error::FailedPrecondition("The sample has no points column, so no price per point");
}

}  // namespace selfdirect::app
