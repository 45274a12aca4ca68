// The demo's money (issue 20): every agreed plan's budget paid for the last two years through
// the same payment code as a real run, and spending that follows the plan: PA wages, agency
// invoices, clubs, the gym, taxis. Some people underspend (a surplus builds up), a few overspend,
// a few buy what a direct payment may not, and some rows are not matched to the plan yet.
#include "app/money/money_demo.h"

#include <algorithm>

#include "app/money/money_service.h"
#include "domain/planning/costing.h"

namespace selfdirect::app {
namespace {

constexpr int64_t kDemoCycles = 26;  // Two years of four-weekly payments.
constexpr std::string_view kNotMatched = kNotMatchedCategory;

struct Payee {
  const char* name;
  int payments;  // In a four-week cycle.
};

Payee PayeeFor(domain::SupportCategory c) {
  using domain::SupportCategory;
  switch (c) {
    case SupportCategory::kPersonalAssistant:
      return {"PA wages", 4};
    case SupportCategory::kHomeCare:
      return {"Oakwood Home Care invoice", 1};
    case SupportCategory::kDayCentre:
      return {"Riverside Day Centre", 1};
    case SupportCategory::kMeals:
      return {"Vale Meals", 1};
    case SupportCategory::kRespite:
      return {"Short break", 1};
    case SupportCategory::kResidentialShortStay:
      return {"Short stay", 1};
    case SupportCategory::kLeisure:
      return {"Vale Leisure Centre", 2};
    case SupportCategory::kClubOrSociety:
      return {"Wyvern Art Club", 1};
    case SupportCategory::kGym:
      return {"Vale Gym membership", 1};
    case SupportCategory::kTransport:
      return {"Vale Taxis", 4};
    case SupportCategory::kEquipment:
      return {"Equipment", 1};
    case SupportCategory::kCommunityActivity:
      return {"Community activity", 1};
    case SupportCategory::kOther:
      break;
  }
  return {"Other support", 1};
}

domain::BudgetAccountKind AccountOf(domain::ManagedAs m) {
  if (m == domain::ManagedAs::kCouncilManaged) return domain::BudgetAccountKind::kCouncilManaged;
  if (m == domain::ManagedAs::kIndividualServiceFund)
    return domain::BudgetAccountKind::kIndividualServiceFund;
  return domain::BudgetAccountKind::kDirectPayment;
}

domain::LedgerTransaction SpendRow(const std::string& ref, domain::BudgetAccountKind from,
                                   std::string_view category, const std::string& payee, Date on,
                                   Pence amount, std::string key) {
  domain::LedgerTransaction t;
  t.effective_date = on;
  t.description = payee;
  t.source = domain::LedgerSource::kStatementRow;
  t.source_ref = "demo statement";
  t.idempotency_key = std::move(key);
  t.postings = {{domain::SpendingAccountName(ref, category), amount},
                {domain::BudgetAccountName(ref, from), -amount}};
  return t;
}

// How this person spends: percent of the plan's money each cycle.
int64_t SpendingPercent(DemoRandom& r, int pattern) {
  if (pattern < 12) return 70 + static_cast<int64_t>(r.Below(10));   // Underspends: a surplus.
  if (pattern < 18) return 106 + static_cast<int64_t>(r.Below(10));  // Overspends.
  return 93 + static_cast<int64_t>(r.Below(8));
}

struct PersonSpending {
  PersonId person;
  std::string ref;
  Date start;
  AgreedPlanSpend plan;
  Pence contribution;  // Weekly, paid into a direct payment paid net.
  bool direct_payment = false;
};

bool PaidByPayroll(const DemoContext& ctx, PersonId person) {
  return std::any_of(ctx.pa_payroll_people.begin(), ctx.pa_payroll_people.end(),
                     [&](const auto& x) { return x.first == person; });
}

// The weekly PA line of `p`'s plan (0 when none).
Pence PaLine(const PersonSpending& p) {
  for (const auto& line : p.plan.lines)
    if (line.category == "personal_assistant" && line.managed_as == "direct_payment")
      return line.weekly;
  return Pence();
}

// The demo budget holder and three people with a direct payment and a PA line, whose PAs the
// demo pays through payroll for the last 26 weeks (app/pa/employment_demo.cc).
void ChoosePayrollPeople(DemoContext& ctx, const std::vector<PersonSpending>& spenders,
                         Date today) {
  const Date monday = today.AddDays(-static_cast<int64_t>(today.weekday()));
  ctx.pa_payroll_from = monday.AddDays(-7 * 26);
  for (const PersonSpending& p : spenders)
    if (p.person == ctx.budget_holder_person && PaLine(p) > Pence())
      ctx.pa_payroll_people.push_back({p.person, PaLine(p)});
  for (const PersonSpending& p : spenders) {
    if (ctx.pa_payroll_people.size() >= 4) break;
    if (p.person != ctx.budget_holder_person && p.direct_payment && PaLine(p) > Pence())
      ctx.pa_payroll_people.push_back({p.person, PaLine(p)});
  }
}

Status SpendCycle(DemoContext& ctx, const PersonSpending& p, int64_t cycle, int pattern) {
  DemoRandom& r = ctx.random;
  const Date first = p.start.AddDays(cycle * 28);
  const int64_t percent = SpendingPercent(r, pattern);
  int n = 0;
  for (const auto& line : p.plan.lines) {
    auto category = domain::ParseSupportCategory(line.category);
    auto managed = domain::ParseManagedAs(line.managed_as);
    if (!category || !managed || *managed == domain::ManagedAs::kCouncilCommissioned) continue;
    const Payee payee = PayeeFor(*category);
    const bool paid_by_payroll =
        *category == domain::SupportCategory::kPersonalAssistant && PaidByPayroll(ctx, p.person);
    const Pence cycle_spend = MultiplyRatio(line.weekly * 4, percent, 100, Rounding::kHalfUp);
    const auto parts = Apportion(cycle_spend, payee.payments);
    for (int i = 0; i < payee.payments; ++i) {
      if (parts[static_cast<size_t>(i)] <= Pence()) continue;
      const Date on = first.AddDays(i * 7 + static_cast<int64_t>(r.Below(5)));
      const bool unmatched = r.Percent(3);
      if (on > ctx.now.LondonDate()) continue;  // Nothing is spent in the future.
      if (paid_by_payroll && on >= ctx.pa_payroll_from) continue;  // Wages from payroll.
      SD_RETURN_IF_ERROR(
          ctx.tx.money()
                  .Append(
                      SpendRow(p.ref, AccountOf(*managed),
                               unmatched ? kNotMatched : domain::SupportCategoryLabel(*category),
                               unmatched ? "Card payment" : payee.name, on,
                               parts[static_cast<size_t>(i)],
                               "demo:" + p.ref + ":" + std::to_string(cycle) + ":" +
                                   std::to_string(++n)),
                      p.person, UserId{}, ctx.now)
                  .ok()
              ? OkStatus()
              : Status(Error::Internal("demo spending not posted")));
    }
  }
  return OkStatus();
}

// The person pays their contribution into a direct payment paid net, a few days into the cycle.
Status PayContribution(DemoContext& ctx, const PersonSpending& p, int64_t cycle) {
  if (p.contribution <= Pence() || p.start.AddDays(cycle * 28 + 2) > ctx.now.LondonDate())
    return OkStatus();
  domain::LedgerTransaction t;
  t.effective_date = p.start.AddDays(cycle * 28 + 2);
  t.description = "Contribution paid in";
  t.source = domain::LedgerSource::kStatementRow;
  t.source_ref = "demo statement";
  t.idempotency_key = "demo:" + p.ref + ":" + std::to_string(cycle) + ":contribution";
  const Pence amount = p.contribution * 4;
  t.postings = {
      {domain::BudgetAccountName(p.ref, domain::BudgetAccountKind::kDirectPayment), amount},
      {domain::ContributionAccountName(p.ref), -amount}};
  return ctx.tx.money().Append(t, p.person, UserId{}, ctx.now).ok()
             ? OkStatus()
             : Status(Error::Internal("demo contribution not posted"));
}

Status SpendForPerson(DemoContext& ctx, const PersonSpending& p, Date today) {
  const int pattern = static_cast<int>(ctx.random.Below(100));
  for (int64_t cycle = 0; cycle < kDemoCycles; ++cycle) {
    if (p.start.AddDays(cycle * 28) > today) break;
    SD_RETURN_IF_ERROR(PayContribution(ctx, p, cycle));
    SD_RETURN_IF_ERROR(SpendCycle(ctx, p, cycle, pattern));
  }
  // The latest statement: for most people within the last quarter, for a few long ago.
  const int64_t days_ago = pattern >= 90 ? 120 + static_cast<int64_t>(ctx.random.Below(80))
                                         : 5 + static_cast<int64_t>(ctx.random.Below(40));
  if (p.direct_payment)
    SD_RETURN_IF_ERROR(ctx.tx.money().RecordImport(p.person, "bank-csv", 0, 0, 0, UserId{},
                                                   ctx.now.PlusSeconds(-days_ago * 86400)));
  // Something a direct payment may not buy (rules.md 1.8).
  if (p.direct_payment && pattern >= 18 && pattern < 22) {
    SD_RETURN_IF_ERROR(
        ctx.tx.money()
                .Append(SpendRow(p.ref, domain::BudgetAccountKind::kDirectPayment,
                                 kNotAllowedCategory, "Vale Wine Merchants",
                                 today.AddDays(-static_cast<int64_t>(ctx.random.Below(40))),
                                 Pence::FromPence(2350), "demo:" + p.ref + ":wine"),
                        p.person, UserId{}, ctx.now)
                .ok()
            ? OkStatus()
            : Status(Error::Internal("demo spending not posted")));
  }
  return OkStatus();
}

AgreementSetUp DemoSetUp(DemoContext& ctx, const PersonRecord& person, SupportPlanId plan,
                         Date start) {
  DemoRandom& r = ctx.random;
  AgreementSetUp s;
  s.plan = plan;
  s.holder =
      r.Percent(15) ? domain::AccountHolder::kNominatedPerson : domain::AccountHolder::kPerson;
  s.holder_name = person.details.given_name + " " + person.details.family_name;
  s.account_type =
      r.Percent(40) ? domain::AccountType::kPrepaidCard : domain::AccountType::kBankAccount;
  s.sort_code = "40-" + std::to_string(10 + r.Below(90)) + "-" + std::to_string(10 + r.Below(90));
  s.account_number = std::to_string(10'000'000 + r.Below(90'000'000));
  s.start = start;
  return s;
}

// The demo budget holder's direct payment, agreed before the plan they are writing now, so that
// "Your money" has two years to show: their indicative budget, spent on a PA, the gym, taxis and
// a club, less the charge of their latest completed financial assessment.
Status BudgetHolderMoney(DemoContext& ctx, Date start, std::vector<PersonSpending>& spenders) {
  const PersonId id = ctx.budget_holder_person;
  if (!id.valid()) return OkStatus();
  SD_ASSIGN_OR_RETURN(auto budgets, ctx.tx.indicative_budgets().ForPerson(id));
  SD_ASSIGN_OR_RETURN(auto person, ctx.tx.people().Find(id));
  if (budgets.empty() || !person) return OkStatus();
  const Pence weekly = budgets.front().EffectiveWeekly();
  Pence charge;
  SD_ASSIGN_OR_RETURN(auto charges, ctx.tx.financial_assessments().ForPerson(id));
  for (const auto& c : charges)
    if (c.status == FinancialAssessmentStatus::kCompleted) {
      charge = c.weekly_charge;
      break;
    }
  AgreedPlanSpend spend;
  const auto share = [&](int64_t percent) {
    return MultiplyRatio(weekly, percent, 100, Rounding::kDown);
  };
  spend.lines = {{"gym", "direct_payment", share(10)},
                 {"transport", "direct_payment", share(15)},
                 {"club_or_society", "direct_payment", share(15)}};
  spend.lines.insert(spend.lines.begin(), {"personal_assistant", "direct_payment",
                                           weekly - share(10) - share(15) - share(15)});
  auto made =
      AgreementsFor(DemoSetUp(ctx, *person, SupportPlanId{}, start), PartsOf(spend, charge), id);
  if (!made.ok()) return OkStatus();
  made->front().plan_id.reset();
  made->front().terms.changes.front().reason = "Agreed at the last review";
  made->front().created_by = ctx.user_ids.at(domain::Role::kFinanceOfficer);
  made->front().created_at = ctx.now;
  SD_RETURN_IF_ERROR(ctx.tx.money().InsertAgreement(made->front()).ok()
                         ? OkStatus()
                         : Status(Error::Internal("demo agreement not stored")));
  const bool net = made->front().terms.contribution == domain::ContributionMethod::kNet;
  spenders.push_back(
      {id, domain::PersonReference(id), start, std::move(spend), net ? charge : Pence(), true});
  return OkStatus();
}

// What the person spent on things a direct payment may not buy, not settled since.
Result<Pence> NotAllowedSpend(Transaction& tx, PersonId person) {
  SD_ASSIGN_OR_RETURN(auto balances, tx.money().Balances(person));
  const std::string leaf = "Spent:" + std::string(kNotAllowedCategory);
  for (const auto& row : balances)
    if (domain::AccountLeaf(row.account) == leaf) return row.balance;
  return Pence();
}

// A clawback for the finance officers: of a surplus (taken from the account, waiting for
// approval), or of spending a direct payment may not buy (approved by the second finance officer
// and taken off the next three payments, its letter written).
Status DemoRecovery(DemoContext& ctx, const RecoveryFacts& facts, bool surplus, Date today) {
  RecoveryRecord r;
  r.person_id = facts.person.id;
  if (surplus) {
    r.terms = {domain::RecoveryKind::kSurplus, domain::RecoveryMethod::kFromAccount,
               facts.surplus.recoverable, 1,
               "Your account has built up more money than your support needs."};
    r.surplus = facts.surplus.recoverable;
  } else {
    SD_ASSIGN_OR_RETURN(Pence spent, NotAllowedSpend(ctx.tx, r.person_id));
    r.terms = {domain::RecoveryKind::kClawback, domain::RecoveryMethod::kReducePayments, spent, 3,
               "Some of the money was spent on things a direct payment cannot be used for."};
  }
  if (!domain::ValidateRecovery(r.terms, facts.limits).ok()) return OkStatus();
  r.proposed_by = ctx.user_ids.at(domain::Role::kFinanceOfficer);
  r.proposed_at = ctx.now;
  SD_ASSIGN_OR_RETURN(r.id, ctx.tx.money().InsertRecovery(r));
  if (surplus) return OkStatus();
  return ctx.tx.money().DecideRecovery(r.id, domain::RecoveryStatus::kApproved,
                                       ctx.second_finance_officer, ctx.now,
                                       "Checked against the card statement",
                                       domain::RecoveryLetter(LetterFactsFor(facts, r, today)));
}

Status DemoRecoveries(DemoContext& ctx, const std::vector<PersonSpending>& spenders, Date today) {
  bool surplus_done = false, not_allowed_done = false;
  for (const PersonSpending& p : spenders) {
    if (surplus_done && not_allowed_done) break;
    if (!p.direct_payment || p.person == ctx.budget_holder_person) continue;
    RecoveryFacts facts;
    const auto kDp = domain::BudgetAccountKind::kDirectPayment;
    if (!GatherRecoveryFacts(ctx.tx, p.person, kDp, today, facts).ok()) continue;
    if (!surplus_done && facts.surplus.recoverable > Pence()) {
      SD_RETURN_IF_ERROR(DemoRecovery(ctx, facts, true, today));
      surplus_done = true;
      continue;
    }
    SD_ASSIGN_OR_RETURN(Pence spent, NotAllowedSpend(ctx.tx, p.person));
    if (!not_allowed_done && spent > Pence()) {
      SD_RETURN_IF_ERROR(DemoRecovery(ctx, facts, false, today));
      not_allowed_done = true;
    }
  }
  return OkStatus();
}

}  // namespace

Status MoneyStep(DemoContext& ctx) {
  const Date today = ctx.now.LondonDate();
  const Date start = today.AddDays(-28 * (kDemoCycles - 1) - 3);
  std::vector<PersonSpending> spenders;
  for (PersonId id : ctx.people) {
    SD_ASSIGN_OR_RETURN(auto plans, ctx.tx.support_plans().ForPerson(id));
    if (plans.empty() || plans.front().approved_version == 0) continue;
    SD_ASSIGN_OR_RETURN(auto person, ctx.tx.people().Find(id));
    SD_ASSIGN_OR_RETURN(AgreedPlanSpend spend,
                        ctx.tx.support_plans().AgreedSpendOf(plans.front().id));
    auto made = AgreementsFor(DemoSetUp(ctx, *person, plans.front().id, start),
                              PartsOf(spend, plans.front().person_weekly), id);
    if (!made.ok()) continue;  // Nothing to pay: council-commissioned support only.
    for (PaymentAgreementRecord& a : *made) {
      a.created_by = ctx.user_ids.at(domain::Role::kFinanceOfficer);
      a.created_at = ctx.now;
      SD_RETURN_IF_ERROR(ctx.tx.money().InsertAgreement(a).ok()
                             ? OkStatus()
                             : Status(Error::Internal("demo agreement not stored")));
    }
    const auto& first = made->front();
    const bool net = first.account_kind == domain::BudgetAccountKind::kDirectPayment &&
                     first.terms.contribution == domain::ContributionMethod::kNet;
    spenders.push_back({id, domain::PersonReference(id), start, std::move(spend),
                        net ? first.terms.changes.front().weekly_contribution : Pence(),
                        first.account_kind == domain::BudgetAccountKind::kDirectPayment});
  }
  SD_RETURN_IF_ERROR(BudgetHolderMoney(ctx, start, spenders));
  PaymentRunRecord run;
  SD_RETURN_IF_ERROR(
      PayDue(ctx.tx, today, ctx.user_ids.at(domain::Role::kFinanceOfficer), ctx.now, run));
  ChoosePayrollPeople(ctx, spenders, today);
  for (const PersonSpending& p : spenders) SD_RETURN_IF_ERROR(SpendForPerson(ctx, p, today));
  return DemoRecoveries(ctx, spenders, today);
}

}  // namespace selfdirect::app
