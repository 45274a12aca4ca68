// Page routes: server-rendered GOV.UK pages that work without JavaScript.
#include <algorithm>

#include "app/passwords.h"
#include "base/limits.h"
#include "base/text.h"
#include "web/site.h"

namespace selfdirect::web {
namespace {

using domain::Role;
constexpr const char* kSessionCookie = "sd_session";
constexpr const char* kSignInCookie = "sd_signin";
constexpr int kSignInFormSeconds = 60 * 60;

// Only a local path may follow sign-in, never another site ("//evil.example" is not local).
std::string SafeNext(const std::string& next) {
  if (next.size() < 2 || next[0] != '/' || next[1] == '/' || next[1] == '\\') return "";
  if (next.find_first_of("\r\n") != std::string::npos || next.size() > 200) return "";
  return next;
}

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
std::string FirstErrorFor(const std::vector<FieldError>& errors, std::string_view field) {
  for (const auto& e : errors) {
    if (e.field == field) return e.message;
  }
  return "";
}

}  // namespace

// GOV.UK pagination: first, last, current and its neighbours, with ellipses between.
static ViewData Pagination(int page, int total_pages, const std::string& base) {
  ViewData d;
  d.set("has_pages", total_pages > 1);
  auto href = [&](int n) { return base + "page=" + std::to_string(n); };
  if (page > 1) d.set("previous_href", href(page - 1));
  if (page < total_pages) d.set("next_href", href(page + 1));
  ViewList pages;
  int last_shown = 0;
  for (int n = 1; n <= total_pages; ++n) {
    bool show = n == 1 || n == total_pages || (n >= page - 1 && n <= page + 1);
    if (!show) continue;
    if (n > last_shown + 1) {
      ViewData gap;
      gap.set("ellipsis", true);
      pages.push_back(gap);
    }
    ViewData item;
    item.set("ellipsis", false);
    item.set("number", std::to_string(n));
    item.set("href", href(n));
    item.set("current", n == page);
    pages.push_back(item);
    last_shown = n;
  }
  d.set("pages", pages);
  return d;
}

void SetPagination(ViewData& d, int page, int total_pages, const std::string& base) {
  ViewData pagination = Pagination(page, total_pages, base);
  for (const char* key : {"has_pages", "previous_href", "next_href", "pages"}) {
    if (const auto* v = pagination.get(key)) d.set(key, *v);
  }
}

std::string IsoDateFromParts(const DateParts& parts) {
  if (parts.day.empty() && parts.month.empty() && parts.year.empty()) return "";
  auto pad = [](const std::string& s, size_t width) {
    return s.size() >= width ? s : std::string(width - s.size(), '0') + s;
  };
  // Anything that is not a plain number stays visible to the validator, which then refuses it.
  return pad(parts.year, 4) + "-" + pad(parts.month, 2) + "-" + pad(parts.day, 2);
}

void Site::AddPageRoutes() {
  auto page = [](Audience audience, std::vector<Role> roles, Handler h) {
    Route r;
    r.audience = audience;
    r.roles = std::move(roles);
    r.handler = std::move(h);
    return r;
  };
  Add(Method::kGet, "/", page(Audience::kPublic, {}, &Site::StartPage));
  Add(Method::kGet, "/accessibility", page(Audience::kPublic, {}, &Site::AccessibilityPage));
  Add(Method::kGet, "/sign-in", page(Audience::kPublic, {}, &Site::SignInPage));
  Route submit = page(Audience::kPublic, {}, &Site::SignInSubmit);
  submit.slow = true;
  submit.own_csrf = true;
  Add(Method::kPost, "/sign-in", submit);
  Add(Method::kPost, "/sign-out", page(Audience::kSignedIn, {}, &Site::SignOut));
  Add(Method::kGet, "/home", page(Audience::kSignedIn, {}, &Site::HomePage));
  Add(Method::kGet, "/people", page(Audience::kSignedIn, kCaseworkRoles, &Site::PeopleListPage));
  Add(Method::kGet, "/people/new", page(Audience::kSignedIn, kCreatorRoles, &Site::NewPersonPage));
  Add(Method::kPost, "/people/new",
      page(Audience::kSignedIn, kCreatorRoles, &Site::NewPersonSubmit));
  Add(Method::kGet, "/people/{id}",
      page(Audience::kSignedIn, kPersonViewerRoles, &Site::PersonPage));
  Add(Method::kGet, "/my",
      page(Audience::kSignedIn, {Role::kBudgetHolder, Role::kRepresentative}, &Site::MyPage));
}

Response Site::StartPage(Context& ctx) { return Page(200, "Personal budgets", "start", {}, ctx); }

Response Site::AccessibilityPage(Context& ctx) {
  return Page(200, "Accessibility statement", "accessibility", {}, ctx);
}

Response Site::SignInForm(int status, Context& ctx, const std::string& email,
                          const std::vector<FieldError>& errors, const std::string& notice) {
  // The sign-in form's anti-forgery token is a cookie compared with a hidden field (there is no
  // session yet); it is SameSite=Strict, so another site cannot post a sign-in.
  std::string form_token = ctx.request.Cookie(kSignInCookie);
  bool fresh = form_token.size() != 43 || status == 403;
  if (fresh) form_token = app::RandomToken();
  ViewData d;
  d.set("form_token", form_token);
  std::string next = ctx.request.Query("next");
  if (next.empty() && ctx.request.method == Method::kPost) {
    if (auto form = ctx.request.Form()) {
      auto it = form->find("next");
      if (it != form->end()) next = it->second;
    }
  }
  d.set("next", SafeNext(next));
  ViewData email_field;
  email_field.set("value", email);
  if (std::string err = FirstErrorFor(errors, "email"); !err.empty()) email_field.set("error", err);
  ViewData password_field;
  if (std::string err = FirstErrorFor(errors, "password"); !err.empty()) {
    password_field.set("error", err);
  }
  d.set("email", email_field);
  d.set("password", password_field);
  SetErrorSummary(d, errors);
  if (!notice.empty()) d.set("notice", notice);
  Response r = Page(status, "Sign in", "sign_in", d, ctx);
  if (fresh) {
    r.AddHeader("Set-Cookie", CookieHeader(kSignInCookie, form_token, kSignInFormSeconds,
                                           options_.secure_cookies, "Strict"));
  }
  return r;
}

Response Site::SignInPage(Context& ctx) {
  if (ctx.principal) return Response::Redirect(HomePath(*ctx.principal));
  std::string notice;
  if (ctx.request.Query("notice") == "signed-out") notice = "You have signed out.";
  return SignInForm(200, ctx, "", {}, notice);
}

Response Site::SignInSubmit(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return SignInForm(400, ctx, "", {{"email", "Enter your email address"}}, "");
  auto value = [&](const char* name) { return FormValue(*form, name); };
  std::string email = value("email");
  std::string expected = ctx.request.Cookie(kSignInCookie);
  if (expected.empty() || !app::SecureEquals(value("csrf_token"), expected)) {
    return SignInForm(403, ctx, email,
                      {{"email", "The sign-in form had expired. Enter your details again."}}, "");
  }
  auto signed_in =
      auth_.SignIn(options_.council.id, email, value("password"), ctx.request.client_address);
  if (!signed_in.ok()) {
    const Error& e = signed_in.error();
    if (e.code == ErrorCode::kInvalidArgument) return SignInForm(422, ctx, email, e.fields, "");
    if (e.code == ErrorCode::kUnauthenticated || e.code == ErrorCode::kResourceExhausted) {
      return SignInForm(HttpStatusFor(e.code), ctx, email, {{"email", e.message}}, "");
    }
    return ErrorResponse(e, ctx);
  }
  std::string next = SafeNext(value("next"));
  app::Principal who;
  who.user = signed_in->user;
  Response r = Response::Redirect(next.empty() ? HomePath(who) : next);
  r.AddHeader("Set-Cookie", CookieHeader(kSessionCookie, signed_in->token, std::nullopt,
                                         options_.secure_cookies, "Lax"));
  r.AddHeader("Set-Cookie", CookieHeader(kSignInCookie, "", 0, options_.secure_cookies, "Strict"));
  return r;
}

Response Site::SignOut(Context& ctx) {
  Status s = auth_.SignOut(options_.council.id, ctx.request.Cookie(kSessionCookie),
                           ctx.request.client_address);
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  Response r = Response::Redirect("/sign-in?notice=signed-out");
  r.AddHeader("Set-Cookie", CookieHeader(kSessionCookie, "", 0, options_.secure_cookies));
  return r;
}

Response Site::HomePage(Context& ctx) {
  const auto& who = *ctx.principal;
  ViewData d;
  d.set("user_name", who.user.display_name);
  d.set("role_label", std::string(domain::RoleLabel(who.user.role)));
  ViewList links;
  auto link = [&](const std::string& href, const std::string& text) {
    ViewData l;
    l.set("href", href);
    l.set("text", text);
    links.push_back(l);
  };
  if (domain::CanListPeople(who.actor)) link("/people", "Find a person's record");
  if (domain::CanCreatePerson(who.actor)) link("/people/new", "Add a person");
  if (who.user.role == Role::kBudgetHolder) link("/my", "See your support and your record");
  if (who.user.role == Role::kRepresentative) link("/my", "See the people you help");
  d.set("links", links);
  d.set("has_links", !links.empty());
  return Page(200, "Home", "home", d, ctx);
}

Response Site::PeopleListPage(Context& ctx) {
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

Response Site::PersonPage(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto file = people_.File(ctx.call, *ctx.principal, *id);
  if (!file.ok()) return ErrorResponse(file.error(), ctx);
  const auto& p = file->person;
  ViewData d = PersonSummary(p);
  ViewList rows;
  auto row = [&](const std::string& key, const std::string& value) {
    ViewData r;
    r.set("key", key);
    r.set("value", value.empty() ? "Not recorded" : value);
    rows.push_back(r);
  };
  row("Reference", domain::PersonReference(p.id));
  row("Date of birth", p.details.date_of_birth.ToString() + " (age " +
                           std::to_string(AgeOn(p.details.date_of_birth, clock_.Now().UtcDate())) +
                           ")");
  row("Postcode", p.details.postcode.value_or(""));
  std::string nhs = p.details.nhs_number.value_or("");
  if (nhs.size() == 10) nhs = nhs.substr(0, 3) + " " + nhs.substr(3, 3) + " " + nhs.substr(6);
  row("NHS number", nhs);
  row("Primary support reason",
      std::string(domain::PrimarySupportReasonLabel(p.details.primary_support_reason)));
  row("Budget managed as", std::string(domain::BudgetManagementLabel(p.details.budget_management)));
  d.set("rows", rows);
  d.set("created_at", p.created_at.UtcDate().ToString());
  d.set("created", ctx.request.Query("created") == "1");
  if (std::string e = ctx.request.Query("estimate"); e == "kept" || e == "removed")
    d.set("notice", e == "kept" ? "The estimate has been kept on this record."
                                : "The estimate has been removed from this record.");
  AddPersonFile(d, ctx, *file);
  const auto role = ctx.principal->user.role;
  d.set("back_href",
        role == Role::kBudgetHolder || role == Role::kRepresentative ? "/my" : "/people");
  return Page(200, p.details.given_name + " " + p.details.family_name, "person", d, ctx);
}

Response Site::RenderNewPersonForm(int status, const domain::PersonInput& input,
                                   const DateParts& dob_parts,
                                   const std::vector<FieldError>& errors, Context& ctx) {
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("back_href", "/people");
  auto error_for = [&](const std::string& field) { return FirstErrorFor(errors, field); };
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
  d.set("radio_fields", radio_fields);

  SetErrorSummary(d, errors);
  return Page(status, "Add a person", "person_new", d, ctx);
}

Response Site::NewPersonPage(Context& ctx) {
  return RenderNewPersonForm(200, domain::PersonInput{}, DateParts{}, {}, ctx);
}

Response Site::NewPersonSubmit(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  auto value = [&](const char* name) { return FormValue(*form, name); };
  DateParts dob{std::string(Trim(value("date_of_birth-day"))),
                std::string(Trim(value("date_of_birth-month"))),
                std::string(Trim(value("date_of_birth-year")))};
  domain::PersonInput input{value("given_name"),       value("family_name"),
                            IsoDateFromParts(dob),     value("postcode"),
                            value("nhs_number"),       value("primary_support_reason"),
                            value("budget_management")};
  std::optional<TeamId> team;
  if (auto t = TeamId::Parse(value("team_id"))) team = *t;
  auto created = people_.Create(ctx.call, *ctx.principal, input, team);
  if (!created.ok()) {
    if (created.error().code == ErrorCode::kInvalidArgument) {
      return RenderNewPersonForm(422, input, dob, created.error().fields, ctx);
    }
    return ErrorResponse(created.error(), ctx);
  }
  return Response::Redirect("/people/" + created->id.ToString() + "?created=1");
}

Response Site::MyPage(Context& ctx) {
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
