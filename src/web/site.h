// File: site.h
// Site is the whole web application for one council: it owns the route table (pages, JSON API,
// static assets, health), resolves the session behind each request, enforces each route's roles
// and CSRF rule, calls the handler, and maps errors to GOV.UK error pages or JSON errors.
//
// Each route declares who may call it (public, or signed in with one of a set of roles); the
// record-level rule (may this person see this record?) is enforced by the use cases in app/.
// Every JSON route carries its OpenAPI operation, and the document at /api/v1/openapi.json is
// built from the route table, so it cannot leave one out.
#pragma once

#include <boost/json/value.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/assessment_service.h"
#include "app/auth.h"
#include "app/charging/charging_service.h"
#include "app/directory/directory_service.h"
#include "app/people_service.h"
#include "app/planning/planning_service.h"
#include "app/ras/ras_service.h"
#include "web/http/router.h"
#include "web/http/server.h"
#include "web/http/static_files.h"
#include "web/pages/view.h"

namespace selfdirect::web {

// The three boxes of a GOV.UK date input, as typed.
struct DateParts {
  std::string day;
  std::string month;
  std::string year;
};
// "27", "3", "1950" -> "1950-03-27"; all empty -> "". Malformed parts give a string the date
// validator refuses, so the person sees "Date of birth must be a real date".
std::string IsoDateFromParts(const DateParts& parts);

struct SiteOptions {
  app::Council council;
  bool secure_cookies = false;  // Set when served over HTTPS (behind a TLS proxy).
  // Directory listings kept in recent search answers (0: none; see DirectorySearchCache).
  size_t directory_cache_listings = app::kDirectorySearchCacheListings;
  // Answer directory searches from an in-memory index (DirectorySearchIndex), not the database.
  bool directory_index = true;
};

// What a handler gets: the request, the caller (if signed in) and the council.
struct Context {
  Request& request;
  std::optional<app::Principal> principal;
  app::CallContext call;
};

class Site final : public RequestHandler {
 public:
  Site(SiteOptions options, app::Store& store, const Clock& clock, StaticFiles static_files);

  Response Handle(Request& request) override;
  bool RunsOffIoThread(const Request& request) const override;
  Response Overloaded(const Request& request) const override;
  // Builds the directory's search index before the first request (app::DirectoryService::
  // PrepareSearch); how many entries it holds.
  Result<size_t> PrepareDirectorySearch() { return directory_.PrepareSearch(options_.council.id); }

  // The OpenAPI 3.1 document describing every JSON route.
  boost::json::value OpenApiDocument() const;

 private:
  enum class Audience { kPublic, kSignedIn };
  using Handler = std::function<Response(Site&, Context&)>;
  struct Route {
    Audience audience = Audience::kSignedIn;
    std::vector<domain::Role> roles;  // Empty: any signed-in role.
    bool api = false;
    bool slow = false;      // Runs off the I/O thread (password hashing).
    bool own_csrf = false;  // Checks its own anti-forgery token (sign-in).
    Handler handler;
    boost::json::value openapi;  // The OpenAPI operation object (API routes).
  };

  // A route for signed-in users with one of `roles` (empty: any role): a page, or a JSON API
  // operation described by `openapi`.
  static Route PageRoute(std::vector<domain::Role> roles, Handler handler);
  // A JSON route anyone may call that changes nothing (no sign-in, no CSRF token).
  static Route PublicApiRoute(Handler handler, boost::json::value openapi);
  static Route ApiRoute(std::vector<domain::Role> roles, Handler handler,
                        boost::json::value openapi);

  void AddPageRoutes();
  void AddAssessmentPageRoutes();
  void AddApiRoutes();
  void AddAssessmentApiRoutes();
  void AddAllocationPageRoutes();
  void AddAllocationApiRoutes();
  void AddChargingPageRoutes();
  void AddChargingApiRoutes();
  void AddPlanningApiRoutes();
  void AddPlanningPageRoutes();
  void AddDirectoryApiRoutes();
  void AddDirectoryPageRoutes();
  void Add(Method method, const std::string& pattern, Route route);

