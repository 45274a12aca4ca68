// File: making_it_real_routes.h
// The Making it Real self-assessment on the web (issue 22; the use cases in
// app/outcomes/making_it_real_service.h): the years and the progress by theme, a year's ratings,
// evidence and actions, the council's statements, and the JSON API. Years appear in addresses
// as "2026-27" (for "2026/27").
#pragma once

#include <string>
#include <vector>

#include "app/outcomes/making_it_real_service.h"
#include "web/route_module.h"

namespace selfdirect::web {

class MakingItRealRoutes final : public RouteModule {
 public:
  explicit MakingItRealRoutes(const SiteEnv& env) : RouteModule(env), mir_(env.store, env.clock) {}

  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;

 private:
  void AddPageRoutes() override;
  void AddApiRoutes() override;

  // making_it_real_pages.cc
  Response OverviewPage(Context& ctx);
  Response StartYearSubmit(Context& ctx);
  Response YearPage(Context& ctx);
  Response RateSubmit(Context& ctx);
  Response ActionSubmit(Context& ctx);
  Response ActionDoneSubmit(Context& ctx);
  Response AgreeSubmit(Context& ctx);
  Response StatementsPage(Context& ctx);
  Response StatementSubmit(Context& ctx);
  Response RenderYear(Context& ctx, const std::string& year, const std::vector<FieldError>& errors,
                      const std::string& error_for);
  Response RenderStatements(Context& ctx, const std::vector<FieldError>& errors);
  // The newest agreed year for the public, without sign-in.
  Response PublicPage(Context& ctx);

  // making_it_real_api.cc
  Response ApiYears(Context& ctx);
  Response ApiYear(Context& ctx);
  Response ApiRate(Context& ctx);
  Response ApiAction(Context& ctx);

  app::MakingItRealService mir_;
};

// "2026-27" in an address as the year "2026/27".
std::string YearFromPath(const std::string& segment);
// The year as it goes in an address: "2026/27" -> "2026-27".
std::string YearPath(const std::string& year);

}  // namespace selfdirect::web
