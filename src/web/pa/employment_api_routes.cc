// Employing a PA by API: the routes with their OpenAPI operations, the schemas, and reading the
// bodies that make an engagement and send a timesheet.
#include "web/openapi.h"
#include "web/pa/employment_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.
namespace payroll = domain::payroll;

constexpr size_t kMaxTimesheetEntries = 28;  // Four a day is plenty for one week.

// A member as text: a string as it is, a whole number as written when `numbers` allows it, ""
// when missing or null; anything else is a field error.
std::string TextOf(const json::object& o, const std::string& key, std::vector<FieldError>& errors,
                   bool numbers = false, const std::string& field = "") {
  const std::string name = field.empty() ? key : field;
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return "";
  if (v->is_string()) return std::string(v->as_string());
  if (numbers && v->is_int64()) return std::to_string(v->as_int64());
  if (numbers && v->is_uint64()) return std::to_string(v->as_uint64());
  errors.push_back({name, numbers ? "must be a string or a whole number" : "must be a string"});
  return "";
}

// The engagement body as the employ form would type it.
EngagementForm EngagementFormOf(const json::object& o, std::vector<FieldError>& errors) {
  EngagementForm f;
  f.person_id = TextOf(o, "person_id", errors, true);
  for (auto [key, out] : {std::pair<const char*, std::string*>{"mode", &f.mode},
                          {"employer_name", &f.employer_name},
                          {"organisation_email", &f.organisation_email},
                          {"hourly_rate", &f.hourly_rate},
                          {"frequency", &f.frequency},
                          {"holiday_basis", &f.holiday_basis},
                          {"start_date", &f.start_date},
                          {"date_of_birth", &f.date_of_birth},
                          {"tax_code", &f.tax_code},
                          {"ni_category", &f.ni_category},
                          {"funded_from", &f.funded_from},
                          {"plan_line", &f.plan_line},
                          {"management_fee", &f.management_fee},
                          {"p45_taxable_pay", &f.p45_taxable_pay},
                          {"p45_tax", &f.p45_tax},
                          {"p45_leaving_date", &f.p45_leaving_date}})
    *out = TextOf(o, key, errors);
  f.weekly_hours = TextOf(o, "weekly_hours", errors, true);
  f.qualifying_days = TextOf(o, "qualifying_days", errors, true);
  f.pension_enrolled = "no";
  if (const auto* p = o.if_contains("pension"); p != nullptr && !p->is_null()) {
    if (!p->is_object()) {
      errors.push_back({"pension",
                        "must be an object: {enrolled, employee_percent, "
                        "employer_percent}"});
      return f;
    }
    const auto& pension = p->as_object();
    const auto* enrolled = pension.if_contains("enrolled");
    if (enrolled != nullptr && !enrolled->is_bool())
      errors.push_back({"pension.enrolled", "must be true or false"});
    f.pension_enrolled =
        enrolled != nullptr && enrolled->is_bool() && enrolled->as_bool() ? "yes" : "no";
    f.employee_percent =
        TextOf(pension, "employee_percent", errors, true, "pension.employee_percent");
    f.employer_percent =
        TextOf(pension, "employer_percent", errors, true, "pension.employer_percent");
  }
  return f;
}

std::optional<payroll::TimesheetEntry::Kind> KindOf(const std::string& code) {
  using K = payroll::TimesheetEntry::Kind;
  if (code.empty() || code == "worked") return K::kWorked;
  if (code == "sick") return K::kSick;
  if (code == "holiday") return K::kHoliday;
  return std::nullopt;
}

