// File: pa_vacancy_applications.cc
// PAs' side of vacancies (their board, applying, taking back) and the person's side's answer
// (pa_vacancies.h).
#include <fmt/format.h>

#include "app/messages/message_service.h"
#include "app/pa/pa_vacancies.h"

namespace selfdirect::app {
namespace {

using domain::Role;

Result<PaProfileRecord> OwnProfile(Transaction& tx, const Principal& pa) {
  if (pa.user.role != Role::kPersonalAssistant)
    return Error::PermissionDenied("Only personal assistants apply for adverts");
  SD_ASSIGN_OR_RETURN(auto mine, tx.pas().ProfileOfUser(pa.user.id));
  if (!mine)
    return Error::FailedPrecondition("Make your profile first: the person sees it when you apply");
  return *mine;
}

Status TellPersonOfApplication(Transaction& tx, const PaVacancyRecord& v, const PaProfileRecord& pa,
                               Timestamp now) {
  Notice n;
  n.person = v.person;
  n.kind = domain::MessageKind::kChange;
  n.subject = fmt::format("{} applied to be your PA", pa.profile.first_name);
  n.body = fmt::format(
      "{} applied for your advert \"{}\". Sign in and open the advert to read what they said and "
      "to invite them to talk.",
      pa.profile.first_name, v.vacancy.title);
  return StatusOf(QueueMessage(tx, n, UserId{}, now));
}

Status TellPaOfInvitation(Transaction& tx, const PaVacancyRecord& v, const PaProfileRecord& pa,
                          Timestamp now) {
  Notice n;
  n.user = pa.user_id;
  n.kind = domain::MessageKind::kDecision;
  n.subject = "You are invited to talk about a PA job";
  n.body = fmt::format(
      "You applied for \"{}\" near {}. They would like to talk: sign in and open \"People who want "
      "to contact you\" to see how to reach them.",
      v.vacancy.title, v.vacancy.area);
  return StatusOf(QueueMessage(tx, n, UserId{}, now));
}

}  // namespace

Result<PaVacancyBoard> PaVacancyService::Board(const CallContext& ctx, const Principal& pa) {
  PaVacancyBoard out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    if (pa.user.role != Role::kPersonalAssistant)
      return Error::PermissionDenied("Only personal assistants see adverts for PAs");
    SD_ASSIGN_OR_RETURN(auto mine, tx.pas().ProfileOfUser(pa.user.id));
    if (!mine) return OkStatus();
    out.has_profile = true;
    SD_ASSIGN_OR_RETURN(auto applications, tx.pas().ApplicationsOfPa(mine->id));
    std::set<int64_t> applied;
    for (const auto& a : applications) {
      SD_ASSIGN_OR_RETURN(auto v, tx.pas().FindVacancy(a.vacancy));
      if (!v) continue;
      applied.insert(a.vacancy.value());
      out.applications.emplace_back(a, *v);
    }
    const Date today = clock_.Now().LondonDate();
    SD_ASSIGN_OR_RETURN(auto open, tx.pas().OpenVacancies(today));
    std::vector<domain::pa::Vacancy> vacancies;
    vacancies.reserve(open.size());
    for (const auto& v : open) vacancies.push_back(v.vacancy);
    for (auto& m : domain::pa::VacanciesFor(mine->profile, vacancies, today, 100)) {
      const auto& record = open[static_cast<size_t>(m.vacancy - vacancies.data())];
      if (applied.contains(record.id.value())) continue;
      out.matches.push_back({record, m.metres, std::move(m.reasons)});
    }
    return OkStatus();
  });
  audit_.Record(ctx.council,
                AuditOf(clock_, pa, ctx, ReadAction("pa.vacancies.board", read), "", "", ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Result<PaApplicationId> PaVacancyService::Apply(const CallContext& ctx, const Principal& pa,
                                                PaVacancyId id, const std::string& message) {
  if (message.empty() || message.size() > 1000)
    return Error::InvalidArgument(
        "Say why you would like this job",
        {{"message", "Say why you would like this job, in up to 1,000 characters"}});
  PaApplicationId made;
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto mine, OwnProfile(tx, pa));
    SD_ASSIGN_OR_RETURN(auto v, tx.pas().FindVacancy(id));
    const Timestamp now = clock_.Now();
    if (!v || domain::pa::VacanciesFor(mine.profile, {v->vacancy}, now.LondonDate(), 1).empty())
      return Error::NotFound("No open advert with that number");
    auto inserted = tx.pas().InsertApplication(
        {PaApplicationId{}, id, mine.id, message, PaApplicationStatus::kApplied, now, {}, {}, {}});
    if (!inserted.ok() && inserted.error().code == ErrorCode::kAlreadyExists)
      return Error::AlreadyExists("You applied for this advert before");
    SD_ASSIGN_OR_RETURN(made, std::move(inserted));
    SD_RETURN_IF_ERROR(TellPersonOfApplication(tx, *v, mine, now));
    return tx.audit().Append(AuditOf(clock_, pa, ctx, "pa.vacancy.apply", "person",
                                     v->person.ToString(), "advert " + id.ToString()));
  });
  if (!s.ok() && s.error().code != ErrorCode::kInvalidArgument)
    audit_.Record(ctx.council, AuditOf(clock_, pa, ctx, "pa.vacancy.apply_refused", "pa_vacancy",
                                       id.ToString(), s.error().message));
  SD_RETURN_IF_ERROR(s);
  return made;
}

