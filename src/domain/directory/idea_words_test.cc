#include "domain/directory/idea_words.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

using Words = std::vector<std::string>;

TEST(IdeaWords, WhatMattersInTheirOwnWordsBecomesWordsToLookUp) {
  EXPECT_EQ(IdeaWords("Sing in a choir again"), (Words{"sing", "choir"}));
  EXPECT_EQ(IdeaWords("Go swimming every week"), (Words{"swim"}));
  EXPECT_EQ(IdeaWords("Getting back to my allotment"), (Words{"allotment"}));
  EXPECT_EQ(IdeaWords("Not feeling lonely; having people to talk to"), (Words{"lonely", "talk"}));
  EXPECT_EQ(IdeaWords("Going to my place of worship each week"), (Words{"place", "worship"}));
}

TEST(IdeaWords, EndingsComeOffOnlyWhereAWordIsLeft) {
  EXPECT_EQ(IdeaWords("walks, gardens, hobbies, dressing, spelling, bus"),
            (Words{"walk", "garden", "hobby", "dress", "spell", "bus"}));
  EXPECT_EQ(IdeaWords("Men's shed"), (Words{"men", "shed"}));
}

TEST(IdeaWords, EachWordOnceAndNoMoreThanAsked) {
  EXPECT_EQ(IdeaWords("Swim, swimming, SWIMS"), (Words{"swim"}));
  EXPECT_EQ(IdeaWords("art craft music dance garden walk cook", 3),
            (Words{"art", "craft", "music"}));
  EXPECT_TRUE(IdeaWords("").empty());
  EXPECT_TRUE(IdeaWords("to be or not to be").empty());
}

}  // namespace
}  // namespace selfdirect::domain
