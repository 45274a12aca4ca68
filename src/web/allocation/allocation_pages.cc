// Resource allocation pages: "How your budget was worked out" (with the practitioner's override),
// and for analysts and approvers the allocation tables, impact simulation, calibration and
// publishing.
#include <fmt/format.h>

#include <cmath>

#include "base/text.h"
#include "web/allocation/allocation_routes.h"
#include "web/pages/charts.h"

namespace selfdirect::web {
namespace {

using domain::Role;

std::string Money(Pence p) { return p.ToDisplayString(); }

std::string Decimal(double v, int places) { return fmt::format("{:.{}f}", v, places); }

std::string ConversionText(const domain::AllocationTable& t) {
  if (t.conversion.method == domain::ConversionMethod::kBands) {
    return "A weekly amount for each band of points (" + std::to_string(t.conversion.bands.size()) +
           " bands)";
  }
  return t.conversion.price_per_point.ToDisplayString() + " a point, at least " +
         t.conversion.floor.ToDisplayString() + " and at most " +
         t.conversion.ceiling.ToDisplayString() + " a week";
}

std::string TablePath(const std::string& id, int64_t version) {
  return "/allocation/tables/" + id + "/" + std::to_string(version);
}

}  // namespace

void AllocationRoutes::AddPageRoutes() {
  const std::vector<Role> tables = {Role::kAnalyst, Role::kApprover, Role::kAdministrator};
  const std::vector<Role> drafters = {Role::kAnalyst, Role::kAdministrator};
  const auto page = &PageRoute;
  Add(Method::kGet, "/assessments/{id}/budget",
      page(kPersonViewerRoles, Bind(&AllocationRoutes::BudgetPage)));
  Add(Method::kPost, "/assessments/{id}/budget/override",
      page({Role::kPractitioner, Role::kApprover}, Bind(&AllocationRoutes::BudgetOverride)));
  Add(Method::kGet, "/allocation", page(tables, Bind(&AllocationRoutes::AllocationPage)));
  Add(Method::kPost, "/allocation/samples",
      page(drafters, Bind(&AllocationRoutes::AllocationAddSample)));
  Add(Method::kGet, "/allocation/samples/{sample}",
      page(tables, Bind(&AllocationRoutes::AllocationSamplePage)));
  Add(Method::kGet, "/allocation/tables/{table}/{version}",
      page(tables, Bind(&AllocationRoutes::AllocationTablePage)));
  Add(Method::kPost, "/allocation/tables/{table}/{version}/drafts",
      page(drafters, Bind(&AllocationRoutes::AllocationDraft)));
  Add(Method::kGet, "/allocation/tables/{table}/{version}/impact",
      page(tables, Bind(&AllocationRoutes::AllocationImpactPage)));
  Add(Method::kPost, "/allocation/tables/{table}/{version}/publish",
      page({Role::kApprover}, Bind(&AllocationRoutes::AllocationPublish)));
}

Response AllocationRoutes::RenderBudget(int status, Context& ctx, AssessmentId id,
                                        const std::string& amount, const std::string& reason,
                                        const std::vector<FieldError>& errors,
                                        const std::string& saved) {
  auto v = ras_.Budget(ctx.call, *ctx.principal, id);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  const bool self = ctx.principal->user.role == Role::kBudgetHolder;
  ViewData d;
  d.set("person_name", v->person.details.given_name + " " + v->person.details.family_name);
  d.set("whose", self ? "your" : "their");
  d.set("whose_support", self ? "your support" : "their support");
  d.set("who", self ? "you" : "they");
  d.set("s", "");
  d.set("are", "are");
  d.set("weekly", Money(v->budget.EffectiveWeekly()));
  d.set("annual", Money(domain::AnnualFromWeekly(v->budget.EffectiveWeekly())));
  if (v->budget.override_weekly) {
    ViewData o;
    o.set("by", v->overridden_by_name.empty() ? "A practitioner" : v->overridden_by_name);
    o.set("calculated", Money(v->budget.weekly));
    o.set("weekly", Money(*v->budget.override_weekly));
    o.set("date", v->budget.overridden_at ? v->budget.overridden_at->LondonDate().ToString() : "");
    o.set("reason", v->budget.override_reason);
    d.set("override", o);
  }
  ViewList steps;
  for (const auto& s : v->allocation.steps) {
    using K = domain::AllocationStep::Kind;
    ViewData row;
    row.set("text", s.text);
    bool show_points = s.kind == K::kAnswer || s.kind == K::kCap || s.kind == K::kCarerDeduction ||
                       s.kind == K::kTotalPoints;
    row.set("points", show_points ? (s.points > 0 && s.kind != K::kTotalPoints ? "+" : "") +
                                        std::to_string(s.points)
                                  : "");
    std::string amount_text;
    if (s.amount) {
      amount_text =
          (s.kind == K::kAddOn || s.kind == K::kContingency ? "+" : "") + Money(*s.amount);
      if (s.kind == K::kFloor) amount_text = "+" + Money(*s.amount);
      if (s.kind == K::kCeiling) amount_text = Money(*s.amount);
    }
    row.set("amount", amount_text);
    row.set("strong", s.kind == K::kTotalPoints || s.kind == K::kWeekly || s.kind == K::kAnnual);
    if (s.kind == K::kDomainTotal) continue;  // The answers above it say the same.
    steps.push_back(row);
  }
  d.set("steps", steps);
  d.set("table_title", v->table->title);
  d.set("table_version", std::to_string(v->table->version));
  d.set("table_from", v->table->effective_from.ToString());
  d.set("calculated_on", v->budget.calculated_at.LondonDate().ToString());
  d.set("can_override", v->can_override);
  d.set("has_override", v->budget.override_weekly.has_value());
  d.set("assessment_id", id.ToString());
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("amount", amount);
  d.set("reason", reason);
  if (!saved.empty()) d.set("saved", saved);
  for (const auto& e : errors) {
    if (e.field == "amount") d.set("amount_error", e.message);
    if (e.field == "reason") d.set("reason_error", e.message);
  }
  SetErrorSummary(d, errors);
  d.set("back_href", "/assessments/" + id.ToString() + "/decision");
  return Page(status, self ? "How your budget was worked out" : "How the budget was worked out",
              "budget", d, ctx);
}

Response AllocationRoutes::BudgetPage(Context& ctx) {
  auto id = AssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No assessment with that reference"), ctx);
  std::string saved = ctx.request.Query("saved") == "1" ? "The indicative budget was changed" : "";
  return RenderBudget(200, ctx, *id, "", "", {}, saved);
}

Response AllocationRoutes::BudgetOverride(Context& ctx) {
  auto id = AssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No assessment with that reference"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  std::string amount = FormValue(*form, "amount");
  std::string reason = FormValue(*form, "reason");
  bool clear = FormValue(*form, "action") == "clear";
  auto done = ras_.Override(
      ctx.call, *ctx.principal, *id, amount, reason,
      clear ? app::RasService::OverrideAction::kClear : app::RasService::OverrideAction::kSet);
  if (!done.ok()) {
    if (done.error().code == ErrorCode::kInvalidArgument)
      return RenderBudget(422, ctx, *id, amount, reason, done.error().fields, "");
    return ErrorResponse(done.error(), ctx);
  }
  return Response::Redirect("/assessments/" + id->ToString() + "/budget?saved=1");
}

void AllocationRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  if (app::CanSeeAllocationTables(ctx.principal->user.role))
    out.push_back({"/allocation", "See and draft the resource allocation tables"});
}

