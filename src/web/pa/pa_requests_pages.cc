// Requests to contact a PA (the PA's list with agree and decline; the person's side), and the
// PA's own profile form.
#include "base/text.h"
#include "web/pa/pa_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;
namespace pa = domain::pa;

std::string StatusText(app::PaContactStatus s) {
  switch (s) {
    case app::PaContactStatus::kAgreed:
      return "Agreed";
    case app::PaContactStatus::kDeclined:
      return "Declined";
    case app::PaContactStatus::kAsked:
      break;
  }
  return "Waiting for an answer";
}

ViewData RequestRow(const app::PaContactView& v) {
  ViewData row;
  row.set("id", v.contact.id.ToString());
  row.set("pa_id", v.contact.pa.ToString());
  row.set("pa_first_name", v.pa_first_name);
  row.set("message", v.contact.message);
  row.set("status", StatusText(v.contact.status));
  row.set("waiting", v.contact.status == app::PaContactStatus::kAsked);
  row.set("agreed", v.contact.status == app::PaContactStatus::kAgreed);
  row.set("asked_on", v.contact.asked_at.LondonDate().ToLongString());
  row.set("person_name", v.person_name);
  row.set("pa_email", v.pa_email);
  row.set("asker_email", v.asker_email);
  return row;
}

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  for (auto& w : SplitCommaList(text)) out.push_back(w);
  return out;
}

}  // namespace

Response PaRoutes::RequestsPage(Context& ctx) {
  auto requests = pas_.RequestsToMe(ctx.call, *ctx.principal);
  if (!requests.ok()) return ErrorResponse(requests.error(), ctx);
  ViewList waiting, answered;
  for (const auto& r : *requests)
    (r.contact.status == app::PaContactStatus::kAsked ? waiting : answered)
        .push_back(RequestRow(r));
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("waiting", waiting);
  d.set("has_waiting", !waiting.empty());
  d.set("answered", answered);
  d.set("has_answered", !answered.empty());
  return Page(200, "People who want to contact you", "pa_requests", d, ctx);
}

Response PaRoutes::AnswerPage(Context& ctx) {
  auto id = PaContactId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No request with that number"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  const std::string answer = FormValue(*form, "answer");
  if (answer != "agree" && answer != "decline")
    return ErrorResponse(Error::InvalidArgument("Choose agree or decline"), ctx);
  Status done = pas_.Answer(ctx.call, *ctx.principal, *id, answer == "agree");
  if (!done.ok()) return ErrorResponse(done.error(), ctx);
  return Response::Redirect("/my/pa-requests");
}

Response PaRoutes::ContactsPage(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.Query("person"));
  if (!person && ctx.principal->actor.role == Role::kBudgetHolder)
    person = ctx.principal->actor.own_person_id;
  if (!person) return ErrorResponse(Error::NotFound("Choose whose requests to see"), ctx);
  auto requests = pas_.RequestsFor(ctx.call, *ctx.principal, *person);
  if (!requests.ok()) return ErrorResponse(requests.error(), ctx);
  ViewList rows;
  for (const auto& r : *requests) rows.push_back(RequestRow(r));
  ViewData d;
  d.set("requests", rows);
  d.set("has_requests", !rows.empty());
  d.set("person", person->ToString());
  return Page(200, "Personal assistants you asked to contact", "pa_contacts", d, ctx);
}

