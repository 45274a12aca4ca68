#include "app/ras/ras_service.h"

#include <algorithm>

#include "app/assessment/questionnaire_catalog.h"
#include "app/ras/allocation_json.h"
#include "app/ras/calibration_csv.h"
#include "base/text.h"

namespace selfdirect::app {
namespace {

using domain::Role;

constexpr size_t kMaxReason = 1000;
constexpr size_t kMaxNote = 2000;
constexpr size_t kMaxSampleName = 200;
const Pence kMaxWeeklyOverride = Pence::FromPounds(100'000);

Status RequireTables(const Principal& who) {
  if (!CanSeeAllocationTables(who.user.role))
    return Error::PermissionDenied("Your role cannot see allocation tables");
  return OkStatus();
}

Result<Pence> ParseAmount(const std::string& text, const std::string& field,
                          std::vector<FieldError>& errors, std::string_view what) {
  auto p = Pence::Parse(Trim(text));
  if (Trim(text).empty()) {
    errors.push_back({field, "Enter " + std::string(what)});
  } else if (!p.ok()) {
    errors.push_back({field, "Enter " + std::string(what) + " in pounds, like 15.00"});
  } else if (*p < Pence()) {
    errors.push_back({field, std::string(what) + " must not be negative"});
  } else {
    return *p;
  }
  return Error::InvalidArgument("bad amount");
}

Result<int64_t> ParsePercent(const std::string& text, const std::string& field,
                             std::vector<FieldError>& errors, std::string_view what) {
  std::string t(Trim(text));
  if (!t.empty() && t.back() == '%') t.pop_back();
  auto p = Pence::Parse(t);  // Digits with up to two decimals.
  if (t.empty()) {
    errors.push_back({field, "Enter " + std::string(what)});
  } else if (!p.ok() || t[0] == '-' || !std::isdigit(static_cast<unsigned char>(t[0]))) {
    errors.push_back({field, "Enter " + std::string(what) + " as a number, like 5 or 2.5"});
  } else if (p->pence() > 10000) {
    errors.push_back({field, std::string(what) + " must be 100% or less"});
  } else {
    return p->pence();
  }
  return Error::InvalidArgument("bad percent");
}

int64_t NextVersion(const std::vector<StoredAllocationTable>& stored, const std::string& id) {
  int64_t v = 0;
  for (const auto& s : stored)
    if (s.table_id == id) v = std::max(v, s.version);
  for (const auto& d : DefaultAllocationTables())
    if (d.id == id) v = std::max(v, d.version);
  return v + 1;
}

}  // namespace

bool CanSeeAllocationTables(Role role) {
  return role == Role::kAnalyst || role == Role::kApprover || role == Role::kAdministrator;
}

bool CanDraftAllocationTables(Role role) {
  return role == Role::kAnalyst || role == Role::kAdministrator;
}

Result<BudgetView> RasService::Budget(const CallContext& ctx, const Principal& who,
                                      AssessmentId id) {
  BudgetView v;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto budget, tx.indicative_budgets().Find(id));
    if (!budget) return Error::NotFound("No indicative budget for that assessment");
    SD_ASSIGN_OR_RETURN(auto assessment, tx.assessments().Find(id));
    SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(budget->person_id));
    SD_ASSERT(assessment && person);  // Foreign keys.
    domain::PersonAccessFacts facts{person->id, person->team_id};
    if (!domain::CanViewPerson(who.actor, facts))
      return Error::NotFound("No indicative budget for that assessment");
    SD_ASSIGN_OR_RETURN(v.table, TableVersion(tx, budget->table_id, budget->table_version));
    SD_ASSIGN_OR_RETURN(domain::Answers answers, AllocationAnswers(tx, *assessment));
    v.allocation = domain::Allocate(*v.table, answers, domain::Explain::kYes);
    if (v.allocation.weekly != budget->weekly || v.allocation.points != budget->points) {
      return Error::Internal("The stored indicative budget of assessment " + id.ToString() +
                             " does not match its table version");
    }
    v.can_override = (who.user.role == Role::kPractitioner || who.user.role == Role::kApprover) &&
                     domain::CanEditPerson(who.actor, facts);
    if (budget->overridden_by.valid()) {
      SD_ASSIGN_OR_RETURN(auto user, tx.users().FindById(budget->overridden_by));
      if (user) v.overridden_by_name = user->display_name;
    }
    v.assessment = std::move(*assessment);
    v.person = std::move(*person);
    v.budget = std::move(*budget);
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("indicative_budget.view", read),
                                     "assessment", id.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return v;
}