Response AllocationRoutes::AllocationPage(Context& ctx) {
  return RenderAllocation(200, ctx, "", "", {});
}

Response AllocationRoutes::RenderAllocation(int status, Context& ctx, const std::string& name,
                                            const std::string& csv,
                                            const std::vector<FieldError>& errors) {
  auto tables = ras_.Tables(ctx.call, *ctx.principal);
  if (!tables.ok()) return ErrorResponse(tables.error(), ctx);
  auto samples = ras_.Samples(ctx.call, *ctx.principal);
  if (!samples.ok()) return ErrorResponse(samples.error(), ctx);
  ViewData d;
  ViewList rows;
  for (const auto& t : *tables) {
    ViewData row;
    row.set("href", TablePath(t.stored.table_id, t.stored.version));
    row.set("title", t.table->title);
    row.set("version", std::to_string(t.stored.version));
    row.set("effective_from", t.stored.effective_from.ToString());
    bool draft = t.stored.status == app::TableStatus::kDraft;
    row.set("status", draft ? "Draft" : t.in_force ? "In use" : "Published");
    row.set("tag_class", draft        ? "govuk-tag--yellow"
                         : t.in_force ? "govuk-tag--green"
                                      : "govuk-tag--grey");
    row.set("note", t.stored.note);
    rows.push_back(row);
  }
  d.set("tables", rows);
  ViewList sample_rows;
  for (const auto& s : *samples) {
    ViewData row;
    row.set("id", s.id.ToString());
    row.set("name", s.name);
    row.set("rows", std::to_string(s.rows));
    row.set("added", s.uploaded_at.LondonDate().ToString());
    sample_rows.push_back(row);
  }
  d.set("samples", sample_rows);
  d.set("has_samples", !samples->empty());
  d.set("can_draft", app::CanDraftAllocationTables(ctx.principal->user.role));
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("name", name);
  d.set("csv", csv);
  for (const auto& e : errors) {
    if (e.field == "name") d.set("name_error", e.message);
    if (e.field == "csv") d.set("csv_error", e.message);
  }
  SetErrorSummary(d, errors);
  return Page(status, "Resource allocation", "allocation", d, ctx);
}

