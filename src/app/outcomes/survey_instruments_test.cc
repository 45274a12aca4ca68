#include "app/outcomes/survey_instruments.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "app/assessment/fhir_questionnaire.h"

namespace selfdirect::app {
namespace {

namespace json = boost::json;
using domain::QuestionType;

const domain::Questionnaire& Instrument(std::string_view id) {
  const domain::Questionnaire* q = FindSurveyInstrument(id);
  if (q == nullptr) throw std::runtime_error("no instrument " + std::string(id));
  return *q;
}

const SurveyItemRole& RoleOf(std::string_view id, std::string_view question) {
  const domain::Questionnaire& q = Instrument(id);
  for (const auto& r : *SurveyItemRoles(q.id, q.version)) {
    if (r.question_id == question) return r;
  }
  throw std::runtime_error("no role for " + std::string(question));
}

std::vector<std::string> Codes(const domain::Question& q) {
  std::vector<std::string> out;
  for (const auto& o : q.options) out.push_back(o.code);
  return out;
}

const std::vector<std::string> kImpact = {"a_lot_better", "better", "no_different", "worse",
                                          "a_lot_worse"};
const std::vector<std::string> kEase = {"very_easy", "easy", "neither", "hard", "very_hard"};

TEST(SurveyInstruments, BothShipAsVersionOneFromTheFourthOfDecember2026) {
  ASSERT_EQ(SurveyInstruments().size(), ShippedSurveyInstruments().size());
  for (std::string_view id : {"budget-holder-survey", "carer-survey"}) {
    const domain::Questionnaire* q = FindSurveyInstrument(id);
    ASSERT_NE(q, nullptr) << id;
    EXPECT_EQ(q->version, "1");
    EXPECT_EQ(q->effective_from, *Date::Parse("2026-12-04"));
    EXPECT_EQ(FindSurveyInstrument(id, "1"), q);
    Status s = domain::CheckQuestionnaire(*q);
    EXPECT_TRUE(s.ok()) << id << ": " << (s.ok() ? "" : s.error().message);
    EXPECT_FALSE(q->title.empty());
  }
  EXPECT_EQ(Instrument("budget-holder-survey").kind, domain::AssessmentKind::kAdult);
  EXPECT_EQ(Instrument("carer-survey").kind, domain::AssessmentKind::kCarer);
  EXPECT_EQ(FindSurveyInstrument("adult-needs"), nullptr);
  EXPECT_EQ(FindSurveyInstrument("carer-survey", "2"), nullptr);
  EXPECT_EQ(SurveyItemRoles("carer-survey", "2"), nullptr);
  // The instruments are not assessment questionnaires.
  EXPECT_EQ(FindDefaultQuestionnaire("budget-holder-survey"), nullptr);
}

// rules.md 3.1: the 14 aspects of life of the POET budget holder survey. Two of them join two
// things, which we ask about separately.
TEST(SurveyInstruments, AskAboutEveryLifeAreaOfRulesThreeOne) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> areas = {
      {"independence", {"life.independence"}},
      {"getting the support wanted", {"life.support_wanted"}},
      {"dignity", {"life.dignity"}},
      {"physical health", {"life.physical_health"}},
      {"mental wellbeing", {"life.mental_wellbeing"}},
      {"control over support and life", {"life.control_support", "life.control_life"}},
      {"feeling safe in/outside home", {"life.safe_home", "life.safe_outside"}},
      {"relationships with paid supporters", {"life.paid_supporters"}},
      {"family", {"life.family"}},
      {"friends", {"life.friends"}},
      {"where/who to live with", {"life.where_live"}},
      {"paid job", {"life.paid_work"}},
      {"volunteering", {"life.volunteering"}},
      {"quality of life", {"life.quality_of_life"}},
  };
  ASSERT_EQ(areas.size(), 14u);
  const auto& q = Instrument("budget-holder-survey");
  for (const auto& [area, ids] : areas) {
    for (const auto& id : ids) {
      const domain::Question* question = q.Find(id);
      ASSERT_NE(question, nullptr) << area << ": " << id;
      EXPECT_EQ(question->type, QuestionType::kChoice) << id;
      std::vector<std::string> codes = Codes(*question);
      ASSERT_GE(codes.size(), 5u) << id;
      EXPECT_EQ(std::vector<std::string>(codes.begin(), codes.begin() + 5), kImpact) << id;
      const SurveyItemRole& role = RoleOf(q.id, id);
      EXPECT_EQ(role.kind, SurveyItemKind::kOutcome) << id;
      EXPECT_EQ(role.scale, "impact5") << id;
      EXPECT_EQ(role.good, (std::vector<std::string>{"a_lot_better", "better"})) << id;
    }
  }
  for (const char* id : {"life.paid_work", "life.volunteering", "life.family"}) {
    EXPECT_TRUE(RoleOf(q.id, id).IsNotCounted("does_not_apply")) << id;
  }
  EXPECT_EQ(Codes(*q.Find("overall_life")), kImpact);
}

TEST(SurveyInstruments, BudgetHolderSurveyHasTheIssuesItems) {
  const auto& q = Instrument("budget-holder-survey");
  EXPECT_EQ(q.Find("who_helped_plan")->type, QuestionType::kMultipleChoice);
  EXPECT_EQ(Codes(*q.Find("views_included")), (std::vector<std::string>{"yes", "partly", "no"}));
  for (const char* id : {"ease_assessment", "ease_finding_budget", "ease_planning",
                         "ease_getting_money", "ease_managing", "easy_information"}) {
    ASSERT_NE(q.Find(id), nullptr) << id;
    std::vector<std::string> codes = Codes(*q.Find(id));
    EXPECT_EQ(std::vector<std::string>(codes.begin(), codes.begin() + 5), kEase) << id;
    const SurveyItemRole& role = RoleOf(q.id, id);
    EXPECT_EQ(role.kind, SurveyItemKind::kProcess) << id;
    EXPECT_EQ(role.good, (std::vector<std::string>{"very_easy", "easy"})) << id;
    EXPECT_EQ(role.not_counted.size(), 1u) << id;
  }
  EXPECT_EQ(RoleOf(q.id, "easy_information").ascof_measure, "ease-of-finding-information");
  EXPECT_EQ(Codes(*q.Find("knew_budget_amount")), (std::vector<std::string>{"yes", "no"}));
  EXPECT_EQ(Codes(*q.Find("budget_managed")),
            (std::vector<std::string>{"direct_payment", "council_manages", "provider_manages",
                                      "mixed", "not_sure"}));
  EXPECT_EQ(RoleOf(q.id, "budget_managed").kind, SurveyItemKind::kGrouping);
  EXPECT_EQ(RoleOf(q.id, "control_over_budget").kind, SurveyItemKind::kProcess);
  EXPECT_EQ(q.Find("goal_1")->type, QuestionType::kText);
  EXPECT_EQ(RoleOf(q.id, "goal_1_progress").kind, SurveyItemKind::kOutcome);
  EXPECT_EQ(q.Find("free_text")->type, QuestionType::kText);
  EXPECT_EQ(RoleOf(q.id, "free_text").kind, SurveyItemKind::kComment);
}

// rules.md 3.3: ASCOF counts options 1 and 2 of 4 for control over daily life, and option 1 for
// social contact.
TEST(SurveyInstruments, ControlAndSocialContactMapToTheAscofMeasures) {
  for (std::string_view id : {"budget-holder-survey", "carer-survey"}) {
    const auto& q = Instrument(id);
    ASSERT_NE(q.Find("control_daily_life"), nullptr) << id;
    EXPECT_EQ(Codes(*q.Find("control_daily_life")),
              (std::vector<std::string>{"as_much_as_want", "adequate", "some_not_enough", "none"}));
    const SurveyItemRole& control = RoleOf(id, "control_daily_life");
    EXPECT_EQ(control.ascof_measure, "control-over-daily-life");
    EXPECT_EQ(control.good, (std::vector<std::string>{"as_much_as_want", "adequate"}));
    ASSERT_NE(q.Find("social_contact"), nullptr) << id;
    EXPECT_EQ(Codes(*q.Find("social_contact")).front(), "as_much_as_want");
    const SurveyItemRole& social = RoleOf(id, "social_contact");
    EXPECT_EQ(social.ascof_measure, "social-contact");
    EXPECT_EQ(social.good, (std::vector<std::string>{"as_much_as_want"}));
  }
}

TEST(SurveyInstruments, CarerSurveyAsksAboutTheCarersOwnLife) {
  const auto& q = Instrument("carer-survey");
  for (const char* id : {"carer.remaining_well", "carer.continue_caring", "carer.quality_of_life",
                         "carer.daily_stress", "carer.choice_control", "overall_life"}) {
    ASSERT_NE(q.Find(id), nullptr) << id;
    EXPECT_EQ(Codes(*q.Find(id)), kImpact) << id;
    EXPECT_EQ(RoleOf(q.id, id).kind, SurveyItemKind::kOutcome) << id;
  }
  EXPECT_FALSE(q.Find("carer.daily_stress")->help.empty());  // Says which way is better.
  for (const char* id : {"views_included", "ease_assessment", "easy_information"}) {
    EXPECT_EQ(RoleOf(q.id, id).kind, SurveyItemKind::kProcess) << id;
  }
}

TEST(SurveyInstruments, EveryChoiceItemHasItsGoodCodesDefined) {
  for (const auto& instrument : ShippedSurveyInstruments()) {
    const domain::Questionnaire& q = instrument.questionnaire;
    size_t questions = 0;
    for (const auto& s : q.sections) {
      for (const auto& question : s.questions) {
        ++questions;
        const SurveyItemRole* role = instrument.Role(question.id);
        ASSERT_NE(role, nullptr) << q.id << " " << question.id;
        bool choice = question.type == QuestionType::kChoice ||
                      question.type == QuestionType::kMultipleChoice;
        std::vector<std::string> codes = Codes(question);
        auto offered = [&](const std::string& c) {
          return std::find(codes.begin(), codes.end(), c) != codes.end();
        };
        for (const auto& c : role->good) EXPECT_TRUE(offered(c)) << question.id << " " << c;
        for (const auto& c : role->not_counted) EXPECT_TRUE(offered(c)) << question.id << " " << c;
        switch (role->kind) {
          case SurveyItemKind::kProcess:
          case SurveyItemKind::kOutcome:
            EXPECT_TRUE(choice) << question.id;
            EXPECT_FALSE(role->good.empty()) << question.id;
            EXPECT_FALSE(role->scale.empty()) << question.id;
            // Some answer counts and is not good: a good answer can be told from another.
            EXPECT_GT(codes.size(), role->good.size() + role->not_counted.size()) << question.id;
            break;
          case SurveyItemKind::kGrouping:
            EXPECT_TRUE(choice) << question.id;
            EXPECT_TRUE(role->good.empty()) << question.id;
            break;
          case SurveyItemKind::kComment:
            EXPECT_EQ(question.type, QuestionType::kText) << question.id;
            break;
        }
      }
    }
    EXPECT_EQ(instrument.roles.size(), questions) << q.id;
  }
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(SurveyInstruments, EveryAnswerHasAnEasyReadSymbolThatExists) {
  const std::filesystem::path folder =
      std::filesystem::path(SELFDIRECT_SOURCE_DIR) / "web" / "easy-read";
  std::set<std::string> used;
  for (const auto& instrument : ShippedSurveyInstruments()) {
    for (const auto& s : instrument.questionnaire.sections) {
      for (const auto& question : s.questions) {
        // The five-point scales first of all, but every answer choice has its picture.
        for (const auto& o : question.options) {
          std::string_view symbol = EasyReadSymbol(o.code);
          EXPECT_FALSE(symbol.empty()) << question.id << " " << o.code;
          if (!symbol.empty()) used.emplace(symbol);
        }
      }
    }
  }
  EXPECT_EQ(EasyReadSymbol("a_lot_better"), "face-very-happy.svg");
  EXPECT_EQ(EasyReadSymbol("very_hard"), "face-very-unhappy.svg");
  EXPECT_EQ(EasyReadSymbol("no such code"), "");
  std::set<std::string> mapped;
  for (const auto& [code, file] : EasyReadSymbols()) mapped.insert(file);
  for (const auto& file : mapped) {
    std::filesystem::path path = folder / file;
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    std::string svg = ReadFile(path);
    EXPECT_NE(svg.find("role=\"img\""), std::string::npos) << file;
    EXPECT_NE(svg.find("<title"), std::string::npos) << file;
    EXPECT_NE(svg.find("aria-labelledby"), std::string::npos) << file;
  }
  // Every drawn symbol is used by some code.
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() == ".svg") {
      EXPECT_TRUE(mapped.count(entry.path().filename().string())) << entry.path();
    }
  }
  EXPECT_EQ(used, mapped);
}

