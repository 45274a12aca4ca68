#include "app/planning/plan_json.h"

#include <algorithm>

#include "app/json_reader.h"
#include "app/json_stream.h"
#include "app/reference_data.h"
#include "base/assert.h"
#include "base/embedded_file.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& PaRates();
const std::vector<EmbeddedFile>& PlanningData();
}  // namespace selfdirect::embedded

namespace selfdirect::app {
namespace json = boost::json;
using domain::PaEmploymentRates;

namespace {

// A figure of the reference data: {"amount": "5000.00", "status": ..., "source"/"basis": ...}.
Pence Figure(JsonReader& r, const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_object()) {
    r.Fail(key, "must be an object with an amount, its status and its source");
    return Pence();
  }
  const json::object& f = v->get_object();
  std::string status = r.String(f, key, "status", Required::kYes);
  if (status != "sourced" && status != "derived" && status != "unverified")
    r.Fail(JsonReader::Join(key, "status"), "must be sourced, derived or unverified");
  if (r.String(f, key, "source", Required::kNo).empty() &&
      r.String(f, key, "basis", Required::kNo).empty())
    r.Fail(key, "needs a source or a basis");
  return r.Money(f, key, "amount", Required::kYes);
}

// A decimal with at most two places ("5.6", "15", 20), as hundredths.
int64_t Hundredths(JsonReader& r, const json::object& o, std::string_view path,
                   std::string_view key, int64_t fallback) {
  auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return fallback;
  if (v->is_int64()) {
    int64_t n = v->get_int64();
    if (n > -1'000'000'000 && n < 1'000'000'000) return n * 100;
  } else if (v->is_string()) {
    auto p = Pence::Parse(v->get_string());
    if (p.ok() && !v->get_string().starts_with("\xc2\xa3")) return p->pence();
  } else if (v->is_double()) {
    double d = v->get_double() * 100;
    auto h = static_cast<int64_t>(d >= 0 ? d + 0.5 : d - 0.5);
    if (std::abs(d - static_cast<double>(h)) < 1e-6 && std::abs(d) < 1e11) return h;
  }
  r.Fail(JsonReader::Join(path, key), "must be a number with at most two decimals, like \"2.5\"");
  return fallback;
}

std::string_view PlanningFile(std::string_view name) {
  for (const auto& f : embedded::PlanningData())
    if (f.path == name) return f.content;
  SD_ASSERT(false);
  return {};
}

}  // namespace

Result<PaEmploymentRates> PaRatesFromJson(const json::value& v) {
  JsonReader r("is not a field of PA employment reference data");
  PaEmploymentRates t;
  const json::object* o = r.Object(v, "rates");
  if (o == nullptr) return Error::InvalidArgument("PA reference data must be a JSON object");
  r.Known(*o, "",
          {"id", "title", "effective_from", "notes", "sources", "national_living_wage_hourly",
           "employer_ni", "employer_ni_secondary_threshold_annual", "employment_allowance_annual",
           "pension_trigger_annual", "pension_band_lower_annual", "pension_band_upper_annual",
           "pension_employer", "holiday_weeks"});
  ReadReferenceHead(r, *o, t);
  t.national_living_wage_hourly = Figure(r, *o, "national_living_wage_hourly");
  t.employer_ni_secondary_threshold_annual =
      Figure(r, *o, "employer_ni_secondary_threshold_annual");
  t.employment_allowance_annual = Figure(r, *o, "employment_allowance_annual");
  t.pension_trigger_annual = Figure(r, *o, "pension_trigger_annual");
  t.pension_band_lower_annual = Figure(r, *o, "pension_band_lower_annual");
  t.pension_band_upper_annual = Figure(r, *o, "pension_band_upper_annual");
  auto part = [&](const char* key, const char* field) -> int64_t {
    auto* x = o->if_contains(key);
    if (x == nullptr || !x->is_object()) {
      r.Fail(key, "is required");
      return 0;
    }
    return Hundredths(r, x->get_object(), key, field, 0);
  };
  t.employer_ni_basis_points = part("employer_ni", "percent");
  t.pension_employer_basis_points = part("pension_employer", "percent");
  t.holiday_weeks_hundredths = part("holiday_weeks", "weeks");
  if (t.pension_band_lower_annual > t.pension_band_upper_annual)
    r.Fail("pension_band_lower_annual", "must not be above the upper limit");
  SD_RETURN_IF_ERROR(r.Verdict("PA reference data"));
  return t;
}