Response AllocationRoutes::AllocationAddSample(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  std::string name = FormValue(*form, "name");
  std::string csv = FormValue(*form, "csv");
  auto id = ras_.AddSample(ctx.call, *ctx.principal, name, csv);
  if (!id.ok()) {
    if (id.error().code == ErrorCode::kInvalidArgument)
      return RenderAllocation(422, ctx, name, csv, id.error().fields);
    return ErrorResponse(id.error(), ctx);
  }
  return Response::Redirect("/allocation/samples/" + id->ToString());
}

Response AllocationRoutes::AllocationSamplePage(Context& ctx) {
  auto id = CalibrationSampleId::Parse(ctx.request.path_params["sample"]);
  if (!id) return ErrorResponse(Error::NotFound("No such calibration sample"), ctx);
  auto fit = ras_.Calibrate(ctx.call, *ctx.principal, *id);
  if (!fit.ok()) return ErrorResponse(fit.error(), ctx);
  const domain::Regression& r = fit->regression;
  ViewData d;
  d.set("name", fit->sample.name);
  d.set("n", std::to_string(r.n));
  std::string predictors;
  for (size_t j = 0; j < r.predictors.size(); ++j)
    predictors += (j ? (j + 1 == r.predictors.size() ? " and " : ", ") : "") + r.predictors[j];
  d.set("predictors", predictors);
  d.set("x_column", fit->x_column);
  ViewList terms;
  auto term = [&](const std::string& name, double estimate, double se) {
    ViewData t;
    t.set("name", name);
    t.set("estimate", Decimal(estimate, 4));
    t.set("std_error", Decimal(se, 4));
    terms.push_back(t);
  };
  term("Intercept", r.intercept, r.intercept_std_error);
  for (size_t j = 0; j < r.predictors.size(); ++j)
    term(r.predictors[j], r.coefficients[j], r.std_errors[j]);
  d.set("terms", terms);
  d.set("r_squared", Decimal(r.r_squared, 4));
  d.set("adjusted_r_squared", Decimal(r.adjusted_r_squared, 4));
  d.set("sigma", Decimal(r.sigma, 2));
  d.set("df", std::to_string(r.residual_df));
  d.set("res_min", Decimal(r.residuals.min, 2));
  d.set("res_q1", Decimal(r.residuals.first_quartile, 2));
  d.set("res_median", Decimal(r.residuals.median, 2));
  d.set("res_q3", Decimal(r.residuals.third_quartile, 2));
  d.set("res_max", Decimal(r.residuals.max, 2));
  double slope = 0;
  for (size_t j = 0; j < r.predictors.size(); ++j)
    if (r.predictors[j] == fit->x_column) slope = r.coefficients[j];
  if (fit->price_per_point) {
    d.set("price_per_point", Money(*fit->price_per_point));
    d.set("intercept", "£" + Decimal(r.intercept, 2));
    if (app::CanDraftAllocationTables(ctx.principal->user.role)) {
      auto tables = ras_.Tables(ctx.call, *ctx.principal);
      if (tables.ok()) {
        for (const auto& t : *tables) {
          if (t.in_force &&
              t.table->conversion.method == domain::ConversionMethod::kPricePerPoint) {
            d.set("draft_href", TablePath(t.stored.table_id, t.stored.version) +
                                    "?price_per_point=" + fit->price_per_point->ToString() +
                                    "#draft");
            break;
          }
        }
      }
    }
  }
  std::vector<std::pair<double, double>> points;
  for (const auto& p : fit->points) points.emplace_back(p.x, p.y);
  std::string desc = std::to_string(points.size()) + " costed packages plotted";
  if (r.predictors.size() == 1)
    desc += "; the fitted line is weekly cost = £" + Decimal(r.intercept, 2) + " + £" +
            Decimal(slope, 2) + " x " + fit->x_column;
  d.set("chart", ScatterSvg("calibration-chart", "Weekly cost against " + fit->x_column, desc,
                            points, r.predictors.size() == 1 ? r.intercept : 0,
                            r.predictors.size() == 1 ? slope : 0, fit->x_column, "Weekly cost"));
  d.set("back_href", "/allocation");
  return Page(200, fit->sample.name, "allocation_sample", d, ctx);
}