void ExpectSameItems(const domain::Questionnaire& a, const domain::Questionnaire& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.effective_from, b.effective_from);
  EXPECT_EQ(a.kind, b.kind);
  ASSERT_EQ(a.sections.size(), b.sections.size());
  for (size_t i = 0; i < a.sections.size(); ++i) {
    const auto& sa = a.sections[i];
    const auto& sb = b.sections[i];
    EXPECT_EQ(sa.id, sb.id);
    EXPECT_EQ(sa.title, sb.title);
    ASSERT_EQ(sa.questions.size(), sb.questions.size()) << sa.id;
    for (size_t j = 0; j < sa.questions.size(); ++j) {
      const auto& qa = sa.questions[j];
      const auto& qb = sb.questions[j];
      EXPECT_EQ(qa.id, qb.id);
      EXPECT_EQ(qa.text, qb.text) << qa.id;
      EXPECT_EQ(qa.help, qb.help) << qa.id;
      EXPECT_EQ(qa.type, qb.type) << qa.id;
      EXPECT_EQ(qa.required, qb.required) << qa.id;
      EXPECT_EQ(qa.score_domain, qb.score_domain) << qa.id;
      EXPECT_EQ(qa.max_length, qb.max_length) << qa.id;
      ASSERT_EQ(qa.options.size(), qb.options.size()) << qa.id;
      for (size_t k = 0; k < qa.options.size(); ++k) {
        EXPECT_EQ(qa.options[k].code, qb.options[k].code) << qa.id;
        EXPECT_EQ(qa.options[k].display, qb.options[k].display) << qa.id;
        EXPECT_EQ(qa.options[k].score, qb.options[k].score) << qa.id;
      }
      ASSERT_EQ(qa.enable_when.size(), qb.enable_when.size()) << qa.id;
      for (size_t k = 0; k < qa.enable_when.size(); ++k) {
        EXPECT_EQ(qa.enable_when[k].question, qb.enable_when[k].question) << qa.id;
        EXPECT_EQ(qa.enable_when[k].answer, qb.enable_when[k].answer) << qa.id;
      }
    }
  }
}

