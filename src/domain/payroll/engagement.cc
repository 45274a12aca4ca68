// File: engagement.cc
// Employer modes, holiday bases, the employer's checklist and the payslip input of one pay date
// (engagement.h).
#include "domain/payroll/engagement.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace selfdirect::domain::payroll {

std::string_view EmployerModeCode(EmployerMode m) {
  switch (m) {
    case EmployerMode::kPerson:
      return "person";
    case EmployerMode::kPayrollService:
      return "payroll_service";
    case EmployerMode::kOrganisation:
      return "organisation";
  }
  return "person";
}

std::optional<EmployerMode> EmployerModeFromCode(std::string_view code) {
  for (auto m : {EmployerMode::kPerson, EmployerMode::kPayrollService, EmployerMode::kOrganisation})
    if (EmployerModeCode(m) == code) return m;
  return std::nullopt;
}

std::string_view EmployerModeWords(EmployerMode m) {
  switch (m) {
    case EmployerMode::kPerson:
      return "The person employs the PA and runs payroll here";
    case EmployerMode::kPayrollService:
      return "The person employs the PA and a payroll service pays them";
    case EmployerMode::kOrganisation:
      return "An organisation employs the PA for the person";
  }
  return "";
}

std::string_view HolidayBasisCode(HolidayBasis b) {
  switch (b) {
    case HolidayBasis::kFixedHours:
      return "fixed_hours";
    case HolidayBasis::kAccrual:
      return "accrual";
    case HolidayBasis::kRolledUp:
      return "rolled_up";
  }
  return "fixed_hours";
}

std::optional<HolidayBasis> HolidayBasisFromCode(std::string_view code) {
  for (auto b : {HolidayBasis::kFixedHours, HolidayBasis::kAccrual, HolidayBasis::kRolledUp})
    if (HolidayBasisCode(b) == code) return b;
  return std::nullopt;
}

std::string_view HolidayBasisWords(HolidayBasis b) {
  switch (b) {
    case HolidayBasis::kFixedHours:
      return "Fixed hours: 5.6 weeks' paid holiday a year";
    case HolidayBasis::kAccrual:
      return "Irregular hours: holiday builds up at 12.07% of hours worked";
    case HolidayBasis::kRolledUp:
      return "Irregular hours: holiday pay of 12.07% added to each payment";
  }
  return "";
}

bool ValidEmployerReference(std::string_view ref) {
  if (ref.size() < 5 || ref.size() > 14 || ref[3] != '/') return false;
  for (size_t i = 0; i < 3; ++i)
    if (!std::isdigit(static_cast<unsigned char>(ref[i]))) return false;
  for (size_t i = 4; i < ref.size(); ++i)
    if (!std::isalnum(static_cast<unsigned char>(ref[i]))) return false;
  return true;
}

namespace {

std::string Seen(const std::optional<Date>& d, std::string_view what) {
  return d ? "" : "Record the date you " + std::string(what);
}

}  // namespace

std::vector<ChecklistItem> CheckChecklist(const EmployerChecklist& c, Date on) {
  std::vector<ChecklistItem> out;
  std::string insurance;
  if (!c.insurance_until)
    insurance = "Enter the date your insurance runs to";
  else if (*c.insurance_until < on)
    insurance = "Your insurance ended on " + c.insurance_until->ToLongString() + ": renew it";
  out.push_back({"insurance_until", "Employer's liability insurance",
                 "The law says an employer must insure against a PA being hurt at work. Many "
                 "insurers sell a PA employer's policy that includes it.",
                 insurance});
  out.push_back(
      {"employer_reference", "HMRC employer reference",
       "Register as an employer with HMRC before the first payday. HMRC sends a reference like "
       "123/AB45678.",
       c.employer_reference.empty()                   ? "Enter your employer reference"
       : ValidEmployerReference(c.employer_reference) ? ""
                                                      : "Enter the reference as HMRC gave it, "
                                                        "like 123/AB45678"});
  out.push_back({"right_to_work_seen", "Right to work in the UK",
                 "Before the PA starts, see their passport or share code and keep a copy.",
                 Seen(c.right_to_work_seen, "checked their right to work")});
  out.push_back({"dbs_seen", "DBS check",
                 "See the PA's Disclosure and Barring Service certificate, or ask the council to "
                 "help you get one.",
                 Seen(c.dbs_seen, "saw the DBS certificate")});
  out.push_back({"contract_signed", "Written contract",
                 "Give the PA a written statement of their terms on or before their first day.",
                 Seen(c.contract_signed, "gave the PA a written contract")});
  out.push_back({"pension_duties_done", "Workplace pension duties",
                 "Tell The Pensions Regulator you are an employer and choose a pension scheme; "
                 "the service works out who must be enrolled.",
                 Seen(c.pension_duties_done, "completed your declaration of compliance")});
  return out;
}

std::vector<ChecklistItem> OpenChecklistItems(const EmployerChecklist& c, Date on) {
  auto all = CheckChecklist(c, on);
  std::erase_if(all, [](const ChecklistItem& i) { return i.problem.empty(); });
  return all;
}

