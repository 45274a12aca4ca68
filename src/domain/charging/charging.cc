#include "domain/charging/charging.h"

#include <algorithm>

#include "base/effective_dated.h"

namespace selfdirect::domain {
namespace {

std::string Money(Pence p) { return p.ToDisplayString(); }

constexpr std::string_view kDerivedNote = " (a derived figure: check it against the DHSC circular)";
constexpr std::string_view kUnverifiedNote =
    " (an unverified figure: check it against the DHSC circular)";

std::string StatusNote(const Figure& f) {
  switch (f.status) {
    case FigureStatus::kSourced:
      return "";
    case FigureStatus::kDerived:
      return std::string(kDerivedNote);
    case FigureStatus::kUnverified:
      return std::string(kUnverifiedNote);
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

// AssessCharge, step by step. Each step does the arithmetic of one part of the Care and Support
// (Charging and Assessment of Resources) Regulations 2014 and the statutory guidance, and beside
// it writes the explanation lines for that part, in the order the person reads them.
namespace {

// The explanation and warnings of one assessment. With Detail::kSummary there are none, and no
// step builds any text: each asks on() first.
class Explanation {
 public:
  Explanation(Detail detail, ChargingResult& result)
      : result_(detail == Detail::kFull ? &result : nullptr) {}
  bool on() const { return result_ != nullptr; }
  void Add(LineKind kind, std::string code, std::string text,
           std::optional<Pence> amount = std::nullopt) {
    if (on()) result_->explanation.push_back({kind, std::move(code), std::move(text), amount});
  }
  void Warn(std::string text) {
    if (on()) result_->warnings.push_back(std::move(text));
  }

 private:
  ChargingResult* result_;
};

void ExplainRates(const ChargingRates& rates, const ChargingInput& in, Explanation& ex) {
  if (!ex.on()) return;
  ex.Add(LineKind::kNote, "rates",
         "Figures for " + rates.title + " (in force from " + rates.effective_from.ToString() +
             "), applied to an assessment dated " + in.assessment_date.ToString() + ".");
}

// --- Capital (Annex B; notional capital, Annex E) ---

struct CapitalLimits {
  Pence upper;  // Above it the person pays the full cost.
  Pence lower;  // At or below it there is no tariff income.
};

// The statutory limits, or the council's higher ones for care outside a care home.
CapitalLimits CapitalLimitsFor(const ChargingRates& rates, const ChargingPolicy& policy) {
  return {policy.upper_capital_limit.value_or(rates.upper_capital_limit.amount),
          policy.lower_capital_limit.value_or(rates.lower_capital_limit.amount)};
}

// The person's capital: their own, half of what they hold jointly (the presumption of equal
// shares, rounded down to the penny), and any notional capital decided under Annex E.
Pence AssessCapital(const ChargingInput& in, Explanation& ex) {
  Pence capital = in.capital;
  if (ex.on() && in.capital > Pence())
    ex.Add(LineKind::kNote, "capital", "Capital in the person's own name.", in.capital);
  if (in.joint_capital > Pence()) {
    Pence share = DivideRounding(in.joint_capital, 2, Rounding::kDown);
    capital += share;
    if (ex.on())
      ex.Add(LineKind::kNote, "joint_capital",
             "Half of capital held jointly (" + Money(in.joint_capital) +
                 "), rounded down to the penny: the presumption is an equal share.",
             share);
  }
  for (const auto& n : in.notional_capital) {
    capital += n.amount;
    if (ex.on())
      ex.Add(LineKind::kNote, "notional_capital",
             "Notional capital (Annex E): treated as still held because " + n.reason +
                 " (decided by " + n.decided_by + " on " + n.decided_on.ToString() + ").",
             n.amount);
  }
  return capital;
}

// --- Income and disregards (Annex C) ---

// Why part of an item is left out of income by its type.
enum class TypeDisregard { kNone, kInFull, kInFullByPolicy, kUpToSavingsCreditDisregard };

// One item of income, weekly.
struct ItemFigures {
  Pence amount;       // The person's: all of it, or half (rounded down) of a joint item.
  Pence not_counted;  // Disregarded by its type (`rule`).
  TypeDisregard rule = TypeDisregard::kNone;
  Pence recorded;  // Disregarded as a finance officer recorded, with a reason.
  Pence counted() const { return amount - not_counted - recorded; }
};

struct IncomeFigures {
  Pence counted;
  Pence disregarded;
  // Attendance Allowance, PIP daily living or DLA care is received (for the standard allowance for
  // disability-related expenditure).
  bool disability_benefit = false;
};

bool IsDisabilityBenefit(IncomeType t) {
  return t == IncomeType::kAttendanceAllowance || t == IncomeType::kPipDailyLiving ||
         t == IncomeType::kDlaCare;
}

const Figure& SavingsCreditDisregard(const ChargingRates& rates, Household household) {
  return household == Household::kCouple ? rates.savings_credit_disregard_couple
                                         : rates.savings_credit_disregard_single;
}

// What of one item is counted. The savings credit disregard is shared by the person's items:
// `savings_disregard_left` is what earlier items have not used.
ItemFigures AssessIncomeItem(const ChargingRates& rates, const ChargingPolicy& policy,
                             const IncomeItem& item, Pence& savings_disregard_left) {
  ItemFigures f;
  f.amount = item.joint ? DivideRounding(item.weekly, 2, Rounding::kDown) : item.weekly;
  switch (rates.treatment[Index(item.type)]) {
    case IncomeTreatment::kDisregarded:
      f.not_counted = f.amount;
      f.rule = TypeDisregard::kInFull;
      break;
    case IncomeTreatment::kSavingsDisregard:
      if (policy.savings_credit_disregard_full) {
        f.not_counted = f.amount;
        f.rule = TypeDisregard::kInFullByPolicy;
      } else {
        f.not_counted = std::min(f.amount, savings_disregard_left);
        savings_disregard_left -= f.not_counted;
        f.rule = TypeDisregard::kUpToSavingsCreditDisregard;
      }
      break;
    case IncomeTreatment::kCounted:
      break;
  }
  f.recorded = std::min(item.disregarded_weekly, f.amount - f.not_counted);
  return f;
}

std::string IncomeLabel(const IncomeItem& item) {
  std::string label(IncomeTypeLabel(item.type));
  if (!item.description.empty()) label += " (" + item.description + ")";
  return label;
}

std::string TypeDisregardText(TypeDisregard rule, const Figure& savings_disregard) {
  switch (rule) {
    case TypeDisregard::kInFull:
      return " is disregarded in full.";
    case TypeDisregard::kInFullByPolicy:
      return " is disregarded in full under the council's policy.";
    case TypeDisregard::kUpToSavingsCreditDisregard:
      return " is disregarded up to the statutory savings credit disregard" +
             StatusNote(savings_disregard) + ".";
    case TypeDisregard::kNone:
      break;
  }
  return "";
}

// A warning when a benefit received alone is not one of the rates it is paid at this year.
void CheckBenefitRate(const ChargingRates& rates, const IncomeItem& item, const std::string& label,
                      Explanation& ex) {
  const auto& known = rates.benefit_rates[Index(item.type)];
  // State pensions are often paid at part rates (the National Insurance record decides): only
  // the full rates are listed, for the yearly uprating (uprating.h), not to check against.
  if (known.empty() || item.joint || item.type == IncomeType::kStatePension ||
      std::any_of(known.begin(), known.end(),
                  [&](const Figure& f) { return f.amount == item.weekly; }))
    return;
  std::string list;
  for (size_t i = 0; i < known.size(); ++i)
    list += (i == 0 ? "" : i + 1 == known.size() ? " or " : ", ") + Money(known[i].amount);
  ex.Warn(label + " of " + Money(item.weekly) + " is not a " + rates.title + " rate (" + list +
          "): check the evidence.");
}

void ExplainIncomeItem(const ChargingRates& rates, const IncomeItem& item, const ItemFigures& f,
                       const Figure& savings_disregard, Explanation& ex) {
  const std::string label = IncomeLabel(item);
  if (item.joint)
    ex.Add(LineKind::kNote, "joint_income",
           label + " is received jointly (" + Money(item.weekly) +
               "): half, rounded down to the penny, is the person's.",
           f.amount);
  if (f.not_counted > Pence())
    ex.Add(LineKind::kDisregard, "disregard", label + TypeDisregardText(f.rule, savings_disregard),
           f.not_counted);
  if (f.recorded > Pence())
    ex.Add(LineKind::kDisregard, "recorded_disregard",
           label + ": part disregarded because " + item.disregard_reason + ".", f.recorded);
  if (f.counted() > Pence() || (f.not_counted == Pence() && f.recorded == Pence()))
    ex.Add(LineKind::kIncome, "income", label + " counted as income.", f.counted());
  CheckBenefitRate(rates, item, label, ex);
}

// Income, item by item, less what is disregarded.
IncomeFigures AssessIncome(const ChargingRates& rates, const ChargingPolicy& policy,
                           const ChargingInput& in, Explanation& ex) {
  IncomeFigures income;
  const Figure& savings_disregard = SavingsCreditDisregard(rates, in.household);
  Pence savings_disregard_left = savings_disregard.amount;
  for (const auto& item : in.income) {
    const ItemFigures f = AssessIncomeItem(rates, policy, item, savings_disregard_left);
    if (IsDisabilityBenefit(item.type))
      income.disability_benefit = income.disability_benefit || f.amount > Pence();
    income.disregarded += f.not_counted + f.recorded;
    income.counted += f.counted();
    if (ex.on()) ExplainIncomeItem(rates, item, f, savings_disregard, ex);
  }
  if (ex.on())
    ex.Add(LineKind::kSubtotal, "income_total", "Income counted, after disregards.",
           income.counted);
  return income;
}

// --- The Minimum Income Guarantee (regulation 7) ---

// Adds the premiums to the basic amount in `mig`. At Pension Credit age the basic amount already
// includes the disability premiums.
void AddMigPremiums(const ChargingRates& rates, const ChargingInput& in, bool pension_age,
                    Pence& mig, Explanation& ex) {
  const bool couple = in.household == Household::kCouple;
  auto premium = [&](bool applies, const Figure& single, const Figure& member,
                     std::string_view name) {
    if (!applies) return;
    const Figure& f = couple ? member : single;
    mig += f.amount;
    if (ex.on())
      ex.Add(LineKind::kNote, "mig_premium",
             std::string(name) + (couple ? " (member of a couple)" : "") + StatusNote(f) + ".",
             f.amount);
  };
  if (pension_age && (in.disability_premium || in.enhanced_disability_premium)) {
    if (ex.on())
      ex.Add(LineKind::kNote, "mig_premium",
             "Disability premiums are not added at Pension Credit age: the basic amount for that "
             "age already includes them.");
  } else {
    premium(in.disability_premium, rates.disability_premium_single,
            rates.disability_premium_couple_member, "Disability premium");
    premium(in.enhanced_disability_premium, rates.enhanced_disability_premium_single,
            rates.enhanced_disability_premium_couple_member, "Enhanced disability premium");
  }
  premium(in.carer_premium, rates.carer_premium, rates.carer_premium, "Carer premium");
}

// An amount for each dependent child (there is at least one).
Pence MigDependentChildren(const ChargingRates& rates, const ChargingInput& in, Explanation& ex) {
  Pence children = rates.mig_dependent_child.amount * in.dependent_children;
  if (ex.on())
    ex.Add(LineKind::kNote, "mig_children",
           std::to_string(in.dependent_children) + " dependent " +
               (in.dependent_children == 1 ? "child" : "children") + " at " +
               Money(rates.mig_dependent_child.amount) + " each" +
               StatusNote(rates.mig_dependent_child) + ".",
           children);
  return children;
}

// The statutory guarantee: the basic amount for the person's age and household, the premiums and
// an amount for each dependent child.
Pence StatutoryMig(const ChargingRates& rates, const ChargingInput& in, Explanation& ex) {
  const bool pension_age = in.age >= rates.pension_credit_age;
  std::string label;
  const Figure& basic = BasicAmount(rates, in, pension_age, label);
  if (ex.on())
    ex.Add(LineKind::kNote, "mig_basic",
           "Minimum Income Guarantee basic amount for a " + label + StatusNote(basic) + ".",
           basic.amount);
  Pence mig = basic.amount;
  AddMigPremiums(rates, in, pension_age, mig, ex);
  if (in.dependent_children > 0) mig += MigDependentChildren(rates, in, ex);
  return mig;
}

// Adds what the council adds to the guarantee: a share of it (rounded up), then a fixed amount.
void AddCouncilMigUplift(const ChargingPolicy& policy, Pence& mig, Explanation& ex) {
  if (policy.mig_uplift_basis_points > 0) {
    Pence share = MultiplyRatio(mig, policy.mig_uplift_basis_points, 10000, Rounding::kUp);
    mig += share;
    if (ex.on())
      ex.Add(LineKind::kNote, "mig_uplift",
             "The council adds a share of the guarantee (rounded up to the penny).", share);
  }
  if (policy.mig_uplift_weekly > Pence()) {
    mig += policy.mig_uplift_weekly;
    if (ex.on())
      ex.Add(LineKind::kNote, "mig_uplift", "The council adds a fixed amount to the guarantee.",
             policy.mig_uplift_weekly);
  }
}

// The least the person must be left with each week: the statutory guarantee, or the council's
// own figure, with the council's uplift.
Pence MinimumIncomeGuarantee(const ChargingRates& rates, const ChargingPolicy& policy,
                             const ChargingInput& in, Explanation& ex) {
  Pence mig;
  if (policy.mig_weekly_override) {
    mig = *policy.mig_weekly_override;
    if (ex.on())
      ex.Add(LineKind::kNote, "mig_override",
             "Minimum Income Guarantee set by the council's policy for this assessment.", mig);
  } else {
    mig = StatutoryMig(rates, in, ex);
  }
  AddCouncilMigUplift(policy, mig, ex);
  return mig;
}

// --- Disability-related expenditure (Annex C) ---

struct Expenditure {
  Pence weekly;
  std::string_view text;  // The deduction's line.
};

// Verified costs as a weekly total, or itemised costs, or else the council's standard allowance
// for a person who receives a disability benefit.
Expenditure DisabilityRelatedExpenditure(const ChargingPolicy& policy, const ChargingInput& in,
                                         bool disability_benefit, Explanation& ex) {
  Expenditure dre;
  if (in.dre_weekly) {
    dre.weekly = *in.dre_weekly;
    dre.text = "Disability-related expenditure (verified costs).";
  } else if (!in.dre_items.empty()) {
    for (const auto& e : in.dre_items) {
      dre.weekly += e.weekly;
      if (ex.on())
        ex.Add(LineKind::kNote, "dre_item", "Disability-related cost: " + e.description + ".",
               e.weekly);
    }
    dre.text = "Disability-related expenditure: the items above.";
  } else if (policy.dre_standard_weekly > Pence() && disability_benefit) {
    dre.weekly = policy.dre_standard_weekly;
    dre.text =
        "Disability-related expenditure: the council's standard allowance for people who receive "
        "a disability benefit (ask for an itemised assessment if your costs are higher).";
  }
  return dre;
}

// --- Full cost, or tariff income from capital ---

enum class FullCost { kNo, kDeclinedToDisclose, kCapitalAboveUpperLimit };

std::string_view FullCostReasonCode(FullCost f) {
  switch (f) {
    case FullCost::kDeclinedToDisclose:
      return "declined_to_disclose";
    case FullCost::kCapitalAboveUpperLimit:
      return "capital_above_upper_limit";
    case FullCost::kNo:
      break;
  }
  return "";
}

// The person pays the full cost if they decline to share their finances or their capital is
// above the upper limit.
FullCost FullCostReason(const ChargingInput& in, Pence capital, const CapitalLimits& limits) {
  if (in.declined_to_disclose) return FullCost::kDeclinedToDisclose;
  if (capital > limits.upper) return FullCost::kCapitalAboveUpperLimit;
  return FullCost::kNo;
}

void ExplainTariffIncome(const ChargingRates& rates, Pence capital, const CapitalLimits& limits,
                         Pence tariff, Explanation& ex) {
  if (capital <= limits.lower)
    ex.Add(LineKind::kNote, "tariff_income",
           "Capital of " + Money(capital) + " is not more than the lower limit of " +
               Money(limits.lower) + ": no tariff income.",
           Pence());
  else
    ex.Add(LineKind::kIncome, "tariff_income",
           "Tariff income: " + Money(rates.tariff_weekly_per_step) + " a week for each " +
               Money(rates.tariff_capital_step) + ", or part of it, of capital of " +
               Money(capital) + " above the lower limit of " + Money(limits.lower) + ".",
           tariff);
}

// --- Assessable income and the charge ---

void ExplainDeductions(const ChargingInput& in, const Expenditure& dre, Pence mig,
                       Explanation& ex) {
  if (in.housing_costs_weekly > Pence())
    ex.Add(LineKind::kDeduction, "housing_costs", "Housing costs.", in.housing_costs_weekly);
  if (dre.weekly > Pence())
    ex.Add(LineKind::kDeduction, "disability_related_expenditure", std::string(dre.text),
           dre.weekly);
  ex.Add(LineKind::kDeduction, "mig",
         "Minimum Income Guarantee: the least the person must be left with each week.", mig);
}

// Income counted plus tariff income, less housing costs, disability-related expenditure and the
// Minimum Income Guarantee; below zero it is treated as nothing.
Pence AssessableIncome(const ChargingResult& r, bool full_cost, Explanation& ex) {
  Pence assessable = r.income_counted_weekly + r.tariff_income_weekly - r.housing_costs_weekly -
                     r.disability_related_expenditure_weekly - r.minimum_income_guarantee_weekly;
  if (assessable >= Pence()) return assessable;
  if (ex.on() && !full_cost)
    ex.Add(LineKind::kNote, "assessable_floor",
           "Income after these deductions is below the guarantee (" + Money(assessable) +
               "), so it is treated as nothing.");
  return Pence();
}

void ExplainFullCost(FullCost reason, Pence capital, const CapitalLimits& limits, Explanation& ex) {
  if (reason == FullCost::kDeclinedToDisclose)
    ex.Add(LineKind::kNote, "full_cost",
           "The person chose not to share their financial details, so they pay the full cost "
           "of their care.");
  else
    ex.Add(LineKind::kNote, "full_cost",
           "Capital of " + Money(capital) + " is more than the upper limit of " +
               Money(limits.upper) +
               ", so the person pays the full cost of their care (they can still ask the "
               "council to arrange it).");
}

// "90", "92.5" is written "92.50", "100".
std::string PercentText(int64_t basis_points) {
  return std::to_string(basis_points / 100) +
         (basis_points % 100 != 0 ? "." + std::string(basis_points % 100 < 10 ? "0" : "") +
                                        std::to_string(basis_points % 100)
                                  : "");
}

// The council's share of assessable income (with its rounding), never more than the weekly cost
// of care.
Pence ShareOfAssessableIncome(const ChargingPolicy& policy, const ChargingInput& in,
                              Pence assessable, Explanation& ex) {
  const bool down = policy.share_rounding == ChargingPolicy::ShareRounding::kDown;
  if (ex.on())
    ex.Add(LineKind::kSubtotal, "assessable_income",
           "Assessable income: income counted plus tariff income, less the deductions.",
           assessable);
  Pence charge = MultiplyRatio(assessable, policy.charge_basis_points, 10000,
                               down ? Rounding::kDown : Rounding::kHalfUp);
  if (ex.on() && policy.charge_basis_points != 10000)
    ex.Add(LineKind::kNote, "charge_share",
           "The council charges " + PercentText(policy.charge_basis_points) +
               "% of assessable income (rounded " +
               (down ? "down to the penny)." : "to the nearest penny, halves up)."),
           charge);
  if (charge > in.weekly_cost_of_care) {
    charge = in.weekly_cost_of_care;
    if (ex.on())
      ex.Add(LineKind::kNote, "cost_cap", "The charge is never more than the weekly cost of care.",
             charge);
  }
  return charge;
}

// The council's maximum weekly charge, then (unless the full cost is charged) its minimum: a
// charge below it is not collected.
Pence CouncilLimits(const ChargingPolicy& policy, Pence charge, bool full_cost, Explanation& ex) {
  if (policy.maximum_weekly_charge && charge > *policy.maximum_weekly_charge) {
    charge = *policy.maximum_weekly_charge;
    if (ex.on())
      ex.Add(LineKind::kNote, "maximum_charge", "The council's maximum weekly charge applies.",
             charge);
  }
  if (!full_cost && charge > Pence() && charge < policy.minimum_weekly_charge) {
    if (ex.on())
      ex.Add(LineKind::kNote, "minimum_charge",
             "A charge of " + Money(charge) + " is below the council's minimum of " +
                 Money(policy.minimum_weekly_charge) + ", so nothing is charged.");
    charge = Pence();
  }
  return charge;
}

void ExplainCharge(const ChargingInput& in, const ChargingResult& r, Explanation& ex) {
  ex.Add(LineKind::kCharge, "weekly_charge", "The person pays each week.", r.weekly_charge);
  ex.Add(LineKind::kCharge, "council_weekly_contribution",
         "The council pays the rest of the weekly cost of care (" + Money(in.weekly_cost_of_care) +
             ").",
         r.council_weekly_contribution);
}

}  // namespace

ChargingResult AssessCharge(const ChargingRates& rates, const ChargingPolicy& policy,
                            const ChargingInput& in, Detail detail) {
  ChargingResult r;
  Explanation ex(detail, r);
  ExplainRates(rates, in, ex);

  const CapitalLimits limits = CapitalLimitsFor(rates, policy);
  const Pence capital = AssessCapital(in, ex);
  r.capital_assessed = capital;

  const IncomeFigures income = AssessIncome(rates, policy, in, ex);
  r.income_counted_weekly = income.counted;
  r.income_disregarded_weekly = income.disregarded;

  r.minimum_income_guarantee_weekly = MinimumIncomeGuarantee(rates, policy, in, ex);

  r.housing_costs_weekly = in.housing_costs_weekly;
  const Expenditure dre = DisabilityRelatedExpenditure(policy, in, income.disability_benefit, ex);
  r.disability_related_expenditure_weekly = dre.weekly;

  const FullCost full_cost = FullCostReason(in, capital, limits);
  r.full_cost = full_cost != FullCost::kNo;
  if (r.full_cost) r.full_cost_reason = FullCostReasonCode(full_cost);
  if (!r.full_cost)
    r.tariff_income_weekly = TariffIncome(capital, limits.lower, rates.tariff_capital_step,
                                          rates.tariff_weekly_per_step);
  if (ex.on()) {
    if (!r.full_cost) ExplainTariffIncome(rates, capital, limits, r.tariff_income_weekly, ex);
    ExplainDeductions(in, dre, r.minimum_income_guarantee_weekly, ex);
  }
  r.assessable_income_weekly = AssessableIncome(r, r.full_cost, ex);

  Pence charge;
  if (r.full_cost) {
    charge = in.weekly_cost_of_care;
    if (ex.on()) ExplainFullCost(full_cost, capital, limits, ex);
  } else {
    charge = ShareOfAssessableIncome(policy, in, r.assessable_income_weekly, ex);
  }
  r.weekly_charge = CouncilLimits(policy, charge, r.full_cost, ex);
  r.council_weekly_contribution = in.weekly_cost_of_care - r.weekly_charge;
  if (ex.on()) ExplainCharge(in, r, ex);
  return r;
}

std::string WithoutFigureNotes(std::string text) {
  for (std::string_view note : {kDerivedNote, kUnverifiedNote}) {
    for (size_t at = text.find(note); at != std::string::npos; at = text.find(note, at))
      text.erase(at, note.size());
  }
  return text;
}

}  // namespace selfdirect::domain
