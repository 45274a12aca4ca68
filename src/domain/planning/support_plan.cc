#include "domain/planning/support_plan.h"

#include <algorithm>

namespace selfdirect::domain {
namespace {

bool Blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c <= ' '; });
}

bool MayEditContents(const Actor& actor, const PersonAccessFacts& person) {
  return ActsForPerson(actor, person.person_id) || CanEditPerson(actor, person);
}

}  // namespace

std::string_view PlanStatusCode(PlanStatus s) {
  switch (s) {
    case PlanStatus::kDraft:
      return "draft";
    case PlanStatus::kSubmitted:
      return "submitted";
    case PlanStatus::kReturned:
      return "returned";
    case PlanStatus::kApproved:
      return "approved";
  }
  return "draft";
}

std::string_view PlanStatusLabel(PlanStatus s) {
  switch (s) {
    case PlanStatus::kDraft:
      return "Draft";
    case PlanStatus::kSubmitted:
      return "Waiting for approval";
    case PlanStatus::kReturned:
      return "Returned for changes";
    case PlanStatus::kApproved:
      return "Agreed";
  }
  return "Draft";
}

std::optional<PlanStatus> ParsePlanStatus(std::string_view code) {
  for (PlanStatus s :
       {PlanStatus::kDraft, PlanStatus::kSubmitted, PlanStatus::kReturned, PlanStatus::kApproved})
    if (PlanStatusCode(s) == code) return s;
  return std::nullopt;
}

std::string_view PlanSectionCode(PlanSection s) {
  switch (s) {
    case PlanSection::kNeeds:
      return "needs";
    case PlanSection::kWhatMatters:
      return "what-matters";
    case PlanSection::kSupport:
      return "support";
    case PlanSection::kHelpers:
      return "who-helps";
    case PlanSection::kContingency:
      return "contingency";
    case PlanSection::kManagement:
      return "money-and-review";
  }
  return "needs";
}

std::string_view PlanSectionLabel(PlanSection s) {
  switch (s) {
    case PlanSection::kNeeds:
      return "Needs and how they will be met";
    case PlanSection::kWhatMatters:
      return "What matters and the outcomes wanted";
    case PlanSection::kSupport:
      return "Support and what it costs";
    case PlanSection::kHelpers:
      return "Who helps";
    case PlanSection::kContingency:
      return "Contingency and risks";
    case PlanSection::kManagement:
      return "How the money is managed and the review date";
  }
  return "";
}

std::optional<PlanSection> ParsePlanSection(std::string_view code) {
  for (PlanSection s : kPlanSections)
    if (PlanSectionCode(s) == code) return s;
  return std::nullopt;
}

bool SectionComplete(const SupportPlanContent& plan, PlanSection s) {
  switch (s) {
    case PlanSection::kNeeds:
      return !plan.needs.empty() &&
             std::none_of(plan.needs.begin(), plan.needs.end(), [](const PlanNeed& n) {
               return Blank(n.description) || (n.eligible && Blank(n.how_met));
             });
    case PlanSection::kWhatMatters:
      return !Blank(plan.what_matters) && !plan.outcomes.empty();
    case PlanSection::kSupport:
      return !plan.lines.empty();
    case PlanSection::kHelpers:
      return !plan.helpers.empty();
    case PlanSection::kContingency:
      return !Blank(plan.contingency) && !Blank(plan.risks);
    case PlanSection::kManagement:
      return plan.review_date.has_value();
  }
  return false;
}

