// File: people_routes.h
// The people the council supports: the list, a person's page (each area adds its section through
// PersonSection), adding a person, My support, and the JSON API. Routes in people_pages.cc,
// representatives_pages.cc and people_api.cc; the use cases in app/people_service.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <vector>

#include "app/people_service.h"
#include "app/representatives.h"
#include "base/versioned_cache.h"
#include "web/person_section.h"
#include "web/render.h"
#include "web/route_module.h"

namespace selfdirect::web {

class PeopleRoutes final : public RouteModule {
 public:
  explicit PeopleRoutes(const SiteEnv& env)
      : RouteModule(env),
        people_(env.store, env.clock, env.audit),
        representatives_(env.store, env.clock, env.audit),
        page_cache_(env.options.person_page_cache_bytes,
                    [](const KeptPersonPage& p) { return p.html.size(); }) {}

  app::PeopleService& service() { return people_; }
  // The areas whose sections the person page shows, in order. Each outlives this module.
  void SetSections(std::vector<PersonSection*> sections) { sections_ = std::move(sections); }
  void AddSchemas(boost::json::object& schemas) const override;

 private:
  void AddPageRoutes() override;
  void AddApiRoutes() override;
  Response PeopleListPage(Context& ctx);
  // The person page. It is kept rendered for its viewer (their session, name, role and team, and
  // the day) with the version of what it shows (PeopleRepository::PageVersion); while the version
  // holds, the page is shown again from one read of the version and the person.
  Response PersonPage(Context& ctx);
  std::string PersonPageKey(const Context& ctx, PersonId id) const;
  static std::string BackFromPerson(const Context& ctx);
  std::string PersonPageContent(Context& ctx, const app::PersonFile& file);
  Response NewPersonPage(Context& ctx);
  Response NewPersonSubmit(Context& ctx);
  Response MyPage(Context& ctx);
  // Where the person form posts, its heading, button and back link: adding, or changing.
  struct PersonForm {
    std::string action;
    std::string heading;
    std::string button;
    std::string back_href;
  };
  static PersonForm NewForm();
  static PersonForm EditForm(PersonId id, const domain::PersonDetails& details);
  static domain::PersonInput PersonInputFromForm(
      const std::multimap<std::string, std::string>& form, DateParts& dob);
  Response EditPersonPage(Context& ctx);
  Response EditPersonSubmit(Context& ctx);
  Response RenderNewPersonForm(int status, const domain::PersonInput& input,
                               const DateParts& dob_parts, const std::vector<FieldError>& errors,
                               Context& ctx, const PersonForm& form);
  // The sections of the person page (and My support) from one read of the person's file.
  void AddPersonFile(ViewData& d, Context& ctx, const app::PersonFile& file);
  // Who acts for a person (representatives_pages.cc).
  void AddRepresentativeRoutes();
  Response RepresentativesPage(Context& ctx);
  Response RenderRepresentatives(int status, Context& ctx, PersonId id,
                                 const std::vector<FieldError>& errors, const std::string& email,
                                 const std::string& relationship);
  Response RepresentativeAdd(Context& ctx);
  Response InviteRepresentativePage(Context& ctx);
  Response InviteRepresentativeSubmit(Context& ctx);
  Response RenderInviteRepresentative(int status, Context& ctx, PersonId id,
                                      const std::multimap<std::string, std::string>& form,
                                      const std::vector<FieldError>& errors);
  Response RepresentativeChange(Context& ctx);
  Response RepresentativeRemove(Context& ctx);
  Response ApiListPeople(Context& ctx);
  Response ApiGetPerson(Context& ctx);
  Response ApiCreatePerson(Context& ctx);
  Response ApiUpdatePerson(Context& ctx);

  struct KeptPersonPage {
    KeptPersonPage(std::string h, TeamId t) : html(std::move(h)), team_id(t) {}
    std::string html;  // The whole page, layout included.
    TeamId team_id;    // The person's team when it was rendered (for the access check).
  };

  app::PeopleService people_;
  app::RepresentativeService representatives_;
  VersionedCache<KeptPersonPage> page_cache_;
  std::vector<PersonSection*> sections_;
};

}  // namespace selfdirect::web
