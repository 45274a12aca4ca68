// The people the council supports: the list, a person's page (each area adds its section), adding
// a person, and My support.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <memory>

#include "base/limits.h"
#include "base/text.h"
#include "web/people/people_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;

int ParsePositive(const std::string& text, int fallback) {
  if (text.empty()) return fallback;
  if (text.size() > 9) return 0;
  int v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v;
}

ViewData PersonSummary(const app::PersonRecord& p) {
  ViewData d;
  d.set("id", p.id.ToString());
  d.set("reference", domain::PersonReference(p.id));
  d.set("given_name", p.details.given_name);
  d.set("family_name", p.details.family_name);
  d.set("date_of_birth", p.details.date_of_birth.ToString());
  d.set("postcode", p.details.postcode.value_or(""));
  d.set("budget_management",
        std::string(domain::BudgetManagementLabel(p.details.budget_management)));
  return d;
}

// The first message for `field`, or "".
// The primary support reason and budget management choices of the new-person form.
ViewList RadioFields(const domain::PersonInput& input, const std::vector<FieldError>& errors) {
  auto error_for = [&](const std::string& field) { return ErrorFor(errors, field); };
  ViewList radio_fields;
  auto radios = [&](const std::string& name, const std::string& label,
                    const std::vector<std::pair<std::string, std::string>>& options,
                    const std::string& selected) {
    ViewData f;
    f.set("name", name);
    f.set("label", label);
    std::string err = error_for(name);
    if (!err.empty()) {
      f.set("error", err);
      f.set("describedby", name + "-error");
    }
    f.set("options", ChoiceOptions(name, name, options, {selected}));
    radio_fields.push_back(f);
  };
  std::vector<std::pair<std::string, std::string>> reasons;
  for (auto r : domain::kAllPrimarySupportReasons) {
    reasons.emplace_back(std::string(domain::PrimarySupportReasonName(r)),
                         std::string(domain::PrimarySupportReasonLabel(r)));
  }
  radios("primary_support_reason", "Primary support reason", reasons, input.primary_support_reason);
  std::vector<std::pair<std::string, std::string>> managements;
  for (auto m : domain::kAllBudgetManagements) {
    managements.emplace_back(std::string(domain::BudgetManagementName(m)),
                             std::string(domain::BudgetManagementLabel(m)));
  }
  radios("budget_management", "How the personal budget is managed", managements,
         input.budget_management.empty() ? "not_decided" : input.budget_management);
  std::vector<std::pair<std::string, std::string>> contact;
  for (auto c : domain::kAllContactPreferences) {
    contact.emplace_back(std::string(domain::ContactPreferenceName(c)),
                         std::string(domain::ContactPreferenceLabel(c)));
  }
  radios("contact_preference", "How they want to be contacted", contact,
         input.contact_preference.empty() ? "no_preference" : input.contact_preference);
  return radio_fields;
}

// The contact rows of the person page: address, telephone, email and how to contact them.
template <typename Row>
void AddContactRows(const domain::PersonDetails& p, Row& row) {
  std::string address;
  for (char c : p.address) address += c == '\n' ? std::string(", ") : std::string(1, c);
  row("Address", address);
  row("Telephone", p.telephone);
  row("Email", p.email);
  row("How they want to be contacted",
      std::string(domain::ContactPreferenceLabel(p.contact_preference)));
}

ViewList LinkedPeople(const std::vector<app::LinkedPerson>& links) {
  ViewList out;
  for (const auto& l : links) {
    ViewData item;
    item.set("id", l.person.id.ToString());
    item.set("name", l.person.details.given_name + " " + l.person.details.family_name);
    item.set("relationship", l.link.relationship);
    item.set("visible", l.visible);
    out.push_back(item);
  }
  return out;
}

// Who cares for this person, and whom this person cares for (each their own record).
void SetCarerLinks(ViewData& d, const app::PersonFile& file) {
  ViewList representatives;
  for (const auto& r : file.representatives) {
    ViewData item;
    item.set("name", r.display_name);
    item.set("relationship", r.relationship);
    representatives.push_back(item);
  }
  d.set("representatives", representatives);
  d.set("has_representatives", !file.representatives.empty());
  d.set("carers", LinkedPeople(file.carers));
  d.set("has_carers", !file.carers.empty());
  d.set("cares_for", LinkedPeople(file.cares_for));
  d.set("has_cares_for", !file.cares_for.empty());
}

}  // namespace

