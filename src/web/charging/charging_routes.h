// File: charging_routes.h
// Financial assessment and charging: the public "What will I pay?" calculator, kept estimates,
// the finance officer's assessment with its evidence, the yearly re-assessment, and the JSON API.
// Routes in charging_pages.cc and charging_api.cc; the use cases in app/charging/charging_service.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <string>
#include <vector>

#include "app/charging/charging_service.h"
#include "app/people_service.h"
#include "web/person_section.h"
#include "web/route_module.h"

namespace selfdirect::web {

class ChargingRoutes final : public RouteModule, public PersonSection {
 public:
  ChargingRoutes(const SiteEnv& env, app::PeopleService& people)
      : RouteModule(env), charging_(env.store, env.clock, env.audit), people_(people) {}

  app::ChargingService& service() { return charging_; }
  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;
  // The charging part of the person page.
  void AddPersonSection(ViewData& page, Context& ctx, const app::PersonFile& file) override;

 private:
  void AddPageRoutes() override;
  void AddApiRoutes() override;
  void AddCalculatorApiRoutes();
  void AddFinancialAssessmentApiRoutes();
  void AddEstimateApiRoutes();
  Response ApiCalculateCharge(Context& ctx);
  Response ApiChargingRates(Context& ctx);
  Response ApiChargingPolicy(Context& ctx);
  Response ApiCreateFinancialAssessment(Context& ctx);
  // Reads a save's body (input, evidence, reason, complete) and answers with what `save` stored:
  // `status`, or 400 when the body is not a JSON object.
  using SaveChange =
      std::function<Result<app::FinancialAssessmentView>(const app::FinancialAssessmentChange&)>;
  Response SaveFromBody(Context& ctx, int status, const SaveChange& save);
  Response ApiUpdateFinancialAssessment(Context& ctx);
  Response ApiGetFinancialAssessment(Context& ctx);
  Response ApiPersonFinancialAssessments(Context& ctx);
  Response ApiKeepEstimate(Context& ctx);
  Response ApiEstimates(Context& ctx);
  Response ApiRemoveEstimate(Context& ctx);
  Response ApiReassessment(Context& ctx);
  Response CalculatorPage(Context& ctx);
  Response CalculatorSubmit(Context& ctx);
  void SetKeepChoice(ViewData& d, Context& ctx, const std::string& chosen,
                     const std::string& error);
  Response KeepEstimate(Context& ctx);
  Response RemoveEstimate(Context& ctx);
  Response RenderFinancialForm(int status, Context& ctx, const app::PersonRecord& person,
                               const std::string& action, const std::string& heading,
                               const std::map<std::string, std::string>& values,
                               const std::vector<FieldError>& errors,
                               const app::ChargingOutcome* outcome);
  Response NewFinancialAssessmentPage(Context& ctx);
  Response CreateFinancialAssessment(Context& ctx);
  Response EditFinancialAssessmentPage(Context& ctx);
  Response UpdateFinancialAssessment(Context& ctx);
  Response SaveFinancialForm(Context& ctx, std::optional<PersonId> person,
                             std::optional<FinancialAssessmentId> id);
  Response FinancialAssessmentPage(Context& ctx);
  Response RenderReassessment(int status, Context& ctx, const std::string& on,
                              const std::vector<FieldError>& errors, const std::string& saved);
  Response ReassessmentPage(Context& ctx);
  Response QueuePage(Context& ctx);  // charging_queue_page.cc
  // Evidence notes and documents (charging_evidence_pages.cc).
  void AddEvidenceDocuments(ViewData& d, Context& ctx, const app::FinancialAssessmentView& view,
                            const std::vector<FieldError>& errors,
                            const app::EvidenceAddition& typed);
  Response AddEvidence(Context& ctx);
  Response EvidenceDocument(Context& ctx);
  Response ApplyReassessment(Context& ctx);

  app::ChargingService charging_;
  app::PeopleService& people_;  // The person a financial assessment is for.
};

}  // namespace selfdirect::web
