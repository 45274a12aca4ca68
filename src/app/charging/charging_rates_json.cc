// The statutory charging figures (data/reference/charging/*.json): reading, and the shipped
// versions by date.
#include "app/charging/charging_json.h"
#include "app/json_reader.h"
#include "app/reference_data.h"
#include "base/embedded_file.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& ChargingRates();
}  // namespace selfdirect::embedded

namespace selfdirect::app {
namespace json = boost::json;
using domain::ChargingRates;
using domain::Figure;
using domain::IncomeType;

namespace {

Figure ReadFigure(JsonReader& r, const json::object& o, const std::string& path,
                  std::string_view key) {
  Figure f;
  auto* v = o.if_contains(key);
  std::string at = JsonReader::Join(path, key);
  if (v == nullptr) {
    r.Fail(at, "is required");
    return f;
  }
  const json::object* fo = r.Object(*v, at);
  if (fo == nullptr) return f;
  r.Known(*fo, at, {"amount", "status", "source", "basis", "label"});
  f.amount = r.Money(*fo, at, "amount", Required::kYes);
  std::string status = r.String(*fo, at, "status", Required::kYes);
  if (auto s = domain::ParseFigureStatus(status))
    f.status = *s;
  else if (!status.empty())
    r.Fail(at + ".status", "must be sourced, derived or unverified");
  f.source = r.String(*fo, at, "source", Required::kNo);
  f.label = r.String(*fo, at, "label", Required::kNo);
  if (f.status != domain::FigureStatus::kSourced &&
      r.String(*fo, at, "basis", Required::kNo).empty() && f.source.empty())
    r.Fail(at, "a derived or unverified figure needs a source or a basis");
  return f;
}

// The statutory reference data's parts, each read into `t` with its problems in `r`.
void ReadCapitalRates(JsonReader& r, const json::object& o, ChargingRates& t) {
  auto* c = o.if_contains("capital");
  if (c == nullptr || !c->is_object()) {
    r.Fail("capital", "is required");
    return;
  }
  const json::object& co = c->get_object();
  t.upper_capital_limit = ReadFigure(r, co, "capital", "upper_limit");
  t.lower_capital_limit = ReadFigure(r, co, "capital", "lower_limit");
  if (auto* tariff = co.if_contains("tariff"); tariff && tariff->is_object()) {
    t.tariff_capital_step =
        r.Money(tariff->get_object(), "capital.tariff", "capital_step", Required::kYes);
    t.tariff_weekly_per_step =
        r.Money(tariff->get_object(), "capital.tariff", "weekly_per_step", Required::kYes);
    if (t.tariff_capital_step <= Pence())
      r.Fail("capital.tariff.capital_step", "must be more than zero");
  } else {
    r.Fail("capital.tariff", "is required");
  }
  if (t.lower_capital_limit.amount > t.upper_capital_limit.amount)
    r.Fail("capital.lower_limit", "must not be above the upper limit");
}

void ReadMinimumIncomeGuarantee(JsonReader& r, const json::object& o, ChargingRates& t) {
  auto* m = o.if_contains("minimum_income_guarantee");
  if (m == nullptr || !m->is_object()) {
    r.Fail("minimum_income_guarantee", "is required");
    return;
  }
  const json::object& mo = m->get_object();
  const std::string at = "minimum_income_guarantee";
  t.mig_single_18_to_24 = ReadFigure(r, mo, at, "single_18_to_24");
  t.mig_single_25_to_pension_credit_age = ReadFigure(r, mo, at, "single_25_to_pension_credit_age");
  t.mig_single_pension_credit_age = ReadFigure(r, mo, at, "single_pension_credit_age");
  t.mig_lone_parent = ReadFigure(r, mo, at, "lone_parent");
  t.mig_couple_member = ReadFigure(r, mo, at, "couple_member");
  t.mig_couple_member_pension_credit_age =
      ReadFigure(r, mo, at, "couple_member_pension_credit_age");
  t.mig_dependent_child = ReadFigure(r, mo, at, "dependent_child");
  t.disability_premium_single = ReadFigure(r, mo, at, "disability_premium_single");
  t.disability_premium_couple_member = ReadFigure(r, mo, at, "disability_premium_couple_member");
  t.enhanced_disability_premium_single =
      ReadFigure(r, mo, at, "enhanced_disability_premium_single");
  t.enhanced_disability_premium_couple_member =
      ReadFigure(r, mo, at, "enhanced_disability_premium_couple_member");
  t.carer_premium = ReadFigure(r, mo, at, "carer_premium");
}

void ReadSavingsCreditDisregard(JsonReader& r, const json::object& o, ChargingRates& t) {
  auto* s = o.if_contains("savings_credit_disregard");
  if (s == nullptr || !s->is_object()) {
    r.Fail("savings_credit_disregard", "is required");
    return;
  }
  t.savings_credit_disregard_single =
      ReadFigure(r, s->get_object(), "savings_credit_disregard", "single");
  t.savings_credit_disregard_couple =
      ReadFigure(r, s->get_object(), "savings_credit_disregard", "couple");
}

// Every income type needs a treatment.
void ReadIncomeTreatments(JsonReader& r, const json::object& o, ChargingRates& t) {
  std::array<bool, domain::kIncomeTypeCount> treated{};
  if (auto* it = o.if_contains("income_types"); it && it->is_object()) {
    for (const auto& kv : it->get_object()) {
      std::string at = JsonReader::Join("income_types", kv.key());
      auto type = domain::ParseIncomeType(kv.key());
      if (!type) {
        r.Fail(at, "is not an income type");
        continue;
      }
      const json::object* io = r.Object(kv.value(), at);
      if (io == nullptr) continue;
      r.Known(*io, at, {"treatment", "source", "note"});
      auto treatment = domain::ParseIncomeTreatment(r.String(*io, at, "treatment", Required::kYes));
      if (!treatment) {
        r.Fail(at + ".treatment", "must be counted, disregarded or savings_credit_disregard");
        continue;
      }
      t.treatment[static_cast<size_t>(*type)] = *treatment;
      treated[static_cast<size_t>(*type)] = true;
    }
  }
  for (size_t i = 0; i < treated.size(); ++i)
    if (!treated[i])
      r.Fail(JsonReader::Join("income_types", domain::IncomeTypeCode(static_cast<IncomeType>(i))),
             "needs a treatment");
}

void ReadBenefitRates(JsonReader& r, const json::object& o, ChargingRates& t) {
  auto* b = o.if_contains("benefit_rates");
  if (b == nullptr || !b->is_object()) return;
  for (const auto& kv : b->get_object()) {
    std::string at = JsonReader::Join("benefit_rates", kv.key());
    auto type = domain::ParseIncomeType(kv.key());
    if (!type || !kv.value().is_array()) {
      r.Fail(at, "must be an income type with a list of rates");
      continue;
    }
    const json::array& list = kv.value().get_array();
    for (size_t i = 0; i < list.size(); ++i) {
      json::object holder{{"rate", list[i]}};
      t.benefit_rates[static_cast<size_t>(*type)].push_back(
          ReadFigure(r, holder, JsonReader::Index(at, i), "rate"));
    }
  }
}

const EffectiveDatedData<ChargingRates>& ShippedChargingRates() {
  static const EffectiveDatedData<ChargingRates> rates = ShippedReference(
      EffectiveDatedData<ChargingRates>::Load("data/reference/charging", embedded::ChargingRates(),
                                              ChargingRatesFromJson, "charging rates"));
  return rates;
}

}  // namespace

Result<ChargingRates> ChargingRatesFromJson(const json::value& v) {
  JsonReader r("is not a field of charging reference data here");
  ChargingRates t;
  const json::object* o = r.Object(v, "rates");
  if (o == nullptr) return Error::InvalidArgument("Charging reference data must be a JSON object");
  r.Known(
      *o, "",
      {"id", "title", "effective_from", "notes", "sources", "capital", "pension_credit_age",
       "minimum_income_guarantee", "savings_credit_disregard", "income_types", "benefit_rates"});
  ReadReferenceHead(r, *o, t);
  ReadCapitalRates(r, *o, t);
  if (auto* p = o->if_contains("pension_credit_age"); p && p->is_object()) {
    t.pension_credit_age = static_cast<int>(
        r.Integer(p->get_object(), "pension_credit_age", "age", Required::kYes).value_or(66));
  }
  ReadMinimumIncomeGuarantee(r, *o, t);
  ReadSavingsCreditDisregard(r, *o, t);
  ReadIncomeTreatments(r, *o, t);
  ReadBenefitRates(r, *o, t);
  SD_RETURN_IF_ERROR(r.Verdict("charging reference data"));
  return t;
}

const std::vector<ChargingRates>& ReferenceChargingRates() {
  return ShippedChargingRates().versions();
}

const json::object* ReferenceChargingRatesJson(std::string_view id) {
  return ShippedChargingRates().JsonOf(id);
}

Result<const ChargingRates*> ChargingRatesOn(Date date) {
  return ShippedChargingRates().On(date, "assessment_date");
}

}  // namespace selfdirect::app
