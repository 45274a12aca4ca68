#include "domain/assessment/questionnaire.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

// A small questionnaire: one outcome with its follow-up questions, and the two conditions.
Questionnaire Small() {
  Questionnaire q;
  q.id = "small";
  q.version = "1";
  q.effective_from = *Date::Parse("2026-04-01");
  q.kind = AssessmentKind::kAdult;
  Question condition{
      .id = "condition_one", .text = "Illness?", .type = QuestionType::kBoolean, .required = true};
  Question able{.id = "nutrition.able",
                .text = "Eat without help?",
                .type = QuestionType::kBoolean,
                .required = true};
  Question reasons{
      .id = "nutrition.reasons",
      .text = "Why?",
      .type = QuestionType::kMultipleChoice,
      .required = true,
      .options = {{"without_assistance", "Need help", 3}, {"significantly_longer", "Slow", 1}},
      .enable_when = {{"nutrition.able", "false"}},
      .score_domain = "nutrition"};
  Question helps{.id = "nutrition.carer_helps",
                 .text = "Someone helps?",
                 .type = QuestionType::kBoolean,
                 .required = true,
                 .enable_when = {{"nutrition.able", "false"}}};
  Question dressing{
      .id = "dressing.able", .text = "Dress?", .type = QuestionType::kBoolean, .required = true};
  Question dressing_reasons{.id = "dressing.reasons",
                            .text = "Why?",
                            .type = QuestionType::kMultipleChoice,
                            .required = true,
                            .options = {{"pain_distress_anxiety", "Pain", 2}},
                            .enable_when = {{"dressing.able", "false"}},
                            .score_domain = "dressing"};
  Question impact{.id = "wellbeing_impact",
                  .text = "Big effect?",
                  .type = QuestionType::kBoolean,
                  .required = true};
  Question words{
      .id = "what_matters", .text = "What matters?", .type = QuestionType::kText, .max_length = 20};
  q.sections = {{"about", "About", {condition, words}},
                {"outcomes", "Outcomes", {able, reasons, helps, dressing, dressing_reasons}},
                {"impact", "Impact", {impact}}};
  return q;
}

TEST(Questionnaire, ADefinitionIsChecked) {
  EXPECT_TRUE(CheckQuestionnaire(Small()).ok());
  Questionnaire bad = Small();
  bad.sections[1].questions[1].enable_when = {{"later.question", "true"}};
  bad.sections[1].questions[0].id = "condition_one";  // Duplicate.
  auto s = CheckQuestionnaire(bad);
  ASSERT_FALSE(s.ok());
  EXPECT_GE(s.error().fields.size(), 2u);
}

TEST(Questionnaire, FollowUpQuestionsShowOnlyWhenTheirConditionHolds) {
  Questionnaire q = Small();
  const Question& reasons = *q.Find("nutrition.reasons");
  EXPECT_FALSE(IsVisible(q, reasons, {}));
  EXPECT_FALSE(IsVisible(q, reasons, {{"nutrition.able", {"true"}}}));
  EXPECT_TRUE(IsVisible(q, reasons, {{"nutrition.able", {"false"}}}));
}

TEST(Questionnaire, ValidationNamesEveryBadAnswer) {
  Questionnaire q = Small();
  Answers answers{{"nutrition.able", {"maybe"}},
                  {"nutrition.reasons", {"flying"}},
                  {"no.such.question", {"true"}},
                  {"condition_one", {"true", "false"}},
                  {"what_matters", {std::string(21, 'x')}}};
  auto errors = ValidateAnswers(q, answers, Completeness::kPartial);
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"condition_one", "no.such.question", "nutrition.able",
                                              "nutrition.reasons", "what_matters"}));
}

TEST(Questionnaire, SubmissionNeedsEveryVisibleRequiredAnswer) {
  Questionnaire q = Small();
  Answers partial{{"condition_one", {"true"}}, {"nutrition.able", {"false"}}};
  EXPECT_TRUE(ValidateAnswers(q, partial, Completeness::kPartial).empty());
  auto errors = ValidateAnswers(q, partial, Completeness::kSubmission);
  std::vector<std::string> missing;
  for (const auto& e : errors) missing.push_back(e.field);
  // dressing.reasons is hidden (dressing.able unanswered), so it is not asked for.
  EXPECT_EQ(missing, (std::vector<std::string>{"nutrition.reasons", "nutrition.carer_helps",
                                               "dressing.able", "wellbeing_impact"}));
}

