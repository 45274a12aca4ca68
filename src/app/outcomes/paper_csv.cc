// File: paper_csv.cc
#include "app/outcomes/paper_csv.h"

#include <fmt/format.h>

#include <set>

#include "base/csv.h"

namespace selfdirect::app {

namespace {

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// One row's answers: each question column's cell, a multiple choice's codes split at ";".
SurveyAnswers RowAnswers(const CsvRecord& row, const std::vector<std::string>& header) {
  SurveyAnswers out;
  for (size_t c = 1; c < header.size() && c < row.cells.size(); ++c) {
    const std::string cell = Trim(row.cells[c]);
    if (cell.empty()) continue;
    size_t start = 0;
    while (start <= cell.size()) {
      size_t end = cell.find(';', start);
      if (end == std::string::npos) end = cell.size();
      std::string code = Trim(std::string_view(cell).substr(start, end - start));
      if (!code.empty()) out.emplace_back(header[c], code);
      start = end + 1;
    }
  }
  return out;
}

}  // namespace

std::vector<PaperRow> ReadPaperCsv(const std::string& csv, const SurveyInstrument& instrument,
                                   std::vector<PaperImportRowError>& errors) {
  std::vector<CsvRecord> records;
  int64_t bad_line = 0;
  if (!ParseCsv(csv, records, bad_line)) {
    errors.push_back({bad_line, "A quoted cell is not closed"});
    return {};
  }
  if (records.empty() || records[0].cells.empty() || Trim(records[0].cells[0]) != "reference") {
    errors.push_back({1, "The first column must be headed \"reference\""});
    return {};
  }
  std::vector<std::string> header;
  for (const auto& h : records[0].cells) header.push_back(Trim(h));
  for (size_t c = 1; c < header.size(); ++c)
    if (!instrument.questionnaire.Find(header[c]))
      errors.push_back({1, "Column \"" + header[c] + "\" is not a question of this survey"});
  std::vector<PaperRow> rows;
  std::set<std::string> seen;
  for (size_t i = 1; i < records.size(); ++i) {
    const auto& rec = records[i];
    const int64_t line = rec.line;
    if (rec.cells.size() != header.size()) {
      errors.push_back(
          {line, fmt::format("Expected {} cells, found {}", header.size(), rec.cells.size())});
      continue;
    }
    PaperRow row{line, Trim(rec.cells[0]), RowAnswers(rec, header)};
    if (!seen.insert(row.reference).second)
      errors.push_back({line, "Reference " + row.reference + " appears twice in this file"});
    else
      rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace selfdirect::app
