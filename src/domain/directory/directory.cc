#include "domain/directory/directory.h"

#include <algorithm>
#include <cctype>
#include <cmath>

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
  for (size_t i = 0; i < s.contacts.size(); ++i) {
    const std::string at = "contacts[" + std::to_string(i) + "]";
    uuid(at + ".id", s.contacts[i].id);
    for (size_t j = 0; j < s.contacts[i].phones.size(); ++j) {
      const auto& p = s.contacts[i].phones[j];
      const std::string pat = at + ".phones[" + std::to_string(j) + "]";
      uuid(pat + ".id", p.id);
      if (p.number.empty())
        out.push_back({pat + ".number", "Enter the telephone number"});
      else if (!IsPhoneNumber(p.number))
        out.push_back({pat + ".number", "Enter a telephone number, like 01632 960123"});
    }
  }
  for (size_t i = 0; i < s.service_areas.size(); ++i) {
    const std::string at = "service_areas[" + std::to_string(i) + "]";
    uuid(at + ".id", s.service_areas[i].id);
    if (s.service_areas[i].name.empty())
      out.push_back({at + ".name", "Enter where the service is available"});
  }
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

bool IsPhoneNumber(std::string_view text) {
  std::string_view t = text;
  // An extension after the number: "ext 21", "ext. 21", "x21".
  for (std::string_view mark : {" ext. ", " ext ", " x"}) {
    if (size_t at = t.find(mark); at != std::string_view::npos) {
      std::string_view ext = t.substr(at + mark.size());
      if (ext.empty() || ext.size() > 6) return false;
      for (char c : ext)
        if (c < '0' || c > '9') return false;
      t = t.substr(0, at);
      break;
    }
  }
  int digits = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '+') {
      if (i != 0) return false;
    } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 7 && digits <= 15;
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

std::vector<std::string> QueryWords(std::string_view query, size_t limit) {
  std::string words;
  AppendWords(words, query);
  std::vector<std::string> out;
  size_t start = 0;
  while (start < words.size() && out.size() < limit) {
    size_t end = words.find(' ', start);
    if (end == std::string::npos) end = words.size();
    if (end > start) out.push_back(words.substr(start, std::min<size_t>(end - start, 40)));
    start = end + 1;
  }
  return out;
}

std::optional<int64_t> ParseDegreesE6(std::string_view text, int limit_degrees) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  bool negative = false;
  size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    i = 1;
  }
  int64_t whole = 0;
  size_t digits = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i, ++digits) {
    whole = whole * 10 + (text[i] - '0');
    if (whole > 1000) return std::nullopt;
  }
  // Millionths and the next digit for rounding (half away from zero).
  int64_t fraction = 0;
  int places = 0;
  int next = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i, ++digits) {
      if (places < 6) {
        fraction = fraction * 10 + (text[i] - '0');
        ++places;
      } else if (places == 6) {
        next = text[i] - '0';
        ++places;
      }
    }
  }
  if (i != text.size() || digits == 0) return std::nullopt;
  for (int p = std::min(places, 6); p < 6; ++p) fraction *= 10;
  int64_t e6 = whole * 1'000'000 + fraction + (next >= 5 ? 1 : 0);
  if (e6 > int64_t{limit_degrees} * 1'000'000) return std::nullopt;
  return negative ? -e6 : e6;
}

namespace {
constexpr double kEarthRadiusMetres = 6'371'008.8;  // IUGG mean radius.
constexpr double kPi = 3.14159265358979323846;
double Radians(int64_t e6) { return static_cast<double>(e6) / 1e6 * kPi / 180.0; }
}  // namespace

int64_t DistanceMetres(GeoPoint a, GeoPoint b) {
  const double lat1 = Radians(a.latitude_e6), lat2 = Radians(b.latitude_e6);
  const double dlat = lat2 - lat1, dlon = Radians(b.longitude_e6 - a.longitude_e6);
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return std::llround(2 * kEarthRadiusMetres * std::asin(std::min(1.0, std::sqrt(h))));
}

int64_t MilesToMetres(int64_t miles) { return (miles * 1'609'344 + 500) / 1000; }

std::string MilesText(int64_t metres) {
  const int64_t tenths = (metres * 10'000 + 804'672) / 1'609'344;  // Half up.
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

GeoBox BoxAround(GeoPoint centre, int64_t metres) {
  // Degrees of latitude per metre are nearly constant; longitude shrinks with cos(latitude), so
  // the box uses the latitude nearest a pole that it reaches. A 1% margin covers the sphere's
  // approximations.
  const double lat_degrees = static_cast<double>(metres) * 1.01 / kEarthRadiusMetres * 180.0 / kPi;
  const int64_t dlat = static_cast<int64_t>(std::ceil(lat_degrees * 1e6));
  const double far_lat =
      std::min(89.9, std::abs(static_cast<double>(centre.latitude_e6) / 1e6) + lat_degrees);
  const int64_t dlon =
      static_cast<int64_t>(std::ceil(lat_degrees / std::cos(far_lat * kPi / 180.0) * 1e6));
  return {centre.latitude_e6 - dlat, centre.latitude_e6 + dlat, centre.longitude_e6 - dlon,
          centre.longitude_e6 + dlon};
}

FlatMeasure FlatMeasureAround(GeoPoint centre, int64_t metres) {
  // Metres per degree of latitude on the mean sphere: 2 * pi * 6,371,008.8 m / 360.
  constexpr double kMetresPerDegree = 111'195.08;
  FlatMeasure m;
  m.centre = centre;
  m.cos_e6 = static_cast<int64_t>(std::cos(Radians(centre.latitude_e6)) * 1e6);
  const auto radius_e6 = static_cast<int64_t>(static_cast<double>(metres) / kMetresPerDegree * 1e6);
  m.radius_squared = radius_e6 * radius_e6;
  return m;
}

}  // namespace selfdirect::domain