namespace {

const EffectiveDatedData<PaEmploymentRates>& ShippedPaRates() {
  static const EffectiveDatedData<PaEmploymentRates> rates =
      ShippedReference(EffectiveDatedData<PaEmploymentRates>::Load(
          "data/reference/planning", embedded::PaRates(), PaRatesFromJson, "PA employment rates"));
  return rates;
}

}  // namespace

const std::vector<PaEmploymentRates>& ReferencePaRates() { return ShippedPaRates().versions(); }

Result<const PaEmploymentRates*> PaRatesOn(Date date) {
  return ShippedPaRates().On(date, "costing_date");
}

Result<domain::PlanCostPolicy> PlanPolicyFromJson(const json::value& v) {
  JsonReader r("is not a field of a planning policy");
  domain::PlanCostPolicy p;
  const json::object* o = r.Object(v, "policy");
  if (o == nullptr) return Error::InvalidArgument("The planning policy must be a JSON object");
  r.Known(*o, "",
          {"title", "note", "employer_insurance_annual", "payroll_service_annual",
           "tolerance_percent"});
  p.employer_insurance_annual = r.Money(*o, "", "employer_insurance_annual", Required::kYes);
  p.payroll_service_annual = r.Money(*o, "", "payroll_service_annual", Required::kYes);
  p.tolerance_basis_points = Hundredths(r, *o, "", "tolerance_percent", 1000);
  if (p.tolerance_basis_points < 0 || p.tolerance_basis_points > 10000)
    r.Fail("tolerance_percent", "must be between 0 and 100");
  SD_RETURN_IF_ERROR(r.Verdict("planning policy"));
  return p;
}

const domain::PlanCostPolicy& DefaultPlanPolicy() {
  static const domain::PlanCostPolicy policy = [] {
    auto p = PlanPolicyFromJson(json::parse(PlanningFile("council-policy.json")));
    SD_ASSERT(p.ok());
    return *p;
  }();
  return policy;
}

const CatalogueItem* Catalogue::Find(std::string_view code) const {
  for (const auto& i : items)
    if (i.code == code) return &i;
  return nullptr;
}

Result<Catalogue> CatalogueFromJson(const json::value& v) {
  JsonReader r("is not a field of a catalogue");
  Catalogue c;
  const json::object* o = r.Object(v, "catalogue");
  if (o == nullptr) return Error::InvalidArgument("The catalogue must be a JSON object");
  r.Known(*o, "", {"title", "note", "effective_from", "items"});
  c.title = r.String(*o, "", "title", Required::kYes);
  if (const json::array* items = r.Array(*o, "", "items", Required::kYes)) {
    for (size_t i = 0; i < items->size(); ++i) {
      std::string at = JsonReader::Index("items", i);
      const json::object* io = r.Object((*items)[i], at);
      if (io == nullptr) continue;
      r.Known(
          *io, at,
          {"code", "category", "unit", "reference_price", "description", "directory_service_id"});
      CatalogueItem item;
      item.code = r.String(*io, at, "code", Required::kYes);
      if (c.Find(item.code) != nullptr) r.Fail(at + ".code", "is used by an earlier item");
      std::string category = r.String(*io, at, "category", Required::kYes);
      if (auto cat = domain::ParseSupportCategory(category))
        item.category = *cat;
      else
        r.Fail(at + ".category", "is not a category");
      std::string unit = r.String(*io, at, "unit", Required::kYes);
      if (auto u = domain::ParseUnit(unit))
        item.unit = *u;
      else
        r.Fail(at + ".unit", "must be hour, session, day, week, month, year or item");
      item.reference_price = r.Money(*io, at, "reference_price", Required::kYes);
      if (item.reference_price < Pence()) r.Fail(at + ".reference_price", "must not be negative");
      item.description = r.String(*io, at, "description", Required::kYes);
      item.directory_service_id = r.String(*io, at, "directory_service_id", Required::kNo);
      c.items.push_back(std::move(item));
    }
  }
  SD_RETURN_IF_ERROR(r.Verdict("catalogue"));
  return c;
}