void ReadEntry(const json::value& v, const std::string& at, payroll::Timesheet& sheet,
               std::vector<FieldError>& errors) {
  if (!v.is_object()) {
    errors.push_back({at, "must be an object: {day, kind, hours}"});
    return;
  }
  const auto& o = v.as_object();
  payroll::TimesheetEntry e;
  auto day = Date::Parse(TextOf(o, "day", errors, false, at + ".day"));
  if (!day.ok()) errors.push_back({at + ".day", "must be a date like 2026-11-30"});
  auto kind = KindOf(TextOf(o, "kind", errors, false, at + ".kind"));
  if (!kind) errors.push_back({at + ".kind", "worked, sick or holiday"});
  const std::string hours_text = TextOf(o, "hours", errors, true, at + ".hours");
  auto hours = hours_text.empty() ? std::optional<int64_t>(0) : ParseHundredths(hours_text);
  if (!hours) errors.push_back({at + ".hours", "must be hours like \"7.5\""});
  if (day.ok()) e.day = *day;
  e.kind = kind.value_or(payroll::TimesheetEntry::Kind::kWorked);
  e.hours_hundredths = hours.value_or(0);
  sheet.entries.push_back(e);
}

Result<payroll::Timesheet> TimesheetOf(const json::object& o) {
  std::vector<FieldError> errors;
  payroll::Timesheet sheet;
  auto week = Date::Parse(TextOf(o, "week_start", errors));
  if (!week.ok()) errors.push_back({"week_start", "must be a date like 2026-11-30"});
  if (week.ok()) sheet.week_start = *week;
  const auto* entries = o.if_contains("entries");
  if (entries == nullptr || !entries->is_array() || entries->as_array().empty() ||
      entries->as_array().size() > kMaxTimesheetEntries) {
    errors.push_back({"entries", "must be a list of 1 to 28 days: [{day, kind, hours}]"});
  } else {
    const auto& list = entries->as_array();
    for (size_t i = 0; i < list.size(); ++i)
      ReadEntry(list[i], "entries[" + std::to_string(i) + "]", sheet, errors);
  }
  if (!errors.empty()) return Error::InvalidArgument("Check the fields", std::move(errors));
  return sheet;
}

json::value List(const char* schema) {
  return json::object{{"type", "array"}, {"items", Ref(schema)}};
}

json::value Enum(std::initializer_list<const char*> values) {
  json::array e;
  for (const char* v : values) e.push_back(json::string(v));
  return json::object{{"type", "string"}, {"enum", std::move(e)}};
}

json::value DateType() { return Str({{"format", "date"}}); }

json::value NullableDate() {
  return json::object{{"type", json::array{"string", "null"}}, {"format", "date"}};
}

}  // namespace

Response EmploymentRoutes::ApiEngage(Context& ctx) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  std::vector<FieldError> errors;
  const EngagementForm form = EngagementFormOf(*body, errors);
  auto pa = PaProfileId::Parse(TextOf(*body, "pa_id", errors, true));
  if (!pa) errors.push_back({"pa_id", "Give the number of the PA to employ"});
  auto in = EngagementInputOf(form, pa.value_or(PaProfileId{}));
  if (!in.ok())
    for (const auto& e : in.error().fields) errors.push_back(e);
  if (!errors.empty())
    return ErrorResponse(Error::InvalidArgument("Check the fields", errors), ctx);
  auto made = employment_.Engage(ctx.call, *ctx.principal, *in);
  if (!made.ok()) return ErrorResponse(made.error(), ctx);
  auto view = employment_.Engagement(ctx.call, *ctx.principal, *made);
  if (!view.ok()) return Response::Json(201, json::object{{"id", made->value()}});
  return Response::Json(201, EngagementJson(*view));
}

Response EmploymentRoutes::ApiSubmitTimesheet(Context& ctx) {
  auto id = EngagementId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No engagement with that number"), ctx);
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto sheet = TimesheetOf(*body);
  if (!sheet.ok()) return ErrorResponse(sheet.error(), ctx);
  auto sent = employment_.SubmitTimesheet(ctx.call, *ctx.principal, *id, *sheet);
  if (!sent.ok()) return ErrorResponse(sent.error(), ctx);
  auto view = employment_.Engagement(ctx.call, *ctx.principal, *id);
  if (view.ok())
    for (const auto& t : view->timesheets)
      if (t.id == *sent) return Response::Json(201, TimesheetJson(t));
  return Response::Json(201, json::object{{"id", sent->value()}});
}