Result<std::vector<IndicativeBudgetRecord>> RasService::ForPerson(const CallContext& ctx,
                                                                  const Principal& who,
                                                                  PersonId person_id) {
  std::vector<IndicativeBudgetRecord> out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(person_id));
    if (!person || !domain::CanViewPerson(who.actor, {person->id, person->team_id}))
      return Error::NotFound("No person with that reference");
    SD_ASSIGN_OR_RETURN(out, tx.indicative_budgets().ForPerson(person_id));
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("indicative_budget.list", read),
                                     "person", person_id.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Result<IndicativeBudgetRecord> RasService::Override(const CallContext& ctx, const Principal& who,
                                                    AssessmentId id, const std::string& amount,
                                                    const std::string& reason,
                                                    OverrideAction action) {
  const bool clear = action == OverrideAction::kClear;
  std::vector<FieldError> errors;
  std::optional<Pence> weekly;
  if (!clear) {
    auto p = ParseAmount(amount, "amount", errors, "the weekly amount");
    if (p.ok() && *p > kMaxWeeklyOverride) {
      errors.push_back({"amount", "The weekly amount must be £100,000 or less"});
    } else if (p.ok()) {
      weekly = *p;
    }
  }
  std::string why(Trim(reason));
  if (why.empty()) {
    errors.push_back({"reason", clear ? "Say why the override is removed"
                                      : "Say why the budget should be different"});
  } else if (why.size() > kMaxReason) {
    errors.push_back({"reason", "Write 1000 characters or fewer"});
  } else if (!IsCleanUtf8(why)) {
    errors.push_back({"reason", "Remove control characters"});
  }
  if (!errors.empty()) return Error::InvalidArgument("Check the override", std::move(errors));
  IndicativeBudgetRecord saved;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto budget, tx.indicative_budgets().Find(id));
    if (!budget) return Error::NotFound("No indicative budget for that assessment");
    SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(budget->person_id));
    SD_ASSERT(person.has_value());
    domain::PersonAccessFacts facts{person->id, person->team_id};
    if (!domain::CanViewPerson(who.actor, facts))
      return Error::NotFound("No indicative budget for that assessment");
    if ((who.user.role != Role::kPractitioner && who.user.role != Role::kApprover) ||
        !domain::CanEditPerson(who.actor, facts)) {
      return Error::PermissionDenied("Only a practitioner or approver can change the budget");
    }
    if (clear && !budget->override_weekly)
      return Error::FailedPrecondition("The budget has no override to remove");
    const Timestamp now = clock_.Now();
    SD_RETURN_IF_ERROR(tx.indicative_budgets().SetOverride(id, weekly, why, who.user.id, now));
    SD_ASSIGN_OR_RETURN(auto after, tx.indicative_budgets().Find(id));
    saved = *after;
    std::string detail = weekly ? "set to " + weekly->ToDisplayString() + " a week (calculated " +
                                      budget->weekly.ToDisplayString() + "): " + why
                                : "override removed: " + why;
    return tx.audit().Append(AuditOf(clock_, who, ctx, "indicative_budget.override", "assessment",
                                     id.ToString(), detail.substr(0, 1200)));
  }));
  return saved;
}

Result<domain::ToleranceCheck> RasService::CheckPlanCost(const CallContext& ctx,
                                                         const Principal& who, AssessmentId id,
                                                         Pence plan_weekly) {
  if (plan_weekly < Pence())
    return Error::InvalidArgument("Check the plan cost",
                                  {{"plan_weekly_pence", "The plan cost must not be negative"}});
  SD_ASSIGN_OR_RETURN(BudgetView v, Budget(ctx, who, id));
  return domain::CheckTolerance(v.budget.EffectiveWeekly(), plan_weekly,
                                v.table->tolerance_basis_points);
}