void PeopleRoutes::AddPageRoutes() {
  Add(Method::kGet, "/people", PageRoute(kCaseworkRoles, Bind(&PeopleRoutes::PeopleListPage)));
  Add(Method::kGet, "/people/new", PageRoute(kCreatorRoles, Bind(&PeopleRoutes::NewPersonPage)));
  Add(Method::kPost, "/people/new", PageRoute(kCreatorRoles, Bind(&PeopleRoutes::NewPersonSubmit)));
  Add(Method::kGet, "/people/{id}", PageRoute(kPersonViewerRoles, Bind(&PeopleRoutes::PersonPage)));
  Add(Method::kGet, "/people/{id}/edit",
      PageRoute(kCreatorRoles, Bind(&PeopleRoutes::EditPersonPage)));
  Add(Method::kPost, "/people/{id}/edit",
      PageRoute(kCreatorRoles, Bind(&PeopleRoutes::EditPersonSubmit)));
  AddRepresentativeRoutes();
  Add(Method::kGet, "/my",
      PageRoute({Role::kBudgetHolder, Role::kRepresentative}, Bind(&PeopleRoutes::MyPage)));
}

void PeopleRoutes::AddPersonFile(ViewData& d, Context& ctx, const app::PersonFile& file) {
  d.set("person_id", file.person.id.ToString());
  d.set("csrf_token", ctx.principal->session.csrf_token);
  for (PersonSection* section : sections_) section->AddPersonSection(d, ctx, file);
}

Response PeopleRoutes::PeopleListPage(Context& ctx) {
  const auto& who = *ctx.principal;
  std::string q(Trim(ctx.request.Query("q")));
  int page_number = ParsePositive(ctx.request.Query("page"), 1);
  ViewData d;
  d.set("q", q);
  d.set("can_create", domain::CanCreatePerson(who.actor));
  d.set("scope_text", who.user.role == Role::kPractitioner || who.user.role == Role::kApprover
                          ? "People supported by your team."
                          : "Everyone the council supports.");
  auto result = people_.Search(ctx.call, who, q, page_number, limits::kDefaultPageSize);
  if (!result.ok()) {
    const Error& e = result.error();
    if (e.code != ErrorCode::kInvalidArgument) return ErrorResponse(e, ctx);
    for (const auto& f : e.fields) {
      if (f.field == "q") d.set("q_error", f.message);
    }
    if (d.get("q_error") == nullptr) {
      return ErrorPage(404, "Page not found", {"There is no such page of results."}, ctx, "/people",
                       "Go to the first page");
    }
    d.set("has_errors", true);
    d.set("result_text", "Enter shorter search text.");
    return Page(422, "People", "people_list", d, ctx);
  }
  int64_t total = result->total;
  int total_pages =
      static_cast<int>((total + limits::kDefaultPageSize - 1) / limits::kDefaultPageSize);
  if (page_number > 1 && page_number > total_pages) {
    return ErrorPage(404, "Page not found", {"There is no such page of results."}, ctx, "/people",
                     "Go to the first page");
  }
  ViewList people;
  for (const auto& p : result->items) people.push_back(PersonSummary(p));
  d.set("people", people);
  d.set("has_people", !result->items.empty());
  d.set("page", std::to_string(page_number));
  std::string showing;
  if (total == 0) {
    showing = q.empty() ? "No people yet." : "No people match your search.";
  } else {
    int64_t first = int64_t{page_number - 1} * limits::kDefaultPageSize + 1;
    int64_t last = first + static_cast<int64_t>(result->items.size()) - 1;
    showing = "Showing " + std::to_string(first) + " to " + std::to_string(last) + " of " +
              std::to_string(total) + (total == 1 ? " person" : " people") +
              (q.empty() ? "." : " matching \u201C" + q + "\u201D.");
  }
  d.set("result_text", showing);
  SetPagination(d, page_number, total_pages,
                "/people?" + (q.empty() ? "" : "q=" + PercentEncode(q) + "&"));
  return Page(200, "People", "people_list", d, ctx);
}

