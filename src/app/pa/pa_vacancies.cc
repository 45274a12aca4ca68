// File: pa_vacancies.cc
// PA vacancies: advertising from a plan, PAs applying, the person's side answering
// (pa_vacancies.h).
#include "app/pa/pa_vacancies.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <charconv>
#include <sstream>

#include "app/messages/message_service.h"
#include "app/planning/support_plan_json.h"
#include "domain/people/postcode.h"

namespace selfdirect::app {

std::string_view PaVacancyStatusCode(PaVacancyStatus s) {
  switch (s) {
    case PaVacancyStatus::kOpen:
      return "open";
    case PaVacancyStatus::kFilled:
      return "filled";
    case PaVacancyStatus::kWithdrawn:
      return "withdrawn";
  }
  return "open";
}

std::optional<PaVacancyStatus> ParsePaVacancyStatus(std::string_view code) {
  for (auto s : {PaVacancyStatus::kOpen, PaVacancyStatus::kFilled, PaVacancyStatus::kWithdrawn})
    if (PaVacancyStatusCode(s) == code) return s;
  return std::nullopt;
}

std::string_view PaApplicationStatusCode(PaApplicationStatus s) {
  switch (s) {
    case PaApplicationStatus::kApplied:
      return "applied";
    case PaApplicationStatus::kInvited:
      return "invited";
    case PaApplicationStatus::kDeclined:
      return "declined";
    case PaApplicationStatus::kWithdrawn:
      return "withdrawn";
  }
  return "applied";
}

std::optional<PaApplicationStatus> ParsePaApplicationStatus(std::string_view code) {
  for (auto s : {PaApplicationStatus::kApplied, PaApplicationStatus::kInvited,
                 PaApplicationStatus::kDeclined, PaApplicationStatus::kWithdrawn})
    if (PaApplicationStatusCode(s) == code) return s;
  return std::nullopt;
}

std::string_view PaVacancyStatusText(PaVacancyStatus s) {
  switch (s) {
    case PaVacancyStatus::kOpen:
      return "Open";
    case PaVacancyStatus::kFilled:
      return "Filled";
    case PaVacancyStatus::kWithdrawn:
      return "Taken down";
  }
  return "Open";
}

std::string_view PaApplicationStatusText(PaApplicationStatus s) {
  switch (s) {
    case PaApplicationStatus::kApplied:
      return "Waiting for an answer";
    case PaApplicationStatus::kInvited:
      return "Invited to talk";
    case PaApplicationStatus::kDeclined:
      return "Not this time";
    case PaApplicationStatus::kWithdrawn:
      return "Taken back";
  }
  return "Waiting for an answer";
}

namespace {

using domain::Role;

Result<PersonRecord> PersonFor(Transaction& tx, const Principal& who, PersonId id) {
  SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(id));
  if (!person || !PersonSideOfPa(who, *person))
    return Error::NotFound("No person with that number");
  return *person;
}

// Hours a week of a plan line measured in hours, rounded up to a whole hour.
int WeeklyHours(const domain::PlanLine& l) {
  if (l.unit != domain::Unit::kHour || l.period == domain::Period::kOnce) return 0;
  int64_t hundredths = l.quantity_hundredths * l.times;
  if (l.period != domain::Period::kWeek) hundredths = hundredths * PeriodsPerYear(l.period) / 52;
  return static_cast<int>(std::min<int64_t>((hundredths + 99) / 100, domain::pa::kMaxVacancyHours));
}

// The whole of `text` as a number from 0 to 999, or -1 ("6.5", "6abc", "").
int WholeNumber(const std::string& text) {
  int n = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || text.size() > 3) return -1;
  return n;
}

std::vector<std::string> Words(const std::string& text, size_t most) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w && out.size() < most;)
    if (w.size() <= 40) out.push_back(w);
  return out;
}

