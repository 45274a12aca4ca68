#include "app/ras/ras_service.h"

#include <gtest/gtest.h>

#include "app/assessment_service.h"
#include "app/test_store.h"

namespace selfdirect::app {
namespace {

using domain::Role;

class RasServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto added = testing::AddTwoTeamsAndAPerson(db_.store(), db_.council(), clock_.Now());
    north_ = added.north;
    south_ = added.south;
    person_ = added.person;
    ctx_ = CallContext{db_.council(), "127.0.0.1"};
  }

  Principal As(Role role, TeamId team = TeamId{}, PersonId own = PersonId{}) {
    return testing::PrincipalAs(role, team, own);
  }

  // An eligible adult: eating (without assistance, 3 points) and dressing (pain, 2 points), nobody
  // helping. The default table: 5 points x £15.00 = £75.00, plus 3% = £77.25 a week.
  AssessmentId CompletedAssessment() {
    domain::Answers a{{"condition_one", {"true"}}, {"wellbeing_impact", {"true"}}};
    for (size_t i = 0; i < domain::kAdultOutcomeCount; ++i) {
      std::string code(domain::OutcomeCode(domain::AssessmentKind::kAdult, i));
      bool unable = code == "nutrition" || code == "dressing";
      a[code + ".able"] = {unable ? "false" : "true"};
      if (unable) {
        a[code + ".reasons"] = {code == "nutrition" ? "without_assistance"
                                                    : "pain_distress_anxiety"};
        a[code + ".carer_helps"] = {"false"};
      }
    }
    auto worker = As(Role::kPractitioner, north_);
    auto started = assessments_.Start(ctx_, worker, person_, domain::AssessmentKind::kAdult);
    SD_ASSERT(started.ok());
    SD_ASSERT(assessments_.SaveAnswers(ctx_, worker, started->id, a).ok());
    SD_ASSERT(
        assessments_.Complete(ctx_, worker, started->id, testing::ConfirmedDecision("Grace", ""))
            .ok());
    return started->id;
  }

  std::vector<std::string> AuditActions(const std::string& type, const std::string& id) {
    return testing::AuditActions(db_.store(), audit_, db_.council(), type, id);
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-11-22T09:00:00Z")};
  AuditTrail audit_{db_.store()};
  AssessmentService assessments_{db_.store(), clock_, audit_};
  RasService ras_{db_.store(), clock_, audit_};
  CallContext ctx_;
  TeamId north_, south_;
  PersonId person_;
};

TEST_F(RasServiceTest, AnEligibleDecisionGivesAnExplainedBudgetThePersonCanSee) {
  AssessmentId id = CompletedAssessment();
  auto mine = ras_.Budget(ctx_, As(Role::kBudgetHolder, TeamId{}, person_), id);
  ASSERT_TRUE(mine.ok()) << mine.error().message;
  EXPECT_EQ(mine->budget.points, 5);
  EXPECT_EQ(mine->budget.weekly.ToString(), "77.25");
  EXPECT_EQ(mine->budget.table_id, "adult-ras");
  EXPECT_EQ(mine->budget.table_version, 1);
  EXPECT_FALSE(mine->can_override);
  EXPECT_EQ(mine->allocation.steps.back().text, "Over a year (52 weeks, £77.25 x 52): £4,017.00");
  // Another team's practitioner and an analyst see nothing.
  auto other = ras_.Budget(ctx_, As(Role::kPractitioner, south_), id);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(ras_.Budget(ctx_, As(Role::kAnalyst), id).ok());
  // Both refusals are audited, as the allowed reads are.
  auto actions = AuditActions("assessment", id.ToString());
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "indicative_budget.view_refused"), 2);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "indicative_budget.view"), 1);
  // The first budget stored the default table as the council's version.
  auto tables = ras_.Tables(ctx_, As(Role::kAnalyst));
  ASSERT_TRUE(tables.ok());
  EXPECT_EQ(tables->size(), 2u);  // adult-ras stored, carer-ras still the shipped default.
}

TEST_F(RasServiceTest, AnOverrideNeedsAReasonIsAuditedAndCanBeUndone) {
  AssessmentId id = CompletedAssessment();
  auto worker = As(Role::kPractitioner, north_);
  auto no_reason =
      ras_.Override(ctx_, worker, id, "120.00", "  ", RasService::OverrideAction::kSet);
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().fields.at(0).field, "reason");
  auto bad_amount =
      ras_.Override(ctx_, worker, id, "12O", "Lives alone", RasService::OverrideAction::kSet);
  ASSERT_FALSE(bad_amount.ok());
  EXPECT_EQ(bad_amount.error().fields.at(0).field, "amount");
  auto not_theirs = ras_.Override(ctx_, As(Role::kFinanceOfficer), id, "120.00", "x",
                                  RasService::OverrideAction::kSet);
  ASSERT_FALSE(not_theirs.ok());
  EXPECT_EQ(not_theirs.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(ras_.Budget(ctx_, worker, id)->budget.override_weekly, std::nullopt);

  auto set = ras_.Override(ctx_, worker, id, "120.00", "Lives alone in a rural village",
                           RasService::OverrideAction::kSet);
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->EffectiveWeekly().ToString(), "120.00");
  EXPECT_EQ(set->weekly.ToString(), "77.25");  // The calculation is kept beside it.
  auto check = ras_.CheckPlanCost(ctx_, worker, id, Pence::FromPence(13300));
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->needs_approval);  // £13 more than £120.00 is beyond 10% (£12.00).
  auto cleared = ras_.Override(ctx_, worker, id, "", "Agreed at panel: table is enough",
                               RasService::OverrideAction::kClear);
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(cleared->override_weekly, std::nullopt);
  auto actions = AuditActions("assessment", id.ToString());
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "indicative_budget.override"), 2);
}

