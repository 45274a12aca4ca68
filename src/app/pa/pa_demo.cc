// File: pa_demo.cc
// The demo's personal assistants (pa_demo.h). The PAs other than the demo PA have no password:
// they are there to be found. Draws come after every other step's, so the rest of the demo is the
// same as before.
#include "app/pa/pa_demo.h"

#include "app/directory/directory_service.h"

namespace selfdirect::app {
namespace {

namespace pa = domain::pa;

constexpr int kDemoPas = 300;

const std::vector<std::string> kFirstNames = {
    "Amira",  "Ben",   "Chloe", "Dev",   "Ella", "Femi",   "Grace", "Hamza", "Isla",   "Jack",
    "Kasia",  "Leon",  "Maya",  "Nadia", "Owen", "Priya",  "Rhys",  "Sara",  "Tom",    "Uma",
    "Vikram", "Wendy", "Yusuf", "Zoe",   "Gwen", "Dafydd", "Marek", "Aisha", "Callum", "Ruth"};
const std::vector<std::string> kInterests = {"gardening", "football", "music",    "cooking",
                                             "walking",   "art",      "fishing",  "knitting",
                                             "cricket",   "films",    "swimming", "board games"};
const std::vector<std::string> kLanguages = {
    "Polish", "Punjabi", "Urdu", "Welsh", "Romanian", "British Sign Language", "Bengali", "Arabic"};

PaProfileRecord DemoProfile(DemoRandom& r, const std::pair<std::string, domain::GeoPoint>& place,
                            Date today) {
  PaProfileRecord p;
  p.postcode = place.first;
  auto& x = p.profile;
  x.first_name = r.Pick(kFirstNames);
  x.home = place.second;
  x.travel_miles = 3 + static_cast<int>(r.Below(13));
  x.hourly_rate = Pence::FromPence(1271 + static_cast<int64_t>(r.Below(480)));
  for (int slot = 0; slot < pa::kSlots; ++slot)
    if (r.Percent(45)) x.availability |= 1u << slot;
  for (const auto& s : pa::Skills())
    if (r.Percent(30)) x.skills.emplace_back(s.code);
  for (int i = 0; i < 2; ++i)
    if (r.Percent(60)) x.interests.push_back(r.Pick(kInterests));
  if (x.interests.size() == 2 && x.interests[0] == x.interests[1]) x.interests.pop_back();
  x.languages = {"English"};
  if (r.Percent(25)) x.languages.push_back(r.Pick(kLanguages));
  x.about = "I have " + std::to_string(1 + r.Below(15)) +
            " years' experience supporting people at home and out and about.";
  x.listed = !r.Percent(5);
  p.checks.dbs_level = r.Percent(85) ? "enhanced_barred" : "enhanced";
  p.checks.dbs_issued = today.AddDays(-static_cast<int64_t>(r.Below(1000)));
  // Some checks run out soon, so verifiers and the organisation see them falling due.
  if (r.Percent(30))
    p.checks.right_to_work_until = today.AddDays(10 + static_cast<int64_t>(r.Below(700)));
  p.checks.training_until = today.AddDays(static_cast<int64_t>(r.Below(400)) - 20);
  return p;
}

}  // namespace

Status PaStep(DemoContext& ctx) {
  std::vector<std::pair<std::string, domain::GeoPoint>> places;
  PostcodeLoadReport loaded = ParsePostcodeCsv(DemoPostcodesCsv(), places);
  if (!loaded.problems.empty() || places.empty())
    return Error::Internal("demo-area.csv has no postcodes for the demo PAs");
  const Date today = ctx.now.LondonDate();
  const UserId verifier = ctx.user_ids.at(domain::Role::kPractitioner);
  for (int i = 0; i <= kDemoPas; ++i) {
    PaProfileRecord p = DemoProfile(ctx.random, places[ctx.random.Below(places.size())], today);
    if (i == 0) {  // The demo PA, who signs in: near the demo people, free most days, listed.
      p.user_id = ctx.user_ids.at(domain::Role::kPersonalAssistant);
      p.profile.first_name = "Sam";
      p.profile.availability = (1u << pa::kSlots) - 1;
      p.profile.listed = true;
      p.profile.travel_miles = 20;
    } else {
      UserRecord u{UserId{},
                   "pa." + std::to_string(i) + "@demo.example.org",
                   p.profile.first_name,
                   domain::Role::kPersonalAssistant,
                   TeamId{},
                   PersonId{},
                   "!",
                   false};  // No password: these PAs are there to be found.
      SD_ASSIGN_OR_RETURN(p.user_id, ctx.tx.users().Insert(u, ctx.now));
    }
    p.created_at = p.updated_at = ctx.now;
    SD_ASSIGN_OR_RETURN(p.id, ctx.tx.pas().InsertProfile(p));
    if (i == 0 || ctx.random.Percent(70))
      SD_RETURN_IF_ERROR(ctx.tx.pas().Verify(p.id, verifier, ctx.now, "the council"));
  }
  return OkStatus();
}

}  // namespace selfdirect::app