const Catalogue& DefaultCatalogue() {
  static const Catalogue catalogue = [] {
    auto c = CatalogueFromJson(json::parse(PlanningFile("catalogue.json")));
    SD_ASSERT(c.ok());
    return *c;
  }();
  return catalogue;
}

json::object CatalogueItemToJson(const CatalogueItem& i) {
  json::object o{{"code", i.code},
                 {"category", domain::SupportCategoryCode(i.category)},
                 {"traditional", domain::IsTraditional(i.category)},
                 {"unit", domain::UnitCode(i.unit)},
                 {"reference_price", i.reference_price.ToString()},
                 {"description", i.description}};
  if (!i.directory_service_id.empty()) o["directory_service_id"] = i.directory_service_id;
  return o;
}

domain::ManagedAs ReadManaged(JsonReader& r, const json::object& from, std::string_view path,
                              domain::ManagedAs fallback) {
  auto* m = from.if_contains("managed_as");
  if (m == nullptr || m->is_null()) return fallback;
  std::string code = r.String(from, path, "managed_as", Required::kNo);
  if (auto parsed = domain::ParseManagedAs(code)) return *parsed;
  r.Fail(JsonReader::Join(path, "managed_as"),
         "must be direct_payment, direct_payment_nominated, direct_payment_authorised, "
         "council_managed, individual_service_fund or council_commissioned");
  return fallback;
}

