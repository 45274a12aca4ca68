#include "domain/charging/charging.h"

#include <algorithm>

#include "base/effective_dated.h"

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

void Add(std::vector<ExplanationLine>* out, LineKind kind, std::string code, std::string text,
         std::optional<Pence> amount = std::nullopt) {
  if (out != nullptr) out->push_back({kind, std::move(code), std::move(text), amount});
}

std::string Money(Pence p) { return p.ToDisplayString(); }

std::string StatusNote(const Figure& f) {
  switch (f.status) {
    case FigureStatus::kSourced:
      return "";
    case FigureStatus::kDerived:
      return " (a derived figure: check it against the DHSC circular)";
    case FigureStatus::kUnverified:
      return " (an unverified figure: check it against the DHSC circular)";
  }
  return "";
}

size_t Index(IncomeType t) { return static_cast<size_t>(t); }

// The basic MIG amount and its description for the person's age and household.
const Figure& BasicAmount(const ChargingRates& r, const ChargingInput& in, bool pension_age,
                          std::string& label) {
  switch (in.household) {
    case Household::kCouple:
      label = pension_age ? "member of a couple of Pension Credit age" : "member of a couple";
      return pension_age ? r.mig_couple_member_pension_credit_age : r.mig_couple_member;
    case Household::kLoneParent:
      if (pension_age) break;
      label = "lone parent aged 18 or over";
      return r.mig_lone_parent;
    case Household::kSingle:
      break;
  }
  if (pension_age) {
    label = "single person of Pension Credit age (" + std::to_string(r.pension_credit_age) +
            " or over)";
    return r.mig_single_pension_credit_age;
  }
  if (in.age < 25) {
    label = "single person aged 18 to 24";
    return r.mig_single_18_to_24;
  }
  label = "single person aged 25 to Pension Credit age";
  return r.mig_single_25_to_pension_credit_age;
}

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