// The advert for `in`, placed at the person's postcode, or the field errors.
Result<domain::pa::Vacancy> VacancyFrom(Transaction& tx, const VacancyInput& in,
                                        const PersonRecord& person, Date today) {
  domain::pa::Vacancy v;
  v.title = in.title;
  v.about = in.about;
  v.plan_line = in.plan_line;
  v.slots = in.slots & ((1u << domain::pa::kSlots) - 1);
  v.hours_per_week = WholeNumber(in.hours);
  if (auto rate = Pence::Parse(in.hourly_rate); rate.ok()) v.hourly_rate = *rate;
  for (const auto& skill : in.skills)
    if (std::find(v.skills.begin(), v.skills.end(), skill) == v.skills.end())
      v.skills.push_back(skill);
  v.interests = Words(in.interests, 5);
  v.language = in.language;
  auto closes = Date::Parse(in.closes_on);
  v.closes_on = closes.ok() ? *closes : Date{};
  std::vector<FieldError> errors = domain::pa::VacancyProblems(v, today);
  if (!closes.ok()) {
    std::erase_if(errors, [](const FieldError& e) { return e.field == "closes_on"; });
    errors.push_back({"closes_on", "Enter the closing date, like 20 12 2026"});
  }
  if (!errors.empty())
    return Error::InvalidArgument("The advert has problems to put right", std::move(errors));
  std::optional<domain::GeoPoint> home;
  if (person.details.postcode) {
    SD_ASSIGN_OR_RETURN(home, tx.postcodes().Find(*person.details.postcode));
  }
  if (!home)
    return Error::FailedPrecondition(
        "Record the person's postcode first: the advert shows the area, from the postcode");
  v.place = domain::pa::PublicPoint(*home);
  v.area = person.details.postcode->substr(0, person.details.postcode->find(' '));
  return v;
}

}  // namespace

Result<std::vector<PlanPaLine>> PaVacancyService::PlanLines(const CallContext& ctx,
                                                            const Principal& who, PersonId person) {
  std::vector<PlanPaLine> out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(StatusOf(PersonFor(tx, who, person)));
    SD_ASSIGN_OR_RETURN(auto plans, tx.support_plans().ForPerson(person));
    if (plans.empty()) return OkStatus();
    const auto& plan = plans.front();
    SD_ASSIGN_OR_RETURN(auto version, tx.support_plans().Version(plan.id, plan.version));
    if (!version) return OkStatus();
    boost::system::error_code ec;
    auto json = boost::json::parse(version->content_json, ec);
    if (ec) return OkStatus();
    auto content = SupportPlanFromJson(json, DefaultCatalogue(), CatalogueItems::kAlsoWithdrawn);
    if (!content.ok()) return OkStatus();
    for (const auto& l : content->lines)
      if (l.category == domain::SupportCategory::kPersonalAssistant)
        out.push_back(
            {l.description, WeeklyHours(l), l.unit == domain::Unit::kHour ? l.unit_cost : Pence{}});
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("pa.vacancy.plan_lines", read),
                                     "person", person.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Result<PaVacancyId> PaVacancyService::Advertise(const CallContext& ctx, const Principal& who,
                                                const VacancyInput& in) {
  PaVacancyId id;
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto person, PersonFor(tx, who, in.person));
    SD_ASSIGN_OR_RETURN(auto v, VacancyFrom(tx, in, person, clock_.Now().LondonDate()));
    PaVacancyRecord r;
    r.person = person.id;
    r.vacancy = std::move(v);
    r.created_by = who.user.id;
    r.created_at = clock_.Now();
    SD_ASSIGN_OR_RETURN(id, tx.pas().InsertVacancy(r));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "pa.vacancy.advertise", "person",
                                     person.id.ToString(), "advert " + id.ToString()));
  });
  if (!s.ok() && s.error().code == ErrorCode::kNotFound)
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "pa.vacancy.advertise_refused", "person",
                                       in.person.ToString(), ""));
  SD_RETURN_IF_ERROR(s);
  return id;
}

Status PaVacancyService::Close(const CallContext& ctx, const Principal& who, PaVacancyId id,
                               bool filled) {
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto v, tx.pas().FindVacancy(id));
    if (!v) return Error::NotFound("No advert with that number");
    SD_RETURN_IF_ERROR(StatusOf(PersonFor(tx, who, v->person)));
    const Timestamp now = clock_.Now();
    SD_RETURN_IF_ERROR(tx.pas().CloseVacancy(
        id, filled ? PaVacancyStatus::kFilled : PaVacancyStatus::kWithdrawn, now));
    SD_ASSIGN_OR_RETURN(auto applications, tx.pas().ApplicationsFor(id));
    for (const auto& a : applications)
      if (a.status == PaApplicationStatus::kApplied)
        SD_RETURN_IF_ERROR(tx.pas().AnswerApplication(a.id, PaApplicationStatus::kDeclined, now,
                                                      who.user.id, std::nullopt));
    return tx.audit().Append(AuditOf(clock_, who, ctx,
                                     filled ? "pa.vacancy.filled" : "pa.vacancy.withdrawn",
                                     "person", v->person.ToString(), "advert " + id.ToString()));
  });
  if (!s.ok() && s.error().code == ErrorCode::kNotFound)
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "pa.vacancy.close_refused", "pa_vacancy",
                                       id.ToString(), ""));
  return s;
}

