// Making, acknowledging and answering complaints, and the staff's list (complaint_service.h).
#include <algorithm>

#include "app/complaints/complaint_service.h"
#include "app/date_fields.h"
#include "app/messages/notices.h"
#include "base/text.h"
#include "domain/accounts/access_policy.h"

namespace selfdirect::app {
namespace {

using domain::Role;

constexpr int kComplaintListLimit = 2000;
constexpr int kReviewAfterComplaintDays = 14;

Status Audit(Transaction& tx, const Clock& clock, const Principal& who, const CallContext& ctx,
             const std::string& action, const ComplaintRecord& c) {
  return tx.audit().Append(
      AuditOf(clock, who, ctx, action, "person", c.person.ToString(), ComplaintReferenceOf(c.id)));
}

// A date typed by staff: empty is today; from `earliest` to today.
std::optional<Date> AnswerDate(const std::string& text, const std::string& field, Date today,
                               Date earliest, std::vector<FieldError>& errors) {
  if (Trim(text).empty()) return today;
  auto d = DateOrError(text, field, "the date", errors);
  if (d && (*d > today || *d < earliest)) {
    errors.push_back({field, "The date must be from " + earliest.ToLongString() + " to today"});
    return std::nullopt;
  }
  return d;
}

}  // namespace

// Asks for an unplanned review when the person has an agreed plan, and tells the person.
Status ComplaintService::AfterMaking(Transaction& tx, const Principal& who,
                                     const ComplaintView& v) {
  const auto& c = v.record;
  SD_ASSIGN_OR_RETURN(auto schedule, tx.reviews().ScheduleOf(c.person));
  if (schedule) {
    ReviewRequest r{
        ReviewRequestId{},
        c.person,
        "complaint",
        ComplaintReferenceOf(c.id) + ": " + std::string(domain::ComplaintSubjectLabel(c.subject)),
        c.received_on.AddDays(kReviewAfterComplaintDays),
        who.user.id,
        c.made_at,
        std::nullopt};
    SD_RETURN_IF_ERROR(StatusOf(tx.reviews().InsertRequest(r)));
  }
  return StatusOf(QueueMessage(tx,
                               ComplaintReceivedNotice(c.person, ComplaintDescription(c),
                                                       v.dates.acknowledge_by, v.dates.respond_by),
                               who.user.id, c.made_at));
}

Result<ComplaintView> ComplaintService::Make(const CallContext& ctx, const Principal& who,
                                             PersonId person, const ComplaintInput& in) {
  ComplaintView out;
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto p, PersonToRead(tx, who, person));
    const bool self = domain::ActsForPerson(who.actor, person);
    const bool staff = (who.user.role == Role::kPractitioner || who.user.role == Role::kApprover ||
                        who.user.role == Role::kAdministrator) &&
                       domain::CanEditPerson(who.actor, {person, p.team_id});
    if (!self && !staff) return Error::PermissionDenied("Your role cannot record a complaint");
    SD_ASSIGN_OR_RETURN(ComplaintRecord c, Check(in, self, clock_.Now().LondonDate()));
    c.person = person;
    c.team = p.team_id;
    c.made_by = who.user.id;
    c.made_at = clock_.Now();
    SD_ASSIGN_OR_RETURN(c.id, tx.complaints().Insert(c));
    out = ViewOf(c, p, who);
    SD_RETURN_IF_ERROR(AfterMaking(tx, who, out));
    return Audit(tx, clock_, who, ctx, "complaint.create", c);
  });
  if (!s.ok() &&
      (s.error().code == ErrorCode::kNotFound || s.error().code == ErrorCode::kPermissionDenied))
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "complaint.create_refused", "person",
                                       person.ToString(), s.error().message));
  SD_RETURN_IF_ERROR(s);
  return out;
}

Result<ComplaintView> ComplaintService::Answer(
    const CallContext& ctx, const Principal& who, ComplaintId id, const std::string& action,
    const std::function<Status(Transaction&, ComplaintView&)>& fn) {
  ComplaintView out;
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(out, Load(tx, who, id));
    if (!out.may_answer) return Error::PermissionDenied("Your role cannot answer complaints");
    SD_RETURN_IF_ERROR(fn(tx, out));
    return Audit(tx, clock_, who, ctx, action, out.record);
  });
  if (!s.ok() &&
      (s.error().code == ErrorCode::kNotFound || s.error().code == ErrorCode::kPermissionDenied))
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, action + "_refused", "complaint",
                                       id.ToString(), s.error().message));
  SD_RETURN_IF_ERROR(s);
  return out;
}

