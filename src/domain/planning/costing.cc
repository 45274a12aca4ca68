#include "domain/planning/costing.h"

#include <algorithm>

#include "base/effective_dated.h"
#include "base/limits.h"

namespace selfdirect::domain {
namespace {

struct CategoryName {
  SupportCategory category;
  std::string_view code;
  std::string_view label;
};
constexpr CategoryName kCategories[] = {
    {SupportCategory::kHomeCare, "home_care", "Home care"},
    {SupportCategory::kDayCentre, "day_centre", "Day centre"},
    {SupportCategory::kMeals, "meals", "Meals"},
    {SupportCategory::kRespite, "respite", "Respite"},
    {SupportCategory::kResidentialShortStay, "residential_short_stay", "Residential short stay"},
    {SupportCategory::kPersonalAssistant, "personal_assistant", "Personal assistant"},
    {SupportCategory::kLeisure, "leisure", "Leisure or hobby"},
    {SupportCategory::kClubOrSociety, "club_or_society", "Club or society"},
    {SupportCategory::kGym, "gym", "Gym or fitness"},
    {SupportCategory::kTransport, "transport", "Transport"},
    {SupportCategory::kEquipment, "equipment", "Equipment or technology"},
    {SupportCategory::kCommunityActivity, "community_activity", "Community activity"},
    {SupportCategory::kOther, "other", "Other"},
};

constexpr std::string_view kUnits[] = {"hour", "session", "day", "week", "month", "year", "item"};
constexpr std::string_view kPeriods[] = {"week",  "fortnight", "four_weeks",
                                         "month", "year",      "once"};

struct ManagedName {
  std::string_view code;
  std::string_view label;
};
constexpr ManagedName kManaged[] = {
    {"direct_payment", "Direct payment"},
    {"direct_payment_nominated", "Direct payment to a nominated person"},
    {"direct_payment_authorised", "Direct payment to an authorised person"},
    {"council_managed", "Managed by the council"},
    {"individual_service_fund", "Individual service fund"},
    {"council_commissioned", "Council-commissioned support"},
};

template <typename E, size_t N>
std::optional<E> ParseIndex(const std::string_view (&codes)[N], std::string_view code) {
  for (size_t i = 0; i < N; ++i)
    if (codes[i] == code) return static_cast<E>(i);
  return std::nullopt;
}

bool IsEmployedPa(const PlanLine& l) {
  return l.category == SupportCategory::kPersonalAssistant && l.employer == PaEmployer::kPerson &&
         l.unit == Unit::kHour;
}

Pence Max0(Pence p) { return p < Pence() ? Pence() : p; }

}  // namespace

std::string_view SupportCategoryCode(SupportCategory c) {
  return kCategories[static_cast<size_t>(c)].code;
}
std::string_view SupportCategoryLabel(SupportCategory c) {
  return kCategories[static_cast<size_t>(c)].label;
}
std::optional<SupportCategory> ParseSupportCategory(std::string_view code) {
  for (const auto& c : kCategories)
    if (c.code == code) return c.category;
  return std::nullopt;
}
bool IsTraditional(SupportCategory c) {
  return static_cast<int>(c) <= static_cast<int>(SupportCategory::kResidentialShortStay);
}

std::string_view UnitCode(Unit u) { return kUnits[static_cast<size_t>(u)]; }
std::optional<Unit> ParseUnit(std::string_view code) { return ParseIndex<Unit>(kUnits, code); }
std::string_view PeriodCode(Period p) { return kPeriods[static_cast<size_t>(p)]; }
std::optional<Period> ParsePeriod(std::string_view code) {
  return ParseIndex<Period>(kPeriods, code);
}
int PeriodsPerYear(Period p) {
  switch (p) {
    case Period::kWeek:
      return static_cast<int>(kWeeksPerYear);
    case Period::kFortnight:
      return 26;
    case Period::kFourWeeks:
      return 13;
    case Period::kMonth:
      return 12;
    case Period::kYear:
    case Period::kOnce:
      return 1;
  }
  return 1;
}

std::string_view ManagedAsCode(ManagedAs m) { return kManaged[static_cast<size_t>(m)].code; }
std::string_view ManagedAsLabel(ManagedAs m) { return kManaged[static_cast<size_t>(m)].label; }
std::optional<ManagedAs> ParseManagedAs(std::string_view code) {
  for (size_t i = 0; i < kManagedAsCount; ++i)
    if (kManaged[i].code == code) return static_cast<ManagedAs>(i);
  return std::nullopt;
}
bool IsDirectPayment(ManagedAs m) {
  return m == ManagedAs::kDirectPayment || m == ManagedAs::kDirectPaymentNominated ||
         m == ManagedAs::kDirectPaymentAuthorised;
}

std::optional<ReturnCategory> ParseReturnCategory(std::string_view code) {
  using R = ReturnCategory;
  for (R r : {R::kNoPaidSupport, R::kDirectPaymentOnly, R::kPartDirectPayment,
              R::kCouncilManagedBudget, R::kCouncilCommissionedOnly})
    if (ReturnCategoryCode(r) == code) return r;
  return std::nullopt;
}

std::string_view ReturnCategoryCode(ReturnCategory r) {
  switch (r) {
    case ReturnCategory::kNoPaidSupport:
      return "no_paid_support";
    case ReturnCategory::kDirectPaymentOnly:
      return "direct_payment_only";
    case ReturnCategory::kPartDirectPayment:
      return "part_direct_payment";
    case ReturnCategory::kCouncilManagedBudget:
      return "council_managed_budget";
    case ReturnCategory::kCouncilCommissionedOnly:
      return "council_commissioned_only";
  }
  return "no_paid_support";
}

std::string_view ReturnCategoryLabel(ReturnCategory r) {
  switch (r) {
    case ReturnCategory::kNoPaidSupport:
      return "No paid support";
    case ReturnCategory::kDirectPaymentOnly:
      return "Direct payment only";
    case ReturnCategory::kPartDirectPayment:
      return "Part direct payment";
    case ReturnCategory::kCouncilManagedBudget:
      return "Council-managed personal budget";
    case ReturnCategory::kCouncilCommissionedOnly:
      return "Council-commissioned support only";
  }
  return "No paid support";
}

const PaEmploymentRates* PaRatesInForce(const std::vector<PaEmploymentRates>& all, Date date) {
  return InForceOn(all, date);
}

Status ValidatePlanCostPolicy(const PlanCostPolicy& p) {
  std::vector<FieldError> errors;
  const Pence kMax = Pence::FromPounds(10'000);
  if (p.employer_insurance_annual < Pence() || p.employer_insurance_annual > kMax)
    errors.push_back({"employer_insurance_annual", "Enter a yearly price from £0 to £10,000"});
  if (p.payroll_service_annual < Pence() || p.payroll_service_annual > kMax)
    errors.push_back({"payroll_service_annual", "Enter a yearly price from £0 to £10,000"});
  if (p.tolerance_basis_points < 0 || p.tolerance_basis_points > 10000)
    errors.push_back({"tolerance_percent", "Enter a tolerance from 0% to 100%"});
  if (errors.empty()) return {};
  return Error::InvalidArgument("Check the planning policy", std::move(errors));
}

Status ValidatePlanCostInput(const PlanCostInput& in) {
  std::vector<FieldError> errors;
  if (in.lines.empty()) errors.push_back({"lines", "Give at least one line"});
  if (in.lines.size() > 200) errors.push_back({"lines", "A plan has at most 200 lines"});
  const Pence kMaxUnitCost = Pence::FromPounds(1'000'000);
  for (size_t i = 0; i < in.lines.size() && i < 200; ++i) {
    const PlanLine& l = in.lines[i];
    // Made only for an error: most plans have none.
    auto at = [i] { return "lines[" + std::to_string(i) + "]"; };
    if (l.unit_cost < Pence()) errors.push_back({at() + ".unit_cost", "must not be negative"});
    if (l.unit_cost > kMaxUnitCost)
      errors.push_back({at() + ".unit_cost", "must be at most GBP 1,000,000"});
    if (l.quantity_hundredths <= 0)
      errors.push_back({at() + ".quantity", "must be more than zero"});
    else if (l.quantity_hundredths > 100'000 * 100)
      errors.push_back({at() + ".quantity", "must be at most 100,000"});
    if (l.times <= 0)
      errors.push_back({at() + ".times", "must be a whole number more than zero"});
    else if (l.times > 1000)
      errors.push_back({at() + ".times", "must be at most 1,000"});
    if (l.weeks_per_year < 1 || l.weeks_per_year > 52)
      errors.push_back({at() + ".weeks_per_year", "must be from 1 to 52"});
    else if (l.weeks_per_year != 52 && l.period != Period::kWeek)
      errors.push_back({at() + ".weeks_per_year", "applies to weekly lines only"});
    if (IsEmployedPa(l)) {
      if (l.period != Period::kWeek)
        errors.push_back(
            {at() + ".per", "A personal assistant the person employs is costed by hours a week"});
      else if (l.weeks_per_year != 52)
        errors.push_back(
            {at() + ".weeks_per_year",
             "A personal assistant the person employs is costed for the whole year (holiday pay "
             "included); for term-time support use an agency or organisation line"});
    }
    if (l.description.size() > 200)
      errors.push_back({at() + ".description", "must be 200 characters or fewer"});
  }
  if (in.indicative_weekly && *in.indicative_weekly < Pence())
    errors.push_back({"indicative_weekly_budget", "must not be negative"});
  if (in.tolerance_basis_points &&
      (*in.tolerance_basis_points < 0 || *in.tolerance_basis_points > 10000))
    errors.push_back({"tolerance_percent", "must be between 0 and 100"});
  if (errors.empty()) return OkStatus();
  std::string message = "The plan cannot be costed: " + errors[0].field + " " + errors[0].message;
  return Error::InvalidArgument(std::move(message), std::move(errors));
}

namespace {

// What the return category is derived from, taken line by line.
struct ReturnTally {
  bool any = false, dp = false, other = false, budget = false;

  void Add(ManagedAs managed, Pence weekly) {
    if (weekly <= Pence()) return;
    any = true;
    if (IsDirectPayment(managed)) {
      dp = true;
    } else {
      other = true;
      if (managed != ManagedAs::kCouncilCommissioned) budget = true;
    }
  }
  ReturnCategory Category() const {
    if (!any) return ReturnCategory::kNoPaidSupport;
    if (dp) return other ? ReturnCategory::kPartDirectPayment : ReturnCategory::kDirectPaymentOnly;
    return budget ? ReturnCategory::kCouncilManagedBudget
                  : ReturnCategory::kCouncilCommissionedOnly;
  }
};

}  // namespace

ReturnCategory DeriveReturnCategory(const std::vector<ManagedAs>& managed,
                                    const std::vector<Pence>& weekly) {
  ReturnTally tally;
  for (size_t i = 0; i < managed.size() && i < weekly.size(); ++i) tally.Add(managed[i], weekly[i]);
  return tally.Category();
}

namespace {

// An employed personal assistant's costs for a year: pay (a week's pay, rate x hours half up, for
// 52 weeks, paid leave included), employer National Insurance above the secondary threshold,
// the employer's pension contribution on banded earnings once pay passes the trigger, and cover
// for their leave.
PaCost CostPa(const PaEmploymentRates& rates, const PlanLine& l) {
  PaCost pa;
  pa.hourly_rate = l.unit_cost;
  pa.hours_hundredths = l.quantity_hundredths * l.times;
  Pence week_pay = MultiplyRatio(l.unit_cost, pa.hours_hundredths, 100, Rounding::kHalfUp);
  pa.pay_annual = YearlyFromWeekly(week_pay);
  pa.employer_ni_annual =
      MultiplyRatio(Max0(pa.pay_annual - rates.employer_ni_secondary_threshold_annual),
                    rates.employer_ni_basis_points, 10000, Rounding::kHalfUp);
  if (pa.pay_annual > rates.pension_trigger_annual) {
    Pence banded =
        std::min(pa.pay_annual, rates.pension_band_upper_annual) - rates.pension_band_lower_annual;
    pa.pension_annual =
        MultiplyRatio(Max0(banded), rates.pension_employer_basis_points, 10000, Rounding::kHalfUp);
  }
  if (l.holiday_cover) {
    // Rule: cover = hours a week x weeks of leave x rate, half up.
    pa.holiday_cover_annual =
        MultiplyRatio(l.unit_cost, pa.hours_hundredths * rates.holiday_weeks_hundredths, 10000,
                      Rounding::kHalfUp);
  }
  pa.below_living_wage = l.unit_cost < rates.national_living_wage_hourly;
  return pa;
}

std::string BelowLivingWageWarning(const PaEmploymentRates& rates, const PlanLine& l) {
  return "The hourly rate of " + l.unit_cost.ToDisplayString() +
         (l.description.empty() ? "" : " for " + l.description) +
         " is below the National Living Wage of " +
         rates.national_living_wage_hourly.ToDisplayString() + " for workers aged 21 and over.";
}

// One line's cost: an employed PA's, a one-off spread over a year, or so many occurrences a
// period. Rule: one occurrence = unit cost x quantity, half up to the penny; weekly = annual / 52,
// half up.
LineCost CostLine(const PaEmploymentRates& rates, const PlanLine& l,
                  std::vector<std::string>& warnings) {
  LineCost c;
  c.occurrence = MultiplyRatio(l.unit_cost, l.quantity_hundredths, 100, Rounding::kHalfUp);
  if (IsEmployedPa(l)) {
    PaCost pa = CostPa(rates, l);
    if (pa.below_living_wage) warnings.push_back(BelowLivingWageWarning(rates, l));
    c.annual = pa.pay_annual + pa.employer_ni_annual + pa.pension_annual + pa.holiday_cover_annual;
    c.pa = pa;
  } else if (l.period == Period::kOnce) {
    c.annual = c.occurrence * l.times;  // A one-off, spread over a year.
  } else {
    int64_t periods = l.period == Period::kWeek ? l.weeks_per_year : PeriodsPerYear(l.period);
    c.annual = c.occurrence * (l.times * periods);
  }
  c.weekly = WeeklyFromYearly(c.annual);
  return c;
}

// The costs of employing PAs that belong to the plan rather than a line (managed as the first PA
// line is): Employment Allowance against employer National Insurance, employer's liability
// insurance and a payroll service. Items already in out.plan_items are written over (their
// strings keep their storage); returns how many items the plan has.
size_t AddEmploymentItems(const PaEmploymentRates& rates, const PlanCostPolicy& policy,
                          const PlanCostInput& in, ManagedAs managed, Pence employer_ni_total,
                          PlanCost& out) {
  size_t used = 0;
  auto add_item = [&](std::string_view code, Pence annual) -> std::string& {
    if (used == out.plan_items.size()) out.plan_items.emplace_back();
    PlanItemCost& item = out.plan_items[used++];
    item.code.assign(code);
    item.annual = annual;
    item.weekly = WeeklyFromYearly(annual);
    out.weekly_total += item.weekly;
    out.annual_total += item.annual;
    out.creative_weekly += item.weekly;
    out.weekly_by_management[static_cast<size_t>(managed)] += item.weekly;
    return item.text;
  };
  if (in.employment_allowance && employer_ni_total > Pence()) {
    Pence offset = std::min(employer_ni_total, rates.employment_allowance_annual);
    std::string& text = add_item("employment_allowance", -offset);
    text.assign("Employment Allowance claimed against employer National Insurance (up to ");
    text += rates.employment_allowance_annual.ToDisplayString();
    text += " a year)";
  }
  if (policy.employer_insurance_annual > Pence())
    add_item("employer_insurance", policy.employer_insurance_annual)
        .assign("Employer's liability insurance");
  if (in.payroll_service && policy.payroll_service_annual > Pence())
    add_item("payroll_service", policy.payroll_service_annual).assign("Payroll service");
  return used;
}

}  // namespace

PlanCost CostPlan(const PaEmploymentRates& rates, const PlanCostPolicy& policy,
                  const PlanCostInput& in) {
  PlanCost out;
  CostPlan(rates, policy, in, out);
  return out;
}

void CostPlan(const PaEmploymentRates& rates, const PlanCostPolicy& policy, const PlanCostInput& in,
              PlanCost& out) {
  out.rates_id.assign(rates.id);
  out.lines.clear();
  out.warnings.clear();
  out.weekly_total = out.annual_total = out.traditional_weekly = out.creative_weekly = Pence();
  out.weekly_by_management.fill(Pence());
  Pence employer_ni_total;
  const PlanLine* first_pa = nullptr;
  ReturnTally tally;
  for (const PlanLine& l : in.lines) {
    LineCost c = CostLine(rates, l, out.warnings);
    if (c.pa) {
      if (first_pa == nullptr) first_pa = &l;
      employer_ni_total += c.pa->employer_ni_annual;
    }
    out.weekly_total += c.weekly;
    out.annual_total += c.annual;
    (IsTraditional(l.category) ? out.traditional_weekly : out.creative_weekly) += c.weekly;
    out.weekly_by_management[static_cast<size_t>(l.managed_as)] += c.weekly;
    tally.Add(l.managed_as, c.weekly);
    out.lines.push_back(c);
  }
  size_t items = 0;
  if (first_pa != nullptr)
    items = AddEmploymentItems(rates, policy, in, first_pa->managed_as, employer_ni_total, out);
  out.plan_items.resize(items);
  out.return_category = tally.Category();
  out.tolerance.reset();
  if (in.indicative_weekly)
    out.tolerance =
        CheckTolerance(*in.indicative_weekly, out.weekly_total,
                       in.tolerance_basis_points.value_or(policy.tolerance_basis_points));
}

}  // namespace selfdirect::domain
