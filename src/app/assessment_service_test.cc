#include "app/assessment_service.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/assessment/questionnaire_catalog.h"
#include "app/test_store.h"

namespace selfdirect::app {
namespace {

using domain::Role;

class AssessmentServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto added = testing::AddTwoTeamsAndAPerson(db_.store(), db_.council(), clock_.Now());
    north_ = added.north;
    south_ = added.south;
    person_ = added.person;
    ctx_ = CallContext{db_.council(), "127.0.0.1"};
  }

  Principal As(Role role, TeamId team = TeamId{}, PersonId own = PersonId{},
               std::vector<PersonId> reps = {}) {
    return testing::PrincipalAs(role, team, own, std::move(reps));
  }

  // Answers that make an adult eligible: two outcomes unmet, all required questions answered.
  domain::Answers Complete() {
    domain::Answers a{{"condition_one", {"true"}}, {"wellbeing_impact", {"true"}}};
    for (size_t i = 0; i < domain::kAdultOutcomeCount; ++i) {
      std::string code(domain::OutcomeCode(domain::AssessmentKind::kAdult, i));
      a[code + ".able"] = {i < 2 ? "false" : "true"};
      if (i < 2) {
        a[code + ".reasons"] = {"without_assistance"};
        a[code + ".carer_helps"] = {"false"};
      }
    }
    return a;
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-11-22T09:00:00Z")};
  AuditTrail audit_{db_.store()};
  AssessmentService assessments_{db_.store(), clock_, audit_};
  CallContext ctx_;
  TeamId north_, south_;
  PersonId person_;
};

TEST_F(AssessmentServiceTest, APersonSelfAssessesSubmitsAndThenAPractitionerDecides) {
  auto me = As(Role::kBudgetHolder, TeamId{}, person_);
  auto a = assessments_.Start(ctx_, me, person_, domain::AssessmentKind::kAdult);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->origin, AssessmentOrigin::kSelf);
  EXPECT_EQ(a->questionnaire_id, "adult-needs");

  auto incomplete = assessments_.Submit(ctx_, me, a->id);
  ASSERT_FALSE(incomplete.ok());
  EXPECT_EQ(incomplete.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(incomplete.error().fields.empty());

  ASSERT_TRUE(assessments_.SaveAnswers(ctx_, me, a->id, Complete()).ok());
  auto sent = assessments_.Submit(ctx_, me, a->id);
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(sent->status, AssessmentStatus::kSubmitted);
  EXPECT_EQ(sent->eligible, true);

  // Once sent, the person can no longer change it; a practitioner in the team can.
  auto locked = assessments_.SaveAnswers(ctx_, me, a->id, {{"wellbeing_impact", {"false"}}});
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, ErrorCode::kFailedPrecondition);
  auto worker = As(Role::kPractitioner, north_);
  ASSERT_TRUE(
      assessments_.SaveAnswers(ctx_, worker, a->id, {{"wellbeing_impact", {"false"}}}).ok());
  auto missing =
      assessments_.Complete(ctx_, worker, a->id, testing::ConfirmedDecision(" ", "notes"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().fields.at(0).field, "participants");
  auto done = assessments_.Complete(
      ctx_, worker, a->id,
      testing::ConfirmedDecision("Grace and her son", "Grace manages well now."));
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->status, AssessmentStatus::kCompleted);
  EXPECT_EQ(done->eligible, false);  // The practitioner found no significant impact.
  EXPECT_FALSE(
      assessments_.SaveAnswers(ctx_, worker, a->id, {{"wellbeing_impact", {"true"}}}).ok());
  EXPECT_FALSE(
      assessments_.Complete(ctx_, worker, a->id, testing::ConfirmedDecision("x", "y")).ok());
}

