#include "app/planning/support_plan_json.h"

#include "base/text.h"

namespace selfdirect::app {
namespace json = boost::json;
namespace {

constexpr size_t kMaxText = 4000;
constexpr size_t kMaxEntries = 50;

std::string Text(JsonReader& r, const json::object& o, std::string_view path,
                 std::string_view key) {
  std::string s = r.String(o, path, key, Required::kNo);
  if (s.size() > kMaxText || !IsCleanUtf8(s))
    r.Fail(JsonReader::Join(path, key), "must be text of 4,000 characters or fewer");
  return std::string(Trim(s));
}

const json::array* List(JsonReader& r, const json::object& o, std::string_view key) {
  const json::array* a = r.Array(o, "", key, Required::kNo);
  if (a != nullptr && a->size() > kMaxEntries)
    r.Fail(key, "must have at most " + std::to_string(kMaxEntries) + " entries");
  return a;
}

}  // namespace

namespace {

void ReadNeeds(JsonReader& r, const json::object& o, std::vector<domain::PlanNeed>& out) {
  const json::array* needs = List(r, o, "needs");
  if (needs == nullptr) return;
  for (size_t i = 0; i < needs->size() && i < kMaxEntries; ++i) {
    std::string at = JsonReader::Index("needs", i);
    const json::object* n = r.Object((*needs)[i], at);
    if (n == nullptr) continue;
    r.Known(*n, at, {"description", "eligible", "how_met"});
    out.push_back({Text(r, *n, at, "description"), r.Bool(*n, at, "eligible", true),
                   Text(r, *n, at, "how_met")});
  }
}

void ReadOutcomes(JsonReader& r, const json::object& o, std::vector<std::string>& out) {
  const json::array* outcomes = List(r, o, "outcomes");
  if (outcomes == nullptr) return;
  for (size_t i = 0; i < outcomes->size() && i < kMaxEntries; ++i) {
    const json::value& e = (*outcomes)[i];
    std::string at = JsonReader::Index("outcomes", i);
    if (!e.is_string() || e.get_string().size() > kMaxText || !IsCleanUtf8(e.get_string())) {
      r.Fail(at, "must be text of 4,000 characters or fewer");
      continue;
    }
    std::string text(Trim(e.get_string()));
    if (!text.empty()) out.push_back(std::move(text));
  }
}

void ReadHelpers(JsonReader& r, const json::object& o, std::vector<domain::PlanHelper>& out) {
  const json::array* helpers = List(r, o, "helpers");
  if (helpers == nullptr) return;
  for (size_t i = 0; i < helpers->size() && i < kMaxEntries; ++i) {
    std::string at = JsonReader::Index("helpers", i);
    const json::object* h = r.Object((*helpers)[i], at);
    if (h == nullptr) continue;
    r.Known(*h, at, {"who", "help", "paid"});
    domain::PlanHelper helper{Text(r, *h, at, "who"), Text(r, *h, at, "help"),
                              r.Bool(*h, at, "paid", false)};
    if (helper.who.empty()) r.Fail(at + ".who", "Say who helps");
    out.push_back(std::move(helper));
  }
}

// The plan's lines, and the costing engine's checks of each (quantity more than zero, ...), so
// one answer names every problem, each field once.
void ReadLines(JsonReader& r, const json::object& o, const Catalogue& catalogue,
               CatalogueItems items, domain::SupportPlanContent& p) {
  if (const json::array* lines = r.Array(o, "", "lines", Required::kNo)) {
    if (lines->size() > 200) r.Fail("lines", "A plan has at most 200 lines");
    ReadPlanLines(r, *lines, catalogue, p.managed_as, p.lines, items);
  }
  if (p.lines.empty()) return;
  if (Status s = domain::ValidatePlanCostInput(CostInputOf(p, Date{}, std::nullopt)); !s.ok())
    r.Merge(s.error().fields);
}

}  // namespace

Result<domain::SupportPlanContent> SupportPlanFromJson(const json::value& v,
                                                       const Catalogue& catalogue,
                                                       CatalogueItems items) {
  const json::object* o = v.if_object();
  if (o == nullptr) return Error::InvalidArgument("A support plan must be a JSON object");
  JsonReader r("is not a part of a support plan");
  r.Known(
      *o, "",
      {"needs", "what_matters", "outcomes", "views", "helpers", "contingency", "risks", "advice",
       "managed_as", "review_date", "employment_allowance", "payroll_service", "lines"});
  domain::SupportPlanContent p;
  ReadNeeds(r, *o, p.needs);
  p.what_matters = Text(r, *o, "", "what_matters");
  ReadOutcomes(r, *o, p.outcomes);
  p.views = Text(r, *o, "", "views");
  ReadHelpers(r, *o, p.helpers);
  p.contingency = Text(r, *o, "", "contingency");
  p.risks = Text(r, *o, "", "risks");
  p.advice = Text(r, *o, "", "advice");
  p.managed_as = ReadManaged(r, *o, "", domain::ManagedAs::kDirectPayment);
  if (auto* d = o->if_contains("review_date"); d && !d->is_null())
    p.review_date = r.DateField(*o, "", "review_date", Required::kNo);
  p.employment_allowance = r.Bool(*o, "", "employment_allowance", true);
  p.payroll_service = r.Bool(*o, "", "payroll_service", false);
  ReadLines(r, *o, catalogue, items, p);
  if (!r.errors.empty()) {
    std::string message = "Check the plan: " + r.errors[0].field + " " + r.errors[0].message;
    return Error::InvalidArgument(std::move(message), std::move(r.errors));
  }
  return p;
}

json::object SupportPlanToJson(const domain::SupportPlanContent& p) {
  json::object o;
  json::array needs;
  for (const auto& n : p.needs)
    needs.push_back(json::object{
        {"description", n.description}, {"eligible", n.eligible}, {"how_met", n.how_met}});
  o["needs"] = std::move(needs);
  o["what_matters"] = p.what_matters;
  json::array outcomes;
  for (const auto& t : p.outcomes) outcomes.push_back(json::string(t));
  o["outcomes"] = std::move(outcomes);
  o["views"] = p.views;
  json::array helpers;
  for (const auto& h : p.helpers)
    helpers.push_back(json::object{{"who", h.who}, {"help", h.help}, {"paid", h.paid}});
  o["helpers"] = std::move(helpers);
  o["contingency"] = p.contingency;
  o["risks"] = p.risks;
  o["advice"] = p.advice;
  o["managed_as"] = domain::ManagedAsCode(p.managed_as);
  if (p.review_date)
    o["review_date"] = p.review_date->ToString();
  else
    o["review_date"] = nullptr;
  o["employment_allowance"] = p.employment_allowance;
  o["payroll_service"] = p.payroll_service;
  json::array lines;
  for (const auto& l : p.lines) lines.push_back(PlanLineToJson(l));
  o["lines"] = std::move(lines);
  return o;
}

domain::PlanCostInput CostInputOf(const domain::SupportPlanContent& p, Date date,
                                  std::optional<Pence> indicative_weekly) {
  domain::PlanCostInput in;
  in.costing_date = date;
  in.lines = p.lines;
  in.employment_allowance = p.employment_allowance;
  in.payroll_service = p.payroll_service;
  in.indicative_weekly = indicative_weekly;
  return in;
}

json::object SupportPlanToFhir(const domain::SupportPlanContent& p, const domain::PlanCost& cost,
                               const FhirPlanContext& ctx) {
  json::array entries;
  json::array goal_refs;
  for (size_t i = 0; i < p.outcomes.size(); ++i) {
    std::string id = "plan-" + ctx.plan_id + "-goal-" + std::to_string(i + 1);
    json::object goal{
        {"resourceType", "Goal"},
        {"id", id},
        {"lifecycleStatus", ctx.status == domain::PlanStatus::kApproved ? "active" : "proposed"},
        {"description", json::object{{"text", p.outcomes[i]}}},
        {"subject",
         json::object{{"reference", ctx.person_reference}, {"display", ctx.person_name}}},
        {"expressedBy", json::object{{"reference", ctx.person_reference}}}};
    goal_refs.push_back(json::object{{"reference", "Goal/" + id}});
    entries.push_back(json::object{{"fullUrl", "urn:selfdirect:Goal/" + id}, {"resource", goal}});
  }
  std::string status = "draft";
  if (ctx.status == domain::PlanStatus::kApproved) status = "active";
  json::array activities;
  for (size_t i = 0; i < p.lines.size() && i < cost.lines.size(); ++i) {
    const auto& l = p.lines[i];
    json::object detail{
        {"kind", "ServiceRequest"},
        {"code",
         json::object{{"coding", json::array{json::object{
                                     {"system", "urn:selfdirect:support-category"},
                                     {"code", domain::SupportCategoryCode(l.category)},
                                     {"display", domain::SupportCategoryLabel(l.category)}}}},
                      {"text", l.description}}},
        {"status", ctx.status == domain::PlanStatus::kApproved ? "scheduled" : "not-started"},
        {"description",
         l.description + " (" + std::string(domain::ManagedAsLabel(l.managed_as)) + ")"},
        {"extension", json::array{json::object{
                          // Pounds as a decimal string: a JSON number would go through a double.
                          {"url", "urn:selfdirect:fhir:weekly-cost-gbp"},
                          {"valueString", cost.lines[i].weekly.ToString()}}}}};
    activities.push_back(json::object{{"detail", std::move(detail)}});
  }
  json::object care_plan{
      {"resourceType", "CarePlan"},
      {"id", "plan-" + ctx.plan_id},
      {"identifier",
       json::array{json::object{{"system", "urn:selfdirect:support-plan"},
                                {"value", ctx.plan_id + "/" + std::to_string(ctx.version)}}}},
      {"status", status},
      {"intent", "plan"},
      {"title", "Care and support plan"},
      {"description", p.what_matters},
      {"subject", json::object{{"reference", ctx.person_reference}, {"display", ctx.person_name}}},
      {"created", ctx.created},
      {"goal", std::move(goal_refs)},
      {"activity", std::move(activities)}};
  if (p.review_date) care_plan["period"] = json::object{{"end", p.review_date->ToString()}};
  json::array notes;
  for (const auto* text : {&p.views, &p.contingency, &p.risks})
    if (!text->empty()) notes.push_back(json::object{{"text", *text}});
  if (!notes.empty()) care_plan["note"] = std::move(notes);
  entries.insert(entries.begin(),
                 json::object{{"fullUrl", "urn:selfdirect:CarePlan/plan-" + ctx.plan_id},
                              {"resource", std::move(care_plan)}});
  return json::object{
      {"resourceType", "Bundle"}, {"type", "collection"}, {"entry", std::move(entries)}};
}

}  // namespace selfdirect::app
