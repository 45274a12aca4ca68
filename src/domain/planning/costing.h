// File: costing.h
// Costing a support plan (Care Act 2014 s25/s26): each line of the plan (an item, how much of it
// each time, how often, its unit cost) gives a weekly and an annual cost; lines for a personal
// assistant the person employs add the employer's costs (employer National Insurance, workplace
// pension, cover for the PA's holiday) from effective-dated reference data, and the plan adds
// employer's liability insurance, a payroll service and the Employment Allowance once per
// employer. The totals are split into traditional and creative support and by how the money is
// managed, and the plan's statutory return category (SALT/CLD) is derived from its lines.
//
// Rounding, each named where it happens:
//  - one occurrence: unit cost x quantity (to 1/100 of a unit), half up to the penny;
//  - a line's annual cost: occurrence x times x periods a year (52 weeks, 26 fortnights, 13 four
//    weeks, 12 months, 1 year; a one-off once), exact;
//  - a line's weekly cost: its annual cost / 52, half up (exact for a weekly line all year);
//  - the PA's employer costs: annual percentages half up; holiday cover: hours x weeks of leave x
//    rate, half up;
//  - the plan's weekly total is the sum of the weekly figures shown (so what people read adds up);
//    its annual total is the sum of the annual figures, and may differ from 52 x weekly by pence.
// Example (rules.md 2.3, 2026/27): a PA for 20 hours a week at GBP 12.71 costs GBP 13,218.40 pay,
// GBP 209.35 pension and GBP 1,423.52 holiday cover a year; employer NI of GBP 1,232.76 is met by
// the Employment Allowance; with GBP 61.00 insurance the plan costs GBP 14,912.27 a year.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/pence.h"
#include "base/result.h"
#include "domain/ras/allocation.h"
#include "domain/yearly.h"