Result<ComplaintView> ComplaintService::Acknowledge(const CallContext& ctx, const Principal& who,
                                                    ComplaintId id, const AcknowledgeInput& in) {
  return Answer(
      ctx, who, id, "complaint.acknowledge", [&](Transaction& tx, ComplaintView& v) -> Status {
        auto& c = v.record;
        if (c.acknowledged_on)
          return Status(Error::FailedPrecondition("It is already acknowledged"));
        std::vector<FieldError> errors;
        const Date today = clock_.Now().LondonDate();
        auto on = AnswerDate(in.on, "on", today, c.received_on, errors);
        if (!Trim(in.agreed_respond_by).empty()) {
          c.agreed_respond_by = DateOrError(in.agreed_respond_by, "agreed_respond_by",
                                            "the date agreed for the answer", errors);
          if (c.agreed_respond_by && *c.agreed_respond_by < v.dates.respond_by)
            errors.push_back({"agreed_respond_by", "A date agreed can only be later than " +
                                                       v.dates.respond_by.ToLongString()});
        }
        c.acknowledgement = std::string(Trim(in.note));
        if (c.acknowledgement.empty())
          errors.push_back({"note", "Say how it will be looked into, as agreed with the person"});
        if (!errors.empty())
          return Status(Error::InvalidArgument("Check the acknowledgement", std::move(errors)));
        c.acknowledged_on = on;
        c.acknowledged_by = who.user.id;
        SD_ASSIGN_OR_RETURN(bool done, tx.complaints().Acknowledge(c));
        if (!done) return Status(Error::FailedPrecondition("It is already acknowledged"));
        v = ViewOf(c, v.person, who);
        return StatusOf(
            QueueMessage(tx,
                         ComplaintAcknowledgedNotice(c.person, ComplaintDescription(c),
                                                     c.acknowledgement, v.dates.respond_by),
                         who.user.id, clock_.Now()));
      });
}

Result<ComplaintView> ComplaintService::Respond(const CallContext& ctx, const Principal& who,
                                                ComplaintId id, const ResponseInput& in) {
  return Answer(
      ctx, who, id, "complaint.respond", [&](Transaction& tx, ComplaintView& v) -> Status {
        auto& c = v.record;
        if (c.responded_on)
          return Status(Error::FailedPrecondition("It has already been answered"));
        if (!c.acknowledged_on)
          return Status(Error::FailedPrecondition("Acknowledge it before answering it"));
        std::vector<FieldError> errors;
        auto on = AnswerDate(in.on, "on", clock_.Now().LondonDate(), *c.acknowledged_on, errors);
        c.outcome = domain::ParseComplaintOutcome(Trim(in.outcome));
        if (!c.outcome) errors.push_back({"outcome", "Choose the outcome"});
        c.response = std::string(Trim(in.response));
        if (c.response.empty()) errors.push_back({"response", "Write the answer to the person"});
        if (c.response.size() > 10000)
          errors.push_back({"response", "Use 10,000 characters or fewer"});
        if (!errors.empty())
          return Status(Error::InvalidArgument("Check the answer", std::move(errors)));
        c.responded_on = on;
        c.responded_by = who.user.id;
        SD_ASSIGN_OR_RETURN(bool done, tx.complaints().Respond(c));
        if (!done) return Status(Error::FailedPrecondition("It has already been answered"));
        v = ViewOf(c, v.person, who);
        return StatusOf(QueueMessage(
            tx,
            ComplaintAnsweredNotice(c.person, ComplaintDescription(c),
                                    std::string(domain::ComplaintOutcomeLabel(*c.outcome)),
                                    c.response),
            who.user.id, clock_.Now()));
      });
}

bool ComplaintService::MaySeeList(const Principal& who) {
  const Role r = who.user.role;
  return r == Role::kPractitioner || r == Role::kApprover || r == Role::kAdministrator;
}

// The complaints `who` may see: their team's people's as the people stand now (a person who
// moved team takes their complaints with them), or every team's for an administrator.
Status ComplaintService::Load(Transaction& tx, const Principal& who, bool open_only,
                              ComplaintList& out) const {
  std::optional<TeamId> team;
  if (who.user.role != Role::kAdministrator) team = who.user.team_id;
  SD_ASSIGN_OR_RETURN(auto all, tx.complaints().List(open_only, team, kComplaintListLimit));
  for (const auto& c : all) {
    SD_ASSIGN_OR_RETURN(auto p, tx.people().Find(c.person));
    if (!p || !domain::CanViewPerson(who.actor, {p->id, p->team_id})) continue;
    out.items.push_back(ViewOf(c, *p, who));
    out.overdue += out.items.back().timing == domain::ComplaintTiming::kOverdue;
    out.due_soon += out.items.back().timing == domain::ComplaintTiming::kDueSoon;
  }
  return OkStatus();
}

Result<ComplaintList> ComplaintService::List(const CallContext& ctx, const Principal& who,
                                             bool open_only) {
  ComplaintList out;
  out.today = clock_.Now().LondonDate();
  Status read = !MaySeeList(who)
                    ? Status(Error::PermissionDenied("Your role cannot see the complaints list"))
                    : store_.Read(ctx.council,
                                  [&](Transaction& tx) { return Load(tx, who, open_only, out); });
  audit_.Record(ctx.council,
                AuditOf(clock_, who, ctx, ReadAction("complaints.list", read), "", "", ""));
  SD_RETURN_IF_ERROR(read);
  auto next = [](const ComplaintView& v) {
    return v.record.acknowledged_on ? v.dates.respond_by : v.dates.acknowledge_by;
  };
  if (open_only)
    std::stable_sort(out.items.begin(), out.items.end(),
                     [&](const auto& a, const auto& b) { return next(a) < next(b); });
  return out;
}

Result<ComplaintCounts> ComplaintService::Counts(CouncilId council, const Principal& who) {
  if (!MaySeeList(who)) return Error::PermissionDenied("Your role cannot see the complaints list");
  ComplaintList list;
  SD_RETURN_IF_ERROR(
      store_.Read(council, [&](Transaction& tx) { return Load(tx, who, true, list); }));
  return ComplaintCounts{list.overdue, list.due_soon};
}

}  // namespace selfdirect::app
