#include "web/directory/directory_form_view.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "base/text.h"
#include "web/directory/directory_form.h"
#include "web/directory/directory_text.h"
#include "web/http/message.h"

namespace selfdirect::web {
namespace {

using Form = std::multimap<std::string, std::string>;
using Options = std::vector<std::pair<std::string, std::string>>;  // {value, label} pairs.

enum class Control { kInput, kTextarea };

// A text box of the form (the partial directory_field).
struct Field {
  std::string name;
  std::string label;
  std::string hint;
  std::string width = "govuk-!-width-full";
  Control control = Control::kInput;
  std::string inputmode;
  std::string autocomplete;
  std::string type = "text";
};

const std::vector<Field> kAboutFields = {
    {.name = "name",
     .label = "Name of the service",
     .hint = "As people know it: Kington lunch club"},
    {.name = "description", .label = "What it offers", .width = "", .control = Control::kTextarea},
    {.name = "organization_name", .label = "Organisation that runs it"},
    {.name = "organization_url",
     .label = "Organisation's website (optional)",
     .autocomplete = "url",
     .type = "url"},
    {.name = "url",
     .label = "The service's web page (optional)",
     .autocomplete = "url",
     .type = "url"},
    {.name = "email",
     .label = "Email for enquiries (optional)",
     .autocomplete = "email",
     .type = "email"}};

const std::vector<Field> kAgeFields = {{.name = "minimum_age",
                                        .label = "Youngest age (optional)",
                                        .hint = "In years. Leave empty for any age.",
                                        .width = "govuk-input--width-3",
                                        .inputmode = "numeric"},
                                       {.name = "maximum_age",
                                        .label = "Oldest age (optional)",
                                        .width = "govuk-input--width-3",
                                        .inputmode = "numeric"}};

// A kind of row the form repeats: sessions, costs, places, contacts and areas.
struct RowKind {
  std::string key;  // The fields' prefix: "session" for "session-0-opens".
  std::string title;
  std::string intro;
  std::string noun;
  std::vector<std::string> hidden;  // What the row keeps without showing it.
  std::vector<Field> fields;        // Names without the "key-N-" prefix.
};

const std::vector<RowKind> kRowKinds = {
    {"session",
     "When it runs",
     "Regular sessions. Times on the 24-hour clock, like 09:30 or 14:00.",
     "Session",
     {"id"},
     {{.name = "opens",
       .label = "Opens (optional)",
       .width = "govuk-input--width-5",
       .inputmode = "numeric"},
      {.name = "closes",
       .label = "Closes (optional)",
       .width = "govuk-input--width-5",
       .inputmode = "numeric"},
      {.name = "description",
       .label = "In words (optional)",
       .hint = "For example, every Tuesday in term time"}}},
    {"cost",
     "What it costs",
     "Leave this empty if it is free. An amount of 0 also means free.",
     "Cost",
     {"id"},
     {{.name = "option",
       .label = "What the cost is for",
       .hint = "For example, lunch, or membership"},
      {.name = "amount",
       .label = "Amount in pounds",
       .width = "govuk-input--width-5",
       .inputmode = "decimal"},
      {.name = "description",
       .label = "Per (optional)",
       .hint = "For example, per session, or a year"}}},
    {"place",
     "Where",
     "",
     "Place",
     {"id", "link"},
     {{.name = "name", .label = "Name of the place", .hint = "For example, Kington Market Hall"},
      {.name = "address", .label = "Street address", .autocomplete = "address-line1"},
      {.name = "town",
       .label = "Town",
       .width = "govuk-!-width-two-thirds",
       .autocomplete = "address-level2"},
      {.name = "postcode",
       .label = "Postcode",
       .hint = "People searching near a postcode find it by this.",
       .width = "govuk-input--width-10",
       .autocomplete = "postal-code"},
      {.name = "accessibility",
       .label = "Access (optional)",
       .hint = "For example, step-free entrance; accessible toilet; hearing loop"}}},
    {"contact",
     "Who to contact",
     "",
     "Contact",
     {"id"},
     {{.name = "name",
       .label = "Name or role",
       .hint = "For example, Enquiries, or the group organiser"},
      {.name = "title", .label = "Job title (optional)"},
      {.name = "phone",
       .label = "Telephone (optional)",
       .width = "govuk-input--width-20",
       .inputmode = "tel",
       .type = "tel"},
      {.name = "phone_note",
       .label = "When to call (optional)",
       .hint = "For example, weekdays 9am to 5pm"}}},
    {"area",
     "Area it covers",
     "For services that come to people or serve an area: for example, people's homes in and "
     "around Kington.",
     "Area",
     {"id"},
     {{.name = "name", .label = "Area"}}}};

// The form's values and the problem with each field, shown as the template wants them.
class FormView {
 public:
  FormView(const Form& values, const std::vector<FieldError>& errors) : values_(values) {
    for (const auto& e : errors) errors_.emplace(e.field, e.message);
  }

