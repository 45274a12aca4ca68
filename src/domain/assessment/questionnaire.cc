#include "domain/assessment/questionnaire.h"

#include <map>
#include <set>

#include "base/text.h"

namespace selfdirect::domain {

std::string_view QuestionTypeName(QuestionType type) {
  switch (type) {
    case QuestionType::kBoolean:
      return "boolean";
    case QuestionType::kChoice:
      return "choice";
    case QuestionType::kMultipleChoice:
      return "multiple_choice";
    case QuestionType::kText:
      return "text";
    case QuestionType::kInteger:
      return "integer";
  }
  return "text";
}

const Question* Questionnaire::Find(std::string_view question_id) const {
  for (const auto& s : sections) {
    for (const auto& q : s.questions) {
      if (q.id == question_id) return &q;
    }
  }
  return nullptr;
}

namespace {

bool AllowedAnswer(const Question& q, std::string_view value) {
  switch (q.type) {
    case QuestionType::kBoolean:
      return value == "true" || value == "false";
    case QuestionType::kChoice:
    case QuestionType::kMultipleChoice:
      for (const auto& o : q.options) {
        if (o.code == value) return true;
      }
      return false;
    case QuestionType::kInteger: {
      if (value.empty() || value.size() > 9) return false;
      size_t start = value[0] == '-' ? 1 : 0;
      if (start == value.size()) return false;
      for (size_t i = start; i < value.size(); ++i) {
        if (value[i] < '0' || value[i] > '9') return false;
      }
      return true;
    }
    case QuestionType::kText:
      return IsCleanUtf8(value);
  }
  return false;
}

bool Has(const Answers& answers, std::string_view id, std::string_view value) {
  auto it = answers.find(id);
  if (it == answers.end()) return false;
  for (const auto& v : it->second) {
    if (v == value) return true;
  }
  return false;
}

}  // namespace

Status CheckQuestionnaire(const Questionnaire& q) {
  std::vector<FieldError> errors;
  if (q.id.empty()) errors.push_back({"id", "The questionnaire needs an id"});
  if (q.version.empty()) errors.push_back({"version", "The questionnaire needs a version"});
  std::map<std::string, const Question*> earlier;
  std::set<std::string> section_ids;
  for (const auto& s : q.sections) {
    if (s.id.empty() || !section_ids.insert(s.id).second) {
      errors.push_back({"section " + s.id, "Section ids must be unique and not empty"});
    }
    for (const auto& question : s.questions) {
      if (question.id.empty() || earlier.count(question.id)) {
        errors.push_back({question.id, "Question ids must be unique and not empty"});
        continue;
      }
      bool choice =
          question.type == QuestionType::kChoice || question.type == QuestionType::kMultipleChoice;
      if (choice && question.options.empty())
        errors.push_back({question.id, "A choice needs options"});
      std::set<std::string> codes;
      for (const auto& o : question.options) {
        if (o.code.empty() || !codes.insert(o.code).second) {
          errors.push_back({question.id, "Option codes must be unique and not empty"});
        }
      }
      for (const auto& c : question.enable_when) {
        auto it = earlier.find(c.question);
        if (it == earlier.end()) {
          errors.push_back({question.id, "Its condition names " + c.question +
                                             ", which is not an earlier question"});
        } else if (!AllowedAnswer(*it->second, c.answer)) {
          errors.push_back({question.id, "Its condition's answer \"" + c.answer +
                                             "\" is not possible for " + c.question});
        }
      }
      earlier[question.id] = &question;
    }
  }
  if (earlier.empty()) errors.push_back({"sections", "The questionnaire has no questions"});
  if (!errors.empty())
    return Error::InvalidArgument("The questionnaire definition is not valid", errors);
  return OkStatus();
}

namespace {

// "CODE.able": yes/no, or a single choice of "true", "false" and, optionally, kDoesNotApply.
void CheckAbleQuestion(const Questionnaire& q, const std::string& id,
                       std::vector<FieldError>& errors) {
  const Question* question = q.Find(id);
  if (question == nullptr) {
    errors.push_back({id, "Eligibility needs this question"});
    return;
  }
  if (question->type == QuestionType::kBoolean) return;
  bool yes = false, no = false, other = false;
  for (const auto& o : question->options) {
    yes |= o.code == "true";
    no |= o.code == "false";
    other |= o.code != "true" && o.code != "false" && o.code != kDoesNotApply;
  }
  if (question->type != QuestionType::kChoice || !yes || !no || other) {
    errors.push_back({id, "Must be a boolean question, or a choice of true, false and " +
                              std::string(kDoesNotApply)});
  }
}

}  // namespace

Status CheckEligibilityQuestions(const Questionnaire& q) {
  std::vector<FieldError> errors;
  auto need = [&](const std::string& id, QuestionType type) {
    const Question* question = q.Find(id);
    if (question == nullptr) {
      errors.push_back({id, "Eligibility needs this question"});
    } else if (question->type != type) {
      errors.push_back({id, "Must be a " + std::string(QuestionTypeName(type)) + " question"});
    }
    return question;
  };
  need("condition_one", QuestionType::kBoolean);
  need("wellbeing_impact", QuestionType::kBoolean);
  if (q.kind == AssessmentKind::kCarer) need("carer_health_at_risk", QuestionType::kBoolean);
  for (size_t i = 0; i < OutcomeCount(q.kind); ++i) {
    std::string code(OutcomeCode(q.kind, i));
    CheckAbleQuestion(q, code + ".able", errors);
    need(code + ".carer_helps", QuestionType::kBoolean);
    if (const Question* reasons = need(code + ".reasons", QuestionType::kMultipleChoice)) {
      for (size_t r = 0; r < kUnableReasonCount; ++r) {
        std::string_view reason = UnableReasonCode(static_cast<UnableReason>(r));
        bool offered = false;
        for (const auto& o : reasons->options) offered |= o.code == reason;
        if (!offered)
          errors.push_back({code + ".reasons", "Must offer the reason " + std::string(reason)});
      }
    }
  }
  if (!errors.empty())
    return Error::InvalidArgument("The questionnaire cannot decide eligibility", errors);
  return OkStatus();
}

bool IsVisible(const Questionnaire& q, const Question& question, const Answers& answers) {
  for (const auto& c : question.enable_when) {
    const Question* depends = q.Find(c.question);
    if (depends == nullptr || !IsVisible(q, *depends, answers) ||
        !Has(answers, c.question, c.answer)) {
      return false;
    }
  }
  return true;
}

std::vector<FieldError> ValidateAnswers(const Questionnaire& q, const Answers& answers,
                                        Completeness completeness) {
  std::vector<FieldError> errors;
  for (const auto& [id, values] : answers) {
    const Question* question = q.Find(id);
    if (question == nullptr) {
      errors.push_back({id, "There is no such question"});
      continue;
    }
    if (values.size() > 1 && question->type != QuestionType::kMultipleChoice) {
      errors.push_back({id, "Give one answer"});
      continue;
    }
    if (values.size() > question->options.size() + 1 &&
        question->type == QuestionType::kMultipleChoice) {
      errors.push_back({id, "Too many answers"});
      continue;
    }
    for (const auto& v : values) {
      if (!AllowedAnswer(*question, v)) {
        errors.push_back({id, question->type == QuestionType::kBoolean ? "Answer yes or no"
                              : question->type == QuestionType::kInteger
                                  ? "Enter a whole number"
                                  : "Choose one of the options"});
        break;
      }
      if (question->type == QuestionType::kText &&
          CodePointCount(v) > static_cast<size_t>(question->max_length)) {
        errors.push_back(
            {id, "Answer in " + std::to_string(question->max_length) + " characters or fewer"});
        break;
      }
    }
  }
  if (completeness == Completeness::kSubmission) {
    for (const auto& s : q.sections) {
      for (const auto& question : s.questions) {
        if (!question.required || !IsVisible(q, question, answers)) continue;
        auto it = answers.find(question.id);
        bool answered = it != answers.end() && !it->second.empty() &&
                        !(it->second.size() == 1 && Trim(it->second[0]).empty());
        if (!answered) errors.push_back({question.id, "Answer this question: " + question.text});
      }
    }
  }
  return errors;
}

QuestionPlace PlaceOf(const Questionnaire& q, std::string_view question_id) {
  QuestionPlace place;
  std::map<std::string_view, size_t> numbers;  // Question id to its number.
  for (const auto& s : q.sections) {
    for (const auto& question : s.questions) {
      const bool follow_up = !question.enable_when.empty();
      size_t number = follow_up ? numbers[question.enable_when.front().question] : ++place.of;
      numbers[question.id] = number;
      if (question.id == question_id) {
        place.number = number;
        place.follow_up = follow_up;
      }
    }
  }
  return place;
}

Answers VisibleAnswers(const Questionnaire& q, const Answers& answers) {
  Answers out;
  for (const auto& [id, values] : answers) {
    const Question* question = q.Find(id);
    if (question != nullptr && IsVisible(q, *question, answers)) out[id] = values;
  }
  return out;
}

std::map<std::string, int64_t> ScoresByDomain(const Questionnaire& q, const Answers& answers) {
  std::map<std::string, int64_t> scores;
  for (const auto& s : q.sections) {
    for (const auto& question : s.questions) {
      if (question.score_domain.empty() || !IsVisible(q, question, answers)) continue;
      auto it = answers.find(question.id);
      if (it == answers.end()) continue;
      for (const auto& v : it->second) {
        for (const auto& o : question.options) {
          if (o.code == v) scores[question.score_domain] += o.score;
        }
      }
    }
  }
  return scores;
}

Result<EligibilityInput> EligibilityFromAnswers(const Questionnaire& q, const Answers& all) {
  auto errors = ValidateAnswers(q, all, Completeness::kSubmission);
  if (!errors.empty())
    return Error::InvalidArgument("Some answers are missing or not valid", errors);
  Answers answers = VisibleAnswers(q, all);
  EligibilityInput in;
  in.kind = q.kind;
  in.condition_one = Has(answers, "condition_one", "true");
  in.significant_impact_on_wellbeing = Has(answers, "wellbeing_impact", "true");
  in.carer_health_at_risk =
      q.kind == AssessmentKind::kCarer && Has(answers, "carer_health_at_risk", "true");
  for (size_t i = 0; i < OutcomeCount(q.kind); ++i) {
    std::string code(OutcomeCode(q.kind, i));
    OutcomeFinding& f = in.outcomes[i];
    f.not_applicable = Has(answers, code + ".able", kDoesNotApply);
    if (!Has(answers, code + ".able", "false")) continue;
    f.unable = true;
    f.met_by_carer = Has(answers, code + ".carer_helps", "true");
    auto reasons = answers.find(code + ".reasons");
    if (reasons != answers.end()) {
      for (const auto& r : reasons->second) {
        if (auto reason = ParseUnableReason(r)) f.AddReason(*reason);
      }
    }
    if (f.reasons == 0) {
      return Error::InvalidArgument(
          "Say why", {{code + ".reasons", "Choose at least one reason why this is hard"}});
    }
  }
  return in;
}

}  // namespace selfdirect::domain
