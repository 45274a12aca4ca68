// The directory's public pages (search with filters, results a page at a time, a service's page,
// "add to my support plan") and the editors' list of entries due for checking.
#include <boost/json.hpp>
#include <map>

#include "app/directory/hsds_csv.h"
#include "app/passwords.h"
#include "app/planning/support_plan_json.h"
#include "base/limits.h"
#include "base/text.h"
#include "web/directory/directory_form.h"
#include "web/directory/directory_routes.h"

namespace selfdirect::web {
namespace json = boost::json;
using domain::Role;

namespace {

constexpr std::string_view kDayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                          "Friday", "Saturday", "Sunday"};

// The catalogue item a plan line for a service of this kind uses (data/planning/catalogue.json);
// empty when a plan does not pay for it (advice, for example).
std::string CatalogueItemFor(const std::string& term_name) {
  static const std::map<std::string, std::string> kItems = {
      {"Lunch clubs", "lunch-club"},
      {"Walking groups", "walking-group"},
      {"Music and singing", "choir"},
      {"Sport and exercise", "gym-month"},
      {"Swimming", "swim-session"},
      {"Arts and crafts", "art-class"},
      {"Gardening and allotments", "allotment-year"},
      {"Clubs and societies", "community-cafe"},
      {"Community cafes and drop-ins", "community-cafe"},
      {"Faith groups", "community-cafe"},
      {"Learning and volunteering", "volunteering-support"},
      {"Befriending", "befriending"},
      {"Personal assistants", "pa-hour"},
      {"Home care agencies", "home-care-hour"},
      {"Day services", "day-service-half"},
      {"Short breaks and respite", "respite-night"},
      {"Transport", "taxi-trip"},
      {"Equipment and technology", "tablet"}};
  auto it = kItems.find(term_name);
  return it == kItems.end() ? "" : it->second;
}

std::string FirstTermName(const domain::DirectoryService& s, const app::Taxonomy& t) {
  for (const auto& id : s.term_ids) {
    if (const auto* term = t.Find(id)) return term->name;
  }
  return "";
}

std::string SessionText(const domain::DirectorySchedule& s) {
  std::string days;
  for (size_t i = 0; i < s.days.size(); ++i) {
    if (i > 0) days += i + 1 == s.days.size() ? " and " : ", ";
    days += std::string(kDayNames[s.days[i]]) + "s";
  }
  std::string text = s.freq == "MONTHLY" ? "Once a month" : days.empty() ? "" : days;
  if (s.freq == "MONTHLY" && !days.empty()) text += ", on " + days;
  if (s.opens_at && s.closes_at) {
    text += (text.empty() ? "" : ", ") + domain::ClockTimeText(*s.opens_at) + " to " +
            domain::ClockTimeText(*s.closes_at);
  }
  if (text.empty()) text = s.description;
  return text;
}

std::string CostText(const domain::DirectoryCost& c) {
  if (!c.amount || c.amount->pence() == 0) {
    return c.amount_description.empty() ? "Free" : "Free (" + c.amount_description + ")";
  }
  return c.amount->ToDisplayString() +
         (c.amount_description.empty() ? "" : " " + c.amount_description) +
         (c.option.empty() ? "" : " (" + c.option + ")");
}

std::string AgesText(const domain::DirectoryService& s) {
  if (s.minimum_age && s.maximum_age) {
    return "People aged " + std::to_string(*s.minimum_age) + " to " +
           std::to_string(*s.maximum_age);
  }
  if (s.minimum_age) return "People aged " + std::to_string(*s.minimum_age) + " and over";
  if (s.maximum_age) return "People aged up to " + std::to_string(*s.maximum_age);
  return "Anyone";
}

std::string Summary(const std::string& text) {
  if (text.size() <= 160) return text;
  size_t cut = text.rfind(' ', 157);
  return text.substr(0, cut == std::string::npos ? 157 : cut) + "...";
}

std::string Query(const std::string& key, const std::string& value) {
  return value.empty() ? "" : key + "=" + PercentEncode(value) + "&";
}

// The profile's CSV file names, with an empty directory's text: the files an export writes.
const std::map<std::string, std::string>& ProfileCsvFiles() {
  static const std::map<std::string, std::string> files =
      app::HsdsCsvFiles({}, app::DefaultTaxonomy());
  return files;
}

}  // namespace

