// File: text.h
// Small text helpers for input handling: trimming, ASCII case folding, UTF-8 checks, lists.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace selfdirect {

// Removes ASCII whitespace from both ends.
std::string_view Trim(std::string_view s);
// Lower-cases ASCII letters; other bytes (including UTF-8) are unchanged.
std::string AsciiLower(std::string_view s);
std::string AsciiUpper(std::string_view s);
// True when `s` is well-formed UTF-8 with no control characters other than tab, CR and LF.
bool IsCleanUtf8(std::string_view s);
// Number of Unicode code points in well-formed UTF-8 `s`.
size_t CodePointCount(std::string_view s);
// `noun` after "a" or "an" as it is said: "an hour", "an item", "an area", "a session",
// "a user" (a vowel letter that sounds like "you" takes "a").
std::string WithArticle(std::string_view noun);
// Splits "a, b,,c" at commas into trimmed, non-empty items: {"a", "b", "c"}.
std::vector<std::string> SplitCommaList(std::string_view s);

}  // namespace selfdirect
