// Support plan section pages: one form per part of the plan, which works without JavaScript. The
// form is read into the plan's JSON contents (app/planning/support_plan_json.h), so a page and the
// API refuse the same things with the same field names; it is shown again from those contents,
// with each field's error beside it.
#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <map>
#include <optional>

#include "app/planning/support_plan_json.h"
#include "base/text.h"
#include "web/openapi.h"
#include "web/planning/planning_routes.h"

namespace selfdirect::web {
namespace json = boost::json;
using domain::PlanSection;
using domain::Role;
using plan_pages::AddCost;
using plan_pages::Form;
using plan_pages::PlanPath;
using plan_pages::RowsOf;
using plan_pages::Value;

namespace {

// Whether the blank rows a list offers for new entries start ticked.
enum class NewRowsTicked { kNo, kYes };

// A list of a section: needs or helpers, each row two text fields and a checkbox.
struct RowList {
  const char* list;
  std::array<const char*, 2> fields;
  const char* checkbox;
  NewRowsTicked new_rows;
};
const RowList kNeedRows{"needs", {"description", "how_met"}, "eligible", NewRowsTicked::kYes};
const RowList kHelperRows{"helpers", {"who", "help"}, "paid", NewRowsTicked::kNo};

// The rows of `rows` as sent, up to the first row the form does not have (at most 50); a blank
// row is left out.
json::array ReadRows(const Form& f, const RowList& rows) {
  json::array out;
  for (int i = 0; i < 50; ++i) {
    std::string at = std::string(rows.list) + "[" + std::to_string(i) + "].";
    bool any = false, present = false;
    json::object row;
    for (const char* field : rows.fields) {
      present = present || f.count(at + field) > 0;
      std::string v = Value(f, at + field);
      any = any || !v.empty();
      row[field] = v;
    }
    if (!present) break;
    if (!any) continue;  // A blank row is left out.
    row[rows.checkbox] = Value(f, at + rows.checkbox) == "yes";
    out.push_back(std::move(row));
  }
  return out;
}

// One outcome a line of `text`, blank lines left out.
json::array ReadOutcomes(const std::string& text) {
  json::array outcomes;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line(Trim(std::string_view(text).substr(start, end - start)));
    if (!line.empty()) outcomes.push_back(json::string(line));
    start = end + 1;
  }
  return outcomes;
}

// "How many times" as typed: 1 when empty, a whole number when it is one, else the text itself
// (which the plan's reader refuses with a field error).
json::value TimesValue(const std::string& typed) {
  if (typed.empty()) return int64_t{1};
  const bool whole =
      typed.size() < 10 && typed.find_first_not_of("0123456789-") == std::string::npos;
  return whole ? json::value(int64_t{std::atoll(typed.c_str())}) : json::value(typed);
}

// The line the support form adds: a catalogue item, or the person's own choice.
std::optional<json::object> ReadNewLine(const Form& f) {
  std::string item = Value(f, "new_item");
  std::string description = Value(f, "new_description");
  if (item.empty() && description.empty()) return std::nullopt;
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
  l["times"] = TimesValue(Value(f, "new_times"));
  if (!Value(f, "new_per").empty()) l["per"] = Value(f, "new_per");
  if (!Value(f, "new_managed_as").empty()) l["managed_as"] = Value(f, "new_managed_as");
  return l;
}

// Line `i` as changed on the form: how many, how many times, how often and the price each time,
// where the form has them (the reader checks them, as for a new line).
json::value ChangedLine(const Form& f, size_t i, json::value line) {
  if (!line.is_object()) return line;
  json::object& l = line.get_object();
  const std::string at = "line-" + std::to_string(i) + "-";
  if (auto q = Value(f, at + "quantity"); !q.empty()) l["quantity"] = q;
  if (auto t = Value(f, at + "times"); !t.empty()) l["times"] = TimesValue(t);
  if (auto p = Value(f, at + "per"); !p.empty()) l["per"] = p;
  if (auto c = Value(f, at + "unit_cost"); !c.empty()) l["unit_cost"] = c;
  return line;
}

// The plan's lines as changed, less those ticked to remove, then the new line, if any.
json::array ReadSupportLines(const Form& f, const json::object& content) {
  json::array lines;
  const json::value* shown = content.if_contains("lines");
  const json::array* old = shown != nullptr ? shown->if_array() : nullptr;
  std::vector<std::string> removed = FormValues(f, "remove");
  for (size_t i = 0; old != nullptr && i < old->size(); ++i)
    if (std::find(removed.begin(), removed.end(), std::to_string(i)) == removed.end())
      lines.push_back(ChangedLine(f, i, (*old)[i]));
  if (std::optional<json::object> line = ReadNewLine(f)) lines.push_back(std::move(*line));
  return lines;
}

// The review date's three boxes as "YYYY-MM-DD", or null when all are blank.
json::value ReadReviewDate(const Form& f) {
  std::string day = Value(f, "review_date-day"), month = Value(f, "review_date-month"),
              year = Value(f, "review_date-year");
  auto pad = [](std::string s) { return s.size() == 1 ? "0" + s : s; };
  if (day.empty() && month.empty() && year.empty()) return nullptr;
  return json::string(year + "-" + pad(month) + "-" + pad(day));
}

// How the money is managed, the review date and the employer's options.
void ReadManagement(const Form& f, json::object& content) {
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
  content["review_date"] = ReadReviewDate(f);
  content["employment_allowance"] = Value(f, "employment_allowance") != "no";
  content["payroll_service"] = Value(f, "payroll_service") == "yes";
}

// The section's form fields read into the plan's JSON contents.
json::object ReadSection(PlanSection section, const Form& f, json::object content) {
  switch (section) {
    case PlanSection::kNeeds:
      content["needs"] = ReadRows(f, kNeedRows);
      break;
    case PlanSection::kWhatMatters:
      content["what_matters"] = Value(f, "what_matters");
      content["outcomes"] = ReadOutcomes(Value(f, "outcomes"));
      content["views"] = Value(f, "views");
      break;
    case PlanSection::kSupport: {
      json::array lines = ReadSupportLines(f, content);
      content["lines"] = std::move(lines);
      break;
    }
    case PlanSection::kHelpers:
      content["helpers"] = ReadRows(f, kHelperRows);
      break;
    case PlanSection::kContingency:
      for (const char* k : {"contingency", "risks", "advice"}) content[k] = Value(f, k);
      break;
    case PlanSection::kManagement:
      ReadManagement(f, content);
      break;
  }
  return content;
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

// A section form's fields, filled from the contents shown and the errors against them.
class SectionFields {
 public:
  SectionFields(const json::object& shown, const std::vector<FieldError>& errors)
      : shown_(shown), errors_(errors) {
    for (const auto& e : errors) error_of_[e.field] = e.message;
  }

  // The string at `key` of `o` ("" when absent or not a string).
  static std::string Text(const json::object& o, const char* key) {
    return openapi::StringField(o, key);
  }
  std::string Text(const char* key) const { return Text(shown_, key); }
  const json::object& shown() const { return shown_; }
  const std::vector<FieldError>& errors() const { return errors_; }
  // The error against the field at `path`, or null.
  const std::string* ErrorOf(const std::string& path) const {
    auto it = error_of_.find(path);
    return it == error_of_.end() ? nullptr : &it->second;
  }

  // Sets the field at JSON path `path` on `row`, named by the path's last part: its value, and
  // its form name, HTML id and error.
  void Field(ViewData& row, const std::string& path, const std::string& value) const {
    std::string key = path.substr(path.rfind('.') == std::string::npos ? 0 : path.rfind('.') + 1);
    row.set(key + "_name", path);
    row.set(key + "_id", IdOf(path));
    row.set(key, value);
    if (const std::string* error = ErrorOf(path)) row.set(key + "_error", *error);
  }

  // The rows of `rows` shown, then two blank ones for new entries.
  ViewList Rows(const RowList& rows) const {
    ViewList out;
    const json::array* a =
        shown_.if_contains(rows.list) ? shown_.at(rows.list).if_array() : nullptr;
    size_t n = a ? a->size() : 0;
    const json::object blank;
    for (size_t i = 0; i < n + 2; ++i) {
      const json::object& o = i < n && (*a)[i].is_object() ? (*a)[i].get_object() : blank;
      ViewData row;
      std::string at = std::string(rows.list) + "[" + std::to_string(i) + "]";
      row.set("number", std::to_string(i + 1));
      for (const char* k : rows.fields) Field(row, at + "." + k, Text(o, k));
      const json::value* box = o.if_contains(rows.checkbox);
      bool ticked =
          box && box->is_bool() ? box->get_bool() : rows.new_rows == NewRowsTicked::kYes && i >= n;
      const std::string checkbox = rows.checkbox;
      row.set(checkbox + "_name", at + "." + checkbox);
      row.set(checkbox + "_id", IdOf(at + "." + checkbox));
      row.set(checkbox, ticked);
      out.push_back(row);
    }
    return out;
  }

 private:
  const json::object& shown_;
  const std::vector<FieldError>& errors_;
  std::map<std::string, std::string> error_of_;
};

// What matters to the person, their outcomes (one a line) and their views.
ViewData WhatMattersFields(const SectionFields& form) {
  ViewData f;
  form.Field(f, "what_matters", form.Text("what_matters"));
  form.Field(f, "views", form.Text("views"));
  std::string outcomes;
  if (auto* a = form.shown().if_contains("outcomes"); a && a->is_array())
    for (const auto& o : a->get_array())
      if (o.is_string()) outcomes += std::string(o.get_string()) + "\n";
  form.Field(f, "outcomes", outcomes);
  for (const auto& e : form.errors())
    if (e.field.starts_with("outcomes[")) f.set("outcomes_error", e.message);
  return f;
}

ViewData ContingencyFields(const SectionFields& form) {
  ViewData f;
  for (const char* k : {"contingency", "risks", "advice"}) form.Field(f, k, form.Text(k));
  return f;
}

// The radios for how the money is managed, `managed` checked.
ViewList ManagedAsOptions(const std::string& managed) {
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
  return options;
}

// How the money is managed and the review date.
ViewData ManagementFields(const SectionFields& form) {
  ViewData f;
  f.set("options", ManagedAsOptions(form.Text("managed_as")));
  std::string date = form.Text("review_date");
  if (date.size() == 10) {
    f.set("day", date.substr(8, 2));
    f.set("month", date.substr(5, 2));
    f.set("year", date.substr(0, 4));
  }
  for (const std::string field : {"review_date", "managed_as"})
    if (const std::string* error = form.ErrorOf(field)) f.set(field + "_error", *error);
  return f;
}

// The council's catalogue, to choose a line from.
ViewList CatalogueOptions() {
  return RowsOf(app::DefaultCatalogue().items, [](ViewData& o, const auto& i) {
    o.set("code", i.code);
    o.set("label", i.description + " (" + i.reference_price.ToDisplayString() + " " +
                       WithArticle(domain::UnitCode(i.unit)) + ")");
  });
}

// The kinds of support, for a line of the person's own choice.
ViewList CategoryOptions() {
  ViewList categories;
  for (size_t c = 0; c < domain::kSupportCategoryCount; ++c) {
    auto cat = static_cast<domain::SupportCategory>(c);
    ViewData o;
    o.set("code", std::string(domain::SupportCategoryCode(cat)));
    o.set("label", std::string(domain::SupportCategoryLabel(cat)));
    categories.push_back(o);
  }
  return categories;
}

// The plan's costed lines, the form to add one, and the errors against the lines.
void AddSupportFields(ViewData& d, const app::PlanView& v, const std::vector<FieldError>& errors) {
  AddCost(d, v);
  d.set("catalogue", CatalogueOptions());
  d.set("categories", CategoryOptions());
  d.set("line_errors", RowsOf(errors, [](ViewData& le, const FieldError& e) {
          le.set("text", e.field + ": " + e.message);
        }));
}

// The section's own fields.
void AddSectionFields(ViewData& d, const app::PlanView& v, PlanSection section,
                      const SectionFields& form) {
  switch (section) {
    case PlanSection::kNeeds:
      d.set("rows", form.Rows(kNeedRows));
      break;
    case PlanSection::kHelpers:
      d.set("rows", form.Rows(kHelperRows));
      break;
    case PlanSection::kWhatMatters:
      d.set("f", WhatMattersFields(form));
      break;
    case PlanSection::kContingency:
      d.set("f", ContingencyFields(form));
      break;
    case PlanSection::kManagement:
      d.set("f", ManagementFields(form));
      break;
    case PlanSection::kSupport:
      AddSupportFields(d, v, form.errors());
      break;
  }
}

// The flag the template shows the section's form by: "is_what_matters".
std::string SectionFlag(PlanSection section) {
  std::string flag = "is_" + std::string(domain::PlanSectionCode(section));
  for (char& c : flag)
    if (c == '-') c = '_';
  return flag;
}

// The plan and the part of it named by the path.
struct PlanPart {
  SupportPlanId id;
  PlanSection section;
  app::PlanView plan;
};

Result<PlanPart> PlanPartFromPath(app::PlanningService& planning, Context& ctx) {
  auto id = PlanIdFromPath(ctx);
  auto section = domain::ParsePlanSection(ctx.request.path_params["section"]);
  if (!id || !section) return Error::NotFound("No such part of a plan");
  SD_ASSIGN_OR_RETURN(app::PlanView plan, planning.Get(ctx.call, *ctx.principal, *id));
  return PlanPart{*id, *section, std::move(plan)};
}

// Where the error summary links an error to.
std::string SectionErrorHref(PlanSection section, const FieldError& e) {
  if (section == PlanSection::kSupport) {
    // "lines[2].unit_cost" is line 2's price on the form; anything else, the new line.
    const size_t dot = e.field.find("].");
    if (e.field.starts_with("lines[") && dot != std::string::npos)
      return "#line-" + e.field.substr(6, dot - 6) + "-" + e.field.substr(dot + 2);
    return "#new_item";
  }
  if (e.field == "review_date") return "#review_date-day";
  if (e.field.starts_with("outcomes")) return "#outcomes";
  return "#" + IdOf(e.field);
}

}  // namespace

Response PlanningRoutes::RenderPlanSection(int status, Context& ctx, const app::PlanView& v,
                                           PlanSection section, const json::object& shown,
                                           const std::vector<FieldError>& errors) {
  const auto& who = *ctx.principal;
  const std::string label(domain::PlanSectionLabel(section));
  ViewData d;
  d.set("plan_id", v.record.id.ToString());
  d.set("person_name", v.person.details.given_name + " " + v.person.details.family_name);
  d.set("heading", label);
  d.set("section", std::string(domain::PlanSectionCode(section)));
  d.set("csrf_token", who.session.csrf_token);
  d.set("practitioner", who.user.role == Role::kPractitioner || who.user.role == Role::kApprover);
  d.set(SectionFlag(section), true);
  AddSectionFields(d, v, section, SectionFields(shown, errors));
  if (section == PlanSection::kSupport && ideas_) ideas_->AddPlanIdeas(d, ctx, v);
  SetErrorSummary(d, errors, [&](const FieldError& e) { return SectionErrorHref(section, e); });
  d.set("back_href", PlanPath(v.record.id));
  return Page(status, label, "plan_section", d, ctx);
}

Response PlanningRoutes::PlanSectionPage(Context& ctx) {
  auto part = PlanPartFromPath(planning_, ctx);
  if (!part.ok()) return ErrorResponse(part.error(), ctx);
  const app::PlanView& v = part->plan;
  const domain::PlanFacts facts = app::PlanFactsOf(v.record);
  if (Status can = domain::CheckCanEdit(ctx.principal->actor, facts); !can.ok())
    return ErrorResponse(can.error(), ctx);
  return RenderPlanSection(200, ctx, v, part->section, app::SupportPlanToJson(v.content), {});
}

Response PlanningRoutes::PlanSectionSubmit(Context& ctx) {
  auto part = PlanPartFromPath(planning_, ctx);
  if (!part.ok()) return ErrorResponse(part.error(), ctx);
  const auto& [id, section, v] = *part;
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  json::object content = ReadSection(section, *form, app::SupportPlanToJson(v.content));
  // Field errors show the form again as sent; other errors their own page.
  auto refused = [&, &v = v, &section = section](const Error& error) {
    if (error.code != ErrorCode::kInvalidArgument) return ErrorResponse(error, ctx);
    return RenderPlanSection(422, ctx, v, section, content, error.fields);
  };
  auto parsed = app::SupportPlanFromJson(content, app::DefaultCatalogue());
  if (!parsed.ok()) return refused(parsed.error());
  auto saved = planning_.Save(ctx.call, *ctx.principal, id, *parsed,
                              std::string(domain::PlanSectionLabel(section)));
  if (!saved.ok()) return refused(saved.error());
  // "Add it" and "Save and add another" stay on the part, with room for more.
  if (Value(*form, "action") == "add")
    return Response::Redirect(PlanPath(id) + "/sections/" +
                              std::string(domain::PlanSectionCode(section)));
  return Response::Redirect(PlanPath(id));
}

}  // namespace selfdirect::web