void DirectoryRoutes::AddPageRoutes() {
  Route open;
  open.audience = Audience::kPublic;
  open.handler = Bind(&DirectoryRoutes::DirectorySearchPage);
  Add(Method::kGet, "/directory", open);
  open.handler = Bind(&DirectoryRoutes::DirectoryServicePage);
  Add(Method::kGet, "/directory/services/{id}", open);
  const auto page = &PageRoute;
  Add(Method::kPost, "/directory/services/{id}/add-to-plan",
      page({Role::kBudgetHolder, Role::kRepresentative},
           Bind(&DirectoryRoutes::DirectoryAddToPlan)));
  Add(Method::kPost, "/directory/services/{id}/reviewed",
      page({Role::kDirectoryEditor, Role::kAdministrator},
           Bind(&DirectoryRoutes::DirectoryMarkReviewed)));
  Add(Method::kGet, "/directory/review",
      page({Role::kDirectoryEditor, Role::kAdministrator},
           Bind(&DirectoryRoutes::DirectoryReviewPage)));
  Add(Method::kGet, "/directory/new",
      page({Role::kDirectoryEditor, Role::kAdministrator},
           Bind(&DirectoryRoutes::DirectoryNewPage)));
  Add(Method::kPost, "/directory/new",
      page({Role::kDirectoryEditor, Role::kAdministrator},
           Bind(&DirectoryRoutes::DirectoryFormSubmit)));
  Add(Method::kGet, "/directory/import",
      page({Role::kDirectoryEditor, Role::kAdministrator},
           Bind(&DirectoryRoutes::DirectoryImportPage)));
  Add(Method::kPost, "/directory/import",
      page({Role::kDirectoryEditor, Role::kAdministrator},
           Bind(&DirectoryRoutes::DirectoryImportSubmit)));
  Add(Method::kGet, "/directory/export/{file}",
      page({Role::kDirectoryEditor, Role::kAdministrator},
           Bind(&DirectoryRoutes::DirectoryExportFile)));
  Add(Method::kGet, "/directory/services/{id}/edit",
      page({Role::kDirectoryEditor, Role::kAdministrator},
           Bind(&DirectoryRoutes::DirectoryEditPage)));
  Add(Method::kPost, "/directory/services/{id}/edit",
      page({Role::kDirectoryEditor, Role::kAdministrator},
           Bind(&DirectoryRoutes::DirectoryFormSubmit)));
}