Result<std::vector<TableSummary>> RasService::Tables(const CallContext& ctx, const Principal& who) {
  SD_RETURN_IF_ERROR(RequireTables(who));
  std::vector<TableSummary> out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto stored, tx.allocation_tables().List());
    const Date today = clock_.Now().LondonDate();
    std::vector<const domain::AllocationTable*> in_force;
    for (const auto& d : DefaultAllocationTables()) {
      auto t = TableInForce(tx, d.questionnaire, today);
      if (t.ok()) in_force.push_back(*t);
    }
    for (auto& s : stored) {
      SD_ASSIGN_OR_RETURN(const domain::AllocationTable* t, ParsedTable(tx.council_id(), s));
      bool current = false;
      for (const auto* f : in_force)
        current = current || (f->id == t->id && f->version == t->version);
      out.push_back({std::move(s), t, current});
    }
    // Shipped defaults a council has not stored yet are listed too, as the tables in force.
    for (const auto* f : in_force) {
      bool listed = false;
      for (const auto& o : out)
        listed = listed ||
                 (o.table == f || (o.stored.table_id == f->id && o.stored.version == f->version));
      if (listed) continue;
      TableSummary s;
      s.stored.table_id = f->id;
      s.stored.version = f->version;
      s.stored.effective_from = f->effective_from;
      s.stored.status = TableStatus::kPublished;
      s.stored.note = "Selfdirect's default table";
      s.table = f;
      s.in_force = true;
      out.push_back(std::move(s));
    }
    return OkStatus();
  }));
  std::sort(out.begin(), out.end(), [](const TableSummary& a, const TableSummary& b) {
    return std::tie(a.stored.table_id, b.stored.version) <
           std::tie(b.stored.table_id, a.stored.version);  // Newest version first.
  });
  return out;
}

Result<TableSummary> RasService::Table(const CallContext& ctx, const Principal& who,
                                       const std::string& id, int64_t version) {
  SD_ASSIGN_OR_RETURN(auto all, Tables(ctx, who));
  for (auto& t : all) {
    if (t.stored.table_id == id && t.stored.version == version) return std::move(t);
  }
  return Error::NotFound("No allocation table " + id + " version " + std::to_string(version));
}

Result<StoredAllocationTable> RasService::CreateDraft(const CallContext& ctx, const Principal& who,
                                                      domain::AllocationTable table,
                                                      const std::string& note) {
  if (!CanDraftAllocationTables(who.user.role))
    return Error::PermissionDenied("Only analysts can draft allocation tables");
  std::string why(Trim(note));
  if (why.empty())
    return Error::InvalidArgument("Check the draft",
                                  {{"note", "Say what this version changes and why"}});
  if (why.size() > kMaxNote || !IsCleanUtf8(why))
    return Error::InvalidArgument("Check the draft", {{"note", "Write 2000 characters or fewer"}});
  StoredAllocationTable s;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto stored, tx.allocation_tables().List());
    table.version = NextVersion(stored, table.id);
    SD_RETURN_IF_ERROR(domain::CheckAllocationTable(table));
    SD_ASSIGN_OR_RETURN(const domain::Questionnaire* q,
                        QuestionnaireInForce(tx, table.questionnaire, table.effective_from));
    SD_RETURN_IF_ERROR(domain::CheckTableAgainstQuestionnaire(table, *q));
    s = StoredVersion(table, TableStatus::kDraft, why, who.user.id, clock_.Now());
    SD_RETURN_IF_ERROR(tx.allocation_tables().Insert(s));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "allocation_table.draft", "allocation_table",
                                     s.table_id + "|" + std::to_string(s.version),
                                     why.substr(0, 500)));
  }));
  return s;
}

Result<StoredAllocationTable> RasService::DraftFrom(const CallContext& ctx, const Principal& who,
                                                    const std::string& id, int64_t version,
                                                    const DraftChanges& c) {
  if (!CanDraftAllocationTables(who.user.role))
    return Error::PermissionDenied("Only analysts can draft allocation tables");
  SD_ASSIGN_OR_RETURN(TableSummary base, Table(ctx, who, id, version));
  domain::AllocationTable t = *base.table;
  std::vector<FieldError> errors;
  auto date = Date::Parse(Trim(c.effective_from));
  if (!date.ok())
    errors.push_back({"effective_from", "Enter the date it takes effect, like 2027-04-01"});
  else
    t.effective_from = *date;
  if (t.conversion.method == domain::ConversionMethod::kPricePerPoint) {
    auto price = ParseAmount(c.price_per_point, "price_per_point", errors, "the price per point");
    auto floor = ParseAmount(c.floor, "floor", errors, "the floor");
    auto ceiling = ParseAmount(c.ceiling, "ceiling", errors, "the ceiling");
    if (price.ok()) t.conversion.price_per_point = *price;
    if (floor.ok()) t.conversion.floor = *floor;
    if (ceiling.ok()) t.conversion.ceiling = *ceiling;
    if (floor.ok() && ceiling.ok() && *ceiling < *floor)
      errors.push_back({"ceiling", "The ceiling must not be below the floor"});
  }
  auto contingency = ParsePercent(c.contingency_percent, "contingency_percent", errors,
                                  "the contingency percentage");
  auto tolerance =
      ParsePercent(c.tolerance_percent, "tolerance_percent", errors, "the tolerance percentage");
  if (contingency.ok()) t.contingency_basis_points = *contingency;
  if (tolerance.ok()) t.tolerance_basis_points = *tolerance;
  if (Trim(c.note).empty()) errors.push_back({"note", "Say what this version changes and why"});
  if (!errors.empty()) return Error::InvalidArgument("Check the draft", std::move(errors));
  t.source = "Drafted from version " + std::to_string(version) + ": " + std::string(Trim(c.note));
  return CreateDraft(ctx, who, std::move(t), c.note);
}

