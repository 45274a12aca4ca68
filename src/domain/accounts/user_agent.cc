#include "domain/accounts/user_agent.h"

namespace selfdirect::domain {
namespace {

struct Known {
  std::string_view marker;  // Found anywhere in the header.
  std::string_view name;
};

// Browsers, most specific first: Edge, Opera and Samsung Internet also say "Chrome" and
// "Safari"; Chrome also says "Safari".
constexpr Known kBrowsers[] = {
    {"Edg/", "Edge"},        {"Edge/", "Edge"},     {"EdgA/", "Edge"},
    {"EdgiOS/", "Edge"},     {"OPR/", "Opera"},     {"SamsungBrowser/", "Samsung Internet"},
    {"Firefox/", "Firefox"}, {"FxiOS/", "Firefox"}, {"CriOS/", "Chrome"},
    {"Chrome/", "Chrome"},   {"Safari/", "Safari"},
};

// Systems, most specific first: Android also says "Linux"; an iPhone says "like Mac OS X". An iPad
// on iPadOS 13 or later says it is a Mac, and is named one.
constexpr Known kSystems[] = {
    {"iPhone", "iPhone"},   {"iPad", "iPad"},     {"Android", "Android"}, {"CrOS", "Chromebook"},
    {"Windows", "Windows"}, {"Macintosh", "Mac"}, {"Linux", "Linux"},
};

constexpr Known kPrograms[] = {
    {"curl/", "curl"},
    {"Wget/", "Wget"},
    {"python-requests/", "Python"},
    {"node", "Node.js"},
};

std::string_view Find(const auto& table, std::string_view header) {
  for (const Known& k : table)
    if (header.find(k.marker) != std::string_view::npos) return k.name;
  return {};
}

}  // namespace

std::string DescribeUserAgent(std::string_view user_agent) {
  if (user_agent.empty()) return "Not recorded";
  const std::string_view browser = Find(kBrowsers, user_agent);
  if (browser.empty() || !user_agent.starts_with("Mozilla/")) {
    const std::string_view program = Find(kPrograms, user_agent);
    if (!program.empty()) return "A program (" + std::string(program) + ")";
    if (browser.empty()) return "Another browser or program";
  }
  const std::string_view system = Find(kSystems, user_agent);
  if (system.empty()) return std::string(browser);
  return std::string(browser) + " on " + std::string(system);
}

}  // namespace selfdirect::domain
