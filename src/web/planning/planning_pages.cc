// Support plan pages: the plan's task list with the running cost against the indicative budget,
// one page per section, submit, the approver's decision (approve, return with reasons, agree a
// higher budget with a reason), status and history, the agreed plan (printable), the approvers'
// queue and the commissioners' spending dashboard. Every form works without JavaScript; each
// section's form is read into the plan's JSON contents (app/planning/support_plan_json.h), so a
// page and the API refuse the same things with the same field names.
#include <boost/json.hpp>
#include <map>

#include "app/planning/support_plan_json.h"
#include "base/text.h"
#include "web/pages/charts.h"
#include "web/planning/planning_routes.h"

namespace selfdirect::web {
namespace json = boost::json;
using domain::PlanSection;
using domain::PlanStatus;
using domain::Role;

namespace {

using Form = std::multimap<std::string, std::string>;

std::string Value(const Form& f, const std::string& key) {
  auto it = f.find(key);
  return it == f.end() ? "" : std::string(Trim(it->second));
}

// An HTML id for a JSON path: "needs[1].how_met" -> "needs-1-how_met".
std::string IdOf(std::string path) {
  for (char& c : path)
    if (c == '[' || c == ']' || c == '.') c = '-';
  std::string out;
  for (char c : path)
    if (!(c == '-' && !out.empty() && out.back() == '-')) out += c;
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string EventText(const std::string& kind) {
  static const std::map<std::string, std::string> kText = {
      {"started", "Plan started"},
      {"changed", "Changed"},
      {"submitted", "Sent for approval"},
      {"returned", "Returned for changes"},
      {"approved", "Agreed"},
      {"approved_higher", "Agreed with a budget above the indicative budget"},
      {"revised", "New version of the agreed plan started"}};
  auto it = kText.find(kind);
  return it == kText.end() ? kind : it->second;
}

std::string PlanPath(int64_t id) { return "/plans/" + std::to_string(id); }

// "6 hours a week", "1 session, 2 times a week", "3 days a week, 39 weeks a year", "1 item, once",
// "2 days every four weeks".
std::string HowMuch(const domain::PlanLine& l) {
  std::string how = Pence::FromPence(l.quantity_hundredths).ToString();
  while (how.ends_with("0") && how.find('.') != std::string::npos) how.pop_back();
  if (how.ends_with(".")) how.pop_back();
  how += " " + std::string(domain::UnitCode(l.unit)) + (how == "1" ? "" : "s");
  if (l.times > 1) how += ", " + std::to_string(l.times) + " times";
  switch (l.period) {
    case domain::Period::kOnce:
      return how + ", once";
    case domain::Period::kFourWeeks:
      return how + " every four weeks";
    case domain::Period::kWeek:
      if (l.weeks_per_year != 52)
        return how + " a week, " + std::to_string(l.weeks_per_year) + " weeks a year";
      return how + " a week";
    default:
      return how + " a " + std::string(domain::PeriodCode(l.period));
  }
}

// The costed lines and totals of a plan, for the task list, the support section and the agreed
// plan.
void AddCost(ViewData& d, const app::PlanView& v) {
  ViewList lines;
  for (size_t i = 0; i < v.content.lines.size(); ++i) {
    const auto& l = v.content.lines[i];
    ViewData row;
    row.set("index", std::to_string(i));
    row.set("description", l.description);
    row.set("category", std::string(domain::SupportCategoryLabel(l.category)));
    row.set("kind", domain::IsTraditional(l.category) ? "Traditional" : "Creative");
    row.set("managed", std::string(domain::ManagedAsLabel(l.managed_as)));
    row.set("how", HowMuch(l));
    if (i < v.cost.lines.size()) {
      row.set("weekly", v.cost.lines[i].weekly.ToDisplayString());
      row.set("annual", v.cost.lines[i].annual.ToDisplayString());
    }
    lines.push_back(row);
  }
  ViewList items;
  for (const auto& p : v.cost.plan_items) {
    ViewData row;
    row.set("text", p.text);
    row.set("weekly", p.weekly.ToDisplayString());
    row.set("annual", p.annual.ToDisplayString());
    items.push_back(row);
  }
  d.set("lines", lines);
  d.set("has_lines", !lines.empty());
  d.set("plan_items", items);
  d.set("weekly_total", v.cost.weekly_total.ToDisplayString());
  d.set("annual_total", v.cost.annual_total.ToDisplayString());
  d.set("traditional_weekly", v.cost.traditional_weekly.ToDisplayString());
  d.set("creative_weekly", v.cost.creative_weekly.ToDisplayString());
  if (v.record.indicative_weekly) {
    d.set("indicative", v.record.indicative_weekly->ToDisplayString());
    Pence left = *v.record.indicative_weekly - v.cost.weekly_total;
    d.set("left", (left < Pence{} ? -left : left).ToDisplayString());
    d.set("over", left < Pence{});
    if (v.cost.tolerance && v.cost.tolerance->needs_approval)
      d.set("tolerance_reason", v.cost.tolerance->reason);
  }
  d.set("person_weekly", v.budget.person_weekly.ToDisplayString());
  d.set("council_weekly", v.budget.council_weekly.ToDisplayString());
  d.set("person_annual", v.budget.person_annual.ToDisplayString());
  d.set("council_annual", v.budget.council_annual.ToDisplayString());
  d.set("has_charge", v.weekly_charge.has_value());
  d.set("return_category", std::string(domain::ReturnCategoryLabel(v.cost.return_category)));
}

void AddContents(ViewData& d, const domain::SupportPlanContent& c) {
  ViewList needs;
  for (const auto& n : c.needs) {
    ViewData row;
    row.set("description", n.description);
    row.set("eligible", n.eligible ? "Yes" : "No");
    row.set("how_met", n.how_met.empty() ? "Information and advice" : n.how_met);
    needs.push_back(row);
  }
  d.set("needs", needs);
  d.set("what_matters", c.what_matters);
  ViewList outcomes;
  for (const auto& o : c.outcomes) {
    ViewData row;
    row.set("text", o);
    outcomes.push_back(row);
  }
  d.set("outcomes", outcomes);
  d.set("views", c.views);
  ViewList helpers;
  for (const auto& h : c.helpers) {
    ViewData row;
    row.set("who", h.who);
    row.set("help", h.help);
    row.set("paid", h.paid ? "Paid" : "Unpaid");
    helpers.push_back(row);
  }
  d.set("helpers", helpers);
  d.set("contingency", c.contingency);
  d.set("risks", c.risks);
  d.set("advice", c.advice);
  d.set("managed_as", std::string(domain::ManagedAsLabel(c.managed_as)));
  d.set("review_date", c.review_date ? c.review_date->ToString() : "Not set");
}

// The section's form fields read into the plan's JSON contents.
json::object ReadSection(PlanSection section, const Form& f, json::object content) {
  auto rows = [&](const char* list, std::initializer_list<const char*> fields,
                  const char* checkbox) {
    json::array out;
    for (int i = 0; i < 50; ++i) {
      std::string at = std::string(list) + "[" + std::to_string(i) + "].";
      bool any = false, present = false;
      json::object row;
      for (const char* field : fields) {
        present = present || f.count(at + field) > 0;
        std::string v = Value(f, at + field);
        any = any || !v.empty();
        row[field] = v;
      }
      if (!present) break;
      if (!any) continue;  // A blank row is left out.
      if (checkbox != nullptr) row[checkbox] = Value(f, at + checkbox) == "yes";
      out.push_back(std::move(row));
    }
    return out;
  };
  switch (section) {
    case PlanSection::kNeeds:
      content["needs"] = rows("needs", {"description", "how_met"}, "eligible");
      break;
    case PlanSection::kWhatMatters: {
      content["what_matters"] = Value(f, "what_matters");
      json::array outcomes;
      std::string text = Value(f, "outcomes");
      size_t start = 0;
      while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line(Trim(std::string_view(text).substr(start, end - start)));
        if (!line.empty()) outcomes.push_back(json::string(line));
        start = end + 1;
      }
      content["outcomes"] = std::move(outcomes);
      content["views"] = Value(f, "views");
      break;
    }
    case PlanSection::kSupport: {
      json::array lines;
      const json::array* old = content.if_contains("lines") ? content["lines"].if_array() : nullptr;
      std::vector<std::string> removed = FormValues(f, "remove");
      for (size_t i = 0; old != nullptr && i < old->size(); ++i)
        if (std::find(removed.begin(), removed.end(), std::to_string(i)) == removed.end())
          lines.push_back((*old)[i]);
      std::string item = Value(f, "new_item");
      std::string description = Value(f, "new_description");
      if (!item.empty() || !description.empty()) {
        json::object l;
        if (!item.empty() && item != "own") l["item"] = item;
        if (!description.empty()) l["description"] = description;
        if (item.empty() || item == "own") {
          l["category"] = Value(f, "new_category");
          l["unit"] = Value(f, "new_unit");
          l["unit_cost"] = Value(f, "new_unit_cost");
        } else if (!Value(f, "new_unit_cost").empty()) {
          l["unit_cost"] = Value(f, "new_unit_cost");
        }
        l["quantity"] = Value(f, "new_quantity").empty() ? "1" : Value(f, "new_quantity");
        std::string times = Value(f, "new_times");
        l["times"] = times.empty() ? int64_t{1} : int64_t{std::atoll(times.c_str())};
        if (times.find_first_not_of("0123456789-") != std::string::npos) l["times"] = times;
        if (!Value(f, "new_per").empty()) l["per"] = Value(f, "new_per");
        if (!Value(f, "new_managed_as").empty()) l["managed_as"] = Value(f, "new_managed_as");
        lines.push_back(std::move(l));
      }
      content["lines"] = std::move(lines);
      break;
    }
    case PlanSection::kHelpers:
      content["helpers"] = rows("helpers", {"who", "help"}, "paid");
      break;
    case PlanSection::kContingency:
      content["contingency"] = Value(f, "contingency");
      content["risks"] = Value(f, "risks");
      content["advice"] = Value(f, "advice");
      break;
    case PlanSection::kManagement: {
      // Lines managed as the plan was ("As the plan says" when added) follow its new choice;
      // lines given their own choice keep it.
      const json::value before = content.contains("managed_as") ? content["managed_as"] : nullptr;
      content["managed_as"] = Value(f, "managed_as");
      if (auto* lines = content.contains("lines") ? content["lines"].if_array() : nullptr) {
        for (auto& line : *lines) {
          auto* l = line.if_object();
          if (l != nullptr && (!l->contains("managed_as") || (*l)["managed_as"] == before))
            (*l)["managed_as"] = content["managed_as"];
        }
      }
      std::string day = Value(f, "review_date-day"), month = Value(f, "review_date-month"),
                  year = Value(f, "review_date-year");
      auto pad = [](std::string s) { return s.size() == 1 ? "0" + s : s; };
      if (day.empty() && month.empty() && year.empty())
        content["review_date"] = nullptr;
      else
        content["review_date"] = year + "-" + pad(month) + "-" + pad(day);
      content["employment_allowance"] = Value(f, "employment_allowance") != "no";
      content["payroll_service"] = Value(f, "payroll_service") == "yes";
      break;
    }
  }
  return content;
}

std::string SectionOfField(const std::string& field) {
  if (field.starts_with("needs")) return "needs";
  if (field == "what_matters" || field.starts_with("outcomes") || field == "views")
    return "what-matters";
  if (field.starts_with("lines")) return "support";
  if (field.starts_with("helpers")) return "who-helps";
  if (field == "contingency" || field == "risks" || field == "advice") return "contingency";
  return "money-and-review";
}

}  // namespace

void PlanningRoutes::AddPageRoutes() {
  const auto page = &PageRoute;
  const std::vector<Role> planners = {Role::kBudgetHolder, Role::kRepresentative,
                                      Role::kPractitioner, Role::kApprover, Role::kAdministrator};
  Add(Method::kPost, "/people/{id}/plans", page(planners, Bind(&PlanningRoutes::StartPlan)));
  Add(Method::kGet, "/plans/waiting",
      page({Role::kApprover, Role::kPractitioner, Role::kAdministrator},
           Bind(&PlanningRoutes::PlansWaitingPage)));
  Add(Method::kGet, "/plans/{id}", page(kPersonViewerRoles, Bind(&PlanningRoutes::PlanPage)));
  Add(Method::kGet, "/plans/{id}/agreed",
      page(kPersonViewerRoles, Bind(&PlanningRoutes::PlanAgreedPage)));
  Add(Method::kGet, "/plans/{id}/sections/{section}",
      page(planners, Bind(&PlanningRoutes::PlanSectionPage)));
  Add(Method::kPost, "/plans/{id}/sections/{section}",
      page(planners, Bind(&PlanningRoutes::PlanSectionSubmit)));
  Add(Method::kPost, "/plans/{id}/submit", page(planners, Bind(&PlanningRoutes::PlanSubmit)));
  Add(Method::kPost, "/plans/{id}/decision",
      page({Role::kApprover}, Bind(&PlanningRoutes::PlanDecide)));
  Add(Method::kPost, "/plans/{id}/revise", page(planners, Bind(&PlanningRoutes::PlanRevise)));
  Add(Method::kGet, "/dashboard/spending",
      page({Role::kAnalyst, Role::kApprover, Role::kFinanceOfficer, Role::kAdministrator},
           Bind(&PlanningRoutes::SpendingDashboardPage)));
}

std::optional<int64_t> PlanIdFromPath(Context& ctx) {
  const std::string& s = ctx.request.path_params["id"];
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(s);
}

std::string PlanStatusTagClass(PlanStatus s) {
  switch (s) {
    case PlanStatus::kDraft:
      return "govuk-tag--grey";
    case PlanStatus::kSubmitted:
      return "govuk-tag--blue";
    case PlanStatus::kReturned:
      return "govuk-tag--orange";
    case PlanStatus::kApproved:
      return "govuk-tag--green";
  }
  return "";
}

Response PlanningRoutes::StartPlan(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto v = planning_.Start(ctx.call, *ctx.principal, *person);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return Response::Redirect(PlanPath(v->record.id));
}

Response PlanningRoutes::RenderPlan(int status, Context& ctx, const app::PlanView& v,
                                    const std::vector<FieldError>& errors,
                                    const std::string& reason) {
  const auto& who = *ctx.principal;
  const bool self = who.user.role == Role::kBudgetHolder;
  ViewData d;
  d.set("plan_id", std::to_string(v.record.id));
  d.set("person_name", v.person.details.given_name + " " + v.person.details.family_name);
  d.set("person_id", v.person.id.ToString());
  d.set("heading", self ? "Your support plan" : "Support plan");
  d.set("status_label", std::string(domain::PlanStatusLabel(v.record.status)));
  d.set("status_class", PlanStatusTagClass(v.record.status));
  d.set("version", std::to_string(v.record.version));
  d.set("csrf_token", who.session.csrf_token);
  const domain::PlanFacts facts = app::PlanFactsOf(v.record);
  const bool editable = domain::CheckCanEdit(who.actor, facts).ok();
  d.set("editable", editable);
  ViewList tasks;
  for (PlanSection s : domain::kPlanSections) {
    ViewData t;
    t.set("label", std::string(domain::PlanSectionLabel(s)));
    t.set("code", std::string(domain::PlanSectionCode(s)));
    bool done = domain::SectionComplete(v.content, s);
    t.set("done", done);
    t.set("editable", editable);
    tasks.push_back(t);
  }
  d.set("tasks", tasks);
  d.set("can_submit", editable);
  d.set("returned", v.record.status == PlanStatus::kReturned);
  d.set("submitted", v.record.status == PlanStatus::kSubmitted);
  d.set("approved", v.record.status == PlanStatus::kApproved || v.record.approved_version > 0);
  d.set("can_revise", v.record.status == PlanStatus::kApproved &&
                          (domain::ActsForPerson(who.actor, v.person.id) ||
                           domain::CanEditPerson(who.actor, {v.person.id, v.person.team_id})));
  d.set("decision_reason", v.record.decision_reason);
  const bool over = v.over_tolerance;
  d.set("can_decide", v.record.status == PlanStatus::kSubmitted &&
                          who.user.role == Role::kApprover &&
                          domain::CanEditPerson(who.actor, {v.person.id, v.person.team_id}));
  d.set("own_plan", who.user.id == v.record.last_edited_by || who.user.id == v.record.submitted_by);
  d.set("over_tolerance", over);
  d.set("reason", reason);
  AddCost(d, v);
  ViewList history;
  for (auto it = v.events.rbegin(); it != v.events.rend(); ++it) {
    ViewData e;
    e.set("text", EventText(it->kind));
    e.set("reason", it->reason);
    e.set("version", std::to_string(it->version));
    e.set("at", it->at.UtcDate().ToString());
    e.set("mine", it->by == who.user.id);
    history.push_back(e);
  }
  d.set("history", history);
  for (const auto& e : errors) {
    if (e.field == "reason") d.set("reason_error", e.message);
    if (e.field == "decision") d.set("decision_error", e.message);
  }
  SetErrorSummary(d, errors, [&](const FieldError& e) {
    if (e.field == "reason" || e.field == "decision") return "#" + e.field;
    return "/plans/" + std::to_string(v.record.id) + "/sections/" + SectionOfField(e.field);
  });
  d.set("back_href", "/people/" + v.person.id.ToString());
  return Page(status, self ? "Your support plan" : "Support plan", "plan", d, ctx);
}

Response PlanningRoutes::PlanPage(Context& ctx) {
  auto id = PlanIdFromPath(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No such support plan"), ctx);
  auto v = planning_.Get(ctx.call, *ctx.principal, *id);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return RenderPlan(200, ctx, *v, {}, "");
}

Response PlanningRoutes::RenderPlanSection(int status, Context& ctx, const app::PlanView& v,
                                           PlanSection section, const json::object& shown,
                                           const std::vector<FieldError>& errors) {
  const auto& who = *ctx.principal;
  ViewData d;
  d.set("plan_id", std::to_string(v.record.id));
  d.set("person_name", v.person.details.given_name + " " + v.person.details.family_name);
  d.set("heading", std::string(domain::PlanSectionLabel(section)));
  d.set("section", std::string(domain::PlanSectionCode(section)));
  d.set("csrf_token", who.session.csrf_token);
  d.set("practitioner", who.user.role == Role::kPractitioner || who.user.role == Role::kApprover);
  std::map<std::string, std::string> error_of;
  for (const auto& e : errors) error_of[e.field] = e.message;
  auto text = [&](const json::object& o, const char* key) {
    auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  auto field = [&](ViewData& row, const std::string& path, const std::string& value) {
    std::string key = path.substr(path.rfind('.') == std::string::npos ? 0 : path.rfind('.') + 1);
    row.set(key + "_name", path);
    row.set(key + "_id", IdOf(path));
    row.set(key, value);
    if (auto it = error_of.find(path); it != error_of.end()) row.set(key + "_error", it->second);
  };
  auto rows = [&](const char* list, std::initializer_list<const char*> keys, const char* flag) {
    ViewList out;
    const json::array* a = shown.if_contains(list) ? shown.at(list).if_array() : nullptr;
    size_t n = a ? a->size() : 0;
    for (size_t i = 0; i < n + 2; ++i) {
      ViewData row;
      json::object empty;
      const json::object& o = i < n && (*a)[i].is_object() ? (*a)[i].get_object() : empty;
      std::string at = std::string(list) + "[" + std::to_string(i) + "]";
      row.set("number", std::to_string(i + 1));
      for (const char* k : keys) field(row, at + "." + k, text(o, k));
      auto* b = o.if_contains(flag);
      bool on = b && b->is_bool() ? b->get_bool() : std::string(flag) == "eligible" && i >= n;
      row.set(std::string(flag) + "_name", at + "." + flag);
      row.set(std::string(flag) + "_id", IdOf(at + "." + flag));
      row.set(flag, on);
      out.push_back(row);
    }
    return out;
  };
  std::string flag = "is_" + std::string(domain::PlanSectionCode(section));
  for (char& c : flag)
    if (c == '-') c = '_';
  d.set(flag, true);
  switch (section) {
    case PlanSection::kNeeds:
      d.set("rows", rows("needs", {"description", "how_met"}, "eligible"));
      break;
    case PlanSection::kHelpers:
      d.set("rows", rows("helpers", {"who", "help"}, "paid"));
      break;
    case PlanSection::kWhatMatters: {
      ViewData f;
      field(f, "what_matters", text(shown, "what_matters"));
      field(f, "views", text(shown, "views"));
      std::string outcomes;
      if (auto* a = shown.if_contains("outcomes"); a && a->is_array())
        for (const auto& o : a->get_array())
          if (o.is_string()) outcomes += std::string(o.get_string()) + "\n";
      field(f, "outcomes", outcomes);
      for (const auto& e : errors)
        if (e.field.starts_with("outcomes[")) f.set("outcomes_error", e.message);
      d.set("f", f);
      break;
    }
    case PlanSection::kContingency: {
      ViewData f;
      for (const char* k : {"contingency", "risks", "advice"}) field(f, k, text(shown, k));
      d.set("f", f);
      break;
    }
    case PlanSection::kManagement: {
      ViewData f;
      std::string managed = text(shown, "managed_as");
      ViewList options;
      for (domain::ManagedAs m :
           {domain::ManagedAs::kDirectPayment, domain::ManagedAs::kDirectPaymentNominated,
            domain::ManagedAs::kDirectPaymentAuthorised, domain::ManagedAs::kCouncilManaged,
            domain::ManagedAs::kIndividualServiceFund}) {
        ViewData o;
        o.set("value", std::string(domain::ManagedAsCode(m)));
        o.set("label", std::string(domain::ManagedAsLabel(m)));
        o.set("checked", managed == domain::ManagedAsCode(m));
        o.set("suffix", m == domain::ManagedAs::kDirectPayment
                            ? ""
                            : "-" + std::string(domain::ManagedAsCode(m)));
        options.push_back(o);
      }
      f.set("options", options);
      std::string date = text(shown, "review_date");
      if (date.size() == 10) {
        f.set("day", date.substr(8, 2));
        f.set("month", date.substr(5, 2));
        f.set("year", date.substr(0, 4));
      }
      if (auto it = error_of.find("review_date"); it != error_of.end())
        f.set("review_date_error", it->second);
      if (auto it = error_of.find("managed_as"); it != error_of.end())
        f.set("managed_as_error", it->second);
      d.set("f", f);
      break;
    }
    case PlanSection::kSupport: {
      AddCost(d, v);
      ViewList items;
      for (const auto& i : app::DefaultCatalogue().items) {
        ViewData o;
        o.set("code", i.code);
        o.set("label", i.description + " (" + i.reference_price.ToDisplayString() + " a " +
                           std::string(domain::UnitCode(i.unit)) + ")");
        items.push_back(o);
      }
      d.set("catalogue", items);
      ViewList categories;
      for (size_t c = 0; c < domain::kSupportCategoryCount; ++c) {
        auto cat = static_cast<domain::SupportCategory>(c);
        ViewData o;
        o.set("code", std::string(domain::SupportCategoryCode(cat)));
        o.set("label", std::string(domain::SupportCategoryLabel(cat)));
        categories.push_back(o);
      }
      d.set("categories", categories);
      ViewList line_errors;
      for (const auto& e : errors) {
        ViewData le;
        le.set("text", e.field + ": " + e.message);
        line_errors.push_back(le);
      }
      d.set("line_errors", line_errors);
      break;
    }
  }
  SetErrorSummary(d, errors, [&](const FieldError& e) {
    if (section == PlanSection::kSupport) return std::string("#new_item");
    if (e.field == "review_date") return std::string("#review_date-day");
    if (e.field.starts_with("outcomes")) return std::string("#outcomes");
    return "#" + IdOf(e.field);
  });
  d.set("back_href", PlanPath(v.record.id));
  return Page(status, std::string(domain::PlanSectionLabel(section)), "plan_section", d, ctx);
}

Response PlanningRoutes::PlanSectionPage(Context& ctx) {
  auto id = PlanIdFromPath(ctx);
  auto section = domain::ParsePlanSection(ctx.request.path_params["section"]);
  if (!id || !section) return ErrorResponse(Error::NotFound("No such part of a plan"), ctx);
  auto v = planning_.Get(ctx.call, *ctx.principal, *id);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  const domain::PlanFacts facts = app::PlanFactsOf(v->record);
  if (Status can = domain::CheckCanEdit(ctx.principal->actor, facts); !can.ok())
    return ErrorResponse(can.error(), ctx);
  return RenderPlanSection(200, ctx, *v, *section, app::SupportPlanToJson(v->content), {});
}

Response PlanningRoutes::PlanSectionSubmit(Context& ctx) {
  auto id = PlanIdFromPath(ctx);
  auto section = domain::ParsePlanSection(ctx.request.path_params["section"]);
  if (!id || !section) return ErrorResponse(Error::NotFound("No such part of a plan"), ctx);
  auto v = planning_.Get(ctx.call, *ctx.principal, *id);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  json::object content = ReadSection(*section, *form, app::SupportPlanToJson(v->content));
  auto parsed = app::SupportPlanFromJson(content, app::DefaultCatalogue());
  if (!parsed.ok()) {
    if (parsed.error().code != ErrorCode::kInvalidArgument)
      return ErrorResponse(parsed.error(), ctx);
    return RenderPlanSection(422, ctx, *v, *section, content, parsed.error().fields);
  }
  auto saved = planning_.Save(ctx.call, *ctx.principal, *id, *parsed,
                              std::string(domain::PlanSectionLabel(*section)));
  if (!saved.ok()) {
    if (saved.error().code == ErrorCode::kInvalidArgument)
      return RenderPlanSection(422, ctx, *v, *section, content, saved.error().fields);
    return ErrorResponse(saved.error(), ctx);
  }
  if (*section == PlanSection::kSupport && Value(*form, "action") == "add")
    return Response::Redirect(PlanPath(*id) + "/sections/support");
  return Response::Redirect(PlanPath(*id));
}

Response PlanningRoutes::PlanSubmit(Context& ctx) {
  auto id = PlanIdFromPath(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No such support plan"), ctx);
  auto r = planning_.Submit(ctx.call, *ctx.principal, *id);
  if (!r.ok()) {
    if (r.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(r.error(), ctx);
    auto v = planning_.Get(ctx.call, *ctx.principal, *id);
    if (!v.ok()) return ErrorResponse(v.error(), ctx);
    return RenderPlan(422, ctx, *v, r.error().fields, "");
  }
  return Response::Redirect(PlanPath(*id));
}

Response PlanningRoutes::PlanDecide(Context& ctx) {
  auto id = PlanIdFromPath(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No such support plan"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  std::string decision = Value(*form, "decision");
  std::string reason = Value(*form, "reason");
  std::vector<FieldError> errors;
  if (decision != "approve" && decision != "return") {
    errors = {{"decision", "Choose whether to agree or return the plan"}};
  } else {
    auto r = planning_.Decide(
        ctx.call, *ctx.principal, *id,
        {decision == "approve" ? domain::PlanDecision::kApprove : domain::PlanDecision::kReturn,
         reason});
    if (r.ok()) return Response::Redirect(PlanPath(*id));
    if (r.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(r.error(), ctx);
    errors = r.error().fields;
  }
  // Read the plan only to show the form again with its errors.
  auto v = planning_.Get(ctx.call, *ctx.principal, *id);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return RenderPlan(422, ctx, *v, errors, reason);
}

Response PlanningRoutes::PlanRevise(Context& ctx) {
  auto id = PlanIdFromPath(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No such support plan"), ctx);
  auto r = planning_.Revise(ctx.call, *ctx.principal, *id);
  if (!r.ok()) return ErrorResponse(r.error(), ctx);
  return Response::Redirect(PlanPath(*id));
}

Response PlanningRoutes::PlanAgreedPage(Context& ctx) {
  auto id = PlanIdFromPath(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No such support plan"), ctx);
  auto v = planning_.GetAgreed(ctx.call, *ctx.principal, *id);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  const auto& r = v->record;
  // The agreement: the newest approval of the agreed version (a later return of a newer draft
  // does not change why this budget was agreed).
  const app::SupportPlanEvent* agreement = nullptr;
  for (const auto& e : v->events)
    if (e.version == r.approved_version && e.kind.starts_with("approved")) agreement = &e;
  const bool self = ctx.principal->user.role == Role::kBudgetHolder;
  ViewData d;
  d.set("plan_id", std::to_string(*id));
  d.set("person_name", v->person.details.given_name + " " + v->person.details.family_name);
  d.set("reference", domain::PersonReference(v->person.id));
  d.set("version", std::to_string(r.approved_version));
  d.set("agreed_on", agreement ? agreement->at.UtcDate().ToString() : "");
  d.set("agreed_weekly", r.agreed_weekly.ToDisplayString());
  d.set("agreed_annual", r.agreed_annual.ToDisplayString());
  d.set("whose", self ? "your" : "the person's");
  d.set("decision_reason", agreement ? agreement->reason : "");
  AddCost(d, *v);
  AddContents(d, v->content);
  d.set("back_href", PlanPath(*id));
  return Page(200, self ? "Your agreed support plan" : "Agreed support plan", "plan_agreed", d,
              ctx);
}

Response PlanningRoutes::PlansWaitingPage(Context& ctx) {
  auto list = planning_.Waiting(ctx.call, *ctx.principal);
  if (!list.ok()) return ErrorResponse(list.error(), ctx);
  ViewList rows;
  for (const auto& w : *list) {
    ViewData r;
    r.set("id", std::to_string(w.plan.id));
    r.set("name", w.person_name);
    r.set("since", w.plan.submitted_at ? w.plan.submitted_at->UtcDate().ToString() : "");
    r.set("weekly", w.plan.weekly_total.ToDisplayString());
    r.set("indicative",
          w.plan.indicative_weekly ? w.plan.indicative_weekly->ToDisplayString() : "None");
    rows.push_back(r);
  }
  ViewData d;
  d.set("rows", rows);
  d.set("has_rows", !rows.empty());
  return Page(200, "Plans waiting for approval", "plans_waiting", d, ctx);
}

Response PlanningRoutes::SpendingDashboardPage(Context& ctx) {
  app::SpendQuery q;
  std::string team = ctx.request.Query("team");
  if (auto t = TeamId::Parse(team)) q.team_id = *t;
  q.client_group = ctx.request.Query("client_group");
  auto summary = planning_.Dashboard(ctx.call, *ctx.principal, q);
  if (!summary.ok() && summary.error().code != ErrorCode::kInvalidArgument)
    return ErrorResponse(summary.error(), ctx);
  ViewData d;
  std::vector<FieldError> errors;
  app::SpendSummary s;
  if (summary.ok())
    s = *summary;
  else
    errors = summary.error().fields;
  // By category (traditional first), by management option, by month.
  std::map<std::string, std::pair<Pence, int64_t>> by_category, by_managed;
  std::map<std::string, std::pair<Pence, Pence>> by_month;  // traditional, creative
  Pence total;
  for (const auto& c : s.spend) {
    by_category[c.key].first = by_category[c.key].first + c.weekly;
    by_category[c.key].second += c.count;
    by_managed[c.managed_as].first = by_managed[c.managed_as].first + c.weekly;
    by_managed[c.managed_as].second += c.count;
    auto cat = domain::ParseSupportCategory(c.key);
    auto& m = by_month[c.month];
    if (cat && domain::IsTraditional(*cat))
      m.first = m.first + c.weekly;
    else
      m.second = m.second + c.weekly;
    total = total + c.weekly;
  }
  auto percent = [&](Pence p) {
    if (total <= Pence{}) return std::string("0%");
    // Rounding: half up to a whole per cent.
    return std::to_string((p.pence() * 200 / total.pence() + 1) / 2) + "%";
  };
  ViewList categories;
  std::vector<std::pair<std::string, int64_t>> bars;
  Pence traditional, creative;
  for (size_t i = 0; i < domain::kSupportCategoryCount; ++i) {
    auto cat = static_cast<domain::SupportCategory>(i);
    auto it = by_category.find(std::string(domain::SupportCategoryCode(cat)));
    if (it == by_category.end()) continue;
    ViewData r;
    r.set("label", std::string(domain::SupportCategoryLabel(cat)));
    r.set("kind", domain::IsTraditional(cat) ? "Traditional" : "Creative");
    r.set("weekly", it->second.first.ToDisplayString());
    r.set("lines", std::to_string(it->second.second));
    r.set("share", percent(it->second.first));
    categories.push_back(r);
    bars.push_back(
        {std::string(domain::SupportCategoryLabel(cat)), it->second.first.pence() / 100});
    (domain::IsTraditional(cat) ? traditional : creative) =
        (domain::IsTraditional(cat) ? traditional : creative) + it->second.first;
  }
  ViewList managed;
  for (size_t i = 0; i < domain::kManagedAsCount; ++i) {
    auto m = static_cast<domain::ManagedAs>(i);
    auto it = by_managed.find(std::string(domain::ManagedAsCode(m)));
    if (it == by_managed.end()) continue;
    ViewData r;
    r.set("label", std::string(domain::ManagedAsLabel(m)));
    r.set("weekly", it->second.first.ToDisplayString());
    r.set("share", percent(it->second.first));
    managed.push_back(r);
  }
  ViewList months;
  std::vector<std::pair<std::string, int64_t>> month_bars;
  for (const auto& [month, tc] : by_month) {
    ViewData r;
    r.set("month", month);
    r.set("traditional", tc.first.ToDisplayString());
    r.set("creative", tc.second.ToDisplayString());
    r.set("total", (tc.first + tc.second).ToDisplayString());
    months.push_back(r);
    month_bars.push_back({month, (tc.first + tc.second).pence() / 100});
  }
  ViewList agreements;
  int64_t plans = 0;
  for (const auto& a : s.agreements) plans += a.count;
  std::map<std::string, std::pair<int64_t, Pence>> by_return;
  for (const auto& a : s.agreements) {
    by_return[a.key].first += a.count;
    by_return[a.key].second = by_return[a.key].second + a.weekly;
  }
  for (const auto& [key, value] : by_return) {
    ViewData r;
    std::string label = key;
    for (auto rc :
         {domain::ReturnCategory::kNoPaidSupport, domain::ReturnCategory::kDirectPaymentOnly,
          domain::ReturnCategory::kPartDirectPayment, domain::ReturnCategory::kCouncilManagedBudget,
          domain::ReturnCategory::kCouncilCommissionedOnly})
      if (domain::ReturnCategoryCode(rc) == key)
        label = std::string(domain::ReturnCategoryLabel(rc));
    r.set("label", label);
    r.set("plans", std::to_string(value.first));
    r.set("weekly", value.second.ToDisplayString());
    agreements.push_back(r);
  }
  d.set("categories", categories);
  d.set("managed", managed);
  d.set("months", months);
  d.set("agreements", agreements);
  d.set("has_spend", !categories.empty());
  d.set("total", total.ToDisplayString());
  d.set("plans", std::to_string(plans));
  d.set("traditional", traditional.ToDisplayString());
  d.set("creative", creative.ToDisplayString());
  d.set("traditional_share", percent(traditional));
  d.set("creative_share", percent(creative));
  d.set("category_chart",
        BarChartSvg("category-chart", "Agreed weekly spend by category, pounds",
                    "Bar chart of the weekly spend of agreed plans in each category; the same "
                    "figures are in the table below",
                    bars));
  d.set("month_chart",
        BarChartSvg("month-chart", "Agreed weekly spend by the month plans were agreed, pounds",
                    "Bar chart of the weekly spend of current agreed plans by the month they were "
                    "agreed; the same figures are in the table below",
                    month_bars));
  // Filters.
  ViewList teams;
  if (ctx.principal->user.role != Role::kApprover) {
    ViewData all;
    all.set("value", "");
    all.set("label", "All teams");
    all.set("selected", !q.team_id);
    teams.push_back(all);
    Status listed = store_.Read(ctx.call.council, [&](app::Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(auto list, tx.teams().List());
      for (const auto& t : list) {
        ViewData o;
        o.set("value", t.id.ToString());
        o.set("label", t.name);
        o.set("selected", q.team_id && *q.team_id == t.id);
        teams.push_back(o);
      }
      return OkStatus();
    });
    if (!listed.ok()) teams = ViewList{};  // The filter is left out; the figures still show.
  }
  d.set("teams", teams);
  d.set("choose_team", !teams.empty());
  ViewList groups;
  ViewData any;
  any.set("value", "");
  any.set("label", "All client groups");
  any.set("selected", q.client_group.empty());
  groups.push_back(any);
  for (auto r : domain::kAllPrimarySupportReasons) {
    ViewData o;
    o.set("value", std::string(domain::PrimarySupportReasonName(r)));
    o.set("label", std::string(domain::PrimarySupportReasonLabel(r)));
    o.set("selected", q.client_group == domain::PrimarySupportReasonName(r));
    groups.push_back(o);
  }
  d.set("groups", groups);
  if (!errors.empty()) d.set("group_error", errors[0].message);
  SetErrorSummary(d, errors, [](const FieldError&) { return std::string("#client_group"); });
  return Page(errors.empty() ? 200 : 422, "How agreed budgets are spent", "dashboard_spending", d,
              ctx);
}

void PlanningRoutes::AddPersonSection(ViewData& d, Context& ctx, const app::PersonFile& file) {
  const auto& who = *ctx.principal;
  const auto& person = file.person;
  bool self = who.user.role == Role::kBudgetHolder || who.user.role == Role::kRepresentative;
  d.set("plan_heading",
        who.user.role == Role::kBudgetHolder ? "Your support plan" : "Support plan");
  d.set("can_plan", self || domain::CanEditPerson(who.actor, {person.id, person.team_id}));
  if (file.plans.empty()) return;
  const auto& p = file.plans.front();
  ViewData plan;
  plan.set("id", std::to_string(p.id));
  plan.set("status_label", std::string(domain::PlanStatusLabel(p.status)));
  plan.set("status_class", PlanStatusTagClass(p.status));
  plan.set("weekly", (p.status == domain::PlanStatus::kApproved ? p.agreed_weekly : p.weekly_total)
                         .ToDisplayString());
  plan.set("agreed", p.approved_version > 0);
  d.set("plan", plan);
}

}  // namespace selfdirect::web
