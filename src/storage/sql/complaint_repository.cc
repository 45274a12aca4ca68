// Complaints and requests to look again at a decision (migration 0026).
#include "storage/sql/complaint_repository.h"

namespace selfdirect::storage {
namespace {

SqlValue IdOrNull(int64_t id) { return id > 0 ? SqlValue(id) : SqlValue(); }

void ReadAnswers(const SqlRow& r, app::ComplaintRecord& c) {
  c.acknowledged_on = OptionalDate(r, 12);
  c.agreed_respond_by = OptionalDate(r, 13);
  c.acknowledgement = r.Text(14);
  if (!r.IsNull(15)) c.acknowledged_by = UserId{r.Int(15)};
  c.responded_on = OptionalDate(r, 16);
  if (!r.IsNull(17)) c.outcome = domain::ParseComplaintOutcome(r.Text(17));
  c.response = r.Text(18);
  if (!r.IsNull(19)) c.responded_by = UserId{r.Int(19)};
}

app::ComplaintRecord ComplaintFromRow(const SqlRow& r) {
  app::ComplaintRecord c;
  c.id = ComplaintId{r.Int(0)};
  c.person = PersonId{r.Int(1)};
  if (!r.IsNull(2)) c.team = TeamId{r.Int(2)};
  c.kind = domain::ParseComplaintKind(r.Text(3)).value_or(domain::ComplaintKind::kComplaint);
  c.subject = domain::ParseComplaintSubject(r.Text(4)).value_or(domain::ComplaintSubject::kOther);
  c.summary = r.Text(5);
  c.wanted = r.Text(6);
  c.matter_on = OptionalDate(r, 7);
  c.received_on = OptionalDate(r, 8).value_or(Date());
  if (!r.IsNull(9)) c.made_by = UserId{r.Int(9)};
  c.by_person = r.Int(10) != 0;
  c.made_at = Timestamp::FromMicros(r.Int(11));
  ReadAnswers(r, c);
  return c;
}
constexpr Columns<app::ComplaintRecord> kComplaint{
    "complaint_id, person_id, team_id, kind, subject, summary, wanted, matter_on, received_on, "
    "made_by_user_id, by_person, made_at, acknowledged_on, agreed_respond_by, "
    "acknowledgement, acknowledged_by_user_id, responded_on, outcome, response, "
    "responded_by_user_id",
    ComplaintFromRow};

}  // namespace

Result<ComplaintId> SqlComplaints::Insert(const app::ComplaintRecord& c) {
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(c_,
               "INSERT INTO complaints (council_id, person_id, team_id, kind, subject, summary, "
               "wanted, matter_on, received_on, made_by_user_id, by_person, made_at) VALUES ($1, "
               "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING complaint_id",
               {council_.value(), c.person.value(), IdOrNull(c.team.value()),
                std::string(domain::ComplaintKindCode(c.kind)),
                std::string(domain::ComplaintSubjectCode(c.subject)), c.summary, c.wanted,
                DateOrNull(c.matter_on), c.received_on.ToString(), IdOrNull(c.made_by.value()),
                SqlBool(c.by_person), c.made_at.micros()}));
  return ComplaintId{id};
}

Result<std::optional<app::ComplaintRecord>> SqlComplaints::Find(ComplaintId id) {
  return QueryOne(c_, kComplaint, "FROM complaints WHERE council_id = $1 AND complaint_id = $2",
                  {council_.value(), id.value()});
}

Result<std::vector<app::ComplaintRecord>> SqlComplaints::ForPerson(PersonId person) {
  return QueryAll(c_, kComplaint,
                  "FROM complaints WHERE council_id = $1 AND person_id = $2 "
                  "ORDER BY received_on DESC, complaint_id DESC",
                  {council_.value(), person.value()});
}

Result<std::vector<app::ComplaintRecord>> SqlComplaints::List(bool open_only,
                                                              std::optional<TeamId> team,
                                                              int limit) {
  SqlParams p{council_.value()};
  std::string where = "FROM complaints WHERE council_id = $1";
  if (open_only) where += " AND responded_on IS NULL";
  if (team) {
    where +=
        " AND EXISTS (SELECT 1 FROM people p WHERE p.council_id = complaints.council_id AND "
        "p.person_id = complaints.person_id AND p.team_id = " +
        p.Add(team->value()) + ")";
  }
  where += " ORDER BY received_on" + std::string(open_only ? "" : " DESC") +
           ", complaint_id LIMIT " + p.Add(int64_t{limit});
  return QueryAll(c_, kComplaint, where, p.values());
}

Result<bool> SqlComplaints::Acknowledge(const app::ComplaintRecord& c) {
  return AnyRow(
      c_,
      "UPDATE complaints SET acknowledged_on = $3, agreed_respond_by = $4, "
      "acknowledgement = $5, acknowledged_by_user_id = $6 WHERE council_id = $1 AND "
      "complaint_id = $2 AND acknowledged_on IS NULL RETURNING complaint_id",
      {council_.value(), c.id.value(), DateOrNull(c.acknowledged_on),
       DateOrNull(c.agreed_respond_by), c.acknowledgement, IdOrNull(c.acknowledged_by.value())});
}

Result<bool> SqlComplaints::Respond(const app::ComplaintRecord& c) {
  return AnyRow(
      c_,
      "UPDATE complaints SET responded_on = $3, outcome = $4, response = $5, "
      "responded_by_user_id = $6 WHERE council_id = $1 AND complaint_id = $2 AND responded_on IS "
      "NULL RETURNING complaint_id",
      {council_.value(), c.id.value(), DateOrNull(c.responded_on),
       c.outcome ? SqlValue(std::string(domain::ComplaintOutcomeCode(*c.outcome))) : SqlValue(),
       c.response, IdOrNull(c.responded_by.value())});
}

}  // namespace selfdirect::storage