void EmploymentRoutes::AddApiRoutes() {
  using R = EmploymentRoutes;
  Add(Method::kGet, "/api/v1/engagements",
      ApiRoute({}, Bind(&R::ApiMine),
               Operation("listMyEngagements",
                         "The engagements the caller may see: a PA's own, those of the people "
                         "they act for, or an organisation's (audited)",
                         Replies({{"200", Reply("The engagements", List("Engagement"))}}))));
  Add(Method::kPost, "/api/v1/engagements",
      ApiRoute(
          kEmployingRoles, Bind(&R::ApiEngage),
          Operation("engagePa", "Employ a PA who agreed to be contacted for the person (audited)",
                    Replies({{"201", Reply("Employed", Ref("Engagement"))},
                             {"404", ErrorReply("No such person visible to the caller")},
                             {"409", ErrorReply("The PA has not agreed to be contacted")},
                             {"422", ErrorReply("Field errors: nothing was stored")}}),
                    json::object{{"requestBody", Body(Ref("EngagementInput"))}})));
  Add(Method::kGet, "/api/v1/engagements/{id}",
      ApiRoute({}, Bind(&R::ApiGet),
               Operation("getEngagement",
                         "An engagement with its checklist, timesheets, payslips and next "
                         "payday (audited)",
                         Replies({{"200", Reply("The engagement", Ref("Engagement"))},
                                  {"404", ErrorReply("No such engagement visible to the caller")}}),
                         json::object{{"parameters", IdParam()}})));
  Add(Method::kPut, "/api/v1/engagements/{id}/checklist",
      ApiRoute({}, Bind(&R::ApiChecklist),
               Operation("updateEmployerChecklist",
                         "The employer records their checklist: insurance, HMRC reference, "
                         "right to work, DBS, contract and pension duties (audited)",
                         Replies({{"200", Reply("Saved", Ref("Engagement"))},
                                  {"403", ErrorReply("Not the PA's employer")},
                                  {"404", ErrorReply("No such engagement visible to the caller")},
                                  {"422", ErrorReply("Field errors: nothing was stored")}}),
                         json::object{{"parameters", IdParam()},
                                      {"requestBody", Body(Ref("EmployerChecklist"))}})));
  Add(Method::kPost, "/api/v1/engagements/{id}/end",
      ApiRoute({}, Bind(&R::ApiEnd),
               Operation("endEngagement",
                         "The employer who runs pay ends the employment on the PA's last working "
                         "day: no more hours are sent or paid (audited)",
                         Replies({{"200", Reply("Ended", Ref("Engagement"))},
                                  {"403", ErrorReply("Not the employer who runs pay")},
                                  {"404", ErrorReply("No such engagement visible to the caller")},
                                  {"409", ErrorReply("Ended already, or weeks sent wait for a "
                                                     "decision or for pay")},
                                  {"422", ErrorReply("A leaving date before the start or a day "
                                                     "paid, or after today")}}),
                         json::object{
                             {"parameters", IdParam()},
                             {"requestBody", Body(StringsObject({"leaving_date"},
                                                                json::array{"leaving_date"}))}})));
  AddWorkApiRoutes();
}

