// File: employment_routes.h
// Employing a personal assistant (issue 21): the person's side employs a PA who agreed to be
// contacted, in one of three employer modes; the employer keeps the employer's checklist; the PA
// sends a week's hours from their phone; the employer approves or queries them and runs pay; the
// PA reads their payslips. Pages in employment_pages.cc (employing a PA, the work page),
// employment_engagement_page.cc (an engagement with its checklist, timesheets, payday and pay
// runs), employment_timesheet_pages.cc (the timesheet form and a payslip); the JSON API in
// employment_api.cc and employment_api_routes.cc; reading what people type in
// employment_input.cc. The use cases are app/pa/employment_service.h: the service decides who
// may see and do what, and refuses what the caller may not see as "not found".
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/pa/employment_service.h"
#include "app/pa/pa_service.h"
#include "app/people_service.h"
#include "web/route_module.h"

namespace selfdirect::web {

// Who may employ a PA for a person: the person, their representative, and the staff who plan
// their support (the service checks they may act for the person).
inline const std::vector<domain::Role> kEmployingRoles = {
    domain::Role::kBudgetHolder, domain::Role::kRepresentative, domain::Role::kPractitioner,
    domain::Role::kApprover};

// Who has a work page: PAs (their work and pay) and those who employ or direct PAs.
inline const std::vector<domain::Role> kWorkPageRoles = {
    domain::Role::kPersonalAssistant, domain::Role::kBudgetHolder, domain::Role::kRepresentative,
    domain::Role::kEmployerOrganisation};

// --- Reading and writing what people type (employment_input.cc) ------------------------------

// 750 -> "7.5", 2000 -> "20", 725 -> "7.25".
std::string HoursText(int64_t hundredths);
// "7.5" -> 750, "20" -> 2000; nullopt for anything else (negative, three decimals, words).
std::optional<int64_t> ParseHundredths(std::string_view text);
// "Every week", "Every two weeks", "Every four weeks", "Every month".
std::string FrequencyWords(domain::payroll::Frequency f);
// The same in the middle of a sentence: "every week".
std::string FrequencyInSentence(domain::payroll::Frequency f);
// "Waiting for approval", "Approved", "Queried", "Paid".
std::string TimesheetStatusWords(app::TimesheetStatus s);
// "A: most employees", ...
std::string NiCategoryWords(domain::payroll::NiCategory c);
std::string EmployerModeHint(domain::payroll::EmployerMode m);

// The contract as typed on the employ form or sent to the API, every value a string as typed
// ("" when not given). Dates are ISO ("2026-12-07").
struct EngagementForm {
  std::string person_id, mode, employer_name, organisation_email, hourly_rate, weekly_hours,
      frequency, holiday_basis, start_date, date_of_birth, tax_code, ni_category, funded_from,
      plan_line, qualifying_days, management_fee, p45_taxable_pay, p45_tax, p45_leaving_date;
  std::string pension_enrolled;  // "yes", "no" or "".
  std::string employee_percent, employer_percent;
};

// The engagement to make, or kInvalidArgument with a message for each field that cannot be read
// (named as the API names them: "hourly_rate", "start_date", "pension.employee_percent").
Result<app::EngagementInput> EngagementInputOf(const EngagementForm& f, PaProfileId pa);

// The employer's checklist as typed (ISO dates, "" when not given).
struct ChecklistForm {
  std::string insurance_until, employer_reference, right_to_work_seen, dbs_seen, contract_signed,
      pension_duties_done;
};
Result<domain::payroll::EmployerChecklist> ChecklistOf(const ChecklistForm& f);
// The checklist's date fields, in the order the page shows them, with their labels.
struct ChecklistDateField {
  const char* field;
  const char* label;
};
const std::vector<ChecklistDateField>& ChecklistDateFields();

// --- Page pieces (employment_pages.cc) --------------------------------------------------------

// A radio or select option: `hint` may be "".
struct Choice {
  std::string value, label, hint;
};
// Options for `field` as the templates write them: ids `first_id`, `first_id-2`, ...; every
// option has id, field, value, label, hint and checked.
ViewList RadioOptions(const std::string& field, const std::string& first_id,
                      const std::vector<Choice>& choices, const std::string& chosen);
// The first value of `key` in a form, or `otherwise` when the form does not have the key.
std::string ValueOr(const std::multimap<std::string, std::string>& form, const std::string& key,
                    const std::string& otherwise);

// --- JSON (employment_api.cc) -----------------------------------------------------------------

// Sets `key` to "12.34" and `key`_pence to 1234.
void PutMoney(boost::json::object& o, const std::string& key, Pence amount);
boost::json::object TimesheetJson(const app::TimesheetRecord& t);
boost::json::object EngagementJson(const app::EngagementView& v);
boost::json::object PayslipJson(const app::PayslipView& v);

class EmploymentRoutes final : public RouteModule {
 public:
  explicit EmploymentRoutes(const SiteEnv& env)
      : RouteModule(env),
        employment_(env.store, env.clock, env.audit),
        pas_(env.store, env.clock, env.audit),
        people_(env.store, env.clock, env.audit) {}

  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;

  // What a form on the engagement page sent back, to show again with its errors.
  struct PageForm {
    std::multimap<std::string, std::string> values;
    std::vector<FieldError> errors;
  };

 private:
  void AddPageRoutes() override;  // employment_pages.cc
  void AddApiRoutes() override;   // employment_api_routes.cc
  void AddWorkApiRoutes();
  Response EmployPage(Context& ctx);  // employment_pages.cc
  Response Employ(Context& ctx);
  Response RenderEmploy(int status, Context& ctx, PaProfileId pa,
                        const std::multimap<std::string, std::string>& form,
                        const std::vector<FieldError>& errors);
  Response WorkPage(Context& ctx);
  ViewList AgreedPas(Context& ctx, const std::vector<app::EngagementView>& engaged);
  // Whether `pa` agreed to be contacted for a person the caller acts for.
  bool AgreedForCaller(Context& ctx, PaProfileId pa);
  Response EngagementPage(Context& ctx);  // employment_engagement_page.cc
  Response RenderEngagement(int status, Context& ctx, EngagementId id, const PageForm& form);
  Response SaveChecklist(Context& ctx);
  Response Decide(Context& ctx);
  Response RunPay(Context& ctx);
  Response End(Context& ctx);
  Response TimesheetPage(Context& ctx);  // employment_timesheet_pages.cc
  Response SubmitTimesheet(Context& ctx);
  Response RenderTimesheet(int status, Context& ctx, const app::EngagementView& v,
                           const std::multimap<std::string, std::string>& form,
                           const std::vector<FieldError>& errors);
  Response PayslipPage(Context& ctx);
  Response PayslipPdf(Context& ctx);  // The payslip to keep or print.
  Response ApiMine(Context& ctx);     // employment_api.cc
  Response ApiOfPerson(Context& ctx);
  Response ApiGet(Context& ctx);
  Response ApiEngage(Context& ctx);
  Response ApiChecklist(Context& ctx);
  Response ApiSubmitTimesheet(Context& ctx);
  Response ApiDecide(Context& ctx);
  Response ApiRunPay(Context& ctx);
  Response ApiEnd(Context& ctx);
  Response ApiPayslip(Context& ctx);

  app::EmploymentService employment_;
  app::PaService pas_;
  app::PeopleService people_;
};

}  // namespace selfdirect::web
