#include "app/messages/notices.h"

namespace selfdirect::app {

using domain::MessageKind;

namespace {

// The paragraph with an account's one-time link (the outbox puts the link in as it sends).
std::string LinkParagraph(const std::string& to, Timestamp expires) {
  return "Use this link to choose " + to + ": " + std::string(kLinkNotKept) +
         "\n\nThe link works once and ends on " + expires.LondonDate().ToLongString() +
         ". If it has ended, ask us for a new one.";
}

}  // namespace

Notice InvitationNotice(UserId user, const std::string& name, Timestamp expires) {
  return {PersonId{}, user, MessageKind::kInvitation, "Set up your adult social care account",
          "Dear " + name +
              ",\n\nThe council's adult social care team has made you an account, so you can "
              "see and manage your care and support online.\n\n" +
              LinkParagraph("your password", expires) +
              "\n\nIf you did not expect this email, you can ignore it."};
}

Notice PasswordChangedNotice(UserId user, const std::string& name, Timestamp at) {
  return {PersonId{}, user, MessageKind::kSignIn, "Your password has been changed",
          "Dear " + name + ",\n\nThe password of your adult social care account was changed on " +
              at.LondonDate().ToLongString() +
              ". You were signed out everywhere else you were signed in.\n\n"
              "If you changed it, you do not need to do anything.\n\n"
              "If you did not, contact the council's adult social care team straight away: "
              "someone else may know your password."};
}

Notice PasswordResetNotice(UserId user, const std::string& name, Timestamp at) {
  return {PersonId{}, user, MessageKind::kSignIn, "Your password has been reset",
          "Dear " + name +
              ",\n\nThe council's adult social care team reset the password of your account on " +
              at.LondonDate().ToLongString() +
              ". Your old password no longer works, and you were signed out everywhere you were "
              "signed in.\n\nTo choose a new password, use the link we email you separately, or "
              "ask the team for a new link.\n\nIf you did not ask for a new password or a new "
              "link, contact the council's adult social care team straight away: someone else "
              "may be trying to get into your account."};
}

Notice NewPasswordLinkNotice(UserId user, const std::string& name, Timestamp expires) {
  return {PersonId{}, user, MessageKind::kInvitation,
          "Choose a new password for your adult social care account",
          "Dear " + name +
              ",\n\nThe council's adult social care team has sent you a link to choose a new "
              "password for your account.\n\n" +
              LinkParagraph("your new password", expires) +
              "\n\nIf you have already chosen a new password since the team reset it, you do not "
              "need this email."};
}

Notice BudgetEstimateNotice(PersonId person, Pence weekly) {
  return {person, UserId{}, MessageKind::kDecision, "Your estimated personal budget",
          "Your assessment is complete, and you are eligible for support.\n\n"
          "Your estimated personal budget is " +
              weekly.ToDisplayString() +
              " a week. It is an estimate to help you plan: the budget is set when your support "
              "plan is agreed.\n\nYou can now plan how to use it, from your page."};
}

Notice PlanAgreedNotice(PersonId person, SupportPlanId plan, Pence weekly_budget,
                        std::optional<Pence> weekly_charge) {
  std::string body = "Your support plan has been agreed.\n\nYour personal budget is " +
                     weekly_budget.ToDisplayString() + " a week.";
  if (weekly_charge)
    body += " You pay " + weekly_charge->ToDisplayString() +
            " a week towards it, from your financial assessment.";
  body += "\n\nYou can read the plan (number " + plan.ToString() +
          ") at any time when you sign in, from your page.\n\nWe will review it with you: the "
          "first review is a few weeks after it starts.";
  return {person, UserId{}, MessageKind::kDecision, "Your support plan has been agreed", body};
}

Notice PlanReturnedNotice(PersonId person, SupportPlanId plan, const std::string& reason) {
  return {person, UserId{}, MessageKind::kPlanReturned, "Your support plan needs some changes",
          "Your support plan has been sent back for some changes before it can be agreed.\n\n"
          "What needs to change: " +
              reason + "\n\nYou can change the plan (number " + plan.ToString() +
              ") when you sign in, from your page. Your practitioner can help you with it."};
}

Notice ReviewAskedNotice(PersonId person, Date due, bool asked_by_person) {
  return {person, UserId{}, MessageKind::kReviewDue,
          asked_by_person ? "We have your request for a review" : "A review of your support",
          std::string(asked_by_person ? "Thank you for asking for a review."
                                      : "We would like to review your support with you.") +
              "\n\nWe will hold it by " + due.ToLongString() +
              ". Your practitioner will contact you to agree a time.\n\nYou can see your "
              "reviews at any time on your page."};
}

Notice ReviewComingDueNotice(PersonId person, Date due, bool overdue) {
  return {person, UserId{}, MessageKind::kReviewDue, "Your review is due",
          std::string("It is time to review your support with you: what is working, what is "
                      "not, and whether your plan and budget are still right.\n\n") +
              (overdue ? "It was due by " : "It is due by ") + due.ToLongString() +
              ". Your practitioner will contact you to agree a time. If you would like it "
              "sooner, or something has changed, you can ask for a review from your page."};
}

std::string AlreadyPaidText(const PlanChangeRecord& c, bool self) {
  if (c.owed_to_person == Pence() && c.paid_over == Pence()) return "";
  const std::string who = self ? "you" : "the person";
  std::string out = "Payments up to " + c.payments_from.AddDays(-1).ToLongString() +
                    " were made at the old rate. For the days from " +
                    c.effective_from.ToLongString() + ":";
  const std::string plan = self ? "your plan" : "the person's plan";
  // One side only, and all of it set against another change: nothing is paid, nor asked back.
  const Pence one_side = c.owed_to_person > Pence() ? c.owed_to_person : -c.paid_over;
  if ((c.owed_to_person == Pence() || c.paid_over == Pence()) && c.netted == one_side)
    return out +
           (c.owed_to_person > Pence()
                ? " the new plan pays " + one_side.ToDisplayString() + " more."
                : " " + one_side.ToDisplayString() + " was paid over.") +
           " All of it is set against money from another change to " + plan +
           " for the same days, so nothing is paid, nor asked back.";
  if (c.owed_to_person > Pence())
    out += " the new plan pays " + c.owed_to_person.ToDisplayString() + " more, which the " +
           "council owes " + who + " and pays with the next payments.";
  if (c.paid_over < Pence())
    out += " " + (-c.paid_over).ToDisplayString() + " was paid over. If the council asks for " +
           "it back, " +
           (self ? std::string("it will write to you first.")
                 : std::string("it proposes a recovery, which writes to the person first."));
  if (c.netted > Pence())
    out += " " + c.netted.ToDisplayString() + " of this is set against money from another " +
           "change to " + plan + " for the same days, so that part is not paid, nor asked back.";
  return out;
}

Notice SupportChangedNotice(const PlanChangeRecord& c) {
  auto was_now = [](const std::string& what, Pence before, Pence after) {
    return what + ": " + before.ToDisplayString() + " a week before, " + after.ToDisplayString() +
           " a week now.\n";
  };
  std::string body = "Your support plan has changed from " + c.effective_from.ToLongString() +
                     ".\n\nWhy: " + c.why + "\n\n" +
                     was_now("Your personal budget", c.budget_before, c.budget_after) +
                     was_now("What you pay", c.charge_before, c.charge_after);
  if (c.paid_before != c.paid_after)
    body += was_now("What we pay", c.paid_before, c.paid_after) +
            "Payments at the new rate start on " + c.payments_from.ToLongString() + ".\n";
  if (const std::string paid = AlreadyPaidText(c, true); !paid.empty()) body += paid + "\n";
  for (const auto& l : c.lines) body += was_now(l.label, l.before, l.after);
  body += "\nYou can see what changed, side by side, on your page.";
  return {c.person, UserId{}, MessageKind::kChange, "Your support has changed", body};
}

Notice ComplaintReceivedNotice(PersonId person, const std::string& what, Date acknowledge_by,
                               Date respond_by) {
  return {person, UserId{}, MessageKind::kComplaint, what + ": we have it",
          "Thank you for telling us. " + what + " has been received.\n\nWe will contact you by " +
              acknowledge_by.ToLongString() +
              " to agree how we will look into it, and we will give you our answer by " +
              respond_by.ToLongString() + " at the latest."};
}

Notice ComplaintAcknowledgedNotice(PersonId person, const std::string& what, const std::string& how,
                                   Date respond_by) {
  return {person, UserId{}, MessageKind::kComplaint, what + ": how we will look into it",
          "How we will look into it: " + how + "\n\nYou will have our answer by " +
              respond_by.ToLongString() + "."};
}

Notice ComplaintAnsweredNotice(PersonId person, const std::string& what, const std::string& outcome,
                               const std::string& response) {
  return {person, UserId{}, MessageKind::kComplaint, what + ": our answer",
          "Our answer: " + outcome + ".\n\n" + response +
              "\n\nIf you are not happy with our answer, you can ask the Local Government and "
              "Social Care Ombudsman to look at it. It is free and independent."};
}

}  // namespace selfdirect::app
