// File: complaint.h
// Complaints and requests to look again at a decision (issue 23, deliver 6), and the response
// times the Local Authority Social Services and National Health Service Complaints (England)
// Regulations 2009 (SI 2009/309) set: a complaint made within 12 months of the matter (reg 12),
// acknowledged within 3 working days of the day it is received (reg 13), and answered within 6
// months of receipt unless a longer period is agreed (reg 14). The figures are reference data
// (data/reference/complaints/), not constants: [K] unverified against the text, so a council can
// correct them. Pure rules; the records are in app/complaints.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"

namespace selfdirect::domain {

// DO NOT RENAME: stored by code.
enum class ComplaintKind {
  kComplaint,  // About the service: how something was done, or not done.
  kLookAgain,  // A request to look again at a decision: eligibility, the budget or a charge.
};
std::string_view ComplaintKindCode(ComplaintKind k);
std::string_view ComplaintKindLabel(ComplaintKind k);
std::optional<ComplaintKind> ParseComplaintKind(std::string_view code);

// What it is about. DO NOT RENAME: stored by code.
enum class ComplaintSubject { kEligibility, kBudget, kCharge, kPlan, kService, kOther };
inline constexpr ComplaintSubject kAllComplaintSubjects[] = {
    ComplaintSubject::kEligibility, ComplaintSubject::kBudget,  ComplaintSubject::kCharge,
    ComplaintSubject::kPlan,        ComplaintSubject::kService, ComplaintSubject::kOther};
std::string_view ComplaintSubjectCode(ComplaintSubject s);
std::string_view ComplaintSubjectLabel(ComplaintSubject s);
std::optional<ComplaintSubject> ParseComplaintSubject(std::string_view code);
// A request to look again is about a decision: eligibility, the budget or a charge.
bool IsDecision(ComplaintSubject s);

// DO NOT RENAME: stored by code.
enum class ComplaintOutcome { kUpheld, kPartlyUpheld, kNotUpheld, kWithdrawn };
std::string_view ComplaintOutcomeCode(ComplaintOutcome o);
std::string_view ComplaintOutcomeLabel(ComplaintOutcome o);
std::optional<ComplaintOutcome> ParseComplaintOutcome(std::string_view code);

struct ComplaintPolicy {
  int acknowledge_working_days = 3;  // Reg 13(2).
  int respond_months = 6;            // Reg 14: unless a longer period is agreed.
  int made_within_months = 12;       // Reg 12(1); reg 12(2) allows later with good reason.
  int due_soon_days = 5;             // Shown as due soon this many days before a date.
  std::vector<Date> bank_holidays;   // England and Wales, with Christmas Day and Good Friday.
};

// Not a Saturday, a Sunday or one of the policy's holidays.
bool IsWorkingDay(Date d, const ComplaintPolicy& p);
// The day `n` working days after `from` (from itself not counted): 3 working days after a
// Friday is the Wednesday.
Date AddWorkingDays(Date from, int n, const ComplaintPolicy& p);

struct ComplaintDates {
  Date acknowledge_by;
  Date respond_by;    // Six months from receipt, or the later date agreed.
  bool late = false;  // Made more than made_within_months after the matter.
};
ComplaintDates DueDates(Date received, std::optional<Date> matter,
                        std::optional<Date> agreed_respond_by, const ComplaintPolicy& p);

// Where a complaint stands today, for lists: what is owed next and whether it is late.
enum class ComplaintTiming { kOnTime, kDueSoon, kOverdue, kClosed };
std::string_view ComplaintTimingLabel(ComplaintTiming t);
ComplaintTiming TimingOf(const ComplaintDates& dates, bool acknowledged, bool responded, Date today,
                         const ComplaintPolicy& p);

// A year whose bank holidays the policy does not list (none listed in it) among the years of
// `today` and 2 months later, so staff are told in time to add them; none when both are listed.
// A missing year counts its holidays as working days, so dates come out early, never late.
std::optional<int> MissingBankHolidayYear(const ComplaintPolicy& p, Date today);

// Checks the figures: 1 to 10 working days, 1 to 12 months, 1 to 24 months, 0 to 30 days.
Status ValidateComplaintPolicy(const ComplaintPolicy& p);

}  // namespace selfdirect::domain