Response DirectoryRoutes::DirectorySearchPage(Context& ctx) {
  const Request& r = ctx.request;
  const app::Taxonomy& taxonomy = directory_.taxonomy();
  app::DirectorySearchRequest q;
  q.search = r.Query("search");
  q.postcode = r.Query("postcode");
  const std::string miles = r.Query("miles").empty() ? "5" : r.Query("miles");
  q.taxonomy_term_id = r.Query("category");
  q.day = r.Query("day");
  q.free = r.Query("free");
  q.page = r.Query("page");
  q.active_only = true;
  ViewData d;
  d.set("search", q.search);
  d.set("postcode", q.postcode);
  d.set("free", q.free == "true");
  ViewList miles_options;
  int64_t miles_number = 5;  // Anything but the choices offered reads as the default.
  for (int64_t m : {1, 2, 5, 10, 20}) {
    const std::string text = std::to_string(m);
    ViewData o;
    o.set("value", text);
    o.set("text", "Within " + text + (m == 1 ? " mile" : " miles"));
    o.set("selected", miles == text);
    if (miles == text) miles_number = m;
    miles_options.push_back(o);
  }
  d.set("miles_options", miles_options);
  if (!q.postcode.empty()) q.proximity = std::to_string(domain::MilesToMetres(miles_number));
  ViewList categories;
  for (const auto& top : taxonomy.terms) {
    if (!top.parent_id.empty()) continue;
    ViewData c;
    c.set("id", top.id);
    c.set("name", top.name);
    c.set("lower_name", AsciiLower(top.name));
    c.set("selected", q.taxonomy_term_id == top.id);
    ViewList terms;
    for (const auto& t : taxonomy.terms) {
      if (t.parent_id != top.id) continue;
      ViewData o;
      o.set("id", t.id);
      o.set("name", t.name);
      o.set("selected", q.taxonomy_term_id == t.id);
      terms.push_back(o);
    }
    c.set("terms", terms);
    categories.push_back(c);
  }
  d.set("categories", categories);
  ViewList day_options;
  {
    ViewData any;
    any.set("value", "");
    any.set("text", "Any day");
    any.set("selected", q.day.empty());
    day_options.push_back(any);
  }
  for (size_t i = 0; i < 7; ++i) {
    ViewData o;
    o.set("value", domain::kDayCodes[i]);
    o.set("text", kDayNames[i]);
    o.set("selected", q.day == domain::kDayCodes[i]);
    day_options.push_back(o);
  }
  d.set("day_options", day_options);

  auto page = directory_.Search(options_.council.id, q);
  if (!page.ok()) {
    if (page.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(page.error(), ctx);
    std::vector<FieldError> errors;
    for (const auto& f : page.error().fields) {
      if (f.field == "postcode") {
        errors.push_back({"postcode", f.message.find("lookup") != std::string::npos
                                          ? "We do not know the postcode " + q.postcode +
                                                ": check it, or search without a postcode"
                                          : "Enter a full UK postcode, like HR6 8AA"});
      } else if (f.field == "page") {
        errors.push_back({"search", "There are not that many pages of results: search again"});
      } else {
        errors.push_back({"search", "Check the search: " + f.field + " " + f.message});
      }
    }
    SetErrorSummary(d, errors);
    for (const auto& e : errors) d.set(e.field + "_error", e.message);
    d.set("result_text", "Correct the search to see results.");
    return Page(422, "Find local support and activities", "directory_search", d, ctx);
  }
  ViewList results;
  for (const auto& item : page->items) {
    const auto& s = item.service;
    ViewData v;
    v.set("href", "/directory/services/" + s.id);
    v.set("name", s.name);
    v.set("organisation", s.organization.name);
    v.set("summary", Summary(s.description));
    v.set("closed", s.status == domain::ServiceStatus::kTemporarilyClosed);
    if (!s.schedules.empty()) v.set("when", SessionText(s.schedules[0]));
    const domain::DirectoryLocation* place = s.locations.empty() ? nullptr : &s.locations[0];
    for (const auto& l : s.locations) {
      if (l.service_at_location_id == item.service_at_location_id) place = &l;
    }
    if (place) v.set("where", place->name + ", " + place->postcode);
    if (item.distance_metres)
      v.set("distance", domain::MilesText(*item.distance_metres) + " miles");
    v.set("cost", domain::IsFree(s) ? std::string("Free") : CostText(s.costs[0]));
    results.push_back(v);
  }
  d.set("results", results);
  d.set("has_results", !results.empty());
  const int64_t pages = page->total_pages();
  std::string text = page->total == 0   ? "No results. Try fewer words, another kind of activity "
                                          "or a greater distance."
                     : page->total == 1 ? "1 result"
                                        : std::to_string(page->total) + " results";
  if (!q.postcode.empty() && page->total > 0) {
    text += " within " + std::to_string(miles_number) + (miles_number == 1 ? " mile" : " miles") +
            " of " + AsciiUpper(q.postcode) + ", nearest first";
  }
  if (pages > 1) text += ", page " + std::to_string(page->page) + " of " + std::to_string(pages);
  d.set("result_text", text);
  const std::string base =
      "/directory?" + Query("search", q.search) + Query("postcode", q.postcode) +
      (q.postcode.empty() ? "" : Query("miles", miles)) + Query("category", q.taxonomy_term_id) +
      Query("day", q.day) + Query("free", q.free);
  SetPagination(d, page->page, static_cast<int>(pages), base);
  return Page(200, "Find local support and activities", "directory_search", d, ctx);
}

Response DirectoryRoutes::DirectoryServicePage(Context& ctx) {
  const std::string id = ctx.request.path_params["id"];
  auto entry = directory_.Get(options_.council.id, id);
  if (!entry.ok()) return ErrorResponse(entry.error(), ctx);
  const auto& s = entry->service;
  const app::Taxonomy& taxonomy = directory_.taxonomy();
  ViewData d;
  d.set("id", s.id);
  d.set("name", s.name);
  d.set("organisation", s.organization.name);
  d.set("description", s.description);
  d.set("closed", s.status == domain::ServiceStatus::kTemporarilyClosed);
  d.set("inactive", s.status == domain::ServiceStatus::kInactive ||
                        s.status == domain::ServiceStatus::kDefunct);
  std::string kinds;
  for (const auto& t : s.term_ids) {
    if (const auto* term = taxonomy.Find(t)) kinds += (kinds.empty() ? "" : ", ") + term->name;
  }
  d.set("kinds", kinds);
  ViewList sessions, places, costs, contacts;
  for (const auto& sch : s.schedules) sessions.push_back(SessionText(sch));
  for (const auto& l : s.locations) {
    ViewData p;
    std::string address = l.name;
    for (const auto* part : {&l.address_1, &l.city, &l.postcode}) {
      if (!part->empty()) address += ", " + *part;
    }
    p.set("address", address);
    p.set("accessibility", l.accessibility);
    places.push_back(p);
  }
  if (domain::IsFree(s)) costs.push_back(std::string_view("Free"));
  for (const auto& c : s.costs) {
    if (!domain::IsFree(s)) costs.push_back(CostText(c));
  }
  for (const auto& c : s.contacts) {
    ViewData v;
    v.set("name", c.name.empty() ? std::string("Contact") : c.name);
    v.set("title", c.title);
    ViewList phones;
    for (const auto& p : c.phones) {
      ViewData pv;
      pv.set("number", p.number);
      pv.set("note", p.description);
      // tel: wants the digits (and a leading +) only; an extension is left to the caller.
      std::string tel;
      const size_t extension = std::min(p.number.find(" x"), p.number.find(" ext"));
      for (char ch : p.number.substr(0, extension)) {
        if ((ch >= '0' && ch <= '9') || (ch == '+' && tel.empty())) tel += ch;
      }
      pv.set("tel", tel);
      phones.push_back(pv);
    }
    v.set("phones", phones);
    contacts.push_back(v);
  }
  ViewList areas;
  for (const auto& a : s.service_areas) areas.push_back(a.name);
  d.set("areas", areas);
  d.set("has_areas", !areas.empty());
  d.set("sessions", sessions);
  d.set("places", places);
  d.set("costs", costs);
  d.set("contacts", contacts);
  d.set("ages", AgesText(s));
  d.set("url", s.url);
  d.set("service_email", s.email);
  d.set("stale", entry->stale);
  d.set("review_due", entry->review_due);
  d.set("last_modified", s.last_modified.UtcDate().ToString());
  const std::string item = CatalogueItemFor(FirstTermName(s, taxonomy));
  if (!item.empty() && s.status == domain::ServiceStatus::kActive) {
    const bool planner = ctx.principal && (ctx.principal->user.role == Role::kBudgetHolder ||
                                           ctx.principal->user.role == Role::kRepresentative);
    d.set("can_add", planner);
    d.set("sign_in_to_add", !ctx.principal);
    if (const auto* i = app::DefaultCatalogue().Find(item)) {
      d.set("item_description", AsciiLower(i->description.substr(0, 1)) + i->description.substr(1));
    }
  }
  d.set("can_edit", ctx.principal && app::CanEditDirectory(ctx.principal->user.role));
  d.set("saved", ctx.request.Query("saved") == "1");
  if (ctx.principal) d.set("csrf_token", ctx.principal->session.csrf_token);
  return Page(200, s.name, "directory_service", d, ctx);
}

Response DirectoryRoutes::DirectoryAddToPlan(Context& ctx) {
  const auto& who = *ctx.principal;
  auto entry = directory_.Get(options_.council.id, ctx.request.path_params["id"]);
  if (!entry.ok()) return ErrorResponse(entry.error(), ctx);
  const auto& s = entry->service;
  const std::string item = CatalogueItemFor(FirstTermName(s, directory_.taxonomy()));
  if (item.empty()) {
    return ErrorResponse(Error::InvalidArgument("A support plan does not pay for this service"),
                         ctx);
  }
  PersonId person = who.actor.own_person_id;
  if (!person.valid() && !who.actor.represented_people.empty()) {
    person = who.actor.represented_people.front();
  }
  if (!person.valid()) {
    return ErrorResponse(Error::FailedPrecondition("There is no support plan to add it to"), ctx);
  }
  auto plan = planning_.Start(ctx.call, who, person);
  if (!plan.ok()) return ErrorResponse(plan.error(), ctx);
  json::object content = app::SupportPlanToJson(plan->content);
  json::object line{{"item", item},
                    {"description", s.name + " (" + s.organization.name + ")"},
                    {"quantity", "1"},
                    {"times", 1},
                    {"per", "week"}};
  if (!content.contains("lines") || !content["lines"].is_array()) content["lines"] = json::array{};
  content["lines"].as_array().push_back(std::move(line));
  auto parsed = app::SupportPlanFromJson(content, app::DefaultCatalogue());
  if (!parsed.ok()) return ErrorResponse(parsed.error(), ctx);
  auto saved = planning_.Save(ctx.call, who, plan->record.id, *parsed,
                              "Support: added " + s.name + " from the directory");
  if (!saved.ok()) return ErrorResponse(saved.error(), ctx);
  return Response::Redirect("/plans/" + std::to_string(plan->record.id) + "/sections/support");
}

Response DirectoryRoutes::DirectoryMarkReviewed(Context& ctx) {
  auto r = directory_.MarkReviewed(ctx.call, *ctx.principal, ctx.request.path_params["id"]);
  if (!r.ok()) return ErrorResponse(r.error(), ctx);
  return Response::Redirect("/directory/services/" + r->service.id);
}

Response DirectoryRoutes::DirectoryReviewPage(Context& ctx) {
  const int page_number = std::max(1, std::atoi(ctx.request.Query("page").c_str()));
  auto page = directory_.Stale(ctx.call, *ctx.principal, page_number);
  if (!page.ok()) return ErrorResponse(page.error(), ctx);
  ViewData d;
  ViewList results;
  for (const auto& item : page->items) {
    ViewData v;
    v.set("href", "/directory/services/" + item.service.id);
    v.set("name", item.service.name);
    v.set("organisation", item.service.organization.name);
    v.set("review_due", item.review_due);
    results.push_back(v);
  }
  d.set("results", results);
  d.set("has_results", !results.empty());
  d.set("result_text", page->total == 0 ? std::string("No entries are due for checking.")
                                        : std::to_string(page->total) + " entries to check");
  SetPagination(d, page->page, static_cast<int>(page->total_pages()), "/directory/review?");
  return Page(200, "Directory entries to check", "directory_review", d, ctx);
}

Response DirectoryRoutes::DirectoryNewPage(Context& ctx) {
  domain::DirectoryService blank;
  return RenderDirectoryForm(200, DirectoryFormValues(blank, ""), {}, "", ctx);
}

Response DirectoryRoutes::DirectoryEditPage(Context& ctx) {
  const std::string id = ctx.request.path_params["id"];
  auto entry = directory_.Get(options_.council.id, id);
  if (!entry.ok()) return ErrorResponse(entry.error(), ctx);
  return RenderDirectoryForm(200, DirectoryFormValues(entry->service, entry->review_due), {},
                             entry->service.id, ctx);
}

Response DirectoryRoutes::DirectoryFormSubmit(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  const std::string id = ctx.request.path_params["id"];
  domain::DirectoryService stored;
  if (id.empty()) {
    stored.id = app::RandomUuid();
    stored.organization.id = app::RandomUuid();
  } else {
    auto entry = directory_.Get(options_.council.id, id);
    if (!entry.ok()) return ErrorResponse(entry.error(), ctx);
    stored = entry->service;
  }
  DirectoryFormInput in = ReadDirectoryForm(*form, stored, &app::RandomUuid);
  std::vector<FieldError> errors = in.errors;
  // An organisation already in the directory, named on a new entry or named instead of the
  // entry's own: the entry joins it (its id, description and email; the website typed on the
  // form, else its own), so the feed lists one organisation, not two of the same name.
  if (errors.empty() && (id.empty() || AsciiLower(in.service.organization.name) !=
                                           AsciiLower(stored.organization.name))) {
    auto named = directory_.OrganisationNamed(options_.council.id, in.service.organization.name);
    if (!named.ok()) return ErrorResponse(named.error(), ctx);
    if (*named) {
      const std::string url = in.service.organization.url;
      in.service.organization = **named;
      if (!url.empty()) in.service.organization.url = url;
    }
  }
  if (errors.empty()) {
    auto saved = directory_.Save(ctx.call, *ctx.principal, in.service, in.review_due);
    if (saved.ok())
      return Response::Redirect("/directory/services/" + saved->service.id + "?saved=1");
    if (saved.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(saved.error(), ctx);
    for (const auto& f : saved.error().fields) {
      errors.push_back({DirectoryFormField(f.field, in), f.message});
    }
  }
  // Messages said of a field ("must not be below the minimum age") get its name in front.
  for (auto& e : errors) {
    if (!e.message.empty() && std::islower(static_cast<unsigned char>(e.message[0]))) {
      const std::string label = DirectoryFormLabel(e.field);
      e.message = (label.empty() ? "This" : label) + " " + e.message;
    }
  }
  return RenderDirectoryForm(422, *form, errors, id, ctx);
}

Response DirectoryRoutes::RenderDirectoryForm(int status,
                                              const std::multimap<std::string, std::string>& values,
                                              const std::vector<FieldError>& errors,
                                              const std::string& id, Context& ctx) {
  std::map<std::string, std::string> error_of;
  for (const auto& e : errors) error_of.emplace(e.field, e.message);
  auto value = [&](const std::string& name) { return FormValue(values, name); };
  struct Field {
    std::string name, label, hint, width = "govuk-!-width-full";
    bool textarea = false;
    std::string inputmode, autocomplete, type = "text";
  };
  auto input = [&](const Field& f) {
    ViewData v;
    v.set("name", f.name);
    v.set("label", f.label);
    v.set("hint", f.hint);
    v.set("value", value(f.name));
    v.set("width_class", f.width);
    v.set("textarea", f.textarea);
    v.set("type", f.type);
    v.set("inputmode", f.inputmode);
    v.set("autocomplete", f.autocomplete);
    auto err = error_of.find(f.name);
    v.set("error", err == error_of.end() ? std::string() : err->second);
    std::string describedby = f.hint.empty() ? "" : f.name + "-hint";
    if (err != error_of.end()) describedby += (describedby.empty() ? "" : " ") + f.name + "-error";
    v.set("describedby", describedby);
    return v;
  };
  auto error_for = [&](const std::string& field) {
    auto it = error_of.find(field);
    return it == error_of.end() ? std::string() : it->second;
  };
  // Radios or checkboxes; `fallback` is chosen when the form has nothing for `field`.
  auto choices = [&](const std::string& field, const std::string& first_id,
                     const std::vector<std::pair<std::string, std::string>>& options,
                     const std::string& fallback = "") {
    const std::vector<std::string> sent = FormValues(values, field);
    std::set<std::string> chosen(sent.begin(), sent.end());
    if (chosen.empty() && !fallback.empty()) chosen.insert(fallback);
    return ChoiceOptions(field, first_id, options, chosen);
  };

  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  const bool is_new = id.empty();
  d.set("action", is_new ? std::string("/directory/new") : "/directory/services/" + id + "/edit");
  d.set("back_href", is_new ? std::string("/directory/review") : "/directory/services/" + id);
  const std::string heading =
      is_new ? std::string("Add a directory entry")
             : "Change " + (value("name").empty() ? "the entry" : value("name"));
  d.set("heading", heading);

  ViewList about;
  about.push_back(input({"name", "Name of the service", "As people know it: Kington lunch club"}));
  about.push_back(input({"description", "What it offers", "", "", true}));
  about.push_back(input({"organization_name", "Organisation that runs it"}));
  about.push_back(input({"organization_url", "Organisation's website (optional)", "",
                         "govuk-!-width-full", false, "", "url", "url"}));
  about.push_back(input({"url", "The service's web page (optional)", "", "govuk-!-width-full",
                         false, "", "url", "url"}));
  about.push_back(input({"email", "Email for enquiries (optional)", "", "govuk-!-width-full", false,
                         "", "email", "email"}));
  d.set("about", about);
  ViewData status_field;
  status_field.set("error", error_for("status"));
  status_field.set("options", choices("status", "status",
                                      {{"active", "Running"},
                                       {"temporarily closed", "Temporarily closed"},
                                       {"inactive", "Not running at the moment"},
                                       {"defunct", "Stopped for good"}}));
  d.set("status_field", status_field);

  ViewData terms_field;
  terms_field.set("error", error_for("terms"));
  ViewList groups;
  const app::Taxonomy& taxonomy = directory_.taxonomy();
  bool first_term = true;
  for (const auto& top : taxonomy.terms) {
    if (!top.parent_id.empty()) continue;
    std::vector<std::pair<std::string, std::string>> options = {{top.id, top.name + " (general)"}};
    for (const auto& t : taxonomy.terms)
      if (t.parent_id == top.id) options.emplace_back(t.id, t.name);
    ViewData g;
    g.set("name", top.name);
    g.set("terms", choices("terms", first_term ? "terms" : "terms-" + top.id, options));
    first_term = false;
    groups.push_back(g);
  }
  terms_field.set("groups", groups);
  d.set("terms_field", terms_field);

  ViewList ages;
  ages.push_back(
      input({"minimum_age", "Youngest age (optional)", "In years. Leave empty for any age.",
             "govuk-input--width-3", false, "numeric"}));
  ages.push_back(input(
      {"maximum_age", "Oldest age (optional)", "", "govuk-input--width-3", false, "numeric"}));
  d.set("ages", ages);

  struct Kind {
    std::string key, title, intro, noun;
    std::vector<std::string> hidden;
    std::vector<Field> fields;  // Names without the "kind-N-" prefix.
  };
  const std::vector<Kind> kinds = {
      {"session",
       "When it runs",
       "Regular sessions. Times on the 24-hour clock, like 09:30 or 14:00.",
       "Session",
       {"id"},
       {{"opens", "Opens (optional)", "", "govuk-input--width-5", false, "numeric"},
        {"closes", "Closes (optional)", "", "govuk-input--width-5", false, "numeric"},
        {"description", "In words (optional)", "For example, every Tuesday in term time"}}},
      {"cost",
       "What it costs",
       "Leave this empty if it is free. An amount of 0 also means free.",
       "Cost",
       {"id"},
       {{"option", "What the cost is for", "For example, lunch, or membership"},
        {"amount", "Amount in pounds", "", "govuk-input--width-5", false, "decimal"},
        {"description", "Per (optional)", "For example, per session, or a year"}}},
      {"place",
       "Where",
       "",
       "Place",
       {"id", "link"},
       {{"name", "Name of the place", "For example, Kington Market Hall"},
        {"address", "Street address", "", "govuk-!-width-full", false, "", "address-line1"},
        {"town", "Town", "", "govuk-!-width-two-thirds", false, "", "address-level2"},
        {"postcode", "Postcode", "People searching near a postcode find it by this.",
         "govuk-input--width-10", false, "", "postal-code"},
        {"accessibility", "Access (optional)",
         "For example, step-free entrance; accessible toilet; hearing loop"}}},
      {"contact",
       "Who to contact",
       "",
       "Contact",
       {"id"},
       {{"name", "Name or role", "For example, Enquiries, or the group organiser"},
        {"title", "Job title (optional)"},
        {"phone", "Telephone (optional)", "", "govuk-input--width-20", false, "tel", "", "tel"},
        {"phone_note", "When to call (optional)", "For example, weekdays 9am to 5pm"}}},
      {"area",
       "Area it covers",
       "For services that come to people or serve an area: for example, people's homes in and "
       "around Kington.",
       "Area",
       {"id"},
       {{"name", "Area"}}}};
  ViewList sections;
  for (const auto& k : kinds) {
    ViewData section;
    section.set("title", k.title);
    section.set("intro", k.intro);
    ViewList rows;
    const int count = std::max(1, DirectoryFormRows(values, k.key));
    for (int n = 0; n < count; ++n) {
      const std::string at = k.key + "-" + std::to_string(n) + "-";
      ViewData row;
      const bool blank =
          value(at + "id").empty() && (k.key != "place" || value(at + "link").empty());
      row.set("legend",
              blank ? "Add a " + AsciiLower(k.noun) : k.noun + " " + std::to_string(n + 1));
      ViewList hidden;
      for (const auto& h : k.hidden) {
        ViewData hv;
        hv.set("name", at + h);
        hv.set("value", value(at + h));
        hidden.push_back(hv);
      }
      row.set("hidden", hidden);
      if (k.key == "session") {
        ViewData freq;
        freq.set("options",
                 choices(at + "freq", at + "freq",
                         {{"WEEKLY", "Every week"}, {"MONTHLY", "Once a month"}}, "WEEKLY"));
        row.set("freq", freq);
        ViewData days;
        days.set("field", at + "days");
        days.set("error", error_for(at + "days"));
        std::vector<std::pair<std::string, std::string>> day_options;
        for (size_t i = 0; i < 7; ++i) day_options.emplace_back(domain::kDayCodes[i], kDayNames[i]);
        days.set("options", choices(at + "days", at + "days", day_options));
        row.set("days", days);
      } else {
        row.set("freq", false);
        row.set("days", false);
      }
      ViewList inputs;
      for (Field f : k.fields) {
        f.name = at + f.name;
        inputs.push_back(input(f));
      }
      row.set("inputs", inputs);
      rows.push_back(row);
    }
    section.set("rows", rows);
    sections.push_back(section);
  }
  d.set("sections", sections);

  d.set("review_error", error_for("review_due"));
  ViewList parts;
  for (const auto& [part, label, width] : {std::tuple{"day", "Day", "govuk-input--width-2"},
                                           std::tuple{"month", "Month", "govuk-input--width-2"},
                                           std::tuple{"year", "Year", "govuk-input--width-4"}}) {
    ViewData p;
    p.set("part", part);
    p.set("label", label);
    p.set("width_class", width);
    p.set("value", value(std::string("review_due-") + part));
    parts.push_back(p);
  }
  d.set("review_parts", parts);
  SetErrorSummary(d, errors, [](const FieldError& e) {
    if (e.field == "review_due") return std::string("#review_due-day");
    if (e.field.ends_with("-days")) return "#" + e.field;
    return std::string();
  });
  return Page(status, heading, "directory_edit", d, ctx);
}

Response DirectoryRoutes::DirectoryImportPage(Context& ctx) {
  return RenderDirectoryImport(200, {}, nullptr, ctx);
}

Response DirectoryRoutes::DirectoryImportSubmit(Context& ctx) {
  auto fail = [&](const std::string& message) {
    return RenderDirectoryImport(422, {{"files", message}}, nullptr, ctx);
  };
  auto parts = ParseMultipartForm(ctx.request.Header("content-type"), ctx.request.body);
  if (!parts) return fail("The upload could not be read. Choose the files again");
  // A file input with nothing chosen sends one part with an empty name.
  std::map<std::string, std::string> csv;
  const std::map<std::string, std::string>& profile_files = ProfileCsvFiles();
  const FormPart* json_file = nullptr;
  int chosen = 0;
  for (const auto& p : *parts) {
    if (p.name != "files" || !p.filename || p.filename->empty()) continue;
    ++chosen;
    const std::string name = AsciiLower(*p.filename);
    if (name.ends_with(".json")) {
      if (json_file) return fail("Choose one JSON file at a time");
      json_file = &p;
    } else if (name.ends_with(".csv")) {
      if (!profile_files.count(name)) {
        std::string names;
        for (const auto& [known, text] : profile_files)
          names += (names.empty() ? "" : ", ") + known;
        return fail(*p.filename + " is not one of the profile's files (" + names + ")");
      }
      if (!csv.emplace(name, p.data).second) return fail("Two files are called " + name);
    } else {
      return fail(*p.filename + " is not a .json or .csv file");
    }
  }
  if (chosen == 0) return fail("Choose a JSON file or CSV files to import");
  if (json_file && !csv.empty()) return fail("Choose a JSON file or CSV files, not both");
  auto report = json_file ? directory_.Import(ctx.call, *ctx.principal, json_file->data)
                          : directory_.ImportCsv(ctx.call, *ctx.principal, csv);
  if (!report.ok()) {
    if (report.error().code != ErrorCode::kInvalidArgument) {
      return ErrorResponse(report.error(), ctx);
    }
    // The feed as a whole could not be read (not JSON, no services.csv): say why at the input.
    std::string message = report.error().message;
    for (const auto& f : report.error().fields) message += ": " + f.message;
    return fail(message);
  }
  return RenderDirectoryImport(report->applied ? 200 : 422, {}, &*report, ctx);
}

Response DirectoryRoutes::DirectoryExportFile(Context& ctx) {
  const std::string name = ctx.request.path_params["file"];
  auto files = directory_.ExportCsv(options_.council.id);
  if (!files.ok()) return ErrorResponse(files.error(), ctx);
  auto it = files->find(name);
  if (it == files->end()) {
    return ErrorResponse(Error::NotFound("The directory has no export called " + name), ctx);
  }
  Response r = Response::Text(200, it->second);
  r.SetHeader("Content-Type", "text/csv; charset=utf-8");
  r.SetHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return r;
}

Response DirectoryRoutes::RenderDirectoryImport(int status, const std::vector<FieldError>& errors,
                                                const app::ImportReport* report, Context& ctx) {
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("limit_mb", std::to_string(limits::kMaxUploadBodyBytes >> 20));
  std::vector<FieldError> summary = errors;
  std::string files_error;
  for (const auto& e : errors) {
    if (e.field == "files") files_error = e.message;
  }
  d.set("files_error", files_error);
  d.set("imported", std::string());
  ViewList problems;
  if (report && report->applied) {
    d.set("imported",
          "Imported " + std::to_string(report->rows) + (report->rows == 1 ? " entry" : " entries"));
    d.set("imported_detail", std::to_string(report->added) + " added, " +
                                 std::to_string(report->updated) + " changed, " +
                                 std::to_string(report->unchanged) + " already the same.");
  } else if (report) {
    summary.push_back(
        {"problems",
         std::to_string(report->problems.size()) +
             (report->problems.size() == 1 ? " row has a problem" : " rows have problems") +
             ", so nothing was stored. Correct them and upload the files again"});
    for (const auto& p : report->problems) {
      ViewData v;
      // Row 0 of a file: the file as a whole ("services.csv: file is required").
      v.set("where", p.file.empty() ? "Service " + std::to_string(p.row)
                     : p.row == 0   ? p.file
                                    : p.file + " row " + std::to_string(p.row));
      v.set("id", p.id);
      ViewList fields;
      for (const auto& f : p.fields) {
        ViewData fv;
        fv.set("field", f.field);
        fv.set("message", f.message);
        fields.push_back(fv);
      }
      v.set("fields", fields);
      problems.push_back(v);
    }
  }
  d.set("problems", problems);
  d.set("has_problems", !problems.empty());
  ViewList exports;
  for (const auto& [name, text] : ProfileCsvFiles()) {
    ViewData v;
    v.set("name", name);
    v.set("href", "/directory/export/" + name);
    exports.push_back(v);
  }
  d.set("exports", exports);
  SetErrorSummary(d, summary);
  return Page(status, "Import directory entries", "directory_import", d, ctx);
}

}  // namespace selfdirect::web
