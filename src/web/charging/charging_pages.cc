// Financial assessment pages: the public "What will I pay?" calculator, the finance officer's
// assessment form with the evidence of each item, the decision the person sees (printable), and
// the yearly re-assessment. The form's fields map one to one onto the JSON input of
// app/charging/charging_json.h, so the pages, the API and the CLI share one reader and one set of
// error messages.
#include <map>

#include "base/text.h"
#include "domain/accounts/access_policy.h"
#include "web/charging/charging_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;
namespace json = boost::json;
using Values = std::map<std::string, std::string>;  // Form field name to value.

constexpr int kIncomeRows = 6;

struct MoneyField {
  const char* name;
  const char* label;
  const char* hint;
  bool evidence;  // Has an evidence status.
};

constexpr MoneyField kMoneyFields[] = {
    {"weekly_cost_of_care", "Weekly cost of care",
     "The weekly cost of the care and support in the personal budget", false},
    {"capital", "Savings and other capital",
     "Money in the bank, savings and shares. Not the home you live in.", true},
    {"housing_costs_weekly", "Housing costs a week",
     "Rent, mortgage and council tax, less any help with them", true},
    {"disability_related_expenditure_weekly", "Extra costs because of a disability, a week",
     "For example, a cleaner, extra heating or laundry", true},
};

constexpr std::pair<const char*, const char*> kHouseholds[] = {
    {"single", "On my own, or with people who are not my partner"},
    {"couple", "With my partner"},
    {"lone_parent", "On my own with my children"},
};

constexpr std::pair<const char*, const char*> kPremiums[] = {
    {"disability", "Disability premium (for example, you get PIP or ESA support)"},
    {"enhanced_disability", "Enhanced disability premium (for example, the PIP enhanced rate)"},
    {"carer", "Carer premium (you get Carer's Allowance)"},
};

constexpr std::pair<const char*, const char*> kEvidence[] = {
    {"declared", "Declared by the person"},
    {"verified", "Seen and checked"},
    {"awaited", "Asked for, not yet seen"},
};

std::string EvidenceLabel(const std::string& status) {
  for (const auto& [v, l] : kEvidence)
    if (status == v) return l;
  return status;
}

// Web forms are kinder than the CLI: spaces and thousands separators are taken out of amounts.
std::string CleanAmount(std::string_view text) {
  std::string out;
  for (char c : Trim(text))
    if (c != ',' && c != ' ') out += c;
  return out;
}

Values ValuesFromForm(const std::multimap<std::string, std::string>& form) {
  Values v;
  for (const auto& [k, value] : form) {
    if (k == "premiums")
      v[k] += (v[k].empty() ? "" : ",") + value;
    else
      v[k] = value;
  }
  return v;
}

std::string Get(const Values& v, const std::string& key) {
  auto it = v.find(key);
  return it == v.end() ? "" : it->second;
}

// The JSON input for the values; `rows` receives the form row of each income item written.
json::object InputFromValues(const Values& v, std::vector<int>& rows) {
  json::object o;
  auto text = [&](const char* key) {
    std::string s(Trim(Get(v, key)));
    if (!s.empty()) o[key] = s;
  };
  auto number = [&](const char* key) {
    std::string s(Trim(Get(v, key)));
    if (s.empty()) return;
    bool digits = s.size() < 10 && std::all_of(s.begin(), s.end(), ::isdigit);
    if (digits)
      o[key] = std::stoll(s);
    else
      o[key] = s;  // Refused by the reader as not a whole number.
  };
  text("assessment_date");
  number("age");
  text("household");
  json::array premiums;
  for (const auto& p : SplitCommaList(Get(v, "premiums"))) premiums.push_back(json::string(p));
  o["premiums"] = std::move(premiums);
  number("dependent_children");
  for (const auto& f : kMoneyFields) {
    std::string s = CleanAmount(Get(v, f.name));
    if (!s.empty()) o[f.name] = s;
  }
  json::array income;
  for (int i = 0; i < kIncomeRows; ++i) {
    std::string type(Trim(Get(v, "income_type_" + std::to_string(i))));
    std::string weekly = CleanAmount(Get(v, "income_weekly_" + std::to_string(i)));
    if (type.empty() && weekly.empty()) continue;
    json::object item;
    if (!type.empty()) item["type"] = type;
    if (!weekly.empty()) item["weekly"] = weekly;
    income.push_back(std::move(item));
    rows.push_back(i);
  }
  o["income"] = std::move(income);
  o["declined_to_disclose"] = Get(v, "declined_to_disclose") == "yes";
  return o;
}

