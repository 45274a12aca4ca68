// Messages and their outbox (migration 0025).
#include "storage/sql/message_repository.h"

namespace selfdirect::storage {
namespace {

SqlValue IdOrNull(int64_t id) { return id > 0 ? SqlValue(id) : SqlValue(); }

app::MessageRecord MessageFromRow(const SqlRow& r, size_t at) {
  app::MessageRecord m;
  m.id = MessageId{r.Int(at)};
  if (!r.IsNull(at + 1)) m.person = PersonId{r.Int(at + 1)};
  if (!r.IsNull(at + 2)) m.user = UserId{r.Int(at + 2)};
  m.kind = domain::ParseMessageKind(r.Text(at + 3)).value_or(domain::MessageKind::kDecision);
  m.subject = r.Text(at + 4);
  m.body = r.Text(at + 5);
  m.created_at = Timestamp::FromMicros(r.Int(at + 6));
  if (!r.IsNull(at + 7)) m.created_by = UserId{r.Int(at + 7)};
  if (!r.IsNull(at + 8)) m.read_at = Timestamp::FromMicros(r.Int(at + 8));
  if (!r.IsNull(at + 9)) m.invitation = InvitationId{r.Int(at + 9)};
  if (!r.IsNull(at + 10)) m.survey_invitation = SurveyInvitationId{r.Int(at + 10)};
  return m;
}
app::MessageRecord MessageRow(const SqlRow& r) { return MessageFromRow(r, 0); }
constexpr std::string_view kMessageColumns =
    "message_id, person_id, user_id, kind, subject, body, created_at, created_by_user_id, read_at, "
    "invitation_id, survey_invitation_id";
constexpr Columns<app::MessageRecord> kMessage{kMessageColumns, MessageRow};

app::DeliveryRecord DeliveryRow(const SqlRow& r) {
  app::DeliveryRecord d;
  d.id = DeliveryId{r.Int(0)};
  d.message = MessageId{r.Int(1)};
  d.channel = domain::ParseDelivery(r.Text(2)).value_or(domain::Delivery::kLetter);
  d.address = r.Text(3);
  d.status = domain::ParseDeliveryStatus(r.Text(4)).value_or(domain::DeliveryStatus::kWaiting);
  d.attempts = static_cast<int>(r.Int(5));
  d.next_attempt_at = Timestamp::FromMicros(r.Int(6));
  d.last_error = r.Text(7);
  if (!r.IsNull(8)) d.sent_at = Timestamp::FromMicros(r.Int(8));
  if (!r.IsNull(9)) d.invitation = InvitationId{r.Int(9)};
  return d;
}
constexpr std::string_view kDeliveryColumns =
    "delivery_id, message_id, channel, address, status, attempts, next_attempt_at, last_error, "
    "sent_at, invitation_id";
constexpr Columns<app::DeliveryRecord> kDelivery{kDeliveryColumns, DeliveryRow};

app::DueEmail DueRow(const SqlRow& r) { return {DeliveryRow(r), MessageFromRow(r, 10)}; }

std::string DueFrom(std::string_view where) {
  return Select(Qualified(kDeliveryColumns, "d.") + ", " + Qualified(kMessageColumns, "m."),
                std::string("FROM message_deliveries d JOIN messages m ON m.council_id = "
                            "d.council_id AND m.message_id = d.message_id WHERE d.council_id = $1 "
                            "AND ") +
                    std::string(where));
}
std::string DueSelect(std::string_view where) {
  return DueFrom(where) + " ORDER BY d.next_attempt_at, d.delivery_id LIMIT $2";
}

// A survey invitation's email given up is not for staff: the person goes back on the wave's
// letter list instead.
constexpr std::string_view kOutstanding =
    "((d.status = 'waiting' AND d.channel = 'letter') OR d.status = 'gave_up') AND "
    "m.survey_invitation_id IS NULL";

}  // namespace

Result<MessageId> SqlMessages::Insert(const app::MessageRecord& m) {
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(
          c_,
          "INSERT INTO messages (council_id, person_id, user_id, kind, subject, body, "
          "created_at, created_by_user_id, invitation_id, survey_invitation_id) VALUES ($1, $2, "
          "$3, $4, $5, $6, $7, $8, $9, $10) RETURNING message_id",
          {council_.value(), IdOrNull(m.person.value()), IdOrNull(m.user.value()),
           std::string(domain::MessageKindCode(m.kind)), m.subject, m.body, m.created_at.micros(),
           IdOrNull(m.created_by.value()), IdOrNull(m.invitation.value()),
           IdOrNull(m.survey_invitation.value())}));
  return MessageId{id};
}

