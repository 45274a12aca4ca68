#include "domain/front_door/contact.h"

#include <cstdio>

#include "base/text.h"

namespace selfdirect::domain {
namespace {

std::string Clean(const std::string& s) { return std::string(Trim(s)); }

// The fields the person record shares with the form, checked by the person record's own rules
// (ValidatePerson), so a request and the record made from it accept the same things.
void CheckSharedFields(const ContactInput& in, Date today, ContactRequest& out,
                       std::vector<FieldError>& errors) {
  PersonInput p;
  p.given_name = in.given_name;
  p.family_name = in.family_name;
  p.date_of_birth = Trim(in.date_of_birth).empty() ? today.ToString() : in.date_of_birth;
  p.postcode = in.postcode;
  p.primary_support_reason = "physical_support";
  p.address = in.address;
  p.telephone = in.telephone;
  p.email = in.email;
  auto checked = ValidatePerson(p, today);
  if (!checked.ok()) {
    for (const auto& e : checked.error().fields) errors.push_back(e);
    return;
  }
  out.given_name = checked->given_name;
  out.family_name = checked->family_name;
  if (!Trim(in.date_of_birth).empty()) out.date_of_birth = checked->date_of_birth;
  out.postcode = checked->postcode.value_or("");
  out.address = checked->address;
  out.telephone = checked->telephone;
  out.email = checked->email;
}

}  // namespace

std::string_view UrgencyCode(Urgency u) {
  switch (u) {
    case Urgency::kToday:
      return "today";
    case Urgency::kThisWeek:
      return "this_week";
    case Urgency::kCanWait:
      return "can_wait";
  }
  return "can_wait";
}

std::string_view UrgencyLabel(Urgency u) {
  switch (u) {
    case Urgency::kToday:
      return "Today";
    case Urgency::kThisWeek:
      return "This week";
    case Urgency::kCanWait:
      return "It can wait";
  }
  return "It can wait";
}

std::optional<Urgency> ParseUrgency(std::string_view code) {
  for (auto u : {Urgency::kToday, Urgency::kThisWeek, Urgency::kCanWait})
    if (UrgencyCode(u) == code) return u;
  return std::nullopt;
}

Result<ContactRequest> CheckContact(const ContactInput& in, Date today) {
  ContactRequest out;
  std::vector<FieldError> errors;
  if (in.for_whom != "self" && in.for_whom != "someone_else")
    errors.push_back({"for_whom", "Choose who needs help"});
  out.for_self = in.for_whom != "someone_else";
  out.at_risk = in.at_risk == "yes";
  if (!out.for_self) {
    out.asker_name = Clean(in.asker_name);
    out.relationship = Clean(in.relationship);
    if (out.asker_name.empty()) errors.push_back({"asker_name", "Enter your name"});
    out.consent = in.consent == "yes";
    if (!out.consent && !out.at_risk)
      errors.push_back({"consent",
                        "Ask the person first: we can only take a request for someone "
                        "else with their agreement, unless someone is at risk of harm"});
  }
  CheckSharedFields(in, today, out, errors);
  out.needs = Clean(in.needs);
  if (out.needs.empty()) errors.push_back({"needs", "Tell us what help is needed"});
  if (CodePointCount(out.needs) > 2000)
    errors.push_back({"needs", "Use 2,000 characters or fewer"});
  auto urgency = ParseUrgency(in.urgency);
  if (!urgency) errors.push_back({"urgency", "Choose how soon help is needed"});
  out.urgency = urgency.value_or(Urgency::kCanWait);
  if (in.at_risk != "yes" && in.at_risk != "no")
    errors.push_back({"at_risk", "Choose yes if anyone is at risk of harm"});
  if (errors.empty() && out.email.empty() && out.telephone.empty() && out.address.empty())
    errors.push_back({"email",
                      "Enter an email address, a phone number or a postal address, so "
                      "that we can reach you"});
  if (!errors.empty()) return Error::InvalidArgument("Check the request", std::move(errors));
  return out;
}

std::string_view TriageOutcomeCode(TriageOutcome o) {
  switch (o) {
    case TriageOutcome::kInformation:
      return "information";
    case TriageOutcome::kNeedsAssessment:
      return "needs_assessment";
    case TriageOutcome::kCarersAssessment:
      return "carers_assessment";
    case TriageOutcome::kSelfAssessment:
      return "self_assessment";
    case TriageOutcome::kPassedOn:
      return "passed_on";
  }
  return "information";
}

std::string_view TriageOutcomeLabel(TriageOutcome o) {
  switch (o) {
    case TriageOutcome::kInformation:
      return "Information and advice given";
    case TriageOutcome::kNeedsAssessment:
      return "Needs assessment by a practitioner";
    case TriageOutcome::kCarersAssessment:
      return "Carer's assessment";
    case TriageOutcome::kSelfAssessment:
      return "Invited to self-assess online";
    case TriageOutcome::kPassedOn:
      return "Passed to another team or organisation";
  }
  return "Information and advice given";
}

std::optional<TriageOutcome> ParseTriageOutcome(std::string_view code) {
  for (auto o : kAllTriageOutcomes)
    if (TriageOutcomeCode(o) == code) return o;
  return std::nullopt;
}

bool MakesRecord(TriageOutcome o) {
  return o == TriageOutcome::kNeedsAssessment || o == TriageOutcome::kCarersAssessment ||
         o == TriageOutcome::kSelfAssessment;
}

std::string ContactReference(int64_t id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "CN-%06lld", static_cast<long long>(id));
  return buf;
}

}  // namespace selfdirect::domain
