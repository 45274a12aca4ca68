// Survey invitations by email (issue 22, deliver 2): the analyst queues an email for each sampled
// person not yet answered, emailed or sent a letter with a link, who has an email address and
// has not asked for letters only. The
// email goes through the message outbox, which makes the one-time link when it sends (so a
// retry or a crash never leaves a link in the kept text); the letter list then leaves these
// people out, unless their email is given up.
#include <fmt/format.h>

#include "app/messages/message_service.h"
#include "app/outcomes/survey_instruments.h"
#include "app/outcomes/survey_service.h"

namespace selfdirect::app {
namespace {

using domain::Role;

bool WantsEmail(const PersonRecord& p) {
  return !p.details.email.empty() &&
         p.details.contact_preference != domain::ContactPreference::kPost;
}

std::string SurveyEmailBody(const PersonRecord& p, const SurveyWaveRecord& wave,
                            const SurveyInvitationRecord& inv, const std::string& title) {
  return fmt::format(
      "Dear {},\n\nWe would like to know what difference your support has made to your life, "
      "and how easy it was to get. Please answer our survey, \"{}\", by {}. It takes about 10 "
      "minutes. Your answers are not shown with your name to your social worker or anyone "
      "else.\n\nAnswer online: {}\n\nThe page has an easy read version with pictures. If you "
      "would rather answer on paper, reply to this email and we will post you a form: please "
      "give your form reference, {}.\n\nThe link is for you only and works once.",
      p.details.given_name, title, wave.period_end.ToLongString(), kLinkNotKept, inv.reference);
}

// Marks the invitation emailed, then queues its email; nothing when another request (or a
// letter list) got there first.
Status QueueSurveyEmail(Transaction& tx, const PersonRecord& p, const SurveyWaveRecord& wave,
                        const SurveyInvitationRecord& inv, UserId by, Timestamp now,
                        int64_t& queued) {
  SD_ASSIGN_OR_RETURN(bool marked, tx.surveys().MarkEmailed(inv.id, now));
  if (!marked) return OkStatus();
  const SurveyInstrument* instrument = InstrumentOf(wave);
  const std::string title = instrument ? instrument->questionnaire.title : wave.name;
  MessageRecord m;
  m.kind = domain::MessageKind::kSurvey;
  m.subject = "Tell us how your support is going";
  m.body = SurveyEmailBody(p, wave, inv, title);
  m.created_at = now;
  m.created_by = by;
  m.survey_invitation = inv.id;
  SD_ASSIGN_OR_RETURN(m.id, tx.messages().Insert(m));
  DeliveryRecord d;
  d.message = m.id;
  d.channel = domain::Delivery::kEmail;
  d.address = p.details.email;
  d.next_attempt_at = now;
  SD_RETURN_IF_ERROR(StatusOf(tx.messages().InsertDelivery(d)));
  ++queued;
  return OkStatus();
}

}  // namespace

Result<int64_t> SurveyService::EmailInvitations(const CallContext& ctx, const Principal& who,
                                                SurveyWaveId id) {
  if (who.user.role != Role::kAnalyst)
    return Refuse(ctx, who, "survey_wave.emails", id,
                  Error::PermissionDenied("Only analysts send survey invitations"));
  int64_t queued = 0;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto wave, tx.surveys().FindWave(id));
    if (!wave) return Error::NotFound("No such survey wave");
    const Timestamp now = clock_.Now();
    if (wave->status != SurveyWaveStatus::kOpen || now.LondonDate() > wave->period_end)
      return Error::FailedPrecondition("This survey wave is closed");
    SD_ASSIGN_OR_RETURN(auto invs, tx.surveys().InvitationsOf(id));
    for (const auto& inv : invs) {
      if (inv.responded_at || inv.emailed_at || inv.issued_at) continue;  // A letter has a link.
      SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(inv.person));
      if (!person || !WantsEmail(*person)) continue;
      SD_RETURN_IF_ERROR(QueueSurveyEmail(tx, *person, *wave, inv, who.user.id, now, queued));
    }
    return tx.audit().Append(AuditOf(clock_, who, ctx, "survey_wave.emails", "survey_wave",
                                     id.ToString(), fmt::format("{} emails queued", queued)));
  }));
  return queued;
}

}  // namespace selfdirect::app
