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
  const Date today = ctx.now.UtcDate();
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