  Response Dispatch(Request& request);
  Response Authorise(const Route& route, Context& ctx, app::SessionProblem problem);
  bool CsrfValid(const Route& route, const Context& ctx) const;

  // Pages.
  Response StartPage(Context& ctx);
  Response SignInPage(Context& ctx);
  Response SignInSubmit(Context& ctx);
  Response SignOut(Context& ctx);
  Response AccessibilityPage(Context& ctx);
  Response HomePage(Context& ctx);
  Response PeopleListPage(Context& ctx);
  Response PersonPage(Context& ctx);
  Response NewPersonPage(Context& ctx);
  Response NewPersonSubmit(Context& ctx);
  Response MyPage(Context& ctx);
  // Assessment pages (pages/assessment_pages.cc).
  Response StartAssessment(Context& ctx);
  Response AssessmentOverview(Context& ctx);
  Response AssessmentQuestion(Context& ctx);
  Response AssessmentAnswer(Context& ctx);
  Response AssessmentCheck(Context& ctx);
  Response AssessmentSubmit(Context& ctx);
  Response AssessmentDecision(Context& ctx);
  Response AssessmentRecordForm(Context& ctx);
  Response AssessmentRecordSubmit(Context& ctx);
  Response CaseloadPage(Context& ctx);
  // The assessment named by the {id} path parameter, if the caller may see it.
  Result<app::AssessmentView> AssessmentFromPath(Context& ctx);
  Response RenderQuestion(int status, Context& ctx, const app::AssessmentView& view,
                          const domain::Question& question, const std::vector<std::string>& values,
                          const std::string& error);
  Response RenderCheck(int status, Context& ctx, const app::AssessmentView& view,
                       const std::vector<FieldError>& errors);
  Response RenderRecord(int status, Context& ctx, const app::AssessmentView& view,
                        const std::string& participants, const std::string& notes,
                        const std::vector<FieldError>& errors);
  // The assessments part of a person's page (partials/assessment_list).
  // The sections of the person page (and My support) from one read of the person's file.
  void AddPersonFile(ViewData& d, Context& ctx, const app::PersonFile& file);
  // Resource allocation pages (pages/allocation_pages.cc).
  Response BudgetPage(Context& ctx);
  Response BudgetOverride(Context& ctx);
  Response RenderBudget(int status, Context& ctx, AssessmentId id, const std::string& amount,
                        const std::string& reason, const std::vector<FieldError>& errors,
                        const std::string& saved);
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
  Result<std::pair<std::string, int64_t>> TableFromPath(Context& ctx);
  // Financial assessment pages (pages/charging_pages.cc).
  Response CalculatorPage(Context& ctx);
  Response CalculatorSubmit(Context& ctx);
  Response KeepEstimate(Context& ctx);
  Response RemoveEstimate(Context& ctx);
  // The "keep this estimate" choice on the calculator, for a signed-in person or representative.
  void SetKeepChoice(ViewData& d, Context& ctx, bool show_button, const std::string& chosen,
                     const std::string& error);
  Response NewFinancialAssessmentPage(Context& ctx);
  Response CreateFinancialAssessment(Context& ctx);
  Response EditFinancialAssessmentPage(Context& ctx);
  Response UpdateFinancialAssessment(Context& ctx);
  Response FinancialAssessmentPage(Context& ctx);
  Response ReassessmentPage(Context& ctx);
  Response ApplyReassessment(Context& ctx);
  Response SaveFinancialForm(Context& ctx, std::optional<PersonId> person,
                             std::optional<int64_t> id);
  Response RenderFinancialForm(int status, Context& ctx, const app::PersonRecord& person,
                               const std::string& action, const std::string& heading,
                               const std::map<std::string, std::string>& values,
                               const std::vector<FieldError>& errors,
                               const app::ChargingOutcome* outcome);
  Response RenderReassessment(int status, Context& ctx, const std::string& on,
                              const std::vector<FieldError>& errors, const std::string& saved);
  // The charges part of a person's page (partials/assessment_list).
  void AddChargeList(ViewData& d, Context& ctx, const app::PersonFile& file);
  // Financial assessment API (api/charging_api.cc).
  // Support plan pages (pages/planning_pages.cc) and API (api/planning_api.cc).
  Response StartPlan(Context& ctx);
  Response PlanPage(Context& ctx);
  Response PlanSectionPage(Context& ctx);
  Response PlanSectionSubmit(Context& ctx);
  Response PlanSubmit(Context& ctx);
  Response PlanDecide(Context& ctx);
  Response PlanRevise(Context& ctx);
  Response PlanAgreedPage(Context& ctx);
  Response PlansWaitingPage(Context& ctx);
  Response SpendingDashboardPage(Context& ctx);
  Response RenderPlan(int status, Context& ctx, const app::PlanView& v,
                      const std::vector<FieldError>& errors, const std::string& reason);
  Response RenderPlanSection(int status, Context& ctx, const app::PlanView& v,
                             domain::PlanSection section, const boost::json::object& shown,
                             const std::vector<FieldError>& errors);
  Response ApiStartPlan(Context& ctx);
  Response ApiGetPlan(Context& ctx);
  Response ApiPlanFhir(Context& ctx);
  Response ApiSavePlan(Context& ctx);
  Response ApiSubmitPlan(Context& ctx);
  Response ApiDecidePlan(Context& ctx);
  Response ApiSpending(Context& ctx);
  Response ApiCalculateCharge(Context& ctx);
  Response ApiCreateFinancialAssessment(Context& ctx);
  Response ApiGetFinancialAssessment(Context& ctx);
  Response ApiUpdateFinancialAssessment(Context& ctx);
  Response ApiPersonFinancialAssessments(Context& ctx);
  Response ApiReassessment(Context& ctx);
  Response ApiKeepEstimate(Context& ctx);
  // Support planning API (api/planning_api.cc).
  Response ApiCostPlan(Context& ctx);
  Response ApiPlanCatalogue(Context& ctx);
  Response ApiEstimates(Context& ctx);
  Response ApiRemoveEstimate(Context& ctx);
  Response ApiChargingRates(Context& ctx);
  Response ApiChargingPolicy(Context& ctx);
  // Resource allocation API (api/ras_api.cc).
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
  // API (api/assessment_api.cc).
  Response ApiStartAssessment(Context& ctx);
  Response ApiGetAssessment(Context& ctx);
  Response ApiSaveAnswers(Context& ctx);
  Response ApiSubmitAssessment(Context& ctx);
  Response ApiCompleteAssessment(Context& ctx);
  Response ApiDetermination(Context& ctx);
  Response ApiPersonAssessments(Context& ctx);
  Response ApiQuestionnaireResponse(Context& ctx);

