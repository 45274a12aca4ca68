// File: csv.h
// One line of a CSV file (RFC 4180 as spreadsheets write it): cells split on commas, with spaces
// around unquoted cells trimmed; a quoted cell may hold commas and doubled quotes. Shared by the
// readers of uploaded CSV files (RAS calibration samples, postcode lookups).
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace selfdirect {

// Splits `line` into `cells`. Cells view `line`, or `scratch` for quoted cells that needed
// unescaping (kept across calls to reuse memory). False if a quote is not closed properly.
bool SplitCsvLine(std::string_view line, std::vector<std::string_view>& cells,
                  std::deque<std::string>& scratch);

}  // namespace selfdirect
