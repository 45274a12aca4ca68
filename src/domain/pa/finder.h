// File: finder.h
// Finding a personal assistant (issue 21): a PA's profile as people searching see it, what a
// person needs (where, when, which skills), and the ranking with the reasons shown. Pure: the
// profiles come in, the matches go out in order, each with its plain-English reasons.
//
// Times of the week are 21 slots: each day's morning (before noon), afternoon (noon to 6pm) and
// evening (after 6pm), as a bit set (SlotBit).
//
// Example:
//   PaNeed need{home, SlotBit(Weekday::kMonday, DayPart::kMorning), {"personal_care"}};
//   for (const PaMatch& m : FindPas(profiles, need, 20)) m.reasons;  // "Free on Monday morning"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/pence.h"
#include "domain/directory/directory.h"

namespace selfdirect::domain::pa {

enum class DayPart { kMorning, kAfternoon, kEvening };
inline constexpr int kSlots = 21;
uint32_t SlotBit(Weekday day, DayPart part);
// "Monday morning".
std::string SlotLabel(int slot);
int SlotCount(uint32_t slots);

// What a PA can offer, from a fixed list people pick from (codes stored, labels shown).
struct Skill {
  std::string_view code, label;
};
const std::vector<Skill>& Skills();
// The label of a skill code, or empty when it is not one.
std::string_view SkillLabel(std::string_view code);

struct PaProfile {
  int64_t id = 0;
  std::string first_name;  // All a person sees before the PA agrees to be contacted.
  std::string area;        // The postcode district: "HR1".
  GeoPoint home;           // Postcode centroid; never shown.
  int travel_miles = 5;    // How far the PA will travel.
  Pence hourly_rate;       // What the PA asks.
  uint32_t availability = 0;
  std::vector<std::string> skills, interests, languages;
  std::string about;
  bool verified = false;  // Checked by the council or a PA-employer organisation.
  bool listed = true;     // Shown in searches.
};

// Where the finder places a PA: their home postcode's centre rounded to the nearest hundredth of a
// degree (about 1.1 km north-south, 0.7 km east-west in England). Distances shown to people
// searching are measured to this point, so searching from many postcodes cannot narrow a PA's home
// below the size of a grid square (a postcode district is several of them).
GeoPoint PublicPoint(GeoPoint home);

// ASCII lower case, and whether `list` holds `want` ignoring case (skills, interests, languages).
std::string LowerCase(std::string_view s);
bool HasIgnoringCase(const std::vector<std::string>& list, std::string_view want);

// The most a PA may say they travel.
inline constexpr int kMaxTravelMiles = 50;

// Degrees (in millionths) a mile spans around `centre`, rounded up so that a box of N miles
// always holds every point within N miles: for a first look-up before the exact distance.
struct Reach {
  GeoPoint centre;
  int64_t latitude_per_mile_e6 = 0, longitude_per_mile_e6 = 0;
};
Reach ReachAround(GeoPoint centre);

struct PaNeed {
  GeoPoint home;
  uint32_t slots = 0;  // When help is needed (0: any time).
  std::vector<std::string> skills;
  std::vector<std::string> interests;  // Free words: "gardening", "football".
  std::string language;                // Empty: English is enough.
  std::optional<Pence> max_rate;
};

struct PaMatch {
  const PaProfile* pa = nullptr;
  int64_t metres = 0;
  int score = 0;  // 0 to 100, for ordering.
  std::vector<std::string> reasons;
};

// PAs who travel as far as the person, are listed, cost no more than `max_rate` and are free for
// at least one of the slots needed (when slots are given), best first: more of the needed times,
// more of the skills, verified, nearer, shared interests and language. At most `limit`.
std::vector<PaMatch> FindPas(const std::vector<PaProfile>& profiles, const PaNeed& need,
                             size_t limit);

}  // namespace selfdirect::domain::pa
