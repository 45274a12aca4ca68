// File: front_door_demo.cc
// The demo generator's front door step (front_door_demo.h).
#include "app/front_door/front_door_demo.h"

#include "app/front_door/front_door_repository.h"

namespace selfdirect::app {
namespace {

struct DemoRequest {
  const char* needs;
  domain::Urgency urgency;
  bool at_risk;
  bool for_self;
  const char* relationship;  // The asker's, for someone else.
  int hours_ago;
  // Triaged requests: the outcome and its note.
  std::optional<domain::TriageOutcome> outcome;
  const char* note;
};

const DemoRequest kRequests[] = {
    {"My husband fell twice this week and I cannot lift him on my own any more. I am frightened "
     "he will be hurt.",
     domain::Urgency::kToday, true, true, "", 3, std::nullopt, ""},
    {"Mum is 84 and lives alone. She is not eating properly and forgets to take her tablets. She "
     "has agreed that I ask for her.",
     domain::Urgency::kThisWeek, false, false, "Neighbour", 20, std::nullopt, ""},
    {"I have multiple sclerosis and getting washed and dressed takes me all morning. I would like "
     "some help so that I can keep working.",
     domain::Urgency::kThisWeek, false, true, "", 30, std::nullopt, ""},
    {"I look after my son who has a learning disability. I need a break now and then.",
     domain::Urgency::kCanWait, false, true, "", 50, std::nullopt, ""},
    {"I am lonely since my wife died and would like to meet people.", domain::Urgency::kCanWait,
     false, true, "", 24 * 9, domain::TriageOutcome::kInformation,
     "Talked on the phone. Told him about the lunch club and the walking group near him; he will "
     "try the lunch club first. Call again if things change."},
    {"My brother needs help with his mental health. He has agreed I ask.",
     domain::Urgency::kThisWeek, false, false, "Sister", 24 * 12, domain::TriageOutcome::kPassedOn,
     "Passed to the community mental health team, who will call him this week."},
};

ContactRecord DemoContact(DemoContext& ctx, const DemoRequest& q, size_t n) {
  ContactRecord c;
  c.received_at = ctx.now.PlusSeconds(-int64_t{q.hours_ago} * 3600);
  auto& r = c.request;
  r.for_self = q.for_self;
  r.consent = true;
  r.given_name = DemoGivenNames()[(n * 11 + 5) % DemoGivenNames().size()];
  r.family_name = DemoFamilyNames()[(n * 13 + 7) % DemoFamilyNames().size()];
  if (!q.for_self) {
    r.asker_name = DemoGivenNames()[(n * 17 + 2) % DemoGivenNames().size()] + " " +
                   DemoFamilyNames()[(n * 19 + 3) % DemoFamilyNames().size()];
    r.relationship = q.relationship;
  }
  r.needs = q.needs;
  r.urgency = q.urgency;
  r.at_risk = q.at_risk;
  r.postcode = "HR" + std::to_string(1 + n % 5) + " " + std::to_string(1 + n % 9) + "AB";
  r.telephone = "01632 960" + std::to_string(100 + n * 37);  // Ofcom's drama range.
  if (n % 2 == 0) {
    std::string email = r.given_name + "." + r.family_name + "@example.org";
    for (auto& ch : email) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::erase(email, '\'');
    r.email = email;
  }
  return c;
}

}  // namespace

Status FrontDoorStep(DemoContext& ctx) {
  const UserId practitioner = ctx.user_ids.at(domain::Role::kPractitioner);
  for (size_t n = 0; n < std::size(kRequests); ++n) {
    const DemoRequest& q = kRequests[n];
    ContactRecord c = DemoContact(ctx, q, n);
    SD_ASSIGN_OR_RETURN(ContactId id, ctx.tx.front_door().InsertContact(c));
    if (!q.outcome) continue;
    SD_RETURN_IF_ERROR(ctx.tx.front_door().Triage(id, *q.outcome, q.note, PersonId{}, practitioner,
                                                  c.received_at.PlusSeconds(3 * 3600)));
  }
  return OkStatus();
}

}  // namespace selfdirect::app
