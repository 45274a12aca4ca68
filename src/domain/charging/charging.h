// File: charging.h
// The financial assessment for care and support outside a care home: what a person pays each week
// towards their personal budget (Care Act 2014 ss14 and 17; Care and Support (Charging and
// Assessment of Resources) Regulations 2014; statutory guidance chapter 8, Annexes B, C and E).
// Pure: no I/O. The rules and figures are ../shared/domain/rules.md section 1.6.
//
//   capital        = own capital + the person's half of joint capital (rounded down)
//                    + notional capital decided under Annex E
//   full cost      if the person declines to disclose, or capital > upper limit
//   tariff income  = GBP 1 a week for each GBP 250, or part of GBP 250, above the lower limit
//   income         = each item weekly (the person's half of a joint item, rounded down), less its
//                    disregard: fully disregarded types (PIP/DLA mobility, earnings), the savings
//                    credit up to the statutory disregard, and any disregard a finance officer
//                    recorded with a reason (e.g. the night-care part of a higher-rate benefit)
//   MIG            = basic amount for age and household + premiums + each dependent child
//                    (or the council's override), plus the council's uplift
//   assessable     = income + tariff - housing costs - disability-related expenditure - MIG,
//                    floored at zero
//   charge         = assessable x the council's share (its named rounding), at most the weekly
//                    cost of care and the council's maximum; nothing if below the minimum charge
//   council pays   = cost of care - charge
//
// Every figure the law or HMRC sets comes in ChargingRates (effective-dated reference data); every
// choice the council makes comes in ChargingPolicy. Money is integer pence throughout.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/pence.h"
#include "base/result.h"

namespace selfdirect::domain {

enum class Household { kSingle, kCouple, kLoneParent };
std::string_view HouseholdCode(Household h);
std::optional<Household> ParseHousehold(std::string_view code);

enum class IncomeType {
  kStatePension,
  kPrivatePension,
  kPensionCreditGuarantee,
  kPensionCreditSavings,
  kEsa,
  kUniversalCredit,
  kAttendanceAllowance,
  kPipDailyLiving,
  kPipMobility,
  kDlaCare,
  kDlaMobility,
  kCarersAllowance,
  kEarnings,
  kOther,
};
inline constexpr size_t kIncomeTypeCount = 14;
std::string_view IncomeTypeCode(IncomeType t);
std::string_view IncomeTypeLabel(IncomeType t);  // "PIP mobility component"
std::optional<IncomeType> ParseIncomeType(std::string_view code);

// How the reference data treats an income type.
enum class IncomeTreatment {
  kCounted,          // Counted in full.
  kDisregarded,      // Disregarded in full.
  kSavingsDisregard  // Counted above the savings credit disregard (rates).
};
std::string_view IncomeTreatmentCode(IncomeTreatment t);
std::optional<IncomeTreatment> ParseIncomeTreatment(std::string_view code);

// How sure the project is of a reference figure: stated in a source, derived from sourced figures
// by stated arithmetic, or background knowledge no source confirmed (rules.md [S], [D], [K]).
enum class FigureStatus { kSourced, kDerived, kUnverified };
std::string_view FigureStatusCode(FigureStatus s);
std::optional<FigureStatus> ParseFigureStatus(std::string_view code);

struct Figure {
  Pence amount;
  FigureStatus status = FigureStatus::kSourced;
  std::string source;  // Id of a source in the rates file.
  std::string label;   // Which rate, for benefit rates: "enhanced rate".
};

// The statutory figures for one charging year (data/reference/charging/*.json).
struct ChargingRates {
  std::string id;     // "england-2025-26"
  std::string title;  // "England, April 2025 to April 2026"
  Date effective_from;
  Figure upper_capital_limit;
  Figure lower_capital_limit;
  Pence tariff_capital_step;     // GBP 250: each step or part above the lower limit gives
  Pence tariff_weekly_per_step;  // GBP 1 a week.
  int pension_credit_age = 66;
  FigureStatus pension_credit_age_status = FigureStatus::kSourced;

  // Minimum Income Guarantee (regulation 7), weekly.
  Figure mig_single_18_to_24;
  Figure mig_single_25_to_pension_credit_age;
  Figure mig_single_pension_credit_age;
  Figure mig_lone_parent;
  Figure mig_couple_member;                     // Each member, one or both 18 or over.
  Figure mig_couple_member_pension_credit_age;  // Each member, one or both of pension credit age.
  Figure mig_dependent_child;
  Figure disability_premium_single;
  Figure disability_premium_couple_member;
  Figure enhanced_disability_premium_single;
  Figure enhanced_disability_premium_couple_member;
  Figure carer_premium;

  Figure savings_credit_disregard_single;
  Figure savings_credit_disregard_couple;