TEST_F(RasServiceTest, ADraftChangesNobodysBudgetUntilAnApproverPublishesIt) {
  AssessmentId id = CompletedAssessment();
  auto analyst = As(Role::kAnalyst);
  DraftChanges c{"2026-11-01", "18.00", "40.00", "1400.00", "3", "10", "Provider fees rose"};
  auto bad = ras_.DraftFrom(ctx_, analyst, "adult-ras", 1,
                            DraftChanges{"soon", "-1", "40.00", "30.00", "3", "200", ""});
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"effective_from", "price_per_point", "ceiling",
                                              "tolerance_percent", "note"}));
  auto draft = ras_.DraftFrom(ctx_, analyst, "adult-ras", 1, c);
  ASSERT_TRUE(draft.ok()) << draft.error().message;
  EXPECT_EQ(draft->version, 2);
  EXPECT_EQ(draft->status, TableStatus::kDraft);

  auto sim = ras_.Simulate(ctx_, analyst, "adult-ras", 2);
  ASSERT_TRUE(sim.ok());
  EXPECT_EQ(sim->people, 1);
  // 5 points x £18.00 = £90.00, plus 3% = £92.70: £15.45 a week more, beyond 10%.
  EXPECT_EQ(sim->gain_beyond_tolerance, 1);
  EXPECT_EQ(sim->largest_gain.ToString(), "15.45");
  EXPECT_EQ((sim->proposed_annual - sim->current_annual).ToString(), "803.40");  // x 52.
  ASSERT_TRUE(audit_.Flush().ok());  // So the log holds the simulation before the publication.
  EXPECT_EQ(ras_.Budget(ctx_, As(Role::kPractitioner, north_), id)->budget.weekly.ToString(),
            "77.25");

  auto by_analyst = ras_.Publish(ctx_, analyst, "adult-ras", 2);
  ASSERT_FALSE(by_analyst.ok());
  EXPECT_EQ(by_analyst.error().code, ErrorCode::kPermissionDenied);
  auto published = ras_.Publish(ctx_, As(Role::kApprover, north_), "adult-ras", 2);
  ASSERT_TRUE(published.ok()) << published.error().message;
  EXPECT_EQ(*published, 1);
  auto after = ras_.Budget(ctx_, As(Role::kPractitioner, north_), id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->budget.weekly.ToString(), "92.70");
  EXPECT_EQ(after->budget.table_version, 2);
  auto again = ras_.Publish(ctx_, As(Role::kApprover, north_), "adult-ras", 2);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  auto actions = AuditActions("allocation_table", "adult-ras|2");
  EXPECT_EQ(actions,
            (std::vector<std::string>{"allocation_table.publish", "allocation_table.simulate",
                                      "allocation_table.draft"}));
}

TEST_F(RasServiceTest, ABadSampleIsRefusedWithTheRowAndColumnAndNothingIsStored) {
  auto analyst = As(Role::kAnalyst);
  auto bad = ras_.AddSample(ctx_, analyst, "Spring", "weekly_cost,points\n100,2\n110,three\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "csv");
  EXPECT_EQ(bad.error().fields.at(0).message,
            "Row 2 (line 3), column \"points\": \"three\" is not a number");
  EXPECT_TRUE(ras_.Samples(ctx_, analyst)->empty());
  auto good =
      ras_.AddSample(ctx_, analyst, "Spring", "weekly_cost,points\n100,2\n110,3\n131,4\n140,5\n");
  ASSERT_TRUE(good.ok());
  auto fit = ras_.Calibrate(ctx_, analyst, *good);
  ASSERT_TRUE(fit.ok());
  EXPECT_EQ(fit->x_column, "points");
  EXPECT_EQ(fit->points.size(), 4u);
  EXPECT_EQ(fit->price_per_point->ToString(), "14.10");
  EXPECT_FALSE(ras_.AddSample(ctx_, As(Role::kApprover), "x", "weekly_cost,points\n1,1\n").ok());
}

}  // namespace
}  // namespace selfdirect::app