Result<std::pair<std::string, int64_t>> AllocationRoutes::TableFromPath(Context& ctx) {
  std::string id = ctx.request.path_params["table"];
  auto version = ParsePositiveInteger(ctx.request.path_params["version"]);
  if (id.empty() || !version) return Error::NotFound("No such allocation table version");
  return std::make_pair(id, *version);
}

Response AllocationRoutes::AllocationTablePage(Context& ctx) {
  auto key = TableFromPath(ctx);
  if (!key.ok()) return ErrorResponse(key.error(), ctx);
  app::DraftChanges prefill;
  std::string price = ctx.request.Query("price_per_point");
  if (!price.empty()) prefill.price_per_point = price;
  return RenderTable(200, ctx, key->first, key->second, prefill, {},
                     ctx.request.Query("saved") == "1"       ? "The draft was saved"
                     : ctx.request.Query("published") == "1" ? "The version was published"
                                                             : "");
}

namespace {

ViewList BandRows(const domain::AllocationTable& table) {
  ViewList bands;
  for (const auto& b : table.conversion.bands) {
    ViewData row;
    row.set("range", b.to_points
                         ? std::to_string(b.from_points) + " to " + std::to_string(*b.to_points)
                         : std::to_string(b.from_points) + " or more");
    row.set("label", b.label);
    row.set("weekly", Money(b.weekly));
    bands.push_back(row);
  }
  return bands;
}

ViewList DomainRows(const domain::AllocationTable& table) {
  ViewList domains;
  for (const auto& dom : table.domains) {
    ViewData row;
    row.set("label", dom.label);
    ViewList scores;
    for (const auto& s : dom.scores) {
      ViewData sc;
      sc.set("label", s.label.empty() ? s.question + " = " + s.answer : s.label);
      sc.set("points", std::to_string(s.points));
      scores.push_back(sc);
    }
    row.set("scores", scores);
    row.set("cap", dom.cap ? std::to_string(*dom.cap) + " points" : "None");
    row.set("deduction",
            !dom.carer_deduction ? "No deduction"
            : dom.carer_deduction->points
                ? std::to_string(*dom.carer_deduction->points) + " points off"
                : std::to_string(dom.carer_deduction->percent) + "% off, rounded down");
    domains.push_back(row);
  }
  return domains;
}

ViewList AddOnRows(const domain::AllocationTable& table) {
  ViewList add_ons;
  for (const auto& a : table.add_ons) {
    ViewData row;
    row.set("label", a.label);
    row.set("weekly", Money(a.weekly));
    if (!a.when_any.empty()) row.set("when", "when someone helps without being paid");
    add_ons.push_back(row);
  }
  return add_ons;
}

enum class FieldKind { kInput, kTextarea, kDate };

// The fields of the form that drafts the next version, prefilled from `form` or the table.
ViewList DraftFields(const domain::AllocationTable& table, const app::DraftChanges& form,
                     const std::vector<FieldError>& errors, Date today) {
  auto value = [](const std::string& given, const std::string& current) {
    return given.empty() ? current : given;
  };
  std::string next_year = std::to_string(today.year() + 1) + "-04-01";
  const std::string example = "For example, 1 4 " + std::to_string(today.year() + 1);
  ViewList fields;
  auto field = [&](const std::string& name, const std::string& label, const std::string& hint,
                   const std::string& v, FieldKind kind = FieldKind::kInput) {
    ViewData f;
    f.set("name", name);
    f.set("label", label);
    if (!hint.empty()) f.set("hint", hint);
    f.set("value", v);
    f.set("textarea", kind == FieldKind::kTextarea);
    if (kind == FieldKind::kDate) {
      // "2027-04-01" (or what was typed, put together) as the GOV.UK date input's three boxes.
      f.set("date", true);
      const size_t a = v.find('-'), b = a == std::string::npos ? a : v.find('-', a + 1);
      if (b != std::string::npos) {
        f.set("year", v.substr(0, a));
        f.set("month", v.substr(a + 1, b - a - 1));
        f.set("day", v.substr(b + 1));
      }
    }
    for (const auto& e : errors)
      if (e.field == name) f.set("error", e.message);
    fields.push_back(f);
  };
  field("effective_from", "In use from", example, value(form.effective_from, next_year),
        FieldKind::kDate);
  if (table.conversion.method == domain::ConversionMethod::kPricePerPoint) {
    field("price_per_point", "Price per point", "In pounds",
          value(form.price_per_point, table.conversion.price_per_point.ToString()));
    field("floor", "Least weekly amount", "In pounds",
          value(form.floor, table.conversion.floor.ToString()));
    field("ceiling", "Most weekly amount", "In pounds",
          value(form.ceiling, table.conversion.ceiling.ToString()));
  }
  auto percent = [](int64_t bp) {
    std::string s = domain::FormatBasisPoints(bp);
    s.pop_back();
    return s;
  };
  field("contingency_percent", "Contingency", "A percentage added to each budget, like 3",
        value(form.contingency_percent, percent(table.contingency_basis_points)));
  field("tolerance_percent", "Tolerance", "A percentage, like 10",
        value(form.tolerance_percent, percent(table.tolerance_basis_points)));
  field("note", "What this version changes and why", "", form.note, FieldKind::kTextarea);
  return fields;
}

}  // namespace

