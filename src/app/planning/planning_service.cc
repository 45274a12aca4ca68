#include "app/planning/planning_service.h"

#include <map>

#include "app/charging/arranged_cost.h"
#include "app/messages/notices.h"
#include "app/planning/assessed_needs.h"
#include "app/planning/plan_changes.h"
#include "app/settings/council_settings.h"
#include "base/text.h"

namespace selfdirect::app {
namespace json = boost::json;
namespace {

using domain::PlanStatus;
using domain::Role;

bool MayPlanFor(const domain::Actor& actor, const PersonRecord& person) {
  return domain::ActsForPerson(actor, person.id) ||
         domain::CanEditPerson(actor, {person.id, person.team_id});
}

Result<std::optional<Pence>> IndicativeWeekly(Transaction& tx, PersonId person) {
  SD_ASSIGN_OR_RETURN(auto budgets, tx.indicative_budgets().ForPerson(person));
  if (budgets.empty()) return std::optional<Pence>();
  return std::optional<Pence>(budgets.front().EffectiveWeekly());
}

Status Audit(Transaction& tx, const Clock& clock, const Principal& who, const CallContext& ctx,
             std::string action, SupportPlanId plan, std::string detail) {
  return tx.audit().Append(AuditOf(clock, who, ctx, std::move(action), "support_plan",
                                   plan.ToString(), std::move(detail)));
}

// A new version may agree a lower personal budget only after a reassessment (rules.md 1.9):
// a needs assessment completed on or after the day the version in force was agreed.
Status CheckNoCutWithoutReassessment(Transaction& tx, const PlanView& v) {
  const auto& r = v.record;
  if (r.approved_version == 0 || v.cost.weekly_total >= r.agreed_weekly) return OkStatus();
  std::optional<Date> agreed_on;
  for (const auto& e : v.events)
    if (e.kind == "approved" || e.kind == "approved_higher") agreed_on = e.at.LondonDate();
  SD_ASSIGN_OR_RETURN(auto assessments, tx.assessments().ForPerson(v.person.id));
  std::optional<Date> reassessed_on;
  for (const auto& a : assessments)
    if (a.kind == domain::AssessmentKind::kAdult && a.completed_at &&
        (!reassessed_on || a.completed_at->LondonDate() > *reassessed_on))
      reassessed_on = a.completed_at->LondonDate();
  return domain::CheckBudgetChange(r.agreed_weekly, agreed_on.value_or(Date{}), v.cost.weekly_total,
                                   reassessed_on);
}

}  // namespace

bool CanSeePlanQueue(Role role) {
  return role == Role::kApprover || role == Role::kPractitioner || role == Role::kAdministrator;
}

bool CanSeeSpendDashboard(Role role) {
  return role == Role::kAnalyst || role == Role::kApprover || role == Role::kFinanceOfficer ||
         role == Role::kAdministrator;
}

domain::PlanFacts PlanFactsOf(const SupportPlanRecord& p) {
  return {{p.person_id, p.team_id}, p.status, p.last_edited_by, p.submitted_by};
}

std::vector<AgreedPlanSpend::Line> SpendLines(const domain::SupportPlanContent& content,
                                              const domain::PlanCost& cost) {
  std::map<std::pair<std::string, std::string>, Pence> cells;
  const domain::PlanLine* pa = nullptr;
  for (size_t i = 0; i < content.lines.size() && i < cost.lines.size(); ++i) {
    const auto& l = content.lines[i];
    if (pa == nullptr && l.category == domain::SupportCategory::kPersonalAssistant &&
        l.employer == domain::PaEmployer::kPerson)
      pa = &l;
    auto& cell = cells[{std::string(domain::SupportCategoryCode(l.category)),
                        std::string(domain::ManagedAsCode(l.managed_as))}];
    cell = cell + cost.lines[i].weekly;
  }
  if (!cost.plan_items.empty()) {
    const domain::PlanLine* owner = pa ? pa : (content.lines.empty() ? nullptr : &content.lines[0]);
    auto key = std::make_pair(
        std::string(domain::SupportCategoryCode(domain::SupportCategory::kPersonalAssistant)),
        std::string(
            domain::ManagedAsCode(owner ? owner->managed_as : domain::ManagedAs::kDirectPayment)));
    for (const auto& item : cost.plan_items) cells[key] = cells[key] + item.weekly;
  }
  std::vector<AgreedPlanSpend::Line> out;
  for (const auto& [key, weekly] : cells) out.push_back({key.first, key.second, weekly});
  return out;
}

namespace {

// Why a revision was made (the reason given when the new version was started, if any), then what
// the approver said.
Result<std::string> WhyRevised(Transaction& tx, const SupportPlanRecord& r, int64_t since,
                               const std::string& decision_reason) {
  SD_ASSIGN_OR_RETURN(auto events, tx.support_plans().Events(r.id));
  std::string why;
  for (const auto& e : events)
    if (e.version > since && e.kind == "revised" && !e.reason.empty()) why = e.reason;
  if (!decision_reason.empty()) why += (why.empty() ? "" : ". ") + decision_reason;
  return why.empty() ? std::string("The plan was revised and agreed again") : why;
}

// The day a version is costed on: the day it was agreed for a version that was agreed (its
// figures stay the agreed ones when rates or the council's policy change later), otherwise today
// (a plan not yet agreed follows the figures in force, and is agreed at them).
Date CostedOn(const PlanView& v, int64_t version, Date today) {
  for (const auto& e : v.events)
    if (e.version == version && (e.kind == "approved" || e.kind == "approved_higher"))
      return e.at.LondonDate();
  return today;
}

}  // namespace

AgreedPlanSpend AgreeCurrentVersion(SupportPlanRecord& r, const domain::SupportPlanContent& content,
                                    const domain::PlanCost& cost,
                                    const domain::PersonalBudget& budget, Timestamp at) {
  r.status = PlanStatus::kApproved;
  r.approved_version = r.version;
  r.agreed_weekly = budget.weekly_total;
  r.agreed_annual = budget.annual_total;
  r.person_weekly = budget.person_weekly;
  r.council_weekly = budget.council_weekly;
  r.return_category = std::string(domain::ReturnCategoryCode(cost.return_category));
  return {r.id,
          at.LondonDate().ToString().substr(0, 7),
          r.team_id,
          r.client_group,
          r.return_category,
          r.agreed_weekly,
          SpendLines(content, cost)};
}

Result<PlanView> PlanningService::Load(Transaction& tx, const Principal& who, SupportPlanId id,
                                       std::optional<int64_t> version) {
  SD_ASSIGN_OR_RETURN(auto plan, tx.support_plans().Find(id));
  if (!plan) return Error::NotFound("No such support plan");
  SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(plan->person_id));
  if (!person || !domain::CanViewPerson(who.actor, {person->id, person->team_id}))
    return Error::NotFound("No such support plan");
  SD_ASSIGN_OR_RETURN(auto stored, tx.support_plans().Version(id, version.value_or(plan->version)));
  if (!stored) return Error::NotFound("No such version of the plan");
  PlanView v;
  v.person = std::move(*person);
  v.record = std::move(*plan);
  json::error_code ec;
  json::value parsed = json::parse(stored->content_json, ec);
  if (ec) return Error::Internal("A stored plan version is not JSON");
  SD_ASSIGN_OR_RETURN(
      v.content, SupportPlanFromJson(parsed, DefaultCatalogue(), CatalogueItems::kAlsoWithdrawn));
  const Date today = clock_.Now().LondonDate();
  SD_ASSIGN_OR_RETURN(v.versions, tx.support_plans().Versions(id));
  SD_ASSIGN_OR_RETURN(v.events, tx.support_plans().Events(id));
  SD_ASSIGN_OR_RETURN(v.indicative_now, IndicativeWeekly(tx, v.person.id));
  if (!v.content.lines.empty()) {
    const Date on = CostedOn(v, stored->version, today);
    SD_ASSIGN_OR_RETURN(const domain::PaEmploymentRates* rates, PaRatesOn(on));
    SD_ASSIGN_OR_RETURN(const domain::PlanCostPolicy policy, PlanPolicyOn(tx, on));
    v.cost = domain::CostPlan(*rates, policy, CostInputOf(v.content, on, v.indicative_now));
  }
  SD_ASSIGN_OR_RETURN(auto charges, tx.financial_assessments().ForPerson(v.person.id));
  for (const auto& c : charges) {
    if (c.status == FinancialAssessmentStatus::kCompleted) {
      v.weekly_charge = c.weekly_charge;
      break;
    }
  }
  v.budget = domain::SplitBudget(v.cost.weekly_total, v.cost.annual_total, v.weekly_charge);
  v.missing = domain::MissingSections(v.content, today);
  v.over_tolerance =
      v.cost.tolerance.has_value() && v.cost.tolerance->difference > v.cost.tolerance->allowed;
  if (v.record.status == domain::PlanStatus::kSubmitted) {
    Status cut = CheckNoCutWithoutReassessment(tx, v);
    if (!cut.ok() && cut.error().code != ErrorCode::kFailedPrecondition) return cut.error();
    if (!cut.ok()) v.cut_refused = cut.error().message;
  }
  return v;
}

