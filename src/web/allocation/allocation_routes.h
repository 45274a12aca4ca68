// File: allocation_routes.h
// Resource allocation: the indicative budget and how it was worked out, the practitioner's
// override, allocation tables (drafts, impact, publishing), calibration samples, and the JSON API.
// Routes in allocation_pages.cc and allocation_api.cc; the use cases in app/ras/ras_service.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <utility>
#include <vector>

#include "app/ras/ras_service.h"
#include "web/person_section.h"
#include "web/route_module.h"

namespace selfdirect::web {

class AllocationRoutes final : public RouteModule, public PersonSection {
 public:
  explicit AllocationRoutes(const SiteEnv& env)
      : RouteModule(env), ras_(env.store, env.clock, env.audit) {}

  app::RasService& service() { return ras_; }
  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;
  // The allocation part of the person page.
  void AddPersonSection(ViewData& page, Context& ctx, const app::PersonFile& file) override;

 private:
  void AddPageRoutes() override;
  void AddApiRoutes() override;
  void AddBudgetApiRoutes();
  void AddTableApiRoutes();
  void AddCalibrationApiRoutes();
  // The allocation table and version named by the path, for pages and API.
  Result<std::pair<std::string, int64_t>> TableFromPath(Context& ctx);
  Response ApiGetBudget(Context& ctx);
  Response ApiOverrideBudget(Context& ctx);
  Response ApiToleranceCheck(Context& ctx);
  Response ApiListTables(Context& ctx);
  Response ApiGetTable(Context& ctx);
  Response ApiCreateTable(Context& ctx);
  Response ApiPublishTable(Context& ctx);
  Response ApiSimulateTable(Context& ctx);
  Response ApiAddSample(Context& ctx);
  Response ApiFitSample(Context& ctx);
  Response RenderBudget(int status, Context& ctx, AssessmentId id, const std::string& amount,
                        const std::string& reason, const std::vector<FieldError>& errors,
                        const std::string& saved);
  Response BudgetPage(Context& ctx);
  Response BudgetOverride(Context& ctx);
  Response AllocationPage(Context& ctx);
  Response RenderAllocation(int status, Context& ctx, const std::string& name,
                            const std::string& csv, const std::vector<FieldError>& errors);
  Response AllocationAddSample(Context& ctx);
  Response AllocationSamplePage(Context& ctx);
  Response AllocationTablePage(Context& ctx);
  Response RenderTable(int status, Context& ctx, const std::string& id, int64_t version,
                       app::DraftChanges form, const std::vector<FieldError>& errors,
                       const std::string& saved);
  Response AllocationDraft(Context& ctx);
  Response AllocationImpactPage(Context& ctx);
  Response AllocationPublish(Context& ctx);

  app::RasService ras_;
};

}  // namespace selfdirect::web