void ExpectSameRoles(const std::vector<SurveyItemRole>& a, const std::vector<SurveyItemRole>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].question_id, b[i].question_id);
    EXPECT_EQ(a[i].kind, b[i].kind) << a[i].question_id;
    EXPECT_EQ(a[i].scale, b[i].scale) << a[i].question_id;
    EXPECT_EQ(a[i].ascof_measure, b[i].ascof_measure) << a[i].question_id;
    EXPECT_EQ(a[i].good, b[i].good) << a[i].question_id;
    EXPECT_EQ(a[i].not_counted, b[i].not_counted) << a[i].question_id;
  }
}

TEST(SurveyInstruments, FhirExportThenImportGivesTheSameItems) {
  for (const auto& instrument : ShippedSurveyInstruments()) {
    const domain::Questionnaire& q = instrument.questionnaire;
    auto back = QuestionnaireFromFhir(json::parse(json::serialize(QuestionnaireToFhir(q))));
    ASSERT_TRUE(back.ok()) << back.error().message;
    ExpectSameItems(q, *back);

    // With the roles: the whole instrument comes back.
    json::value fhir = SurveyInstrumentToFhir(instrument);
    auto again = SurveyInstrumentFromFhir(json::parse(json::serialize(fhir)));
    ASSERT_TRUE(again.ok()) << again.error().message;
    ExpectSameItems(q, again->questionnaire);
    ExpectSameRoles(instrument.roles, again->roles);
    EXPECT_EQ(json::serialize(SurveyInstrumentToFhir(*again)), json::serialize(fhir));
  }
}