Result<std::vector<PaVacancyRecord>> PaVacancyService::ForPerson(const CallContext& ctx,
                                                                 const Principal& who,
                                                                 PersonId person) {
  std::vector<PaVacancyRecord> out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(StatusOf(PersonFor(tx, who, person)));
    SD_ASSIGN_OR_RETURN(out, tx.pas().VacanciesOfPerson(person));
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("pa.vacancies.read", read),
                                     "person", person.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

namespace {

// The need an advert describes, to rank an applicant by it (the finder's reasons).
domain::pa::PaNeed NeedOf(const domain::pa::Vacancy& v) {
  domain::pa::PaNeed need;
  need.home = v.place;
  need.slots = v.slots;
  need.skills = v.skills;
  need.interests = v.interests;
  need.language = v.language;
  return need;
}

Result<ApplicationView> ApplicationIn(Transaction& tx, const PaApplicationRecord& a,
                                      const domain::pa::Vacancy& v) {
  ApplicationView out;
  out.record = a;
  SD_ASSIGN_OR_RETURN(auto profile, tx.pas().FindProfile(a.pa));
  if (!profile) return out;
  out.pa.profile = profile->profile;
  out.pa.verifier = profile->verifier;
  out.pa.checks = profile->checks;
  out.pa.profile.listed = true;  // Applying shows the PA to this advert even when unlisted.
  auto found = domain::pa::FindPas({out.pa.profile}, NeedOf(v), 1);
  if (!found.empty()) {
    out.pa.metres = found[0].metres;
    out.reasons = std::move(found[0].reasons);
  }
  if (a.status == PaApplicationStatus::kInvited) {
    SD_ASSIGN_OR_RETURN(auto user, tx.users().FindById(profile->user_id));
    if (user) out.pa_email = user->email;
  }
  return out;
}

}  // namespace

Result<VacancyView> PaVacancyService::ViewIn(Transaction& tx, const Principal& who,
                                             const PaVacancyRecord& v) {
  VacancyView out;
  out.record = v;
  SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(v.person));
  if (person && PersonSideOfPa(who, *person)) {
    out.person_side = true;
    out.person_name = person->details.given_name + " " + person->details.family_name;
    SD_ASSIGN_OR_RETURN(auto applications, tx.pas().ApplicationsFor(v.id));
    for (const auto& a : applications) {
      SD_ASSIGN_OR_RETURN(auto view, ApplicationIn(tx, a, v.vacancy));
      out.applications.push_back(std::move(view));
    }
    return out;
  }
  SD_ASSIGN_OR_RETURN(auto mine, tx.pas().ProfileOfUser(who.user.id));
  if (who.user.role != Role::kPersonalAssistant || !mine)
    return Error::NotFound("No advert with that number");
  SD_ASSIGN_OR_RETURN(auto applications, tx.pas().ApplicationsOfPa(mine->id));
  for (const auto& a : applications)
    if (a.vacancy == v.id) out.mine = a;
  // A PA sees an open advert that reaches them, or one they applied for (as it is now).
  auto found = domain::pa::VacanciesFor(mine->profile, {v.vacancy}, clock_.Now().LondonDate(), 1);
  if (found.empty() && !out.mine) return Error::NotFound("No advert with that number");
  if (found.empty()) {
    std::vector<domain::pa::Vacancy> one = {v.vacancy};
    one[0].open = true;
    one[0].closes_on = clock_.Now().LondonDate();
    found = domain::pa::VacanciesFor(mine->profile, one, clock_.Now().LondonDate(), 1);
  }
  if (!found.empty()) out.reasons = std::move(found[0].reasons);
  return out;
}

Result<VacancyView> PaVacancyService::View(const CallContext& ctx, const Principal& who,
                                           PaVacancyId id) {
  VacancyView out;
  PersonId person;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto v, tx.pas().FindVacancy(id));
    if (!v) return Error::NotFound("No advert with that number");
    person = v->person;
    SD_ASSIGN_OR_RETURN(out, ViewIn(tx, who, *v));
    return OkStatus();
  });
  const bool person_side = read.ok() && out.person_side;
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("pa.vacancy.view", read),
                                     person_side ? "person" : "pa_vacancy",
                                     person_side ? person.ToString() : id.ToString(),
                                     "advert " + id.ToString()));
  SD_RETURN_IF_ERROR(read);
  return out;
}

}  // namespace selfdirect::app
