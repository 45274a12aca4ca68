#include "app/charging/charging_json.h"

#include <algorithm>
#include <mutex>

#include "app/json_reader.h"
#include "app/json_stream.h"
#include "base/assert.h"
#include "base/embedded_file.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& ChargingPolicies();
}  // namespace selfdirect::embedded

namespace selfdirect::app {
namespace json = boost::json;
using domain::ChargingPolicy;
using domain::ChargingRates;
using domain::IncomeType;

namespace {

// Reads the fields of a policy `o` names as changes (null removes an optional limit; a null
// share or amount changes nothing). The lower capital limit is checked against the upper one
// when both are given; against a policy's own limits when the changes are applied.
ChargingPolicyChanges ReadPolicyChanges(JsonReader& r, const json::object& o,
                                        const std::string& path) {
  r.Known(o, path,
          {"title", "note", "charge_percent", "share_rounding", "minimum_weekly_charge",
           "maximum_weekly_charge", "mig_weekly_override", "mig_uplift_weekly",
           "mig_uplift_percent", "dre_standard_weekly", "upper_capital_limit",
           "lower_capital_limit", "savings_credit_disregard_full"});
  ChargingPolicyChanges c;
  auto given = [&](std::string_view key) {
    auto* x = o.if_contains(key);
    return x != nullptr && !x->is_null();
  };
  auto share = [&](std::string_view key, std::optional<int64_t>& into) {
    if (!given(key)) return;
    into = r.Percent(o, path, key);
    if (*into > 10000) r.Fail(JsonReader::Join(path, key), "must be between 0 and 100");
  };
  auto money = [&](std::string_view key, std::optional<Pence>& into) {
    if (!given(key)) return;
    into = r.Money(o, path, key, Required::kNo);
    if (*into < Pence()) r.Fail(JsonReader::Join(path, key), "must not be negative");
  };
  auto limit = [&](std::string_view key, std::optional<std::optional<Pence>>& into) {
    if (o.if_contains(key) == nullptr) return;
    into.emplace();
    if (!given(key)) return;  // null: no limit.
    *into = r.Money(o, path, key, Required::kNo);
    if (**into < Pence()) r.Fail(JsonReader::Join(path, key), "must not be negative");
  };
  if (o.if_contains("title") != nullptr) c.title = r.String(o, path, "title", Required::kNo);
  share("charge_percent", c.charge_basis_points);
  if (given("share_rounding")) {
    std::string s = r.String(o, path, "share_rounding", Required::kNo);
    if (s == "half_up")
      c.share_rounding = ChargingPolicy::ShareRounding::kHalfUp;
    else if (s == "down")
      c.share_rounding = ChargingPolicy::ShareRounding::kDown;
    else
      r.Fail(JsonReader::Join(path, "share_rounding"), "must be half_up or down");
  }
  money("minimum_weekly_charge", c.minimum_weekly_charge);
  limit("maximum_weekly_charge", c.maximum_weekly_charge);
  limit("mig_weekly_override", c.mig_weekly_override);
  money("mig_uplift_weekly", c.mig_uplift_weekly);
  share("mig_uplift_percent", c.mig_uplift_basis_points);
  money("dre_standard_weekly", c.dre_standard_weekly);
  limit("upper_capital_limit", c.upper_capital_limit);
  limit("lower_capital_limit", c.lower_capital_limit);
  if (c.upper_capital_limit && *c.upper_capital_limit && c.lower_capital_limit &&
      *c.lower_capital_limit && **c.lower_capital_limit > **c.upper_capital_limit)
    r.Fail(JsonReader::Join(path, "lower_capital_limit"), "must not be above the upper limit");
  if (given("savings_credit_disregard_full")) {
    bool full = r.Bool(o, path, "savings_credit_disregard_full", false);
    if (o.at("savings_credit_disregard_full").is_bool()) c.savings_credit_disregard_full = full;
  }
  return c;
}

// Adds what applying the changes found (the lower limit above a policy's own upper one) to what
// the reader found, in the reader's order: the limits are read before
// savings_credit_disregard_full.
void MergePolicyErrors(JsonReader& r, const std::vector<FieldError>& found,
                       const std::string& path) {
  const std::string last = JsonReader::Join(path, "savings_credit_disregard_full");
  auto at = std::find_if(r.errors.begin(), r.errors.end(),
                         [&](const FieldError& e) { return e.field == last; });
  const size_t before = static_cast<size_t>(at - r.errors.begin());
  const size_t size = r.errors.size();
  r.Merge(found);
  std::rotate(r.errors.begin() + static_cast<std::ptrdiff_t>(before),
              r.errors.begin() + static_cast<std::ptrdiff_t>(size), r.errors.end());
}

// The parts of a financial assessment input, each read into `in` with its problems in `r`.
void ReadHouseholdAndPremiums(JsonReader& r, const json::object& o, domain::ChargingInput& in) {
  std::string household = r.String(o, "", "household", Required::kYes);
  if (auto h = domain::ParseHousehold(household))
    in.household = *h;
  else if (auto* given = o.if_contains("household"); given && given->is_string())
    r.Fail("household", "must be single, couple or lone_parent");
  const json::array* premiums = r.Array(o, "", "premiums", Required::kNo);
  if (premiums == nullptr) return;
  for (size_t i = 0; i < premiums->size(); ++i) {
    const json::value& p = (*premiums)[i];
    std::string_view code = p.is_string() ? std::string_view(p.get_string()) : "";
    if (code == "disability")
      in.disability_premium = true;
    else if (code == "enhanced_disability")
      in.enhanced_disability_premium = true;
    else if (code == "carer")
      in.carer_premium = true;
    else
      r.Fail(JsonReader::Index("premiums", i), "must be disability, enhanced_disability or carer");
  }
}

void ReadNotionalCapital(JsonReader& r, const json::object& o, domain::ChargingInput& in) {
  const json::array* list = r.Array(o, "", "notional_capital", Required::kNo);
  if (list == nullptr) return;
  for (size_t i = 0; i < list->size(); ++i) {
    std::string at = JsonReader::Index("notional_capital", i);
    const json::object* n = r.Object((*list)[i], at);
    if (n == nullptr) continue;
    r.Known(*n, at, {"amount", "reason", "decided_by", "decided_on"});
    domain::NotionalCapital nc;
    nc.amount = r.Money(*n, at, "amount", Required::kYes);
    nc.reason = r.String(*n, at, "reason", Required::kYes);
    nc.decided_by = r.String(*n, at, "decided_by", Required::kYes);
    if (auto d = r.DateField(*n, at, "decided_on", Required::kYes)) nc.decided_on = *d;
    in.notional_capital.push_back(std::move(nc));
  }
}

void ReadIncome(JsonReader& r, const json::object& o, domain::ChargingInput& in) {
  const json::array* list = r.Array(o, "", "income", Required::kNo);
  if (list == nullptr) return;
  in.income.reserve(list->size());
  for (size_t i = 0; i < list->size(); ++i) {
    std::string at = JsonReader::Index("income", i);
    const json::object* item = r.Object((*list)[i], at);
    if (item == nullptr) continue;
    r.Known(*item, at,
            {"type", "weekly", "joint", "disregarded_weekly", "disregard_reason", "description"});
    domain::IncomeItem ii;
    std::string type = r.String(*item, at, "type", Required::kYes);
    if (auto t = domain::ParseIncomeType(type))
      ii.type = *t;
    else if (auto* given = item->if_contains("type"); given && given->is_string())
      r.Fail(at + ".type", "\"" + type + "\" is not an income type (see docs/charging.md)");
    ii.weekly = r.Money(*item, at, "weekly", Required::kYes);
    ii.joint = r.Bool(*item, at, "joint", false);
    ii.disregarded_weekly = r.Money(*item, at, "disregarded_weekly", Required::kNo);
    ii.disregard_reason = r.String(*item, at, "disregard_reason", Required::kNo);
    ii.description = r.String(*item, at, "description", Required::kNo);
    in.income.push_back(std::move(ii));
  }
}

void ReadDisabilityRelatedExpenditure(JsonReader& r, const json::object& o,
                                      domain::ChargingInput& in) {
  if (auto* d = o.if_contains("disability_related_expenditure_weekly"); d && !d->is_null())
    in.dre_weekly = r.Money(o, "", "disability_related_expenditure_weekly", Required::kNo);
  const json::array* list = r.Array(o, "", "disability_related_expenditure", Required::kNo);
  if (list == nullptr) return;
  for (size_t i = 0; i < list->size(); ++i) {
    std::string at = JsonReader::Index("disability_related_expenditure", i);
    const json::object* e = r.Object((*list)[i], at);
    if (e == nullptr) continue;
    r.Known(*e, at, {"description", "weekly"});
    in.dre_items.push_back({r.String(*e, at, "description", Required::kYes),
                            r.Money(*e, at, "weekly", Required::kYes)});
  }
}

// Basis points as a percentage's text: 9000 is "90", 9050 is "90.50".
std::string PercentText(int64_t bp) {
  std::string s = std::to_string(bp / 100);
  if (bp % 100 != 0) s += "." + std::string(bp % 100 < 10 ? "0" : "") + std::to_string(bp % 100);
  return s;
}

std::string_view KindCode(domain::LineKind k) {
  switch (k) {
    case domain::LineKind::kIncome:
      return "income";
    case domain::LineKind::kDisregard:
      return "disregard";
    case domain::LineKind::kDeduction:
      return "deduction";
    case domain::LineKind::kSubtotal:
      return "subtotal";
    case domain::LineKind::kCharge:
      return "charge";
    case domain::LineKind::kNote:
      return "note";
  }
  return "note";
}

}  // namespace

const ChargingPolicy& DefaultChargingPolicy() {
  static const ChargingPolicy policy = [] {
    SD_ASSERT(embedded::ChargingPolicies().size() == 1);
    auto p = ChargingPolicyFromJson(json::parse(embedded::ChargingPolicies()[0].content),
                                    ChargingPolicy{});
    SD_ASSERT(p.ok());
    return *p;
  }();
  return policy;
}

Result<ChargingPolicy> ChargingPolicyFromJson(const json::value& v, const ChargingPolicy& base,
                                              const std::string& path) {
  JsonReader r("is not a field of a charging policy");
  const json::object* o = r.Object(v, path.empty() ? "policy" : path);
  if (o == nullptr)
    return Error::InvalidArgument("The charging policy must be a JSON object", r.errors);
  ChargingPolicyChanges changes = ReadPolicyChanges(r, *o, path);
  auto policy = ApplyChargingPolicyChanges(base, changes, path);
  if (!policy.ok()) MergePolicyErrors(r, policy.error().fields, path);
  SD_RETURN_IF_ERROR(r.Verdict("charging policy"));
  return *policy;
}

json::object ChargingPolicyToJson(const ChargingPolicy& p) {
  auto opt = [](const std::optional<Pence>& m) -> json::value {
    return m ? json::value(m->ToString()) : json::value(nullptr);
  };
  return {{"title", p.title},
          {"charge_percent", PercentText(p.charge_basis_points)},
          {"share_rounding",
           p.share_rounding == ChargingPolicy::ShareRounding::kDown ? "down" : "half_up"},
          {"minimum_weekly_charge", p.minimum_weekly_charge.ToString()},
          {"maximum_weekly_charge", opt(p.maximum_weekly_charge)},
          {"mig_weekly_override", opt(p.mig_weekly_override)},
          {"mig_uplift_weekly", p.mig_uplift_weekly.ToString()},
          {"mig_uplift_percent", PercentText(p.mig_uplift_basis_points)},
          {"dre_standard_weekly", p.dre_standard_weekly.ToString()},
          {"upper_capital_limit", opt(p.upper_capital_limit)},
          {"lower_capital_limit", opt(p.lower_capital_limit)},
          {"savings_credit_disregard_full", p.savings_credit_disregard_full}};
}

ChargingRequest ChargingRequestFromJson(const json::object& o) {
  JsonReader r("is not a field of a financial assessment");
  ChargingRequest req;
  domain::ChargingInput& in = req.input;
  r.Known(o, "",
          {"person", "assessment_date", "age", "household", "premiums", "dependent_children",
           "weekly_cost_of_care", "capital", "joint_capital", "notional_capital", "income",
           "housing_costs_weekly", "disability_related_expenditure_weekly",
           "disability_related_expenditure", "declined_to_disclose", "policy"});
  req.person = r.EchoId(o, "person");
  if (auto d = r.DateField(o, "", "assessment_date", Required::kYes)) in.assessment_date = *d;
  in.age = static_cast<int>(
      std::clamp<int64_t>(r.Integer(o, "", "age", Required::kYes).value_or(18), -1, 1000));
  ReadHouseholdAndPremiums(r, o, in);
  in.dependent_children = static_cast<int>(std::clamp<int64_t>(
      r.Integer(o, "", "dependent_children", Required::kNo).value_or(0), -1, 1000));
  in.weekly_cost_of_care = r.Money(o, "", "weekly_cost_of_care", Required::kYes);
  in.capital = r.Money(o, "", "capital", Required::kNo);
  in.joint_capital = r.Money(o, "", "joint_capital", Required::kNo);
  ReadNotionalCapital(r, o, in);
  ReadIncome(r, o, in);
  in.housing_costs_weekly = r.Money(o, "", "housing_costs_weekly", Required::kNo);
  ReadDisabilityRelatedExpenditure(r, o, in);
  in.declined_to_disclose = r.Bool(o, "", "declined_to_disclose", false);
  if (auto* p = o.if_contains("policy")) {
    req.policy.emplace();
    if (!p->is_null()) {
      JsonReader policy("is not a field of a charging policy");
      if (const json::object* changes = policy.Object(*p, "policy")) {
        *req.policy = ReadPolicyChanges(policy, *changes, "policy");
        req.policy->as_written = json::serialize(*changes);
      }
      r.errors.insert(r.errors.end(), policy.errors.begin(), policy.errors.end());
    }
  }
  req.read_errors = std::move(r.errors);
  return req;
}

Result<ChargingOutcome> AssessChargingJson(const json::value& v, const ChargingPolicy& base,
                                           domain::Detail detail) {
  const json::object* o = v.if_object();
  if (o == nullptr)
    return Error::InvalidArgument("Each financial assessment must be a JSON object");
  return AssessChargingRequest(ChargingRequestFromJson(*o), base, detail);
}

json::object ChargingInputToJson(const domain::ChargingInput& in) {
  json::array premiums;
  if (in.disability_premium) premiums.push_back("disability");
  if (in.enhanced_disability_premium) premiums.push_back("enhanced_disability");
  if (in.carer_premium) premiums.push_back("carer");
  json::array income;
  for (const auto& i : in.income) {
    json::object item{{"type", domain::IncomeTypeCode(i.type)}, {"weekly", i.weekly.ToString()}};
    if (i.joint) item["joint"] = true;
    if (i.disregarded_weekly > Pence()) {
      item["disregarded_weekly"] = i.disregarded_weekly.ToString();
      item["disregard_reason"] = i.disregard_reason;
    }
    if (!i.description.empty()) item["description"] = i.description;
    income.push_back(std::move(item));
  }
  json::object o{{"assessment_date", in.assessment_date.ToString()},
                 {"age", in.age},
                 {"household", domain::HouseholdCode(in.household)},
                 {"premiums", std::move(premiums)},
                 {"dependent_children", in.dependent_children},
                 {"weekly_cost_of_care", in.weekly_cost_of_care.ToString()},
                 {"capital", in.capital.ToString()},
                 {"income", std::move(income)},
                 {"housing_costs_weekly", in.housing_costs_weekly.ToString()},
                 {"declined_to_disclose", in.declined_to_disclose}};
  if (in.joint_capital > Pence()) o["joint_capital"] = in.joint_capital.ToString();
  if (!in.notional_capital.empty()) {
    json::array list;
    for (const auto& n : in.notional_capital)
      list.push_back({{"amount", n.amount.ToString()},
                      {"reason", n.reason},
                      {"decided_by", n.decided_by},
                      {"decided_on", n.decided_on.ToString()}});
    o["notional_capital"] = std::move(list);
  }
  if (in.dre_weekly) o["disability_related_expenditure_weekly"] = in.dre_weekly->ToString();
  if (!in.dre_items.empty()) {
    json::array list;
    for (const auto& e : in.dre_items)
      list.push_back({{"description", e.description}, {"weekly", e.weekly.ToString()}});
    o["disability_related_expenditure"] = std::move(list);
  }
  return o;
}

void AppendChargingResultJson(const domain::ChargingResult& res, const ChargingRates& rates,
                              const std::string& person, std::string& out) {
  out += '{';
  if (!person.empty()) {
    out += "\"person\":";
    AppendJsonString(person, out);
    out += ',';
  }
  out += "\"weekly_charge\":\"";
  res.weekly_charge.AppendTo(out);
  out += '"';
  AppendMoneyField("council_weekly_contribution", res.council_weekly_contribution, out);
  AppendMoneyField("tariff_income_weekly", res.tariff_income_weekly, out);
  AppendMoneyField("minimum_income_guarantee_weekly", res.minimum_income_guarantee_weekly, out);
  AppendMoneyField("assessable_income_weekly", res.assessable_income_weekly, out);
  out += ",\"full_cost\":";
  out += res.full_cost ? "true" : "false";
  if (res.full_cost) {
    out += ",\"full_cost_reason\":\"";
    out += res.full_cost_reason;
    out += '"';
  }
  AppendMoneyField("income_counted_weekly", res.income_counted_weekly, out);
  AppendMoneyField("income_disregarded_weekly", res.income_disregarded_weekly, out);
  AppendMoneyField("capital_assessed", res.capital_assessed, out);
  AppendMoneyField("housing_costs_weekly", res.housing_costs_weekly, out);
  AppendMoneyField("disability_related_expenditure_weekly",
                   res.disability_related_expenditure_weekly, out);
  out += ",\"rates\":";
  AppendJsonString(rates.id, out);
  out += ",\"explanation\":[";
  for (size_t i = 0; i < res.explanation.size(); ++i) {
    const auto& line = res.explanation[i];
    if (i > 0) out += ',';
    out += "{\"code\":\"";
    out += line.code;
    out += "\",\"kind\":\"";
    out += KindCode(line.kind);
    out += "\",\"text\":";
    AppendJsonString(line.text, out);
    if (line.amount) AppendMoneyField("amount", *line.amount, out);
    out += '}';
  }
  out += "],\"warnings\":[";
  for (size_t i = 0; i < res.warnings.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(res.warnings[i], out);
  }
  out += "]}";
}

json::value ChargingResultToJson(const domain::ChargingResult& res, const ChargingRates& rates) {
  // The same fields, in the same order, as AppendChargingResultJson.
  json::object o;
  o.reserve(17);
  o["weekly_charge"] = res.weekly_charge.ToString();
  o["council_weekly_contribution"] = res.council_weekly_contribution.ToString();
  o["tariff_income_weekly"] = res.tariff_income_weekly.ToString();
  o["minimum_income_guarantee_weekly"] = res.minimum_income_guarantee_weekly.ToString();
  o["assessable_income_weekly"] = res.assessable_income_weekly.ToString();
  o["full_cost"] = res.full_cost;
  if (res.full_cost) o["full_cost_reason"] = res.full_cost_reason;
  o["income_counted_weekly"] = res.income_counted_weekly.ToString();
  o["income_disregarded_weekly"] = res.income_disregarded_weekly.ToString();
  o["capital_assessed"] = res.capital_assessed.ToString();
  o["housing_costs_weekly"] = res.housing_costs_weekly.ToString();
  o["disability_related_expenditure_weekly"] = res.disability_related_expenditure_weekly.ToString();
  o["rates"] = rates.id;
  json::array explanation;
  explanation.reserve(res.explanation.size());
  for (const auto& line : res.explanation) {
    json::object l{{"code", line.code}, {"kind", KindCode(line.kind)}, {"text", line.text}};
    if (line.amount) l["amount"] = line.amount->ToString();
    explanation.push_back(std::move(l));
  }
  o["explanation"] = std::move(explanation);
  json::array warnings;
  for (const auto& w : res.warnings) warnings.push_back(json::string(w));
  o["warnings"] = std::move(warnings);
  return o;
}

json::object ChargingRequestToJson(const ChargingRequest& request) {
  json::object o = ChargingInputToJson(request.input);
  if (!request.policy) return o;
  const ChargingPolicyChanges& c = *request.policy;
  if (!c.as_written.empty()) {
    json::value given = json::parse(c.as_written);
    if (!given.get_object().empty()) o["policy"] = std::move(given);
  } else if (!c.empty()) {
    o["policy"] = ChargingPolicyChangesToJson(c);
  }
  return o;
}

json::object ChargingPolicyChangesToJson(const ChargingPolicyChanges& c) {
  json::object o;
  auto limit = [](const std::optional<Pence>& m) -> json::value {
    return m ? json::value(m->ToString()) : json::value(nullptr);
  };
  if (c.title) o["title"] = *c.title;
  if (c.charge_basis_points) o["charge_percent"] = PercentText(*c.charge_basis_points);
  if (c.share_rounding)
    o["share_rounding"] =
        *c.share_rounding == ChargingPolicy::ShareRounding::kDown ? "down" : "half_up";
  if (c.minimum_weekly_charge) o["minimum_weekly_charge"] = c.minimum_weekly_charge->ToString();
  if (c.maximum_weekly_charge) o["maximum_weekly_charge"] = limit(*c.maximum_weekly_charge);
  if (c.mig_weekly_override) o["mig_weekly_override"] = limit(*c.mig_weekly_override);
  if (c.mig_uplift_weekly) o["mig_uplift_weekly"] = c.mig_uplift_weekly->ToString();
  if (c.mig_uplift_basis_points) o["mig_uplift_percent"] = PercentText(*c.mig_uplift_basis_points);
  if (c.dre_standard_weekly) o["dre_standard_weekly"] = c.dre_standard_weekly->ToString();
  if (c.upper_capital_limit) o["upper_capital_limit"] = limit(*c.upper_capital_limit);
  if (c.lower_capital_limit) o["lower_capital_limit"] = limit(*c.lower_capital_limit);
  if (c.savings_credit_disregard_full)
    o["savings_credit_disregard_full"] = *c.savings_credit_disregard_full;
  return o;
}

}  // namespace selfdirect::app
