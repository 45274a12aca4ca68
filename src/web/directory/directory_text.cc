#include "web/directory/directory_text.h"

#include <map>

#include "base/text.h"

namespace selfdirect::web {

std::string SessionText(const domain::DirectorySchedule& s) {
  std::string days;
  for (size_t i = 0; i < s.days.size(); ++i) {
    if (i > 0) days += i + 1 == s.days.size() ? " and " : ", ";
    days += std::string(kDayNames[s.days[i]]) + "s";
  }
  std::string text = s.freq == "MONTHLY" ? "Once a month" : days.empty() ? "" : days;
  if (s.freq == "MONTHLY" && !days.empty()) text += ", on " + days;
  if (s.opens_at && s.closes_at) {
    text += (text.empty() ? "" : ", ") + domain::ClockTimeText(*s.opens_at) + " to " +
            domain::ClockTimeText(*s.closes_at);
  }
  if (text.empty()) text = s.description;
  return text;
}

namespace {

// "per session" reads "a session", "per hour" "an hour"; anything else as it is.
std::string PerAsArticle(const std::string& description) {
  const std::string lower = AsciiLower(description);
  if (!lower.starts_with("per ")) return description;
  const std::string rest = description.substr(4);
  const std::string first = AsciiLower(rest.substr(0, 4));
  const bool vowel_sound =
      first.starts_with("hour") ||
      (!first.empty() && std::string_view("aeio").find(first[0]) != std::string_view::npos);
  return (vowel_sound ? "an " : "a ") + rest;
}

}  // namespace

std::string CostText(const domain::DirectoryCost& c) {
  if (!c.amount || c.amount->pence() == 0) {
    return c.amount_description.empty() ? "Free" : "Free (" + c.amount_description + ")";
  }
  // The option is said only when it adds something ("Members"), not when it repeats the
  // description ("Per session", "per session"): a cost reads once.
  const bool option_repeats = AsciiLower(c.option) == AsciiLower(c.amount_description);
  return c.amount->ToDisplayString() +
         (c.amount_description.empty() ? "" : " " + PerAsArticle(c.amount_description)) +
         (c.option.empty() || option_repeats ? "" : " (" + c.option + ")");
}

std::string PriceText(const domain::DirectoryService& s) {
  return domain::IsFree(s) ? std::string("Free") : CostText(s.costs[0]);  // Not free: has a cost.
}

std::string AgesText(const domain::DirectoryService& s) {
  if (s.minimum_age && s.maximum_age) {
    return "People aged " + std::to_string(*s.minimum_age) + " to " +
           std::to_string(*s.maximum_age);
  }
  if (s.minimum_age) return "People aged " + std::to_string(*s.minimum_age) + " and over";
  if (s.maximum_age) return "People aged up to " + std::to_string(*s.maximum_age);
  return "Anyone";
}

std::string Summary(const std::string& text) {
  if (text.size() <= 160) return text;
  size_t cut = text.rfind(' ', 157);
  return text.substr(0, cut == std::string::npos ? 157 : cut) + "...";
}

// The catalogue item a plan line for a service of this kind uses (data/planning/catalogue.json);
// empty when a plan does not pay for it (advice, for example).
std::string CatalogueItemFor(const std::string& term_name) {
  static const std::map<std::string, std::string> kItems = {
      {"Lunch clubs", "lunch-club"},
      {"Walking groups", "walking-group"},
      {"Music and singing", "choir"},
      {"Sport and exercise", "gym-month"},
      {"Swimming", "swim-session"},
      {"Arts and crafts", "art-class"},
      {"Gardening and allotments", "allotment-year"},
      {"Clubs and societies", "community-cafe"},
      {"Community cafes and drop-ins", "community-cafe"},
      {"Faith groups", "community-cafe"},
      {"Learning and volunteering", "volunteering-support"},
      {"Befriending", "befriending"},
      {"Personal assistants", "pa-hour"},
      {"Home care agencies", "home-care-hour"},
      {"Day services", "day-service-half"},
      {"Short breaks and respite", "respite-night"},
      {"Transport", "taxi-trip"},
      {"Equipment and technology", "tablet"}};
  auto it = kItems.find(term_name);
  return it == kItems.end() ? "" : it->second;
}

std::string FirstTermName(const domain::DirectoryService& s, const app::Taxonomy& t) {
  for (const auto& id : s.term_ids) {
    if (const auto* term = t.Find(id)) return term->name;
  }
  return "";
}

}  // namespace selfdirect::web
