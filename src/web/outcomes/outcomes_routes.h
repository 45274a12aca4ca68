// File: outcomes_routes.h
// Outcomes (issue 22): ASCOF measure 3D from the council's own records, as a page for analysts,
// finance officers and administrators, as JSON, and the client-level extract as CSV for
// analysts. Staff see exact counts (the figures agree with the extract); rounding to 5 is for
// what the council publishes (outcomes_pages.cc, outcomes_api.cc; the use case in
// app/outcomes/ascof_service.h).
#pragma once

#include <vector>

#include "app/outcomes/ascof_service.h"
#include "app/outcomes/survey_service.h"
#include "web/route_module.h"

namespace selfdirect::web {

class OutcomesRoutes final : public RouteModule {
 public:
  // `surveys`: the survey results' use cases (SurveyRoutes::reports(), on SiteEnv::reports), for
  // the survey-based measures on the ASCOF page.
  OutcomesRoutes(const SiteEnv& env, app::SurveyService& surveys)
      : RouteModule(env), ascof_(env.reports, env.clock, env.audit), surveys_(surveys) {}

  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;

 private:
  void AddPageRoutes() override;
  void AddApiRoutes() override;
  Response AscofPage(Context& ctx);  // outcomes_pages.cc
  Response ClientExtract(Context& ctx);
  Response ApiAscof(Context& ctx);  // outcomes_api.cc
  Response ApiSurveyMeasures(Context& ctx);

  app::AscofService ascof_;      // On SiteEnv::reports: only reads and shows the measure.
  app::SurveyService& surveys_;  // The survey-based measures.
};

// The measure's date from `?on=`: a date as YYYY-MM-DD, or `today` when there is none.
// kInvalidArgument naming "on" for anything else.
Result<Date> MeasureDate(const std::string& on, Date today);

}  // namespace selfdirect::web
