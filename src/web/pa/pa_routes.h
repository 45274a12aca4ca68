// File: pa_routes.h
// Finding a personal assistant (issue 21): people search PAs near a postcode for the days, times
// and skills they need, read a PA's profile, and ask to contact them; the PA agrees or declines,
// and only then do both sides see each other's details. PAs keep their own profile; council
// staff and PA-employer organisations verify their checks. Pages in pa_pages.cc (finder and
// profile) and pa_requests_pages.cc (requests and the PA's own profile), the JSON API in
// pa_api.cc; the use cases in app/pa/.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <vector>

#include "app/pa/pa_service.h"
#include "app/people_service.h"
#include "web/route_module.h"

namespace selfdirect::web {

// Who may search and read PA profiles: people who use care and their representatives, staff who
// plan support, and PA-employer organisations.
inline const std::vector<domain::Role> kPaFinderRoles = {
    domain::Role::kBudgetHolder, domain::Role::kRepresentative,       domain::Role::kPractitioner,
    domain::Role::kApprover,     domain::Role::kEmployerOrganisation, domain::Role::kAdministrator};

// The days and times of a search or a profile, from "day" and "part" values (checkboxes or
// query parameters): each chosen day at each chosen part of the day.
// A PA's card as the API writes it (pa_api.cc).
boost::json::object PaCardJson(const app::PaCard& c);

// Every value of `key` in a query or a form (checkboxes send one each).
std::vector<std::string> ValuesOf(const std::multimap<std::string, std::string>& m,
                                  const std::string& key);

uint32_t SlotsFrom(const std::vector<std::string>& days, const std::vector<std::string>& parts);

// A JSON list of strings at `key` (absent or null: empty), or a field error (pa_api_routes.cc).
std::vector<std::string> StringList(const boost::json::object& o, const char* key,
                                    std::vector<FieldError>& errors);
// Times of the week as the API writes them: "mon-morning" ... "sun-evening"; unknown codes are
// field errors on `key`.
uint32_t SlotsFromCodes(const std::vector<std::string>& codes, const char* key,
                        std::vector<FieldError>& errors);
std::vector<std::string> SlotCodes(uint32_t slots);
// The page's checkboxes of days, parts of the day and skills (pa_pages.cc).
ViewList DayOptions(const std::vector<std::string>& chosen);
ViewList PartOptions(const std::vector<std::string>& chosen);
ViewList SkillOptions(const std::vector<std::string>& chosen);
// "Monday morning, Saturday afternoon", or `none` when no time is set.
std::string SlotsText(uint32_t slots, const std::string& none);

class PaRoutes final : public RouteModule {
 public:
  explicit PaRoutes(const SiteEnv& env)
      : RouteModule(env),
        pas_(env.store, env.clock, env.audit),
        people_(env.store, env.clock, env.audit) {}

  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;

 private:
  void AddPageRoutes() override;
  void AddApiRoutes() override;
  void AddContactApiRoutes();       // pa_api_routes.cc
  Response FindPage(Context& ctx);  // pa_pages.cc
  Response ProfilePage(Context& ctx);
  Response RenderProfile(int status, Context& ctx, PaProfileId id, const std::string& message,
                         const std::vector<FieldError>& errors);
  Response Ask(Context& ctx);
  Response VerifyPage(Context& ctx);
  Response RequestsPage(Context& ctx);  // pa_requests_pages.cc
  Response AnswerPage(Context& ctx);
  Response ContactsPage(Context& ctx);
  Response MyProfilePage(Context& ctx);
  Response RenderMyProfile(int status, Context& ctx, const app::PaProfileInput& in,
                           const std::vector<FieldError>& errors);
  Response SaveMyProfile(Context& ctx);
  Response ApiFind(Context& ctx);  // pa_api.cc
  Response ApiGet(Context& ctx);
  Response ApiAsk(Context& ctx);
  Response ApiRequests(Context& ctx);
  Response ApiAnswer(Context& ctx);
  Response ApiSaveProfile(Context& ctx);
  Response ApiVerify(Context& ctx);

  app::PaService pas_;
  app::PeopleService people_;
};

}  // namespace selfdirect::web