namespace {

// What a line of the person's own (or of a withdrawn item) must give itself; a catalogue item's
// line may give them to replace the item's.
void ReadLineItemFields(JsonReader& r, const json::object& lo, const std::string& at,
                        const CatalogueItem* item, Required own_fields, domain::PlanLine& l) {
  const bool needs_own_fields = own_fields == Required::kYes;
  if (item != nullptr) {
    l.category = item->category;
    l.unit = item->unit;
    l.unit_cost = item->reference_price;
    l.description = item->description;
  }
  if (std::string d = r.String(lo, at, "description", own_fields); !d.empty()) l.description = d;
  if (auto* c = lo.if_contains("category"); c || needs_own_fields) {
    std::string code = r.String(lo, at, "category", own_fields);
    if (auto cat = domain::ParseSupportCategory(code))
      l.category = *cat;
    else if (c != nullptr)
      r.Fail(at + ".category", "is not a category (see docs/planning.md)");
  }
  if (auto* u = lo.if_contains("unit"); u || needs_own_fields) {
    std::string code = r.String(lo, at, "unit", own_fields);
    if (auto unit = domain::ParseUnit(code))
      l.unit = *unit;
    else if (u != nullptr)
      r.Fail(at + ".unit", "must be hour, session, day, week, month, year or item");
  }
  if (lo.if_contains("unit_cost") || needs_own_fields)
    l.unit_cost = r.Money(lo, at, "unit_cost", own_fields);
}

// How often: the period given, else what the unit implies (an item is bought once, a month's or
// a year's unit is paid by the month or year), else weekly.
void ReadLinePeriod(JsonReader& r, const json::object& lo, const std::string& at,
                    domain::PlanLine& l) {
  if (auto* p = lo.if_contains("per"); p && !p->is_null()) {
    if (auto period = domain::ParsePeriod(r.String(lo, at, "per", Required::kNo)))
      l.period = *period;
    else
      r.Fail(at + ".per", "must be week, fortnight, four_weeks, month, year or once");
  } else if (l.unit == domain::Unit::kItem) {
    l.period = domain::Period::kOnce;  // An item is bought once unless a period is given.
  } else if (l.unit == domain::Unit::kMonth) {
    l.period = domain::Period::kMonth;
  } else if (l.unit == domain::Unit::kYear) {
    l.period = domain::Period::kYear;
  }
}

// Who employs a PA: as given, else an agency's hour is the organisation's.
void ReadLineEmployer(JsonReader& r, const json::object& lo, const std::string& at,
                      domain::PlanLine& l) {
  if (auto* e = lo.if_contains("employer"); e && !e->is_null()) {
    std::string code = r.String(lo, at, "employer", Required::kNo);
    if (code == "person")
      l.employer = domain::PaEmployer::kPerson;
    else if (code == "organisation")
      l.employer = domain::PaEmployer::kOrganisation;
    else
      r.Fail(at + ".employer", "must be person or organisation");
  } else if (l.item == "pa-agency-hour") {
    l.employer = domain::PaEmployer::kOrganisation;
  }
}

domain::PlanLine ReadPlanLine(JsonReader& r, const json::object& lo, const std::string& at,
                              const Catalogue& catalogue, domain::ManagedAs plan_managed,
                              CatalogueItems items) {
  domain::PlanLine l;
  l.item = r.String(lo, at, "item", Required::kNo);
  const CatalogueItem* item = nullptr;
  if (!l.item.empty()) {
    item = catalogue.Find(l.item);
    if (item == nullptr && items == CatalogueItems::kCurrentOnly)
      r.Fail(at + ".item", "\"" + l.item + "\" is not in the council's catalogue");
  }
  // A withdrawn item is read like the person's own: from what the line keeps.
  const bool own = item == nullptr;
  const bool needs_own_fields = own && (l.item.empty() || items == CatalogueItems::kAlsoWithdrawn);
  ReadLineItemFields(r, lo, at, item, needs_own_fields ? Required::kYes : Required::kNo, l);
  l.quantity_hundredths = Hundredths(r, lo, at, "quantity", 100);
  if (auto t = r.Integer(lo, at, "times", Required::kNo))
    l.times = std::clamp<int64_t>(*t, -1, 100000);
  ReadLinePeriod(r, lo, at, l);
  if (auto w = r.Integer(lo, at, "weeks_per_year", Required::kNo))
    l.weeks_per_year = static_cast<int>(std::clamp<int64_t>(*w, -1, 1000));
  l.managed_as = ReadManaged(r, lo, at, plan_managed);
  ReadLineEmployer(r, lo, at, l);
  l.holiday_cover = r.Bool(lo, at, "holiday_cover", true);
  return l;
}

}  // namespace

void ReadPlanLines(JsonReader& r, const json::array& lines, const Catalogue& catalogue,
                   domain::ManagedAs plan_managed, std::vector<domain::PlanLine>& out,
                   CatalogueItems items) {
  out.reserve(lines.size());
  for (size_t i = 0; i < lines.size() && i <= 200; ++i) {
    std::string at = JsonReader::Index("lines", i);
    const json::object* lo = r.Object(lines[i], at);
    if (lo == nullptr) continue;
    // Checked here rather than in ReadPlanLine: here the compiler inlines it with the names as
    // constants (plan cost measured 2% slower the other way).
    r.Known(*lo, at,
            {"item", "description", "category", "unit", "unit_cost", "quantity", "times", "per",
             "weeks_per_year", "managed_as", "employer", "holiday_cover"});
    out.push_back(ReadPlanLine(r, *lo, at, catalogue, plan_managed, items));
  }
}

json::object PlanLineToJson(const domain::PlanLine& l) {
  json::object o;
  if (!l.item.empty()) o["item"] = l.item;
  o["description"] = l.description;
  o["category"] = domain::SupportCategoryCode(l.category);
  o["unit"] = domain::UnitCode(l.unit);
  o["unit_cost"] = l.unit_cost.ToString();
  o["quantity"] = Pence::FromPence(l.quantity_hundredths).ToString();
  o["times"] = l.times;
  o["per"] = domain::PeriodCode(l.period);
  if (l.period == domain::Period::kWeek && l.weeks_per_year != 52)
    o["weeks_per_year"] = l.weeks_per_year;
  o["managed_as"] = domain::ManagedAsCode(l.managed_as);
  if (l.category == domain::SupportCategory::kPersonalAssistant) {
    o["employer"] = l.employer == domain::PaEmployer::kPerson ? "person" : "organisation";
    if (!l.holiday_cover) o["holiday_cover"] = false;
  }
  return o;
}