Response AllocationRoutes::RenderTable(int status, Context& ctx, const std::string& id,
                                       int64_t version, app::DraftChanges form,
                                       const std::vector<FieldError>& errors,
                                       const std::string& saved) {
  auto t = ras_.Table(ctx.call, *ctx.principal, id, version);
  if (!t.ok()) return ErrorResponse(t.error(), ctx);
  const domain::AllocationTable& table = *t->table;
  ViewData d;
  d.set("id", id);
  d.set("version", std::to_string(version));
  d.set("title", table.title);
  bool draft = t->stored.status == app::TableStatus::kDraft;
  d.set("status", draft ? "Draft" : t->in_force ? "In use" : "Published");
  d.set("tag_class", draft         ? "govuk-tag--yellow"
                     : t->in_force ? "govuk-tag--green"
                                   : "govuk-tag--grey");
  d.set("effective_from", table.effective_from.ToString());
  d.set("questionnaire", table.questionnaire);
  d.set("conversion", ConversionText(table));
  d.set("contingency", domain::FormatBasisPoints(table.contingency_basis_points));
  d.set("tolerance", domain::FormatBasisPoints(table.tolerance_basis_points));
  d.set("note", t->stored.note.empty() ? "None given" : t->stored.note);
  d.set("source", table.source.empty() ? "None given" : table.source);
  d.set("can_publish", draft && ctx.principal->user.role == Role::kApprover);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  if (!saved.empty()) d.set("saved", saved);
  d.set("bands", BandRows(table));
  d.set("has_bands", !table.conversion.bands.empty());
  d.set("domains", DomainRows(table));
  d.set("add_ons", AddOnRows(table));
  d.set("has_add_ons", !table.add_ons.empty());
  bool can_draft = app::CanDraftAllocationTables(ctx.principal->user.role);
  d.set("can_draft", can_draft);
  if (can_draft) d.set("fields", DraftFields(table, form, errors, clock_.Now().LondonDate()));
  SetErrorSummary(d, errors);
  d.set("back_href", "/allocation");
  return Page(status, table.title + " version " + std::to_string(version), "allocation_table", d,
              ctx);
}

