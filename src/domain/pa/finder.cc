// File: finder.cc
// Ranking personal assistants for what a person needs, with the reasons (finder.h).
#include "domain/pa/finder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace selfdirect::domain::pa {
namespace {

constexpr std::string_view kDays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                      "Friday", "Saturday", "Sunday"};
constexpr std::string_view kParts[] = {"morning", "afternoon", "evening"};

std::string Lower(std::string_view s) { return LowerCase(s); }
bool Has(const std::vector<std::string>& list, std::string_view want) {
  return HasIgnoringCase(list, want);
}

std::string JoinLabels(const std::vector<std::string>& codes) {
  std::string out;
  for (size_t i = 0; i < codes.size(); ++i) {
    if (i > 0) out += i + 1 == codes.size() ? " and " : ", ";
    std::string_view label = SkillLabel(codes[i]);
    out += label.empty() ? codes[i] : Lower(label);
  }
  return out;
}

// The times part of the score (up to 40) and its reason.
int ScoreTimes(const PaProfile& pa, const PaNeed& need, std::vector<std::string>& reasons) {
  if (need.slots == 0) return 20;
  int wanted = SlotCount(need.slots), free = SlotCount(pa.availability & need.slots);
  if (free == wanted)
    reasons.push_back(wanted == 1 ? "Free at the time you need"
                                  : fmt::format("Free at all {} times you need", wanted));
  else
    reasons.push_back(fmt::format("Free at {} of the {} times you need", free, wanted));
  return 40 * free / wanted;
}

int ScoreSkills(const PaProfile& pa, const PaNeed& need, std::vector<std::string>& reasons) {
  if (need.skills.empty()) return 15;
  std::vector<std::string> have, missing;
  for (const auto& s : need.skills) (Has(pa.skills, s) ? have : missing).push_back(s);
  if (!have.empty()) reasons.push_back("Has experience of " + JoinLabels(have));
  if (!missing.empty())
    reasons.push_back("Has not said they have experience of " + JoinLabels(missing));
  return static_cast<int>(30 * have.size() / need.skills.size());
}

int ScoreRest(const PaProfile& pa, const PaNeed& need, int64_t metres,
              std::vector<std::string>& reasons) {
  int score = 0;
  if (pa.verified) {
    score += 10;
    reasons.push_back("Checks seen by the council or a PA employer");
  }
  int64_t reach = MilesToMetres(pa.travel_miles);
  score += static_cast<int>(10 * (reach - std::min(metres, reach)) / std::max<int64_t>(reach, 1));
  reasons.push_back(
      fmt::format("{} miles away (travels up to {} miles)", MilesText(metres), pa.travel_miles));
  int shared = 0;
  for (const auto& i : need.interests)
    if (Has(pa.interests, i) && shared < 2) {
      ++shared;
      reasons.push_back("Shares your interest in " + Lower(i));
    }
  score += 5 * shared;
  std::string language = Lower(need.language);
  for (const auto& l : pa.languages)
    if (!language.empty() && Lower(l) == language) {
      score += 10;
      reasons.push_back("Speaks " + l);
      break;
    }
  reasons.push_back("Asks " + pa.hourly_rate.ToDisplayString() + " an hour");
  return score;
}

}  // namespace

std::string LowerCase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool HasIgnoringCase(const std::vector<std::string>& list, std::string_view want) {
  std::string w = LowerCase(want);
  return std::any_of(list.begin(), list.end(), [&](const auto& x) { return LowerCase(x) == w; });
}

GeoPoint PublicPoint(GeoPoint home) {
  auto round = [](int64_t e6) {
    const int64_t step = 10'000;  // A hundredth of a degree, in millionths.
    const int64_t half = e6 >= 0 ? step / 2 : -step / 2;
    return (e6 + half) / step * step;
  };
  return {round(home.latitude_e6), round(home.longitude_e6)};
}

Reach ReachAround(GeoPoint centre) {
  // A degree of latitude is at least 110,574 m (at the equator): a mile is at most 14,555
  // millionths of a degree. Longitude shrinks by the cosine of the latitude; take the cosine a
  // travel distance nearer the pole so the box is never too small.
  constexpr double kMetresPerMile = 1609.344, kMetresPerDegree = 110574.0;
  const double per_mile = kMetresPerMile / kMetresPerDegree * 1e6;
  const double lat = std::fabs(static_cast<double>(centre.latitude_e6) / 1e6) + 1.0;
  const double cos_lat = std::cos(std::min(lat, 89.0) * 3.14159265358979323846 / 180.0);
  return {centre, static_cast<int64_t>(std::ceil(per_mile)),
          static_cast<int64_t>(std::ceil(per_mile / cos_lat))};
}

uint32_t SlotBit(Weekday day, DayPart part) {
  return 1u << (static_cast<int>(day) * 3 + static_cast<int>(part));
}

std::string SlotLabel(int slot) {
  return std::string(kDays[slot / 3]) + " " + std::string(kParts[slot % 3]);
}

int SlotCount(uint32_t slots) { return __builtin_popcount(slots); }

const std::vector<Skill>& Skills() {
  static const std::vector<Skill> skills = {
      {"personal_care", "Personal care (washing, dressing, toileting)"},
      {"medication", "Help with medication"},
      {"moving_and_handling", "Moving and handling, hoists"},
      {"meals", "Cooking and meals"},
      {"household", "Housework and shopping"},
      {"going_out", "Going out: clubs, activities, appointments"},
      {"driving", "Driving, with their own car"},
      {"dementia", "Dementia"},
      {"learning_disability", "Learning disability"},
      {"autism", "Autism"},
      {"mental_health", "Mental health"},
      {"physical_disability", "Physical disability"},
      {"sensory", "Sight or hearing loss"},
      {"bsl", "British Sign Language"},
      {"epilepsy", "Epilepsy"},
      {"overnight", "Overnight support"},
  };
  return skills;
}

std::string_view SkillLabel(std::string_view code) {
  for (const auto& s : Skills())
    if (s.code == code) return s.label;
  return {};
}

std::vector<PaMatch> FindPas(const std::vector<PaProfile>& profiles, const PaNeed& need,
                             size_t limit) {
  std::vector<PaMatch> out;
  for (const auto& pa : profiles) {
    if (!pa.listed) continue;
    if (need.max_rate && pa.hourly_rate > *need.max_rate) continue;
    if (need.slots != 0 && (pa.availability & need.slots) == 0) continue;
    int64_t metres = DistanceMetres(need.home, pa.home);
    if (metres > MilesToMetres(pa.travel_miles)) continue;
    PaMatch m{&pa, metres, 0, {}};
    m.score = ScoreTimes(pa, need, m.reasons) + ScoreSkills(pa, need, m.reasons) +
              ScoreRest(pa, need, metres, m.reasons);
    out.push_back(std::move(m));
  }
  auto better = [](const PaMatch& a, const PaMatch& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.metres != b.metres) return a.metres < b.metres;
    return a.pa->id < b.pa->id;
  };
  size_t keep = std::min(limit, out.size());
  std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(),
                    better);
  out.resize(keep);
  return out;
}

}  // namespace selfdirect::domain::pa
