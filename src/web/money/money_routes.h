// File: money_routes.h
// The money (issue 20): a person's money page ("My money" for the budget holder and their
// representative, the account page for staff), setting up payments from an agreed plan, the
// finance officer's payment runs with the bank file, the money part of the person page, and the
// JSON API. Pages in money_pages.cc and payment_pages.cc, the API in money_api.cc; the use cases
// in app/money/money_service.h.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "app/money/money_service.h"
#include "app/money/statement_jobs.h"
#include "web/person_section.h"
#include "web/route_module.h"

namespace selfdirect::web {

// An agreement as the API gives it (money_api.cc).
boost::json::object AgreementJsonOf(const app::PaymentAgreementRecord& a);

class MoneyRoutes final : public RouteModule, public PersonSection {
 public:
  explicit MoneyRoutes(const SiteEnv& env)
      : RouteModule(env),
        money_(env.store, env.clock, env.audit),
        dashboard_(env.reports, env.clock, env.audit),
        jobs_(env.store) {}

  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;
  void AddPersonSection(ViewData& page, Context& ctx, const app::PersonFile& file) override;

 private:
  void AddPageRoutes() override;
  void AddApiRoutes() override;
  void AddStatementApiRoutes();
  void AddAgreementRoutes();  // agreement_pages.cc
  Response ChangePage(Context& ctx);
  Response RenderChange(int status, Context& ctx, PaymentAgreementId id,
                        const std::multimap<std::string, std::string>& form,
                        const std::vector<FieldError>& errors);
  Response Change(Context& ctx);
  Response ApiChange(Context& ctx);
  void AddDashboardRoutes();  // money_dashboard_pages.cc
  void AddDashboardSchema(boost::json::object& schemas) const;
  Response DashboardPage(Context& ctx);
  Response ApiDashboard(Context& ctx);
  Response MyMoney(Context& ctx);
  Response MoneyPage(Context& ctx);
  Response SetUpPage(Context& ctx);
  Response SetUp(Context& ctx);
  Response RenderSetUp(int status, Context& ctx, const std::string& plan_id,
                       const std::multimap<std::string, std::string>& form,
                       const std::vector<FieldError>& errors);
  Response ItemPage(Context& ctx);  // money_items_pages.cc
  Response RenderItem(int status, Context& ctx, PersonId person, LedgerTransactionId item,
                      const app::ExplanationInput& typed, const std::vector<FieldError>& errors);
  Response Explain(Context& ctx);
  Response SettleItem(Context& ctx);
  Response TeachRulePage(Context& ctx);
  Response ExplanationFile(Context& ctx);
  Response UploadStatement(Context& ctx);
  Response ImportPage(Context& ctx);  // import_pages.cc
  Response MonitoringPage(Context& ctx);
  Response PaymentsPage(Context& ctx);  // payment_pages.cc
  Response RenderPayments(int status, Context& ctx, const std::string& through,
                          const std::vector<FieldError>& errors);
  Response StartRun(Context& ctx);
  Response RunPage(Context& ctx);
  Response BankFile(Context& ctx);
  Response ApiMoney(Context& ctx);  // money_api.cc
  Response ApiLedger(Context& ctx);
  Response ApiPersonLedger(Context& ctx);
  Response ApiSetUp(Context& ctx);
  Response ApiStartRun(Context& ctx);
  Response ApiImportStatement(Context& ctx);
  Response ApiTeachRule(Context& ctx);
  Response ApiRuns(Context& ctx);
  Response ApiRun(Context& ctx);

  app::MoneyService money_;
  app::MoneyService dashboard_;    // On SiteEnv::reports: the dashboard only.
  app::StatementImportJobs jobs_;  // Long statement imports running in the background.
};

}  // namespace selfdirect::web