Result<PlanView> PlanningService::Start(const CallContext& ctx, const Principal& who,
                                        PersonId person_id) {
  PlanView out;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(person_id));
    if (!person || !domain::CanViewPerson(who.actor, {person->id, person->team_id}))
      return Error::NotFound("No person with that reference");
    if (!MayPlanFor(who.actor, *person))
      return Error::PermissionDenied("Your role cannot start a support plan");
    SD_ASSIGN_OR_RETURN(auto plans, tx.support_plans().ForPerson(person_id));
    if (!plans.empty()) {  // The newest plan: an open one, or the agreed one to revise.
      SD_ASSIGN_OR_RETURN(out, Load(tx, who, plans.front().id, std::nullopt));
      return OkStatus();
    }
    const Timestamp now = clock_.Now();
    SupportPlanRecord p;
    p.person_id = person_id;
    p.team_id = person->team_id;
    p.client_group =
        std::string(domain::PrimarySupportReasonName(person->details.primary_support_reason));
    SD_ASSIGN_OR_RETURN(p.indicative_weekly, IndicativeWeekly(tx, person_id));
    p.created_by = who.user.id;
    p.last_edited_by = who.user.id;
    p.created_at = now;
    p.updated_at = now;
    domain::SupportPlanContent content;
    SD_ASSIGN_OR_RETURN(content.needs, AssessedNeeds(tx, person_id));  // To reword and add to.
    if (person->details.budget_management == domain::BudgetManagement::kCouncilManaged)
      content.managed_as = domain::ManagedAs::kCouncilManaged;
    else if (person->details.budget_management == domain::BudgetManagement::kIndividualServiceFund)
      content.managed_as = domain::ManagedAs::kIndividualServiceFund;
    SupportPlanVersion first{SupportPlanId{},
                             1,
                             json::serialize(SupportPlanToJson(content)),
                             Pence{},
                             Pence{},
                             who.user.id,
                             now,
                             "Started"};
    SD_ASSIGN_OR_RETURN(SupportPlanId id, tx.support_plans().Insert(p, first));
    SD_RETURN_IF_ERROR(tx.support_plans().AddEvent({id, 1, "started", "", who.user.id, now}));
    SD_RETURN_IF_ERROR(
        Audit(tx, clock_, who, ctx, "support_plan.start", id, "person " + person_id.ToString()));
    SD_ASSIGN_OR_RETURN(out, Load(tx, who, id, std::nullopt));
    return OkStatus();
  }));
  return out;
}

