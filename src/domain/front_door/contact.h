// File: contact.h
// Asking the council for help (issue 23, deliver 1; rules.md 1.1): what a member of the public
// tells the council on the "Ask for help" form, for themselves or for someone else with their
// agreement, and what a practitioner decides when they triage it. Pure rules; docs/front-door.md.
//
// The duty to assess is triggered by the appearance of need (Care Act 2014 s9), so the form asks
// only what the council needs to act: who needs help, what help they need now, how urgent it is,
// whether anyone is at risk of harm (then the form says to call 999), and how to reach them: an
// email address, a phone number or a postal address, at least one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "domain/people/person.h"

namespace selfdirect::domain {

// DO NOT RENAME: stored by code.
enum class Urgency { kToday, kThisWeek, kCanWait };
std::string_view UrgencyCode(Urgency u);   // "today", "this_week", "can_wait"
std::string_view UrgencyLabel(Urgency u);  // "Today", "This week", "It can wait"
std::optional<Urgency> ParseUrgency(std::string_view code);

// What the form sends, as typed.
struct ContactInput {
  std::string for_whom;  // "self" or "someone_else".
  std::string consent;   // "yes" or "no": the person agreed to the request (someone else).
  std::string asker_name;
  std::string relationship;  // The asker's, to the person, in their words.
  std::string given_name;
  std::string family_name;
  std::string date_of_birth;  // "YYYY-MM-DD" from the GOV.UK date input; optional.
  std::string postcode;       // Optional.
  std::string needs;          // What help is needed now, in their words.
  std::string urgency;        // UrgencyCode.
  std::string at_risk;        // "yes" or "no": is anyone at risk of harm?
  std::string email;
  std::string telephone;
  std::string address;
};

// A request that passed the checks.
struct ContactRequest {
  bool for_self = true;
  bool consent = true;
  std::string asker_name;
  std::string relationship;
  std::string given_name;
  std::string family_name;
  std::optional<Date> date_of_birth;
  std::string postcode;  // Standard form, "" when not given.
  std::string needs;
  Urgency urgency = Urgency::kCanWait;
  bool at_risk = false;
  std::string email;  // Lower-case.
  std::string telephone;
  std::string address;
};

// Checks the form: names, what help is needed (up to 2,000 characters), how urgent, the risk
// question, and at least one way to reach the person (a valid email, phone number or postal
// address); for someone else, the asker's name and that the person agreed, unless someone is at
// risk of harm (a safeguarding concern is taken without agreement). kInvalidArgument with one
// message per field, in the form's order.
Result<ContactRequest> CheckContact(const ContactInput& input, Date today);

// What triage decided. DO NOT RENAME: stored by code.
enum class TriageOutcome {
  kInformation,       // Information and advice given; closed.
  kNeedsAssessment,   // A needs assessment by a practitioner: a record is made.
  kCarersAssessment,  // A carer's assessment: a record is made for the carer.
  kSelfAssessment,    // A record is made and the person is invited to an account to self-assess.
  kPassedOn,          // Passed to another team or organisation; closed.
};
inline constexpr TriageOutcome kAllTriageOutcomes[] = {
    TriageOutcome::kInformation, TriageOutcome::kNeedsAssessment, TriageOutcome::kCarersAssessment,
    TriageOutcome::kSelfAssessment, TriageOutcome::kPassedOn};
std::string_view TriageOutcomeCode(TriageOutcome o);
std::string_view TriageOutcomeLabel(TriageOutcome o);
std::optional<TriageOutcome> ParseTriageOutcome(std::string_view code);
// Whether the outcome makes a person record.
bool MakesRecord(TriageOutcome o);

// "CN-000123": the reference a person quotes about their request.
std::string ContactReference(int64_t id);

}  // namespace selfdirect::domain
