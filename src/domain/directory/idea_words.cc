#include "domain/directory/idea_words.h"

#include <algorithm>
#include <set>

namespace selfdirect::domain {
namespace {

// Words that say nothing about what to look for.
const std::set<std::string, std::less<>>& StopWords() {
  static const std::set<std::string, std::less<>> kWords = {
      "about", "again", "all",   "also",    "and",   "any",    "back",   "being",  "but",
      "can",   "could", "day",   "days",    "do",    "doing",  "each",   "every",  "feel",
      "for",   "from",  "get",   "getting", "go",    "going",  "good",   "have",   "having",
      "help",  "her",   "him",   "his",     "how",   "into",   "just",   "keep",   "keeping",
      "like",  "lot",   "more",  "most",    "much",  "myself", "near",   "not",    "now",
      "often", "once",  "one",   "our",     "out",   "over",   "people", "really", "same",
      "see",   "she",   "some",  "still",   "than",  "that",   "the",    "their",  "them",
      "then",  "there", "they",  "things",  "this",  "time",   "times",  "too",    "twice",
      "very",  "want",  "was",   "way",     "week",  "weekly", "weeks",  "well",   "were",
      "what",  "when",  "where", "which",   "while", "who",    "will",   "with",   "would",
      "year",  "you",   "your",  "able",    "own",   "use",    "used",   "make",   "best"};
  return kWords;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// "swimming" -> "swim", "singing" -> "sing", "walks" -> "walk", "gardens" -> "garden";
// a stem of fewer than 3 letters keeps the word as it was.
std::string Stem(std::string w) {
  auto ends = [&](std::string_view e) { return w.size() > e.size() && w.ends_with(e); };
  std::string stem = w;
  if (ends("ing")) {
    stem = w.substr(0, w.size() - 3);
    const size_t n = stem.size();
    if (n >= 4 && stem[n - 1] == stem[n - 2] && !IsVowel(stem[n - 1]) && stem[n - 1] != 'l' &&
        stem[n - 1] != 's')
      stem.pop_back();  // "swimm" -> "swim"; "spell" and "dress" keep theirs.
  } else if (ends("ies")) {
    stem = w.substr(0, w.size() - 3) + "y";
  } else if (ends("s") && !ends("ss") && !ends("us")) {
    stem = w.substr(0, w.size() - 1);
  }
  return stem.size() >= 3 ? stem : w;
}

}  // namespace

std::vector<std::string> IdeaWords(std::string_view text, size_t most) {
  std::vector<std::string> out;
  std::string word;
  auto finish = [&] {
    if (word.size() >= 3 && !StopWords().contains(word)) {
      std::string stem = Stem(word);
      if (!StopWords().contains(stem) && std::find(out.begin(), out.end(), stem) == out.end() &&
          out.size() < most)
        out.push_back(std::move(stem));
    }
    word.clear();
  };
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      word += static_cast<char>(c | 0x20);
    } else if (c != '\'') {
      finish();
    }
  }
  finish();
  return out;
}

}  // namespace selfdirect::domain
