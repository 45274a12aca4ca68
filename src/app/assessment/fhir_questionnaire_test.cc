#include "app/assessment/fhir_questionnaire.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace selfdirect::app {
namespace {

namespace json = boost::json;

TEST(DefaultQuestionnaires, CoverEveryOutcomeOfRegulationsTwoAndThree) {
  const auto* adult = FindDefaultQuestionnaire("adult-needs");
  const auto* carer = FindDefaultQuestionnaire("carer");
  ASSERT_NE(adult, nullptr);
  ASSERT_NE(carer, nullptr);
  EXPECT_EQ(adult->kind, domain::AssessmentKind::kAdult);
  EXPECT_EQ(carer->kind, domain::AssessmentKind::kCarer);
  for (const auto* q : {adult, carer}) {
    EXPECT_TRUE(domain::CheckQuestionnaire(*q).ok());
    for (size_t i = 0; i < domain::OutcomeCount(q->kind); ++i) {
      std::string code(domain::OutcomeCode(q->kind, i));
      for (const char* suffix : {".able", ".reasons", ".carer_helps"}) {
        EXPECT_NE(q->Find(code + suffix), nullptr) << q->id << " lacks " << code << suffix;
      }
    }
    EXPECT_NE(q->Find("condition_one"), nullptr);
    EXPECT_NE(q->Find("wellbeing_impact"), nullptr);
  }
  EXPECT_NE(carer->Find("carer_health_at_risk"), nullptr);
  EXPECT_FALSE(adult->Find("nutrition.able")->help.empty());
}

TEST(DefaultQuestionnaires, AskEverythingEligibilityNeeds) {
  for (const auto& q : DefaultQuestionnaires()) {
    Status s = domain::CheckEligibilityQuestions(q);
    EXPECT_TRUE(s.ok()) << q.id << ": " << (s.ok() ? "" : s.error().message);
  }
}

TEST(FhirQuestionnaire, ExportThenImportGivesTheSameDefinition) {
  for (const auto& q : DefaultQuestionnaires()) {
    json::value fhir = QuestionnaireToFhir(q);
    auto back = QuestionnaireFromFhir(json::parse(json::serialize(fhir)));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(json::serialize(QuestionnaireToFhir(*back)), json::serialize(fhir));
    EXPECT_EQ(back->effective_from, q.effective_from);
    EXPECT_EQ(back->kind, q.kind);
  }
}

TEST(FhirQuestionnaire, RefusesWhatItCannotRepresent) {
  EXPECT_FALSE(QuestionnaireFromFhir(json::parse(R"({"resourceType":"Patient"})")).ok());
  auto no_date = QuestionnaireFromFhir(
      json::parse(R"({"resourceType":"Questionnaire","id":"x","version":"1","item":[]})"));
  ASSERT_FALSE(no_date.ok());
  EXPECT_EQ(no_date.error().fields.at(0).field, "effectivePeriod.start");
  auto attachment = QuestionnaireFromFhir(json::parse(
      R"({"resourceType":"Questionnaire","id":"x","version":"1","effectivePeriod":{"start":"2026-04-01"},)"
      R"("item":[{"linkId":"s","type":"group","item":[{"linkId":"a","type":"attachment"}]}]})"));
  ASSERT_FALSE(attachment.ok());
  EXPECT_EQ(attachment.error().fields.at(0).field, "a");
}

TEST(FhirQuestionnaireResponse, RoundTripsAnswersAndDecidesEligibility) {
  const auto& q = *FindDefaultQuestionnaire("adult-needs");
  domain::Answers answers{{"condition_one", {"true"}},
                          {"what_matters", {"Seeing my grandchildren"}},
                          {"wellbeing_impact", {"true"}}};
  for (size_t i = 0; i < domain::kAdultOutcomeCount; ++i) {
    std::string code(domain::OutcomeCode(domain::AssessmentKind::kAdult, i));
    answers[code + ".able"] = {i < 3 ? "false" : "true"};
    if (i < 3) {
      answers[code + ".reasons"] = {"without_assistance"};
      answers[code + ".carer_helps"] = {"false"};
    }
  }
  json::value response = QuestionnaireResponseToFhir(q, answers, ResponseStatus::kCompleted);
  EXPECT_EQ(response.at("status"), "completed");
  auto back = AnswersFromFhir(q, json::parse(json::serialize(response)));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, answers);
  auto in = domain::EligibilityFromAnswers(q, *back);
  ASSERT_TRUE(in.ok()) << in.error().message;
  auto d = domain::DetermineEligibility(*in);
  EXPECT_TRUE(d.eligible);
  EXPECT_EQ(d.unmet_outcomes.size(), 3u);
  auto scores = domain::ScoresByDomain(q, *back);
  EXPECT_EQ(scores["nutrition"], 3);
}

}  // namespace
}  // namespace selfdirect::app