Result<PlanView> PlanningService::Get(const CallContext& ctx, const Principal& who,
                                      SupportPlanId id) {
  return Read(ctx, who, id, false);
}

Result<PlanView> PlanningService::GetAgreed(const CallContext& ctx, const Principal& who,
                                            SupportPlanId id) {
  return Read(ctx, who, id, true);
}

Result<PlanView> PlanningService::Read(const CallContext& ctx, const Principal& who,
                                       SupportPlanId id, bool agreed) {
  PlanView out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    std::optional<int64_t> version;
    if (agreed) {
      SD_ASSIGN_OR_RETURN(auto plan, tx.support_plans().Find(id));
      if (plan && plan->approved_version == 0)
        return Error::NotFound("This plan has not been agreed yet");
      if (plan) version = plan->approved_version;
    }
    SD_ASSIGN_OR_RETURN(out, Load(tx, who, id, version));
    return OkStatus();
  });
  audit_.Record(
      ctx.council,
      AuditOf(clock_, who, ctx, read.ok() ? "support_plan.view" : "support_plan.view_refused",
              "support_plan", id.ToString(), agreed ? "agreed version" : ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Result<PlanView> PlanningService::Change(const CallContext& ctx, const Principal& who,
                                         SupportPlanId id,
                                         const std::function<Status(Transaction&, PlanView&)>& fn) {
  PlanView out;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(PlanView v, Load(tx, who, id, std::nullopt));
    SD_RETURN_IF_ERROR(fn(tx, v));
    SD_ASSIGN_OR_RETURN(out, Load(tx, who, id, std::nullopt));
    return OkStatus();
  }));
  return out;
}