TEST_F(AssessmentServiceTest, ThePractitionerChangesTheEnginesResultWithReasons) {
  auto worker = As(Role::kPractitioner, north_);
  auto a = *assessments_.Start(ctx_, worker, person_, domain::AssessmentKind::kAdult);
  domain::Answers answers = Complete();
  answers["wellbeing_impact"] = {"false"};  // The answers give: not eligible.
  ASSERT_TRUE(assessments_.SaveAnswers(ctx_, worker, a.id, answers).ok());
  auto decision = testing::ConfirmedDecision("The person and an advocate");
  decision.agree = "change";
  EXPECT_EQ(assessments_.Complete(ctx_, worker, a.id, decision).error().fields.at(0).field,
            "reasons");
  EXPECT_EQ(assessments_.Get(ctx_, worker, a.id)->record.status, AssessmentStatus::kDraft);
  decision.reasons = "Her needs at night have a significant impact that the answers missed.";
  decision.capacity = "assessed_lacks_capacity";
  decision.consent = "best_interests";
  decision.advocacy = "independent_advocate";
  decision.advocate = "The council's advocacy service";
  auto done = assessments_.Complete(ctx_, worker, a.id, decision);
  ASSERT_TRUE(done.ok()) << done.error().message;
  auto stored = assessments_.Get(ctx_, worker, a.id)->record;
  EXPECT_EQ(stored.eligible, true);  // The council decides.
  EXPECT_TRUE(stored.decision_changed);
  EXPECT_EQ(stored.decision_reasons, decision.reasons);
  EXPECT_EQ(stored.consent, domain::AssessmentConsent::kBestInterests);
  EXPECT_EQ(stored.capacity, domain::MentalCapacity::kAssessedLacksCapacity);
  EXPECT_EQ(stored.advocacy, domain::Advocacy::kIndependentAdvocate);
  EXPECT_EQ(stored.advocate, "The council's advocacy service");
}

