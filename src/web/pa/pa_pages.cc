// The PA finder and a PA's profile page, with asking to contact the PA and verifying their checks.
#include "app/people_service.h"
#include "base/text.h"
#include "web/pa/pa_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;
namespace pa = domain::pa;

constexpr const char* kDayCodes[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr const char* kDayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};
constexpr const char* kPartCodes[] = {"morning", "afternoon", "evening"};
constexpr const char* kPartNames[] = {"Morning (before noon)", "Afternoon (noon to 6pm)",
                                      "Evening (after 6pm)"};

ViewList Options(const char* const* codes, const char* const* names, size_t n,
                 const std::string& field, const std::vector<std::string>& chosen) {
  std::vector<std::pair<std::string, std::string>> options;
  for (size_t i = 0; i < n; ++i) options.push_back({codes[i], names[i]});
  return ChoiceOptions(field, field, options, {chosen.begin(), chosen.end()});
}

ViewList SkillLabels(const std::vector<std::string>& codes) {
  ViewList out;
  for (const auto& c : codes) out.push_back(std::string(pa::SkillLabel(c)));
  return out;
}

std::string JoinText(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

ViewList TextList(const std::vector<std::string>& items) {
  ViewList out;
  for (const auto& i : items) out.push_back(i);
  return out;
}

}  // namespace

ViewList SkillOptions(const std::vector<std::string>& chosen) {
  std::vector<std::pair<std::string, std::string>> options;
  for (const auto& s : pa::Skills()) options.push_back({std::string(s.code), std::string(s.label)});
  return ChoiceOptions("skill", "skill", options, {chosen.begin(), chosen.end()});
}

ViewList DayOptions(const std::vector<std::string>& chosen) {
  return Options(kDayCodes, kDayNames, 7, "day", chosen);
}

ViewList PartOptions(const std::vector<std::string>& chosen) {
  return Options(kPartCodes, kPartNames, 3, "part", chosen);
}

std::string SlotsText(uint32_t slots, const std::string& none) {
  std::string out;
  for (int i = 0; i < pa::kSlots; ++i)
    if (slots & (1u << i)) out += (out.empty() ? "" : ", ") + pa::SlotLabel(i);
  return out.empty() ? none : out;
}

std::vector<std::string> ValuesOf(const std::multimap<std::string, std::string>& m,
                                  const std::string& key) {
  std::vector<std::string> out;
  auto [from, to] = m.equal_range(key);
  for (auto it = from; it != to; ++it) out.push_back(it->second);
  return out;
}

uint32_t SlotsFrom(const std::vector<std::string>& days, const std::vector<std::string>& parts) {
  uint32_t slots = 0;
  for (size_t d = 0; d < 7; ++d)
    for (size_t p = 0; p < 3; ++p)
      if (std::find(days.begin(), days.end(), kDayCodes[d]) != days.end() &&
          std::find(parts.begin(), parts.end(), kPartCodes[p]) != parts.end())
        slots |= pa::SlotBit(static_cast<Weekday>(d), static_cast<pa::DayPart>(p));
  return slots;
}

// The card of a PA as a list or profile page shows it.
ViewData CardView(const app::PaCard& c, const std::string& person_query) {
  ViewData d;
  const auto& p = c.profile;
  d.set("id", std::to_string(p.id));
  d.set("href", "/pas/" + std::to_string(p.id) + person_query);
  d.set("first_name", p.first_name);
  d.set("area", p.area);
  d.set("rate", p.hourly_rate.ToDisplayString());
  d.set("travel", std::to_string(p.travel_miles));
  d.set("verified", p.verified);
  d.set("verifier", c.verifier);
  d.set("miles", c.metres >= 0 ? domain::MilesText(c.metres) : "");
  d.set("reasons", TextList(c.reasons));
  d.set("skills", SkillLabels(p.skills));
  d.set("has_skills", !p.skills.empty());
  d.set("about", p.about);
  d.set("interests", JoinText(p.interests));
  d.set("languages", JoinText(p.languages));
  return d;
}