  // The Open Referral UK API (api/directory_api.cc) and the editors' directory API.
  Response OrApiInfo(Context& ctx);
  Response OrServices(Context& ctx);
  Response OrService(Context& ctx);
  Response OrServiceAtLocations(Context& ctx);
  Response OrServiceAtLocation(Context& ctx);
  Response OrTaxonomies(Context& ctx);
  Response OrTaxonomy(Context& ctx);
  Response OrTaxonomyTerms(Context& ctx);
  Response OrTaxonomyTerm(Context& ctx);
  Response ApiDirectoryImport(Context& ctx);
  Response ApiDirectoryExport(Context& ctx);
  Response ApiDirectoryImportCsv(Context& ctx);
  Response ApiDirectoryExportCsv(Context& ctx);
  Response ApiDirectorySave(Context& ctx);
  Response ApiDirectoryRemove(Context& ctx);
  // Directory pages (pages/directory_pages.cc).
  Response DirectorySearchPage(Context& ctx);
  Response DirectoryServicePage(Context& ctx);
  Response DirectoryAddToPlan(Context& ctx);
  Response DirectoryReviewPage(Context& ctx);
  Response DirectoryMarkReviewed(Context& ctx);
  Response DirectoryNewPage(Context& ctx);
  Response DirectoryEditPage(Context& ctx);
  Response DirectoryFormSubmit(Context& ctx);  // Adding (no id) or changing an entry.
  Response DirectoryImportPage(Context& ctx);
  Response DirectoryImportSubmit(Context& ctx);  // Uploaded files: a JSON feed or CSV files.
  Response DirectoryExportFile(Context& ctx);    // One of the profile's CSV files, to download.
  Response RenderDirectoryImport(int status, const std::vector<FieldError>& errors,
                                 const app::ImportReport* report, Context& ctx);
  Response RenderDirectoryForm(int status, const std::multimap<std::string, std::string>& values,
                               const std::vector<FieldError>& errors, const std::string& id,
                               Context& ctx);

