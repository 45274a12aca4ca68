// Fuzzes the CSV reader every CSV import is built on (base/csv.h: ParseCsv, SplitCsvLine).
#include <deque>

#include "base/csv.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  const std::string_view text = fuzz::Text(data, size);
  std::vector<CsvRecord> records;
  int64_t bad_line = 0;
  (void)ParseCsv(text, records, bad_line);
  std::vector<std::string_view> cells;
  std::deque<std::string> scratch;
  for (const std::string_view line : fuzz::Split(text, '\n', 64))
    (void)SplitCsvLine(line, cells, scratch);
  return 0;
}
