#include "base/csv.h"

#include <gtest/gtest.h>

namespace selfdirect {
namespace {

std::vector<std::string> Cells(std::string_view line, bool* ok = nullptr) {
  std::vector<std::string_view> cells;
  std::deque<std::string> scratch;
  const bool split = SplitCsvLine(line, cells, scratch);
  if (ok) *ok = split;
  return {cells.begin(), cells.end()};
}

TEST(Csv, SplitsTrimsAndUnquotes) {
  EXPECT_EQ(Cells("HR1 1AB, 52.06 ,-2.70\r"),
            (std::vector<std::string>{"HR1 1AB", "52.06", "-2.70"}));
  EXPECT_EQ(Cells("\"Smith, J\",\"say \"\"hi\"\"\",,x"),
            (std::vector<std::string>{"Smith, J", "say \"hi\"", "", "x"}));
  EXPECT_EQ(Cells(""), (std::vector<std::string>{""}));
}

TEST(Csv, AnUnclosedQuoteIsAnError) {
  bool ok = true;
  Cells("\"open,1", &ok);
  EXPECT_FALSE(ok);
  Cells("\"closed\"x,1", &ok);
  EXPECT_FALSE(ok);
}

}  // namespace
}  // namespace selfdirect