  // API.
  Response ApiHealth(Context& ctx);
  Response ApiOpenApi(Context& ctx);
  Response ApiSignIn(Context& ctx);
  Response ApiSignOut(Context& ctx);
  Response ApiMe(Context& ctx);
  Response ApiListPeople(Context& ctx);
  Response ApiGetPerson(Context& ctx);
  Response ApiCreatePerson(Context& ctx);

  // Rendering helpers.
  Response Page(int status, const std::string& title, const std::string& template_name,
                ViewData data, Context& ctx);
  Response ErrorPage(int status, const std::string& heading,
                     const std::vector<std::string>& paragraphs, Context& ctx,
                     const std::string& link_href = "", const std::string& link_text = "");
  Response ErrorResponse(const Error& error, Context& ctx);
  Response RenderNewPersonForm(int status, const domain::PersonInput& input,
                               const DateParts& dob_parts, const std::vector<FieldError>& errors,
                               Context& ctx);
  Response SignInForm(int status, Context& ctx, const std::string& email,
                      const std::vector<FieldError>& errors, const std::string& notice);
  std::string HomePath(const app::Principal& who) const;

  SiteOptions options_;
  app::Store& store_;
  const Clock& clock_;
  StaticFiles static_files_;
  app::SignInThrottle throttle_;
  app::AuditTrail audit_;  // Flushed when the Site is destroyed (after the server stops).
  app::AuthService auth_;
  app::PeopleService people_;
  app::AssessmentService assessments_;
  app::RasService ras_;
  app::ChargingService charging_;
  app::PlanningService planning_;
  app::DirectoryService directory_;
  Router<Route> router_;
};

// The support plan named by the {id} path parameter (digits only), for pages and API.
std::optional<int64_t> PlanIdFromPath(Context& ctx);
// The GOV.UK tag class showing a plan's status.
std::string PlanStatusTagClass(domain::PlanStatus status);

// Who may call the person routes at all (the record rule then narrows it; access_policy.h).
inline const std::vector<domain::Role> kCaseworkRoles = {
    domain::Role::kPractitioner, domain::Role::kApprover, domain::Role::kFinanceOfficer,
    domain::Role::kAdministrator};
inline const std::vector<domain::Role> kCreatorRoles = {
    domain::Role::kPractitioner, domain::Role::kApprover, domain::Role::kAdministrator};
inline const std::vector<domain::Role> kPersonViewerRoles = {
    domain::Role::kPractitioner,  domain::Role::kApprover,     domain::Role::kFinanceOfficer,
    domain::Role::kAdministrator, domain::Role::kBudgetHolder, domain::Role::kRepresentative};

// GOV.UK pagination (templates/partials/pagination.mustache) for page `page` of `total_pages`;
// page links are `base` + "page=N".
void SetPagination(ViewData& d, int page, int total_pages, const std::string& base);

// Maps an error code to its HTTP status (400s for the caller's faults, 5xx for ours).
int HttpStatusFor(ErrorCode code);

}  // namespace selfdirect::web