Result<PlanView> PlanningService::Save(const CallContext& ctx, const Principal& who,
                                       SupportPlanId id, const domain::SupportPlanContent& content,
                                       const std::string& note) {
  const Date today = clock_.Now().LondonDate();
  if (!content.lines.empty())
    SD_RETURN_IF_ERROR(domain::ValidatePlanCostInput(CostInputOf(content, today, std::nullopt)));
  return Change(ctx, who, id, [&](Transaction& tx, PlanView& v) -> Status {
    SD_RETURN_IF_ERROR(domain::CheckCanEdit(who.actor, PlanFactsOf(v.record)));
    const Timestamp now = clock_.Now();
    domain::PlanCost cost;
    if (!content.lines.empty()) {
      SD_ASSIGN_OR_RETURN(const domain::PaEmploymentRates* rates, PaRatesOn(today));
      SD_ASSIGN_OR_RETURN(const domain::PlanCostPolicy policy, PlanPolicyOn(tx, today));
      cost = domain::CostPlan(*rates, policy, CostInputOf(content, today, std::nullopt));
    }
    auto& r = v.record;
    r.version += 1;
    SD_RETURN_IF_ERROR(tx.support_plans().AddVersion(
        {id, r.version, json::serialize(SupportPlanToJson(content)), cost.weekly_total,
         cost.annual_total, who.user.id, now, note}));
    SD_ASSIGN_OR_RETURN(r.indicative_weekly, IndicativeWeekly(tx, r.person_id));
    r.weekly_total = cost.weekly_total;
    r.annual_total = cost.annual_total;
    r.last_edited_by = who.user.id;
    r.updated_at = now;
    SD_RETURN_IF_ERROR(tx.support_plans().Update(r));
    SD_RETURN_IF_ERROR(
        tx.support_plans().AddEvent({id, r.version, "changed", note, who.user.id, now}));
    return Audit(tx, clock_, who, ctx, "support_plan.change", id,
                 "version " + std::to_string(r.version) + ": " + note);
  });
}

Result<PlanView> PlanningService::Submit(const CallContext& ctx, const Principal& who,
                                         SupportPlanId id) {
  return Change(ctx, who, id, [&](Transaction& tx, PlanView& v) -> Status {
    SD_RETURN_IF_ERROR(domain::CheckCanSubmit(who.actor, PlanFactsOf(v.record), v.missing));
    const Timestamp now = clock_.Now();
    auto& r = v.record;
    r.status = PlanStatus::kSubmitted;
    r.submitted_by = who.user.id;
    r.submitted_at = now;
    r.updated_at = now;
    SD_RETURN_IF_ERROR(tx.support_plans().Update(r));
    SD_RETURN_IF_ERROR(
        tx.support_plans().AddEvent({id, r.version, "submitted", "", who.user.id, now}));
    return Audit(tx, clock_, who, ctx, "support_plan.submit", id,
                 "version " + std::to_string(r.version));
  });
}