Result<DeliveryId> SqlMessages::InsertDelivery(const app::DeliveryRecord& d) {
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(c_,
               "INSERT INTO message_deliveries (council_id, message_id, channel, address, status, "
               "next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING delivery_id",
               {council_.value(), d.message.value(), std::string(domain::DeliveryCode(d.channel)),
                d.address, std::string(domain::DeliveryStatusCode(d.status)),
                d.next_attempt_at.micros()}));
  return DeliveryId{id};
}

Result<std::optional<app::MessageRecord>> SqlMessages::Find(MessageId id) {
  return QueryOne(c_, kMessage, "FROM messages WHERE council_id = $1 AND message_id = $2",
                  {council_.value(), id.value()});
}

Result<std::vector<app::MessageRecord>> SqlMessages::ForPerson(PersonId person, int limit) {
  return QueryAll(c_, kMessage,
                  "FROM messages WHERE council_id = $1 AND person_id = $2 "
                  "ORDER BY created_at DESC, message_id DESC LIMIT $3",
                  {council_.value(), person.value(), int64_t{limit}});
}

Result<int64_t> SqlMessages::CountUnread(PersonId person) {
  return QueryInt(c_,
                  "SELECT COUNT(*) FROM messages WHERE council_id = $1 AND person_id = $2 AND "
                  "read_at IS NULL",
                  {council_.value(), person.value()});
}

Result<bool> SqlMessages::MarkRead(MessageId id, Timestamp at) {
  return AnyRow(c_,
                "UPDATE messages SET read_at = $3 WHERE council_id = $1 AND message_id = $2 AND "
                "read_at IS NULL RETURNING message_id",
                {council_.value(), id.value(), at.micros()});
}

Result<std::vector<app::DeliveryRecord>> SqlMessages::Deliveries(MessageId id) {
  return QueryAll(c_, kDelivery,
                  "FROM message_deliveries WHERE council_id = $1 AND message_id = $2 "
                  "ORDER BY delivery_id",
                  {council_.value(), id.value()});
}

Result<std::vector<app::DueEmail>> SqlMessages::DueEmails(Timestamp now, int limit) {
  return QueryAll(c_,
                  DueSelect("d.status IN ('waiting', 'sending') AND d.channel = 'email' AND "
                            "d.next_attempt_at <= $3"),
                  {council_.value(), int64_t{limit}, now.micros()}, DueRow);
}

Result<bool> SqlMessages::Claim(DeliveryId id, Timestamp now, Timestamp until) {
  return AnyRow(c_,
                "UPDATE message_deliveries SET status = 'sending', next_attempt_at = $4 WHERE "
                "council_id = $1 AND delivery_id = $2 AND channel = 'email' AND status IN "
                "('waiting', 'sending') AND next_attempt_at <= $3 RETURNING delivery_id",
                {council_.value(), id.value(), now.micros(), until.micros()});
}

Result<std::vector<app::DueEmail>> SqlMessages::Outstanding(TeamId team, int limit) {
  if (!team.valid())
    return QueryAll(c_, DueSelect(kOutstanding), {council_.value(), int64_t{limit}}, DueRow);
  return QueryAll(c_,
                  DueSelect(std::string(kOutstanding) +
                            " AND EXISTS (SELECT 1 FROM people p WHERE p.council_id = m.council_id "
                            "AND p.person_id = m.person_id AND p.team_id = $3)"),
                  {council_.value(), int64_t{limit}, team.value()}, DueRow);
}

Result<std::optional<app::DueEmail>> SqlMessages::FindDelivery(DeliveryId id) {
  SD_ASSIGN_OR_RETURN(auto rows, QueryAll(c_, DueFrom("d.delivery_id = $2"),
                                          {council_.value(), id.value()}, DueRow));
  if (rows.empty()) return std::optional<app::DueEmail>{};
  return std::optional<app::DueEmail>{std::move(rows[0])};
}

Result<bool> SqlMessages::RecordAttempt(const app::DeliveryRecord& d,
                                        domain::DeliveryStatus expected) {
  return AnyRow(
      c_,
      "UPDATE message_deliveries SET status = $3, attempts = $4, next_attempt_at = $5, "
      "last_error = $6, sent_at = $7, invitation_id = $8 WHERE council_id = $1 AND "
      "delivery_id = $2 AND status = $9 RETURNING delivery_id",
      {council_.value(), d.id.value(), std::string(domain::DeliveryStatusCode(d.status)),
       int64_t{d.attempts}, d.next_attempt_at.micros(), d.last_error, SqlOptionalTime(d.sent_at),
       IdOrNull(d.invitation.value()), std::string(domain::DeliveryStatusCode(expected))});
}

Status SqlMessages::LinkInvitation(DeliveryId id, InvitationId invitation) {
  return Execute(c_,
                 "UPDATE message_deliveries SET invitation_id = $3 WHERE council_id = $1 AND "
                 "delivery_id = $2",
                 {council_.value(), id.value(), invitation.value()});
}

}  // namespace selfdirect::storage
