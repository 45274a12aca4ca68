// File: settings_routes.h
// The council's own settings and policies on the web (issue 23, deliver 5;
// app/settings/council_settings.h): money monitoring thresholds, the review policy and the
// support planning policy, each with
// the version in force, those set for later days and those before, and a form to set new figures
// from a day; the charging policy's versions and the statutory complaint time limits beside them.
// Administrators only; pages and JSON.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/settings/council_settings.h"
#include "web/route_module.h"

namespace selfdirect::web {

class SettingsRoutes final : public RouteModule {
 public:
  explicit SettingsRoutes(const SiteEnv& env)
      : RouteModule(env), settings_(env.store, env.clock, env.audit) {}

  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;

 private:
  using Form = std::multimap<std::string, std::string>;
  void AddPageRoutes() override;
  void AddApiRoutes() override;
  Response SettingsPage(Context& ctx);
  Response SetSubmit(Context& ctx);
  // The page; `kind`'s form shows what was typed and its errors when they are given.
  Response Render(Context& ctx, int status, const std::string& kind, const Form& form,
                  const std::vector<FieldError>& errors, const std::string& banner);
  Response ApiSettings(Context& ctx);
  Response ApiSet(Context& ctx);

  app::SettingsService settings_;
};

}  // namespace selfdirect::web