// Agrees the current version: recosts the charge, records the agreed spend, restarts the review
// schedule and, for a revision of an agreed plan, makes the change take effect everywhere
// (plan_changes.h), which tells the person; a first agreement tells them it is agreed.
Status PlanningService::Agree(Transaction& tx, const Principal& who, PlanView& v,
                              const std::string& reason, Timestamp now) {
  auto& r = v.record;
  SD_RETURN_IF_ERROR(CheckNoCutWithoutReassessment(tx, v));
  SD_ASSIGN_OR_RETURN(auto before, AgreedFigures(tx, r));
  // The charge is worked out on the care and support now arranged: this plan's budget.
  SD_ASSIGN_OR_RETURN(auto recosted,
                      RecostOnAgreedPlan(tx, who.user.id, v.person.id, v.cost.weekly_total, now));
  if (recosted) {
    v.weekly_charge = recosted->weekly_charge;
    v.budget = domain::SplitBudget(v.cost.weekly_total, v.cost.annual_total, v.weekly_charge);
  }
  const AgreedPlanSpend spend = AgreeCurrentVersion(r, v.content, v.cost, v.budget, now);
  SD_RETURN_IF_ERROR(tx.support_plans().RecordAgreedSpend(spend));
  // The review schedule starts again from the day this version was agreed.
  SD_RETURN_IF_ERROR(tx.reviews().PutPlan(
      {v.person.id, r.id, r.version, now.LondonDate(), v.content.review_date}));
  if (!before)
    return StatusOf(
        QueueMessage(tx, PlanAgreedNotice(v.person.id, r.id, r.agreed_weekly, r.person_weekly),
                     who.user.id, now));
  SD_ASSIGN_OR_RETURN(std::string why, WhyRevised(tx, r, before->version, reason));
  return StatusOf(TakeEffect(tx, *before, r, spend, why, who.user.id, now));
}

Result<PlanView> PlanningService::Decide(const CallContext& ctx, const Principal& who,
                                         SupportPlanId id, const domain::DecisionInput& input) {
  return Change(ctx, who, id, [&](Transaction& tx, PlanView& v) -> Status {
    const bool over = v.over_tolerance;
    SD_RETURN_IF_ERROR(domain::CheckDecision(who.actor, PlanFactsOf(v.record), input, over));
    const Timestamp now = clock_.Now();
    auto& r = v.record;
    std::string reason(Trim(input.reason));
    r.decided_by = who.user.id;
    r.decided_at = now;
    r.decision_reason = reason;
    r.updated_at = now;
    std::string kind = "returned";
    if (input.decision == domain::PlanDecision::kReturn) {
      r.status = PlanStatus::kReturned;
      SD_RETURN_IF_ERROR(StatusOf(
          QueueMessage(tx, PlanReturnedNotice(v.person.id, id, reason), who.user.id, now)));
    } else {
      kind = over ? "approved_higher" : "approved";
      SD_RETURN_IF_ERROR(Agree(tx, who, v, reason, now));
    }
    SD_RETURN_IF_ERROR(tx.support_plans().Update(r));
    SD_RETURN_IF_ERROR(
        tx.support_plans().AddEvent({id, r.version, kind, reason, who.user.id, now}));
    return Audit(tx, clock_, who, ctx, "support_plan." + kind, id,
                 "version " + std::to_string(r.version));
  });
}

