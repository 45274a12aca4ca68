// File: rti.cc
// The FPS, the EPS, the P60 and the pension contribution schedule (rti.h).
#include "domain/payroll/rti.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "base/csv.h"

namespace selfdirect::domain::payroll {

namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool Upper(char c) { return c >= 'A' && c <= 'Z'; }

// Text as XML character data or an attribute value.
std::string Xml(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void Element(std::string& out, int depth, std::string_view name, std::string_view value) {
  out += fmt::format("{:{}}<{}>{}</{}>\n", "", depth * 2, name, Xml(value), name);
}

void Money(std::string& out, int depth, std::string_view name, Pence amount) {
  Element(out, depth, name, amount.ToString());
}

void Open(std::string& out, int depth, std::string_view name) {
  out += fmt::format("{:{}}<{}>\n", "", depth * 2, name);
}

void Close(std::string& out, int depth, std::string_view name) {
  out += fmt::format("{:{}}</{}>\n", "", depth * 2, name);
}

// "123/AB45678" -> {"123", "AB45678"}.
std::pair<std::string, std::string> SplitPayeRef(std::string_view ref) {
  auto slash = ref.find('/');
  if (slash == std::string_view::npos) return {"", std::string(ref)};
  return {std::string(ref.substr(0, slash)), std::string(ref.substr(slash + 1))};
}

void EnvelopeStart(std::string& out, std::string_view kind, const RtiEmployer& e, TaxYear year) {
  auto [office, ref] = SplitPayeRef(e.paye_reference);
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<IRenvelope xmlns=\"http://www.govtalk.gov.uk/taxation/PAYE/RTI/{}/{}/1\">\n",
                     kind, RtiTaxYear(year.start()));
  Open(out, 1, "IRheader");
  Open(out, 2, "Keys");
  out += fmt::format("      <Key Type=\"TaxOfficeNumber\">{}</Key>\n", Xml(office));
  out += fmt::format("      <Key Type=\"TaxOfficeReference\">{}</Key>\n", Xml(ref));
  Close(out, 2, "Keys");
  Element(out, 2, "PeriodEnd", year.end().ToString());
  Element(out, 2, "DefaultCurrency", "GBP");
  Element(out, 2, "Sender", "Employer");
  Close(out, 1, "IRheader");
  Open(out, 1, kind);
  Open(out, 2, "EmpRefs");
  Element(out, 3, "OfficeNo", office);
  Element(out, 3, "PayeRef", ref);
  Element(out, 3, "AORef", e.accounts_office_reference);
  Close(out, 2, "EmpRefs");
  Element(out, 2, "RelatedTaxYear", RtiTaxYear(year.start()));
}

void EmployerProblems(const RtiEmployer& e, std::vector<std::string>& out) {
  auto [office, ref] = SplitPayeRef(e.paye_reference);
  if (office.size() != 3 || !AllDigits(office) || ref.empty())
    out.push_back("The employer's PAYE reference (like 123/AB45678) is not recorded");
  if (!ValidAccountsOfficeReference(e.accounts_office_reference))
    out.push_back("The employer's Accounts Office reference (like 123PA00012345) is not recorded");
}

// The code as the FPS carries it: no C prefix (an attribute says Welsh) and no W1/M1/X suffix
// (an attribute says week 1/month 1).
struct FpsTaxCode {
  std::string code;
  bool welsh = false, non_cumulative = false;
};

FpsTaxCode SplitTaxCode(std::string_view text) {
  FpsTaxCode t;
  std::string s;
  for (char c : text)
    if (c != ' ') s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (std::string_view suffix : {"W1", "M1", "X"}) {
    if (s.size() > suffix.size() && s.ends_with(suffix)) {
      s.resize(s.size() - suffix.size());
      t.non_cumulative = true;
      break;
    }
  }
  if (s.size() > 1 && s[0] == 'C' && s != "C") {
    t.welsh = true;
    s.erase(0, 1);
  }
  t.code = s;
  return t;
}

}  // namespace

bool ValidAccountsOfficeReference(std::string_view r) {
  if (r.size() != 13 || !AllDigits(r.substr(0, 3)) || r[3] != 'P' || !Upper(r[4])) return false;
  if (!AllDigits(r.substr(5, 7))) return false;
  return AllDigits(r.substr(12, 1)) || r[12] == 'X';
}