Result<int64_t> RasService::Publish(const CallContext& ctx, const Principal& who,
                                    const std::string& id, int64_t version) {
  if (who.user.role != Role::kApprover)
    return Error::PermissionDenied("Only an approver can publish an allocation table");
  int64_t recalculated = 0;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    const Timestamp now = clock_.Now();
    SD_RETURN_IF_ERROR(tx.allocation_tables().Publish(id, version, who.user.id, now));
    SD_ASSIGN_OR_RETURN(const domain::AllocationTable* t, TableVersion(tx, id, version));
    if (t->effective_from <= now.LondonDate()) {
      SD_ASSIGN_OR_RETURN(const domain::AllocationTable* in_force,
                          TableInForce(tx, t->questionnaire, now.LondonDate()));
      SD_ASSIGN_OR_RETURN(auto current, tx.assessments().CurrentEligible());
      for (const auto& a : current) {
        if (a.questionnaire_id != t->questionnaire) continue;
        SD_ASSIGN_OR_RETURN(auto saved, CalculateIndicativeBudget(tx, a, now, in_force));
        if (saved) ++recalculated;
      }
    }
    return tx.audit().Append(AuditOf(clock_, who, ctx, "allocation_table.publish",
                                     "allocation_table", id + "|" + std::to_string(version),
                                     std::to_string(recalculated) + " budgets recalculated"));
  }));
  return recalculated;
}

Result<Simulation> RasService::Simulate(const CallContext& ctx, const Principal& who,
                                        const std::string& id, int64_t version) {
  SD_RETURN_IF_ERROR(RequireTables(who));
  SD_ASSIGN_OR_RETURN(TableSummary proposed, Table(ctx, who, id, version));
  Simulation sim;
  sim.proposed = proposed.table;
  sim.proposed_status = proposed.stored.status;
  sim.tolerance_basis_points = proposed.table->tolerance_basis_points;
  struct Edge {
    int64_t below;  // Weekly change in pence strictly below this (the last: everything else).
    const char* label;
  };
  static constexpr Edge kBuckets[] = {
      {-5000, "At least £50 less"},     {-2000, "£20 to £50 less"},
      {-500, "£5 to £20 less"},         {501, "Within £5"},
      {2001, "£5 to £20 more"},         {5001, "£20 to £50 more"},
      {INT64_MAX, "At least £50 more"},
  };
  for (const auto& b : kBuckets) sim.distribution.push_back({b.label, 0});
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    const Date today = clock_.Now().LondonDate();
    auto current = TableInForce(tx, proposed.table->questionnaire, today);
    if (!current.ok() && current.error().code != ErrorCode::kNotFound) return current.error();
    sim.current = current.ok() ? *current : nullptr;
    SD_ASSIGN_OR_RETURN(auto assessments, tx.assessments().CurrentEligible());
    for (const auto& a : assessments) {
      if (a.questionnaire_id != proposed.table->questionnaire) continue;
      SD_ASSIGN_OR_RETURN(domain::Answers answers, AllocationAnswers(tx, a));
      domain::Allocation next = domain::Allocate(*sim.proposed, answers, domain::Explain::kNo);
      Pence before;
      if (sim.current != nullptr)
        before = domain::Allocate(*sim.current, answers, domain::Explain::kNo).weekly;
      ++sim.people;
      sim.current_annual += domain::AnnualFromWeekly(before);
      sim.proposed_annual += next.annual;
      Pence change = next.weekly - before;
      for (size_t i = 0; i < std::size(kBuckets); ++i) {
        if (change.pence() < kBuckets[i].below) {
          ++sim.distribution[i].people;
          break;
        }
      }
      Pence allowed = MultiplyRatio(before, sim.tolerance_basis_points, 10000, Rounding::kDown);
      if (change == Pence()) ++sim.unchanged;
      if (change > allowed) {
        ++sim.gain_beyond_tolerance;
      } else if (-change > allowed) {
        ++sim.lose_beyond_tolerance;
      } else {
        ++sim.within_tolerance;
      }
      sim.largest_gain = std::max(sim.largest_gain, change);
      sim.largest_loss = std::max(sim.largest_loss, -change);
    }
    return OkStatus();
  }));
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "allocation_table.simulate",
                                     "allocation_table", id + "|" + std::to_string(version),
                                     std::to_string(sim.people) + " people"));
  return sim;
}