Result<PaVacancyId> PaVacancyService::Answer(const CallContext& ctx, const Principal& who,
                                             PaApplicationId id, bool invite) {
  PaVacancyId advert;
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto a, tx.pas().FindApplication(id));
    if (!a) return Error::NotFound("No application with that number");
    SD_ASSIGN_OR_RETURN(auto v, tx.pas().FindVacancy(a->vacancy));
    if (!v) return Error::NotFound("No application with that number");
    SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(v->person));
    if (!person || !PersonSideOfPa(who, *person))
      return Error::NotFound("No application with that number");
    advert = v->id;
    if (invite && v->status != PaVacancyStatus::kOpen)
      return Error::FailedPrecondition("The advert is closed: nobody more can be invited from it");
    const Timestamp now = clock_.Now();
    std::optional<PaContactId> contact;
    if (invite) {
      SD_ASSIGN_OR_RETURN(contact,
                          tx.pas().InsertContact({PaContactId{}, a->pa, v->person, who.user.id,
                                                  "Invited you to talk about your application",
                                                  PaContactStatus::kAsked, now, std::nullopt}));
      SD_RETURN_IF_ERROR(tx.pas().AnswerContact(*contact, PaContactStatus::kAgreed, now));
    }
    SD_RETURN_IF_ERROR(tx.pas().AnswerApplication(
        id, invite ? PaApplicationStatus::kInvited : PaApplicationStatus::kDeclined, now,
        who.user.id, contact));
    SD_ASSIGN_OR_RETURN(auto pa, tx.pas().FindProfile(a->pa));
    if (invite && pa) SD_RETURN_IF_ERROR(TellPaOfInvitation(tx, *v, *pa, now));
    return tx.audit().Append(
        AuditOf(clock_, who, ctx, invite ? "pa.application.invite" : "pa.application.decline",
                "person", v->person.ToString(), "application " + id.ToString()));
  });
  if (!s.ok() && s.error().code == ErrorCode::kNotFound)
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "pa.application.answer_refused",
                                       "pa_application", id.ToString(), ""));
  SD_RETURN_IF_ERROR(s);
  return advert;
}

Status PaVacancyService::Withdraw(const CallContext& ctx, const Principal& pa, PaApplicationId id) {
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto mine, OwnProfile(tx, pa));
    SD_ASSIGN_OR_RETURN(auto a, tx.pas().FindApplication(id));
    if (!a || a->pa != mine.id) return Error::NotFound("No application with that number");
    SD_RETURN_IF_ERROR(tx.pas().AnswerApplication(id, PaApplicationStatus::kWithdrawn, clock_.Now(),
                                                  std::nullopt, std::nullopt));
    return tx.audit().Append(
        AuditOf(clock_, pa, ctx, "pa.application.withdraw", "pa_application", id.ToString(), ""));
  });
  if (!s.ok() && s.error().code == ErrorCode::kNotFound)
    audit_.Record(ctx.council, AuditOf(clock_, pa, ctx, "pa.application.withdraw_refused",
                                       "pa_application", id.ToString(), ""));
  return s;
}

}  // namespace selfdirect::app
