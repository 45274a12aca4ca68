// File: employment_access.h
// Who may do what with a PA's engagement, and how an engagement is read for a view; shared by the
// files of the employment service (employment_service.cc, employment_timesheets.cc,
// employment_pay.cc).
#pragma once

#include "app/pa/employment_service.h"

namespace selfdirect::app::employment {

// The rights of `who` on `e` of `person`: the person or their representative, and the
// organisation named on the engagement, are the employer side (in mode c the person directs the
// PA and approves hours; the organisation runs pay); the PA whose engagement it is submits hours.
EngagementRights RightsOf(const Principal& who, const EngagementRecord& e,
                          const PaProfileRecord& pa);
// Whether `who` may read `e` at all: the rights above, or staff who may see the person.
bool MayRead(const Principal& who, const EngagementRecord& e, const PaProfileRecord& pa,
             const PersonRecord& person);
// Whether `who` may run pay for `e`: in modes a and b the person's side (and the payroll service
// named), in mode c the organisation.
bool MayRunPay(const Principal& who, const EngagementRecord& e);

// The engagement with its PA and person, or kNotFound.
struct Loaded {
  EngagementRecord e;
  PaProfileRecord pa;
  PersonRecord person;
};
Result<Loaded> Load(Transaction& tx, EngagementId id);

// "person:12" or "organisation:34": who runs the engagement's payroll.
std::string EmployerKey(const EngagementRecord& e);
// The organisation's name, the payroll service's, or the person's own.
std::string EmployerName(const EngagementRecord& e, const PersonRecord& person);
std::string FullName(const PersonRecord& p);

// The PA's holiday in the leave year on `on`, from the weeks in one of `counted` states (the
// page counts approved and paid weeks; a new week's check counts those still waiting too); none
// for rolled-up holiday pay (employment_views.cc).
std::optional<domain::payroll::HolidayBalance> HolidayOn(
    const domain::payroll::EngagementTerms& terms, const std::vector<TimesheetRecord>& sheets,
    Date on,
    std::initializer_list<TimesheetStatus> counted = {TimesheetStatus::kApproved,
                                                      TimesheetStatus::kPaid});

// The view of `l` for `who` on `today` (employment_views.cc).
Result<EngagementView> BuildView(Transaction& tx, const Principal& who, Loaded l, Date today);

// Pays every approved week of the employer of `e` (all its engagements at the same frequency)
// on `pay_date`, with no check of who asks: RunPay checks that first; the demo calls it directly.
Status PayDueOn(Transaction& tx, UserId by, Timestamp now, const EngagementRecord& e, Date pay_date,
                PayRunOutcome& out);

}  // namespace selfdirect::app::employment
