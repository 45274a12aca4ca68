#include "base/csv.h"

#include "base/text.h"

namespace selfdirect {

bool SplitCsvLine(std::string_view line, std::vector<std::string_view>& cells,
                  std::deque<std::string>& scratch) {
  cells.clear();
  size_t scratch_used = 0;
  size_t i = 0;
  for (;;) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i < line.size() && line[i] == '"') {
      ++i;
      if (scratch_used == scratch.size()) scratch.emplace_back();
      std::string& s = scratch[scratch_used++];
      s.clear();
      for (;;) {
        if (i >= line.size()) return false;  // Unclosed quote.
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            s += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        s += line[i++];
      }
      while (i < line.size() && line[i] != ',') {
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') return false;
        ++i;
      }
      cells.push_back(s);
    } else {
      size_t start = i;
      while (i < line.size() && line[i] != ',') ++i;
      cells.push_back(Trim(line.substr(start, i - start)));
    }
    if (i >= line.size()) return true;
    ++i;  // The comma.
  }
}

bool ParseCsv(std::string_view text, std::vector<CsvRecord>& records, int64_t& bad_line) {
  records.clear();
  std::vector<std::string_view> cells;
  std::deque<std::string> scratch;
  std::string record;
  int64_t line = 0, first = 0;
  size_t quotes = 0;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view piece = text.substr(at, end - at);
    at = end + 1;
    ++line;
    if (record.empty() && quotes == 0) {
      first = line;
      if (Trim(piece).empty()) continue;
    } else {
      record += '\n';
    }
    record += piece;
    for (char c : piece) quotes += c == '"' ? 1 : 0;
    if (quotes % 2 == 1) continue;  // A quoted cell goes on to the next line.
    if (!record.empty() && record.back() == '\r') record.pop_back();
    if (!SplitCsvLine(record, cells, scratch)) {
      bad_line = first;
      return false;
    }
    records.push_back({first, std::vector<std::string>(cells.begin(), cells.end())});
    record.clear();
    quotes = 0;
  }
  if (quotes % 2 == 1) {
    bad_line = first;
    return false;
  }
  return true;
}

std::string CsvCell(std::string_view value) {
  const bool quote = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!quote) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvRow(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + CsvCell(cells[i]);
  return out + "\r\n";
}

std::string CsvText(std::string_view value) {
  if (!value.empty() && std::string_view("=+-@\t\r").find(value[0]) != std::string_view::npos)
    return "'" + std::string(value);
  return std::string(value);
}

}  // namespace selfdirect