void PaRoutes::AddPageRoutes() {
  const std::vector<Role> staff = {Role::kPractitioner, Role::kApprover, Role::kAdministrator,
                                   Role::kEmployerOrganisation};
  const std::vector<Role> askers = {Role::kBudgetHolder, Role::kRepresentative, Role::kPractitioner,
                                    Role::kApprover};
  const std::vector<Role> pas = {Role::kPersonalAssistant};
  Add(Method::kGet, "/pas", PageRoute(kPaFinderRoles, Bind(&PaRoutes::FindPage)));
  Add(Method::kGet, "/pas/requests", PageRoute(askers, Bind(&PaRoutes::ContactsPage)));
  std::vector<Role> readers = kPaFinderRoles;
  readers.push_back(Role::kPersonalAssistant);  // Their own profile only (the use case checks).
  Add(Method::kGet, "/pas/{id}", PageRoute(readers, Bind(&PaRoutes::ProfilePage)));
  Add(Method::kPost, "/pas/{id}/contact", PageRoute(askers, Bind(&PaRoutes::Ask)));
  Add(Method::kPost, "/pas/{id}/verification", PageRoute(staff, Bind(&PaRoutes::VerifyPage)));
  Add(Method::kGet, "/my/pa-requests", PageRoute(pas, Bind(&PaRoutes::RequestsPage)));
  Add(Method::kPost, "/my/pa-requests/{id}", PageRoute(pas, Bind(&PaRoutes::AnswerPage)));
  Add(Method::kGet, "/my/pa-profile", PageRoute(pas, Bind(&PaRoutes::MyProfilePage)));
  Add(Method::kPost, "/my/pa-profile", PageRoute(pas, Bind(&PaRoutes::SaveMyProfile)));
}

void PaRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  const Role role = ctx.principal->user.role;
  if (role == Role::kPersonalAssistant) {
    auto requests = pas_.RequestsToMe(ctx.call, *ctx.principal);
    size_t n = 0;
    if (requests.ok())
      for (const auto& r : *requests) n += r.contact.status == app::PaContactStatus::kAsked;
    out.push_back(
        {"/my/pa-requests",
         std::to_string(n) + (n == 1 ? " person wants" : " people want") + " to contact you",
         n > 0});
    out.push_back({"/my/pa-profile", "Your PA profile", false});
    return;
  }
  if (std::find(kPaFinderRoles.begin(), kPaFinderRoles.end(), role) != kPaFinderRoles.end())
    out.push_back({"/pas", "Find a personal assistant", false});
}

Response PaRoutes::FindPage(Context& ctx) {
  const auto& q = ctx.request.query;
  app::PaSearch search;
  search.postcode = std::string(Trim(ctx.request.Query("postcode")));
  const auto days = ValuesOf(q, "day"), parts = ValuesOf(q, "part");
  search.slots = SlotsFrom(days, parts);
  search.skills = ValuesOf(q, "skill");
  search.interests = ctx.request.Query("interests");
  search.language = std::string(Trim(ctx.request.Query("language")));
  search.max_rate = std::string(Trim(ctx.request.Query("max_rate")));
  const std::string person = ctx.request.Query("person");
  const std::string person_query = person.empty() ? "" : "?person=" + person;
  ViewData d;
  d.set("postcode", search.postcode);
  d.set("interests", search.interests);
  d.set("language", search.language);
  d.set("max_rate", search.max_rate);
  d.set("person", person);
  d.set("day_options", DayOptions(days));
  d.set("part_options", PartOptions(parts));
  d.set("skill_options", SkillOptions(search.skills));
  std::vector<FieldError> errors;
  if (!search.postcode.empty()) {
    auto found = pas_.Find(ctx.call, *ctx.principal, search);
    if (found.ok()) {
      ViewList cards;
      for (const auto& c : found->cards) cards.push_back(CardView(c, person_query));
      d.set("searched", true);
      d.set("cards", cards);
      d.set("count", std::to_string(found->cards.size()));
      d.set("none", found->cards.empty());
      d.set("searched_postcode", found->postcode);
    } else if (found.error().code == ErrorCode::kInvalidArgument) {
      errors = found.error().fields;
    } else {
      return ErrorResponse(found.error(), ctx);
    }
  }
  for (const char* f : {"postcode", "skills", "max_rate"})
    d.set(std::string(f) + "_error", ErrorFor(errors, f));
  SetErrorSummary(d, errors);
  return Page(errors.empty() ? 200 : 422, "Find a personal assistant", "pa_find", d, ctx);
}

}  // namespace selfdirect::web