app::EvidenceMap EvidenceFromValues(const Values& v, const std::vector<int>& rows) {
  app::EvidenceMap e;
  for (const auto& f : kMoneyFields) {
    std::string s = Get(v, std::string("evidence_") + f.name);
    if (f.evidence && !s.empty()) e[f.name] = s;
  }
  for (size_t k = 0; k < rows.size(); ++k) {
    std::string s = Get(v, "evidence_income_" + std::to_string(rows[k]));
    if (!s.empty()) e["income[" + std::to_string(k) + "]"] = s;
  }
  return e;
}

// The form field an error belongs to ("income[1].weekly" is row rows[1]'s weekly amount).
std::string FieldFor(const std::string& field, const std::vector<int>& rows) {
  auto row_of = [&](size_t at) -> std::string {
    size_t close = field.find(']', at);
    size_t k = static_cast<size_t>(std::stoul(field.substr(at, close - at)));
    return std::to_string(k < rows.size() ? rows[k] : 0);
  };
  if (field.rfind("income[", 0) == 0)
    return (field.find(".type") != std::string::npos ? "income_type_" : "income_weekly_") +
           row_of(7);
  if (field.rfind("evidence.income[", 0) == 0) return "evidence_income_" + row_of(16);
  if (field.rfind("evidence.", 0) == 0) return "evidence_" + field.substr(9);
  if (field.rfind("premiums", 0) == 0) return "premiums";
  if (field == "input" || field.rfind("policy", 0) == 0) return "assessment_date";
  return field;
}

// What the form calls a field, to begin its error message ("Age must be a whole number").
std::string LabelFor(const std::string& field) {
  static const std::map<std::string, std::string> kLabels = {
      {"assessment_date", "The date the charge starts"},
      {"age", "Age"},
      {"household", "Who the person lives with"},
      {"premiums", "Extra amounts"},
      {"dependent_children", "The number of children"},
      {"weekly_cost_of_care", "The weekly cost of care"},
      {"capital", "Savings and other capital"},
      {"housing_costs_weekly", "Housing costs"},
      {"disability_related_expenditure_weekly", "Extra costs because of a disability"},
      {"reason", "The reason"}};
  if (auto it = kLabels.find(field); it != kLabels.end()) return it->second;
  auto row = [&](size_t at) { return std::to_string(std::stoi(field.substr(at)) + 1); };
  if (field.rfind("income_type_", 0) == 0) return "The type of income " + row(12);
  if (field.rfind("income_weekly_", 0) == 0) return "The amount of income " + row(14);
  if (field.rfind("evidence_income_", 0) == 0) return "The evidence for income " + row(16);
  if (field.rfind("evidence_", 0) == 0) return "The evidence for " + LabelFor(field.substr(9));
  return "";
}

std::vector<FieldError> FormErrors(const std::vector<FieldError>& errors,
                                   const std::vector<int>& rows) {
  std::vector<FieldError> out;
  for (const auto& e : errors) {
    std::string field = FieldFor(e.field, rows);
    std::string label = LabelFor(field);
    std::string message = e.message;
    // The reader's messages follow the field's name ("must be ..."); sentences stand alone.
    if (!label.empty() && !message.empty() && std::islower(static_cast<unsigned char>(message[0])))
      message = label + " " + message;
    else if (!message.empty())
      message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
    out.push_back({field, message});
  }
  return out;
}

// The values of a stored input (the form rows are the input's items, in order).
Values ValuesFromStored(const std::string& input_json, const app::EvidenceMap& evidence) {
  Values v;
  json::error_code ec;
  json::value j = json::parse(input_json, ec);
  if (ec || !j.is_object()) return v;
  const json::object& o = j.get_object();
  auto str = [&](const char* key) {
    if (auto* x = o.if_contains(key)) {
      if (x->is_string()) v[key] = std::string(x->get_string());
      if (x->is_int64()) v[key] = std::to_string(x->get_int64());
    }
  };
  str("assessment_date");
  str("age");
  str("household");
  str("dependent_children");
  for (const auto& f : kMoneyFields) str(f.name);
  if (auto* p = o.if_contains("premiums"); p && p->is_array())
    for (const auto& x : p->get_array())
      if (x.is_string())
        v["premiums"] += (v["premiums"].empty() ? "" : ",") + std::string(x.get_string());
  if (auto* inc = o.if_contains("income"); inc && inc->is_array()) {
    const auto& items = inc->get_array();
    for (size_t i = 0; i < items.size() && i < kIncomeRows; ++i) {
      const json::object& item = items[i].as_object();
      v["income_type_" + std::to_string(i)] = std::string(item.at("type").as_string());
      v["income_weekly_" + std::to_string(i)] = std::string(item.at("weekly").as_string());
    }
  }
  if (auto* d = o.if_contains("declined_to_disclose"); d && d->is_bool() && d->get_bool())
    v["declined_to_disclose"] = "yes";
  for (const auto& [key, status] : evidence) {
    if (key.rfind("income[", 0) == 0)
      v["evidence_income_" + key.substr(7, key.find(']') - 7)] = status;
    else
      v["evidence_" + key] = status;
  }
  return v;
}

