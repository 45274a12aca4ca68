// File: csv.h
// One line of a CSV file (RFC 4180 as spreadsheets write it): cells split on commas, with spaces
// around unquoted cells trimmed; a quoted cell may hold commas and doubled quotes. Shared by the
// readers of uploaded CSV files (RAS calibration samples, postcode lookups).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace selfdirect {

// Splits `line` into `cells`. Cells view `line`, or `scratch` for quoted cells that needed
// unescaping (kept across calls to reuse memory). False if a quote is not closed properly.
bool SplitCsvLine(std::string_view line, std::vector<std::string_view>& cells,
                  std::deque<std::string>& scratch);

// One record of a CSV file and the line it starts on (1-based).
struct CsvRecord {
  int64_t line = 0;
  std::vector<std::string> cells;
};

// Every record of a CSV text, including the header; a quoted cell may hold line breaks. Blank
// lines are skipped. False, with `bad_line` set to the record's first line, if a quote is not
// closed properly.
bool ParseCsv(std::string_view text, std::vector<CsvRecord>& records, int64_t& bad_line);

// `value` as one CSV cell: quoted (quotes doubled) when it holds a comma, quote, line break or
// edge space, else as it is.
std::string CsvCell(std::string_view value);
// Free text someone typed, made safe to open in a spreadsheet: text starting with "=", "+", "-",
// "@", a tab or a carriage return would run as a formula, so it gets a leading apostrophe
// (OWASP's CSV injection advice). Not for numbers: "-12.50" would stop being one.
std::string CsvText(std::string_view value);
// The cells as one CSV record ending in CRLF.
std::string CsvRow(const std::vector<std::string>& cells);

}  // namespace selfdirect
