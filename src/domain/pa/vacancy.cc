// File: vacancy.cc
// Checking a PA vacancy and ranking vacancies for a PA, with the reasons (vacancy.h).
#include "domain/pa/vacancy.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace selfdirect::domain::pa {
namespace {

std::string Lower(std::string_view s) { return LowerCase(s); }
bool Has(const std::vector<std::string>& list, std::string_view want) {
  return HasIgnoringCase(list, want);
}

std::string SkillWords(const std::vector<std::string>& codes) {
  std::string out;
  for (size_t i = 0; i < codes.size(); ++i) {
    if (i > 0) out += i + 1 == codes.size() ? " and " : ", ";
    out += Lower(SkillLabel(codes[i]));
  }
  return out;
}

// Times (up to 40) and skills (up to 30), with their reasons.
int ScoreFit(const PaProfile& pa, const Vacancy& v, std::vector<std::string>& reasons) {
  int score = 20;
  if (v.slots != 0) {
    const int wanted = SlotCount(v.slots), free = SlotCount(pa.availability & v.slots);
    score = 40 * free / wanted;
    if (free == wanted)
      reasons.push_back(wanted == 1 ? "You are free at the time it asks"
                                    : fmt::format("You are free at all {} times it asks", wanted));
    else
      reasons.push_back(fmt::format("You are free at {} of the {} times it asks", free, wanted));
  }
  if (v.skills.empty()) return score + 15;
  std::vector<std::string> have, missing;
  for (const auto& s : v.skills) (Has(pa.skills, s) ? have : missing).push_back(s);
  if (!have.empty()) reasons.push_back("Asks for experience you have: " + SkillWords(have));
  if (!missing.empty()) reasons.push_back("Also asks for " + SkillWords(missing));
  return score + static_cast<int>(30 * have.size() / v.skills.size());
}

// Distance (up to 10), pay (10), interests (10) and language (10), with their reasons.
int ScoreRest(const PaProfile& pa, const Vacancy& v, int64_t metres,
              std::vector<std::string>& reasons) {
  const int64_t reach = MilesToMetres(pa.travel_miles);
  int score =
      static_cast<int>(10 * (reach - std::min(metres, reach)) / std::max<int64_t>(reach, 1));
  reasons.push_back(fmt::format("{} miles away, near {} (you travel up to {} miles)",
                                MilesText(metres), v.area, pa.travel_miles));
  if (v.hourly_rate >= pa.hourly_rate) score += 10;
  reasons.push_back(fmt::format("Pays {} an hour (you ask {})", v.hourly_rate.ToDisplayString(),
                                pa.hourly_rate.ToDisplayString()));
  int shared = 0;
  for (const auto& i : v.interests)
    if (Has(pa.interests, i) && shared < 2) {
      ++shared;
      reasons.push_back("Shares your interest in " + Lower(i));
    }
  score += 5 * shared;
  if (!v.language.empty() && Has(pa.languages, v.language)) {
    score += 10;
    reasons.push_back("Asks for someone who speaks " + v.language + ", as you do");
  }
  return score;
}

}  // namespace

std::vector<FieldError> VacancyProblems(const Vacancy& v, Date today) {
  std::vector<FieldError> out;
  if (v.title.empty() || v.title.size() > 120)
    out.push_back({"title", "Enter a title for the advert, in up to 120 characters"});
  if (v.about.empty() || v.about.size() > 2000)
    out.push_back({"about", "Say what the help is, in up to 2,000 characters"});
  if (v.hours_per_week < 1 || v.hours_per_week > kMaxVacancyHours)
    out.push_back({"hours", fmt::format("Enter the hours a week, from 1 to {}", kMaxVacancyHours)});
  if (v.hourly_rate <= Pence{}) out.push_back({"hourly_rate", "Enter the pay an hour, like 13.50"});
  for (const auto& s : v.skills)
    if (SkillLabel(s).empty()) out.push_back({"skills", "Choose skills from the list"});
  if (v.closes_on <= today || v.closes_on > today.AddDays(kMaxVacancyDays))
    out.push_back({"closes_on", "The closing date must be after today and within 3 months"});
  return out;
}

std::vector<VacancyMatch> VacanciesFor(const PaProfile& pa, const std::vector<Vacancy>& vacancies,
                                       Date today, size_t limit) {
  std::vector<VacancyMatch> out;
  for (const auto& v : vacancies) {
    if (!v.open || v.closes_on < today) continue;
    if (v.slots != 0 && pa.availability != 0 && (pa.availability & v.slots) == 0) continue;
    const int64_t metres = DistanceMetres(pa.home, v.place);
    if (metres > MilesToMetres(pa.travel_miles)) continue;
    VacancyMatch m{&v, metres, 0, {}};
    m.score = ScoreFit(pa, v, m.reasons) + ScoreRest(pa, v, metres, m.reasons);
    out.push_back(std::move(m));
  }
  auto better = [](const VacancyMatch& a, const VacancyMatch& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.metres != b.metres) return a.metres < b.metres;
    return a.vacancy->id < b.vacancy->id;
  };
  const size_t keep = std::min(limit, out.size());
  std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(),
                    better);
  out.resize(keep);
  return out;
}

}  // namespace selfdirect::domain::pa
