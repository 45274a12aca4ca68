// The complaint response times, as a complaints manager would check them by hand on a calendar
// of England and Wales bank holidays.
#include "domain/complaints/complaint.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

Date D(const char* iso) { return *Date::Parse(iso); }

ComplaintPolicy Policy() {
  ComplaintPolicy p;
  p.bank_holidays = {D("2026-04-03"), D("2026-04-06"), D("2026-05-04"), D("2026-05-25"),
                     D("2026-08-31"), D("2026-12-25"), D("2026-12-28"), D("2027-01-01")};
  return p;
}

TEST(ComplaintDates, StaffAreToldTwoMonthsAheadWhenNextYearsBankHolidaysAreMissing) {
  // Listed to 1 January 2027: 2027 counts as listed (one day is enough to show the year was
  // added), and from 1 November 2027 the year 2 months on, 2028, is missing.
  EXPECT_EQ(MissingBankHolidayYear(Policy(), D("2026-12-06")), std::nullopt);
  EXPECT_EQ(MissingBankHolidayYear(Policy(), D("2027-10-31")), std::nullopt);
  EXPECT_EQ(MissingBankHolidayYear(Policy(), D("2027-11-01")), 2028);
  EXPECT_EQ(MissingBankHolidayYear(Policy(), D("2025-06-01")), 2025);
}

struct AckCase {
  const char* received;
  const char* acknowledge_by;
  const char* why;
};

TEST(ComplaintDates, AcknowledgedWithinThreeWorkingDays) {
  const AckCase cases[] = {
      {"2026-12-02", "2026-12-07", "Wednesday: Thursday, Friday, Monday"},
      {"2026-12-04", "2026-12-09", "Friday: the weekend does not count"},
      {"2026-12-05", "2026-12-09", "Saturday: counted from the Monday"},
      {"2026-12-23", "2026-12-30", "Christmas Day and the Boxing Day holiday (28th) do not count"},
      {"2026-04-02", "2026-04-09", "Good Friday and Easter Monday do not count"},
      {"2026-12-31", "2027-01-06", "New Year's Day does not count"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(DueDates(D(c.received), std::nullopt, std::nullopt, Policy()).acknowledge_by,
              D(c.acknowledge_by))
        << c.why;
}

TEST(ComplaintDates, AnsweredWithinSixMonthsOrTheLaterDateAgreed) {
  EXPECT_EQ(DueDates(D("2026-12-05"), {}, {}, Policy()).respond_by, D("2027-06-04"));
  // 31 August: six months beginning that day end with February.
  EXPECT_EQ(DueDates(D("2026-08-31"), {}, {}, Policy()).respond_by, D("2027-02-28"));
  EXPECT_EQ(DueDates(D("2026-12-05"), {}, D("2027-07-31"), Policy()).respond_by, D("2027-07-31"));
  // An earlier "agreed" date never shortens the time the law gives.
  EXPECT_EQ(DueDates(D("2026-12-05"), {}, D("2027-01-31"), Policy()).respond_by, D("2027-06-04"));
}

TEST(ComplaintDates, LateWhenMadeMoreThanTwelveMonthsAfterTheMatter) {
  EXPECT_FALSE(DueDates(D("2026-12-05"), D("2025-12-05"), {}, Policy()).late);
  EXPECT_TRUE(DueDates(D("2026-12-05"), D("2025-12-04"), {}, Policy()).late);
  EXPECT_FALSE(DueDates(D("2026-12-05"), std::nullopt, {}, Policy()).late);
}

TEST(ComplaintTiming, WhatIsOwedNextAndWhetherItIsLate) {
  const ComplaintPolicy p = Policy();
  const auto dates = DueDates(D("2026-12-02"), {}, {}, p);  // Acknowledge by 7 December.
  EXPECT_EQ(TimingOf(dates, false, false, D("2026-12-02"), p), ComplaintTiming::kDueSoon);
  EXPECT_EQ(TimingOf(dates, false, false, D("2026-12-08"), p), ComplaintTiming::kOverdue);
  EXPECT_EQ(TimingOf(dates, true, false, D("2026-12-08"), p), ComplaintTiming::kOnTime);
  EXPECT_EQ(TimingOf(dates, true, false, D("2027-05-28"), p), ComplaintTiming::kDueSoon);
  EXPECT_EQ(TimingOf(dates, true, false, D("2027-06-02"), p), ComplaintTiming::kOverdue);
  EXPECT_EQ(TimingOf(dates, true, true, D("2027-09-01"), p), ComplaintTiming::kClosed);
}

TEST(ComplaintPolicy, FiguresOutsideTheirRangeAreRefusedByName) {
  ComplaintPolicy p = Policy();
  EXPECT_TRUE(ValidateComplaintPolicy(p).ok());
  p.acknowledge_working_days = 0;
  p.respond_months = 13;
  auto s = ValidateComplaintPolicy(p);
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.error().fields.size(), 2u);
  EXPECT_EQ(s.error().fields[0].field, "acknowledge_working_days");
  EXPECT_EQ(s.error().fields[1].field, "respond_months");
}

TEST(ComplaintCodes, RoundTripAndDecisions) {
  for (auto s : kAllComplaintSubjects) EXPECT_EQ(ParseComplaintSubject(ComplaintSubjectCode(s)), s);
  EXPECT_TRUE(IsDecision(ComplaintSubject::kCharge));
  EXPECT_FALSE(IsDecision(ComplaintSubject::kService));
  EXPECT_EQ(ParseComplaintKind("look_again"), ComplaintKind::kLookAgain);
  EXPECT_EQ(ParseComplaintOutcome("partly_upheld"), ComplaintOutcome::kPartlyUpheld);
}

}  // namespace
}  // namespace selfdirect::domain
