// File: idea_words.h
// The words of what matters to a person, in their own words, that are worth looking up in the
// directory: "Sing in a choir again" gives "sing" and "choir"; "Go swimming every week" gives
// "swim". Lower case, words of everyday speech that name no activity left out ("again", "every",
// "week", "my"), simple English endings taken off ("swimming" to "swim", "walks" to "walk") so
// that a word matches the entries' words it starts. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace selfdirect::domain {

// At most `most` words, in the order they first appear, each once.
std::vector<std::string> IdeaWords(std::string_view text, size_t most = 6);

}  // namespace selfdirect::domain
