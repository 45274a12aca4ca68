#include "base/text.h"

#include <gtest/gtest.h>

namespace selfdirect {
namespace {

TEST(Text, TrimsAndFoldsCase) {
  EXPECT_EQ(Trim("  a b \n"), "a b");
  EXPECT_EQ(Trim("   "), "");
  EXPECT_EQ(AsciiLower("SW1A 1AA"), "sw1a 1aa");
  EXPECT_EQ(AsciiUpper("sw1a 1aa"), "SW1A 1AA");
}

TEST(Text, AcceptsOnlyCleanUtf8) {
  EXPECT_TRUE(IsCleanUtf8("Siobh\xC3\xA1n O'Neill"));
  EXPECT_TRUE(IsCleanUtf8("line\nbreak"));
  EXPECT_FALSE(IsCleanUtf8("\xC3"));          // Truncated.
  EXPECT_FALSE(IsCleanUtf8("\xC0\xAF"));      // Overlong.
  EXPECT_FALSE(IsCleanUtf8("\xED\xA0\x80"));  // Surrogate.
  EXPECT_FALSE(IsCleanUtf8(std::string("a\0b", 3)));
  EXPECT_EQ(CodePointCount("Siobh\xC3\xA1n"), 7u);
}

TEST(SplitCommaList, TrimsItemsAndDropsEmptyOnes) {
  EXPECT_EQ(SplitCommaList("a, b,,c "), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(SplitCommaList("").empty());
  EXPECT_TRUE(SplitCommaList(" , ,").empty());
  EXPECT_EQ(SplitCommaList("disability"), (std::vector<std::string>{"disability"}));
}

}  // namespace

TEST(WithArticle, SaysAOrAnAsSpoken) {
  EXPECT_EQ(WithArticle("hour"), "an hour");
  EXPECT_EQ(WithArticle("item"), "an item");
  EXPECT_EQ(WithArticle("area"), "an area");
  EXPECT_EQ(WithArticle("session"), "a session");
  EXPECT_EQ(WithArticle("user"), "a user");
  EXPECT_EQ(WithArticle("unit"), "a unit");
  EXPECT_EQ(WithArticle("month"), "a month");
}
}  // namespace selfdirect