Response PeopleRoutes::PersonPage(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  // A page with a notice (?updated=1 and the like) is rendered afresh and not kept.
  const bool keep = ctx.request.query.empty() && options_.person_page_cache_bytes > 0;
  const std::string key = keep ? PersonPageKey(ctx, *id) : std::string();
  auto [kept_version, kept] = keep ? page_cache_.Latest(key) : decltype(page_cache_.Latest(key)){};
  std::optional<app::PeopleService::KeptPage> unless;
  if (kept && !options_.check_person_page_cache) unless = {kept_version, kept->team_id};
  auto file = people_.File(ctx.call, *ctx.principal, *id, unless);
  if (!file.ok()) return ErrorResponse(file.error(), ctx);
  if (file->unchanged) return Response::Html(200, kept->html);
  const std::string title =
      file->person.details.given_name + " " + file->person.details.family_name;
  Response page =
      renderer().Layout(200, title, PersonPageContent(ctx, *file), false, BackFromPerson(ctx), ctx);
  if (kept && kept_version == file->page_version && kept->html != page.body) {
    spdlog::error(R"({{"event":"person_page_cache_differs","person":{},"version":{}}})",
                  id->value(), kept_version);
    return ErrorResponse(Error::Internal("A kept person page differs from the page"), ctx);
  }
  if (keep)
    page_cache_.Put(key, file->page_version,
                    std::make_shared<KeptPersonPage>(page.body, file->person.team_id));
  return page;
}

std::string PeopleRoutes::PersonPageKey(const Context& ctx, PersonId id) const {
  const auto& who = *ctx.principal;
  // The layout shows the viewer's name; the session fixes the rest of it (role, CSRF token).
  return fmt::format("{}|{}|{}|{}|{}|{}", who.session.token_hash, static_cast<int>(who.user.role),
                     who.actor.team_id.value(), id.value(), clock_.Now().LondonDate().ToString(),
                     who.user.display_name);
}

std::string PeopleRoutes::BackFromPerson(const Context& ctx) {
  const auto role = ctx.principal->user.role;
  return role == Role::kBudgetHolder || role == Role::kRepresentative ? "/my" : "/people";
}

std::string PeopleRoutes::PersonPageContent(Context& ctx, const app::PersonFile& file) {
  const auto& p = file.person;
  ViewData d = PersonSummary(p);
  ViewList rows;
  auto row = [&](const std::string& key, const std::string& value) {
    ViewData r;
    r.set("key", key);
    r.set("value", value.empty() ? "Not recorded" : value);
    rows.push_back(r);
  };
  row("Reference", domain::PersonReference(p.id));
  row("Date of birth",
      p.details.date_of_birth.ToString() + " (age " +
          std::to_string(AgeOn(p.details.date_of_birth, clock_.Now().LondonDate())) + ")");
  row("Postcode", p.details.postcode.value_or(""));
  std::string nhs = p.details.nhs_number.value_or("");
  if (nhs.size() == 10) nhs = nhs.substr(0, 3) + " " + nhs.substr(3, 3) + " " + nhs.substr(6);
  row("NHS number", nhs);
  row("Primary support reason",
      std::string(domain::PrimarySupportReasonLabel(p.details.primary_support_reason)));
  row("Budget managed as", std::string(domain::BudgetManagementLabel(p.details.budget_management)));
  AddContactRows(p.details, row);
  d.set("rows", rows);
  d.set("can_edit", domain::CanEditPerson(ctx.principal->actor, {p.id, p.team_id}));
  d.set("may_invite_representative", ctx.principal->user.role == domain::Role::kBudgetHolder &&
                                         domain::ActsForPerson(ctx.principal->actor, p.id));
  d.set("details_to_confirm", p.details_to_confirm);
  d.set("updated", ctx.request.Query("updated") == "1");
  SetCarerLinks(d, file);
  d.set("created_at", p.created_at.LondonDate().ToString());
  d.set("created", ctx.request.Query("created") == "1");
  if (std::string e = ctx.request.Query("estimate"); e == "kept" || e == "removed")
    d.set("notice", e == "kept" ? "The estimate has been kept on this record."
                                : "The estimate has been removed from this record.");
  AddPersonFile(d, ctx, file);
  return renderer().Content("person", std::move(d));
}

