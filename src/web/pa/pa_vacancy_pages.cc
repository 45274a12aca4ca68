// The pages of PA vacancies: the person's adverts and the form to make one, an advert with its
// applications (or, for a PA, with how they fit and the form to apply), and a PA's jobs page
// (pa_vacancy_routes.h).
#include "base/text.h"
#include "web/pa/pa_routes.h"
#include "web/pa/pa_vacancy_routes.h"
#include "web/render.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using R = PaVacancyRoutes;

const std::vector<Role> kPersonSide = {Role::kBudgetHolder, Role::kRepresentative,
                                       Role::kPractitioner, Role::kApprover};
const std::vector<Role> kReaders = {Role::kBudgetHolder, Role::kRepresentative, Role::kPractitioner,
                                    Role::kApprover, Role::kPersonalAssistant};

ViewList Texts(const std::vector<std::string>& items) {
  ViewList out;
  for (const auto& i : items) out.push_back(i);
  return out;
}

std::string SkillsText(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes)
    out += (out.empty() ? "" : ", ") + std::string(domain::pa::SkillLabel(c));
  return out.empty() ? "None asked for" : out;
}

// The advert's summary rows, as both sides see them.
ViewList AdvertRows(const app::PaVacancyRecord& r, Date today) {
  const auto& v = r.vacancy;
  std::vector<std::pair<std::string, std::string>> rows = {
      {"Where", "Near " + v.area},
      {"When", SlotsText(v.slots, "To agree")},
      {"Hours a week", std::to_string(v.hours_per_week)},
      {"Pay", v.hourly_rate.ToDisplayString() + " an hour"},
      {"Experience asked for", SkillsText(v.skills)}};
  if (!v.interests.empty()) {
    std::string words;
    for (const auto& w : v.interests) words += (words.empty() ? "" : ", ") + w;
    rows.push_back({"Interests to share", words});
  }
  if (!v.language.empty()) rows.push_back({"Language", v.language});
  rows.push_back({"Closing date", v.closes_on.ToLongString()});
  const bool past = r.status == app::PaVacancyStatus::kOpen && v.closes_on < today;
  rows.push_back({"Status", past ? "Closed to new applications"
                                 : std::string(app::PaVacancyStatusText(r.status))});
  return LabelValueRows(rows);
}

ViewData ApplicationRow(const app::ApplicationView& a) {
  ViewData row;
  row.set("id", a.record.id.ToString());
  row.set("pa_id", a.record.pa.ToString());
  row.set("first_name", a.pa.profile.first_name);
  row.set("verified", a.pa.profile.verified);
  row.set("listed", a.pa.profile.listed);  // A PA off the register has no profile page to open.
  row.set("message", a.record.message);
  row.set("applied_on", a.record.applied_at.LondonDate().ToLongString());
  row.set("status", std::string(app::PaApplicationStatusText(a.record.status)));
  row.set("waiting", a.record.status == app::PaApplicationStatus::kApplied);
  row.set("reasons", Texts(a.reasons));
  row.set("pa_email", a.pa_email);
  return row;
}

// The closing date's boxes: as typed when the form came back, else the date proposed.
DateParts ClosingParts(Context& ctx, const app::VacancyInput& in) {
  if (ctx.request.method == Method::kPost) {
    auto form = ctx.request.Form();
    if (form) return PartsOfForm(*form, "closes_on");
  }
  auto closes = Date::Parse(in.closes_on);
  return PartsOfDate(closes.ok() ? std::optional<Date>(*closes) : std::nullopt);
}

// The error summary's links: the skills' first checkbox is "skill".
std::string FormFieldHref(const FieldError& e) {
  if (e.field == "skills") return "#skill";
  if (e.field == "closes_on") return "#closes_on-day";
  return "#" + e.field;
}

}  // namespace

std::optional<PersonId> R::PersonOf(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.Query("person"));
  if (!person && ctx.principal->actor.role == Role::kBudgetHolder)
    person = ctx.principal->actor.own_person_id;
  return person;
}

