// The council's settings through their use cases on a real store: what Selfdirect comes with
// until the council sets its own; a version from today is in force and one from a later day
// waits; the figures in force on a day are the latest from on or before it; bad figures, a day
// in the past, a second version on one day and anyone but an administrator are refused with
// nothing kept (refusals audited).
#include <gtest/gtest.h>

#include "app/settings/council_settings.h"
#include "app/test_store.h"

namespace selfdirect::app {
namespace {

using domain::Role;

class SettingsServiceTest : public ::testing::Test {
 protected:
  SettingInput Monitoring(const char* from, const char* surplus, const char* note) {
    return {"monitoring",
            from,
            {{"surplus_weeks", surplus}, {"contingency_weeks", "1"}, {"statement_days", "90"}},
            note};
  }
  domain::MonitoringPolicy MonitoringOn(const char* day) {
    domain::MonitoringPolicy p;
    EXPECT_TRUE(db_.store()
                    .Read(db_.council(),
                          [&](Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(p, MonitoringPolicyOn(tx, *Date::Parse(day)));
                            return OkStatus();
                          })
                    .ok());
    return p;
  }

  domain::PlanCostPolicy PlanningOn(const char* day) {
    domain::PlanCostPolicy p;
    EXPECT_TRUE(db_.store()
                    .Read(db_.council(),
                          [&](Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(p, PlanPolicyOn(tx, *Date::Parse(day)));
                            return OkStatus();
                          })
                    .ok());
    return p;
  }
  static SettingInput Planning(const char* from, const char* insurance, const char* payroll,
                               const char* tolerance) {
    return {"planning",
            from,
            {{"employer_insurance_annual", insurance},
             {"payroll_service_annual", payroll},
             {"tolerance_percent", tolerance}},
            "The council's new insurance contract"};
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-12-05T10:00:00Z")};
  AuditTrail audit_{db_.store()};
  SettingsService settings_{db_.store(), clock_, audit_};
  CallContext ctx_{db_.council(), "127.0.0.1"};
  Principal admin_ = testing::PrincipalAs(Role::kAdministrator);
};

TEST_F(SettingsServiceTest, TheCouncilsFiguresApplyFromTheirDay) {
  EXPECT_EQ(MonitoringOn("2026-12-05").surplus_weeks, 8);  // As Selfdirect comes.
  auto now = settings_.Set(ctx_, admin_, Monitoring("2026-12-05", "6", "Six weeks"));
  ASSERT_TRUE(now.ok()) << now.error().message;
  EXPECT_TRUE(now->in_force);
  auto later = settings_.Set(ctx_, admin_, Monitoring("2027-04-01", "4", "Four weeks from April"));
  ASSERT_TRUE(later.ok());
  EXPECT_TRUE(later->scheduled);
  EXPECT_EQ(MonitoringOn("2026-12-04").surplus_weeks, 8);
  EXPECT_EQ(MonitoringOn("2026-12-05").surplus_weeks, 6);
  EXPECT_EQ(MonitoringOn("2027-03-31").contingency_weeks, 1);
  EXPECT_EQ(MonitoringOn("2027-04-01").surplus_weeks, 4);
  auto overview = settings_.Overview(ctx_, admin_);
  ASSERT_TRUE(overview.ok());
  const auto& monitoring = overview->kinds.at(0);
  ASSERT_EQ(monitoring.versions.size(), 3u);
  EXPECT_FALSE(monitoring.versions[0].from.has_value());
  EXPECT_TRUE(monitoring.versions[1].in_force);
  EXPECT_EQ(monitoring.versions[1].note, "Six weeks");
  EXPECT_EQ(monitoring.versions[1].values.at(0),
            (std::pair<std::string, int64_t>{"surplus_weeks", 6}));
  EXPECT_TRUE(monitoring.versions[2].scheduled);
}

TEST_F(SettingsServiceTest, BadInputIsRefusedByFieldAndNothingIsKept) {
  auto bad = settings_.Set(ctx_, admin_, Monitoring("2026-12-04", "two", ""));
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"effective_from", "surplus_weeks", "note"}));
  auto limits = settings_.Set(ctx_, admin_, Monitoring("2026-12-05", "60", "Too long"));
  ASSERT_FALSE(limits.ok());
  EXPECT_EQ(limits.error().fields.at(0).field, "surplus_weeks");
  ASSERT_TRUE(settings_.Set(ctx_, admin_, Monitoring("2026-12-05", "6", "Six weeks")).ok());
  EXPECT_EQ(settings_.Set(ctx_, admin_, Monitoring("2026-12-05", "5", "Five")).error().code,
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(settings_.Set(ctx_, admin_, {"colours", "2026-12-05", {}, "x"}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(MonitoringOn("2026-12-05").surplus_weeks, 6);
}

TEST_F(SettingsServiceTest, ThePlanningPolicyIsPricesAndAPercentageFromTheirDay) {
  // As Selfdirect comes: data/planning/council-policy.json.
  EXPECT_EQ(PlanningOn("2026-12-05").employer_insurance_annual.ToString(), "61.00");
  EXPECT_EQ(PlanningOn("2026-12-05").tolerance_basis_points, 1000);
  auto set = settings_.Set(ctx_, admin_, Planning("2027-01-01", "£75", "200.50", "12.5%"));
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(PlanningOn("2026-12-31").payroll_service_annual.ToString(), "180.00");
  const auto from_january = PlanningOn("2027-01-01");
  EXPECT_EQ(from_january.employer_insurance_annual.ToString(), "75.00");
  EXPECT_EQ(from_january.payroll_service_annual.ToString(), "200.50");
  EXPECT_EQ(from_january.tolerance_basis_points, 1250);
  auto overview = settings_.Overview(ctx_, admin_);
  ASSERT_TRUE(overview.ok());
  const auto& planning = overview->kinds.at(2);
  EXPECT_EQ(planning.kind, SettingKind::kPlanning);
  ASSERT_EQ(planning.versions.size(), 2u);
  EXPECT_TRUE(planning.versions[0].in_force);  // The new figures wait for January.
  const auto& fields = FieldsOf(SettingKind::kPlanning);
  EXPECT_EQ(FigureDisplay(fields[0], planning.versions[1].values[0].second), "£75.00 a year");
  EXPECT_EQ(FigureText(fields[2], planning.versions[1].values[2].second), "12.5");
  EXPECT_EQ(FigureDisplay(fields[2], 1000), "10%");
  EXPECT_EQ(FigureText(fields[2], 725), "7.25");
}

TEST_F(SettingsServiceTest, BadPlanningFiguresAreRefusedByField) {
  auto today = settings_.Set(ctx_, admin_, Planning("2026-12-05", "61", "180", "10"));
  ASSERT_FALSE(today.ok());  // Plans agreed today keep today's prices.
  EXPECT_EQ(today.error().fields.at(0).field, "effective_from");
  auto bad = settings_.Set(ctx_, admin_, Planning("2026-12-06", "61.5.0", "-1", "101"));
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"employer_insurance_annual"}));
  bad = settings_.Set(ctx_, admin_, Planning("2026-12-06", "61", "-1", "101"));
  ASSERT_FALSE(bad.ok());
  fields.clear();
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"payroll_service_annual", "tolerance_percent"}));
  EXPECT_EQ(PlanningOn("2026-12-06").employer_insurance_annual.ToString(), "61.00");
}

TEST_F(SettingsServiceTest, OnlyAnAdministratorSeesOrSetsThemAndRefusalsAreAudited) {
  auto finance = testing::PrincipalAs(Role::kFinanceOfficer);
  EXPECT_EQ(settings_.Overview(ctx_, finance).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(settings_.Set(ctx_, finance, Monitoring("2026-12-05", "6", "x")).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(MonitoringOn("2026-12-05").surplus_weeks, 8);
  auto actions = testing::AuditActions(db_.store(), audit_, db_.council(), "setting");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "settings.store_refused"), actions.end());
  ASSERT_TRUE(settings_.Set(ctx_, admin_, Monitoring("2026-12-05", "6", "Six weeks")).ok());
  actions = testing::AuditActions(db_.store(), audit_, db_.council(), "setting");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "settings.store"), actions.end());
}

}  // namespace
}  // namespace selfdirect::app
