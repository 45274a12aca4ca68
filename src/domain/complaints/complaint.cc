#include "domain/complaints/complaint.h"

#include <algorithm>

namespace selfdirect::domain {

std::string_view ComplaintKindCode(ComplaintKind k) {
  return k == ComplaintKind::kLookAgain ? "look_again" : "complaint";
}

std::string_view ComplaintKindLabel(ComplaintKind k) {
  return k == ComplaintKind::kLookAgain ? "Look again at a decision" : "Complaint";
}

std::optional<ComplaintKind> ParseComplaintKind(std::string_view code) {
  if (code == "complaint") return ComplaintKind::kComplaint;
  if (code == "look_again") return ComplaintKind::kLookAgain;
  return std::nullopt;
}

std::string_view ComplaintSubjectCode(ComplaintSubject s) {
  switch (s) {
    case ComplaintSubject::kEligibility:
      return "eligibility";
    case ComplaintSubject::kBudget:
      return "budget";
    case ComplaintSubject::kCharge:
      return "charge";
    case ComplaintSubject::kPlan:
      return "plan";
    case ComplaintSubject::kService:
      return "service";
    case ComplaintSubject::kOther:
      return "other";
  }
  return "other";
}

std::string_view ComplaintSubjectLabel(ComplaintSubject s) {
  switch (s) {
    case ComplaintSubject::kEligibility:
      return "Whether you can get care and support";
    case ComplaintSubject::kBudget:
      return "The personal budget";
    case ComplaintSubject::kCharge:
      return "What you pay towards your care";
    case ComplaintSubject::kPlan:
      return "The support plan";
    case ComplaintSubject::kService:
      return "How we dealt with you";
    case ComplaintSubject::kOther:
      return "Something else";
  }
  return "Something else";
}

std::optional<ComplaintSubject> ParseComplaintSubject(std::string_view code) {
  for (ComplaintSubject s : kAllComplaintSubjects)
    if (ComplaintSubjectCode(s) == code) return s;
  return std::nullopt;
}

bool IsDecision(ComplaintSubject s) {
  return s == ComplaintSubject::kEligibility || s == ComplaintSubject::kBudget ||
         s == ComplaintSubject::kCharge;
}

std::string_view ComplaintOutcomeCode(ComplaintOutcome o) {
  switch (o) {
    case ComplaintOutcome::kUpheld:
      return "upheld";
    case ComplaintOutcome::kPartlyUpheld:
      return "partly_upheld";
    case ComplaintOutcome::kNotUpheld:
      return "not_upheld";
    case ComplaintOutcome::kWithdrawn:
      return "withdrawn";
  }
  return "not_upheld";
}

std::string_view ComplaintOutcomeLabel(ComplaintOutcome o) {
  switch (o) {
    case ComplaintOutcome::kUpheld:
      return "Upheld";
    case ComplaintOutcome::kPartlyUpheld:
      return "Partly upheld";
    case ComplaintOutcome::kNotUpheld:
      return "Not upheld";
    case ComplaintOutcome::kWithdrawn:
      return "Withdrawn";
  }
  return "Not upheld";
}

std::optional<ComplaintOutcome> ParseComplaintOutcome(std::string_view code) {
  for (auto o : {ComplaintOutcome::kUpheld, ComplaintOutcome::kPartlyUpheld,
                 ComplaintOutcome::kNotUpheld, ComplaintOutcome::kWithdrawn})
    if (ComplaintOutcomeCode(o) == code) return o;
  return std::nullopt;
}

bool IsWorkingDay(Date d, const ComplaintPolicy& p) {
  const Weekday w = d.weekday();
  if (w == Weekday::kSaturday || w == Weekday::kSunday) return false;
  return !std::binary_search(p.bank_holidays.begin(), p.bank_holidays.end(), d);
}

std::optional<int> MissingBankHolidayYear(const ComplaintPolicy& p, Date today) {
  for (int year : {today.year(), today.AddMonths(2).year()}) {
    const bool listed = std::any_of(p.bank_holidays.begin(), p.bank_holidays.end(),
                                    [&](Date d) { return d.year() == year; });
    if (!listed) return year;
  }
  return std::nullopt;
}

Date AddWorkingDays(Date from, int n, const ComplaintPolicy& p) {
  Date d = from;
  for (int counted = 0; counted < n;) {
    d = d.AddDays(1);
    if (IsWorkingDay(d, p)) ++counted;
  }
  return d;
}

ComplaintDates DueDates(Date received, std::optional<Date> matter,
                        std::optional<Date> agreed_respond_by, const ComplaintPolicy& p) {
  ComplaintDates out;
  out.acknowledge_by = AddWorkingDays(received, p.acknowledge_working_days, p);
  // "Within six months beginning on the day received": the day before the same date six months
  // on; when that month is shorter (31 August), its last day.
  out.respond_by = received.AddMonths(p.respond_months);
  if (out.respond_by.day() == received.day()) out.respond_by = out.respond_by.AddDays(-1);
  if (agreed_respond_by && *agreed_respond_by > out.respond_by) out.respond_by = *agreed_respond_by;
  out.late = matter && matter->AddMonths(p.made_within_months) < received;
  return out;
}

std::string_view ComplaintTimingLabel(ComplaintTiming t) {
  switch (t) {
    case ComplaintTiming::kOnTime:
      return "On time";
    case ComplaintTiming::kDueSoon:
      return "Due soon";
    case ComplaintTiming::kOverdue:
      return "Overdue";
    case ComplaintTiming::kClosed:
      return "Answered";
  }
  return "On time";
}

ComplaintTiming TimingOf(const ComplaintDates& dates, bool acknowledged, bool responded, Date today,
                         const ComplaintPolicy& p) {
  if (responded) return ComplaintTiming::kClosed;
  const Date next = acknowledged ? dates.respond_by : dates.acknowledge_by;
  if (today > next) return ComplaintTiming::kOverdue;
  if (today.AddDays(p.due_soon_days) >= next) return ComplaintTiming::kDueSoon;
  return ComplaintTiming::kOnTime;
}

Status ValidateComplaintPolicy(const ComplaintPolicy& p) {
  std::vector<FieldError> errors;
  if (p.acknowledge_working_days < 1 || p.acknowledge_working_days > 10)
    errors.push_back({"acknowledge_working_days", "Use 1 to 10 working days"});
  if (p.respond_months < 1 || p.respond_months > 12)
    errors.push_back({"respond_months", "Use 1 to 12 months"});
  if (p.made_within_months < 1 || p.made_within_months > 24)
    errors.push_back({"made_within_months", "Use 1 to 24 months"});
  if (p.due_soon_days < 0 || p.due_soon_days > 30)
    errors.push_back({"due_soon_days", "Use 0 to 30 days"});
  if (!std::is_sorted(p.bank_holidays.begin(), p.bank_holidays.end()))
    errors.push_back({"bank_holidays", "List the holidays in date order"});
  if (!errors.empty())
    return Error::InvalidArgument("Check the complaints policy", std::move(errors));
  return OkStatus();
}

}  // namespace selfdirect::domain