TEST_F(AssessmentServiceTest, BadAnswersAreFieldErrorsAndChangeNothing) {
  auto worker = As(Role::kPractitioner, north_);
  auto a = *assessments_.Start(ctx_, worker, person_, domain::AssessmentKind::kAdult);
  EXPECT_EQ(a.origin, AssessmentOrigin::kPractitioner);
  ASSERT_TRUE(assessments_.SaveAnswers(ctx_, worker, a.id, {{"condition_one", {"true"}}}).ok());
  auto bad = assessments_.SaveAnswers(ctx_, worker, a.id,
                                      {{"condition_one", {"false"}},
                                       {"no.such.question", {"true"}},
                                       {"nutrition.reasons", {"flying"}}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.size(), 2u);
  auto view = *assessments_.Get(ctx_, worker, a.id);
  EXPECT_EQ(view.record.answers.at("condition_one"), std::vector<std::string>{"true"});
}

TEST_F(AssessmentServiceTest, OnlyPeopleWithARelationshipSeeOrStartAssessments) {
  auto south_worker = As(Role::kPractitioner, south_);
  auto other_holder = As(Role::kBudgetHolder, TeamId{}, PersonId{person_.value() + 1});
  auto carer = As(Role::kRepresentative, TeamId{}, PersonId{}, {person_});
  auto analyst = As(Role::kAnalyst);
  EXPECT_EQ(
      assessments_.Start(ctx_, south_worker, person_, domain::AssessmentKind::kAdult).error().code,
      ErrorCode::kNotFound);
  EXPECT_EQ(
      assessments_.Start(ctx_, other_holder, person_, domain::AssessmentKind::kAdult).error().code,
      ErrorCode::kNotFound);
  EXPECT_EQ(assessments_.Start(ctx_, analyst, person_, domain::AssessmentKind::kAdult).error().code,
            ErrorCode::kNotFound);
  auto a = assessments_.Start(ctx_, carer, person_, domain::AssessmentKind::kAdult);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(assessments_.Get(ctx_, south_worker, a->id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(assessments_.Get(ctx_, carer, a->id).ok());
  EXPECT_EQ(assessments_.ForPerson(ctx_, south_worker, person_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(assessments_.ForPerson(ctx_, carer, person_)->size(), 1u);
}

CarersAssessmentRequest NewCarer(PersonId cared_for) {
  CarersAssessmentRequest r;
  r.cared_for = cared_for;
  r.new_carer.given_name = "Sam";
  r.new_carer.family_name = "Carer";
  r.new_carer.date_of_birth = "1970-04-01";
  r.new_carer.primary_support_reason = "social_support";
  r.relationship = "Son";
  return r;
}

TEST_F(AssessmentServiceTest, ACarersAssessmentGoesOnTheCarersOwnRecordNeverTheCaredFor) {
  auto worker = As(Role::kPractitioner, north_);
  EXPECT_EQ(assessments_.Start(ctx_, worker, person_, domain::AssessmentKind::kCarer).error().code,
            ErrorCode::kInvalidArgument);
  auto a = assessments_.StartCarers(ctx_, worker, NewCarer(person_));
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->questionnaire_id, "carer");
  EXPECT_NE(a->person_id, person_);
  EXPECT_EQ(a->cared_for, person_);
  EXPECT_EQ(a->origin, AssessmentOrigin::kPractitioner);
  EXPECT_TRUE(assessments_.ForPerson(ctx_, worker, person_)->empty());
  EXPECT_EQ(assessments_.ForPerson(ctx_, worker, a->person_id)->size(), 1u);
  std::vector<CarerLink> links;
  ASSERT_TRUE(db_.store()
                  .Read(db_.council(),
                        [&](Transaction& tx) -> Status {
                          SD_ASSIGN_OR_RETURN(links, tx.people().CarerLinks(person_));
                          SD_ASSIGN_OR_RETURN(auto carer, tx.people().Find(a->person_id));
                          EXPECT_EQ(carer->team_id, north_);
                          EXPECT_EQ(carer->details.given_name, "Sam");
                          return OkStatus();
                        })
                  .ok());
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].carer, a->person_id);
  EXPECT_EQ(links[0].relationship, "Son");
  // The same carer again: chosen from the carers already linked, no second record.
  CarersAssessmentRequest again;
  again.cared_for = person_;
  again.carer = a->person_id;
  auto second = assessments_.StartCarers(ctx_, worker, again);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->person_id, a->person_id);
  // Someone who is not this person's carer cannot be chosen.
  again.carer = PersonId{a->person_id.value() + 100};
  EXPECT_EQ(assessments_.StartCarers(ctx_, worker, again).error().fields.at(0).field, "carer");
}

TEST_F(AssessmentServiceTest, ACarersAssessmentNeedsTheCarersDetailsAndRelationship) {
  auto worker = As(Role::kPractitioner, north_);
  CarersAssessmentRequest bad = NewCarer(person_);
  bad.new_carer.family_name = "";
  bad.relationship = " ";
  auto r = assessments_.StartCarers(ctx_, worker, bad);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields.size(), 2u);
  EXPECT_EQ(r.error().fields[0].field, "family_name");
  EXPECT_EQ(r.error().fields[1].field, "relationship");
  EXPECT_TRUE(assessments_.ForPerson(ctx_, worker, person_)->empty());
}

TEST_F(AssessmentServiceTest, ARepresentativeStartingACarersAssessmentIsTheCarer) {
  auto carer = As(Role::kRepresentative, TeamId{}, PersonId{}, {person_});
  auto a = assessments_.StartCarers(ctx_, carer, NewCarer(person_));
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->origin, AssessmentOrigin::kSelf);
  EXPECT_NE(a->person_id, person_);
  // Signed in again, the carer's own record is theirs to see.
  auto signed_in = As(Role::kRepresentative, TeamId{}, a->person_id, {person_});
  EXPECT_TRUE(assessments_.Get(ctx_, signed_in, a->id).ok());
  EXPECT_EQ(assessments_.ForPerson(ctx_, signed_in, a->person_id)->size(), 1u);
  // A second one uses their record and the link already made.
  CarersAssessmentRequest again;
  again.cared_for = person_;
  auto second = assessments_.StartCarers(ctx_, signed_in, again);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->person_id, a->person_id);
  // The person cared for cannot start one on anybody's behalf.
  auto holder = As(Role::kBudgetHolder, TeamId{}, person_);
  EXPECT_EQ(assessments_.StartCarers(ctx_, holder, NewCarer(person_)).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_TRUE(assessments_.ForPerson(ctx_, holder, person_)->empty());
}

