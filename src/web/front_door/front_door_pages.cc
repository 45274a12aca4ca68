// File: front_door_pages.cc
// Asking for help and accepting an invitation: the public pages of the front door
// (front_door_routes.h). Both work without JavaScript and without signing in.
#include <fmt/format.h>

#include "app/passwords.h"
#include "base/limits.h"
#include "web/front_door/front_door_routes.h"

namespace selfdirect::web {
namespace {

// The public form's anti-forgery token: a cookie compared with a hidden field (there is no
// session); SameSite=Strict, so another site cannot post a request in someone's name.
constexpr const char* kAskCookie = "sd_ask";
constexpr int kAskFormSeconds = 2 * 60 * 60;

std::vector<std::pair<std::string, std::string>> Pairs(
    std::initializer_list<std::pair<const char*, const char*>> list) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [v, l] : list) out.push_back({v, l});
  return out;
}

ViewData Radios(const std::string& id, const std::string& legend, const std::string& hint,
                const std::vector<std::pair<std::string, std::string>>& options,
                const std::string& chosen, const std::vector<FieldError>& errors) {
  return RadioGroupView(id, legend, hint, ChoiceOptions(id, id, options, {chosen}),
                        ErrorFor(errors, id));
}

domain::ContactInput ContactOfForm(const std::multimap<std::string, std::string>& form) {
  auto v = [&](const char* name) { return FormValue(form, name); };
  domain::ContactInput in{
      v("for_whom"),    v("consent"), v("asker_name"), v("relationship"), v("given_name"),
      v("family_name"), "",           v("postcode"),   v("needs"),        v("urgency"),
      v("at_risk"),     v("email"),   v("telephone"),  v("address")};
  in.date_of_birth = IsoDateFromParts(PartsOfForm(form, "date_of_birth"));
  return in;
}

const TextInput kAskInputs[] = {
    {"asker_name", "Your name", "", "text", "name", "", ""},
    {"relationship", "How do you know them?", "For example, daughter, neighbour or their GP",
     "text", "", "govuk-input--width-20", ""},
    {"given_name", "First name", "", "text", "", "govuk-input--width-20", ""},
    {"family_name", "Last name", "", "text", "", "govuk-input--width-20", ""},
    {"postcode", "Postcode (if you know it)", "", "text", "", "govuk-input--width-10", ""},
    {"needs", "What help is needed now?",
     "In your own words: what is difficult, and what would help. Do not include bank details.",
     "text", "", "", "6"},
    {"email", "Email address", "", "email", "email", "", ""},
    {"telephone", "Phone number", "", "tel", "tel", "govuk-input--width-20", ""},
    {"address", "Postal address", "", "text", "street-address", "", "3"},
};

}  // namespace

void FrontDoorRoutes::AddPageRoutes() {
  const std::vector<domain::Role> staff = {domain::Role::kPractitioner, domain::Role::kApprover};
  Add(Method::kGet, "/ask-for-help", PublicPageRoute(Bind(&FrontDoorRoutes::AskPage)));
  Route ask = PublicPageRoute(Bind(&FrontDoorRoutes::AskSubmit));
  ask.forgery = Forgery::kOwnCheck;  // The form's own cookie token (kAskCookie).
  ask.own_throttle = true;           // app::ContactThrottle, per address and council-wide.
  Add(Method::kPost, "/ask-for-help", ask);
  Add(Method::kGet, "/ask-for-help/sent", PublicPageRoute(Bind(&FrontDoorRoutes::SentPage)));
  Add(Method::kGet, "/invitations/{token}",
      PublicPageRoute(Bind(&FrontDoorRoutes::InvitationPage)));
  Route accept = PublicPageRoute(Bind(&FrontDoorRoutes::InvitationSubmit));
  accept.forgery = Forgery::kOwnCheck;  // The one-time link's token is the proof.
  accept.slow = true;                   // Hashes the password.
  Add(Method::kPost, "/invitations/{token}", accept);
  Add(Method::kGet, "/contacts", PageRoute(staff, Bind(&FrontDoorRoutes::QueuePage)));
  Add(Method::kGet, "/contacts/{id}", PageRoute(staff, Bind(&FrontDoorRoutes::ContactPage)));
  Add(Method::kPost, "/contacts/{id}/triage",
      PageRoute(staff, Bind(&FrontDoorRoutes::TriageSubmit)));
}

void FrontDoorRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  auto waiting = front_door_.CountWaiting(ctx.call, *ctx.principal);
  if (!waiting.ok()) return;
  if (*waiting == 0) {
    out.push_back({"/contacts", "See requests for help", false});
    return;
  }
  out.push_back({"/contacts",
                 fmt::format("{} {} for help waiting for triage", *waiting,
                             *waiting == 1 ? "request" : "requests"),
                 true});
}

Response FrontDoorRoutes::AskPage(Context& ctx) { return RenderAsk(ctx, 200, {}, {}); }