Result<PlanCostRequest> PlanCostRequestFromJson(const json::value& v, const Catalogue& catalogue) {
  JsonReader r("is not a field of a plan here");
  PlanCostRequest req;
  domain::PlanCostInput& in = req.input;
  const json::object* o = v.if_object();
  if (o == nullptr) return Error::InvalidArgument("Each plan must be a JSON object");
  r.Known(*o, "",
          {"person", "costing_date", "indicative_weekly_budget", "tolerance_percent", "managed_as",
           "employment_allowance", "payroll_service", "lines"});
  req.person = r.EchoId(*o, "person");
  if (auto d = r.DateField(*o, "", "costing_date", Required::kYes)) in.costing_date = *d;
  if (auto* b = o->if_contains("indicative_weekly_budget"); b && !b->is_null())
    in.indicative_weekly = r.Money(*o, "", "indicative_weekly_budget", Required::kNo);
  if (auto* t = o->if_contains("tolerance_percent"); t && !t->is_null())
    in.tolerance_basis_points = Hundredths(r, *o, "", "tolerance_percent", 0);
  const domain::ManagedAs plan_managed = ReadManaged(r, *o, "", domain::ManagedAs::kDirectPayment);
  in.employment_allowance = r.Bool(*o, "", "employment_allowance", true);
  in.payroll_service = r.Bool(*o, "", "payroll_service", false);
  if (const json::array* lines = r.Array(*o, "", "lines", Required::kYes))
    ReadPlanLines(r, *lines, catalogue, plan_managed, in.lines);
  // The engine's checks too, so one answer names every problem (a field once).
  if (Status s = domain::ValidatePlanCostInput(in); !s.ok()) {
    if (r.errors.empty()) return s.error();
    r.Merge(s.error().fields);
  }
  if (r.errors.empty()) return req;
  std::string message = "The plan is not valid: " + r.errors[0].field + " " + r.errors[0].message;
  if (r.errors.size() > 1) message += " (and " + std::to_string(r.errors.size() - 1) + " more)";
  return Error::InvalidArgument(std::move(message), std::move(r.errors));
}

namespace {

// About how many bytes AppendPlanCostJson writes for a plan and for each line (JsonWriter grows
// if a plan needs more).
constexpr size_t kPlanBytes = 768;
constexpr size_t kLineBytes = 256;

void WriteLineCostJson(const domain::PlanLine& l, const domain::LineCost& lc, JsonWriter& w) {
  w.Lit("{\"item\":");
  w.String(l.item);
  w.Lit(",\"description\":");
  w.String(l.description);
  w.Lit(",\"category\":\"");
  w.Raw(domain::SupportCategoryCode(l.category));
  w.Lit("\",\"managed_as\":\"");
  w.Raw(domain::ManagedAsCode(l.managed_as));
  w.Char('"');
  w.MoneyField("weekly", lc.weekly);
  w.MoneyField("annual", lc.annual);
  if (lc.pa) {
    w.Lit(",\"pa\":{\"hours_weekly\":\"");
    w.Money(Pence::FromPence(lc.pa->hours_hundredths));
    w.Char('"');
    w.MoneyField("pay_annual", lc.pa->pay_annual);
    w.MoneyField("employer_ni_annual", lc.pa->employer_ni_annual);
    w.MoneyField("pension_annual", lc.pa->pension_annual);
    w.MoneyField("holiday_cover_annual", lc.pa->holiday_cover_annual);
    w.Char('}');
  }
  w.Char('}');
}

void WritePlanItemsJson(const std::vector<domain::PlanItemCost>& items, JsonWriter& w) {
  w.Lit(",\"plan_items\":[");
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& p = items[i];
    if (i > 0) w.Char(',');
    w.Lit("{\"code\":\"");
    w.Raw(p.code);
    w.Lit("\",\"text\":");
    w.String(p.text);
    w.MoneyField("weekly", p.weekly);
    w.MoneyField("annual", p.annual);
    w.Char('}');
  }
  w.Char(']');
}