  const Form& values() const { return values_; }
  std::string Value(const std::string& name) const { return FormValue(values_, name); }
  // The first problem with `field`, or "".
  std::string ErrorFor(const std::string& field) const {
    auto it = errors_.find(field);
    return it == errors_.end() ? std::string() : it->second;
  }

  ViewData Input(const Field& f) const {
    ViewData v;
    v.set("name", f.name);
    v.set("label", f.label);
    v.set("hint", f.hint);
    v.set("value", Value(f.name));
    v.set("width_class", f.width);
    v.set("textarea", f.control == Control::kTextarea);
    v.set("type", f.type);
    v.set("inputmode", f.inputmode);
    v.set("autocomplete", f.autocomplete);
    const std::string error = ErrorFor(f.name);
    v.set("error", error);
    std::string describedby = f.hint.empty() ? "" : f.name + "-hint";
    if (errors_.count(f.name)) describedby += (describedby.empty() ? "" : " ") + f.name + "-error";
    v.set("describedby", describedby);
    return v;
  }

  // `fields`, each named with `prefix` in front.
  ViewList Inputs(const std::vector<Field>& fields, const std::string& prefix = "") const {
    ViewList inputs;
    for (Field f : fields) {
      f.name = prefix + f.name;
      inputs.push_back(Input(f));
    }
    return inputs;
  }

  // Radios or checkboxes; `fallback` is chosen when the form has nothing for `field`.
  ViewList Choices(const std::string& field, const std::string& first_id, const Options& options,
                   const std::string& fallback = "") const {
    const std::vector<std::string> sent = FormValues(values_, field);
    std::set<std::string> chosen(sent.begin(), sent.end());
    if (chosen.empty() && !fallback.empty()) chosen.insert(fallback);
    return ChoiceOptions(field, first_id, options, chosen);
  }