ViewList EvidenceOptions(const std::string& chosen) {
  ViewList options;
  for (const auto& [value, label] : kEvidence) {
    ViewData o;
    o.set("value", value);
    o.set("label", label);
    o.set("selected", chosen == value || (chosen.empty() && std::string(value) == "declared"));
    options.push_back(o);
  }
  return options;
}

// Who fills the form in: a person (or anyone) on the calculator, or a finance officer, who also
// records the evidence for each item.
enum class FormFor { kPerson, kFinanceOfficer };

// Each form field's error message, by field name.
class FieldMessages {
 public:
  explicit FieldMessages(const std::vector<FieldError>& errors) {
    for (const auto& e : errors) by_field_.emplace(e.field, e.message);
  }
  std::string For(const std::string& name) const {
    auto it = by_field_.find(name);
    return it == by_field_.end() ? std::string() : it->second;
  }
  // Sets `key` to the field's message if it has one.
  void Set(ViewData& d, const std::string& key, const std::string& name) const {
    if (std::string e = For(name); !e.empty()) d.set(key, e);
  }

 private:
  std::map<std::string, std::string> by_field_;
};

ViewList HouseholdOptions(const Values& v) {
  ViewList households;
  for (const auto& [value, label] : kHouseholds) {
    ViewData h;
    h.set("id", std::string("household-") + value);
    h.set("value", value);
    h.set("label", label);
    h.set("checked", Get(v, "household") == value);
    households.push_back(h);
  }
  return households;
}

ViewList PremiumOptions(const Values& v) {
  std::vector<std::string> chosen = SplitCommaList(Get(v, "premiums"));
  ViewList premiums;
  for (const auto& [value, label] : kPremiums) {
    ViewData p;
    p.set("id", std::string("premium-") + value);
    p.set("value", value);
    p.set("label", label);
    p.set("checked", std::find(chosen.begin(), chosen.end(), value) != chosen.end());
    premiums.push_back(p);
  }
  return premiums;
}

ViewList IncomeTypeOptions(const std::string& type) {
  ViewList types;
  ViewData none;
  none.set("value", "");
  none.set("label", "Choose a type of income");
  none.set("selected", type.empty());
  types.push_back(none);
  for (size_t t = 0; t < domain::kIncomeTypeCount; ++t) {
    auto it = static_cast<domain::IncomeType>(t);
    ViewData o;
    o.set("value", domain::IncomeTypeCode(it));
    o.set("label", domain::IncomeTypeLabel(it));
    o.set("selected", type == domain::IncomeTypeCode(it));
    types.push_back(o);
  }
  return types;
}

ViewList IncomeRows(const Values& v, const FieldMessages& errors, FormFor form) {
  ViewList rows;
  for (int i = 0; i < kIncomeRows; ++i) {
    std::string n = std::to_string(i);
    ViewData row;
    row.set("index", n);
    row.set("number", std::to_string(i + 1));
    row.set("weekly", Get(v, "income_weekly_" + n));
    errors.Set(row, "weekly_error", "income_weekly_" + n);
    errors.Set(row, "type_error", "income_type_" + n);
    row.set("types", IncomeTypeOptions(Get(v, "income_type_" + n)));
    row.set("finance", form == FormFor::kFinanceOfficer);
    row.set("evidence", EvidenceOptions(Get(v, "evidence_income_" + n)));
    rows.push_back(row);
  }
  return rows;
}

ViewList MoneyFields(const Values& v, const FieldMessages& errors, FormFor form) {
  ViewList money;
  for (const auto& f : kMoneyFields) {
    ViewData m;
    m.set("name", f.name);
    m.set("label", f.label);
    m.set("hint", f.hint);
    m.set("value", Get(v, f.name));
    errors.Set(m, "error", f.name);
    m.set("finance", form == FormFor::kFinanceOfficer && f.evidence);
    m.set("evidence", EvidenceOptions(Get(v, std::string("evidence_") + f.name)));
    money.push_back(m);
  }
  return money;
}