void EmploymentRoutes::AddWorkApiRoutes() {
  using R = EmploymentRoutes;
  const std::vector<Role> pas = {Role::kPersonalAssistant};
  Add(Method::kPost, "/api/v1/engagements/{id}/timesheets",
      ApiRoute(pas, Bind(&R::ApiSubmitTimesheet),
               Operation("submitTimesheet", "The PA sends a week's hours (audited)",
                         Replies({{"201", Reply("Sent", Ref("Timesheet"))},
                                  {"404", ErrorReply("Not an engagement of the calling PA")},
                                  {"409", ErrorReply("This week was sent already")},
                                  {"422", ErrorReply("Field errors, or a week already paid")}}),
                         json::object{{"parameters", IdParam()},
                                      {"requestBody", Body(Ref("TimesheetInput"))}})));
  Add(Method::kPost, "/api/v1/timesheets/{id}/decision",
      ApiRoute(
          {}, Bind(&R::ApiDecide),
          Operation("decideTimesheet",
                    "The employer approves a week or queries it, saying what they ask; "
                    "nobody approves their own (audited)",
                    Replies({{"200", Reply("Decided", Ref("TimesheetDecision"))},
                             {"403", ErrorReply("The PA's own timesheet, or not the employer")},
                             {"404", ErrorReply("No such timesheet visible to the caller")},
                             {"409", ErrorReply("Decided before")},
                             {"422", ErrorReply("Field errors")}}),
                    json::object{
                        {"parameters", IdParam()},
                        {"requestBody",
                         Body(Object({{"decision", Enum({"approve", "query"})}, {"query", Str()}},
                                     {"decision"}))}})));
  Add(Method::kPost, "/api/v1/engagements/{id}/pay-runs",
      ApiRoute({}, Bind(&R::ApiRunPay),
               Operation("runPay",
                         "Pay every approved week of the engagement's employer (at the same pay "
                         "frequency) on the pay date and make the payslips (audited)",
                         Replies({{"201", Reply("Paid", Ref("PayRun"))},
                                  {"403", ErrorReply("Not the PA's employer")},
                                  {"404", ErrorReply("No such engagement visible to the caller")},
                                  {"409", ErrorReply("The checklist is open, nothing is approved, "
                                                     "or the pay is below the minimum wage")},
                                  {"422", ErrorReply("Field errors")}}),
                         json::object{{"parameters", IdParam()},
                                      {"requestBody",
                                       Body(Object({{"pay_date", DateType()}}, {"pay_date"}))}})));
  Add(Method::kGet, "/api/v1/people/{id}/engagements",
      ApiRoute({}, Bind(&R::ApiOfPerson),
               Operation("listPersonEngagements",
                         "A person's engagements, for those who may see the person (audited)",
                         Replies({{"200", Reply("The engagements", List("Engagement"))},
                                  {"404", ErrorReply("No such person visible to the caller")}}),
                         json::object{{"parameters", IdParam()}})));
  Add(Method::kGet, "/api/v1/payslips/{id}",
      ApiRoute({}, Bind(&R::ApiPayslip),
               Operation("getPayslip",
                         "A payslip with every figure and how it was worked out "
                         "(audited)",
                         Replies({{"200", Reply("The payslip", Ref("Payslip"))},
                                  {"404", ErrorReply("No such payslip visible to the caller")}}),
                         json::object{{"parameters", IdParam()}})));
}

