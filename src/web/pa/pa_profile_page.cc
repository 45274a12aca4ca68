// A PA's profile page: what they offer, when they are free, their checks, and the forms to ask to
// contact them (people who use care, representatives, their practitioners) or to verify their
// checks (council staff and PA-employer organisations).
#include "app/people_service.h"
#include "base/text.h"
#include "web/pa/pa_routes.h"

namespace selfdirect::web {

ViewData CardView(const app::PaCard& c, const std::string& person_query);  // pa_pages.cc

namespace {

using domain::Role;
namespace pa = domain::pa;

std::string DateText(const std::optional<Date>& d) { return d ? d->ToLongString() : ""; }

std::string DbsText(const std::string& level) {
  if (level == "basic") return "Basic DBS check";
  if (level == "standard") return "Standard DBS check";
  if (level == "enhanced") return "Enhanced DBS check";
  if (level == "enhanced_barred") return "Enhanced DBS check with the adults' barred list";
  return "";
}

// The week as rows of days, each with its three parts free or not.
ViewList WeekRows(uint32_t availability) {
  static const char* days[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                               "Friday", "Saturday", "Sunday"};
  ViewList rows;
  for (int d = 0; d < 7; ++d) {
    ViewData row;
    row.set("day", days[d]);
    ViewList parts;
    for (int p = 0; p < 3; ++p)
      parts.push_back(std::string(availability & (1u << (d * 3 + p)) ? "Free" : "Not free"));
    row.set("parts", parts);
    rows.push_back(row);
  }
  return rows;
}

// The people `who` may ask for, as radio options (the first chosen).
ViewList PeopleToAskFor(app::PeopleService& people, Context& ctx, const std::string& person) {
  std::vector<PersonId> ids;
  const auto& actor = ctx.principal->actor;
  if (actor.role == Role::kBudgetHolder) ids.push_back(actor.own_person_id);
  if (actor.role == Role::kRepresentative) ids = actor.represented_people;
  if (auto id = PersonId::Parse(person)) ids = {*id};
  std::vector<std::pair<std::string, std::string>> options;
  for (PersonId id : ids) {
    auto p = people.Get(ctx.call, *ctx.principal, id);
    if (p.ok())
      options.push_back({id.ToString(), p->details.given_name + " " + p->details.family_name});
  }
  std::set<std::string> chosen;
  if (!options.empty()) chosen.insert(options.front().first);
  return ChoiceOptions("person", "person", options, chosen);
}

}  // namespace

Response PaRoutes::RenderProfile(int status, Context& ctx, PaProfileId id,
                                 const std::string& message,
                                 const std::vector<FieldError>& errors) {
  auto card = pas_.Card(ctx.call, *ctx.principal, id);
  if (!card.ok()) return ErrorResponse(card.error(), ctx);
  const std::string person = ctx.request.Query("person");
  ViewData d = CardView(*card, person.empty() ? "" : "?person=" + person);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("week", WeekRows(card->profile.availability));
  d.set("dbs", DbsText(card->checks.dbs_level));
  d.set("dbs_issued", DateText(card->checks.dbs_issued));
  d.set("right_to_work_until", DateText(card->checks.right_to_work_until));
  d.set("training_until", DateText(card->checks.training_until));
  d.set("insurance_until", DateText(card->checks.insurance_until));
  const Role role = ctx.principal->user.role;
  const bool asker = role == Role::kBudgetHolder || role == Role::kRepresentative ||
                     role == Role::kPractitioner || role == Role::kApprover;
  ViewList options = asker ? PeopleToAskFor(people_, ctx, person) : ViewList{};
  d.set("can_ask", !options.empty());
  d.set("person_options", options);
  d.set("one_person", options.size() == 1);
  d.set("message", message);
  d.set("asked", ctx.request.Query("asked") == "1");
  d.set("can_verify", !card->profile.verified &&
                          (role == Role::kPractitioner || role == Role::kApprover ||
                           role == Role::kAdministrator || role == Role::kEmployerOrganisation));
  d.set("message_error", ErrorFor(errors, "message"));
  d.set("person_error", ErrorFor(errors, "person"));
  SetErrorSummary(d, errors);
  return Page(status, card->profile.first_name + ", personal assistant", "pa_profile", d, ctx);
}

Response PaRoutes::ProfilePage(Context& ctx) {
  auto id = PaProfileId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No PA with that number"), ctx);
  return RenderProfile(200, ctx, *id, "", {});
}

Response PaRoutes::Ask(Context& ctx) {
  auto id = PaProfileId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No PA with that number"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  const std::string message(Trim(FormValue(*form, "message")));
  auto person = PersonId::Parse(FormValue(*form, "person"));
  if (!person) return RenderProfile(422, ctx, *id, message, {{"person", "Choose who it is for"}});
  auto asked = pas_.AskToContact(ctx.call, *ctx.principal, *id, *person, message);
  if (asked.ok()) return Response::Redirect("/pas/requests?person=" + person->ToString());
  if (asked.error().code == ErrorCode::kInvalidArgument)
    return RenderProfile(422, ctx, *id, message, asked.error().fields);
  return ErrorResponse(asked.error(), ctx);
}

Response PaRoutes::VerifyPage(Context& ctx) {
  auto id = PaProfileId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No PA with that number"), ctx);
  Status done = pas_.Verify(ctx.call, *ctx.principal, *id);
  if (!done.ok()) return ErrorResponse(done.error(), ctx);
  return Response::Redirect("/pas/" + id->ToString());
}

}  // namespace selfdirect::web