void R::AddPageRoutes() {
  const std::vector<Role> pas = {Role::kPersonalAssistant};
  Add(Method::kGet, "/pa-adverts", PageRoute(kPersonSide, Bind(&R::AdvertsPage)));
  Add(Method::kGet, "/pa-adverts/new", PageRoute(kPersonSide, Bind(&R::NewAdvertPage)));
  Add(Method::kPost, "/pa-adverts", PageRoute(kPersonSide, Bind(&R::CreateAdvert)));
  Add(Method::kGet, "/pa-adverts/{id}", PageRoute(kReaders, Bind(&R::AdvertPage)));
  Add(Method::kPost, "/pa-adverts/{id}/close", PageRoute(kPersonSide, Bind(&R::CloseAdvert)));
  Add(Method::kPost, "/pa-adverts/{id}/apply", PageRoute(pas, Bind(&R::ApplyPage)));
  Add(Method::kPost, "/pa-applications/{id}", PageRoute(kPersonSide, Bind(&R::AnswerPage)));
  Add(Method::kPost, "/pa-applications/{id}/withdraw", PageRoute(pas, Bind(&R::WithdrawPage)));
  Add(Method::kGet, "/pa-jobs", PageRoute(pas, Bind(&R::JobsPage)));
}

void R::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  const Role role = ctx.principal->user.role;
  if (role == Role::kPersonalAssistant) {
    out.push_back({"/pa-jobs", "Jobs for PAs near you", false});
  } else if (role == Role::kBudgetHolder) {
    out.push_back({"/pa-adverts", "Advertise for a personal assistant", false});
  }
}

Response R::AdvertsPage(Context& ctx) {
  auto person = PersonOf(ctx);
  if (!person) return ErrorResponse(Error::NotFound("Choose whose adverts to see"), ctx);
  auto adverts = vacancies_.ForPerson(ctx.call, *ctx.principal, *person);
  if (!adverts.ok()) return ErrorResponse(adverts.error(), ctx);
  ViewList rows;
  for (const auto& a : *adverts) {
    ViewData row;
    row.set("id", a.id.ToString());
    row.set("title", a.vacancy.title);
    row.set("closes_on", a.vacancy.closes_on.ToLongString());
    row.set("status", std::string(app::PaVacancyStatusText(a.status)));
    rows.push_back(row);
  }
  ViewData d;
  d.set("person", person->ToString());
  d.set("adverts", rows);
  d.set("has_adverts", !rows.empty());
  return Page(200, "Adverts for a personal assistant", "pa_adverts", d, ctx);
}

Response R::RenderForm(int status, Context& ctx, const app::VacancyInput& typed,
                       const std::vector<std::string>& days, const std::vector<std::string>& parts,
                       const std::vector<FieldError>& errors) {
  auto lines = vacancies_.PlanLines(ctx.call, *ctx.principal, typed.person);
  if (!lines.ok()) return ErrorResponse(lines.error(), ctx);
  // A new form starts from the plan's first PA line (its hours, and its rate when hourly).
  app::VacancyInput in = typed;
  if (status == 200 && !lines->empty()) {
    const auto& first = lines->front();
    in.plan_line = first.description;
    if (first.hours_per_week > 0) in.hours = std::to_string(first.hours_per_week);
    if (first.hourly_rate > Pence{}) in.hourly_rate = first.hourly_rate.ToString();
  }
  ViewData d;
  d.set("person", in.person.ToString());
  d.set("csrf_token", ctx.principal->session.csrf_token);
  SetErrorSummary(d, errors, FormFieldHref);
  ViewList plan_lines;
  for (const auto& l : *lines) {
    ViewData row;
    row.set("description", l.description);
    row.set("hours", std::to_string(l.hours_per_week));
    row.set("rate", l.hourly_rate.ToDisplayString());
    plan_lines.push_back(row);
  }
  d.set("plan_lines", plan_lines);
  d.set("has_plan_lines", !plan_lines.empty());
  std::vector<std::pair<std::string, std::string>> line_options = {
      {"", "Not one line of the plan"}};
  for (const auto& l : *lines) line_options.push_back({l.description, l.description});
  if (!lines->empty())
    d.set("plan_line",
          RadioGroupView("plan_line", "Which part of the support plan is this for?", "",
                         ChoiceOptions("plan_line", "plan_line", line_options, {in.plan_line}), "",
                         true));
  d.set("title", TextInputView({"title", "Title of the advert",
                                "For example: A PA for Saturday walks and lunch out"},
                               in.title, ErrorFor(errors, "title")));
  d.set("about", TextInputView({"about", "What the help is",
                                "In your own words. Do not put your surname or address: PAs "
                                "see these only once you invite them to talk.",
                                "text", "", "", "6"},
                               in.about, ErrorFor(errors, "about")));
  d.set("hours", TextInputView({"hours", "Hours a week", "", "text", "off", "govuk-input--width-3"},
                               in.hours, ErrorFor(errors, "hours")));
  d.set("hourly_rate", in.hourly_rate);
  d.set("hourly_rate_error", ErrorFor(errors, "hourly_rate"));
  d.set("day_options", DayOptions(days));
  d.set("part_options", PartOptions(parts));
  d.set("skill_options", SkillOptions(in.skills));
  d.set("skills_error", ErrorFor(errors, "skills"));
  d.set("interests", in.interests);
  d.set("language", in.language);
  d.set("closes_on",
        DateInputView("closes_on", "Closing date",
                      "PAs can apply until the end of this day, for example 20 12 2026",
                      ClosingParts(ctx, in), ErrorFor(errors, "closes_on")));
  return Page(status, "Advertise for a personal assistant", "pa_advert_form", d, ctx);
}

