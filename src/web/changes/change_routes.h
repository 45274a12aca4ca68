// File: change_routes.h
// Changes of circumstance on the web (issue 23, deliver 3; app/planning/plan_changes.h): what
// changed in a person's support and why, before and after side by side, from the day it took
// effect; the person page's link to it; and the JSON API.
#pragma once

#include <vector>

#include "app/planning/plan_changes.h"
#include "web/person_section.h"
#include "web/route_module.h"

namespace selfdirect::web {

class ChangeRoutes final : public RouteModule, public PersonSection {
 public:
  explicit ChangeRoutes(const SiteEnv& env)
      : RouteModule(env), changes_(env.store, env.clock, env.audit) {}

  void AddSchemas(boost::json::object& schemas) const override;
  void AddPersonSection(ViewData& page, Context& ctx, const app::PersonFile& file) override;

 private:
  void AddPageRoutes() override;
  void AddApiRoutes() override;
  Response ChangesPage(Context& ctx);
  Response ApiChanges(Context& ctx);

  app::PlanChangeService changes_;
};

}  // namespace selfdirect::web