namespace selfdirect::domain {

// Ways to meet needs (rules.md section 5). The first five are traditional services.
enum class SupportCategory {
  kHomeCare,
  kDayCentre,
  kMeals,
  kRespite,
  kResidentialShortStay,
  kPersonalAssistant,
  kLeisure,
  kClubOrSociety,
  kGym,
  kTransport,
  kEquipment,
  kCommunityActivity,
  kOther,
};
inline constexpr size_t kSupportCategoryCount = 13;
std::string_view SupportCategoryCode(SupportCategory c);   // "home_care", "club_or_society", ...
std::string_view SupportCategoryLabel(SupportCategory c);  // "Home care", "Club or society", ...
std::optional<SupportCategory> ParseSupportCategory(std::string_view code);
bool IsTraditional(SupportCategory c);

enum class Unit { kHour, kSession, kDay, kWeek, kMonth, kYear, kItem };
std::string_view UnitCode(Unit u);  // "hour", "session", "day", "week", "month", "year", "item"
std::optional<Unit> ParseUnit(std::string_view code);

// How often a line happens: `times` in each period, or once (a one-off, spread over a year).
enum class Period { kWeek, kFortnight, kFourWeeks, kMonth, kYear, kOnce };
std::string_view PeriodCode(
    Period p);  // "week", "fortnight", "four_weeks", "month", "year", "once"
std::optional<Period> ParsePeriod(std::string_view code);
int PeriodsPerYear(Period p);  // 52, 26, 13, 12, 1, 1.

// How a line's money is managed (rules.md 1.7).
enum class ManagedAs {
  kDirectPayment,            // To the person.
  kDirectPaymentNominated,   // To a nominated person on the person's behalf.
  kDirectPaymentAuthorised,  // To an authorised person (s32: the person lacks capacity).
  kCouncilManaged,           // The council arranges it within the person's budget.
  kIndividualServiceFund,    // A provider holds it for the person.
  kCouncilCommissioned,      // Council-commissioned support without a personal budget.
};
inline constexpr size_t kManagedAsCount = 6;
std::string_view ManagedAsCode(ManagedAs m);
std::string_view ManagedAsLabel(ManagedAs m);
std::optional<ManagedAs> ParseManagedAs(std::string_view code);
bool IsDirectPayment(ManagedAs m);

// The mutually exclusive community categories of the statutory returns (SALT LTS001b / CLD).
enum class ReturnCategory {
  kNoPaidSupport,  // Every line costs nothing (community support, unpaid carers).
  kDirectPaymentOnly,
  kPartDirectPayment,
  kCouncilManagedBudget,  // Includes individual service funds.
  kCouncilCommissionedOnly,
};
std::string_view ReturnCategoryCode(ReturnCategory r);
std::string_view ReturnCategoryLabel(ReturnCategory r);
std::optional<ReturnCategory> ParseReturnCategory(std::string_view code);

// Who employs a personal assistant: the person (their employer costs are added), or an
// organisation (its hourly charge already covers them).
enum class PaEmployer { kPerson, kOrganisation };

// Statutory figures for employing a PA, effective-dated (data/reference/planning/*.json).
struct PaEmploymentRates {
  std::string id;  // "england-2026-27"
  std::string title;
  Date effective_from;
  Pence national_living_wage_hourly;     // For a warning when a PA is paid less.
  int64_t employer_ni_basis_points = 0;  // 1500 = 15%.
  Pence employer_ni_secondary_threshold_annual;
  Pence employment_allowance_annual;
  Pence pension_trigger_annual;  // Auto-enrolment earnings trigger.
  Pence pension_band_lower_annual;
  Pence pension_band_upper_annual;
  int64_t pension_employer_basis_points = 0;  // 300 = 3%.
  int64_t holiday_weeks_hundredths = 0;       // 560 = 5.6 weeks.
};
const PaEmploymentRates* PaRatesInForce(const std::vector<PaEmploymentRates>& all, Date date);

// A council's figures for employer costs that are not law.
struct PlanCostPolicy {
  Pence employer_insurance_annual;  // Employer's liability insurance, once per employer.
  Pence payroll_service_annual;     // A payroll service, once per employer that uses one.
  int64_t tolerance_basis_points = 1000;
};
// A council's figures within sense: each yearly price from GBP 0 to GBP 10,000, the tolerance
// from 0% to 100%; errors by field (employer_insurance_annual, payroll_service_annual,
// tolerance_percent).
Status ValidatePlanCostPolicy(const PlanCostPolicy& policy);

struct PlanLine {
  std::string item;  // Catalogue code, or empty for the person's own item.
  std::string description;
  SupportCategory category = SupportCategory::kOther;
  Unit unit = Unit::kHour;
  Pence unit_cost;
  int64_t quantity_hundredths = 100;  // Units each time, to two decimals (2.5 hours = 250).
  int64_t times = 1;                  // Each period.
  Period period = Period::kWeek;
  int weeks_per_year = 52;  // Weekly lines only: e.g. 39 for term time.
  ManagedAs managed_as = ManagedAs::kDirectPayment;
  PaEmployer employer = PaEmployer::kPerson;  // Personal assistant lines only.
  bool holiday_cover = true;                  // Pay another PA while this one is on leave.
};

struct PlanCostInput {
  Date costing_date;
  std::vector<PlanLine> lines;
  bool employment_allowance = true;  // The person claims it (care and support employer).
  bool payroll_service = false;      // The person uses a payroll service.
  std::optional<Pence> indicative_weekly;
  std::optional<int64_t> tolerance_basis_points;  // Else the policy's.
};

// Checks what the engine needs: each problem names its field ("lines[2].quantity").
Status ValidatePlanCostInput(const PlanCostInput& input);

struct PaCost {
  Pence hourly_rate;
  int64_t hours_hundredths = 0;  // A week.
  Pence pay_annual;
  Pence employer_ni_annual;  // Before the Employment Allowance.
  Pence pension_annual;
  Pence holiday_cover_annual;
  bool below_living_wage = false;
};

struct LineCost {
  Pence occurrence;  // One time.
  Pence annual;      // Including a PA's employer costs.
  Pence weekly;
  std::optional<PaCost> pa;  // A PA the person employs.
};

// A cost of the plan as a whole (per employer): insurance, payroll, the Employment Allowance.
struct PlanItemCost {
  std::string code;  // "employer_insurance", "payroll_service", "employment_allowance"
  std::string text;
  Pence annual;  // Negative for the allowance.
  Pence weekly;
};

struct PlanCost {
  std::string rates_id;
  std::vector<LineCost> lines;
  std::vector<PlanItemCost> plan_items;
  Pence weekly_total;
  Pence annual_total;
  Pence traditional_weekly;  // Lines by category (plan items count with the PA lines: creative).
  Pence creative_weekly;
  std::array<Pence, kManagedAsCount> weekly_by_management{};  // Plan items with the PA lines'.
  ReturnCategory return_category = ReturnCategory::kNoPaidSupport;
  std::optional<ToleranceCheck> tolerance;
  std::vector<std::string> warnings;
};

// Costs a plan. `rates` must be those in force on the costing date (PaRatesInForce).
PlanCost CostPlan(const PaEmploymentRates& rates, const PlanCostPolicy& policy,
                  const PlanCostInput& input);
// The same into `out`, whose storage is reused (for streams of plans: no allocation per plan once
// the vectors and strings have grown).
void CostPlan(const PaEmploymentRates& rates, const PlanCostPolicy& policy,
              const PlanCostInput& input, PlanCost& out);

// The return category of lines managed as `managed` with the weekly costs `weekly` (lines that
// cost nothing do not count).
ReturnCategory DeriveReturnCategory(const std::vector<ManagedAs>& managed,
                                    const std::vector<Pence>& weekly);

}  // namespace selfdirect::domain