TEST_F(AssessmentServiceTest, TheCaseloadShowsOpenAssessmentsOfTheTeamLongestWaitingFirst) {
  auto worker = As(Role::kPractitioner, north_);
  auto first = *assessments_.Start(ctx_, worker, person_, domain::AssessmentKind::kAdult);
  clock_.AdvanceSeconds(3600);
  auto second = *assessments_.StartCarers(ctx_, worker, NewCarer(person_));
  auto caseload = assessments_.Caseload(ctx_, worker);
  ASSERT_TRUE(caseload.ok());
  ASSERT_EQ(caseload->size(), 2u);
  EXPECT_EQ((*caseload)[0].assessment.id, first.id);
  EXPECT_EQ((*caseload)[1].assessment.id, second.id);
  EXPECT_TRUE(assessments_.Caseload(ctx_, As(Role::kPractitioner, south_))->empty());
  EXPECT_EQ(assessments_.Caseload(ctx_, As(Role::kBudgetHolder)).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(AssessmentServiceTest, EveryChangeIsAudited) {
  auto worker = As(Role::kPractitioner, north_);
  auto a = *assessments_.Start(ctx_, worker, person_, domain::AssessmentKind::kAdult);
  ASSERT_TRUE(assessments_.SaveAnswers(ctx_, worker, a.id, Complete()).ok());
  ASSERT_TRUE(
      assessments_.Complete(ctx_, worker, a.id, testing::ConfirmedDecision("Grace", "")).ok());
  (void)assessments_.Get(ctx_, worker, a.id);
  // A read refused to another team's practitioner is audited too.
  EXPECT_FALSE(assessments_.Get(ctx_, As(Role::kPractitioner, south_), a.id).ok());
  ASSERT_TRUE(audit_.Flush().ok());
  std::vector<AuditEntry> entries;
  ASSERT_TRUE(db_.store()
                  .Read(db_.council(),
                        [&](Transaction& tx) -> Status {
                          SD_ASSIGN_OR_RETURN(entries,
                                              tx.audit().Recent(20, "assessment", a.id.ToString()));
                          return OkStatus();
                        })
                  .ok());
  std::vector<std::string> actions;
  for (const auto& e : entries) actions.push_back(e.action);
  // Completing an eligible assessment calculates the indicative budget in the same transaction.
  EXPECT_EQ(actions, (std::vector<std::string>{"assessment.view_refused", "assessment.view",
                                               "indicative_budget.calculate", "assessment.complete",
                                               "assessment.answer", "assessment.start"}));
  // The person is told the estimate, with the same weekly figure as the indicative budget.
  ASSERT_TRUE(db_.store()
                  .Read(db_.council(),
                        [&](Transaction& tx) -> Status {
                          SD_ASSIGN_OR_RETURN(auto messages, tx.messages().ForPerson(person_, 10));
                          SD_ASSIGN_OR_RETURN(auto budget, tx.indicative_budgets().Find(a.id));
                          EXPECT_EQ(messages.size(), 1u);
                          EXPECT_TRUE(budget.has_value());
                          if (messages.size() == 1 && budget) {
                            EXPECT_EQ(messages[0].subject, "Your estimated personal budget");
                            EXPECT_NE(messages[0].body.find(
                                          budget->EffectiveWeekly().ToDisplayString() + " a week"),
                                      std::string::npos);
                          }
                          return OkStatus();
                        })
                  .ok());
}

// A copy of the shipped adult questionnaire with another version and effective date.
boost::json::value Version(const std::string& version, const std::string& start) {
  auto fhir = QuestionnaireToFhir(*FindDefaultQuestionnaire("adult-needs"));
  fhir.as_object()["version"] = version;
  fhir.as_object()["effectivePeriod"] = boost::json::object{{"start", start}};
  return fhir;
}

TEST_F(AssessmentServiceTest, NewAssessmentsUseTheImportedVersionInForceAndOldOnesKeepTheirs) {
  auto worker = As(Role::kPractitioner, north_);
  auto before = *assessments_.Start(ctx_, worker, person_, domain::AssessmentKind::kAdult);
  EXPECT_EQ(before.questionnaire_version, "1");
  ASSERT_TRUE(db_.store()
                  .Write(db_.council(),
                         [&](Transaction& tx) -> Status {
                           SD_RETURN_IF_ERROR(
                               ImportQuestionnaire(tx, Version("11", "2026-11-01"), clock_.Now()));
                           SD_RETURN_IF_ERROR(ImportQuestionnaire(tx, Version("12", "2027-04-01"),
                                                                  clock_.Now()));  // Not yet.
                           return OkStatus();
                         })
                  .ok());
  auto after = *assessments_.Start(ctx_, worker, person_, domain::AssessmentKind::kAdult);
  EXPECT_EQ(after.questionnaire_version, "11");
  EXPECT_EQ(assessments_.Get(ctx_, worker, before.id)->questionnaire->version, "1");
  EXPECT_EQ(assessments_.Get(ctx_, worker, after.id)->questionnaire->version, "11");
  clock_.AdvanceSeconds(200 * 86400);  // Past 1 April 2027.
  EXPECT_EQ(assessments_.Start(ctx_, worker, person_, domain::AssessmentKind::kAdult)
                ->questionnaire_version,
            "12");
  // Another council is not affected: it has the shipped version in force then (version 2, from
  // 4 December 2026).
  ASSERT_TRUE(db_.store()
                  .Read(db_.other_council(),
                        [&](Transaction& tx) -> Status {
                          SD_ASSIGN_OR_RETURN(
                              const domain::Questionnaire* q,
                              QuestionnaireInForce(tx, "adult-needs", clock_.Now().LondonDate()));
                          EXPECT_EQ(q->version, "2");
                          return OkStatus();
                        })
                  .ok());
}

TEST_F(AssessmentServiceTest, ImportRefusesWhatCannotBeUsedAndChangesNothing) {
  auto refused = [&](boost::json::value fhir) {
    Status s = db_.store().Write(db_.council(), [&](Transaction& tx) -> Status {
      SD_RETURN_IF_ERROR(ImportQuestionnaire(tx, fhir, clock_.Now()));
      return OkStatus();
    });
    return s.ok() ? ErrorCode::kInternal : s.error().code;
  };
  EXPECT_EQ(refused(Version("1", "2026-04-01")),
            ErrorCode::kAlreadyExists);  // The shipped version.
  auto renamed = Version("2", "2026-04-01");
  renamed.as_object()["id"] = "my-own";
  EXPECT_EQ(refused(renamed), ErrorCode::kInvalidArgument);
  auto trimmed = Version("2", "2026-04-01");
  auto& sections = trimmed.as_object()["item"].as_array();
  sections.erase(sections.begin() + 1);  // Drops the nutrition questions.
  EXPECT_EQ(refused(trimmed), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(db_.store()
                  .Read(db_.council(),
                        [&](Transaction& tx) -> Status {
                          SD_ASSIGN_OR_RETURN(auto list, tx.questionnaires().List());
                          EXPECT_TRUE(list.empty());
                          return OkStatus();
                        })
                  .ok());
}

}  // namespace
}  // namespace selfdirect::app