bool ValidNiNumber(std::string_view n) {
  if (n.size() != 9 || !Upper(n[0]) || !Upper(n[1]) || !AllDigits(n.substr(2, 6))) return false;
  if (n[8] < 'A' || n[8] > 'D') return false;
  if (std::string_view("DFIQUV").find(n[0]) != std::string_view::npos) return false;
  if (std::string_view("DFIOQUV").find(n[1]) != std::string_view::npos) return false;
  const std::string_view prefix = n.substr(0, 2);
  for (std::string_view no : {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"})
    if (prefix == no) return false;
  return true;
}

YearToDate YearToDateOf(const std::vector<RtiPayslip>& slips, Date through) {
  const TaxYear year = TaxYear::Containing(through);
  YearToDate y;
  for (const auto& p : slips) {
    if (p.pay_date > through || !year.Contains(p.pay_date)) continue;
    const Payslip& s = p.slip;
    y.taxable_pay += s.taxable_pay;
    y.tax += s.tax;
    y.ni_earnings += s.gross_pay;
    y.at_lel += s.ni_at_lel;
    y.lel_to_pt += s.ni_lel_to_pt;
    y.pt_to_uel += s.ni_pt_to_uel;
    y.employee_ni += s.employee_ni;
    y.employer_ni += s.employer_ni;
    if (p.net_pay_pension) y.net_pay_pension += s.employee_pension;
    y.statutory_sick_pay += s.statutory_sick_pay;
  }
  return y;
}

char HoursBand(int64_t h) {
  if (h <= 0) return 'E';
  if (h < 1600) return 'A';
  if (h < 2400) return 'B';
  if (h < 3000) return 'C';
  return 'D';
}

std::string_view RtiPayFrequency(Frequency f) {
  switch (f) {
    case Frequency::kWeekly:
      return "W1";
    case Frequency::kFortnightly:
      return "W2";
    case Frequency::kFourWeekly:
      return "W4";
    case Frequency::kMonthly:
      return "M1";
  }
  return "M1";
}

std::string RtiTaxYear(Date d) {
  const int first = TaxYear::Containing(d).first_year();
  return fmt::format("{:02d}-{:02d}", first % 100, (first + 1) % 100);
}

TaxMonth TaxMonthOf(TaxYear year, int month) {
  const Date first = year.start().AddMonths(month - 1);
  const Date last = year.start().AddMonths(month).AddDays(-1);
  const Date pay_by = *Date::FromYmd(last.year(), last.month(), 22);
  return {first, last, pay_by};
}

std::vector<std::string> FpsProblems(const Fps& fps) {
  std::vector<std::string> out;
  EmployerProblems(fps.employer, out);
  for (const auto& e : fps.employees) {
    const RtiEmployee& w = e.who;
    const std::string who = !w.known_as.empty()      ? w.known_as
                            : !w.family_name.empty() ? w.display_name()
                                                     : w.payroll_id;
    if (w.given_names.empty() || w.family_name.empty())
      out.push_back(who + ": their legal first and last names are not recorded");
    if (w.ni_number.empty())
      out.push_back(who +
                    ": no National Insurance number (without it HMRC need their full "
                    "address: add the number, or send this from payroll software that has "
                    "the address)");
    if (w.gender != "F" && w.gender != "M")
      out.push_back(who + ": HMRC need the gender they hold for them (F or M)");
  }
  return out;
}

namespace {

void EmployeeDetails(std::string& out, const RtiEmployee& w) {
  Open(out, 3, "EmployeeDetails");
  if (!w.ni_number.empty()) Element(out, 4, "NINO", w.ni_number);
  Open(out, 4, "Name");
  Element(out, 5, "Fore", w.given_names);
  Element(out, 5, "Sur", w.family_name);
  Close(out, 4, "Name");
  if (w.ni_number.empty()) {
    Open(out, 4, "Address");
    Element(out, 5, "UKPostcode", w.postcode);
    Close(out, 4, "Address");
  }
  Element(out, 4, "BirthDate", w.date_of_birth.ToString());
  Element(out, 4, "Gender", w.gender);
  Close(out, 3, "EmployeeDetails");
}

void Payment(std::string& out, const FpsEmployee& e) {
  const RtiPayslip& p = e.payment;
  const FpsTaxCode code = SplitTaxCode(p.tax_code);
  Open(out, 4, "Payment");
  Element(out, 5, "PayFreq", RtiPayFrequency(p.frequency));
  Element(out, 5, "PmtDate", p.pay_date.ToString());
  Element(out, 5, p.frequency == Frequency::kMonthly ? "MonthNo" : "WeekNo",
          std::to_string(p.period));
  Element(out, 5, "PeriodsCovered", "1");
  Element(out, 5, "HoursWorked", std::string(1, HoursBand(e.weekly_hours_hundredths)));
  out += fmt::format("{:10}<TaxCode{}{}>{}</TaxCode>\n", "",
                     code.non_cumulative ? " BasisNonCumulative=\"yes\"" : "",
                     code.welsh ? " TaxRegime=\"C\"" : "", Xml(code.code));
  Money(out, 5, "TaxablePay", p.slip.taxable_pay);
  if (p.net_pay_pension) Money(out, 5, "EmpeePenContribnsPaid", p.slip.employee_pension);
  Money(out, 5, "TaxDeductedOrRefunded", p.slip.tax);
  Close(out, 4, "Payment");
}

// TotalEmpNICInPd and TotalEmpNICYTD carry employee and employer contributions together.
void NiValues(std::string& out, const FpsEmployee& e) {
  const Payslip& s = e.payment.slip;
  const YearToDate& y = e.ytd;
  Open(out, 4, "NIlettersAndValues");
  Element(out, 5, "NIletter", std::string(1, NiCategoryLetter(e.payment.ni_category)));
  Money(out, 5, "GrossEarningsForNICsInPd", s.gross_pay);
  Money(out, 5, "GrossEarningsForNICsYTD", y.ni_earnings);
  Money(out, 5, "AtLELYTD", y.at_lel);
  Money(out, 5, "LELtoPTYTD", y.lel_to_pt);
  Money(out, 5, "PTtoUELYTD", y.pt_to_uel);
  Money(out, 5, "TotalEmpNICInPd", s.employee_ni + s.employer_ni);
  Money(out, 5, "TotalEmpNICYTD", y.employee_ni + y.employer_ni);
  Money(out, 5, "EmpeeContribnsInPd", s.employee_ni);
  Money(out, 5, "EmpeeContribnsYTD", y.employee_ni);
  Close(out, 4, "NIlettersAndValues");
}

void Employment(std::string& out, const FpsEmployee& e) {
  Open(out, 3, "Employment");
  if (e.starter) {
    Open(out, 4, "Starter");
    Element(out, 5, "StartDate", e.who.start.ToString());
    Close(out, 4, "Starter");
  }
  Element(out, 4, "PayId", e.who.payroll_id);
  if (e.who.leaving) Element(out, 4, "LeavingDate", e.who.leaving->ToString());
  Open(out, 4, "FiguresToDate");
  Money(out, 5, "TaxablePay", e.ytd.taxable_pay);
  Money(out, 5, "TotalTax", e.ytd.tax);
  if (e.payment.net_pay_pension) Money(out, 5, "EmpeePenContribnsPaidYTD", e.ytd.net_pay_pension);
  Close(out, 4, "FiguresToDate");
  Payment(out, e);
  NiValues(out, e);
  Close(out, 3, "Employment");
}

}  // namespace

std::string FpsXml(const Fps& fps) {
  std::string out;
  EnvelopeStart(out, "FullPaymentSubmission", fps.employer, TaxYear::Containing(fps.pay_date));
  for (const auto& e : fps.employees) {
    Open(out, 2, "Employee");
    EmployeeDetails(out, e.who);
    Employment(out, e);
    Close(out, 2, "Employee");
  }
  Close(out, 1, "FullPaymentSubmission");
  out += "</IRenvelope>\n";
  return out;
}

std::vector<std::string> EpsProblems(const Eps& eps) {
  std::vector<std::string> out;
  EmployerProblems(eps.employer, out);
  return out;
}

std::string EpsXml(const Eps& eps) {
  std::string out;
  EnvelopeStart(out, "EmployerPaymentSummary", eps.employer, eps.year);
  if (eps.no_payment_for_period) {
    const TaxMonth m = TaxMonthOf(eps.year, eps.tax_month);
    Open(out, 2, "NoPaymentDates");
    Element(out, 3, "From", m.first.ToString());
    Element(out, 3, "To", m.last.ToString());
    Close(out, 2, "NoPaymentDates");
  }
  if (eps.claim_employment_allowance) Element(out, 2, "EmpAllceInd", "yes");
  Close(out, 1, "EmployerPaymentSummary");
  out += "</IRenvelope>\n";
  return out;
}

namespace {

void AddNi(std::vector<P60NiLine>& lines, const RtiPayslip& p) {
  auto it = std::find_if(lines.begin(), lines.end(),
                         [&](const P60NiLine& l) { return l.category == p.ni_category; });
  if (it == lines.end()) it = lines.insert(lines.end(), P60NiLine{p.ni_category, {}, {}, {}, {}});
  it->at_lel += p.slip.ni_at_lel;
  it->lel_to_pt += p.slip.ni_lel_to_pt;
  it->pt_to_uel += p.slip.ni_pt_to_uel;
  it->employee_ni += p.slip.employee_ni;
}

}  // namespace

P60 BuildP60(const RtiEmployer& employer, const RtiEmployee& employee,
             const std::vector<RtiPayslip>& slips, TaxYear year, Pence previous_pay,
             Pence previous_tax, Date today) {
  P60 p{employer, employee, year};
  p.final = today > year.end() && (!employee.leaving || *employee.leaving > year.end());
  p.previous_pay = previous_pay;
  p.previous_tax = previous_tax;
  Date newest;
  for (const auto& s : slips) {
    if (!year.Contains(s.pay_date)) continue;
    p.pay += s.slip.taxable_pay;
    p.tax += s.slip.tax;
    p.statutory_sick_pay += s.slip.statutory_sick_pay;
    if (s.net_pay_pension) p.net_pay_pension += s.slip.employee_pension;
    AddNi(p.ni, s);
    if (p.final_tax_code.empty() || s.pay_date >= newest) {
      newest = s.pay_date;
      p.final_tax_code = s.tax_code;
    }
  }
  std::sort(p.ni.begin(), p.ni.end(), [](const P60NiLine& a, const P60NiLine& b) {
    return NiCategoryLetter(a.category) < NiCategoryLetter(b.category);
  });
  p.total_pay = p.previous_pay + p.pay;
  p.total_tax = p.previous_tax + p.tax;
  return p;
}

std::optional<P45> BuildP45(const RtiEmployer& employer, const RtiEmployee& employee,
                            const std::vector<RtiPayslip>& slips, Pence previous_pay,
                            Pence previous_tax) {
  if (!employee.leaving || slips.empty()) return std::nullopt;
  const RtiPayslip* last = &slips.front();
  for (const auto& s : slips)
    if (s.pay_date > last->pay_date) last = &s;
  const TaxYear year = TaxYear::Containing(last->pay_date);
  const P60 y =
      BuildP60(employer, employee, slips, year, previous_pay, previous_tax, last->pay_date);
  P45 p{employer, employee, year};
  p.tax_code = last->tax_code;
  p.week1_month1 = SplitTaxCode(last->tax_code).non_cumulative;
  p.frequency = last->frequency;
  p.period = last->period;
  p.pay = y.pay;
  p.tax = y.tax;
  p.totals_shown = !p.week1_month1;
  if (p.totals_shown) {
    p.total_pay = y.total_pay;
    p.total_tax = y.total_tax;
  }
  return p;
}

PensionSchedule BuildPensionSchedule(const RtiEmployer& employer, Date pay_date,
                                     const std::vector<std::pair<RtiEmployee, Payslip>>& slips,
                                     const AePeriod& band) {
  PensionSchedule s{
      employer, pay_date,
      *Date::FromYmd(pay_date.AddMonths(1).year(), pay_date.AddMonths(1).month(), 22)};
  for (const auto& [who, slip] : slips) {
    if (slip.employee_pension.pence() == 0 && slip.employer_pension.pence() == 0) continue;
    const Pence qualifying =
        std::max(Pence{}, std::min(slip.gross_pay, band.qe_upper) - band.qe_lower);
    s.lines.push_back({who, slip.auto_enrolment, slip.gross_pay, qualifying, slip.employee_pension,
                       slip.employer_pension});
    s.employee += slip.employee_pension;
    s.employer_total += slip.employer_pension;
  }
  s.total = s.employee + s.employer_total;
  return s;
}

std::string PensionScheduleCsv(const PensionSchedule& s) {
  std::string out = CsvRow({"pay_date", "payroll_id", "family_name", "given_names", "ni_number",
                            "date_of_birth", "auto_enrolment", "gross_pay", "qualifying_earnings",
                            "employee_contribution", "employer_contribution"});
  for (const auto& l : s.lines)
    out += CsvRow({s.pay_date.ToString(), l.who.payroll_id, CsvText(l.who.family_name),
                   CsvText(l.who.given_names), l.who.ni_number, l.who.date_of_birth.ToString(),
                   std::string(AeStatusCode(l.status)), l.gross.ToString(),
                   l.qualifying_earnings.ToString(), l.employee.ToString(), l.employer.ToString()});
  return out;
}

}  // namespace selfdirect::domain::payroll