namespace selfdirect::app {
namespace {

struct DemoAdvert {
  const char* title;
  const char* about;
  uint32_t slots;
  std::vector<std::string> skills, interests;
  int hours;
  int64_t rate_pence;
};

std::vector<DemoAdvert> DemoAdverts() {
  using pa::DayPart;
  const uint32_t sat = pa::SlotBit(Weekday::kSaturday, DayPart::kMorning) |
                       pa::SlotBit(Weekday::kSaturday, DayPart::kAfternoon);
  const uint32_t mornings = pa::SlotBit(Weekday::kMonday, DayPart::kMorning) |
                            pa::SlotBit(Weekday::kWednesday, DayPart::kMorning) |
                            pa::SlotBit(Weekday::kFriday, DayPart::kMorning);
  return {
      {"A PA for Saturday walks and lunch out",
       "I would like someone to walk with me by the river on Saturdays and have lunch out.",
       sat,
       {"going_out"},
       {"walking"},
       6,
       1400},
      {"Help getting up and dressed, three mornings a week",
       "Help with washing and dressing, then breakfast together. I use a hoist.",
       mornings,
       {"personal_care", "moving_and_handling"},
       {},
       6,
       1450},
      {"Someone to take me to football and the shops",
       "I support the local team and like to go to home matches, and shopping on weekday "
       "afternoons. I have a learning disability.",
       pa::SlotBit(Weekday::kTuesday, DayPart::kAfternoon) |
           pa::SlotBit(Weekday::kSaturday, DayPart::kAfternoon),
       {"going_out", "learning_disability"},
       {"football"},
       8,
       1375},
  };
}

// The first people (after those whose PA the demo pays) whose postcode is on the map.
Result<std::vector<std::pair<PersonRecord, domain::GeoPoint>>> AdvertPeople(DemoContext& ctx,
                                                                            size_t most) {
  std::vector<std::pair<PersonRecord, domain::GeoPoint>> out;
  for (PersonId id : ctx.people) {
    if (out.size() == most) break;
    if (std::any_of(ctx.pa_payroll_people.begin(), ctx.pa_payroll_people.end(),
                    [&](const auto& p) { return p.first == id; }))
      continue;
    SD_ASSIGN_OR_RETURN(auto person, ctx.tx.people().Find(id));
    if (!person || !person->details.postcode) continue;
    SD_ASSIGN_OR_RETURN(auto home, ctx.tx.postcodes().Find(*person->details.postcode));
    if (home) out.emplace_back(*person, *home);
  }
  return out;
}

}  // namespace

Status PaAdvertsStep(DemoContext& ctx) {
  const auto adverts = DemoAdverts();
  SD_ASSIGN_OR_RETURN(auto people, AdvertPeople(ctx, adverts.size()));
  SD_ASSIGN_OR_RETURN(auto listed, ctx.tx.pas().Listed());
  std::vector<pa::Vacancy> one(1);
  for (size_t i = 0; i < people.size(); ++i) {
    const auto& [person, home] = people[i];
    const DemoAdvert& a = adverts[i];
    PaVacancyRecord r;
    r.person = person.id;
    r.vacancy = {0,
                 a.title,
                 a.about,
                 "",
                 person.details.postcode->substr(0, person.details.postcode->find(' ')),
                 pa::PublicPoint(home),
                 a.slots,
                 a.hours,
                 Pence::FromPence(a.rate_pence),
                 a.skills,
                 a.interests,
                 "",
                 ctx.now.LondonDate().AddDays(14 + 7 * static_cast<int64_t>(i)),
                 true};
    r.created_by = ctx.user_ids.at(domain::Role::kPractitioner);
    r.created_at = ctx.now;
    SD_ASSIGN_OR_RETURN(r.id, ctx.tx.pas().InsertVacancy(r));
    one[0] = r.vacancy;
    int applied = 0;
    for (const auto& p :
         listed) {  // The first two other PAs it reaches apply; the demo PA is left to apply.
      if (applied == 2 || p.user_id == ctx.user_ids.at(domain::Role::kPersonalAssistant)) continue;
      if (pa::VacanciesFor(p.profile, one, ctx.now.LondonDate(), 1).empty()) continue;
      SD_RETURN_IF_ERROR(StatusOf(ctx.tx.pas().InsertApplication(
          {PaApplicationId{}, r.id, p.id, "I would like this job. " + p.profile.about,
           PaApplicationStatus::kApplied, ctx.now, std::nullopt, std::nullopt, std::nullopt})));
      ++applied;
    }
  }
  return OkStatus();
}

}  // namespace selfdirect::app
