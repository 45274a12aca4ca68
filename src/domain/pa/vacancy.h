// File: vacancy.h
// PA vacancies (issue 21): an advert for a personal assistant made from a person's plan, what it
// asks of a PA, the checks on what was entered, and the vacancies a PA is shown, best first, each
// with its reasons in the PA's words. Pure: vacancies come in, matches go out.
//
// Example:
//   for (const VacancyMatch& m : VacanciesFor(pa, open, today, 20)) m.reasons;
//   // "Free at all 3 times it asks", "2.4 miles away (you travel up to 5 miles)"
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/pence.h"
#include "base/result.h"
#include "domain/directory/directory.h"
#include "domain/pa/finder.h"

namespace selfdirect::domain::pa {

inline constexpr int kMaxVacancyHours = 60;  // Hours a week one advert may ask for.
inline constexpr int kMaxVacancyDays = 92;   // How far ahead an advert may close.

struct Vacancy {
  int64_t id = 0;
  std::string title;      // "A PA for Saturday walks and lunch out".
  std::string about;      // What the help is, in the person's words; no surname or address.
  std::string plan_line;  // The plan's PA line it fills ("" if none).
  std::string area;       // The postcode district: "HR1".
  GeoPoint place;         // PublicPoint of the person's postcode: never the address.
  uint32_t slots = 0;     // When help is needed (SlotBit), 0: to agree.
  int hours_per_week = 0;
  Pence hourly_rate;
  std::vector<std::string> skills;     // Codes from Skills().
  std::vector<std::string> interests;  // Free words.
  std::string language;                // Empty: English is enough.
  Date closes_on;
  bool open = true;
};

// What is wrong with a vacancy as entered on `today`, each naming its field ("title", "hours",
// "hourly_rate", "skills", "closes_on"). Empty when it may be advertised.
std::vector<FieldError> VacancyProblems(const Vacancy& v, Date today);

struct VacancyMatch {
  const Vacancy* vacancy = nullptr;
  int64_t metres = 0;
  int score = 0;  // 0 to 100, for ordering.
  std::vector<std::string> reasons;
};

// The open vacancies, still open on `today`, within the PA's travel of their place and (when both
// say) at a time the PA is free, best first: more of the times, more of the skills, nearer, pay
// at least what the PA asks, shared interests and language. At most `limit`.
std::vector<VacancyMatch> VacanciesFor(const PaProfile& pa, const std::vector<Vacancy>& vacancies,
                                       Date today, size_t limit);

}  // namespace selfdirect::domain::pa