Response AllocationRoutes::AllocationDraft(Context& ctx) {
  auto key = TableFromPath(ctx);
  if (!key.ok()) return ErrorResponse(key.error(), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  app::DraftChanges c;
  c.effective_from = IsoDateFromParts({std::string(Trim(FormValue(*form, "effective_from-day"))),
                                       std::string(Trim(FormValue(*form, "effective_from-month"))),
                                       std::string(Trim(FormValue(*form, "effective_from-year")))});
  c.price_per_point = FormValue(*form, "price_per_point");
  c.floor = FormValue(*form, "floor");
  c.ceiling = FormValue(*form, "ceiling");
  c.contingency_percent = FormValue(*form, "contingency_percent");
  c.tolerance_percent = FormValue(*form, "tolerance_percent");
  c.note = FormValue(*form, "note");
  auto saved = ras_.DraftFrom(ctx.call, *ctx.principal, key->first, key->second, c);
  if (!saved.ok()) {
    if (saved.error().code == ErrorCode::kInvalidArgument) {
      std::vector<FieldError> errors = saved.error().fields;
      if (errors.empty()) errors.push_back({"note", saved.error().message});
      return RenderTable(422, ctx, key->first, key->second, c, errors, "");
    }
    return ErrorResponse(saved.error(), ctx);
  }
  return Response::Redirect(TablePath(saved->table_id, saved->version) + "?saved=1");
}

Response AllocationRoutes::AllocationImpactPage(Context& ctx) {
  auto key = TableFromPath(ctx);
  if (!key.ok()) return ErrorResponse(key.error(), ctx);
  auto sim = ras_.Simulate(ctx.call, *ctx.principal, key->first, key->second);
  if (!sim.ok()) return ErrorResponse(sim.error(), ctx);
  ViewData d;
  d.set("id", key->first);
  d.set("version", std::to_string(key->second));
  d.set("people", std::to_string(sim->people));
  d.set("current", sim->current
                       ? "version " + std::to_string(sim->current->version) + ", the version in use"
                       : "no table (nothing in use)");
  bool draft = sim->proposed_status == app::TableStatus::kDraft;
  d.set("draft", draft);
  d.set("current_annual", Money(sim->current_annual));
  d.set("proposed_annual", Money(sim->proposed_annual));
  Pence change = sim->proposed_annual - sim->current_annual;
  d.set("change_annual", (change > Pence() ? "+" : "") + Money(change));
  d.set("tolerance", domain::FormatBasisPoints(sim->tolerance_basis_points));
  d.set("gain", std::to_string(sim->gain_beyond_tolerance));
  d.set("lose", std::to_string(sim->lose_beyond_tolerance));
  d.set("within", std::to_string(sim->within_tolerance));
  d.set("unchanged", std::to_string(sim->unchanged));
  d.set("largest_gain", Money(sim->largest_gain));
  d.set("largest_loss", Money(sim->largest_loss));
  ViewList buckets;
  std::vector<std::pair<std::string, int64_t>> bars;
  for (const auto& b : sim->distribution) {
    ViewData row;
    row.set("label", b.label);
    row.set("people", std::to_string(b.people));
    buckets.push_back(row);
    bars.emplace_back(b.label, b.people);
  }
  d.set("buckets", buckets);
  d.set("chart", BarChartSvg("impact-chart", "People by change in weekly budget",
                             "Bars from the largest loss on the left to the largest gain on the "
                             "right; the table below gives the same figures",
                             bars));
  d.set("can_publish", draft && ctx.principal->user.role == Role::kApprover);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("back_href", TablePath(key->first, key->second));
  return Page(200, "Who gains or loses", "allocation_impact", d, ctx);
}

Response AllocationRoutes::AllocationPublish(Context& ctx) {
  auto key = TableFromPath(ctx);
  if (!key.ok()) return ErrorResponse(key.error(), ctx);
  auto n = ras_.Publish(ctx.call, *ctx.principal, key->first, key->second);
  if (!n.ok()) return ErrorResponse(n.error(), ctx);
  return Response::Redirect(TablePath(key->first, key->second) + "?published=1");
}

void AllocationRoutes::AddPersonSection(ViewData& d, Context& ctx, const app::PersonFile& file) {
  if (!file.budget) return;
  const auto& b = *file.budget;
  ViewData budget;
  budget.set("weekly", b.EffectiveWeekly().ToDisplayString());
  budget.set("annual", domain::AnnualFromWeekly(b.EffectiveWeekly()).ToDisplayString());
  budget.set("assessment_id", b.assessment_id.ToString());
  budget.set("whose", ctx.principal->user.role == Role::kBudgetHolder ? "your" : "the");
  d.set("budget", budget);
}

}  // namespace selfdirect::web
