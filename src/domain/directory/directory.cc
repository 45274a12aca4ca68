#include "domain/directory/directory.h"

#include <algorithm>
#include <cctype>

namespace selfdirect::domain {
namespace {

constexpr std::string_view kStatusCodes[] = {"active", "inactive", "defunct", "temporarily closed"};

bool IsHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

void AppendWords(std::string& out, std::string_view text) {
  bool in_word = false;
  for (char c : text) {
    const bool word_char = std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (word_char) {
      if (!in_word && !out.empty()) out += ' ';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    in_word = word_char;
  }
}

}  // namespace

std::string_view ServiceStatusCode(ServiceStatus s) { return kStatusCodes[static_cast<size_t>(s)]; }

std::optional<ServiceStatus> ParseServiceStatus(std::string_view code) {
  for (size_t i = 0; i < std::size(kStatusCodes); ++i)
    if (kStatusCodes[i] == code) return static_cast<ServiceStatus>(i);
  return std::nullopt;
}

bool IsUuid(std::string_view t) {
  if (t.size() != 36) return false;
  for (size_t i = 0; i < t.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? t[i] != '-' : !IsHex(t[i])) return false;
  }
  return true;
}

std::optional<int> ParseDay(std::string_view code) {
  for (size_t i = 0; i < std::size(kDayCodes); ++i)
    if (kDayCodes[i] == code) return static_cast<int>(i);
  return std::nullopt;
}

std::optional<int> ParseClockTime(std::string_view t) {
  if (t.size() != 5 && t.size() != 8) return std::nullopt;
  auto two = [&](size_t at) -> std::optional<int> {
    if (!std::isdigit(static_cast<unsigned char>(t[at])) ||
        !std::isdigit(static_cast<unsigned char>(t[at + 1])))
      return std::nullopt;
    return (t[at] - '0') * 10 + (t[at + 1] - '0');
  };
  auto h = two(0);
  auto m = two(3);
  if (t[2] != ':' || !h || !m || *h > 23 || *m > 59) return std::nullopt;
  if (t.size() == 8) {
    auto s = two(6);
    if (t[5] != ':' || !s || *s > 59) return std::nullopt;
  }
  return *h * 60 + *m;
}

std::string ClockTimeText(int minutes) {
  std::string out(5, '0');
  out[0] = static_cast<char>('0' + minutes / 600);
  out[1] = static_cast<char>('0' + (minutes / 60) % 10);
  out[2] = ':';
  out[3] = static_cast<char>('0' + (minutes % 60) / 10);
  out[4] = static_cast<char>('0' + minutes % 10);
  return out;
}

std::vector<FieldError> ValidateService(const DirectoryService& s,
                                        const std::set<std::string>& known_terms) {
  std::vector<FieldError> out;
  auto uuid = [&](const std::string& field, const std::string& value) {
    if (!IsUuid(value))
      out.push_back({field, "must be a UUID, like ac148810-d857-441c-9679-408f346de14b"});
  };
  uuid("id", s.id);
  if (s.name.empty()) out.push_back({"name", "Enter the service's name"});
  uuid("organization.id", s.organization.id);
  if (s.organization.name.empty())
    out.push_back({"organization.name", "Enter the name of the organisation that runs it"});
  for (const auto& [field, age] :
       {std::pair{"minimum_age", s.minimum_age}, std::pair{"maximum_age", s.maximum_age}}) {
    if (age && (*age < 0 || *age > 130)) out.push_back({field, "must be an age from 0 to 130"});
  }
  if (s.minimum_age && s.maximum_age && *s.minimum_age > *s.maximum_age)
    out.push_back({"maximum_age", "must not be below the minimum age"});
  for (size_t i = 0; i < s.schedules.size(); ++i) {
    const auto& sc = s.schedules[i];
    const std::string at = "schedules[" + std::to_string(i) + "]";
    uuid(at + ".id", sc.id);
    if (sc.freq != "WEEKLY" && sc.freq != "MONTHLY")
      out.push_back({at + ".freq", "must be WEEKLY or MONTHLY"});
    if (sc.opens_at && sc.closes_at && *sc.closes_at <= *sc.opens_at)
      out.push_back({at + ".closes_at", "must be after the opening time"});
  }
  for (size_t i = 0; i < s.costs.size(); ++i) {
    const std::string at = "cost_options[" + std::to_string(i) + "]";
    uuid(at + ".id", s.costs[i].id);
    if (s.costs[i].amount && s.costs[i].amount->pence() < 0)
      out.push_back({at + ".amount", "must not be negative"});
  }
  for (size_t i = 0; i < s.contacts.size(); ++i)
    uuid("contacts[" + std::to_string(i) + "].id", s.contacts[i].id);
  for (size_t i = 0; i < s.locations.size(); ++i) {
    const std::string at = "service_at_locations[" + std::to_string(i) + "]";
    uuid(at + ".id", s.locations[i].service_at_location_id);
    uuid(at + ".location.id", s.locations[i].id);
  }
  for (size_t i = 0; i < s.term_ids.size(); ++i) {
    if (!known_terms.contains(s.term_ids[i]))
      out.push_back({"attributes[" + std::to_string(i) + "].taxonomy_term.id",
                     "is not a term of the council's taxonomy"});
  }
  return out;
}

bool IsFree(const DirectoryService& s) {
  for (const auto& c : s.costs)
    if (c.amount && c.amount->pence() > 0) return false;
  return true;
}

bool RunsOn(const DirectoryService& s, std::optional<int> day, std::optional<int> from,
            std::optional<int> to) {
  if (!day && !from && !to) return true;
  for (const auto& sc : s.schedules) {
    if (day && std::find(sc.days.begin(), sc.days.end(), *day) == sc.days.end()) continue;
    // The session overlaps [from, to]: it closes after `from` and opens before `to`.
    if (from && sc.closes_at && *sc.closes_at <= *from) continue;
    if (to && sc.opens_at && *sc.opens_at >= *to) continue;
    return true;
  }
  return false;
}

std::string SearchText(const DirectoryService& s, const std::vector<std::string>& term_names) {
  std::string out;
  AppendWords(out, s.name);
  AppendWords(out, s.description);
  AppendWords(out, s.organization.name);
  for (const auto& l : s.locations) {
    AppendWords(out, l.name);
    AppendWords(out, l.city);
    AppendWords(out, l.postcode);
  }
  for (const auto& t : term_names) AppendWords(out, t);
  return out;
}

bool MatchesWords(std::string_view text, std::string_view query) {
  std::string words;
  AppendWords(words, query);
  size_t start = 0;
  while (start < words.size()) {
    size_t end = words.find(' ', start);
    if (end == std::string::npos) end = words.size();
    std::string_view w(words.data() + start, end - start);
    bool found = false;
    for (size_t at = text.find(w); at != std::string_view::npos; at = text.find(w, at + 1)) {
      if (at == 0 || text[at - 1] == ' ') {
        found = true;
        break;
      }
    }
    if (!found) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace selfdirect::domain
