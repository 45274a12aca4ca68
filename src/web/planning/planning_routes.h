// File: planning_routes.h
// Support plans: the task list and its parts, sending, the approver's decision, the agreed plan,
// plans waiting, the spending dashboard, costing, and the JSON and FHIR API.
// Routes in planning_pages.cc (the task list, sending, deciding, the agreed plan),
// plan_section_form.cc (each section's form, read and shown), planning_dashboard.cc (plans
// waiting, the spending dashboard) and planning_api.cc; the use cases in
// app/planning/planning_service.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/planning/planning_service.h"
#include "web/person_section.h"
#include "web/plan_ideas.h"
#include "web/route_module.h"

namespace selfdirect::web {

// The support plan named by the {id} path parameter (digits only), for pages and API.
std::optional<SupportPlanId> PlanIdFromPath(Context& ctx);
// The GOV.UK tag class showing a plan's status.
std::string PlanStatusTagClass(domain::PlanStatus status);

// Who may write a plan: the person, their representative, and the council's planners.
inline const std::vector<domain::Role> kPlannerRoles = {
    domain::Role::kBudgetHolder, domain::Role::kRepresentative, domain::Role::kPractitioner,
    domain::Role::kApprover, domain::Role::kAdministrator};
// Who may see the spending of agreed plans.
inline const std::vector<domain::Role> kSpendingViewerRoles = {
    domain::Role::kAnalyst, domain::Role::kApprover, domain::Role::kFinanceOfficer,
    domain::Role::kAdministrator};

// What the planning pages share.
namespace plan_pages {

using Form = std::multimap<std::string, std::string>;

// The form field `key`, trimmed ("" when absent).
std::string Value(const Form& form, const std::string& key);
// "/plans/{id}".
std::string PlanPath(SupportPlanId id);
// The costed lines and totals of a plan, for the task list, the support section and the agreed
// plan.
void AddCost(ViewData& d, const app::PlanView& v);

// A list with a row for each of `items`, filled by `fill(row, item)`.
template <typename Items, typename Fill>
ViewList RowsOf(const Items& items, Fill fill) {
  ViewList rows;
  for (const auto& item : items) {
    ViewData row;
    fill(row, item);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace plan_pages

class PlanningRoutes final : public RouteModule, public PersonSection {
 public:
  explicit PlanningRoutes(const SiteEnv& env)
      : RouteModule(env),
        planning_(env.store, env.clock, env.audit),
        spending_(env.reports, env.clock, env.audit) {}

  app::PlanningService& service() { return planning_; }
  // Where the support section's ideas near home come from (the directory); it outlives this.
  void SetIdeas(PlanIdeas* ideas) { ideas_ = ideas; }
  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;
  // The planning part of the person page.
  void AddPersonSection(ViewData& page, Context& ctx, const app::PersonFile& file) override;

 private:
  void AddPageRoutes() override;
  void AddApiRoutes() override;
  // The plan named by the path, as the caller may see it.
  Result<app::PlanView> PlanFromPath(Context& ctx);
  // `v` as the plan's JSON (200), or its error.
  Response PlanReply(const Result<app::PlanView>& v, Context& ctx) const;
  Response ApiStartPlan(Context& ctx);
  Response ApiGetPlan(Context& ctx);
  Response ApiPlanFhir(Context& ctx);
  Response ApiSavePlan(Context& ctx);
  Response ApiSubmitPlan(Context& ctx);
  Response ApiDecidePlan(Context& ctx);
  Response ApiSpending(Context& ctx);
  Response ApiCostPlan(Context& ctx);
  Response ApiPlanCatalogue(Context& ctx);
  Response StartPlan(Context& ctx);
  Response RenderPlan(int status, Context& ctx, const app::PlanView& v,
                      const std::vector<FieldError>& errors, const std::string& reason);
  Response PlanPage(Context& ctx);
  Response RenderPlanSection(int status, Context& ctx, const app::PlanView& v,
                             domain::PlanSection section, const boost::json::object& shown,
                             const std::vector<FieldError>& errors);
  Response PlanSectionPage(Context& ctx);
  Response PlanSectionSubmit(Context& ctx);
  Response PlanSubmit(Context& ctx);
  Response PlanDecide(Context& ctx);
  Response PlanRevise(Context& ctx);
  Response PlanAgreedPage(Context& ctx);
  Response PlansWaitingPage(Context& ctx);
  Response SpendingDashboardPage(Context& ctx);

  app::PlanningService planning_;
  app::PlanningService spending_;  // On SiteEnv::reports: the spending dashboard only.
  PlanIdeas* ideas_ = nullptr;
};

}  // namespace selfdirect::web
