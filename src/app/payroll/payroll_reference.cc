// File: payroll_reference.cc
// Reading data/reference/payroll/*.json: one tax year's PAYE, NI, auto-enrolment, holiday and
// minimum wage figures, each with its source (the file names the source of every block).
#include "app/payroll/payroll_json.h"
#include "app/reference_data.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& PayrollRates();
}  // namespace selfdirect::embedded

namespace selfdirect::app {
namespace {

namespace json = boost::json;
using domain::payroll::Frequency;
using domain::payroll::FrequencyCode;
using domain::payroll::kFrequencies;

const json::object* Block(JsonReader& r, const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_object()) {
    r.Fail(key, "must be an object");
    return nullptr;
  }
  return &v->get_object();
}

void ReadTax(JsonReader& r, const json::object& o, domain::payroll::PayrollYear& y) {
  const json::object* t = Block(r, o, "income_tax");
  if (t == nullptr) return;
  if (const json::array* bands = r.Array(*t, "income_tax", "bands", Required::kYes)) {
    for (size_t i = 0; i < bands->size(); ++i) {
      std::string path = JsonReader::Index("income_tax.bands", i);
      const json::object* b = r.Object((*bands)[i], path);
      if (b == nullptr) continue;
      domain::payroll::TaxBand band;
      band.name = r.String(*b, path, "name", Required::kYes);
      bool last = i + 1 == bands->size();
      band.width_pounds =
          r.Integer(*b, path, "width_pounds", last ? Required::kNo : Required::kYes).value_or(0);
      band.rate_bp = r.Percent(*b, path, "rate_percent");
      y.bands.push_back(band);
    }
  }
  y.free_pay_block_weekly = r.Money(*t, "income_tax", "free_pay_block_weekly", Required::kYes);
  y.free_pay_block_monthly = r.Money(*t, "income_tax", "free_pay_block_monthly", Required::kYes);
  y.overriding_limit_bp = r.Percent(*t, "income_tax", "overriding_limit_percent");
  y.br_rate_bp = r.Percent(*t, "income_tax", "br_percent");
  y.d0_rate_bp = r.Percent(*t, "income_tax", "d0_percent");
  y.d1_rate_bp = r.Percent(*t, "income_tax", "d1_percent");
}

void ReadNi(JsonReader& r, const json::object& o, domain::payroll::PayrollYear& y) {
  const json::object* ni = Block(r, o, "national_insurance");
  if (ni == nullptr) return;
  y.ni_employee_main_bp = r.Percent(*ni, "national_insurance", "employee_main_percent");
  y.ni_employee_upper_bp = r.Percent(*ni, "national_insurance", "employee_upper_percent");
  y.ni_employer_bp = r.Percent(*ni, "national_insurance", "employer_percent");
  const json::object* th = Block(r, *ni, "thresholds");
  if (th == nullptr) return;
  for (Frequency f : kFrequencies) {
    std::string path = "national_insurance.thresholds." + std::string(FrequencyCode(f));
    const json::object* p = Block(r, *th, FrequencyCode(f));
    if (p == nullptr) continue;
    auto& t = y.ni[static_cast<size_t>(f)];
    t.lel = r.Money(*p, path, "lel", Required::kYes);
    t.pt = r.Money(*p, path, "pt", Required::kYes);
    t.st = r.Money(*p, path, "st", Required::kYes);
    t.uel = r.Money(*p, path, "uel", Required::kYes);
    t.ust = r.Money(*p, path, "ust", Required::kYes);
    t.aust = r.Money(*p, path, "aust", Required::kYes);
  }
}

void ReadAutoEnrolment(JsonReader& r, const json::object& o, domain::payroll::PayrollYear& y) {
  const json::object* ae = Block(r, o, "auto_enrolment");
  if (ae == nullptr) return;
  y.ae_min_age =
      static_cast<int>(r.Integer(*ae, "auto_enrolment", "min_age", Required::kYes).value_or(16));
  y.ae_eligible_age = static_cast<int>(
      r.Integer(*ae, "auto_enrolment", "eligible_age", Required::kYes).value_or(22));
  y.ae_max_age =
      static_cast<int>(r.Integer(*ae, "auto_enrolment", "max_age", Required::kYes).value_or(74));
  const json::object* periods = Block(r, *ae, "periods");
  if (periods == nullptr) return;
  for (Frequency f : kFrequencies) {
    std::string path = "auto_enrolment.periods." + std::string(FrequencyCode(f));
    const json::object* p = Block(r, *periods, FrequencyCode(f));
    if (p == nullptr) continue;
    auto& a = y.ae[static_cast<size_t>(f)];
    a.trigger = r.Money(*p, path, "trigger", Required::kYes);
    a.qe_lower = r.Money(*p, path, "qe_lower", Required::kYes);
    a.qe_upper = r.Money(*p, path, "qe_upper", Required::kYes);
  }
}

void ReadPensionAges(JsonReader& r, const json::object& o, domain::payroll::PayrollYear& y) {
  const json::array* rows = r.Array(o, "", "state_pension_age", Required::kYes);
  if (rows == nullptr) return;
  for (size_t i = 0; i < rows->size(); ++i) {
    std::string path = JsonReader::Index("state_pension_age", i);
    const json::object* row = r.Object((*rows)[i], path);
    if (row == nullptr) continue;
    domain::payroll::PensionAgeRule rule;
    if (auto d = r.DateField(*row, path, "born_from", Required::kYes)) rule.born_from = *d;
    if (auto d = r.DateField(*row, path, "born_to", Required::kYes)) rule.born_to = *d;
    rule.years = static_cast<int>(r.Integer(*row, path, "years", Required::kYes).value_or(66));
    rule.months = static_cast<int>(r.Integer(*row, path, "months", Required::kYes).value_or(0));
    if (row->contains("status") && r.String(*row, path, "status", Required::kNo) == "unverified")
      y.unverified.push_back(path);
    y.pension_ages.push_back(rule);
  }
}

void ReadSickPay(JsonReader& r, const json::object& o, domain::payroll::PayrollYear& y) {
  const json::object* s = Block(r, o, "statutory_sick_pay");
  if (s == nullptr) return;
  auto& rules = y.sick_pay;
  rules.weekly_rate = r.Money(*s, "statutory_sick_pay", "weekly_rate", Required::kYes);
  rules.waiting_days = static_cast<int>(
      r.Integer(*s, "statutory_sick_pay", "waiting_days", Required::kYes).value_or(3));
  rules.earnings_test = r.Bool(*s, "statutory_sick_pay", "earnings_test", true);
  rules.earnings_cap_bp = r.Percent(*s, "statutory_sick_pay", "earnings_cap_percent");
  if (r.String(*s, "statutory_sick_pay", "rounding_status", Required::kNo) == "unverified")
    y.unverified.push_back("statutory_sick_pay.rounding");
}

// A whole block marked "status": "unverified" (a provisional year's figures carried from the year
// before until they are published), and a sick pay rate marked "rate_status": "unverified".
void NoteUnverifiedBlocks(const json::object& o, domain::payroll::PayrollYear& y) {
  auto unverified = [](const json::value* v, std::string_view key) {
    if (v == nullptr || !v->is_object()) return false;
    const auto* s = v->get_object().if_contains(key);
    return s != nullptr && s->is_string() && s->get_string() == "unverified";
  };
  for (const char* block :
       {"income_tax", "national_insurance", "auto_enrolment", "employment_allowance",
        "rolled_up_holiday_percent", "statutory_holiday_weeks", "statutory_sick_pay"})
    if (unverified(o.if_contains(block), "status")) y.provisional.push_back(block);
  if (unverified(o.if_contains("statutory_sick_pay"), "rate_status"))
    y.provisional.push_back("statutory_sick_pay.weekly_rate");
  y.unverified.insert(y.unverified.end(), y.provisional.begin(), y.provisional.end());
}

std::vector<domain::payroll::MinimumWage> ReadMinimumWages(JsonReader& r, const json::object& o) {
  std::vector<domain::payroll::MinimumWage> out;
  const json::array* rows = r.Array(o, "", "minimum_wage", Required::kYes);
  if (rows == nullptr) return out;
  for (size_t i = 0; i < rows->size(); ++i) {
    std::string path = JsonReader::Index("minimum_wage", i);
    const json::object* row = r.Object((*rows)[i], path);
    if (row == nullptr) continue;
    domain::payroll::MinimumWage mw;
    if (auto d = r.DateField(*row, path, "effective_from", Required::kYes)) mw.effective_from = *d;
    mw.age21_and_over = r.Money(*row, path, "age21_and_over", Required::kYes);
    mw.age18_to_20 = r.Money(*row, path, "age18_to_20", Required::kYes);
    mw.age16_to_17 = r.Money(*row, path, "age16_to_17", Required::kYes);
    out.push_back(mw);
  }
  return out;
}

}  // namespace

