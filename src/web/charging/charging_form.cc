// The financial assessment form, shared by the public calculator and the finance officer's
// pages: its fields map one to one onto the JSON input of app/charging/charging_json.h, so the
// pages, the API and the CLI share one reader and one set of error messages.
#include "web/charging/charging_form.h"

#include "base/text.h"
#include "web/render.h"

namespace selfdirect::web::charging_form {

namespace json = boost::json;

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
  // The GOV.UK date input's three parts make the date the charge starts.
  if (v.count("assessment_date-day") || v.count("assessment_date-month") ||
      v.count("assessment_date-year"))
    v["assessment_date"] = IsoDateFromParts({std::string(Trim(Get(v, "assessment_date-day"))),
                                             std::string(Trim(Get(v, "assessment_date-month"))),
                                             std::string(Trim(Get(v, "assessment_date-year")))});
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
  // The date's parts as typed, or as stored (YYYY-MM-DD).
  if (auto date = Date::Parse(Get(v, "assessment_date")); date.ok()) {
    d.set("assessment_date_day", std::to_string(date->day()));
    d.set("assessment_date_month", std::to_string(date->month()));
    d.set("assessment_date_year", std::to_string(date->year()));
  } else {
    d.set("assessment_date_day", Get(v, "assessment_date-day"));
    d.set("assessment_date_month", Get(v, "assessment_date-month"));
    d.set("assessment_date_year", Get(v, "assessment_date-year"));
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

void SetResult(ViewData& d, const app::ChargingOutcome& o, Wording wording, bool staff) {
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
    line.set("text", staff ? l.text : domain::WithoutFigureNotes(l.text));
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

std::string EvidenceItemLabel(const app::FinancialAssessmentView& view, const std::string& key) {
  if (key.rfind("income[", 0) == 0) {
    size_t k = std::stoul(key.substr(7));
    const auto& income = view.outcome.request.input.income;
    return k < income.size() ? std::string(domain::IncomeTypeLabel(income[k].type)) : key;
  }
  std::string label = MoneyFieldLabel(key);
  return label.empty() ? key : label;
}

std::string MoneyFieldLabel(const std::string& key) {
  for (const auto& f : kMoneyFields)
    if (key == f.name) return f.label;
  return "";
}

}  // namespace selfdirect::web::charging_form
