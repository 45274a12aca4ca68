// Reading what people type to employ a PA (the employ form and the API share it), the employer's
// checklist, hours and percentages, and the words pages use for codes.
#include <fmt/format.h>

#include "base/text.h"
#include "web/pa/employment_routes.h"

namespace selfdirect::web {
namespace {

namespace payroll = domain::payroll;

// "5" -> 500 basis points, "3.5" -> 350: hundredths, so the same reading as hours.
std::optional<int64_t> ParseBasisPoints(std::string_view text) { return ParseHundredths(text); }

std::optional<Date> OptionalDate(const std::string& iso, const char* field,
                                 std::vector<FieldError>& errors, const std::string& message) {
  if (iso.empty()) return std::nullopt;
  auto d = Date::Parse(iso);
  if (!d.ok()) {
    errors.push_back({field, message});
    return std::nullopt;
  }
  return *d;
}

Date RequiredDate(const std::string& iso, const char* field, std::vector<FieldError>& errors,
                  const std::string& missing, const std::string& bad) {
  if (iso.empty()) {
    errors.push_back({field, missing});
    return Date{};
  }
  return OptionalDate(iso, field, errors, bad).value_or(Date{});
}

Pence OptionalMoney(const std::string& text, const char* field, std::vector<FieldError>& errors) {
  if (text.empty()) return Pence{};
  auto p = Pence::Parse(text);
  if (!p.ok() || p->pence() < 0) {
    errors.push_back({field, "Enter an amount in pounds and pence, like 25.00"});
    return Pence{};
  }
  return *p;
}

// The codes of the form: mode, frequency, holiday basis, NI category and budget.
void ReadCodes(const EngagementForm& f, app::EngagementInput& in, std::vector<FieldError>& errors) {
  auto& t = in.terms;
  auto mode = payroll::EmployerModeFromCode(f.mode);
  if (!mode) errors.push_back({"mode", "Choose who employs the PA"});
  t.mode = mode.value_or(payroll::EmployerMode::kPerson);
  auto frequency = payroll::FrequencyFromCode(f.frequency);
  if (!frequency) errors.push_back({"frequency", "Choose how often the PA is paid"});
  t.frequency = frequency.value_or(payroll::Frequency::kFourWeekly);
  auto holiday = payroll::HolidayBasisFromCode(f.holiday_basis);
  if (!holiday) errors.push_back({"holiday_basis", "Choose how the PA's holiday is paid"});
  t.holiday = holiday.value_or(payroll::HolidayBasis::kFixedHours);
  const std::string ni = f.ni_category.empty() ? "A" : AsciiUpper(f.ni_category);
  auto category = payroll::NiCategoryFromCode(ni);
  if (!category) errors.push_back({"ni_category", "Choose the PA's National Insurance letter"});
  t.ni_category = category.value_or(payroll::NiCategory::kA);
  auto budget =
      domain::ParseBudgetAccountKind(f.funded_from.empty() ? "direct_payment" : f.funded_from);
  if (!budget) errors.push_back({"funded_from", "Choose which part of the budget pays"});
  in.funded_from = budget.value_or(domain::BudgetAccountKind::kDirectPayment);
}

void ReadPension(const EngagementForm& f, payroll::PensionTerms& p,
                 std::vector<FieldError>& errors) {
  if (f.pension_enrolled != "yes" && f.pension_enrolled != "no") {
    errors.push_back({"pension", "Say whether the PA is in a workplace pension"});
    return;
  }
  p.enrolled = f.pension_enrolled == "yes";
  if (!p.enrolled) return;
  auto employee = ParseBasisPoints(f.employee_percent);
  auto employer = ParseBasisPoints(f.employer_percent);
  if (!employee || *employee > 10000)
    errors.push_back({"pension.employee_percent", "Enter what the PA pays, like 5 for 5%"});
  if (!employer || *employer > 10000)
    errors.push_back({"pension.employer_percent", "Enter what the employer pays, like 3 for 3%"});
  p.employee_bp = employee.value_or(0);
  p.employer_bp = employer.value_or(0);
}

void ReadAmounts(const EngagementForm& f, payroll::EngagementTerms& t,
                 std::vector<FieldError>& errors) {
  if (f.hourly_rate.empty()) {
    errors.push_back({"hourly_rate", "Enter the hourly rate, like 14.50"});
  } else if (auto rate = Pence::Parse(f.hourly_rate); rate.ok()) {
    t.hourly_rate = *rate;
  } else {
    errors.push_back({"hourly_rate", "Enter the hourly rate in pounds and pence, like 14.50"});
  }
  if (!f.weekly_hours.empty()) {
    auto hours = ParseHundredths(f.weekly_hours);
    if (!hours) errors.push_back({"weekly_hours", "Enter the hours a week as a number, like 20"});
    t.weekly_hours_hundredths = hours.value_or(0);
  }
  if (!f.qualifying_days.empty()) {
    auto days = ParsePositiveInteger(f.qualifying_days);
    if (!days || *days > 7)
      errors.push_back({"qualifying_days", "Enter the days a week the PA normally works, 1 to 7"});
    t.qualifying_days_per_week = static_cast<int>(days.value_or(5));
  }
  t.management_fee = OptionalMoney(f.management_fee, "management_fee", errors);
  t.p45_taxable_pay = OptionalMoney(f.p45_taxable_pay, "p45_taxable_pay", errors);
  t.p45_tax = OptionalMoney(f.p45_tax, "p45_tax", errors);
}

}  // namespace

std::string HoursText(int64_t hundredths) {
  std::string sign = hundredths < 0 ? "-" : "";
  const int64_t h = hundredths < 0 ? -hundredths : hundredths;
  std::string s = fmt::format("{}{}.{:02}", sign, h / 100, h % 100);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::optional<int64_t> ParseHundredths(std::string_view text) {
  text = Trim(text);
  const size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view part = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  auto digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || whole.size() > 6 || !digits(whole)) return std::nullopt;
  if (dot != std::string_view::npos && (part.empty() || part.size() > 2 || !digits(part)))
    return std::nullopt;
  int64_t value = 0;
  for (char c : whole) value = value * 10 + (c - '0');
  int64_t fraction = 0;
  for (char c : part) fraction = fraction * 10 + (c - '0');
  if (part.size() == 1) fraction *= 10;
  return value * 100 + fraction;
}

std::string FrequencyWords(payroll::Frequency f) {
  switch (f) {
    case payroll::Frequency::kWeekly:
      return "Every week";
    case payroll::Frequency::kFortnightly:
      return "Every two weeks";
    case payroll::Frequency::kFourWeekly:
      return "Every four weeks";
    case payroll::Frequency::kMonthly:
      return "Every month";
  }
  return "";
}

std::string FrequencyInSentence(payroll::Frequency f) {
  std::string words = FrequencyWords(f);
  words[0] = 'e';  // Every one starts "Every".
  return words;
}

std::string TimesheetStatusWords(app::TimesheetStatus s) {
  switch (s) {
    case app::TimesheetStatus::kSubmitted:
      return "Waiting for approval";
    case app::TimesheetStatus::kApproved:
      return "Approved";
    case app::TimesheetStatus::kQueried:
      return "Queried";
    case app::TimesheetStatus::kPaid:
      return "Paid";
  }
  return "";
}

std::string NiCategoryWords(payroll::NiCategory c) {
  switch (c) {
    case payroll::NiCategory::kA:
      return "A: most employees";
    case payroll::NiCategory::kC:
      return "C: over State Pension age";
    case payroll::NiCategory::kH:
      return "H: an apprentice under 25";
    case payroll::NiCategory::kM:
      return "M: under 21";
    case payroll::NiCategory::kX:
      return "X: does not pay National Insurance (under 16)";
  }
  return "";
}

std::string EmployerModeHint(payroll::EmployerMode m) {
  switch (m) {
    case payroll::EmployerMode::kPerson:
      return "The person, or their representative, is the employer. This service works out "
             "the pay, tax and National Insurance and makes the payslips.";
    case payroll::EmployerMode::kPayrollService:
      return "The person is still the employer, but a payroll service pays the PA and deals "
             "with HMRC for them.";
    case payroll::EmployerMode::kOrganisation:
      return "An organisation is the PA's legal employer. The person still chooses the PA and "
             "says how they want to be supported.";
  }
  return "";
}

Result<app::EngagementInput> EngagementInputOf(const EngagementForm& f, PaProfileId pa) {
  std::vector<FieldError> errors;
  app::EngagementInput in;
  in.pa = pa;
  auto person = PersonId::Parse(Trim(f.person_id));
  if (!person) errors.push_back({"person_id", "Choose who the PA will work for"});
  in.person = person.value_or(PersonId{});
  ReadCodes(f, in, errors);
  auto& t = in.terms;
  if (t.mode != payroll::EmployerMode::kPerson) {
    t.employer_name = std::string(Trim(f.employer_name));
    in.organisation_email = std::string(Trim(f.organisation_email));
  }
  if (t.mode == payroll::EmployerMode::kOrganisation && in.organisation_email.empty())
    errors.push_back({"organisation_email", "Enter the email address of the organisation"});
  ReadAmounts(f, t, errors);
  t.start = RequiredDate(f.start_date, "start_date", errors, "Enter the date the PA starts",
                         "The start date must be a real date");
  t.pa_date_of_birth =
      RequiredDate(f.date_of_birth, "date_of_birth", errors, "Enter the PA's date of birth",
                   "The date of birth must be a real date");
  t.p45_leaving_date = OptionalDate(f.p45_leaving_date, "p45_leaving_date", errors,
                                    "The P45's leaving date must be a real date");
  t.tax_code = f.tax_code.empty() ? "1257L" : AsciiUpper(Trim(f.tax_code));
  if (auto code = payroll::ParseTaxCode(t.tax_code); !code.ok())
    errors.push_back({"tax_code", code.error().message});
  ReadPension(f, t.pension, errors);
  in.plan_line = std::string(Trim(f.plan_line));
  if (!errors.empty()) {
    std::string first = errors.front().message;  // Before the list moves into the error.
    return Error::InvalidArgument(std::move(first), std::move(errors));
  }
  return in;
}

const std::vector<ChecklistDateField>& ChecklistDateFields() {
  static const std::vector<ChecklistDateField> fields = {
      {"insurance_until", "Employer's liability insurance is in force until"},
      {"right_to_work_seen", "Date you checked their right to work"},
      {"dbs_seen", "Date you saw their DBS certificate"},
      {"contract_signed", "Date you gave them a written contract"},
      {"pension_duties_done", "Date you completed your pension declaration"}};
  return fields;
}

Result<payroll::EmployerChecklist> ChecklistOf(const ChecklistForm& f) {
  std::vector<FieldError> errors;
  payroll::EmployerChecklist c;
  const std::string bad = "must be a real date";
  c.insurance_until =
      OptionalDate(f.insurance_until, "insurance_until", errors, "The insurance date " + bad);
  c.right_to_work_seen = OptionalDate(f.right_to_work_seen, "right_to_work_seen", errors,
                                      "The right to work date " + bad);
  c.dbs_seen = OptionalDate(f.dbs_seen, "dbs_seen", errors, "The DBS date " + bad);
  c.contract_signed =
      OptionalDate(f.contract_signed, "contract_signed", errors, "The contract date " + bad);
  c.pension_duties_done = OptionalDate(f.pension_duties_done, "pension_duties_done", errors,
                                       "The pension declaration date " + bad);
  c.employer_reference = AsciiUpper(Trim(f.employer_reference));
  if (!c.employer_reference.empty() && !payroll::ValidEmployerReference(c.employer_reference))
    errors.push_back(
        {"employer_reference", "Enter the reference as HMRC gave it, like 123/AB45678"});
  if (!errors.empty()) {
    std::string first = errors.front().message;  // Before the list moves into the error.
    return Error::InvalidArgument(std::move(first), std::move(errors));
  }
  return c;
}

}  // namespace selfdirect::web
