#include "app/complaints/complaint_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/date_fields.h"
#include "app/messages/notices.h"
#include "base/text.h"
#include "domain/accounts/access_policy.h"

namespace selfdirect::app {
namespace {

using domain::ComplaintKind;
using domain::Role;

bool Staff(Role r) {
  return r == Role::kPractitioner || r == Role::kApprover || r == Role::kAdministrator;
}

// A date typed by staff: empty is today; not in the future, nor before `earliest`.
std::optional<Date> StaffDate(const std::string& text, const std::string& field,
                              const std::string& name, Date today, Date earliest,
                              std::vector<FieldError>& errors) {
  if (Trim(text).empty()) return today;
  auto d = DateOrError(text, field, name, errors);
  if (d && (*d > today || *d < earliest)) {
    errors.push_back(
        {field, "T" + name.substr(1) + " must be from " + earliest.ToLongString() + " to today"});
    return std::nullopt;
  }
  return d;
}

}  // namespace

std::string ComplaintReferenceOf(ComplaintId id) { return fmt::format("CP-{:06d}", id.value()); }

std::string ComplaintDescription(const ComplaintRecord& c) {
  return std::string(c.kind == ComplaintKind::kLookAgain ? "Your request to look again "
                                                         : "Your complaint ") +
         ComplaintReferenceOf(c.id);
}

ComplaintView ComplaintService::ViewOf(const ComplaintRecord& c, const PersonRecord& p,
                                       const Principal& who) const {
  ComplaintView v;
  v.record = c;
  v.person = p;
  v.dates = domain::DueDates(c.received_on, c.matter_on, c.agreed_respond_by, policy_);
  v.timing = domain::TimingOf(v.dates, c.acknowledged_on.has_value(), c.responded_on.has_value(),
                              clock_.Now().LondonDate(), policy_);
  v.self = domain::ActsForPerson(who.actor, p.id);
  v.may_answer = Staff(who.user.role) && domain::CanEditPerson(who.actor, {p.id, p.team_id});
  return v;
}

Result<ComplaintView> ComplaintService::Load(Transaction& tx, const Principal& who,
                                             ComplaintId id) const {
  SD_ASSIGN_OR_RETURN(auto c, tx.complaints().Find(id));
  if (!c) return Error::NotFound("No complaint with that reference");
  SD_ASSIGN_OR_RETURN(auto p, tx.people().Find(c->person));
  if (!p || !domain::CanViewPerson(who.actor, {p->id, p->team_id}))
    return Error::NotFound("No complaint with that reference");
  return ViewOf(*c, *p, who);
}

Result<PersonComplaints> ComplaintService::ForPerson(const CallContext& ctx, const Principal& who,
                                                     PersonId person) {
  PersonComplaints out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(out.person, PersonToRead(tx, who, person));
    out.self = domain::ActsForPerson(who.actor, person);
    out.may_make = out.self || (Staff(who.user.role) &&
                                domain::CanEditPerson(who.actor, {person, out.person.team_id}));
    SD_ASSIGN_OR_RETURN(auto all, tx.complaints().ForPerson(person));
    for (const auto& c : all) out.items.push_back(ViewOf(c, out.person, who));
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("complaints.view", read),
                                     "person", person.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Result<ComplaintView> ComplaintService::Get(const CallContext& ctx, const Principal& who,
                                            ComplaintId id) {
  ComplaintView out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(out, Load(tx, who, id));
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("complaint.view", read),
                                     "complaint", id.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Result<ComplaintRecord> ComplaintService::Check(const ComplaintInput& in, bool self,
                                                Date today) const {
  std::vector<FieldError> errors;
  ComplaintRecord c;
  auto kind = domain::ParseComplaintKind(Trim(in.kind));
  auto subject = domain::ParseComplaintSubject(Trim(in.subject));
  if (!kind) errors.push_back({"kind", "Choose a complaint or a request to look again"});
  if (!subject) errors.push_back({"subject", "Choose what it is about"});
  if (kind && subject && *kind == ComplaintKind::kLookAgain && !domain::IsDecision(*subject))
    errors.push_back({"subject",
                      "A request to look again is about a decision: whether you can "
                      "get care and support, the budget, or what you pay"});
  c.summary = std::string(Trim(in.summary));
  c.wanted = std::string(Trim(in.wanted));
  if (c.summary.empty()) errors.push_back({"summary", "Tell us what happened"});
  if (c.summary.size() > 5000) errors.push_back({"summary", "Use 5,000 characters or fewer"});
  if (c.wanted.size() > 2000) errors.push_back({"wanted", "Use 2,000 characters or fewer"});
  const Date earliest = today.AddMonths(-12);
  auto received = self ? std::optional<Date>(today)
                       : StaffDate(in.received_on, "received_on", "The date it was received", today,
                                   earliest, errors);
  if (!Trim(in.matter_on).empty()) {
    c.matter_on = DateOrError(in.matter_on, "matter_on", "the date it happened", errors);
    if (c.matter_on && *c.matter_on > today)
      errors.push_back({"matter_on", "The date it happened must be today or in the past"});
  }
  if (!errors.empty()) return Error::InvalidArgument("Check the complaint", std::move(errors));
  c.kind = *kind;
  c.subject = *subject;
  c.received_on = *received;
  c.by_person = self;
  return c;
}

}  // namespace selfdirect::app
