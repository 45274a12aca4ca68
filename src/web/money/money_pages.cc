// A person's money page, the money part of the person page, and setting up payments.
#include "domain/people/person.h"
#include "web/money/money_routes.h"
#include "web/pages/charts.h"

namespace selfdirect::web {
namespace {

using domain::Role;

bool Self(const Context& ctx) { return ctx.principal->user.role == Role::kBudgetHolder; }

std::string WeeksText(int64_t weeks) {
  return std::to_string(weeks) + (weeks == 1 ? " week" : " weeks");
}

ViewList AccountRows(const app::MoneySummary& m) {
  ViewList rows;
  for (const app::MoneyAccount& a : m.accounts) {
    ViewData r;
    r.set("label", std::string(domain::BudgetAccountLabel(a.kind)));
    r.set("balance", a.balance.ToDisplayString());
    r.set("weekly", a.weekly > Pence() ? a.weekly.ToDisplayString() : "Not paid now");
    r.set("weeks", a.weeks ? WeeksText(*a.weeks) : "");
    r.set("overdrawn", a.balance < Pence());
    rows.push_back(r);
  }
  return rows;
}

void AddSpending(ViewData& d, const app::MoneySummary& m) {
  ViewList rows;
  std::vector<std::pair<std::string, int64_t>> bars;
  for (const app::SpendingLine& s : m.spending) {
    ViewData r;
    r.set("category", s.category);
    r.set("spent", s.spent.ToDisplayString());
    r.set("kind", s.category == app::kNotMatchedCategory ? "Needs an explanation"
                  : s.traditional                        ? "Traditional service"
                                                         : "Your own choice");
    rows.push_back(r);
    bars.push_back({s.category, s.spent.pence() / 100});
  }
  d.set("spending", rows);
  d.set("has_spending", !rows.empty());
  if (!bars.empty())
    d.set("spending_chart",
          BarChartSvg("spending-chart", "Spent by kind of support, in pounds",
                      "Bars for each kind of support; the same figures are in the table below.",
                      bars));
}

ViewList RecentRows(const app::MoneySummary& m) {
  ViewList rows;
  for (const auto& s : m.recent) {
    Pence in, out;
    for (const auto& p : s.transaction.postings) {
      const std::string_view leaf = domain::AccountLeaf(p.account);
      if (leaf != "DirectPayment" && leaf != "CouncilManaged" && leaf != "IndividualServiceFund")
        continue;
      (p.amount > Pence() ? in : out) += p.amount;
    }
    ViewData r;
    r.set("date", s.transaction.effective_date.ToLongString());
    r.set("what", s.transaction.description);
    r.set("in", in > Pence() ? in.ToDisplayString() : "");
    r.set("out", out < Pence() ? (-out).ToDisplayString() : "");
    rows.push_back(r);
  }
  return rows;
}

ViewList AgreementRows(const app::MoneySummary& m, Date today, bool can_change) {
  ViewList rows;
  for (const auto& a : m.agreements) {
    ViewData r;
    r.set("account", std::string(domain::BudgetAccountLabel(a.account_kind)));
    r.set("holder", std::string(domain::AccountHolderLabel(a.holder)) + ": " + a.holder_name);
    r.set("bank",
          a.sort_code.empty() ? "Held by the council" : a.sort_code + " " + a.account_number);
    r.set("id", a.id.ToString());
    r.set("start", a.terms.start.ToLongString());
    r.set("ended", a.terms.end ? a.terms.end->ToLongString() : "");
    std::string now = "Paid";
    for (const auto& c : a.terms.changes)
      if (c.from <= today)
        now = c.suspended ? "Suspended since " + c.from.ToLongString() + ": " + c.reason : "Paid";
    r.set("now", a.terms.end && *a.terms.end < today ? "Ended" : now);
    r.set("can_change", can_change);
    r.set("cycle", "Every " + std::to_string(a.terms.cycle_days) + " days, in advance");
    r.set("contribution", a.terms.contribution == domain::ContributionMethod::kNet
                              ? "Paid net: the person pays it into the account"
                              : "Collected separately by the council");
    rows.push_back(r);
  }
  return rows;
}

// The newest things to explain, at most kFlaggedShown, and how many more wait.
constexpr size_t kFlaggedShown = 25;

void AddFlagged(ViewData& d, const app::MoneySummary& m) {
  ViewList flagged;
  for (const auto& f : m.flagged) {
    if (flagged.size() == kFlaggedShown) break;
    ViewData r;
    r.set("id", f.transaction.id.ToString());
    r.set("date", f.transaction.transaction.effective_date.ToLongString());
    r.set("what", f.transaction.transaction.description);
    r.set("amount", f.amount.ToDisplayString());
    r.set("not_allowed", f.not_allowed);
    r.set("explained", f.explanation.has_value());
    if (f.explanation) r.set("explained_on", f.explanation->added_at.LondonDate().ToLongString());
    flagged.push_back(r);
  }
  d.set("flagged", flagged);
  d.set("has_flagged", !flagged.empty());
  if (m.flagged.size() > kFlaggedShown)
    d.set("flagged_more", std::to_string(m.flagged.size() - kFlaggedShown));
}

// The letters about the person's money, and the payees taught for them.
void AddLettersAndRules(ViewData& d, const app::MoneySummary& m) {
  ViewList letters;
  for (const auto& r : m.letters) {
    ViewData l;
    l.set("id", r.id.ToString());
    l.set("title", r.letter.title);
    l.set("on", r.decided_at ? r.decided_at->LondonDate().ToLongString() : "");
    letters.push_back(l);
  }
  d.set("letters", letters);
  d.set("has_letters", !letters.empty());
  ViewList rules;
  for (const auto& rule : m.rules) {
    ViewData r;
    r.set("payee", rule.payee_words);
    r.set("category", rule.category);
    rules.push_back(r);
  }
  d.set("rules", rules);
  d.set("has_rules", !rules.empty());
}

}  // namespace

void MoneyRoutes::AddPageRoutes() {
  Add(Method::kGet, "/my-money", PageRoute({Role::kBudgetHolder}, Bind(&MoneyRoutes::MyMoney)));
  Add(Method::kGet, "/people/{id}/money",
      PageRoute(kPersonViewerRoles, Bind(&MoneyRoutes::MoneyPage)));
  Add(Method::kGet, "/people/{id}/money/items/{item}",
      PageRoute(kPersonViewerRoles, Bind(&MoneyRoutes::ItemPage)));
  const std::vector<Role> holders = {Role::kBudgetHolder, Role::kRepresentative,
                                     Role::kFinanceOfficer};
  Route explain = PageRoute(holders, Bind(&MoneyRoutes::Explain));
  explain.upload = true;  // A receipt or photo of up to 5 MB, read once the head has passed.
  Add(Method::kPost, "/people/{id}/money/items/{item}/explanation", std::move(explain));
  Route statement = PageRoute(holders, Bind(&MoneyRoutes::UploadStatement));
  statement.upload = true;
  Add(Method::kPost, "/people/{id}/money/statements", std::move(statement));
  Add(Method::kGet, "/people/{id}/money/imports/{job}",
      PageRoute(holders, Bind(&MoneyRoutes::ImportPage)));
  Add(Method::kPost, "/people/{id}/money/rules",
      PageRoute(holders, Bind(&MoneyRoutes::TeachRulePage)));
  Add(Method::kPost, "/people/{id}/money/items/{item}/settle",
      PageRoute({Role::kFinanceOfficer}, Bind(&MoneyRoutes::SettleItem)));
  Add(Method::kGet, "/money/explanations/{id}/file",
      PageRoute(kPersonViewerRoles, Bind(&MoneyRoutes::ExplanationFile)));
  Add(Method::kGet, "/plans/{id}/payments/new",
      PageRoute({Role::kFinanceOfficer}, Bind(&MoneyRoutes::SetUpPage)));
  Add(Method::kPost, "/plans/{id}/payments",
      PageRoute({Role::kFinanceOfficer}, Bind(&MoneyRoutes::SetUp)));
  Add(Method::kGet, "/payments/monitoring",
      PageRoute({Role::kFinanceOfficer}, Bind(&MoneyRoutes::MonitoringPage)));
  Add(Method::kGet, "/payments",
      PageRoute({Role::kFinanceOfficer}, Bind(&MoneyRoutes::PaymentsPage)));
  Add(Method::kPost, "/payments/runs",
      PageRoute({Role::kFinanceOfficer}, Bind(&MoneyRoutes::StartRun)));
  Add(Method::kGet, "/payments/runs/{id}",
      PageRoute({Role::kFinanceOfficer}, Bind(&MoneyRoutes::RunPage)));
  Add(Method::kGet, "/payments/runs/{id}/bank-file.csv",
      PageRoute({Role::kFinanceOfficer}, Bind(&MoneyRoutes::BankFile)));
  AddDashboardRoutes();
  AddAgreementRoutes();
}

void MoneyRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  const Role role = ctx.principal->user.role;
  if (role == Role::kBudgetHolder && ctx.principal->user.person_id.valid())
    out.push_back({"/my-money", "Your money: what is left and what you have spent"});
  if (role == Role::kFinanceOfficer) {
    auto queue = money_.Monitoring(ctx.call, *ctx.principal);
    const size_t n = queue.ok() ? queue->size() : 0;
    out.push_back({"/payments/monitoring",
                   std::to_string(n) + (n == 1 ? " budget account" : " budget accounts") +
                       " to look at: surpluses, overspends, spending to explain",
                   true});
    out.push_back({"/payments", "Make a payment run and get the bank file"});
  }
  if (app::CanSeeMoneyDashboard(role))
    out.push_back(
        {"/dashboard/money", "See the council's money: paid out, spent, held, recovered"});
}