void SetForm(ViewData& d, const Values& v, const std::vector<FieldError>& errors, FormFor form) {
  const FieldMessages messages(errors);
  for (const char* key : {"assessment_date", "age", "dependent_children", "household"}) {
    d.set(key, Get(v, key));
    messages.Set(d, std::string(key) + "_error", key);
  }
  const bool finance = form == FormFor::kFinanceOfficer;
  d.set("finance", finance);
  d.set("you", finance ? "the person" : "you");
  d.set("you_cap", finance ? "The person" : "You");
  d.set("s", finance ? "s" : "");
  d.set("households", HouseholdOptions(v));
  d.set("premium_options", PremiumOptions(v));
  messages.Set(d, "premiums_error", "premiums");
  d.set("income_rows", IncomeRows(v, messages, form));
  d.set("money_fields", MoneyFields(v, messages, form));
  d.set("declined", Get(v, "declined_to_disclose") == "yes");
  SetErrorSummary(d, errors);
}

// Whom a result speaks to: the person ("You pay") or someone else ("The person pays").
enum class Wording { kYou, kThePerson };

void SetResult(ViewData& d, const app::ChargingOutcome& o, Wording wording) {
  const bool self = wording == Wording::kYou;
  const auto& r = o.result;
  ViewData res;
  res.set("weekly_charge", r.weekly_charge.ToDisplayString());
  res.set("council", r.council_weekly_contribution.ToDisplayString());
  res.set("cost", o.request.input.weekly_cost_of_care.ToDisplayString());
  res.set("mig", r.minimum_income_guarantee_weekly.ToDisplayString());
  res.set("tariff", r.tariff_income_weekly.ToDisplayString());
  res.set("you_cap", self ? "You" : "The person");
  res.set("s", self ? "" : "s");
  res.set("pays_text", std::string(self ? "is what you would pay" : "is what the person pays") +
                           "; the council pays " + r.council_weekly_contribution.ToDisplayString() +
                           " a week");
  res.set("full_cost", r.full_cost);
  res.set("full_cost_text", r.full_cost_reason == "declined_to_disclose"
                                ? "Without financial details, the full cost is charged."
                                : "Savings are above the upper limit, so the full cost is charged. "
                                  "The council can still arrange the care.");
  res.set("rates_title", o.rates->title);
  ViewList lines;
  for (const auto& l : r.explanation) {
    ViewData line;
    line.set("text", l.text);
    std::string amount;
    if (l.amount) {
      if (l.kind == domain::LineKind::kDeduction || l.kind == domain::LineKind::kDisregard)
        amount = "minus " + l.amount->ToDisplayString();
      else
        amount = l.amount->ToDisplayString();
    }
    line.set("amount", amount);
    line.set("strong",
             l.kind == domain::LineKind::kSubtotal || l.kind == domain::LineKind::kCharge);
    lines.push_back(line);
  }
  res.set("lines", lines);
  ViewList warnings;
  for (const auto& w : r.warnings) {
    ViewData x;
    x.set("text", w);
    warnings.push_back(x);
  }
  res.set("warnings", warnings);
  res.set("has_warnings", !r.warnings.empty());
  d.set("result", res);
}

// Where the finance officer's form posts, and its heading: a new assessment, or a draft.
std::string FinancialFormAction(std::optional<PersonId> person,
                                std::optional<FinancialAssessmentId> id) {
  return id ? "/financial-assessments/" + id->ToString() + "/edit"
            : "/people/" + person->ToString() + "/financial-assessments";
}

std::string FinancialFormHeading(std::optional<FinancialAssessmentId> id) {
  return id ? "Change the financial assessment" : "Financial assessment";
}

}  // namespace

