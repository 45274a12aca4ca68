// The directory's public pages (search with filters, results a page at a time, a service's page,
// "add to my support plan") and the registration of every directory page. The editors' pages are
// in directory_editor_pages.cc.
#include <boost/json.hpp>
#include <cctype>
#include <map>

#include "app/planning/support_plan_json.h"
#include "base/text.h"
#include "web/directory/directory_routes.h"
#include "web/directory/directory_text.h"

namespace selfdirect::web {
namespace json = boost::json;
using domain::Role;

namespace {

const std::vector<Role> kEditors = {Role::kDirectoryEditor, Role::kAdministrator};
const std::vector<Role> kPlanners = {Role::kBudgetHolder, Role::kRepresentative};

constexpr const char* kSearchTitle = "Find local support and activities";
// The distances the search offers; anything else reads as the default.
constexpr int64_t kMilesChoices[] = {1, 2, 5, 10, 20};
constexpr int64_t kDefaultMiles = 5;

std::string Query(const std::string& key, const std::string& value) {
  return value.empty() ? "" : key + "=" + PercentEncode(value) + "&";
}

// "1 mile", "5 miles".
std::string MilesWords(int64_t miles) {
  return std::to_string(miles) + (miles == 1 ? " mile" : " miles");
}

// One option of a select: its value, its text, and whether it is the one chosen.
ViewData SelectOption(std::string_view value, const std::string& text, bool selected) {
  ViewData o;
  o.set("value", value);
  o.set("text", text);
  o.set("selected", selected);
  return o;
}

// The search form as sent: the search itself (running services only), and the distance chosen.
struct SearchForm {
  app::DirectorySearchRequest query;
  std::string miles;                     // As sent; "5" when empty.
  int64_t miles_number = kDefaultMiles;  // The choice it names, else the default.
};

SearchForm ReadSearchForm(const Request& r) {
  SearchForm form;
  app::DirectorySearchRequest& q = form.query;
  q.search = r.Query("search");
  q.postcode = r.Query("postcode");
  form.miles = r.Query("miles").empty() ? std::to_string(kDefaultMiles) : r.Query("miles");
  q.taxonomy_term_id = r.Query("category");
  q.day = r.Query("day");
  q.free = r.Query("free");
  q.page = r.Query("page");
  q.active_only = true;
  for (int64_t m : kMilesChoices) {
    if (form.miles == std::to_string(m)) form.miles_number = m;
  }
  if (!q.postcode.empty()) q.proximity = std::to_string(domain::MilesToMetres(form.miles_number));
  return form;
}

ViewList MilesOptions(const std::string& miles) {
  ViewList options;
  for (int64_t m : kMilesChoices) {
    const std::string text = std::to_string(m);
    options.push_back(SelectOption(text, "Within " + MilesWords(m), miles == text));
  }
  return options;
}

// The taxonomy's top terms, each with the terms beneath it; `chosen` is selected.
ViewList CategoryOptions(const app::Taxonomy& taxonomy, const std::string& chosen) {
  auto term_view = [&](const auto& term) {
    ViewData v;
    v.set("id", term.id);
    v.set("name", term.name);
    v.set("selected", chosen == term.id);
    return v;
  };
  ViewList categories;
  for (const auto& top : taxonomy.terms) {
    if (!top.parent_id.empty()) continue;
    ViewData c = term_view(top);
    c.set("lower_name", AsciiLower(top.name));
    ViewList terms;
    for (const auto& t : taxonomy.terms) {
      if (t.parent_id == top.id) terms.push_back(term_view(t));
    }
    c.set("terms", terms);
    categories.push_back(c);
  }
  return categories;
}

ViewList DayOptions(const std::string& chosen) {
  ViewList options;
  options.push_back(SelectOption("", "Any day", chosen.empty()));
  for (size_t i = 0; i < 7; ++i) {
    options.push_back(SelectOption(domain::kDayCodes[i], std::string(kDayNames[i]),
                                   chosen == domain::kDayCodes[i]));
  }
  return options;
}

// The form's fields as sent, and its choices.
void SetSearchFilters(ViewData& d, const SearchForm& form, const app::Taxonomy& taxonomy) {
  const app::DirectorySearchRequest& q = form.query;
  d.set("search", q.search);
  d.set("postcode", q.postcode);
  d.set("free", q.free == "true");
  d.set("miles_options", MilesOptions(form.miles));
  d.set("categories", CategoryOptions(taxonomy, q.taxonomy_term_id));
  d.set("day_options", DayOptions(q.day));
}

// A search the directory refused, said of the form's fields.
std::vector<FieldError> SearchErrors(const Error& error, const std::string& postcode) {
  std::vector<FieldError> errors;
  for (const auto& f : error.fields) {
    if (f.field == "postcode") {
      errors.push_back({"postcode", f.message.find("lookup") != std::string::npos
                                        ? "We do not know the postcode " + postcode +
                                              ": check it, or search without a postcode"
                                        : "Enter a full UK postcode, like HR6 8AA"});
    } else if (f.field == "page") {
      errors.push_back({"search", "There are not that many pages of results: search again"});
    } else {
      errors.push_back({"search", "Check the search: " + f.field + " " + f.message});
    }
  }
  return errors;
}

// One result: the service, when and where it runs (the place found, else its first), and cost.
// `back`: the search's own address, so that the service page's "Back to search" keeps it.
ViewData ResultView(const app::DirectoryListing& item, const std::string& back) {
  const auto& s = item.service;
  ViewData v;
  v.set("href", "/directory/services/" + s.id + "?back=" + PercentEncode(back));
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
  if (item.distance_metres) v.set("distance", domain::MilesText(*item.distance_metres) + " miles");
  v.set("cost", PriceText(s));
  return v;
}

// "12 results within 5 miles of HR6 8AA, nearest first, page 1 of 2".
std::string ResultText(const app::DirectoryPage& page, const SearchForm& form) {
  std::string text = page.total == 0   ? "No results. Try fewer words, another kind of activity "
                                         "or a greater distance."
                     : page.total == 1 ? "1 result"
                                       : std::to_string(page.total) + " results";
  if (!form.query.postcode.empty() && page.total > 0) {
    text += " within " + MilesWords(form.miles_number) + " of " + AsciiUpper(form.query.postcode) +
            ", nearest first";
  }
  const int64_t pages = page.total_pages();
  if (pages > 1) text += ", page " + std::to_string(page.page) + " of " + std::to_string(pages);
  return text;
}

// The search's address without its page, for the pagination links.
std::string SearchAddress(const SearchForm& form) {
  const app::DirectorySearchRequest& q = form.query;
  return "/directory?" + Query("search", q.search) + Query("postcode", q.postcode) +
         (q.postcode.empty() ? "" : Query("miles", form.miles)) +
         Query("category", q.taxonomy_term_id) + Query("day", q.day) + Query("free", q.free);
}

std::string KindsText(const domain::DirectoryService& s, const app::Taxonomy& taxonomy) {
  std::string kinds;
  for (const auto& t : s.term_ids) {
    if (const auto* term = taxonomy.Find(t)) kinds += (kinds.empty() ? "" : ", ") + term->name;
  }
  return kinds;
}

ViewList PlaceViews(const domain::DirectoryService& s) {
  ViewList places;
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
  return places;
}

ViewList CostViews(const domain::DirectoryService& s) {
  ViewList costs;
  if (domain::IsFree(s)) {
    costs.push_back(std::string_view("Free"));
    return costs;
  }
  for (const auto& c : s.costs) costs.push_back(CostText(c));
  return costs;
}

// A tel: link wants the digits (and a leading +) only; an extension is left to the caller.
std::string TelNumber(const std::string& number) {
  std::string tel;
  const size_t extension = std::min(number.find(" x"), number.find(" ext"));
  for (char ch : number.substr(0, extension)) {
    if ((ch >= '0' && ch <= '9') || (ch == '+' && tel.empty())) tel += ch;
  }
  return tel;
}

ViewList PhoneViews(const std::vector<domain::DirectoryPhone>& phones) {
  ViewList views;
  for (const auto& p : phones) {
    ViewData v;
    v.set("number", p.number);
    v.set("note", p.description);
    v.set("tel", TelNumber(p.number));
    views.push_back(v);
  }
  return views;
}

ViewList ContactViews(const domain::DirectoryService& s) {
  ViewList contacts;
  for (const auto& c : s.contacts) {
    ViewData v;
    v.set("name", c.name.empty() ? std::string("Contact") : c.name);
    v.set("title", c.title);
    v.set("phones", PhoneViews(c.phones));
    contacts.push_back(v);
  }
  return contacts;
}

// What the service page says of the entry itself, the same for everyone.
ViewData ServiceView(const app::StoredDirectoryEntry& entry, const app::Taxonomy& taxonomy) {
  const auto& s = entry.service;
  ViewData d;
  d.set("id", s.id);
  d.set("name", s.name);
  d.set("organisation", s.organization.name);
  d.set("description", s.description);
  d.set("closed", s.status == domain::ServiceStatus::kTemporarilyClosed);
  d.set("inactive", s.status == domain::ServiceStatus::kInactive ||
                        s.status == domain::ServiceStatus::kDefunct);
  d.set("kinds", KindsText(s, taxonomy));
  ViewList sessions, areas;
  for (const auto& sch : s.schedules) sessions.push_back(SessionText(sch));
  for (const auto& a : s.service_areas) areas.push_back(a.name);
  d.set("areas", areas);
  d.set("has_areas", !areas.empty());
  d.set("sessions", sessions);
  d.set("places", PlaceViews(s));
  d.set("costs", CostViews(s));
  d.set("contacts", ContactViews(s));
  d.set("ages", AgesText(s));
  d.set("url", s.url);
  d.set("service_email", s.email);
  d.set("stale", entry.stale);
  d.set("review_due", entry.review_due);
  d.set("last_modified", s.last_modified.LondonDate().ToString());
  return d;
}

// "Add to my support plan" for a running service a plan pays for: the button for budget holders
// and representatives, a sign-in link for anyone not signed in.
void SetAddToPlan(ViewData& d, const domain::DirectoryService& s, const app::Taxonomy& taxonomy,
                  const std::optional<app::Principal>& principal) {
  const std::string item = CatalogueItemFor(FirstTermName(s, taxonomy));
  if (item.empty() || s.status != domain::ServiceStatus::kActive) return;
  const bool planner = principal && (principal->user.role == Role::kBudgetHolder ||
                                     principal->user.role == Role::kRepresentative);
  d.set("can_add", planner);
  d.set("sign_in_to_add", !principal);
  if (const auto* i = app::DefaultCatalogue().Find(item)) {
    d.set("item_description", AsciiLower(i->description.substr(0, 1)) + i->description.substr(1));
  }
}

// A plan line for one of `s` a week, bought as catalogue item `item`, at the entry's own price
// (its first cost with an amount; the catalogue's reference price when it gives none). The person
// can change it on the plan.
json::object PlanLine(const domain::DirectoryService& s, const std::string& item) {
  json::object line{{"item", item},
                    {"description", s.name + " (" + s.organization.name + ")"},
                    {"quantity", "1"},
                    {"times", 1},
                    {"per", "week"}};
  for (const auto& c : s.costs) {
    if (c.amount && *c.amount > Pence{}) {
      line["unit_cost"] = c.amount->ToString();
      break;
    }
  }
  return line;
}

// The people whose plans a budget holder or representative may add to: their own record, then
// each person they act for.
std::vector<PersonId> PlanHolders(const app::Principal& who) {
  std::vector<PersonId> out;
  if (who.actor.own_person_id.valid()) out.push_back(who.actor.own_person_id);
  for (PersonId p : who.actor.represented_people)
    if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  return out;
}

// The person whose plan the form chose: the only one, or the one named by "person" among
// `holders` (invalid when none is chosen, or the one named is not theirs).
PersonId ChosenHolder(const std::vector<PersonId>& holders, const std::string& chosen) {
  if (holders.size() == 1) return holders.front();
  auto id = PersonId::Parse(chosen);
  if (!id || std::find(holders.begin(), holders.end(), *id) == holders.end()) return PersonId{};
  return *id;
}

}  // namespace

void DirectoryRoutes::AddPageRoutes() {
  auto editors_page = [&](Response (DirectoryRoutes::*fn)(Context&)) {
    return PageRoute(kEditors, Bind(fn));
  };
  Add(Method::kGet, "/directory", PublicPageRoute(Bind(&DirectoryRoutes::DirectorySearchPage)));
  Add(Method::kGet, "/directory/services/{id}",
      PublicPageRoute(Bind(&DirectoryRoutes::DirectoryServicePage)));
  Add(Method::kPost, "/directory/services/{id}/add-to-plan",
      PageRoute(kPlanners, Bind(&DirectoryRoutes::DirectoryAddToPlan)));
  Add(Method::kPost, "/directory/services/{id}/reviewed",
      editors_page(&DirectoryRoutes::DirectoryMarkReviewed));
  Add(Method::kGet, "/directory/review", editors_page(&DirectoryRoutes::DirectoryReviewPage));
  Add(Method::kGet, "/directory/new", editors_page(&DirectoryRoutes::DirectoryNewPage));
  Add(Method::kPost, "/directory/new", editors_page(&DirectoryRoutes::DirectoryFormSubmit));
  Add(Method::kGet, "/directory/import", editors_page(&DirectoryRoutes::DirectoryImportPage));
  Route import = editors_page(&DirectoryRoutes::DirectoryImportSubmit);
  import.upload = true;
  Add(Method::kPost, "/directory/import", std::move(import));
  Add(Method::kGet, "/directory/export/{file}",
      editors_page(&DirectoryRoutes::DirectoryExportFile));
  Add(Method::kGet, "/directory/services/{id}/edit",
      editors_page(&DirectoryRoutes::DirectoryEditPage));
  Add(Method::kPost, "/directory/services/{id}/edit",
      editors_page(&DirectoryRoutes::DirectoryFormSubmit));
}

Response DirectoryRoutes::DirectorySearchPage(Context& ctx) {
  const SearchForm form = ReadSearchForm(ctx.request);
  ViewData d;
  SetSearchFilters(d, form, directory_.taxonomy());
  auto page = directory_.Search(options_.council.id, form.query);
  if (!page.ok()) {
    if (page.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(page.error(), ctx);
    const std::vector<FieldError> errors = SearchErrors(page.error(), form.query.postcode);
    SetErrorSummary(d, errors);
    for (const auto& e : errors) d.set(e.field + "_error", e.message);
    d.set("result_text", "Correct the search to see results.");
    return Page(422, kSearchTitle, "directory_search", d, ctx);
  }
  ViewList results;
  const std::string back =
      SearchAddress(form) + (page->page > 1 ? "page=" + std::to_string(page->page) : "");
  for (const auto& item : page->items) results.push_back(ResultView(item, back));
  d.set("results", results);
  d.set("has_results", !results.empty());
  d.set("result_text", ResultText(*page, form));
  if (!page->centre_district.empty())
    d.set("postcode_note", "We do not know the postcode " + form.query.postcode +
                               " exactly, so distances are from the centre of " +
                               page->centre_district + ".");
  SetPagination(d, page->page, static_cast<int>(page->total_pages()), SearchAddress(form));
  return Page(200, kSearchTitle, "directory_search", d, ctx);
}

void DirectoryRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  if (app::CanEditDirectory(ctx.principal->user.role)) {
    auto stale = directory_.Stale(ctx.call, *ctx.principal, 1);
    const int64_t n = stale.ok() ? stale->total : 0;
    out.push_back({"/directory/review",
                   std::to_string(n) + (n == 1 ? " directory entry" : " directory entries") +
                       " due to be checked",
                   true});
    out.push_back({"/directory/new", "Add an entry to the directory"});
    out.push_back({"/directory/import", "Import or export directory entries"});
  }
  out.push_back({"/directory", "Find support, clubs and activities in the directory"});
}

Response DirectoryRoutes::DirectoryServicePage(Context& ctx) {
  auto entry = directory_.Get(options_.council.id, ctx.request.path_params["id"]);
  if (!entry.ok()) return ErrorResponse(entry.error(), ctx);
  return RenderServicePage(200, ctx, *entry, false);
}

Response DirectoryRoutes::RenderServicePage(int status, Context& ctx,
                                            const app::StoredDirectoryEntry& entry,
                                            bool choose_error) {
  const auto& s = entry.service;
  ViewData d = ServiceView(entry, directory_.taxonomy());
  SetAddToPlan(d, s, directory_.taxonomy(), ctx.principal);
  const auto* can_add = d.get("can_add");
  if (can_add && can_add->is_bool() && can_add->get_bool()) AddPlanChoice(d, ctx, choose_error);
  const bool editor = ctx.principal && app::CanEditDirectory(ctx.principal->user.role);
  d.set("can_edit", editor);
  d.set("saved", ctx.request.Query("saved") == "1");
  if (editor && ctx.request.Query("saved") == "1") AddLikeEntries(d, s);
  // Editors are told at once of a postcode the lookup does not have: distance searches cannot
  // find the place until it is corrected (or the lookup gains it).
  if (editor && !entry.unknown_postcodes.empty()) {
    std::string list;
    for (size_t i = 0; i < entry.unknown_postcodes.size(); ++i)
      list += (i == 0 ? "" : ", ") + entry.unknown_postcodes[i];
    d.set("unknown_postcodes",
          "The postcode lookup does not have " + list +
              ", so searches by distance will not find this entry there. Check the postcode.");
  }
  // "Back to search" goes back to the search the person came from, never anywhere else.
  const std::string back = ctx.request.Query("back");
  d.set("back_to_search", back.starts_with("/directory?") && IsSameOriginPath(back)
                              ? back
                              : std::string("/directory"));
  if (ctx.principal) d.set("csrf_token", ctx.principal->session.csrf_token);
  return Page(status, s.name, "directory_service", d, ctx);
}

// Just after an editor saves an entry: another entry much like it (the same name, letters and
// digits only, whatever their case; or the same organisation at the same postcode), to check it
// is not the same service twice. Empty when there is none.
void DirectoryRoutes::AddLikeEntries(ViewData& d, const domain::DirectoryService& s) {
  auto key = [](const std::string& text) {
    std::string k;
    for (char c : text)
      if (std::isalnum(static_cast<unsigned char>(c))) k += static_cast<char>(std::tolower(c));
    return k;
  };
  app::DirectorySearchRequest q;
  q.search = s.name;
  q.per_page = "50";
  auto found = directory_.Search(options_.council.id, q);
  if (!found.ok()) return;
  const std::string postcode = s.locations.empty() ? "" : s.locations[0].postcode;
  ViewList like;
  for (const auto& item : found->items) {
    const auto& o = item.service;
    if (o.id == s.id) continue;
    const bool same_name = key(o.name) == key(s.name);
    const bool same_place = key(o.organization.name) == key(s.organization.name) &&
                            !postcode.empty() && !o.locations.empty() &&
                            o.locations[0].postcode == postcode;
    if (!same_name && !same_place) continue;
    ViewData l;
    l.set("href", "/directory/services/" + o.id);
    l.set("name", o.name + " (" + o.organization.name + ")");
    like.push_back(l);
  }
  d.set("like_entries", like);
  d.set("has_like_entries", !like.empty());
}

// For someone who acts for more than one person: whose plan to add to, as radios.
void DirectoryRoutes::AddPlanChoice(ViewData& d, Context& ctx, bool choose_error) {
  const std::vector<PersonId> holders = PlanHolders(*ctx.principal);
  if (holders.size() < 2) return;
  app::PeopleService people(store_, clock_, audit_);
  ViewList options;
  for (size_t i = 0; i < holders.size(); ++i) {
    auto p = people.Get(ctx.call, *ctx.principal, holders[i]);
    if (!p.ok()) continue;
    ViewData o;
    o.set("value", holders[i].ToString());
    o.set("suffix", i == 0 ? std::string() : "-" + std::to_string(i + 1));
    o.set("label", holders[i] == ctx.principal->actor.own_person_id
                       ? "My own plan"
                       : p->details.given_name + " " + p->details.family_name + "'s plan");
    options.push_back(o);
  }
  d.set("plan_choices", options);
  d.set("has_plan_choices", !options.empty());
  if (choose_error) {
    d.set("person_error", "Choose whose support plan to add it to");
    SetErrorSummary(d, {{"person", "Choose whose support plan to add it to"}},
                    [](const FieldError&) { return std::string("#person"); });
  }
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
  const std::vector<PersonId> holders = PlanHolders(who);
  if (holders.empty()) {
    return ErrorResponse(Error::FailedPrecondition("There is no support plan to add it to"), ctx);
  }
  auto form = ctx.request.Form();
  const PersonId person = ChosenHolder(holders, form ? FormValue(*form, "person") : "");
  if (!person.valid()) return RenderServicePage(422, ctx, *entry, true);
  auto plan = planning_.Start(ctx.call, who, person);
  if (!plan.ok()) return ErrorResponse(plan.error(), ctx);
  json::object content = app::SupportPlanToJson(plan->content);
  if (!content.contains("lines") || !content["lines"].is_array()) content["lines"] = json::array{};
  content["lines"].as_array().push_back(PlanLine(s, item));
  auto parsed = app::SupportPlanFromJson(content, app::DefaultCatalogue());
  if (!parsed.ok()) return ErrorResponse(parsed.error(), ctx);
  auto saved = planning_.Save(ctx.call, who, plan->record.id, *parsed,
                              "Support: added " + s.name + " from the directory");
  if (!saved.ok()) return ErrorResponse(saved.error(), ctx);
  return Response::Redirect("/plans/" + plan->record.id.ToString() + "/sections/support");
}

}  // namespace selfdirect::web
