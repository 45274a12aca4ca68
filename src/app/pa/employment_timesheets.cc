// File: employment_timesheets.cc
// A PA sends a week's hours; the employer approves or queries them (employment_service.h).
#include "app/pa/employment_access.h"
#include "app/pa/employment_service.h"

namespace selfdirect::app {

namespace {

using namespace employment;
namespace payroll = domain::payroll;

// The last day paid: the end of the latest week paid.
std::optional<Date> PaidThrough(const std::vector<TimesheetRecord>& sheets) {
  std::optional<Date> out;
  for (const auto& t : sheets)
    if (t.status == TimesheetStatus::kPaid && (!out || t.sheet.week_start.AddDays(6) > *out))
      out = t.sheet.week_start.AddDays(6);
  return out;
}

Result<payroll::TimesheetSummary> Checked(Transaction& tx, const EngagementRecord& e,
                                          const payroll::Timesheet& sheet) {
  // Dates at the ends of the supported range (base/date.h) cannot have days added to them.
  if (sheet.week_start.year() <= Date::kMinYear || sheet.week_start.year() >= Date::kMaxYear)
    return Error::InvalidArgument("Enter the week the hours were worked",
                                  {{"week_start", "Enter a week between 1851 and 2199"}});
  if (sheet.week_start.AddDays(6) < e.terms.start)
    return Error::InvalidArgument(
        "This week is before the PA started",
        {{"week_start", "The PA started on " + e.terms.start.ToLongString()}});
  SD_ASSIGN_OR_RETURN(auto sheets, tx.employment().TimesheetsOf(e.id));
  payroll::TimesheetLimits limits;
  limits.contract_hours_hundredths = e.terms.weekly_hours_hundredths;
  limits.paid_through = PaidThrough(sheets);
  // Each leave year the week touches, over the whole year: weeks still waiting for approval and
  // weeks later in the year count as taken, so two weeks sent in any order cannot each use the
  // same hours.
  const Date sunday = sheet.week_start.AddDays(6);
  for (Date on = sheet.week_start; on <= sunday;) {
    const Date year_end = payroll::LeaveYearOf(e.terms.start, on).second;
    const Date until = std::min(sunday, year_end);
    if (auto holiday = HolidayOn(
            e.terms, sheets, year_end,
            {TimesheetStatus::kSubmitted, TimesheetStatus::kApproved, TimesheetStatus::kPaid}))
      limits.holiday_left.push_back({holiday->year_start, holiday->left_hundredths});
    on = until.AddDays(1);
  }
  return payroll::CheckTimesheet(sheet, limits);
}

}  // namespace

Result<TimesheetId> EmploymentService::SubmitTimesheet(const CallContext& ctx, const Principal& pa,
                                                       EngagementId id,
                                                       const payroll::Timesheet& sheet) {
  TimesheetId out;
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(Loaded l, Load(tx, id));
    if (!RightsOf(pa, l.e, l.pa).pa || !l.e.active)
      return Error::NotFound("No engagement with that number");
    SD_ASSIGN_OR_RETURN(auto summary, Checked(tx, l.e, sheet));
    TimesheetRecord t;
    t.engagement = id;
    t.sheet = sheet;
    t.flags = std::move(summary.flags);
    t.submitted_by = pa.user.id;
    t.submitted_at = clock_.Now();
    SD_ASSIGN_OR_RETURN(out, tx.employment().InsertTimesheet(t));
    return tx.audit().Append(AuditOf(clock_, pa, ctx, "pa.timesheet.submit", "person",
                                     l.e.person.ToString(), "timesheet " + out.ToString()));
  });
  if (!s.ok())
    audit_.Record(ctx.council, AuditOf(clock_, pa, ctx, "pa.timesheet.submit_refused", "engagement",
                                       id.ToString(), s.error().message));
  SD_RETURN_IF_ERROR(s);
  return out;
}

Status EmploymentService::DecideTimesheet(const CallContext& ctx, const Principal& who,
                                          TimesheetId id, bool approve, const std::string& query) {
  if (!approve && (query.empty() || query.size() > 1000))
    return Error::InvalidArgument(
        "Say what you want to ask about these hours",
        {{"query", "Say what you want to ask about these hours, in up to 1,000 characters"}});
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto t, tx.employment().FindTimesheet(id));
    if (!t) return Error::NotFound("No timesheet with that number");
    SD_ASSIGN_OR_RETURN(Loaded l, Load(tx, t->engagement));
    if (!MayRead(who, l.e, l.pa, l.person)) return Error::NotFound("No timesheet with that number");
    SD_RETURN_IF_ERROR(payroll::CheckApprover(who.user.id.value(), l.pa.user_id.value()));
    if (!RightsOf(who, l.e, l.pa).employer)
      return Error::PermissionDenied("Only the PA's employer approves their hours");
    SD_RETURN_IF_ERROR(tx.employment().DecideTimesheet(
        id, approve ? TimesheetStatus::kApproved : TimesheetStatus::kQueried, who.user.id,
        clock_.Now(), approve ? "" : query));
    return tx.audit().Append(
        AuditOf(clock_, who, ctx, approve ? "pa.timesheet.approve" : "pa.timesheet.query", "person",
                l.e.person.ToString(), "timesheet " + id.ToString()));
  });
  if (!s.ok() &&
      (s.error().code == ErrorCode::kNotFound || s.error().code == ErrorCode::kPermissionDenied))
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "pa.timesheet.decide_refused", "timesheet",
                                       id.ToString(), ""));
  return s;
}

}  // namespace selfdirect::app
