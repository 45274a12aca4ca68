#include "app/messages/message_demo.h"

#include "app/messages/notices.h"
#include "base/text.h"

namespace selfdirect::app {
namespace {

constexpr size_t kDemoPeopleWithMessages = 40;

// The demo has no mail server: copies of older messages are recorded as they would have gone
// (emails a minute later, letters the next day); letters of the last days wait to be posted.
Status Delivered(DemoContext& ctx, MessageId id, Timestamp at) {
  SD_ASSIGN_OR_RETURN(auto copies, ctx.tx.messages().Deliveries(id));
  for (auto d : copies) {
    const bool letter = d.channel == domain::Delivery::kLetter;
    if (letter && at > ctx.now.PlusSeconds(-3 * 86'400)) continue;
    d.status = domain::DeliveryStatus::kSent;
    d.attempts = letter ? 0 : 1;
    d.sent_at = at.PlusSeconds(letter ? 86'400 : 60);
    SD_RETURN_IF_ERROR(
        StatusOf(ctx.tx.messages().RecordAttempt(d, domain::DeliveryStatus::kWaiting)));
  }
  return OkStatus();
}

Status Tell(DemoContext& ctx, const Notice& n, UserId by, Timestamp at) {
  SD_ASSIGN_OR_RETURN(MessageId id, QueueMessage(ctx.tx, n, by, at));
  return Delivered(ctx, id, at);
}

// The agreed-plan message of the person's newest agreed plan, dated when it was agreed.
Status PlanMessage(DemoContext& ctx, PersonId person, bool read) {
  SD_ASSIGN_OR_RETURN(auto plans, ctx.tx.support_plans().ForPerson(person));
  for (const auto& plan : plans) {
    if (plan.approved_version == 0 || !plan.decided_at) continue;
    const Timestamp at = *plan.decided_at;
    SD_ASSIGN_OR_RETURN(
        MessageId id,
        QueueMessage(ctx.tx,
                     PlanAgreedNotice(person, plan.id, plan.agreed_weekly, plan.person_weekly),
                     plan.decided_by, at));
    SD_RETURN_IF_ERROR(Delivered(ctx, id, at));
    if (read) SD_RETURN_IF_ERROR(StatusOf(ctx.tx.messages().MarkRead(id, at.PlusSeconds(3600))));
    return OkStatus();
  }
  return OkStatus();
}

// Contact details for a demo person who hears from us: every other one by email, the rest by
// letter only.
Status GiveContact(DemoContext& ctx, PersonId person, size_t n) {
  static const char* const kStreets[] = {"Mill Lane", "Church Street", "Station Road",
                                         "Orchard Close", "Victoria Terrace"};
  SD_ASSIGN_OR_RETURN(auto p, ctx.tx.people().Find(person));
  if (!p) return OkStatus();
  auto d = p->details;
  if (n % 2 == 0 && d.email.empty()) {
    d.email = AsciiLower(d.given_name + "." + d.family_name + "@example.org");
    d.contact_preference = domain::ContactPreference::kEmail;
  } else if (d.address.empty()) {
    d.address = std::to_string(3 + n * 2) + " " + kStreets[n % 5] + "\nWyvern Vale" +
                (d.postcode ? "\n" + *d.postcode : std::string());
    d.contact_preference = domain::ContactPreference::kPost;
  }
  return ctx.tx.people().Update(person, d, ctx.now);
}

Result<bool> HasAgreedPlan(DemoContext& ctx, PersonId person) {
  SD_ASSIGN_OR_RETURN(auto plans, ctx.tx.support_plans().ForPerson(person));
  for (const auto& plan : plans)
    if (plan.approved_version != 0 && plan.decided_at) return true;
  return false;
}

}  // namespace

Status MessagesStep(DemoContext& ctx) {
  const UserId worker = ctx.user_ids.count(domain::Role::kPractitioner)
                            ? ctx.user_ids.at(domain::Role::kPractitioner)
                            : UserId{};
  if (ctx.budget_holder_person.valid()) {
    SD_ASSIGN_OR_RETURN(auto budgets,
                        ctx.tx.indicative_budgets().ForPerson(ctx.budget_holder_person));
    if (!budgets.empty())
      SD_RETURN_IF_ERROR(Tell(
          ctx, BudgetEstimateNotice(ctx.budget_holder_person, budgets.front().EffectiveWeekly()),
          worker, budgets.front().calculated_at));
  }
  size_t told = 0;
  for (const PersonId p : ctx.people) {
    if (told >= kDemoPeopleWithMessages) break;
    if (p == ctx.budget_holder_person) continue;
    SD_ASSIGN_OR_RETURN(bool agreed, HasAgreedPlan(ctx, p));
    if (!agreed) continue;
    SD_RETURN_IF_ERROR(GiveContact(ctx, p, told));
    SD_RETURN_IF_ERROR(PlanMessage(ctx, p, told % 3 != 0));
    if (told % 4 == 1)
      SD_RETURN_IF_ERROR(Tell(ctx, ReviewAskedNotice(p, ctx.now.LondonDate().AddDays(14), false),
                              worker, ctx.now.PlusSeconds(-86'400)));
    ++told;
  }
  return OkStatus();
}

}  // namespace selfdirect::app