void ChargingRoutes::AddPageRoutes() {
  const auto page = &PageRoute;
  Route calculator;
  calculator.audience = Audience::kPublic;
  calculator.handler = Bind(&ChargingRoutes::CalculatorPage);
  Add(Method::kGet, "/what-will-i-pay", calculator);
  Route calculate = calculator;
  calculate.handler = Bind(&ChargingRoutes::CalculatorSubmit);
  calculate.forgery =
      Forgery::kOwnCheck;  // Changes nothing and stores nothing: no forgery to guard against.
  Add(Method::kPost, "/what-will-i-pay", calculate);
  const std::vector<Role> keepers = {Role::kBudgetHolder, Role::kRepresentative};
  Add(Method::kPost, "/what-will-i-pay/keep", page(keepers, Bind(&ChargingRoutes::KeepEstimate)));
  Add(Method::kPost, "/charging-estimates/{id}/remove",
      page(keepers, Bind(&ChargingRoutes::RemoveEstimate)));
  const std::vector<Role> finance = {Role::kFinanceOfficer};
  Add(Method::kGet, "/people/{id}/financial-assessments/new",
      page(finance, Bind(&ChargingRoutes::NewFinancialAssessmentPage)));
  Add(Method::kPost, "/people/{id}/financial-assessments",
      page(finance, Bind(&ChargingRoutes::CreateFinancialAssessment)));
  Add(Method::kGet, "/financial-assessments/{id}",
      page(kPersonViewerRoles, Bind(&ChargingRoutes::FinancialAssessmentPage)));
  Add(Method::kGet, "/financial-assessments/{id}/edit",
      page(finance, Bind(&ChargingRoutes::EditFinancialAssessmentPage)));
  Add(Method::kPost, "/financial-assessments/{id}/edit",
      page(finance, Bind(&ChargingRoutes::UpdateFinancialAssessment)));
  Add(Method::kGet, "/charging/reassessment",
      page(finance, Bind(&ChargingRoutes::ReassessmentPage)));
  Add(Method::kPost, "/charging/reassessment",
      page(finance, Bind(&ChargingRoutes::ApplyReassessment)));
}

Response ChargingRoutes::CalculatorPage(Context& ctx) {
  Values v{{"assessment_date", clock_.Now().UtcDate().ToString()}, {"household", "single"}};
  ViewData d;
  SetForm(d, v, {}, FormFor::kPerson);
  return Page(200, "What will I pay towards my care?", "charging_calculator", d, ctx);
}

Response ChargingRoutes::CalculatorSubmit(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  Values v = ValuesFromForm(*form);
  std::vector<int> rows;
  app::ChargingRequest request = app::ChargingRequestFromJson(InputFromValues(v, rows));
  auto outcome = charging_.Calculate(options_.council.id, request);
  ViewData d;
  if (!outcome.ok()) {
    if (outcome.error().code != ErrorCode::kInvalidArgument)
      return ErrorResponse(outcome.error(), ctx);
    SetForm(d, v, FormErrors(outcome.error().fields, rows), FormFor::kPerson);
    return Page(422, "Error: What will I pay towards my care?", "charging_calculator", d, ctx);
  }
  SetForm(d, v, {}, FormFor::kPerson);
  SetResult(d, *outcome, Wording::kYou);
  SetKeepChoice(d, ctx, true, Get(v, "keep_person"), "");
  return Page(200, "What will I pay towards my care?", "charging_calculator", d, ctx);
}

void ChargingRoutes::SetKeepChoice(ViewData& d, Context& ctx, bool show_button,
                                   const std::string& chosen, const std::string& error) {
  if (!ctx.principal) return;
  const app::Principal& who = *ctx.principal;
  const std::vector<PersonId> ids = domain::PeopleActedFor(who.actor);
  if (ids.empty()) return;
  ViewData keep;
  keep.set("csrf_token", who.session.csrf_token);
  keep.set("show_button", show_button);
  if (ids.size() == 1) {
    ViewData single;
    single.set("id", ids[0].ToString());
    keep.set("single", single);
    keep.set("label", who.user.role == Role::kBudgetHolder ? "Keep this estimate on my record"
                                                           : "Keep this estimate on their record");
  } else {
    ViewList people;
    for (size_t i = 0; i < ids.size(); ++i) {
      auto p = people_.Get(ctx.call, who, ids[i]);
      if (!p.ok()) continue;
      ViewData person;
      person.set("id", ids[i].ToString());
      person.set("suffix", i == 0 ? "" : "-" + std::to_string(i + 1));
      person.set("name", p->details.given_name + " " + p->details.family_name);
      person.set("checked", chosen == ids[i].ToString());
      people.push_back(person);
    }
    ViewData several;
    several.set("people", people);
    if (!error.empty()) several.set("keep_error", error);
    keep.set("several", several);
    keep.set("label", "Keep this estimate on their record");
  }
  d.set("keep", keep);
}