ChargingResult AssessCharge(const ChargingRates& rates, const ChargingPolicy& policy,
                            const ChargingInput& in, Detail detail) {
  ChargingResult r;
  std::vector<ExplanationLine>* ex = detail == Detail::kFull ? &r.explanation : nullptr;
  const bool full = ex != nullptr;
  if (full)
    Add(ex, LineKind::kNote, "rates",
        "Figures for " + rates.title + " (in force from " + rates.effective_from.ToString() +
            "), applied to an assessment dated " + in.assessment_date.ToString() + ".");

  // Capital.
  const Pence upper = policy.upper_capital_limit.value_or(rates.upper_capital_limit.amount);
  const Pence lower = policy.lower_capital_limit.value_or(rates.lower_capital_limit.amount);
  Pence capital = in.capital;
  if (full && in.capital > Pence())
    Add(ex, LineKind::kNote, "capital", "Capital in the person's own name.", in.capital);
  if (in.joint_capital > Pence()) {
    Pence share = DivideRounding(in.joint_capital, 2, Rounding::kDown);
    capital += share;
    if (full)
      Add(ex, LineKind::kNote, "joint_capital",
          "Half of capital held jointly (" + Money(in.joint_capital) +
              "), rounded down to the penny: the presumption is an equal share.",
          share);
  }
  for (const auto& n : in.notional_capital) {
    capital += n.amount;
    if (full)
      Add(ex, LineKind::kNote, "notional_capital",
          "Notional capital (Annex E): treated as still held because " + n.reason +
              " (decided by " + n.decided_by + " on " + n.decided_on.ToString() + ").",
          n.amount);
  }
  r.capital_assessed = capital;

  // Income, item by item.
  Pence counted, disregarded;
  Pence savings_disregard_left = in.household == Household::kCouple
                                     ? rates.savings_credit_disregard_couple.amount
                                     : rates.savings_credit_disregard_single.amount;
  bool disability_benefit = false;
  for (const auto& item : in.income) {
    Pence amount = item.weekly;
    std::string label;
    if (full) {
      label = IncomeTypeLabel(item.type);
      if (!item.description.empty()) label += " (" + item.description + ")";
    }
    if (item.joint) {
      amount = DivideRounding(item.weekly, 2, Rounding::kDown);
      if (full)
        Add(ex, LineKind::kNote, "joint_income",
            label + " is received jointly (" + Money(item.weekly) +
                "): half, rounded down to the penny, is the person's.",
            amount);
    }
    if (item.type == IncomeType::kAttendanceAllowance || item.type == IncomeType::kPipDailyLiving ||
        item.type == IncomeType::kDlaCare)
      disability_benefit = disability_benefit || amount > Pence();
    Pence not_counted;
    std::string_view why;
    std::string savings_note;
    switch (rates.treatment[Index(item.type)]) {
      case IncomeTreatment::kDisregarded:
        not_counted = amount;
        why = " is disregarded in full.";
        break;
      case IncomeTreatment::kSavingsDisregard:
        if (policy.savings_credit_disregard_full) {
          not_counted = amount;
          why = " is disregarded in full under the council's policy.";
        } else {
          not_counted = std::min(amount, savings_disregard_left);
          savings_disregard_left -= not_counted;
          if (full)
            savings_note = " is disregarded up to the statutory savings credit disregard" +
                           StatusNote(in.household == Household::kCouple
                                          ? rates.savings_credit_disregard_couple
                                          : rates.savings_credit_disregard_single) +
                           ".";
          why = savings_note;
        }
        break;
      case IncomeTreatment::kCounted:
        break;
    }
    Pence recorded = std::min(item.disregarded_weekly, amount - not_counted);
    if (full) {
      if (not_counted > Pence())
        Add(ex, LineKind::kDisregard, "disregard", label + std::string(why), not_counted);
      if (recorded > Pence())
        Add(ex, LineKind::kDisregard, "recorded_disregard",
            label + ": part disregarded because " + item.disregard_reason + ".", recorded);
      Pence in_income = amount - not_counted - recorded;
      if (in_income > Pence() || (not_counted == Pence() && recorded == Pence()))
        Add(ex, LineKind::kIncome, "income", label + " counted as income.", in_income);
      // Check the amount against the rates the benefit is paid at this year.
      const auto& known = rates.benefit_rates[Index(item.type)];
      if (!known.empty() && !item.joint &&
          std::none_of(known.begin(), known.end(),
                       [&](const Figure& f) { return f.amount == item.weekly; })) {
        std::string list;
        for (size_t i = 0; i < known.size(); ++i)
          list += (i == 0 ? "" : i + 1 == known.size() ? " or " : ", ") + Money(known[i].amount);
        r.warnings.push_back(label + " of " + Money(item.weekly) + " is not a " + rates.title +
                             " rate (" + list + "): check the evidence.");
      }
    }
    disregarded += not_counted + recorded;
    counted += amount - not_counted - recorded;
  }
  r.income_counted_weekly = counted;
  r.income_disregarded_weekly = disregarded;
  if (full)
    Add(ex, LineKind::kSubtotal, "income_total", "Income counted, after disregards.", counted);

  // The Minimum Income Guarantee.
  const bool pension_age = in.age >= rates.pension_credit_age;
  Pence mig;
  if (policy.mig_weekly_override) {
    mig = *policy.mig_weekly_override;
    if (full)
      Add(ex, LineKind::kNote, "mig_override",
          "Minimum Income Guarantee set by the council's policy for this assessment.", mig);
  } else {
    std::string label;
    const Figure& basic = BasicAmount(rates, in, pension_age, label);
    mig = basic.amount;
    if (full)
      Add(ex, LineKind::kNote, "mig_basic",
          "Minimum Income Guarantee basic amount for a " + label + StatusNote(basic) + ".",
          basic.amount);
    const bool couple = in.household == Household::kCouple;
    auto premium = [&](bool applies, const Figure& single, const Figure& member,
                       std::string_view name) {
      if (!applies) return;
      const Figure& f = couple ? member : single;
      mig += f.amount;
      if (full)
        Add(ex, LineKind::kNote, "mig_premium",
            std::string(name) + (couple ? " (member of a couple)" : "") + StatusNote(f) + ".",
            f.amount);
    };
    if (pension_age && (in.disability_premium || in.enhanced_disability_premium)) {
      if (full)
        Add(ex, LineKind::kNote, "mig_premium",
            "Disability premiums are not added at Pension Credit age: the basic amount for that "
            "age already includes them.");
    } else {
      premium(in.disability_premium, rates.disability_premium_single,
              rates.disability_premium_couple_member, "Disability premium");
      premium(in.enhanced_disability_premium, rates.enhanced_disability_premium_single,
              rates.enhanced_disability_premium_couple_member, "Enhanced disability premium");
    }
    premium(in.carer_premium, rates.carer_premium, rates.carer_premium, "Carer premium");
    if (in.dependent_children > 0) {
      Pence children = rates.mig_dependent_child.amount * in.dependent_children;
      mig += children;
      if (full)
        Add(ex, LineKind::kNote, "mig_children",
            std::to_string(in.dependent_children) + " dependent " +
                (in.dependent_children == 1 ? "child" : "children") + " at " +
                Money(rates.mig_dependent_child.amount) + " each" +
                StatusNote(rates.mig_dependent_child) + ".",
            children);
    }
  }
  if (policy.mig_uplift_basis_points > 0) {
    Pence uplift = MultiplyRatio(mig, policy.mig_uplift_basis_points, 10000, Rounding::kUp);
    mig += uplift;
    if (full)
      Add(ex, LineKind::kNote, "mig_uplift",
          "The council adds a share of the guarantee (rounded up to the penny).", uplift);
  }
  if (policy.mig_uplift_weekly > Pence()) {
    mig += policy.mig_uplift_weekly;
    if (full)
      Add(ex, LineKind::kNote, "mig_uplift", "The council adds a fixed amount to the guarantee.",
          policy.mig_uplift_weekly);
  }
  r.minimum_income_guarantee_weekly = mig;

  // Housing costs and disability-related expenditure.
  r.housing_costs_weekly = in.housing_costs_weekly;
  Pence dre;
  std::string_view dre_text;
  if (in.dre_weekly) {
    dre = *in.dre_weekly;
    dre_text = "Disability-related expenditure (verified costs).";
  } else if (!in.dre_items.empty()) {
    for (const auto& e : in.dre_items) {
      dre += e.weekly;
      if (full)
        Add(ex, LineKind::kNote, "dre_item", "Disability-related cost: " + e.description + ".",
            e.weekly);
    }
    dre_text = "Disability-related expenditure: the items above.";
  } else if (policy.dre_standard_weekly > Pence() && disability_benefit) {
    dre = policy.dre_standard_weekly;
    dre_text =
        "Disability-related expenditure: the council's standard allowance for people who receive "
        "a disability benefit (ask for an itemised assessment if your costs are higher).";
  }
  r.disability_related_expenditure_weekly = dre;

  // Full cost, or tariff income.
  if (in.declined_to_disclose) {
    r.full_cost = true;
    r.full_cost_reason = "declined_to_disclose";
  } else if (capital > upper) {
    r.full_cost = true;
    r.full_cost_reason = "capital_above_upper_limit";
  } else {
    r.tariff_income_weekly =
        TariffIncome(capital, lower, rates.tariff_capital_step, rates.tariff_weekly_per_step);
  }

  Pence assessable = counted + r.tariff_income_weekly - in.housing_costs_weekly - dre - mig;
  if (full) {
    if (!r.full_cost) {
      if (capital <= lower)
        Add(ex, LineKind::kNote, "tariff_income",
            "Capital of " + Money(capital) + " is not more than the lower limit of " +
                Money(lower) + ": no tariff income.",
            Pence());
      else
        Add(ex, LineKind::kIncome, "tariff_income",
            "Tariff income: " + Money(rates.tariff_weekly_per_step) + " a week for each " +
                Money(rates.tariff_capital_step) + ", or part of it, of capital of " +
                Money(capital) + " above the lower limit of " + Money(lower) + ".",
            r.tariff_income_weekly);
    }
    if (in.housing_costs_weekly > Pence())
      Add(ex, LineKind::kDeduction, "housing_costs", "Housing costs.", in.housing_costs_weekly);
    if (dre > Pence())
      Add(ex, LineKind::kDeduction, "disability_related_expenditure", std::string(dre_text), dre);
    Add(ex, LineKind::kDeduction, "mig",
        "Minimum Income Guarantee: the least the person must be left with each week.", mig);
  }
  if (assessable < Pence()) {
    if (full && !r.full_cost)
      Add(ex, LineKind::kNote, "assessable_floor",
          "Income after these deductions is below the guarantee (" + Money(assessable) +
              "), so it is treated as nothing.");
    assessable = Pence();
  }
  r.assessable_income_weekly = assessable;

  Pence charge;
  if (r.full_cost) {
    charge = in.weekly_cost_of_care;
    if (full) {
      if (r.full_cost_reason == "declined_to_disclose")
        Add(ex, LineKind::kNote, "full_cost",
            "The person chose not to share their financial details, so they pay the full cost "
            "of their care.");
      else
        Add(ex, LineKind::kNote, "full_cost",
            "Capital of " + Money(capital) + " is more than the upper limit of " + Money(upper) +
                ", so the person pays the full cost of their care (they can still ask the "
                "council to arrange it).");
    }
  } else {
    if (full)
      Add(ex, LineKind::kSubtotal, "assessable_income",
          "Assessable income: income counted plus tariff income, less the deductions.", assessable);
    charge = MultiplyRatio(assessable, policy.charge_basis_points, 10000,
                           policy.share_rounding == ChargingPolicy::ShareRounding::kDown
                               ? Rounding::kDown
                               : Rounding::kHalfUp);
    if (full && policy.charge_basis_points != 10000)
      Add(ex, LineKind::kNote, "charge_share",
          "The council charges " + std::to_string(policy.charge_basis_points / 100) +
              (policy.charge_basis_points % 100 != 0
                   ? "." + std::string(policy.charge_basis_points % 100 < 10 ? "0" : "") +
                         std::to_string(policy.charge_basis_points % 100)
                   : "") +
              "% of assessable income (rounded " +
              (policy.share_rounding == ChargingPolicy::ShareRounding::kDown
                   ? "down to the penny)."
                   : "to the nearest penny, halves up)."),
          charge);
    if (charge > in.weekly_cost_of_care) {
      charge = in.weekly_cost_of_care;
      if (full)
        Add(ex, LineKind::kNote, "cost_cap",
            "The charge is never more than the weekly cost of care.", charge);
    }
  }
  if (policy.maximum_weekly_charge && charge > *policy.maximum_weekly_charge) {
    charge = *policy.maximum_weekly_charge;
    if (full)
      Add(ex, LineKind::kNote, "maximum_charge", "The council's maximum weekly charge applies.",
          charge);
  }
  if (!r.full_cost && charge > Pence() && charge < policy.minimum_weekly_charge) {
    if (full)
      Add(ex, LineKind::kNote, "minimum_charge",
          "A charge of " + Money(charge) + " is below the council's minimum of " +
              Money(policy.minimum_weekly_charge) + ", so nothing is charged.");
    charge = Pence();
  }
  r.weekly_charge = charge;
  r.council_weekly_contribution = in.weekly_cost_of_care - charge;
  if (full) {
    Add(ex, LineKind::kCharge, "weekly_charge", "The person pays each week.", charge);
    Add(ex, LineKind::kCharge, "council_weekly_contribution",
        "The council pays the rest of the weekly cost of care (" + Money(in.weekly_cost_of_care) +
            ").",
        r.council_weekly_contribution);
  }
  return r;
}

}  // namespace selfdirect::domain