  std::array<IncomeTreatment, kIncomeTypeCount> treatment{};
  // The weekly rates a benefit can be paid at this year, for checking what was entered (a wrong
  // figure gives a warning, not an error: the evidence decides).
  std::array<std::vector<Figure>, kIncomeTypeCount> benefit_rates{};
};

// The council's charging policy (data/charging/council-policy.json; a council may store its own).
struct ChargingPolicy {
  std::string title;
  int64_t charge_basis_points = 10000;  // Share of assessable income charged (100.00%).
  enum class ShareRounding { kHalfUp, kDown } share_rounding = ShareRounding::kHalfUp;
  Pence minimum_weekly_charge;                 // A charge below this is not collected.
  std::optional<Pence> maximum_weekly_charge;  // The most anyone is charged a week.
  std::optional<Pence> mig_weekly_override;    // Replaces the statutory MIG when set.
  Pence mig_uplift_weekly;                     // Added to the MIG (e.g. GBP 5.00).
  int64_t mig_uplift_basis_points = 0;         // Added to the MIG as a share of it (rounded up).
  Pence dre_standard_weekly;  // Disability-related expenditure allowed when none is itemised.
  std::optional<Pence> upper_capital_limit;  // Higher limits for care outside a care home.
  std::optional<Pence> lower_capital_limit;
  bool savings_credit_disregard_full = false;  // Disregard all of the savings credit.
};

struct IncomeItem {
  IncomeType type = IncomeType::kOther;
  Pence weekly;
  bool joint = false;            // Received jointly with a partner: half is the person's.
  Pence disregarded_weekly;      // A further disregard a finance officer recorded,
  std::string disregard_reason;  // with its reason (required when the amount is not zero).
  std::string description;
};

struct NotionalCapital {
  Pence amount;
  std::string reason;      // Why the asset is treated as still held (Annex E).
  std::string decided_by;  // Who decided.
  Date decided_on;
};

struct ExpenseItem {
  std::string description;
  Pence weekly;
};

struct ChargingInput {
  Date assessment_date;
  int age = 0;
  Household household = Household::kSingle;
  bool disability_premium = false;
  bool enhanced_disability_premium = false;
  bool carer_premium = false;
  int dependent_children = 0;
  Pence weekly_cost_of_care;
  Pence capital;
  Pence joint_capital;  // Held jointly with a partner: half is the person's.
  std::vector<NotionalCapital> notional_capital;
  std::vector<IncomeItem> income;
  Pence housing_costs_weekly;
  // Disability-related expenditure: a weekly total, or items (their sum), or neither (the
  // council's standard allowance).
  std::optional<Pence> dre_weekly;
  std::vector<ExpenseItem> dre_items;
  bool declined_to_disclose = false;
};

// Checks the input is one the engine can assess: each problem names its field
// ("income[2].weekly"). kInvalidArgument with all the field errors.
Status ValidateChargingInput(const ChargingInput& input);

enum class LineKind {
  kIncome,     // An amount counted as income.
  kDisregard,  // An amount not counted.
  kDeduction,  // Taken off income (housing, DRE, MIG).
  kSubtotal,   // A running figure.
  kCharge,     // The result.
  kNote,       // A rule applied, with no amount.
};

struct ExplanationLine {
  LineKind kind = LineKind::kNote;
  std::string code;  // Stable: "income", "tariff_income", "mig", "assessable_income", ...
  std::string text;  // Plain English.
  std::optional<Pence> amount;
};

struct ChargingResult {
  Pence weekly_charge;
  Pence council_weekly_contribution;
  Pence tariff_income_weekly;
  Pence minimum_income_guarantee_weekly;
  Pence assessable_income_weekly;  // After the MIG, floored at zero.
  Pence income_counted_weekly;     // Income after disregards, before tariff income.
  Pence income_disregarded_weekly;
  Pence capital_assessed;
  Pence housing_costs_weekly;
  Pence disability_related_expenditure_weekly;
  bool full_cost = false;
  std::string full_cost_reason;  // "capital_above_upper_limit" | "declined_to_disclose"
  std::vector<ExplanationLine> explanation;
  std::vector<std::string> warnings;  // Figures to check against the evidence.
};

enum class Detail { kSummary, kFull };

// The weekly charge. The input must have passed ValidateChargingInput. With kSummary the figures
// are the same and the explanation and warnings are left empty.
ChargingResult AssessCharge(const ChargingRates& rates, const ChargingPolicy& policy,
                            const ChargingInput& input, Detail detail = Detail::kFull);

// Tariff income a week for `capital` between the limits: 0 at or below `lower`; one
// `weekly_per_step` for each `step` or part of a step above it (rounded up).
Pence TariffIncome(Pence capital, Pence lower, Pence step, Pence weekly_per_step);

// The rates in force on `date` (the latest effective date on or before it), or null.
const ChargingRates* RatesInForce(const std::vector<ChargingRates>& all, Date date);

// `text` (an explanation line) without the notes that say a figure is derived or unverified:
// those are for staff, who check them; the public and the person see the figure alone.
std::string WithoutFigureNotes(std::string text);

}  // namespace selfdirect::domain
