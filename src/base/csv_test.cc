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

namespace selfdirect {
namespace {

TEST(Csv, ParsesRecordsThatSpanLinesAndNamesTheirFirstLine) {
  std::vector<CsvRecord> records;
  int64_t bad = 0;
  ASSERT_TRUE(ParseCsv("id,description\r\n1,\"Two\r\nlines, and \"\"quotes\"\"\"\r\n\r\n2,plain\n",
                       records, bad));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].line, 1);
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[1].cells, (std::vector<std::string>{"1", "Two\r\nlines, and \"quotes\""}));
  EXPECT_EQ(records[2].line, 5);  // After the blank line.
  EXPECT_EQ(records[2].cells, (std::vector<std::string>{"2", "plain"}));
  EXPECT_FALSE(ParseCsv("id\n1\n\"never closed\n3\n", records, bad));
  EXPECT_EQ(bad, 3);
  EXPECT_FALSE(ParseCsv("id\n\"closed\"x\n", records, bad));
  EXPECT_EQ(bad, 2);
  ASSERT_TRUE(ParseCsv("", records, bad));
  EXPECT_TRUE(records.empty());
}

TEST(Csv, WritesCellsThatReadBackTheSame) {
  EXPECT_EQ(CsvCell("plain"), "plain");
  EXPECT_EQ(CsvCell("a, b"), "\"a, b\"");
  EXPECT_EQ(CsvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvCell(" edge"), "\" edge\"");
  const std::vector<std::string> values = {"a, b", "say \"hi\"", "two\nlines", " edge ", ""};
  std::string line;
  for (const auto& v : values) line += (line.empty() ? "" : ",") + CsvCell(v);
  std::vector<CsvRecord> records;
  int64_t bad = 0;
  ASSERT_TRUE(ParseCsv(line + "\n", records, bad));
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].cells, values);
}

}  // namespace
TEST(Csv, TextThatWouldRunAsAFormulaIsMadePlain) {
  EXPECT_EQ(CsvText("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
  EXPECT_EQ(CsvText("+1"), "'+1");
  EXPECT_EQ(CsvText("-cmd"), "'-cmd");
  EXPECT_EQ(CsvText("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvText("\t=1"), "'\t=1");
  EXPECT_EQ(CsvText("person.view"), "person.view");
  EXPECT_EQ(CsvText(""), "");
}

}  // namespace selfdirect