Response R::NewAdvertPage(Context& ctx) {
  auto person = PersonOf(ctx);
  if (!person) return ErrorResponse(Error::NotFound("Choose who the advert is for"), ctx);
  app::VacancyInput in;
  in.person = *person;
  in.closes_on = clock_.Now().LondonDate().AddDays(21).ToString();
  return RenderForm(200, ctx, in, {}, {}, {});
}

Response R::CreateAdvert(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  app::VacancyInput in;
  auto person = PersonId::Parse(FormValue(*form, "person"));
  if (!person) return ErrorResponse(Error::NotFound("No person with that number"), ctx);
  in.person = *person;
  in.title = std::string(Trim(FormValue(*form, "title")));
  in.about = std::string(Trim(FormValue(*form, "about")));
  in.plan_line = FormValue(*form, "plan_line");
  in.hours = std::string(Trim(FormValue(*form, "hours")));
  in.hourly_rate = std::string(Trim(FormValue(*form, "hourly_rate")));
  const auto days = ValuesOf(*form, "day"), parts = ValuesOf(*form, "part");
  in.slots = SlotsFrom(days, parts);
  in.skills = ValuesOf(*form, "skill");
  in.interests = FormValue(*form, "interests");
  in.language = std::string(Trim(FormValue(*form, "language")));
  in.closes_on = IsoDateFromParts(PartsOfForm(*form, "closes_on"));
  auto made = vacancies_.Advertise(ctx.call, *ctx.principal, in);
  if (made.ok()) return Response::Redirect("/pa-adverts/" + made->ToString());
  if (made.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(made.error(), ctx);
  return RenderForm(422, ctx, in, days, parts, made.error().fields);
}

Response R::AdvertPage(Context& ctx) { return RenderAdvert(ctx, 200, "", ""); }

Response R::RenderAdvert(Context& ctx, int status, const std::string& message_error,
                         const std::string& typed) {
  auto id = PaVacancyId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No advert with that number"), ctx);
  auto v = vacancies_.View(ctx.call, *ctx.principal, *id);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  const auto& r = v->record;
  ViewData d;
  d.set("id", r.id.ToString());
  d.set("person", r.person.ToString());
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("title", r.vacancy.title);
  d.set("about", r.vacancy.about);
  d.set("plan_line", r.vacancy.plan_line);
  d.set("rows", AdvertRows(r, clock_.Now().LondonDate()));
  d.set("open", r.status == app::PaVacancyStatus::kOpen);
  d.set("person_side", v->person_side);
  d.set("person_name", v->person_name);
  ViewList applications;
  for (const auto& a : v->applications) applications.push_back(ApplicationRow(a));
  d.set("applications", applications);
  d.set("has_applications", !applications.empty());
  d.set("reasons", Texts(v->reasons));
  d.set("has_reasons", !v->reasons.empty());
  d.set("advert_id", r.id.ToString());
  d.set("applied", v->mine.has_value());
  if (v->mine) {
    d.set("my_application", v->mine->id.ToString());
    d.set("my_status", std::string(app::PaApplicationStatusText(v->mine->status)));
    d.set("my_waiting", v->mine->status == app::PaApplicationStatus::kApplied);
    d.set("my_invited", v->mine->status == app::PaApplicationStatus::kInvited);
  }
  d.set("done", ctx.request.Query("done"));
  d.set("message_error", message_error);
  d.set("typed_message", typed);
  return Page(status, r.vacancy.title, "pa_advert", d, ctx);
}

Response R::CloseAdvert(Context& ctx) {
  auto id = PaVacancyId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No advert with that number"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  const std::string outcome = FormValue(*form, "outcome");
  if (outcome != "filled" && outcome != "withdrawn")
    return ErrorResponse(Error::InvalidArgument("Choose filled or take down"), ctx);
  Status s = vacancies_.Close(ctx.call, *ctx.principal, *id, outcome == "filled");
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  return Response::Redirect("/pa-adverts/" + id->ToString());
}

Response R::ApplyPage(Context& ctx) {
  auto id = PaVacancyId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No advert with that number"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  const std::string message(Trim(FormValue(*form, "message")));
  auto made = vacancies_.Apply(ctx.call, *ctx.principal, *id, message);
  if (!made.ok() && made.error().code == ErrorCode::kInvalidArgument)  // Kept as typed.
    return RenderAdvert(ctx, 422, "Say why you would like this job, in up to 1,000 characters",
                        message);
  if (!made.ok()) return ErrorResponse(made.error(), ctx);
  return Response::Redirect("/pa-adverts/" + id->ToString() + "?done=applied");
}

Response R::AnswerPage(Context& ctx) {
  auto id = PaApplicationId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No application with that number"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  const std::string answer = FormValue(*form, "answer");
  if (answer != "invite" && answer != "decline")
    return ErrorResponse(Error::InvalidArgument("Choose invite or not this time"), ctx);
  auto advert = vacancies_.Answer(ctx.call, *ctx.principal, *id, answer == "invite");
  if (!advert.ok()) return ErrorResponse(advert.error(), ctx);
  return Response::Redirect("/pa-adverts/" + advert->ToString() + "?done=" + answer);
}

Response R::WithdrawPage(Context& ctx) {
  auto id = PaApplicationId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No application with that number"), ctx);
  Status s = vacancies_.Withdraw(ctx.call, *ctx.principal, *id);
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  return Response::Redirect("/pa-jobs");
}

Response R::JobsPage(Context& ctx) {
  auto board = vacancies_.Board(ctx.call, *ctx.principal);
  if (!board.ok()) return ErrorResponse(board.error(), ctx);
  ViewList matches, applications;
  for (const auto& m : board->matches) {
    ViewData row;
    row.set("id", m.record.id.ToString());
    row.set("title", m.record.vacancy.title);
    row.set("area", m.record.vacancy.area);
    row.set("closes_on", m.record.vacancy.closes_on.ToLongString());
    row.set("reasons", Texts(m.reasons));
    matches.push_back(row);
  }
  for (const auto& [a, v] : board->applications) {
    ViewData row;
    row.set("id", v.id.ToString());
    row.set("title", v.vacancy.title);
    row.set("applied_on", a.applied_at.LondonDate().ToLongString());
    row.set("status", std::string(app::PaApplicationStatusText(a.status)));
    applications.push_back(row);
  }
  ViewData d;
  d.set("has_profile", board->has_profile);
  d.set("matches", matches);
  d.set("count", matches.size() == 1 ? std::string("1 advert")
                                     : std::to_string(matches.size()) + " adverts");
  d.set("has_matches", !matches.empty());
  d.set("applications", applications);
  d.set("has_applications", !applications.empty());
  return Page(200, "Jobs for PAs near you", "pa_jobs", d, ctx);
}

}  // namespace selfdirect::web