TEST(Questionnaire, ScoresCountVisibleAnswersOnly) {
  Questionnaire q = Small();
  Answers answers{{"nutrition.able", {"false"}},
                  {"nutrition.reasons", {"without_assistance", "significantly_longer"}},
                  {"dressing.able", {"true"}},
                  {"dressing.reasons", {"pain_distress_anxiety"}}};  // Hidden: dressing is fine.
  auto scores = ScoresByDomain(q, answers);
  EXPECT_EQ(scores["nutrition"], 4);
  EXPECT_EQ(scores.count("dressing"), 0u);
}

TEST(Questionnaire, AnswersGiveTheEligibilityInput) {
  Questionnaire q = Small();
  Answers answers{{"condition_one", {"true"}},
                  {"nutrition.able", {"false"}},
                  {"nutrition.reasons", {"without_assistance"}},
                  {"nutrition.carer_helps", {"true"}},
                  {"dressing.able", {"false"}},
                  {"dressing.reasons", {"pain_distress_anxiety"}},
                  {"wellbeing_impact", {"true"}}};
  auto in = EligibilityFromAnswers(q, answers);
  ASSERT_TRUE(in.ok()) << in.error().message;
  EXPECT_TRUE(in->outcomes[Index(AdultOutcome::kNutrition)].unable);
  EXPECT_TRUE(in->outcomes[Index(AdultOutcome::kNutrition)].met_by_carer);
  EXPECT_TRUE(
      in->outcomes[Index(AdultOutcome::kDressing)].HasReason(UnableReason::kPainDistressAnxiety));
  EXPECT_TRUE(DetermineEligibility(*in).eligible);
  answers.erase("wellbeing_impact");
  auto incomplete = EligibilityFromAnswers(q, answers);
  ASSERT_FALSE(incomplete.ok());
  EXPECT_EQ(incomplete.error().fields.at(0).field, "wellbeing_impact");
}

TEST(Questionnaire, QuestionNumbersNeverJumpAsFollowUpsAppear) {
  Questionnaire q = Small();
  // Six questions are asked whatever the answers; follow-ups share their question's number.
  EXPECT_EQ(PlaceOf(q, "condition_one").number, 1u);
  EXPECT_EQ(PlaceOf(q, "condition_one").of, 5u);
  EXPECT_EQ(PlaceOf(q, "nutrition.able").number, 3u);
  QuestionPlace follow = PlaceOf(q, "nutrition.carer_helps");
  EXPECT_EQ(follow.number, 3u);
  EXPECT_EQ(follow.of, 5u);
  EXPECT_TRUE(follow.follow_up);
  EXPECT_EQ(PlaceOf(q, "dressing.reasons").number, 4u);
  EXPECT_EQ(PlaceOf(q, "wellbeing_impact").number, 5u);
  EXPECT_EQ(PlaceOf(q, "no.such.question").number, 0u);
}

// nutrition.able as a choice that offers "this does not apply to me".
Questionnaire WithDoesNotApply() {
  Questionnaire q = Small();
  Question& able = q.sections[1].questions[0];
  able.type = QuestionType::kChoice;
  able.options = {{"true", "Yes", 0}, {"false", "No", 0}, {std::string(kDoesNotApply), "N/A", 0}};
  return q;
}

TEST(Questionnaire, DoesNotApplyIsAnAnswerButNotANeed) {
  Questionnaire q = WithDoesNotApply();
  ASSERT_TRUE(CheckQuestionnaire(q).ok());
  Answers answers{{"condition_one", {"true"}},
                  {"nutrition.able", {std::string(kDoesNotApply)}},
                  {"dressing.able", {"false"}},
                  {"dressing.reasons", {"pain_distress_anxiety"}},
                  {"wellbeing_impact", {"true"}}};
  EXPECT_TRUE(ValidateAnswers(q, answers, Completeness::kSubmission).empty());
  EXPECT_FALSE(IsVisible(q, *q.Find("nutrition.reasons"), answers));
  auto in = EligibilityFromAnswers(q, answers);
  ASSERT_TRUE(in.ok()) << in.error().message;
  EXPECT_FALSE(in->outcomes[Index(AdultOutcome::kNutrition)].unable);
  EXPECT_TRUE(in->outcomes[Index(AdultOutcome::kNutrition)].not_applicable);
  EXPECT_FALSE(DetermineEligibility(*in).eligible);  // One outcome only: not a need counted.
}

}  // namespace
}  // namespace selfdirect::domain