// Keeps the calculator's estimate on the record of the person the form names (the signed-in
// person themselves, or one of the people a representative helps).
Response ChargingRoutes::KeepEstimate(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  Values v = ValuesFromForm(*form);
  std::vector<int> rows;
  app::ChargingRequest request = app::ChargingRequestFromJson(InputFromValues(v, rows));
  const auto& who = *ctx.principal;
  std::optional<PersonId> person = PersonId::Parse(Get(v, "keep_person"));
  if (who.user.role == Role::kBudgetHolder) person = who.actor.own_person_id;
  if (!person && who.actor.represented_people.size() == 1) person = who.actor.represented_people[0];
  ViewData d;
  if (!person || !person->valid()) {
    std::string message = "Choose whose record to keep the estimate on";
    auto outcome = charging_.Calculate(options_.council.id, request);
    SetForm(d, v, {}, FormFor::kPerson);
    if (outcome.ok()) SetResult(d, *outcome, Wording::kYou);
    SetErrorSummary(d, {{"keep_person", message}});
    SetKeepChoice(d, ctx, true, "", message);
    return Page(422, "Error: What will I pay towards my care?", "charging_calculator", d, ctx);
  }
  auto kept = charging_.SaveEstimate(ctx.call, who, *person, request);
  if (kept.ok())
    return Response::Redirect("/people/" + person->ToString() + "?estimate=kept#estimates");
  if (kept.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(kept.error(), ctx);
  SetForm(d, v, FormErrors(kept.error().fields, rows), FormFor::kPerson);
  SetKeepChoice(d, ctx, true, Get(v, "keep_person"), "");
  return Page(422, "Error: What will I pay towards my care?", "charging_calculator", d, ctx);
}

Response ChargingRoutes::RemoveEstimate(Context& ctx) {
  auto id = ChargingEstimateId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such estimate"), ctx);
  auto person = charging_.RemoveEstimate(ctx.call, *ctx.principal, *id);
  if (!person.ok()) return ErrorResponse(person.error(), ctx);
  return Response::Redirect("/people/" + person->ToString() + "?estimate=removed");
}

Response ChargingRoutes::RenderFinancialForm(int status, Context& ctx,
                                             const app::PersonRecord& person,
                                             const std::string& action, const std::string& heading,
                                             const Values& values,
                                             const std::vector<FieldError>& errors,
                                             const app::ChargingOutcome* outcome) {
  ViewData d;
  SetForm(d, values, errors, FormFor::kFinanceOfficer);
  d.set("person_name", person.details.given_name + " " + person.details.family_name);
  d.set("heading", heading);
  d.set("action", action);
  d.set("reason", Get(values, "reason"));
  for (const auto& e : errors)
    if (e.field == "reason") d.set("reason_error", e.message);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  if (outcome != nullptr) SetResult(d, *outcome, Wording::kThePerson);
  return Page(status, (errors.empty() ? "" : "Error: ") + heading, "financial_assessment_form", d,
              ctx);
}

Response ChargingRoutes::NewFinancialAssessmentPage(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto person = people_.Get(ctx.call, *ctx.principal, *id);
  if (!person.ok()) return ErrorResponse(person.error(), ctx);
  Date today = clock_.Now().UtcDate();
  Values v{{"assessment_date", today.ToString()},
           {"age", std::to_string(AgeOn(person->details.date_of_birth, today))},
           {"household", "single"},
           {"reason", "First financial assessment"}};
  return RenderFinancialForm(200, ctx, *person, FinancialFormAction(*id, std::nullopt),
                             FinancialFormHeading(std::nullopt), v, {}, nullptr);
}

Response ChargingRoutes::CreateFinancialAssessment(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  return SaveFinancialForm(ctx, *id, std::nullopt);
}

Response ChargingRoutes::EditFinancialAssessmentPage(Context& ctx) {
  auto id = FinancialAssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such financial assessment"), ctx);
  auto view = charging_.Get(ctx.call, *ctx.principal, *id);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  if (!view->can_edit)
    return ErrorResponse(Error::FailedPrecondition("This financial assessment is completed and "
                                                   "cannot be changed; start a new one"),
                         ctx);
  Values v = ValuesFromStored(view->record.input_json, view->evidence);
  v["reason"] = view->record.reason;
  return RenderFinancialForm(200, ctx, view->person, FinancialFormAction(std::nullopt, *id),
                             FinancialFormHeading(*id), v, {}, &view->outcome);
}

Response ChargingRoutes::UpdateFinancialAssessment(Context& ctx) {
  auto id = FinancialAssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such financial assessment"), ctx);
  return SaveFinancialForm(ctx, std::nullopt, *id);
}

// Creates (for `person`) or changes (`id`) an assessment from the posted form; on field errors the
// form again with what was typed, otherwise the assessment's page.
Response ChargingRoutes::SaveFinancialForm(Context& ctx, std::optional<PersonId> person,
                                           std::optional<FinancialAssessmentId> id) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  Values v = ValuesFromForm(*form);
  std::vector<int> rows;
  app::FinancialAssessmentChange change{
      app::ChargingRequestFromJson(InputFromValues(v, rows)), EvidenceFromValues(v, rows),
      Get(v, "reason"),
      Get(v, "action") == "complete" ? app::Completion::kComplete : app::Completion::kDraft};
  const bool complete = change.completion == app::Completion::kComplete;
  auto saved = id ? charging_.Update(ctx.call, *ctx.principal, *id, change)
                  : charging_.Create(ctx.call, *ctx.principal, *person, change);
  if (saved.ok())
    return Response::Redirect("/financial-assessments/" + saved->record.id.ToString() +
                              "?saved=" + (complete ? "completed" : "draft"));
  if (saved.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(saved.error(), ctx);
  Result<app::PersonRecord> record = Error::NotFound("No person with that reference");
  if (id) {
    auto view = charging_.Get(ctx.call, *ctx.principal, *id);
    if (!view.ok()) return ErrorResponse(view.error(), ctx);
    record = std::move(view->person);
  } else {
    record = people_.Get(ctx.call, *ctx.principal, *person);
    if (!record.ok()) return ErrorResponse(record.error(), ctx);
  }
  return RenderFinancialForm(422, ctx, *record, FinancialFormAction(person, id),
                             FinancialFormHeading(id), v, FormErrors(saved.error().fields, rows),
                             nullptr);
}

Response ChargingRoutes::FinancialAssessmentPage(Context& ctx) {
  auto id = FinancialAssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such financial assessment"), ctx);
  auto view = charging_.Get(ctx.call, *ctx.principal, *id);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  const Role role = ctx.principal->user.role;
  const bool self = role == Role::kBudgetHolder;
  ViewData d;
  d.set("person_name", view->person.details.given_name + " " + view->person.details.family_name);
  d.set("person_reference", domain::PersonReference(view->person.id));
  d.set("heading", self ? "What you pay towards your care" : "What the person pays towards care");
  d.set("draft", view->record.status == app::FinancialAssessmentStatus::kDraft);
  d.set("assessment_date", view->record.assessment_date.ToString());
  d.set("cost", view->record.weekly_cost.ToDisplayString());
  d.set("whose", self ? "your" : "their");
  d.set("who", self ? "you" : "they");
  d.set("s", "");
  SetResult(d, view->outcome, self ? Wording::kYou : Wording::kThePerson);
  ViewList evidence;
  for (const auto& [key, status] : view->evidence) {
    ViewData e;
    std::string item = key;
    if (key.rfind("income[", 0) == 0) {
      size_t k = std::stoul(key.substr(7));
      const auto& income = view->outcome.request.input.income;
      item = k < income.size() ? std::string(domain::IncomeTypeLabel(income[k].type)) : key;
    } else {
      for (const auto& f : kMoneyFields)
        if (key == f.name) item = f.label;
    }
    e.set("item", item);
    e.set("status", EvidenceLabel(status));
    evidence.push_back(e);
  }
  d.set("evidence", evidence);
  d.set("reason", view->record.reason);
  d.set("created_by", view->created_by_name.empty() ? "The finance team" : view->created_by_name);
  if (view->record.completed_at) {
    d.set("completed_on", view->record.completed_at->UtcDate().ToString());
    d.set("completed_by",
          view->completed_by_name.empty() ? "the finance team" : view->completed_by_name);
  }
  d.set("can_edit", view->can_edit);
  d.set("id", id->ToString());
  std::string saved = ctx.request.Query("saved");
  if (saved == "completed") d.set("saved", "The financial assessment was completed");
  if (saved == "draft") d.set("saved", "The draft was saved");
  d.set("back_href",
        self || role == Role::kRepresentative ? "/my" : "/people/" + view->person.id.ToString());
  return Page(200, self ? "What you pay towards your care" : "Financial assessment",
              "financial_assessment", d, ctx);
}

Response ChargingRoutes::RenderReassessment(int status, Context& ctx, const std::string& on,
                                            const std::vector<FieldError>& errors,
                                            const std::string& saved) {
  ViewData d;
  d.set("on", on);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  if (!saved.empty()) d.set("saved", saved);
  std::vector<FieldError> all = errors;
  if (!on.empty() && errors.empty()) {
    auto date = Date::Parse(Trim(on));
    if (!date.ok()) {
      all.push_back({"on", "Enter a date like 2026-04-06"});
    } else {
      auto r = charging_.PreviewReassessment(ctx.call, *ctx.principal, *date);
      if (!r.ok()) {
        if (r.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(r.error(), ctx);
        all.push_back({"on", r.error().message});
      } else {
        ViewData p;
        p.set("on", date->ToString());
        const domain::ChargingRates* rates = *app::ChargingRatesOn(*date);
        p.set("rates_title", rates->title);
        p.set("people", std::to_string(r->people));
        p.set("already", std::to_string(r->already_on_these_rates));
        p.set("increase", std::to_string(r->increase));
        p.set("decrease", std::to_string(r->decrease));
        p.set("unchanged", std::to_string(r->unchanged));
        p.set("current_total", r->current_weekly_total.ToDisplayString());
        p.set("new_total", r->new_weekly_total.ToDisplayString());
        ViewList changes;
        for (const auto& c : r->changes) {
          ViewData row;
          row.set("current_id", c.current_id.ToString());
          row.set("name", c.person_name);
          row.set("current", c.current_charge.ToDisplayString());
          row.set("after", c.new_charge.ToDisplayString());
          Pence diff = c.new_charge - c.current_charge;
          row.set("change", (diff > Pence() ? "+" : "") + diff.ToDisplayString());
          changes.push_back(row);
        }
        p.set("changes", changes);
        p.set("has_changes", !r->changes.empty());
        int64_t to_apply = r->people - r->already_on_these_rates;
        p.set("to_apply", std::to_string(to_apply));
        p.set("can_apply", to_apply > 0);
        p.set("csrf_token", ctx.principal->session.csrf_token);
        d.set("preview", p);
      }
    }
  }
  for (const auto& e : all)
    if (e.field == "on") d.set("on_error", e.message);
  SetErrorSummary(d, all);
  return Page(all.empty() ? status : 422,
              (all.empty() ? "" : "Error: ") + std::string("Yearly re-assessment of charges"),
              "charging_reassessment", d, ctx);
}

Response ChargingRoutes::ReassessmentPage(Context& ctx) {
  std::string saved;
  if (std::string n = ctx.request.Query("applied"); !n.empty())
    saved = n + " people were re-assessed";
  return RenderReassessment(200, ctx, ctx.request.Query("on"), {}, saved);
}

Response ChargingRoutes::ApplyReassessment(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  std::string on = FormValue(*form, "on");
  auto date = Date::Parse(Trim(on));
  if (!date.ok())
    return RenderReassessment(422, ctx, on, {{"on", "Enter a date like 2026-04-06"}}, "");
  auto r = charging_.ApplyReassessment(ctx.call, *ctx.principal, *date);
  if (!r.ok()) {
    if (r.error().code == ErrorCode::kInvalidArgument)
      return RenderReassessment(422, ctx, on, {{"on", r.error().message}}, "");
    return ErrorResponse(r.error(), ctx);
  }
  return Response::Redirect("/charging/reassessment?on=" + date->ToString() +
                            "&applied=" + std::to_string(r->applied));
}

void ChargingRoutes::AddPersonSection(ViewData& d, Context& ctx, const app::PersonFile& file) {
  const auto& who = *ctx.principal;
  const auto& person = file.person;
  ViewList items;
  for (const auto& a : file.charges) {
    ViewData item;
    item.set("id", a.id.ToString());
    item.set("weekly", a.weekly_charge.ToDisplayString());
    item.set("from", a.assessment_date.ToString());
    bool draft = a.status == app::FinancialAssessmentStatus::kDraft;
    item.set("status_label", draft ? "Draft" : "Completed");
    item.set("status_class", draft ? "govuk-tag--yellow" : "govuk-tag--green");
    items.push_back(item);
  }
  d.set("charges", items);
  d.set("has_charges", !items.empty());
  const bool acts_for = domain::ActsForPerson(who.actor, person.id);
  ViewList estimates;
  for (const auto& e : file.estimates) {
    ViewData item;
    item.set("id", e.id.ToString());
    item.set("weekly", e.weekly_charge.ToDisplayString());
    item.set("cost", e.weekly_cost.ToDisplayString());
    item.set("on", e.created_at.UtcDate().ToString());
    std::string rates = e.rates_id;
    for (const auto& r : app::ReferenceChargingRates())
      if (r.id == e.rates_id) rates = r.title;
    item.set("rates", rates);
    item.set("can_remove", acts_for);
    item.set("csrf_token", who.session.csrf_token);
    estimates.push_back(item);
  }
  d.set("estimates", estimates);
  d.set("has_estimates", !estimates.empty());
  d.set("estimates_heading", who.user.role == Role::kBudgetHolder ? "Estimates you kept"
                                                                  : "Estimates kept on the record");
  d.set("estimates_who",
        who.user.role == Role::kBudgetHolder ? "you" : "the person or their representative");
  bool finance = who.user.role == Role::kFinanceOfficer;
  d.set("can_assess_finances", finance);
  d.set("show_charges", finance || !items.empty() || !estimates.empty());
  d.set("charge_heading",
        who.user.role == Role::kBudgetHolder ? "What you pay towards your care" : "Charging");
}

}  // namespace selfdirect::web