Result<domain::payroll::PayrollYear> PayrollYearFromJson(const json::value& v) {
  JsonReader r("is not a field of payroll reference data");
  domain::payroll::PayrollYear y;
  const json::object* o = r.Object(v, "figures");
  if (o == nullptr) return Error::InvalidArgument("Payroll reference data must be a JSON object");
  r.Known(*o, "",
          {"id", "title", "effective_from", "notes", "sources", "income_tax", "national_insurance",
           "auto_enrolment", "employment_allowance", "rolled_up_holiday_percent",
           "statutory_holiday_weeks", "statutory_sick_pay", "minimum_wage", "state_pension_age"});
  ReadReferenceHead(r, *o, y);
  ReadTax(r, *o, y);
  ReadNi(r, *o, y);
  ReadAutoEnrolment(r, *o, y);
  ReadPensionAges(r, *o, y);
  if (const json::object* h = Block(r, *o, "rolled_up_holiday_percent"))
    y.rolled_up_holiday_bp = r.Percent(*h, "rolled_up_holiday_percent", "percent");
  if (const json::object* w = Block(r, *o, "statutory_holiday_weeks"))
    y.holiday_weeks_hundredths = r.Percent(*w, "statutory_holiday_weeks", "weeks");
  if (const json::object* a = Block(r, *o, "employment_allowance"))
    y.employment_allowance = r.Money(*a, "employment_allowance", "annual", Required::kYes);
  ReadSickPay(r, *o, y);
  NoteUnverifiedBlocks(*o, y);
  ReadMinimumWages(r, *o);  // Checked here; collected across the years below.
  if (y.bands.empty()) r.Fail("income_tax.bands", "must name at least one band");
  SD_RETURN_IF_ERROR(r.Verdict("payroll reference data"));
  return y;
}