Result<std::vector<CalibrationSample>> RasService::Samples(const CallContext& ctx,
                                                           const Principal& who) {
  SD_RETURN_IF_ERROR(RequireTables(who));
  std::vector<CalibrationSample> out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(out, tx.calibration_samples().List());
    return OkStatus();
  }));
  return out;
}

Result<CalibrationSampleId> RasService::AddSample(const CallContext& ctx, const Principal& who,
                                                  const std::string& name, const std::string& csv) {
  if (!CanDraftAllocationTables(who.user.role))
    return Error::PermissionDenied("Only analysts can add calibration samples");
  std::vector<FieldError> errors;
  std::string title(Trim(name));
  if (title.empty()) errors.push_back({"name", "Give the sample a name"});
  if (title.size() > kMaxSampleName || !IsCleanUtf8(title))
    errors.push_back({"name", "Write 200 characters or fewer"});
  if (Trim(csv).empty()) errors.push_back({"csv", "Paste the CSV of costed packages"});
  if (!errors.empty()) return Error::InvalidArgument("Check the sample", std::move(errors));
  auto fit = CalibrateFromCsvText(csv, {});
  if (!fit.ok()) {
    return Error::InvalidArgument(fit.error().message, {{"csv", fit.error().message}});
  }
  CalibrationSampleId id;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(
        id, tx.calibration_samples().Insert(CalibrationSample{CalibrationSampleId{}, title, csv,
                                                              fit->n, who.user.id, clock_.Now()}));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "calibration_sample.add",
                                     "calibration_sample", id.ToString(),
                                     title + " (" + std::to_string(fit->n) + " rows)"));
  }));
  return id;
}

Result<CalibrationResult> RasService::Calibrate(const CallContext& ctx, const Principal& who,
                                                CalibrationSampleId sample_id) {
  SD_RETURN_IF_ERROR(RequireTables(who));
  CalibrationResult result;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto sample, tx.calibration_samples().Find(sample_id));
    if (!sample) return Error::NotFound("No calibration sample with that reference");
    result.sample = std::move(*sample);
    return OkStatus();
  }));
  // Chart the `points` column if there is one, else the first predictor; keep evenly spread rows.
  const auto stride = static_cast<int64_t>(
      std::max<int64_t>(1, (result.sample.rows + static_cast<int64_t>(kMaxChartPoints) - 1) /
                               static_cast<int64_t>(kMaxChartPoints)));
  int64_t row = 0;
  size_t x_index = 0;
  CalibrationOptions options;
  options.residuals = true;
  options.on_header = [&](const std::vector<std::string>& predictors) {
    for (size_t j = 0; j < predictors.size(); ++j)
      if (predictors[j] == "points") x_index = j;
    result.x_column = predictors[x_index];
  };
  options.on_row = [&](double y, const double* x) {
    if (row++ % stride != 0 || result.points.size() >= kMaxChartPoints) return;
    result.points.push_back({x[x_index], y});
  };
  SD_ASSIGN_OR_RETURN(result.regression, CalibrateFromCsvText(result.sample.csv, options));
  if (auto p = SuggestedPricePerPoint(result.regression); p.ok()) result.price_per_point = *p;
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "calibration_sample.fit",
                                     "calibration_sample", sample_id.ToString(), ""));
  return result;
}

}  // namespace selfdirect::app
