// Who acts for a person: the list, with each relationship to change, a way to stop someone acting
// for them, and a way to add someone by their representative's account (app/representatives.h).
#include "web/people/people_routes.h"

namespace selfdirect::web {
namespace {

std::string PageHref(PersonId id, std::string_view notice = "") {
  return "/people/" + id.ToString() + "/representatives" +
         (notice.empty() ? "" : "?done=" + std::string(notice));
}

std::string Notice(const std::string& done) {
  if (done == "added") return "They can now act for this person when they sign in.";
  if (done == "changed") return "The relationship has been changed.";
  if (done == "removed") return "They no longer act for this person.";
  return "";
}

}  // namespace

void PeopleRoutes::AddRepresentativeRoutes() {
  Add(Method::kGet, "/people/{id}/representatives",
      PageRoute(kCreatorRoles, Bind(&PeopleRoutes::RepresentativesPage)));
  Add(Method::kPost, "/people/{id}/representatives",
      PageRoute(kCreatorRoles, Bind(&PeopleRoutes::RepresentativeAdd)));
  std::vector<domain::Role> inviters = kCreatorRoles;
  inviters.push_back(domain::Role::kBudgetHolder);
  Add(Method::kGet, "/people/{id}/representatives/invite",
      PageRoute(inviters, Bind(&PeopleRoutes::InviteRepresentativePage)));
  Add(Method::kPost, "/people/{id}/representatives/invite",
      PageRoute(inviters, Bind(&PeopleRoutes::InviteRepresentativeSubmit)));
  Add(Method::kPost, "/people/{id}/representatives/{user}",
      PageRoute(kCreatorRoles, Bind(&PeopleRoutes::RepresentativeChange)));
  Add(Method::kPost, "/people/{id}/representatives/{user}/remove",
      PageRoute(kCreatorRoles, Bind(&PeopleRoutes::RepresentativeRemove)));
}

Response PeopleRoutes::RenderRepresentatives(int status, Context& ctx, PersonId id,
                                             const std::vector<FieldError>& errors,
                                             const std::string& email,
                                             const std::string& relationship) {
  auto person = people_.Get(ctx.call, *ctx.principal, id);
  if (!person.ok()) return ErrorResponse(person.error(), ctx);
  auto list = representatives_.List(ctx.call, *ctx.principal, id);
  if (!list.ok()) return ErrorResponse(list.error(), ctx);
  ViewData d;
  d.set("id", id.ToString());
  d.set("name", person->details.given_name + " " + person->details.family_name);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  ViewList rows;
  for (const auto& r : *list) {
    ViewData row;
    row.set("user", r.user_id.ToString());
    row.set("name", r.display_name);
    row.set("email", r.email);
    row.set("relationship", r.relationship);
    if (std::string e = ErrorFor(errors, "relationship-" + r.user_id.ToString()); !e.empty())
      row.set("error", e);
    rows.push_back(row);
  }
  d.set("representatives", rows);
  d.set("has_representatives", !list->empty());
  d.set("email", email);
  d.set("relationship", relationship);
  if (std::string e = ErrorFor(errors, "email"); !e.empty()) d.set("email_error", e);
  if (std::string e = ErrorFor(errors, "relationship"); !e.empty()) d.set("relationship_error", e);
  if (std::string notice = Notice(ctx.request.Query("done")); !notice.empty())
    d.set("notice", notice);
  SetErrorSummary(d, errors);
  d.set("back_href", "/people/" + id.ToString());
  return Page(status, "Who acts for " + person->details.given_name, "representatives", d, ctx);
}

Response PeopleRoutes::RepresentativesPage(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  return RenderRepresentatives(200, ctx, *id, {}, "", "");
}

Response PeopleRoutes::RepresentativeAdd(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  const std::string email = FormValue(*form, "email");
  const std::string relationship = FormValue(*form, "relationship");
  Status added = representatives_.Add(ctx.call, *ctx.principal, *id, email, relationship);
  if (!added.ok() && added.error().code == ErrorCode::kInvalidArgument)
    return RenderRepresentatives(422, ctx, *id, added.error().fields, email, relationship);
  if (!added.ok()) return ErrorResponse(added.error(), ctx);
  return Response::Redirect(PageHref(*id, "added"));
}

Response PeopleRoutes::RepresentativeChange(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  auto user = UserId::Parse(ctx.request.path_params["user"]);
  if (!id || !user) return ErrorResponse(Error::NotFound("No such person or account"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  Status changed = representatives_.Change(ctx.call, *ctx.principal, *id, *user,
                                           FormValue(*form, "relationship"));
  if (!changed.ok() && changed.error().code == ErrorCode::kInvalidArgument) {
    std::vector<FieldError> errors = changed.error().fields;
    for (auto& e : errors) e.field = "relationship-" + user->ToString();
    return RenderRepresentatives(422, ctx, *id, errors, "", "");
  }
  if (!changed.ok()) return ErrorResponse(changed.error(), ctx);
  return Response::Redirect(PageHref(*id, "changed"));
}

Response PeopleRoutes::RepresentativeRemove(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  auto user = UserId::Parse(ctx.request.path_params["user"]);
  if (!id || !user) return ErrorResponse(Error::NotFound("No such person or account"), ctx);
  Status removed = representatives_.Remove(ctx.call, *ctx.principal, *id, *user);
  if (!removed.ok()) return ErrorResponse(removed.error(), ctx);
  return Response::Redirect(PageHref(*id, "removed"));
}

Response PeopleRoutes::InviteRepresentativePage(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  return RenderInviteRepresentative(200, ctx, *id, {}, {});
}

Response PeopleRoutes::RenderInviteRepresentative(
    int status, Context& ctx, PersonId id, const std::multimap<std::string, std::string>& form,
    const std::vector<FieldError>& errors) {
  auto person = people_.Get(ctx.call, *ctx.principal, id);
  if (!person.ok()) return ErrorResponse(person.error(), ctx);
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("id", id.ToString());
  d.set("self", domain::ActsForPerson(ctx.principal->actor, id));
  d.set("person_name", person->details.given_name + " " + person->details.family_name);
  const TextInput inputs[] = {
      {"name", "Their name", "", "text", "off", "", ""},
      {"email", "Their email address", "They sign in with it", "email", "off", "", ""},
      {"relationship", "How they are related",
       "For example, daughter, friend, or deputy appointed by the Court of Protection", "text",
       "off", "govuk-input--width-20", ""}};
  for (const auto& t : inputs)
    d.set(t.id, TextInputView(t, FormValue(form, t.id), ErrorFor(errors, t.id)));
  SetErrorSummary(d, errors);
  return Page(status, "Ask someone to act for you", "representative_invite", d, ctx);
}

Response PeopleRoutes::InviteRepresentativeSubmit(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  auto form = ctx.request.Form();
  if (!id || !form) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto v = [&](const char* n) { return FormValue(*form, n); };
  auto invited = representatives_.Invite(ctx.call, *ctx.principal, *id, v("name"), v("email"),
                                         v("relationship"));
  if (!invited.ok()) {
    if (invited.error().code == ErrorCode::kInvalidArgument)
      return RenderInviteRepresentative(422, ctx, *id, *form, invited.error().fields);
    return ErrorResponse(invited.error(), ctx);
  }
  ViewData d;
  d.set("id", id->ToString());
  d.set("name", invited->user.display_name);
  d.set("email", invited->user.email);
  if (!invited->token.empty()) {
    d.set("link", BaseUrl(ctx.request) + "/invitations/" + invited->token);
    d.set("expires", invited->expires_at->LondonDate().ToLongString());
  }
  return Page(200, "Invitation ready", "representative_invited", d, ctx);
}

}  // namespace selfdirect::web
