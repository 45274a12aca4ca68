// File: questionnaire.h
// Questionnaires as data: versioned, effective-dated definitions of sections and questions, with
// answer options, help text, conditions that show or hide questions, and per-answer scores that
// the resource allocation system uses later. Pure: no I/O. The stored and exchanged form is a FHIR
// R4 Questionnaire (app/assessment/fhir_questionnaire.h).
//
// Answers map a question id to its values (one value for single-answer questions; several for a
// multiple choice). Booleans are "true" / "false"; choices are option codes.
//
// Eligibility comes from answers by question id (EligibilityFromAnswers): "condition_one",
// "wellbeing_impact", carers' "carer_health_at_risk", and per outcome CODE: "CODE.able" (can do it
// without help), "CODE.reasons" (why not: reason codes) and "CODE.carer_helps". "CODE.able" is a
// yes/no question, or a choice of "true", "false" and, for an outcome that may not apply to
// everyone (looking after a child), kDoesNotApply, which is not a need.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "domain/assessment/eligibility.h"

namespace selfdirect::domain {

enum class QuestionType { kBoolean, kChoice, kMultipleChoice, kText, kInteger };
std::string_view QuestionTypeName(QuestionType type);

struct AnswerOption {
  std::string code;
  std::string display;
  int64_t score = 0;  // Points towards the question's score domain (resource allocation).
};

// The question is shown only when question `question` has `answer` among its values.
struct EnableWhen {
  std::string question;
  std::string answer;
};

struct Question {
  std::string id;  // Stable: answers and stored responses refer to it.
  std::string text;
  std::string help;  // Optional plain-English help shown under the question.
  QuestionType type = QuestionType::kBoolean;
  bool required = false;
  std::vector<AnswerOption> options;    // Choice and multiple choice.
  std::vector<EnableWhen> enable_when;  // All must hold; empty: always shown.
  std::string score_domain;             // Where option scores count; empty: not scored.
  int64_t max_length = 2000;            // Text answers.
};

struct Section {
  std::string id;
  std::string title;
  std::vector<Question> questions;
};

struct Questionnaire {
  std::string id;       // e.g. "adult-needs".
  std::string version;  // e.g. "1".
  Date effective_from;
  std::string title;
  AssessmentKind kind = AssessmentKind::kAdult;
  std::vector<Section> sections;

  // The question with this id, or null.
  const Question* Find(std::string_view question_id) const;
};

using Answers = std::map<std::string, std::vector<std::string>, std::less<>>;

// The answer to "CODE.able" that says the outcome does not apply to the person.
inline constexpr std::string_view kDoesNotApply = "does_not_apply";

// Where a question sits in "Question n of N". Questions shown whatever the answers are numbered 1
// to N in order; a follow-up (shown only after some answer) shares the number of the question it
// follows, so N is the same from the first page to the last and never jumps as answers reveal
// follow-ups. `number` is 0 for an unknown id.
struct QuestionPlace {
  size_t number = 0;
  size_t of = 0;
  bool follow_up = false;
};
QuestionPlace PlaceOf(const Questionnaire& q, std::string_view question_id);

// Checks a definition: ids unique and non-empty, choices have options with unique codes, every
// condition names an earlier question and one of its possible answers. kInvalidArgument listing
// every problem.
Status CheckQuestionnaire(const Questionnaire& q);

// Checks that a questionnaire asks everything eligibility needs (see the file comment): the
// condition questions (yes/no) and, per outcome of its kind, CODE.able (yes/no), CODE.reasons (a
// multiple choice offering the four reason codes) and CODE.carer_helps (yes/no). kInvalidArgument
// naming each missing or wrongly typed question.
Status CheckEligibilityQuestions(const Questionnaire& q);

// Whether `question` is shown, given the answers so far (conditions on hidden questions are false).
bool IsVisible(const Questionnaire& q, const Question& question, const Answers& answers);

enum class Completeness {
  kPartial,     // Saving progress: required questions may be unanswered.
  kSubmission,  // Submitting: every visible required question must be answered.
};

// Field errors (field = question id) for unknown questions, answers that are not allowed, too many
// answers, over-long text, and (at submission) unanswered required questions. Answers to questions
// that are hidden are not errors; Visible answers drops them.
std::vector<FieldError> ValidateAnswers(const Questionnaire& q, const Answers& answers,
                                        Completeness completeness);

// The answers to visible questions only (what a decision may use).
Answers VisibleAnswers(const Questionnaire& q, const Answers& answers);

// Total score per score domain over visible answers.
std::map<std::string, int64_t> ScoresByDomain(const Questionnaire& q, const Answers& answers);

// The eligibility input the answers give (see the file comment for the question ids).
// kInvalidArgument if the answers do not validate for submission.
Result<EligibilityInput> EligibilityFromAnswers(const Questionnaire& q, const Answers& answers);

}  // namespace selfdirect::domain