Response PaRoutes::RenderMyProfile(int status, Context& ctx, const app::PaProfileInput& in,
                                   const std::vector<FieldError>& errors) {
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("first_name", in.first_name);
  d.set("postcode", in.postcode);
  d.set("travel_miles", std::to_string(in.travel_miles));
  d.set("hourly_rate", in.hourly_rate);
  d.set("about", in.about);
  std::string interests, languages;
  for (const auto& i : in.interests) interests += (interests.empty() ? "" : ", ") + i;
  for (const auto& l : in.languages) languages += (languages.empty() ? "" : ", ") + l;
  d.set("interests", interests);
  d.set("languages", languages);
  std::vector<std::pair<std::string, std::string>> skills;
  for (const auto& s : pa::Skills()) skills.push_back({std::string(s.code), std::string(s.label)});
  d.set("skill_options",
        ChoiceOptions("skill", "skill", skills, {in.skills.begin(), in.skills.end()}));
  std::vector<std::pair<std::string, std::string>> slots;
  std::set<std::string> free;
  for (int i = 0; i < pa::kSlots; ++i) {
    slots.push_back({std::to_string(i), pa::SlotLabel(i)});
    if (in.availability & (1u << i)) free.insert(std::to_string(i));
  }
  d.set("slot_options", ChoiceOptions("slot", "slot", slots, free));
  d.set("listed", in.listed);
  d.set("dbs_options", ChoiceOptions("dbs_level", "dbs_level",
                                     {{"", "No DBS check yet"},
                                      {"basic", "Basic"},
                                      {"standard", "Standard"},
                                      {"enhanced", "Enhanced"},
                                      {"enhanced_barred", "Enhanced with the adults' barred list"}},
                                     {in.checks.dbs_level}));
  for (const char* f :
       {"first_name", "postcode", "travel_miles", "hourly_rate", "skills", "dbs_level"})
    d.set(std::string(f) + "_error", ErrorFor(errors, f));
  d.set("saved", ctx.request.Query("saved") == "1");
  SetErrorSummary(d, errors);
  return Page(status, "Your PA profile", "pa_my_profile", d, ctx);
}

Response PaRoutes::MyProfilePage(Context& ctx) {
  app::PaProfileInput in;
  auto mine = pas_.MyProfile(ctx.call, *ctx.principal);
  if (mine.ok()) {
    const auto& p = mine->profile;
    in = {p.first_name,   mine->postcode, p.about,     p.travel_miles, p.hourly_rate.ToString(),
          p.availability, p.skills,       p.interests, p.languages,    p.listed,
          mine->checks};
  } else if (mine.error().code != ErrorCode::kNotFound) {
    return ErrorResponse(mine.error(), ctx);
  }
  return RenderMyProfile(200, ctx, in, {});
}

Response PaRoutes::SaveMyProfile(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  app::PaProfileInput in;
  in.first_name = std::string(Trim(FormValue(*form, "first_name")));
  in.postcode = std::string(Trim(FormValue(*form, "postcode")));
  in.about = std::string(Trim(FormValue(*form, "about")));
  const std::string miles(Trim(FormValue(*form, "travel_miles")));
  in.travel_miles =
      miles.size() <= 2 && !miles.empty() && std::all_of(miles.begin(), miles.end(), ::isdigit)
          ? std::stoi(miles)
          : 0;
  in.hourly_rate = std::string(Trim(FormValue(*form, "hourly_rate")));
  for (const auto& s : ValuesOf(*form, "slot"))
    if (s.size() <= 2 && !s.empty() && std::all_of(s.begin(), s.end(), ::isdigit) &&
        std::stoi(s) < pa::kSlots)
      in.availability |= 1u << std::stoi(s);
  in.skills = ValuesOf(*form, "skill");
  in.interests = Words(FormValue(*form, "interests"));
  in.languages = Words(FormValue(*form, "languages"));
  in.listed = FormValue(*form, "listed") == "yes";
  in.checks.dbs_level = FormValue(*form, "dbs_level");
  auto mine = pas_.MyProfile(ctx.call, *ctx.principal);
  if (mine.ok()) {  // Dates of checks are kept as they were: the verifier records them.
    const std::string level = in.checks.dbs_level;
    in.checks = mine->checks;
    in.checks.dbs_level = level;
  }
  auto saved = pas_.SaveMyProfile(ctx.call, *ctx.principal, in);
  if (saved.ok()) return Response::Redirect("/my/pa-profile?saved=1");
  if (saved.error().code == ErrorCode::kInvalidArgument)
    return RenderMyProfile(422, ctx, in, saved.error().fields);
  return ErrorResponse(saved.error(), ctx);
}

}  // namespace selfdirect::web