Status CheckTerms(const EngagementTerms& t) {
  std::vector<FieldError> bad;
  if (t.hourly_rate.pence() <= 0 || t.hourly_rate.pence() > 100000)
    bad.push_back({"hourly_rate", "Enter an hourly rate between £0.01 and £1,000"});
  if (t.weekly_hours_hundredths < 0 || t.weekly_hours_hundredths > 8400)
    bad.push_back({"weekly_hours", "Enter the contract's hours a week, up to 84"});
  if (t.holiday == HolidayBasis::kFixedHours && t.weekly_hours_hundredths == 0)
    bad.push_back({"weekly_hours", "Fixed hours need the contract's hours a week"});
  if (!ParseTaxCode(t.tax_code).ok())
    bad.push_back({"tax_code", "Enter the tax code from the PA's P45 or starter checklist"});
  if (t.start.year() <= Date::kMinYear || t.start.year() >= Date::kMaxYear)
    bad.push_back({"start_date", "Enter a start date between 1851 and 2199"});
  else if (t.pa_date_of_birth >= t.start)
    bad.push_back({"date_of_birth", "The PA's date of birth must be before they start"});
  if (t.qualifying_days_per_week < 1 || t.qualifying_days_per_week > 7)
    bad.push_back({"qualifying_days", "Enter the days a week the PA normally works, 1 to 7"});
  if (t.mode != EmployerMode::kPerson && t.employer_name.empty())
    bad.push_back({"employer_name", "Enter the name of the organisation or payroll service"});
  if (t.management_fee.pence() < 0 || t.p45_taxable_pay.pence() < 0 || t.p45_tax.pence() < 0)
    bad.push_back({"management_fee", "Amounts cannot be less than nothing"});
  else if ((t.p45_taxable_pay.pence() > 0 || t.p45_tax.pence() > 0) && !t.p45_leaving_date)
    bad.push_back({"p45_leaving_date", "Enter the leaving date on the P45"});
  else if (t.management_fee.pence() > 0 && t.mode != EmployerMode::kOrganisation)
    bad.push_back({"management_fee",
                   "Only an organisation that employs the PA charges a "
                   "management fee"});
  if (t.p45_leaving_date && (t.p45_leaving_date->year() <= Date::kMinYear ||
                             (t.start.year() > Date::kMinYear && *t.p45_leaving_date > t.start)))
    bad.push_back({"p45_leaving_date", "The P45's leaving date must be before the PA starts"});
  if (bad.empty()) return OkStatus();
  std::string first = bad.front().message;  // Read before the list moves into the error.
  return Error::InvalidArgument(std::move(first), std::move(bad));
}

namespace {

struct Hours {
  int64_t worked = 0, holiday = 0;
  std::set<Date> sick_days;
};

Hours AddUp(const std::vector<Timesheet>& sheets) {
  Hours h;
  for (const auto& s : sheets)
    for (const auto& e : s.entries) {
      if (e.kind == TimesheetEntry::Kind::kWorked) h.worked += e.hours_hundredths;
      if (e.kind == TimesheetEntry::Kind::kHoliday) h.holiday += e.hours_hundredths;
      if (e.kind == TimesheetEntry::Kind::kSick) h.sick_days.insert(e.day);
    }
  return h;
}

PayItem HoursItem(int64_t hundredths, Pence rate, std::string description) {
  PayItem i;
  i.kind = PayItem::Kind::kHours;
  i.hours_hundredths = hundredths;
  i.rate = rate;
  i.description = std::move(description);
  return i;
}

}  // namespace

Result<PayslipInput> PayslipInputFor(const EngagementTerms& terms,
                                     const std::vector<Timesheet>& sheets, Date pay_date,
                                     const PayHistory& history) {
  Hours h = AddUp(sheets);
  if (h.worked == 0 && h.holiday == 0 && h.sick_days.empty())
    return Error::FailedPrecondition("There are no approved hours to pay");
  SD_ASSIGN_OR_RETURN(TaxCode code, ParseTaxCode(terms.tax_code));
  PayslipInput in;
  in.pay_date = pay_date;
  in.frequency = terms.frequency;
  in.period = ExpectedPeriod(pay_date, terms.frequency);
  in.tax_code = code;
  in.week1 = code.week1;
  in.ni_category = terms.ni_category;
  in.date_of_birth = terms.pa_date_of_birth;
  if (h.worked > 0) in.pay.push_back(HoursItem(h.worked, terms.hourly_rate, "Hours worked"));
  if (h.holiday > 0) in.pay.push_back(HoursItem(h.holiday, terms.hourly_rate, "Paid holiday"));
  if (terms.holiday == HolidayBasis::kRolledUp && h.worked > 0) {
    PayItem rolled;
    rolled.kind = PayItem::Kind::kRolledUpHoliday;
    in.pay.push_back(rolled);
  }
  if (!h.sick_days.empty()) {
    PayItem sick;
    sick.kind = PayItem::Kind::kStatutorySickPay;
    sick.sick_days = static_cast<int>(h.sick_days.size());
    sick.qualifying_days_per_week = terms.qualifying_days_per_week;
    sick.average_weekly_earnings = history.average_weekly_earnings;
    sick.earnings_basis = history.earnings_basis;
    sick.waiting_days_served = history.sick_days_served;
    in.pay.push_back(sick);
  }
  in.previous_taxable_pay = history.taxable_pay;
  in.previous_tax = history.tax;
  // A P45 from an earlier tax year says nothing about this one's pay and tax.
  const bool p45_this_year =
      terms.p45_leaving_date &&
      TaxYear::Containing(*terms.p45_leaving_date) == TaxYear::Containing(pay_date);
  if (history.started_this_tax_year && p45_this_year) {
    in.previous_taxable_pay = in.previous_taxable_pay + terms.p45_taxable_pay;
    in.previous_tax = in.previous_tax + terms.p45_tax;
  }
  in.pension = terms.pension;
  return in;
}

}  // namespace selfdirect::domain::payroll