Response PeopleRoutes::RenderNewPersonForm(int status, const domain::PersonInput& input,
                                           const DateParts& dob_parts,
                                           const std::vector<FieldError>& errors, Context& ctx,
                                           const PersonForm& form) {
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("back_href", form.back_href);
  d.set("action", form.action);
  d.set("heading", form.heading);
  d.set("button", form.button);
  auto error_for = [&](const std::string& field) { return ErrorFor(errors, field); };
  ViewList text_fields;
  auto text = [&](const std::string& name, const std::string& label, const std::string& hint,
                  const std::string& value, const std::string& width,
                  const std::string& autocomplete) {
    ViewData f;
    f.set("name", name);
    f.set("label", label);
    if (!hint.empty()) f.set("hint", hint);
    f.set("value", value);
    f.set("width_class", width);
    if (!autocomplete.empty()) f.set("autocomplete", autocomplete);
    std::string err = error_for(name);
    if (!err.empty()) f.set("error", err);
    std::string describedby =
        (hint.empty() ? "" : name + "-hint") +
        (err.empty() ? "" : std::string(hint.empty() ? "" : " ") + name + "-error");
    if (!describedby.empty()) f.set("describedby", describedby);
    text_fields.push_back(f);
  };
  text("given_name", "First name", "", input.given_name, "govuk-!-width-two-thirds", "off");
  text("family_name", "Last name", "", input.family_name, "govuk-!-width-two-thirds", "off");
  d.set("text_fields", text_fields);
  text_fields = ViewList();
  ViewData date;
  date.set("day", dob_parts.day);
  date.set("month", dob_parts.month);
  date.set("year", dob_parts.year);
  if (std::string err = error_for("date_of_birth"); !err.empty()) date.set("error", err);
  d.set("date_field", date);
  text("postcode", "Postcode (optional)", "", input.postcode, "govuk-input--width-10", "off");
  text("nhs_number", "NHS number (optional)", "10 digits, for example 943 476 5919",
       input.nhs_number, "govuk-input--width-10", "off");
  d.set("more_text_fields", text_fields);
  ViewData address;
  address.set("value", input.address);
  if (std::string err = error_for("address"); !err.empty()) address.set("error", err);
  d.set("address_field", address);
  text_fields = ViewList();
  text("telephone", "Telephone (optional)", "", input.telephone, "govuk-input--width-20", "tel");
  text("email", "Email (optional)", "", input.email, "govuk-!-width-two-thirds", "email");
  d.set("contact_fields", text_fields);
  d.set("radio_fields", RadioFields(input, errors));
  SetErrorSummary(d, errors);
  return Page(status, form.heading, "person_new", d, ctx);
}

Response PeopleRoutes::NewPersonPage(Context& ctx) {
  return RenderNewPersonForm(200, domain::PersonInput{}, DateParts{}, {}, ctx, NewForm());
}

// The form of a person's details, filled from what the person submitted.
domain::PersonInput PeopleRoutes::PersonInputFromForm(
    const std::multimap<std::string, std::string>& form, DateParts& dob) {
  auto value = [&](const char* name) { return FormValue(form, name); };
  dob = DateParts{std::string(Trim(value("date_of_birth-day"))),
                  std::string(Trim(value("date_of_birth-month"))),
                  std::string(Trim(value("date_of_birth-year")))};
  return domain::PersonInput{value("given_name"),        value("family_name"),
                             IsoDateFromParts(dob),      value("postcode"),
                             value("nhs_number"),        value("primary_support_reason"),
                             value("budget_management"), value("address"),
                             value("telephone"),         value("email"),
                             value("contact_preference")};
}

PeopleRoutes::PersonForm PeopleRoutes::NewForm() {
  return PersonForm{"/people/new", "Add a person", "Add person", "/people"};
}

