// The financial assessment's vocabulary: codes and labels of households, income types,
// treatments and figure statuses; checking an input; tariff income; the rates in force on a date.
#include <algorithm>

#include "base/effective_dated.h"
#include "domain/charging/charging.h"

namespace selfdirect::domain {
namespace {

struct IncomeTypeInfo {
  IncomeType type;
  std::string_view code;
  std::string_view label;
};

constexpr std::array<IncomeTypeInfo, kIncomeTypeCount> kIncomeTypes = {{
    {IncomeType::kStatePension, "state_pension", "State Pension"},
    {IncomeType::kPrivatePension, "private_pension", "Private or workplace pension"},
    {IncomeType::kPensionCreditGuarantee, "pension_credit_guarantee",
     "Pension Credit (guarantee credit)"},
    {IncomeType::kPensionCreditSavings, "pension_credit_savings",
     "Pension Credit (savings credit)"},
    {IncomeType::kEsa, "esa", "Employment and Support Allowance"},
    {IncomeType::kUniversalCredit, "universal_credit", "Universal Credit"},
    {IncomeType::kAttendanceAllowance, "attendance_allowance", "Attendance Allowance"},
    {IncomeType::kPipDailyLiving, "pip_daily_living", "PIP daily living component"},
    {IncomeType::kPipMobility, "pip_mobility", "PIP mobility component"},
    {IncomeType::kDlaCare, "dla_care", "DLA care component"},
    {IncomeType::kDlaMobility, "dla_mobility", "DLA mobility component"},
    {IncomeType::kCarersAllowance, "carers_allowance", "Carer's Allowance"},
    {IncomeType::kEarnings, "earnings", "Earnings from work"},
    {IncomeType::kOther, "other", "Other income"},
}};

size_t Index(IncomeType t) { return static_cast<size_t>(t); }

}  // namespace

std::string_view HouseholdCode(Household h) {
  switch (h) {
    case Household::kSingle:
      return "single";
    case Household::kCouple:
      return "couple";
    case Household::kLoneParent:
      return "lone_parent";
  }
  return "single";
}

std::optional<Household> ParseHousehold(std::string_view code) {
  if (code == "single") return Household::kSingle;
  if (code == "couple") return Household::kCouple;
  if (code == "lone_parent") return Household::kLoneParent;
  return std::nullopt;
}

std::string_view IncomeTypeCode(IncomeType t) { return kIncomeTypes[Index(t)].code; }
std::string_view IncomeTypeLabel(IncomeType t) { return kIncomeTypes[Index(t)].label; }

std::optional<IncomeType> ParseIncomeType(std::string_view code) {
  for (const auto& info : kIncomeTypes)
    if (info.code == code) return info.type;
  return std::nullopt;
}

std::string_view IncomeTreatmentCode(IncomeTreatment t) {
  switch (t) {
    case IncomeTreatment::kCounted:
      return "counted";
    case IncomeTreatment::kDisregarded:
      return "disregarded";
    case IncomeTreatment::kSavingsDisregard:
      return "savings_credit_disregard";
  }
  return "counted";
}

std::optional<IncomeTreatment> ParseIncomeTreatment(std::string_view code) {
  for (auto t : {IncomeTreatment::kCounted, IncomeTreatment::kDisregarded,
                 IncomeTreatment::kSavingsDisregard})
    if (IncomeTreatmentCode(t) == code) return t;
  return std::nullopt;
}

std::string_view FigureStatusCode(FigureStatus s) {
  switch (s) {
    case FigureStatus::kSourced:
      return "sourced";
    case FigureStatus::kDerived:
      return "derived";
    case FigureStatus::kUnverified:
      return "unverified";
  }
  return "sourced";
}

std::optional<FigureStatus> ParseFigureStatus(std::string_view code) {
  for (auto s : {FigureStatus::kSourced, FigureStatus::kDerived, FigureStatus::kUnverified})
    if (FigureStatusCode(s) == code) return s;
  return std::nullopt;
}

Status ValidateChargingInput(const ChargingInput& in) {
  std::vector<FieldError> errors;
  auto negative = [&](Pence p, std::string_view field) {
    if (p < Pence()) errors.push_back({std::string(field), "must not be negative"});
  };
  if (in.age < 18) errors.push_back({"age", "must be 18 or over (adult social care)"});
  if (in.age > 130) errors.push_back({"age", "must be 130 or under"});
  if (in.dependent_children < 0) errors.push_back({"dependent_children", "must not be negative"});
  if (in.dependent_children > 20) errors.push_back({"dependent_children", "must be 20 or fewer"});
  if (in.enhanced_disability_premium && !in.disability_premium)
    errors.push_back(
        {"premiums", "the enhanced disability premium goes with the disability premium"});
  negative(in.weekly_cost_of_care, "weekly_cost_of_care");
  negative(in.capital, "capital");
  negative(in.joint_capital, "joint_capital");
  negative(in.housing_costs_weekly, "housing_costs_weekly");
  if (in.dre_weekly) negative(*in.dre_weekly, "disability_related_expenditure_weekly");
  for (size_t i = 0; i < in.income.size(); ++i) {
    const IncomeItem& item = in.income[i];
    auto at = [i] { return "income[" + std::to_string(i) + "]"; };
    if (item.weekly < Pence()) errors.push_back({at() + ".weekly", "must not be negative"});
    if (item.disregarded_weekly == Pence()) continue;
    negative(item.disregarded_weekly, at() + ".disregarded_weekly");
    if (item.disregarded_weekly > item.weekly)
      errors.push_back({at() + ".disregarded_weekly", "must not be more than the weekly amount"});
    if (item.disregarded_weekly > Pence() && item.disregard_reason.empty())
      errors.push_back({at() + ".disregard_reason", "say why this amount is disregarded"});
  }
  for (size_t i = 0; i < in.notional_capital.size(); ++i) {
    const NotionalCapital& n = in.notional_capital[i];
    std::string at = "notional_capital[" + std::to_string(i) + "]";
    if (n.amount <= Pence()) errors.push_back({at + ".amount", "must be more than zero"});
    if (n.reason.empty())
      errors.push_back({at + ".reason", "record why the asset is treated as held"});
    if (n.decided_by.empty()) errors.push_back({at + ".decided_by", "record who decided"});
    if (n.decided_on > in.assessment_date)
      errors.push_back({at + ".decided_on", "must be on or before the assessment date"});
  }
  for (size_t i = 0; i < in.dre_items.size(); ++i) {
    std::string at = "disability_related_expenditure[" + std::to_string(i) + "]";
    negative(in.dre_items[i].weekly, at + ".weekly");
    if (in.dre_items[i].description.empty())
      errors.push_back({at + ".description", "say what the cost is for"});
  }
  if (in.dre_weekly && !in.dre_items.empty())
    errors.push_back(
        {"disability_related_expenditure_weekly", "give a weekly total or items, not both"});
  if (errors.empty()) return Status();
  std::string message =
      "The financial assessment input is not valid: " + errors[0].field + " " + errors[0].message;
  if (errors.size() > 1) message += " (and " + std::to_string(errors.size() - 1) + " more)";
  return Error::InvalidArgument(std::move(message), std::move(errors));
}

Pence TariffIncome(Pence capital, Pence lower, Pence step, Pence weekly_per_step) {
  if (capital <= lower) return Pence();
  int64_t steps = DivideInteger((capital - lower).pence(), step.pence(), Rounding::kUp);
  return weekly_per_step * steps;
}

const ChargingRates* RatesInForce(const std::vector<ChargingRates>& all, Date date) {
  return InForceOn(all, date);
}

}  // namespace selfdirect::domain