 private:
  const Form& values_;
  std::map<std::string, std::string> errors_;
};

ViewData StatusField(const FormView& form) {
  ViewData status;
  status.set("error", form.ErrorFor("status"));
  status.set("options", form.Choices("status", "status",
                                     {{"active", "Running"},
                                      {"temporarily closed", "Temporarily closed"},
                                      {"inactive", "Not running at the moment"},
                                      {"defunct", "Stopped for good"}}));
  return status;
}

// A group of checkboxes for each top term of the taxonomy: the term itself and those beneath it.
ViewData TermsField(const FormView& form, const app::Taxonomy& taxonomy) {
  ViewData terms;
  terms.set("error", form.ErrorFor("terms"));
  ViewList groups;
  bool first_term = true;
  for (const auto& top : taxonomy.terms) {
    if (!top.parent_id.empty()) continue;
    Options options = {{top.id, top.name + " (general)"}};
    for (const auto& t : taxonomy.terms)
      if (t.parent_id == top.id) options.emplace_back(t.id, t.name);
    ViewData g;
    g.set("name", top.name);
    g.set("terms", form.Choices("terms", first_term ? "terms" : "terms-" + top.id, options));
    first_term = false;
    groups.push_back(g);
  }
  terms.set("groups", groups);
  return terms;
}

// How often a session runs, and on which days; `at` is its row's prefix.
void SetSessionChoices(ViewData& row, const FormView& form, const std::string& at) {
  ViewData freq;
  freq.set("options",
           form.Choices(at + "freq", at + "freq",
                        {{"WEEKLY", "Every week"}, {"MONTHLY", "Once a month"}}, "WEEKLY"));
  row.set("freq", freq);
  ViewData days;
  days.set("field", at + "days");
  days.set("error", form.ErrorFor(at + "days"));
  Options day_options;
  for (size_t i = 0; i < 7; ++i) day_options.emplace_back(domain::kDayCodes[i], kDayNames[i]);
  days.set("options", form.Choices(at + "days", at + "days", day_options));
  row.set("days", days);
}

// Row `n` of kind `k`: "Session 1" when it keeps a stored item, else "Add a session".
ViewData RowView(const FormView& form, const RowKind& k, int n) {
  const std::string at = k.key + "-" + std::to_string(n) + "-";
  ViewData row;
  const bool blank =
      form.Value(at + "id").empty() && (k.key != "place" || form.Value(at + "link").empty());
  row.set("legend", blank ? "Add a " + AsciiLower(k.noun) : k.noun + " " + std::to_string(n + 1));
  ViewList hidden;
  for (const auto& h : k.hidden) {
    ViewData hv;
    hv.set("name", at + h);
    hv.set("value", form.Value(at + h));
    hidden.push_back(hv);
  }
  row.set("hidden", hidden);
  if (k.key == "session") {
    SetSessionChoices(row, form, at);
  } else {
    row.set("freq", false);
    row.set("days", false);
  }
  row.set("inputs", form.Inputs(k.fields, at));
  return row;
}

// A section for each kind of row, with at least one row.
ViewList RowSections(const FormView& form) {
  ViewList sections;
  for (const auto& k : kRowKinds) {
    ViewData section;
    section.set("title", k.title);
    section.set("intro", k.intro);
    ViewList rows;
    const int count = std::max(1, DirectoryFormRows(form.values(), k.key));
    for (int n = 0; n < count; ++n) rows.push_back(RowView(form, k, n));
    section.set("rows", rows);
    sections.push_back(section);
  }
  return sections;
}

// The day, month and year boxes of the next check.
ViewList ReviewParts(const FormView& form) {
  ViewList parts;
  for (const auto& [part, label, width] : {std::tuple{"day", "Day", "govuk-input--width-2"},
                                           std::tuple{"month", "Month", "govuk-input--width-2"},
                                           std::tuple{"year", "Year", "govuk-input--width-4"}}) {
    ViewData p;
    p.set("part", part);
    p.set("label", label);
    p.set("width_class", width);
    p.set("value", form.Value(std::string("review_due-") + part));
    parts.push_back(p);
  }
  return parts;
}

}  // namespace

ViewData DirectoryFormView(const Form& values, const std::vector<FieldError>& errors,
                           const app::Taxonomy& taxonomy) {
  const FormView form(values, errors);
  ViewData d;
  d.set("about", form.Inputs(kAboutFields));
  d.set("status_field", StatusField(form));
  d.set("terms_field", TermsField(form, taxonomy));
  d.set("ages", form.Inputs(kAgeFields));
  d.set("sections", RowSections(form));
  d.set("review_error", form.ErrorFor("review_due"));
  d.set("review_parts", ReviewParts(form));
  SetErrorSummary(d, errors, [](const FieldError& e) {
    if (e.field == "review_due") return std::string("#review_due-day");
    if (e.field.ends_with("-days")) return "#" + e.field;
    return std::string();
  });
  return d;
}

}  // namespace selfdirect::web