TEST(SurveyInstruments, RefusesItemsWithoutTheirRoleOrGoodAnswers) {
  auto make = [](std::string item) {
    return json::parse(
        R"({"resourceType":"Questionnaire","id":"s","version":"1",)"
        R"("effectivePeriod":{"start":"2026-12-04"},"item":[{"linkId":"g","type":"group",)"
        R"("item":[)" +
        item + "]}]}");
  };
  const std::string role = R"({"url":"urn:selfdirect:extension:survey-item-role","valueCode":)";
  const std::string good =
      R"("extension":[{"url":"urn:selfdirect:extension:survey-answer-class","valueCode":"good"}])";
  const std::string other =
      R"("extension":[{"url":"urn:selfdirect:extension:survey-answer-class","valueCode":"other"}])";

  auto no_role = SurveyInstrumentFromFhir(make(R"({"linkId":"a","type":"text"})"));
  ASSERT_FALSE(no_role.ok());
  EXPECT_EQ(no_role.error().fields.at(0).field, "a");

  auto no_good = SurveyInstrumentFromFhir(
      make(R"({"linkId":"b","type":"choice","extension":[)" + role + R"("outcome"}],)" +
           R"("answerOption":[{"valueCoding":{"code":"x"},)" + other + "}]}"));
  ASSERT_FALSE(no_good.ok());
  EXPECT_EQ(no_good.error().fields.at(0).field, "b");

  auto unclassed = SurveyInstrumentFromFhir(make(R"({"linkId":"c","type":"choice","extension":[)" +
                                                 role + R"("process"}],)" +
                                                 R"("answerOption":[{"valueCoding":{"code":"x"},)" +
                                                 good + R"(},{"valueCoding":{"code":"y"}}]})"));
  ASSERT_FALSE(unclassed.ok());
  EXPECT_NE(unclassed.error().fields.at(0).message.find("y"), std::string::npos);

  auto grouping_good = SurveyInstrumentFromFhir(
      make(R"({"linkId":"d","type":"choice","extension":[)" + role + R"("grouping"}],)" +
           R"("answerOption":[{"valueCoding":{"code":"x"},)" + good + "}]}"));
  EXPECT_FALSE(grouping_good.ok());

  auto fine = SurveyInstrumentFromFhir(
      make(R"({"linkId":"e","type":"choice","extension":[)" + role + R"("outcome"}],)" +
           R"("answerOption":[{"valueCoding":{"code":"x"},)" + good +
           R"(},{"valueCoding":{"code":"y"},)" + other + "}]}"));
  ASSERT_TRUE(fine.ok()) << fine.error().message;
  EXPECT_TRUE(fine->Role("e")->IsGood("x"));
  EXPECT_FALSE(fine->Role("e")->IsGood("y"));
}

}  // namespace
}  // namespace selfdirect::app
