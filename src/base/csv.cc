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

}  // namespace selfdirect
