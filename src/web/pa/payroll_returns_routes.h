// File: payroll_returns_routes.h
// After a PA's pay (issue 21): the pay run page with what to send HMRC (the Full Payment
// Submission and the Employer Payment Summary, as XML files) and what to pay them by when, the
// pension contribution schedule (a table and CSV); the form where whoever runs pay records what
// HMRC need to know of the PA; each PA's P60 (a page that prints, and a PDF); the finance
// officers' list of PA paydays the budget will not cover (payday_alerts_page.cc). Pages in
// payroll_returns_pages.cc, the JSON API and the files in payroll_returns_api.cc. The use cases
// and who may see what: app/pa/payroll_returns.h.
#pragma once

#include "app/pa/employment_service.h"
#include "app/pa/payroll_returns.h"
#include "web/route_module.h"

namespace selfdirect::web {

class PayrollReturnsRoutes final : public RouteModule {
 public:
  explicit PayrollReturnsRoutes(const SiteEnv& env)
      : RouteModule(env),
        returns_(env.store, env.clock, env.audit),
        employment_(env.store, env.clock, env.audit) {}

  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;

 private:
  void AddPageRoutes() override;  // payroll_returns_pages.cc
  void AddApiRoutes() override;   // payroll_returns_api.cc
  Response PayRunPage(Context& ctx);
  Response DetailsPage(Context& ctx);
  Response SaveDetails(Context& ctx);
  Response RenderDetails(int status, Context& ctx, EngagementId id,
                         const app::PayrollDetailsInput& typed,
                         const std::vector<FieldError>& errors);
  Response P60Page(Context& ctx);
  Response P60Pdf(Context& ctx);
  Response P45Page(Context& ctx);
  Response FpsFile(Context& ctx);
  Response EpsFile(Context& ctx);
  Response PensionCsv(Context& ctx);
  Response ApiPayRun(Context& ctx);
  Response ApiDetails(Context& ctx);
  Response ApiSaveDetails(Context& ctx);
  Response ApiP60(Context& ctx);
  Result<app::PayRunView> LoadRun(Context& ctx);
  Result<app::P60View> LoadP60(Context& ctx);
  Response PaydayAlertsPage(Context& ctx);  // payday_alerts_page.cc

  app::PayrollReturnsService returns_;
  app::EmploymentService employment_;
};

}  // namespace selfdirect::web