std::vector<FieldError> MissingSections(const SupportPlanContent& plan, Date today) {
  std::vector<FieldError> out;
  if (plan.needs.empty()) {
    out.push_back({"needs", "Add the needs the assessment found"});
  } else {
    for (size_t i = 0; i < plan.needs.size(); ++i) {
      const auto& n = plan.needs[i];
      std::string at = "needs[" + std::to_string(i) + "]";
      if (Blank(n.description)) out.push_back({at + ".description", "Describe the need"});
      if (n.eligible && Blank(n.how_met))
        out.push_back({at + ".how_met", "Say how this eligible need will be met"});
    }
  }
  if (Blank(plan.what_matters))
    out.push_back({"what_matters", "Say what matters to the person, in their words"});
  if (plan.outcomes.empty())
    out.push_back({"outcomes", "Add at least one outcome the person wants"});
  if (plan.lines.empty())
    out.push_back({"lines", "Add the support that will meet the needs, even if it costs nothing"});
  if (plan.helpers.empty())
    out.push_back({"helpers", "Say who helps, including family, friends and community groups"});
  if (Blank(plan.contingency))
    out.push_back({"contingency", "Say what happens if the support breaks down"});
  if (Blank(plan.risks))
    out.push_back({"risks", "Say what the risks are and how they are managed"});
  if (!plan.review_date) {
    out.push_back({"review_date", "Give the date of the first review"});
  } else if (*plan.review_date <= today || *plan.review_date > today.AddDays(366)) {
    out.push_back({"review_date", "The review date must be after today and within 12 months"});
  }
  return out;
}

PersonalBudget SplitBudget(Pence weekly_total, Pence annual_total,
                           std::optional<Pence> weekly_charge) {
  PersonalBudget b;
  b.weekly_total = weekly_total;
  b.annual_total = annual_total;
  Pence charge = weekly_charge.value_or(Pence{});
  if (charge < Pence{}) charge = Pence{};
  b.person_weekly = std::min(charge, weekly_total);
  b.council_weekly = weekly_total - b.person_weekly;
  b.person_annual = std::min(YearlyFromWeekly(charge), annual_total);
  b.council_annual = annual_total - b.person_annual;
  return b;
}

Status CheckCanEdit(const Actor& actor, const PlanFacts& plan) {
  if (!MayEditContents(actor, plan.person))
    return Error::PermissionDenied("Your role cannot change this support plan");
  if (plan.status == PlanStatus::kSubmitted)
    return Error::FailedPrecondition(
        "This plan is waiting for approval and cannot be changed; it can be changed if it is "
        "returned");
  if (plan.status == PlanStatus::kApproved)
    return Error::FailedPrecondition(
        "This plan has been agreed and cannot be changed; start a new version to change it");
  return OkStatus();
}

Status CheckCanSubmit(const Actor& actor, const PlanFacts& plan,
                      const std::vector<FieldError>& missing) {
  SD_RETURN_IF_ERROR(CheckCanEdit(actor, plan));
  if (!missing.empty())
    return Error::InvalidArgument("Complete every section of the plan before sending it", missing);
  return OkStatus();
}

Status CheckDecision(const Actor& actor, const PlanFacts& plan, const DecisionInput& input,
                     bool over_tolerance) {
  if (actor.role != Role::kApprover || !CanEditPerson(actor, plan.person))
    return Error::PermissionDenied("Only an approver of the person's team can decide on a plan");
  if (plan.status != PlanStatus::kSubmitted)
    return Error::FailedPrecondition(
        "Only a plan waiting for approval can be approved or returned");
  if (actor.user_id == plan.last_edited_by || actor.user_id == plan.submitted_by)
    return Error::PermissionDenied(
        "You cannot approve or return a plan you wrote or sent: another approver must decide");
  if (input.decision == PlanDecision::kReturn && Blank(input.reason))
    return Error::InvalidArgument("Say why the plan is returned",
                                  {{"reason", "Say what needs to change"}});
  if (input.decision == PlanDecision::kApprove && over_tolerance && Blank(input.reason))
    return Error::InvalidArgument(
        "The plan costs more than the indicative budget allows",
        {{"reason", "Give the reason for agreeing a budget higher than the indicative budget"}});
  return OkStatus();
}

}  // namespace selfdirect::domain