namespace {

// An object schema whose amounts are each written twice: "12.34" and `_pence` 1234.
json::value WithMoney(std::initializer_list<std::pair<const char*, json::value>> props,
                      std::initializer_list<const char*> amounts) {
  json::value o = Object(props);
  auto& p = o.as_object()["properties"].as_object();
  for (const char* a : amounts) {
    p[a] = MoneyType();
    p[std::string(a) + "_pence"] = Type("integer");
  }
  return o;
}

void AddTimesheetSchemas(json::object& schemas) {
  json::value entry = Object({{"day", DateType()},
                              {"kind", Enum({"worked", "sick", "holiday"})},
                              {"hours", Str({{"pattern", "^[0-9]+(\\.[0-9]{1,2})?$"}})}},
                             {"day", "hours"});
  schemas["TimesheetInput"] =
      Object({{"week_start", DateType()},
              {"entries", json::object{{"type", "array"}, {"items", entry}, {"maxItems", 28}}}},
             {"week_start", "entries"});
  schemas["Timesheet"] =
      Object({{"id", Type("integer")},
              {"engagement_id", Type("integer")},
              {"week_start", DateType()},
              {"entries", json::object{{"type", "array"}, {"items", entry}}},
              {"worked_hours", Str()},
              {"holiday_hours", Str()},
              {"sick_days", Type("integer")},
              {"status", Enum({"submitted", "approved", "queried", "paid"})},
              {"flags", json::object{{"type", "array"}, {"items", Str()}}},
              {"query", Str()},
              {"submitted_at", Str()},
              {"decided_at", NullableStr()},
              {"pay_run_id", json::object{{"type", json::array{"integer", "null"}}}}});
  schemas["TimesheetDecision"] = Object(
      {{"id", Type("integer")}, {"status", Enum({"approved", "queried"})}, {"query", Str()}});
}

void AddPaySchemas(json::object& schemas) {
  schemas["PayRun"] =
      Object({{"id", Type("integer")},
              {"pay_date", DateType()},
              {"payslip_ids", json::object{{"type", "array"}, {"items", Type("integer")}}},
              {"totals", WithMoney({}, {"gross", "net", "tax", "employee_ni", "employer_ni",
                                        "employee_pension", "employer_pension", "allowance_used",
                                        "hmrc_due", "pension_due", "cost"})}});
  schemas["PayslipSummary"] = WithMoney({{"id", Type("integer")},
                                         {"pay_date", DateType()},
                                         {"period", Type("integer")},
                                         {"frequency", Str()}},
                                        {"gross_pay", "net_pay"});
  schemas["Payslip"] = WithMoney(
      {{"id", Type("integer")},
       {"run_id", Type("integer")},
       {"engagement_id", Type("integer")},
       {"pay_date", DateType()},
       {"period", Type("integer")},
       {"frequency", Enum({"weekly", "fortnightly", "four_weekly", "monthly"})},
       {"tax_code", Str()},
       {"ni_category", Str()},
       {"mode", Enum({"person", "payroll_service", "organisation"})},
       {"employer_name", Str()},
       {"pa_name", Str()},
       {"person_name", Str()},
       {"person_ref", Str()},
       {"auto_enrolment", Str()},
       {"below_minimum_wage", Type("boolean")},
       {"explanation", json::object{{"type", "array"}, {"items", Str()}}}},
      {"gross_pay", "holiday_pay", "statutory_sick_pay", "taxable_pay", "tax", "employee_ni",
       "employer_ni", "employee_pension", "employer_pension", "net_pay", "employer_cost",
       "allowance_used", "management_fee", "ytd_taxable_pay", "ytd_tax"});
}

json::value PensionSchema() {
  return Object({{"enrolled", Type("boolean")},
                 {"employee_percent", Str({{"pattern", "^[0-9]+(\\.[0-9]{1,2})?$"}})},
                 {"employer_percent", Str({{"pattern", "^[0-9]+(\\.[0-9]{1,2})?$"}})}});
}

// The payday check of an engagement: null for the PA, who does not see the budget account.
json::value PaydaySchema() {
  json::value payday =
      WithMoney({{"payday", DateType()}, {"short_of_money", Type("boolean")}, {"message", Str()}},
                {"net_pay", "hmrc", "pension", "balance", "paid_in_before_payday", "other_payments",
                 "needed", "available", "shortfall"});
  payday.as_object()["type"] = json::array{"object", "null"};
  return payday;
}

// The holiday this leave year; null for rolled-up holiday pay. Hours as decimals ("12.5").
json::value HolidaySchema() {
  const json::value hours = Str({{"pattern", "^-?[0-9]+(\\.[0-9]{1,2})?$"}});
  json::value holiday = Object({{"leave_year_start", DateType()},
                                {"leave_year_end", DateType()},
                                {"worked_hours", hours},
                                {"earned_hours", hours},
                                {"taken_hours", hours},
                                {"left_hours", hours},
                                {"basis", Str()}},
                               {"leave_year_start", "leave_year_end", "worked_hours",
                                "earned_hours", "taken_hours", "left_hours", "basis"});
  holiday.as_object()["type"] = json::array{"object", "null"};
  return holiday;
}

void AddEngagementSchemas(json::object& schemas) {
  schemas["EngagementInput"] = Object(
      {{"person_id", Type("integer")},
       {"pa_id", Type("integer")},
       {"mode", Enum({"person", "payroll_service", "organisation"})},
       {"employer_name", Str()},
       {"organisation_email", Str()},
       {"hourly_rate", MoneyType()},
       {"weekly_hours", Str()},
       {"frequency", Enum({"weekly", "fortnightly", "four_weekly", "monthly"})},
       {"holiday_basis", Enum({"fixed_hours", "accrual", "rolled_up"})},
       {"start_date", DateType()},
       {"date_of_birth", DateType()},
       {"tax_code", Str()},
       {"ni_category", Enum({"A", "C", "H", "M", "X"})},
       {"pension", PensionSchema()},
       {"funded_from", Enum({"direct_payment", "council_managed", "individual_service_fund"})},
       {"plan_line", Str()},
       {"qualifying_days", Type("integer")},
       {"management_fee", MoneyType()},
       {"p45_taxable_pay", MoneyType()},
       {"p45_tax", MoneyType()},
       {"p45_leaving_date", DateType()}},
      {"person_id", "pa_id", "mode", "hourly_rate", "frequency", "holiday_basis", "start_date",
       "date_of_birth"});
  schemas["EmployerChecklist"] = Object({{"insurance_until", NullableDate()},
                                         {"employer_reference", Str()},
                                         {"right_to_work_seen", NullableDate()},
                                         {"dbs_seen", NullableDate()},
                                         {"contract_signed", NullableDate()},
                                         {"pension_duties_done", NullableDate()}});
  json::value payday = PaydaySchema();
  json::value holiday = HolidaySchema();
  schemas["Engagement"] =
      WithMoney({{"id", Type("integer")},
                 {"person_id", Type("integer")},
                 {"pa_id", Type("integer")},
                 {"organisation_user_id", json::object{{"type", json::array{"integer", "null"}}}},
                 {"active", Type("boolean")},
                 {"ended_on", NullableStr()},
                 {"mode", Str()},
                 {"mode_words", Str()},
                 {"employer_name", Str()},
                 {"pa_name", Str()},
                 {"person_name", Str()},
                 {"person_ref", Str()},
                 {"weekly_hours", Str()},
                 {"frequency", Str()},
                 {"holiday_basis", Str()},
                 {"start_date", DateType()},
                 {"tax_code", Str()},
                 {"ni_category", Str()},
                 {"pension", PensionSchema()},
                 {"funded_from", Str()},
                 {"plan_line", Str()},
                 {"qualifying_days", Type("integer")},
                 {"p45_leaving_date", NullableDate()},
                 {"rights", Object({{"employer", Type("boolean")},
                                    {"payroll", Type("boolean")},
                                    {"organisation", Type("boolean")},
                                    {"pa", Type("boolean")}})},
                 {"checklist", Type("object")},
                 {"next_payday", DateType()},
                 {"payday", payday},
                 {"holiday_balance", holiday},
                 {"timesheets", List("Timesheet")},
                 {"payslips", List("PayslipSummary")}},
                {"hourly_rate", "management_fee", "p45_taxable_pay", "p45_tax"});
}

}  // namespace

void EmploymentRoutes::AddSchemas(json::object& schemas) const {
  AddEngagementSchemas(schemas);
  AddTimesheetSchemas(schemas);
  AddPaySchemas(schemas);
}

}  // namespace selfdirect::web