void MoneyRoutes::AddPersonSection(ViewData& d, Context& ctx, const app::PersonFile& file) {
  const bool self = Self(ctx);
  d.set("money_heading", self ? "Your money" : "Money");
  d.set("money_link", self ? "See your money" : "See their money and payments");
  const std::optional<Pence> left = domain::BudgetMoneyLeft(file.money);
  d.set("has_money", left.has_value());
  d.set("money_left", left.value_or(Pence()).ToDisplayString());
  const bool agreed = !file.plans.empty() && file.plans.front().approved_version > 0;
  d.set("can_set_up_payments",
        ctx.principal->user.role == Role::kFinanceOfficer && agreed && file.agreements.empty());
  if (agreed) d.set("agreed_plan_id", file.plans.front().id.ToString());
}

Response MoneyRoutes::MyMoney(Context& ctx) {
  const PersonId person = ctx.principal->user.person_id;
  if (!person.valid()) return ErrorResponse(Error::NotFound("No record is linked to you"), ctx);
  return Response::Redirect("/people/" + person.ToString() + "/money");
}

Response MoneyRoutes::MoneyPage(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto m = money_.Summary(ctx.call, *ctx.principal, *person);
  if (!m.ok()) return ErrorResponse(m.error(), ctx);
  const bool self = Self(ctx);
  const bool staff = ctx.principal->user.role != Role::kBudgetHolder &&
                     ctx.principal->user.role != Role::kRepresentative;
  ViewData d;
  const std::string name = m->person.details.given_name + " " + m->person.details.family_name;
  d.set("heading", self ? "Your money" : name + "'s money");
  d.set("person_id", person->ToString());
  d.set("person_name", name);
  d.set("your", self ? "your" : "their");
  d.set("left", m->left.ToDisplayString());
  d.set("has_accounts", !m->accounts.empty());
  d.set("accounts", AccountRows(*m));
  d.set("council_paid", m->council_paid.ToDisplayString());
  d.set("contributions", m->contributions.ToDisplayString());
  d.set("spent", m->spent.ToDisplayString());
  d.set("traditional", m->traditional.ToDisplayString());
  d.set("creative", m->creative.ToDisplayString());
  AddSpending(d, *m);
  d.set("recent", RecentRows(*m));
  d.set("has_recent", !m->recent.empty());
  d.set("staff", staff);
  d.set("agreements", AgreementRows(*m, clock_.Now().LondonDate(),
                                    ctx.principal->user.role == Role::kFinanceOfficer));
  AddFlagged(d, *m);
  d.set("can_upload", ctx.principal->user.role != Role::kPractitioner &&
                          ctx.principal->user.role != Role::kApprover &&
                          ctx.principal->user.role != Role::kAdministrator);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  // After an upload: counts only, so nothing typed is shown back.
  const auto imported = PaymentRunId::Parse(ctx.request.Query("imported"));
  const auto already = PaymentRunId::Parse(ctx.request.Query("already"));
  if (ctx.request.Query("imported") == "0" || imported)
    d.set("imported", std::string(imported ? imported->ToString() : "0") + " new rows kept, " +
                          (already ? already->ToString() : "0") + " already here");
  d.set("explained", ctx.request.Query("explained") == "1");
  d.set("settled", ctx.request.Query("settled") == "1");
  d.set("changed", ctx.request.Query("changed") == "1");
  d.set("has_agreements", !m->agreements.empty());
  d.set("can_recover", ctx.principal->user.role == Role::kFinanceOfficer && !m->agreements.empty());
  AddLettersAndRules(d, *m);
  d.set("taught", ctx.request.Query("taught") == "1");
  return Page(200, self ? "Your money" : name + "'s money", "money", d, ctx);
}

}  // namespace selfdirect::web
