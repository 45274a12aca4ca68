// The front door (migration 0023): requests for help, their triage, and invitations.
#include "storage/sql/front_door_repository.h"

namespace selfdirect::storage {
namespace {

app::ContactRecord ContactFromRow(const SqlRow& r) {
  app::ContactRecord c;
  c.id = ContactId{r.Int(0)};
  c.received_at = Timestamp::FromMicros(r.Int(1));
  auto& q = c.request;
  q.for_self = r.Int(2) != 0;
  q.consent = r.Int(3) != 0;
  q.asker_name = r.Text(4);
  q.relationship = r.Text(5);
  q.given_name = r.Text(6);
  q.family_name = r.Text(7);
  q.date_of_birth = OptionalDate(r, 8);
  q.postcode = r.Text(9);
  q.needs = r.Text(10);
  q.urgency = domain::ParseUrgency(r.Text(11)).value_or(domain::Urgency::kCanWait);
  q.at_risk = r.Int(12) != 0;
  q.email = r.Text(13);
  q.telephone = r.Text(14);
  q.address = r.Text(15);
  if (!r.IsNull(16)) c.outcome = domain::ParseTriageOutcome(r.Text(16));
  c.outcome_note = r.Text(17);
  c.person = PersonId{r.Int(18)};
  c.triaged_by = UserId{r.Int(19)};
  if (!r.IsNull(20)) c.triaged_at = Timestamp::FromMicros(r.Int(20));
  return c;
}
constexpr Columns<app::ContactRecord> kContact{
    "contact_id, received_at, for_self, consent, asker_name, relationship, given_name, "
    "family_name, date_of_birth, postcode, needs, urgency, at_risk, email, telephone, address, "
    "outcome, outcome_note, person_id, triaged_by_user_id, triaged_at",
    ContactFromRow};

app::InvitationRecord InvitationFromRow(const SqlRow& r) {
  app::InvitationRecord i{InvitationId{r.Int(0)},
                          UserId{r.Int(1)},
                          r.Text(2),
                          UserId{r.Int(3)},
                          Timestamp::FromMicros(r.Int(4)),
                          Timestamp::FromMicros(r.Int(5)),
                          std::nullopt};
  if (!r.IsNull(6)) i.used_at = Timestamp::FromMicros(r.Int(6));
  return i;
}
constexpr Columns<app::InvitationRecord> kInvitation{
    "invitation_id, user_id, token_hash, created_by_user_id, created_at, expires_at, used_at",
    InvitationFromRow};

constexpr std::string_view kInsertContact = R"sql(
INSERT INTO contacts (council_id, received_at, for_self, consent, asker_name, relationship,
  given_name, family_name, date_of_birth, postcode, needs, urgency, at_risk, email, telephone,
  address)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
RETURNING contact_id)sql";

}  // namespace

Result<ContactId> SqlFrontDoor::InsertContact(const app::ContactRecord& c) {
  const auto& q = c.request;
  SD_ASSIGN_OR_RETURN(int64_t id,
                      QueryInt(c_, kInsertContact,
                               {council_.value(), c.received_at.micros(), SqlBool(q.for_self),
                                SqlBool(q.consent), q.asker_name, q.relationship, q.given_name,
                                q.family_name, DateOrNull(q.date_of_birth), q.postcode, q.needs,
                                std::string(domain::UrgencyCode(q.urgency)), SqlBool(q.at_risk),
                                q.email, q.telephone, q.address}));
  return ContactId{id};
}

Result<std::optional<app::ContactRecord>> SqlFrontDoor::FindContact(ContactId id) {
  return QueryOne(c_, kContact, "FROM contacts WHERE council_id = $1 AND contact_id = $2",
                  {council_.value(), id.value()});
}

Result<std::vector<app::ContactRecord>> SqlFrontDoor::Contacts(bool triaged, int limit) {
  if (triaged) {
    return QueryAll(c_, kContact,
                    "FROM contacts WHERE council_id = $1 AND outcome IS NOT NULL "
                    "ORDER BY triaged_at DESC, contact_id DESC LIMIT $2",
                    {council_.value(), int64_t{limit}});
  }
  // Most urgent first: someone at risk, then today, this week, can wait; then oldest.
  return QueryAll(c_, kContact,
                  "FROM contacts WHERE council_id = $1 AND outcome IS NULL ORDER BY at_risk DESC, "
                  "CASE urgency WHEN 'today' THEN 0 WHEN 'this_week' THEN 1 ELSE 2 END, "
                  "received_at, contact_id LIMIT $2",
                  {council_.value(), int64_t{limit}});
}

Result<int64_t> SqlFrontDoor::CountWaiting() {
  return QueryInt(c_, "SELECT COUNT(*) FROM contacts WHERE council_id = $1 AND outcome IS NULL",
                  {council_.value()});
}

Status SqlFrontDoor::Triage(ContactId id, domain::TriageOutcome outcome, const std::string& note,
                            PersonId person, UserId by, Timestamp at) {
  SD_ASSIGN_OR_RETURN(
      bool changed,
      AnyRow(c_,
             "UPDATE contacts SET outcome = $3, outcome_note = $4, person_id = $5, "
             "triaged_by_user_id = $6, triaged_at = $7 WHERE council_id = $1 AND contact_id = $2 "
             "AND outcome IS NULL RETURNING contact_id",
             {council_.value(), id.value(), std::string(domain::TriageOutcomeCode(outcome)), note,
              person.valid() ? SqlValue(person.value()) : SqlValue(), by.value(), at.micros()}));
  if (!changed) return Error::FailedPrecondition("This request has already been triaged");
  return OkStatus();
}

Result<InvitationId> SqlFrontDoor::InsertInvitation(const app::InvitationRecord& i) {
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(c_,
               "INSERT INTO invitations (council_id, user_id, token_hash, created_by_user_id, "
               "created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING invitation_id",
               {council_.value(), i.user.value(), i.token_hash, i.created_by.value(),
                i.created_at.micros(), i.expires_at.micros()}));
  return InvitationId{id};
}

Result<std::optional<app::InvitationRecord>> SqlFrontDoor::FindInvitation(
    const std::string& token_hash) {
  return QueryOne(c_, kInvitation, "FROM invitations WHERE council_id = $1 AND token_hash = $2",
                  {council_.value(), token_hash});
}

Result<std::optional<app::InvitationRecord>> SqlFrontDoor::FindInvitationById(InvitationId id) {
  return QueryOne(c_, kInvitation, "FROM invitations WHERE council_id = $1 AND invitation_id = $2",
                  {council_.value(), id.value()});
}

Result<bool> SqlFrontDoor::RekeyInvitation(InvitationId id, const std::string& token_hash) {
  return AnyRow(c_,
                "UPDATE invitations SET token_hash = $3 WHERE council_id = $1 AND invitation_id = "
                "$2 AND used_at IS NULL RETURNING invitation_id",
                {council_.value(), id.value(), token_hash});
}

Result<bool> SqlFrontDoor::UseInvitation(InvitationId id, Timestamp at) {
  return AnyRow(c_,
                "UPDATE invitations SET used_at = $3 WHERE council_id = $1 AND invitation_id = $2 "
                "AND used_at IS NULL RETURNING invitation_id",
                {council_.value(), id.value(), at.micros()});
}

Status SqlFrontDoor::RetireInvitations(UserId user, Timestamp at) {
  return Execute(c_,
                 "UPDATE invitations SET used_at = $3 WHERE council_id = $1 AND user_id = $2 AND "
                 "used_at IS NULL",
                 {council_.value(), user.value(), at.micros()});
}

}  // namespace selfdirect::storage
