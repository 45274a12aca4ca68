// File: payroll_json.cc
// The JSON of `selfdirect payroll calculate` (../shared/contracts/payroll.md): one payment in,
// its payslip out, and the stream of them.
#include "app/payroll/payroll_json.h"

#include <fmt/format.h>

#include "app/json_reader.h"
#include "app/json_stream.h"

namespace selfdirect::app {
namespace {

namespace json = boost::json;
namespace pr = domain::payroll;

constexpr int64_t kMaxHours = 1000;   // In one payment.
constexpr size_t kMaxPayItems = 100;  // In one payment.
const Pence kMostPerItem = Pence::FromPounds(1'000'000);
const Pence kMostRate = Pence::FromPounds(1'000);          // An hour.
const Pence kMostToDate = Pence::FromPounds(100'000'000);  // Previous pay or tax this year.

// Hours with at most two decimals, not negative, as hundredths.
int64_t Hours(JsonReader& r, const json::object& o, const std::string& path) {
  auto* v = o.if_contains("hours");
  std::string field = JsonReader::Join(path, "hours");
  if (v == nullptr || v->is_null()) {
    r.Fail(field, "is required");
    return 0;
  }
  auto p = v->is_string() ? Pence::Parse(v->get_string())
                          : Result<Pence>(Error::InvalidArgument("not a string"));
  if (!p.ok() || v->get_string().starts_with("\xc2\xa3")) {
    r.Fail(field, "must be a number of hours as a string with at most two decimals, like \"37.5\"");
    return 0;
  }
  if (*p < Pence{}) r.Fail(field, "must not be negative");
  if (*p > Pence::FromPounds(kMaxHours))
    r.Fail(field, "must be at most 1,000 hours in one payment");
  return p->pence();
}

// Money from 0 to `most`: far above any PA's pay, and far enough below the limits of the
// arithmetic that no payment can overflow it (amounts are 64-bit pence).
Pence NotNegative(JsonReader& r, const json::object& o, const std::string& path,
                  std::string_view key, Required need, Pence most = kMostPerItem) {
  size_t before = r.errors.size();
  Pence p = r.Money(o, path, key, need);
  if (r.errors.size() == before && p < Pence{})
    r.Fail(JsonReader::Join(path, key), "must not be negative");
  else if (r.errors.size() == before && p > most)
    r.Fail(JsonReader::Join(path, key), "must be at most " + most.ToDisplayString());
  return p;
}

// A whole number from `low` to `high` (given as a number or a string of digits).
int Count(JsonReader& r, const json::object& o, const std::string& path, std::string_view key,
          int low, int high, Required need) {
  std::string field = JsonReader::Join(path, key);
  auto* v = o.if_contains(key);
  if (v != nullptr && v->is_string()) {
    auto n = Pence::Parse(v->get_string());
    if (n.ok() && n->pence() % 100 == 0 && n->pence() / 100 >= low && n->pence() / 100 <= high)
      return static_cast<int>(n->pence() / 100);
    r.Fail(field, fmt::format("must be a whole number from {} to {}", low, high));
    return low;
  }
  std::optional<int64_t> n = r.Integer(o, path, key, need);
  if (n && (*n < low || *n > high))
    r.Fail(field, fmt::format("must be a whole number from {} to {}", low, high));
  return static_cast<int>(std::clamp<int64_t>(n.value_or(low), low, high));
}

void ReadSickPay(JsonReader& r, const json::object& o, const std::string& path, pr::PayItem& item) {
  r.Known(o, path,
          {"kind", "sick_days", "qualifying_days_per_week", "average_weekly_earnings",
           "waiting_days_served", "description"});
  item.kind = pr::PayItem::Kind::kStatutorySickPay;
  item.sick_days = Count(r, o, path, "sick_days", 0, 31, Required::kYes);
  item.qualifying_days_per_week =
      Count(r, o, path, "qualifying_days_per_week", 1, 7, Required::kYes);
  item.average_weekly_earnings = NotNegative(r, o, path, "average_weekly_earnings", Required::kYes);
  item.waiting_days_served = Count(r, o, path, "waiting_days_served", 0, 3, Required::kNo);
}

void ReadPayItem(JsonReader& r, const json::value& v, size_t i, pr::PayslipInput& in) {
  std::string path = JsonReader::Index("pay", i);
  const json::object* o = r.Object(v, path);
  if (o == nullptr) return;
  pr::PayItem item;
  std::string kind = r.String(*o, path, "kind", Required::kYes);
  if (kind == "hours") {
    r.Known(*o, path, {"kind", "hours", "rate", "description"});
    item.kind = pr::PayItem::Kind::kHours;
    item.hours_hundredths = Hours(r, *o, path);
    item.rate = NotNegative(r, *o, path, "rate", Required::kYes, kMostRate);
  } else if (kind == "rolled_up_holiday") {
    r.Known(*o, path, {"kind", "description"});
    item.kind = pr::PayItem::Kind::kRolledUpHoliday;
  } else if (kind == "statutory_sick_pay") {
    ReadSickPay(r, *o, path, item);
  } else if (kind == "amount") {
    r.Known(*o, path, {"kind", "amount", "description"});
    item.amount = NotNegative(r, *o, path, "amount", Required::kYes);
  } else if (!kind.empty()) {
    r.Fail(JsonReader::Join(path, "kind"),
           "must be hours, rolled_up_holiday, statutory_sick_pay or amount");
  }
  item.description = r.String(*o, path, "description", Required::kNo);
  in.pay.push_back(std::move(item));
}

void ReadPension(JsonReader& r, const json::object& o, pr::PayslipInput& in) {
  auto* v = o.if_contains("pension");
  if (v == nullptr || v->is_null()) return;
  const json::object* p = r.Object(*v, "pension");
  if (p == nullptr) return;
  r.Known(*p, "pension", {"enrolled", "employee_percent", "employer_percent", "relief"});
  pr::PensionTerms t;
  t.enrolled = r.Bool(*p, "pension", "enrolled", false);
  t.employee_bp = r.Percent(*p, "pension", "employee_percent");
  t.employer_bp = r.Percent(*p, "pension", "employer_percent");
  for (auto [bp, field] : {std::pair{t.employee_bp, "pension.employee_percent"},
                           std::pair{t.employer_bp, "pension.employer_percent"}})
    if (bp < 0 || bp > 10000) r.Fail(field, "must be a percentage from 0 to 100");
  std::string relief = r.String(*p, "pension", "relief", Required::kNo);
  if (relief == "net_pay")
    t.relief = pr::PensionRelief::kNetPay;
  else if (!relief.empty() && relief != "relief_at_source")
    r.Fail("pension.relief", "must be relief_at_source or net_pay");
  in.pension = t;
}

void ReadCodes(JsonReader& r, const json::object& o, pr::PayslipInput& in) {
  std::string frequency = r.String(o, "", "frequency", Required::kYes);
  if (auto f = pr::FrequencyFromCode(frequency))
    in.frequency = *f;
  else if (!frequency.empty())
    r.Fail("frequency", "must be weekly, fortnightly, four_weekly or monthly");
  std::string code = r.String(o, "", "tax_code", Required::kYes);
  if (auto c = pr::ParseTaxCode(code); c.ok())
    in.tax_code = *c;
  else if (!code.empty())
    r.Fail("tax_code", c.error().message);
  std::string basis = r.String(o, "", "basis", Required::kNo);
  if (basis == "week1_month1")
    in.week1 = true;
  else if (!basis.empty() && basis != "cumulative")
    r.Fail("basis", "must be cumulative or week1_month1");
  std::string ni = r.String(o, "", "ni_category", Required::kYes);
  if (auto c = pr::NiCategoryFromCode(ni))
    in.ni_category = *c;
  else if (!ni.empty())
    r.Fail("ni_category", "must be A, C, H, M or X");
}

void ReadPrevious(JsonReader& r, const json::object& o, pr::PayslipInput& in) {
  auto* v = o.if_contains("previous");
  if (v == nullptr || v->is_null()) return;
  const json::object* p = r.Object(*v, "previous");
  if (p == nullptr) return;
  r.Known(*p, "previous", {"taxable_pay", "tax"});
  in.previous_taxable_pay =
      NotNegative(r, *p, "previous", "taxable_pay", Required::kNo, kMostToDate);
  in.previous_tax = r.Money(*p, "previous", "tax", Required::kNo);
  if (in.previous_tax > kMostToDate || in.previous_tax < -kMostToDate)
    r.Fail("previous.tax", "must be between -" + kMostToDate.ToDisplayString() + " and " +
                               kMostToDate.ToDisplayString());
}

// What the items cannot be together: rolled-up holiday twice, more sick days than the period
// holds, and a date of birth after the pay date.
void CheckPayItems(JsonReader& r, const pr::PayslipInput& in) {
  int holiday = 0;
  const int weeks = in.frequency == pr::Frequency::kMonthly ? 5 : pr::WeeksPerPeriod(in.frequency);
  for (size_t i = 0; i < in.pay.size(); ++i) {
    const auto& item = in.pay[i];
    if (item.kind == pr::PayItem::Kind::kRolledUpHoliday && ++holiday == 2)
      r.Fail(JsonReader::Index("pay", i), "rolled-up holiday may be given once");
    if (item.kind == pr::PayItem::Kind::kStatutorySickPay &&
        item.sick_days > std::min(31, item.qualifying_days_per_week * weeks))
      r.Fail(JsonReader::Join(JsonReader::Index("pay", i), "sick_days"),
             "must be no more than the qualifying days in the pay period");
  }
  if (in.date_of_birth > in.pay_date) r.Fail("date_of_birth", "must be before the pay date");
}

}  // namespace

Result<pr::PayslipInput> PayslipInputFromJson(const json::value& v) {
  JsonReader r("is not a field of a payment");
  pr::PayslipInput in;
  const json::object* o = r.Object(v, "input");
  if (o == nullptr) return Error::InvalidArgument("A payment must be a JSON object", r.errors);
  r.Known(*o, "",
          {"pay_date", "frequency", "period", "tax_code", "basis", "ni_category", "date_of_birth",
           "pay", "previous", "pension", "id", "employee"});
  if (auto d = r.DateField(*o, "", "pay_date", Required::kYes)) in.pay_date = *d;
  ReadCodes(r, *o, in);
  in.period = static_cast<int>(
      std::clamp<int64_t>(r.Integer(*o, "", "period", Required::kYes).value_or(1), -1, 100));
  if (in.period < 1 || in.period > 56)
    r.Fail("period", "must be a tax month (1-12) or tax week (1-56)");
  if (auto d = r.DateField(*o, "", "date_of_birth", Required::kYes)) in.date_of_birth = *d;
  if (const json::array* pay = r.Array(*o, "", "pay", Required::kYes)) {
    if (pay->empty()) r.Fail("pay", "must hold at least one pay item");
    if (pay->size() > kMaxPayItems) r.Fail("pay", "must hold at most 100 pay items");
    for (size_t i = 0; i < pay->size() && i < kMaxPayItems; ++i) ReadPayItem(r, (*pay)[i], i, in);
  }
  CheckPayItems(r, in);
  ReadPrevious(r, *o, in);
  ReadPension(r, *o, in);
  SD_RETURN_IF_ERROR(r.Verdict("payment"));
  return in;
}

Result<pr::Payslip> CalculatePayslipJson(const json::value& v) {
  SD_ASSIGN_OR_RETURN(pr::PayslipInput in, PayslipInputFromJson(v));
  SD_ASSIGN_OR_RETURN(const pr::PayrollYear* year, PayrollYearOn(in.pay_date));
  return pr::CalculatePayslip(in, *year, ShippedMinimumWages());
}

void AppendPayslipJson(const pr::Payslip& p, std::string& out) {
  out += "{\"gross_pay\":\"";
  p.gross_pay.AppendTo(out);
  out += '"';
  AppendMoneyField("holiday_pay", p.holiday_pay, out);
  AppendMoneyField("statutory_sick_pay", p.statutory_sick_pay, out);
  AppendMoneyField("taxable_pay", p.taxable_pay, out);
  AppendMoneyField("tax", p.tax, out);
  AppendMoneyField("employee_ni", p.employee_ni, out);
  AppendMoneyField("employer_ni", p.employer_ni, out);
  AppendMoneyField("employee_pension", p.employee_pension, out);
  AppendMoneyField("employer_pension", p.employer_pension, out);
  AppendMoneyField("net_pay", p.net_pay, out);
  AppendMoneyField("employer_cost", p.employer_cost, out);
  out += ",\"year_to_date\":{\"taxable_pay\":\"";
  p.ytd_taxable_pay.AppendTo(out);
  out += '"';
  AppendMoneyField("tax", p.ytd_tax, out);
  out += "},\"ni_earnings\":{\"at_lel\":\"";
  p.ni_at_lel.AppendTo(out);
  out += '"';
  AppendMoneyField("lel_to_pt", p.ni_lel_to_pt, out);
  AppendMoneyField("pt_to_uel", p.ni_pt_to_uel, out);
  out += "},\"auto_enrolment\":\"";
  out += pr::AeStatusCode(p.auto_enrolment);
  out += "\",\"below_minimum_wage\":";
  out += p.below_minimum_wage ? "true" : "false";
  out += ",\"explanation\":[";
  for (size_t i = 0; i < p.explanation.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(p.explanation[i], out);
  }
  out += "]}";
}

void AppendPayrollError(const Error& e, std::string& out) {
  out += "{\"error\":{\"field\":";
  AppendJsonString(e.fields.empty() ? "input" : e.fields[0].field, out);
  out += ",\"message\":";
  AppendJsonString(e.fields.empty() ? e.message : e.fields[0].message, out);
  out += "}}";
}

PayrollStreamSummary StreamPayroll(std::FILE* in, std::FILE* out) {
  PayrollStreamSummary summary;
  DomValueParser parser;
  StreamCounts counts = StreamJson(in, out, "Payment", parser, [&](std::string& output) {
    json::value v = parser.Release();
    Result<pr::Payslip> p = CalculatePayslipJson(v);
    if (p.ok()) {
      AppendPayslipJson(*p, output);
    } else {
      ++summary.invalid;
      AppendPayrollError(p.error(), output);
    }
    output += '\n';
  });
  summary.payments = counts.values;
  summary.malformed = counts.malformed;
  summary.malformed_message = counts.malformed_message;
  return summary;
}

}  // namespace selfdirect::app