Result<PlanView> PlanningService::Revise(const CallContext& ctx, const Principal& who,
                                         SupportPlanId id, const std::string& why) {
  return Change(ctx, who, id, [&](Transaction& tx, PlanView& v) -> Status {
    if (!MayPlanFor(who.actor, v.person))
      return Error::PermissionDenied("Your role cannot change this support plan");
    auto& r = v.record;
    if (r.status != PlanStatus::kApproved)
      return Error::FailedPrecondition("Only an agreed plan needs a new version; change this one");
    const Timestamp now = clock_.Now();
    r.version += 1;
    // The new version is costed today, as its page costs it (the agreed one keeps its day's).
    domain::PlanCost cost;
    if (!v.content.lines.empty()) {
      const Date today = now.LondonDate();
      SD_ASSIGN_OR_RETURN(const domain::PaEmploymentRates* rates, PaRatesOn(today));
      SD_ASSIGN_OR_RETURN(const domain::PlanCostPolicy policy, PlanPolicyOn(tx, today));
      cost = domain::CostPlan(*rates, policy, CostInputOf(v.content, today, std::nullopt));
    }
    SD_RETURN_IF_ERROR(tx.support_plans().AddVersion(
        {id, r.version, json::serialize(SupportPlanToJson(v.content)), cost.weekly_total,
         cost.annual_total, who.user.id, now, "New version of the agreed plan"}));
    r.weekly_total = cost.weekly_total;
    r.annual_total = cost.annual_total;
    r.status = PlanStatus::kDraft;
    r.last_edited_by = who.user.id;
    r.submitted_by = UserId{};
    r.submitted_at.reset();
    r.updated_at = now;
    SD_RETURN_IF_ERROR(tx.support_plans().Update(r));
    SD_RETURN_IF_ERROR(
        tx.support_plans().AddEvent({id, r.version, "revised", why, who.user.id, now}));
    return Audit(tx, clock_, who, ctx, "support_plan.revise", id,
                 "version " + std::to_string(r.version));
  });
}

Result<std::vector<WaitingPlan>> PlanningService::Waiting(const CallContext& ctx,
                                                          const Principal& who) {
  if (!CanSeePlanQueue(who.actor.role))
    return Error::PermissionDenied("Your role has no plans to approve");
  std::optional<TeamId> team;
  if (who.actor.role != Role::kAdministrator) team = who.actor.team_id;
  std::vector<WaitingPlan> out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto plans, tx.support_plans().Waiting(team, 100));
    for (auto& p : plans) {
      SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(p.person_id));
      std::string name =
          person ? person->details.given_name + " " + person->details.family_name : "";
      SD_ASSIGN_OR_RETURN(auto now, IndicativeWeekly(tx, p.person_id));
      out.push_back({std::move(p), std::move(name), now});
    }
    return OkStatus();
  }));
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "support_plan.waiting", "support_plan", "",
                                     std::to_string(out.size()) + " plans"));
  return out;
}

Result<SpendSummary> PlanningService::Dashboard(const CallContext& ctx, const Principal& who,
                                                const SpendQuery& query) {
  const Role role = who.actor.role;
  if (!CanSeeSpendDashboard(role))
    return Error::PermissionDenied("Your role cannot see the spending dashboard");
  SpendQuery q = query;
  if (role == Role::kApprover) q.team_id = who.actor.team_id;  // A team manager's own team.
  if (!q.client_group.empty() && !domain::ParsePrimarySupportReason(q.client_group))
    return Error::InvalidArgument("Choose a client group from the list",
                                  {{"client_group", "Choose a client group from the list"}});
  SpendSummary out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(out, tx.support_plans().Spend(q));
    return OkStatus();
  }));
  audit_.Record(ctx.council,
                AuditOf(clock_, who, ctx, "support_plan.dashboard", "", "",
                        "team=" + (q.team_id ? q.team_id->ToString() : std::string("all")) +
                            " group=" + (q.client_group.empty() ? "all" : q.client_group)));
  return out;
}

Result<domain::PlanCostPolicy> PlanningService::PolicyOn(const CallContext& ctx, Date day) {
  domain::PlanCostPolicy policy;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(policy, PlanPolicyOn(tx, day));
    return OkStatus();
  }));
  return policy;
}

}  // namespace selfdirect::app