Response PeopleRoutes::EditPersonPage(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto person = people_.Get(ctx.call, *ctx.principal, *id);
  if (!person.ok()) return ErrorResponse(person.error(), ctx);
  if (!domain::CanEditPerson(ctx.principal->actor, {person->id, person->team_id}))
    return ErrorResponse(Error::PermissionDenied("Your role cannot change a person's record"), ctx);
  const auto& p = person->details;
  domain::PersonInput input{p.given_name,
                            p.family_name,
                            p.date_of_birth.ToString(),
                            p.postcode.value_or(""),
                            p.nhs_number.value_or(""),
                            std::string(domain::PrimarySupportReasonName(p.primary_support_reason)),
                            std::string(domain::BudgetManagementName(p.budget_management)),
                            p.address,
                            p.telephone,
                            p.email,
                            std::string(domain::ContactPreferenceName(p.contact_preference))};
  DateParts dob;
  if (!person->details_to_confirm) {
    dob = DateParts{std::to_string(p.date_of_birth.day()), std::to_string(p.date_of_birth.month()),
                    std::to_string(p.date_of_birth.year())};
  }
  return RenderNewPersonForm(200, input, dob, {}, ctx, EditForm(*id, p));
}

PeopleRoutes::PersonForm PeopleRoutes::EditForm(PersonId id, const domain::PersonDetails& p) {
  return PersonForm{"/people/" + id.ToString() + "/edit",
                    "Change " + p.given_name + " " + p.family_name + "'s details", "Save details",
                    "/people/" + id.ToString()};
}

Response PeopleRoutes::EditPersonSubmit(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  DateParts dob;
  domain::PersonInput input = PersonInputFromForm(*form, dob);
  auto updated = people_.Update(ctx.call, *ctx.principal, *id, input);
  if (!updated.ok()) {
    if (updated.error().code != ErrorCode::kInvalidArgument)
      return ErrorResponse(updated.error(), ctx);
    auto before = people_.Get(ctx.call, *ctx.principal, *id);
    if (!before.ok()) return ErrorResponse(before.error(), ctx);
    return RenderNewPersonForm(422, input, dob, updated.error().fields, ctx,
                               EditForm(*id, before->details));
  }
  return Response::Redirect("/people/" + id->ToString() + "?updated=1");
}

Response PeopleRoutes::NewPersonSubmit(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  DateParts dob;
  domain::PersonInput input = PersonInputFromForm(*form, dob);
  std::optional<TeamId> team;
  if (auto t = TeamId::Parse(FormValue(*form, "team_id"))) team = *t;
  auto created = people_.Create(ctx.call, *ctx.principal, input, team);
  if (!created.ok()) {
    if (created.error().code == ErrorCode::kInvalidArgument) {
      return RenderNewPersonForm(422, input, dob, created.error().fields, ctx, NewForm());
    }
    return ErrorResponse(created.error(), ctx);
  }
  return Response::Redirect("/people/" + created->id.ToString() + "?created=1");
}

Response PeopleRoutes::MyPage(Context& ctx) {
  const auto& who = *ctx.principal;
  const std::vector<PersonId> ids = domain::PeopleActedFor(who.actor);
  ViewList people;
  ViewData d;
  const bool holder = who.user.role == Role::kBudgetHolder;
  for (PersonId id : ids) {
    if (holder) {  // Their own record, with its sections, from one read.
      auto own = people_.File(ctx.call, who, id);
      if (!own.ok()) continue;
      people.push_back(PersonSummary(own->person));
      AddPersonFile(d, ctx, *own);
      d.set("show_assessments", true);
    } else if (auto p = people_.Get(ctx.call, who, id); p.ok()) {
      people.push_back(PersonSummary(*p));
    }
  }
  d.set("heading", holder ? "My support" : "People I help");
  d.set("people", people);
  d.set("has_people", !ids.empty());
  d.set("empty_text", holder ? "Your record is not linked to this account yet. Contact the council."
                             : "No one has been linked to your account yet. Contact the council.");
  return Page(200, holder ? "My support" : "People I help", "my", d, ctx);
}

}  // namespace selfdirect::web
