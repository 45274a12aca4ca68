#include "app/complaints/complaint_demo.h"

#include "app/complaints/complaint_service.h"
#include "app/messages/notices.h"

namespace selfdirect::app {
namespace {

using domain::ComplaintKind;
using domain::ComplaintSubject;

struct DemoComplaint {
  ComplaintKind kind;
  ComplaintSubject subject;
  const char* summary;
  const char* wanted;
  int days_ago;      // Received.
  int acknowledged;  // Days after receipt; -1: not yet.
  int answered;      // Days after receipt; -1: not yet.
  domain::ComplaintOutcome outcome;
  const char* response;
};

const DemoComplaint kComplaints[] = {
    {ComplaintKind::kComplaint, ComplaintSubject::kService,
     "The care worker did not come on two mornings last week and nobody rang to say.",
     "A phone call when a visit will be missed.", 9, -1, -1, domain::ComplaintOutcome::kUpheld, ""},
    {ComplaintKind::kLookAgain, ComplaintSubject::kBudget,
     "The budget does not cover getting to my day centre now that the bus has stopped.",
     "Look at the transport again.", 1, -1, -1, domain::ComplaintOutcome::kUpheld, ""},
    {ComplaintKind::kComplaint, ComplaintSubject::kPlan,
     "It took four months to agree my plan and I had to chase every week.", "", 40, 2, -1,
     domain::ComplaintOutcome::kUpheld, ""},
    {ComplaintKind::kComplaint, ComplaintSubject::kService,
     "My social worker changed three times and I had to tell my story each time.", "", 200, 3, -1,
     domain::ComplaintOutcome::kUpheld, ""},
    {ComplaintKind::kLookAgain, ComplaintSubject::kCharge,
     "The charge counts my late husband's pension, which stopped in June.",
     "Work the charge out again.", 90, 1, 30, domain::ComplaintOutcome::kUpheld,
     "You were right: the pension had stopped. We have worked the charge out again from June and "
     "will pay back what you paid too much. We are sorry."},
};

// A person of the team with no complaint yet, or none.
PersonId NextPerson(DemoContext& ctx, TeamId team, size_t& from) {
  for (; from < ctx.people.size(); ++from) {
    const PersonId p = ctx.people[from];
    if (p == ctx.budget_holder_person) continue;
    auto found = ctx.tx.people().Find(p);
    if (found.ok() && *found && (*found)->team_id == team) return ctx.people[from++];
  }
  return PersonId{};
}

Status AddComplaint(DemoContext& ctx, const DemoComplaint& d, PersonId person, TeamId team,
                    UserId worker) {
  const domain::ComplaintPolicy& policy = ShippedComplaintReference().policy;
  ComplaintRecord c;
  c.person = person;
  c.team = team;
  c.kind = d.kind;
  c.subject = d.subject;
  c.summary = d.summary;
  c.wanted = d.wanted;
  c.received_on = ctx.now.LondonDate().AddDays(-d.days_ago);
  c.made_by = worker;
  c.made_at = ctx.now.PlusSeconds(-86'400LL * d.days_ago);
  SD_ASSIGN_OR_RETURN(c.id, ctx.tx.complaints().Insert(c));
  const std::string what =
      (d.kind == ComplaintKind::kLookAgain ? "Your request to look again " : "Your complaint ") +
      ComplaintReferenceOf(c.id);
  auto dates = domain::DueDates(c.received_on, std::nullopt, std::nullopt, policy);
  SD_RETURN_IF_ERROR(StatusOf(QueueMessage(
      ctx.tx, ComplaintReceivedNotice(person, what, dates.acknowledge_by, dates.respond_by), worker,
      c.made_at)));
  if (d.acknowledged < 0) return OkStatus();
  c.acknowledged_on = c.received_on.AddDays(d.acknowledged);
  c.acknowledgement = "The team manager will look into it and call you within two weeks.";
  c.acknowledged_by = worker;
  SD_RETURN_IF_ERROR(StatusOf(ctx.tx.complaints().Acknowledge(c)));
  if (d.answered < 0) return OkStatus();
  c.responded_on = c.received_on.AddDays(d.answered);
  c.outcome = d.outcome;
  c.response = d.response;
  c.responded_by = worker;
  return StatusOf(ctx.tx.complaints().Respond(c));
}

}  // namespace

Status ComplaintsStep(DemoContext& ctx) {
  if (!ctx.user_ids.count(domain::Role::kPractitioner)) return OkStatus();
  const UserId worker = ctx.user_ids.at(domain::Role::kPractitioner);
  SD_ASSIGN_OR_RETURN(auto user, ctx.tx.users().FindById(worker));
  if (!user || !user->team_id.valid()) return OkStatus();
  size_t from = 0;
  for (const auto& d : kComplaints) {
    const PersonId person = NextPerson(ctx, user->team_id, from);
    if (!person.valid()) break;
    SD_RETURN_IF_ERROR(AddComplaint(ctx, d, person, user->team_id, worker));
  }
  return OkStatus();
}

}  // namespace selfdirect::app