// ,"by_management":{"direct_payment":"12.34",...} (the ways with any cost).
void WriteByManagementJson(const domain::PlanCost& c, JsonWriter& w) {
  w.Lit(",\"by_management\":{");
  bool first = true;
  for (size_t m = 0; m < domain::kManagedAsCount; ++m) {
    if (c.weekly_by_management[m] == Pence()) continue;
    if (!first) w.Char(',');
    first = false;
    w.Char('"');
    w.Raw(domain::ManagedAsCode(static_cast<domain::ManagedAs>(m)));
    w.Lit("\":\"");
    w.Money(c.weekly_by_management[m]);
    w.Char('"');
  }
  w.Char('}');
}

void WriteToleranceJson(const domain::ToleranceCheck& t, JsonWriter& w) {
  w.Lit(",\"tolerance\":{\"indicative_weekly\":\"");
  w.Money(t.indicative);
  w.Char('"');
  w.MoneyField("difference_weekly", t.difference);
  w.MoneyField("allowed_weekly", t.allowed);
  w.Lit(",\"needs_approval\":");
  if (t.needs_approval)
    w.Lit("true");
  else
    w.Lit("false");
  w.Lit(",\"reason\":");
  w.String(t.reason);
  w.Char('}');
}

}  // namespace

void AppendPlanCostJson(const domain::PlanCost& c, const domain::PlanCostInput& in,
                        const std::string& person, std::string& out) {
  JsonWriter w(out, kPlanBytes + kLineBytes * c.lines.size());
  w.Char('{');
  if (!person.empty()) {
    w.Lit("\"person\":");
    w.String(person);
    w.Char(',');
  }
  w.Lit("\"rates\":");
  w.String(c.rates_id);
  w.MoneyField("weekly_total", c.weekly_total);
  w.MoneyField("annual_total", c.annual_total);
  w.Lit(",\"lines\":[");
  for (size_t i = 0; i < c.lines.size(); ++i) {
    if (i > 0) w.Char(',');
    WriteLineCostJson(in.lines[i], c.lines[i], w);
  }
  w.Char(']');
  WritePlanItemsJson(c.plan_items, w);
  w.MoneyField("traditional_weekly", c.traditional_weekly);
  w.MoneyField("creative_weekly", c.creative_weekly);
  WriteByManagementJson(c, w);
  w.Lit(",\"return_category\":\"");
  w.Raw(domain::ReturnCategoryCode(c.return_category));
  w.Char('"');
  if (c.tolerance) WriteToleranceJson(*c.tolerance, w);
  w.Lit(",\"warnings\":[");
  for (size_t i = 0; i < c.warnings.size(); ++i) {
    if (i > 0) w.Char(',');
    w.String(c.warnings[i]);
  }
  w.Lit("]}");
}

json::value PlanCostToJson(const domain::PlanCost& cost, const domain::PlanCostInput& input) {
  std::string s;
  AppendPlanCostJson(cost, input, "", s);
  return json::parse(s);
}

Result<PlanCostOutcome> CostPlanJson(const json::value& v, const Catalogue& catalogue,
                                     const domain::PlanCostPolicy& policy) {
  PlanCostOutcome out;
  SD_ASSIGN_OR_RETURN(out.request, PlanCostRequestFromJson(v, catalogue));
  SD_ASSIGN_OR_RETURN(out.rates, PaRatesOn(out.request.input.costing_date));
  out.cost = domain::CostPlan(*out.rates, policy, out.request.input);
  return out;
}

}  // namespace selfdirect::app