namespace {

const EffectiveDatedData<domain::payroll::PayrollYear>& ShippedYears() {
  static const auto years = ShippedReference(EffectiveDatedData<domain::payroll::PayrollYear>::Load(
      "data/reference/payroll", embedded::PayrollRates(), PayrollYearFromJson, "payroll figures"));
  return years;
}

}  // namespace

const std::vector<domain::payroll::PayrollYear>& ReferencePayrollYears() {
  return ShippedYears().versions();
}

Result<const domain::payroll::PayrollYear*> PayrollYearOn(Date pay_date) {
  Date start = TaxYear::Containing(pay_date).start();
  for (const auto& y : ShippedYears().versions())
    if (y.effective_from == start) return &y;
  std::string have;
  for (const auto& y : ShippedYears().versions()) have += (have.empty() ? "" : ", ") + y.title;
  return Error::InvalidArgument(
      "There are no payroll figures for the tax year of " + pay_date.ToString(),
      {{"pay_date", "is in tax year " + TaxYear::Containing(pay_date).ToString() +
                        ", which has no payroll figures (Selfdirect has " + have + ")"}});
}

const std::vector<domain::payroll::MinimumWage>& ShippedMinimumWages() {
  static const std::vector<domain::payroll::MinimumWage> all = [] {
    std::vector<domain::payroll::MinimumWage> out;
    for (size_t i = 0; i < ShippedYears().versions().size(); ++i) {
      JsonReader r;
      auto rows = ReadMinimumWages(r, ShippedYears().json(i));
      out.insert(out.end(), rows.begin(), rows.end());
    }
    return out;
  }();
  return all;
}

}  // namespace selfdirect::app