Response FrontDoorRoutes::RenderAsk(Context& ctx, int status, const Form& form,
                                    const std::vector<FieldError>& errors) {
  std::string token = ctx.request.Cookie(options_.CookieName(kAskCookie));
  const bool fresh = token.size() != 43 || status == 403;
  if (fresh) token = app::RandomToken();
  ViewData d;
  d.set("form_token", token);
  auto v = [&](const char* name) { return FormValue(form, name); };
  d.set("for_whom",
        Radios("for_whom", "Who needs help?", "",
               Pairs({{"self", "I do"}, {"someone_else", "Someone else"}}), v("for_whom"), errors));
  d.set("consent", Radios("consent", "Have they agreed to you asking for them?",
                          "We need their agreement, unless someone is at risk of harm.",
                          Pairs({{"yes", "Yes"}, {"no", "No"}}), v("consent"), errors));
  d.set("urgency",
        Radios("urgency", "How soon is help needed?", "",
               Pairs({{"today", "Today"}, {"this_week", "This week"}, {"can_wait", "It can wait"}}),
               v("urgency"), errors));
  d.set("at_risk", Radios("at_risk", "Is anyone at risk of harm or abuse?",
                          "This includes neglect, and harm from themselves or from someone else.",
                          Pairs({{"yes", "Yes"}, {"no", "No"}}), v("at_risk"), errors));
  d.set("date_of_birth", DateInputView("date_of_birth",
                                       "Date of birth of the person who needs "
                                       "help (if you know it)",
                                       "For example, 27 3 1950", PartsOfForm(form, "date_of_birth"),
                                       ErrorFor(errors, "date_of_birth")));
  for (const auto& t : kAskInputs)
    d.set(t.id, TextInputView(t, v(t.id.c_str()), ErrorFor(errors, t.id)));
  SetErrorSummary(d, errors, [](const FieldError& e) {
    return e.field == "date_of_birth" ? std::string("#date_of_birth-day") : std::string();
  });
  Response r = Page(status, "Ask for help with care and support", "ask_for_help", d, ctx);
  if (fresh) {
    r.AddHeader("Set-Cookie", CookieHeader(options_.CookieName(kAskCookie), token, kAskFormSeconds,
                                           options_.secure_cookies, "Strict"));
  }
  return r;
}

Response FrontDoorRoutes::AskSubmit(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return RenderAsk(ctx, 400, {}, {{"for_whom", "Choose who needs help"}});
  const std::string expected = ctx.request.Cookie(options_.CookieName(kAskCookie));
  if (expected.empty() || !app::SecureEquals(FormValue(*form, "form_token"), expected)) {
    return RenderAsk(ctx, 403, *form,
                     {{"for_whom", "The form had expired. Check your answers and send it again."}});
  }
  auto sent = front_door_.Submit(ctx.call, ContactOfForm(*form));
  if (!sent.ok()) {
    const Error& e = sent.error();
    if (e.code == ErrorCode::kInvalidArgument) return RenderAsk(ctx, 422, *form, e.fields);
    if (e.code == ErrorCode::kResourceExhausted) {
      return ErrorPage(429, "Sorry, we cannot take your request online just now",
                       {e.message, "If someone is at risk of harm, call 999."}, ctx);
    }
    return ErrorResponse(e, ctx);
  }
  Response r =
      Response::Redirect("/ask-for-help/sent?ref=" + domain::ContactReference(sent->id.value()) +
                         (sent->request.at_risk ? "&risk=1" : "") +
                         (sent->request.urgency == domain::Urgency::kToday ? "&today=1" : ""));
  r.AddHeader("Set-Cookie", CookieHeader(options_.CookieName(kAskCookie), "", 0,
                                         options_.secure_cookies, "Strict"));
  return r;
}

Response FrontDoorRoutes::SentPage(Context& ctx) {
  std::string ref = ctx.request.Query("ref");
  if (ref.size() != 9 || ref.rfind("CN-", 0) != 0) ref.clear();
  ViewData d;
  d.set("reference", ref);
  d.set("at_risk", ctx.request.Query("risk") == "1");
  d.set("today", ctx.request.Query("today") == "1");
  return Page(200, "Request sent", "ask_for_help_sent", d, ctx);
}

Response FrontDoorRoutes::InvitationPage(Context& ctx) { return RenderInvitation(ctx, 200, {}); }

Response FrontDoorRoutes::RenderInvitation(Context& ctx, int status,
                                           const std::vector<FieldError>& errors) {
  const std::string token = ctx.request.path_params["token"];
  auto invitation = front_door_.Invitation(ctx.call, token);
  if (!invitation.ok()) {
    const Error& e = invitation.error();
    if (e.code == ErrorCode::kFailedPrecondition)
      return ErrorPage(410, "This link no longer works", {e.message}, ctx, "/sign-in", "Sign in");
    if (e.code == ErrorCode::kNotFound)
      return ErrorPage(404, "This link is not valid",
                       {"Check that you copied the whole link, or ask the council for a new one."},
                       ctx);
    return ErrorResponse(e, ctx);
  }
  ViewData d;
  d.set("token", token);
  d.set("name", invitation->display_name);
  d.set("email", invitation->email);
  d.set("expires", invitation->expires_at.LondonDate().ToLongString());
  d.set("min_chars", std::to_string(limits::kMinPasswordChars));
  d.set("password_error", ErrorFor(errors, "password"));
  d.set("confirm_error", ErrorFor(errors, "confirm"));
  SetErrorSummary(d, errors);
  return Page(status, "Set your password", "invitation", d, ctx);
}

Response FrontDoorRoutes::InvitationSubmit(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return RenderInvitation(ctx, 400, {{"password", "Enter a password"}});
  Status s =
      front_door_.AcceptInvitation(ctx.call, ctx.request.path_params["token"],
                                   FormValue(*form, "password"), FormValue(*form, "confirm"));
  if (!s.ok()) {
    if (s.error().code == ErrorCode::kInvalidArgument)
      return RenderInvitation(ctx, 422, s.error().fields);
    return RenderInvitation(ctx, 410, {});
  }
  return Response::Redirect("/sign-in?notice=password-set");
}

}  // namespace selfdirect::web
