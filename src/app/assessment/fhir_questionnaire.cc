#include "app/assessment/fhir_questionnaire.h"

#include <boost/json.hpp>

#include "app/reference_data.h"
#include "base/embedded_file.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& Questionnaires();
}  // namespace selfdirect::embedded

namespace selfdirect::app {
namespace {

namespace json = boost::json;
using domain::Question;
using domain::QuestionType;

constexpr std::string_view kItemControl =
    "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
constexpr std::string_view kItemControlSystem = "http://hl7.org/fhir/questionnaire-item-control";
constexpr std::string_view kOrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
constexpr std::string_view kScoreDomain = "urn:selfdirect:extension:score-domain";
constexpr std::string_view kAssessmentKind = "urn:selfdirect:extension:assessment-kind";
constexpr std::string_view kCodeSystem = "urn:selfdirect:codes";

using fhir::Arr;
using fhir::Str;

const json::value* Extension(const json::object& o, std::string_view url) {
  if (auto* exts = Arr(o, "extension")) {
    for (const auto& e : *exts) {
      if (e.is_object() && Str(e.get_object(), "url") == url) return &e;
    }
  }
  return nullptr;
}

bool IsHelpItem(const json::object& item) {
  if (Str(item, "type") != "display") return false;
  const json::value* ext = Extension(item, kItemControl);
  if (!ext) return false;
  const auto* codings = ext->get_object().if_contains("valueCodeableConcept");
  if (!codings || !codings->is_object()) return false;
  if (auto* list = Arr(codings->get_object(), "coding")) {
    for (const auto& c : *list) {
      if (c.is_object() && Str(c.get_object(), "code") == "help") return true;
    }
  }
  return false;
}

// An answerOption: a coding, with its score from the ordinalValue extension; nullopt when it is
// not a coding.
std::optional<domain::AnswerOption> OptionFromFhir(const json::value& o) {
  if (!o.is_object() || !o.get_object().if_contains("valueCoding")) return std::nullopt;
  const auto& coding = o.get_object().at("valueCoding");
  if (!coding.is_object()) return std::nullopt;
  domain::AnswerOption option{Str(coding.get_object(), "code"), Str(coding.get_object(), "display"),
                              0};
  if (const json::value* ord = Extension(o.get_object(), kOrdinalValue)) {
    const auto* v = ord->get_object().if_contains("valueDecimal");
    if (v && v->is_int64())
      option.score = v->get_int64();
    else if (v && v->is_double())
      option.score = static_cast<int64_t>(v->get_double());
  }
  return option;
}

// An enableWhen: a question "=" a boolean, coding or string answer. The error's message says
// what is wrong.
Result<domain::EnableWhen> EnableWhenFromFhir(const json::value& c) {
  if (!c.is_object()) return Error::InvalidArgument("enableWhen must be objects");
  const auto& co = c.get_object();
  if (Str(co, "operator") != "=")
    return Error::InvalidArgument("Only the \"=\" operator is supported in enableWhen");
  domain::EnableWhen when{Str(co, "question"), ""};
  if (auto* b = co.if_contains("answerBoolean"); b && b->is_bool()) {
    when.answer = b->get_bool() ? "true" : "false";
  } else if (auto* cd = co.if_contains("answerCoding"); cd && cd->is_object()) {
    when.answer = Str(cd->get_object(), "code");
  } else if (auto* s = co.if_contains("answerString"); s && s->is_string()) {
    when.answer = std::string(s->get_string());
  } else {
    return Error::InvalidArgument("enableWhen needs answerBoolean, answerCoding or answerString");
  }
  return when;
}

Result<Question> QuestionFromItem(const json::object& item) {
  Question q;
  q.id = Str(item, "linkId");
  q.text = Str(item, "text");
  std::string type = Str(item, "type");
  auto fail = [&](const std::string& m) {
    return Error::InvalidArgument("Questionnaire item " + q.id + ": " + m, {{q.id, m}});
  };
  bool repeats =
      item.if_contains("repeats") && item.at("repeats").is_bool() && item.at("repeats").get_bool();
  if (type == "boolean") {
    q.type = QuestionType::kBoolean;
  } else if (type == "choice") {
    q.type = repeats ? QuestionType::kMultipleChoice : QuestionType::kChoice;
  } else if (type == "string" || type == "text") {
    q.type = QuestionType::kText;
  } else if (type == "integer") {
    q.type = QuestionType::kInteger;
  } else {
    return fail("Type \"" + type + "\" is not supported (boolean, choice, string, text, integer)");
  }
  q.required = item.if_contains("required") && item.at("required").is_bool() &&
               item.at("required").get_bool();
  if (auto* m = item.if_contains("maxLength"); m && m->is_int64()) q.max_length = m->get_int64();
  if (const json::value* d = Extension(item, kScoreDomain))
    q.score_domain = Str(d->get_object(), "valueString");
  if (auto* options = Arr(item, "answerOption")) {
    for (const auto& o : *options) {
      auto option = OptionFromFhir(o);
      if (!option) return fail("Options must be codings");
      q.options.push_back(std::move(*option));
    }
  }
  if (auto* conditions = Arr(item, "enableWhen")) {
    for (const auto& c : *conditions) {
      auto when = EnableWhenFromFhir(c);
      if (!when.ok()) return fail(when.error().message);
      q.enable_when.push_back(std::move(*when));
    }
  }
  if (auto* children = Arr(item, "item")) {
    for (const auto& child : *children) {
      if (child.is_object() && IsHelpItem(child.get_object())) {
        q.help = Str(child.get_object(), "text");
      } else {
        return fail("Questions cannot hold other questions (only a help item)");
      }
    }
  }
  return q;
}

json::value HelpItem(const Question& q) {
  return json::object{
      {"linkId", q.id + ".help"},
      {"text", q.help},
      {"type", "display"},
      {"extension",
       json::array{json::object{
           {"url", kItemControl},
           {"valueCodeableConcept",
            json::object{{"coding", json::array{json::object{{"system", kItemControlSystem},
                                                             {"code", "help"}}}}}}}}}};
}

json::value ItemFor(const domain::Questionnaire& qn, const Question& q) {
  json::object item{{"linkId", q.id}, {"text", q.text}};
  switch (q.type) {
    case QuestionType::kBoolean:
      item["type"] = "boolean";
      break;
    case QuestionType::kChoice:
      item["type"] = "choice";
      break;
    case QuestionType::kMultipleChoice:
      item["type"] = "choice";
      item["repeats"] = true;
      break;
    case QuestionType::kText:
      item["type"] = "string";
      item["maxLength"] = q.max_length;
      break;
    case QuestionType::kInteger:
      item["type"] = "integer";
      break;
  }
  item["required"] = q.required;
  if (!q.score_domain.empty()) {
    item["extension"] =
        json::array{json::object{{"url", kScoreDomain}, {"valueString", q.score_domain}}};
  }
  if (!q.enable_when.empty()) {
    json::array conditions;
    for (const auto& c : q.enable_when) {
      json::object cond{{"question", c.question}, {"operator", "="}};
      const Question* depends = qn.Find(c.question);
      if (depends && depends->type == QuestionType::kBoolean) {
        cond["answerBoolean"] = c.answer == "true";
      } else {
        cond["answerCoding"] = json::object{{"system", kCodeSystem}, {"code", c.answer}};
      }
      conditions.push_back(std::move(cond));
    }
    if (conditions.size() > 1) item["enableBehavior"] = "all";
    item["enableWhen"] = std::move(conditions);
  }
  if (!q.options.empty()) {
    json::array options;
    for (const auto& o : q.options) {
      options.push_back(json::object{
          {"valueCoding",
           json::object{{"system", kCodeSystem}, {"code", o.code}, {"display", o.display}}},
          {"extension",
           json::array{json::object{{"url", kOrdinalValue}, {"valueDecimal", o.score}}}}});
    }
    item["answerOption"] = std::move(options);
  }
  if (!q.help.empty()) item["item"] = json::array{HelpItem(q)};
  return item;
}

}  // namespace

Result<domain::Questionnaire> QuestionnaireFromFhir(const json::value& resource) {
  if (!resource.is_object() || Str(resource.get_object(), "resourceType") != "Questionnaire") {
    return Error::InvalidArgument(
        "Not a FHIR Questionnaire (resourceType must be \"Questionnaire\")",
        {{"resourceType", "Must be \"Questionnaire\""}});
  }
  const auto& r = resource.get_object();
  domain::Questionnaire q;
  q.id = Str(r, "id");
  q.version = Str(r, "version");
  q.title = Str(r, "title");
  std::string start;
  if (auto* period = r.if_contains("effectivePeriod"); period && period->is_object()) {
    start = Str(period->get_object(), "start");
  }
  auto date = Date::Parse(start.substr(0, 10));
  if (!date.ok()) {
    return Error::InvalidArgument(
        "The questionnaire needs effectivePeriod.start (a date)",
        {{"effectivePeriod.start", "Give the date the questionnaire takes effect"}});
  }
  q.effective_from = *date;
  std::string kind;
  if (const json::value* k = Extension(r, kAssessmentKind))
    kind = Str(k->get_object(), "valueCode");
  if (kind == "adult" || kind.empty()) {
    q.kind = domain::AssessmentKind::kAdult;
  } else if (kind == "carer") {
    q.kind = domain::AssessmentKind::kCarer;
  } else {
    return Error::InvalidArgument("Unknown assessment kind",
                                  {{"extension", "Kind must be adult or carer"}});
  }
  const json::array* items = Arr(r, "item");
  if (!items)
    return Error::InvalidArgument("The questionnaire has no items", {{"item", "Add sections"}});
  for (const auto& section_value : *items) {
    if (!section_value.is_object() || Str(section_value.get_object(), "type") != "group") {
      return Error::InvalidArgument("Top-level items must be groups (sections)",
                                    {{"item", "Use groups"}});
    }
    const auto& s = section_value.get_object();
    domain::Section section{Str(s, "linkId"), Str(s, "text"), {}};
    if (auto* questions = Arr(s, "item")) {
      for (const auto& qv : *questions) {
        if (!qv.is_object()) return Error::InvalidArgument("Items must be objects");
        SD_ASSIGN_OR_RETURN(Question question, QuestionFromItem(qv.get_object()));
        section.questions.push_back(std::move(question));
      }
    }
    q.sections.push_back(std::move(section));
  }
  SD_RETURN_IF_ERROR(domain::CheckQuestionnaire(q));
  return q;
}

json::value QuestionnaireToFhir(const domain::Questionnaire& q) {
  json::array sections;
  for (const auto& s : q.sections) {
    json::array items;
    for (const auto& question : s.questions) items.push_back(ItemFor(q, question));
    sections.push_back(json::object{
        {"linkId", s.id}, {"text", s.title}, {"type", "group"}, {"item", std::move(items)}});
  }
  return json::object{
      {"resourceType", "Questionnaire"},
      {"id", q.id},
      {"url", "urn:selfdirect:questionnaire:" + q.id},
      {"version", q.version},
      {"title", q.title},
      {"status", "active"},
      {"effectivePeriod", json::object{{"start", q.effective_from.ToString()}}},
      {"extension",
       json::array{json::object{
           {"url", kAssessmentKind},
           {"valueCode", q.kind == domain::AssessmentKind::kAdult ? "adult" : "carer"}}}},
      {"subjectType", json::array{"Patient"}},
      {"item", std::move(sections)},
  };
}

json::value QuestionnaireResponseToFhir(const domain::Questionnaire& q,
                                        const domain::Answers& answers, ResponseStatus status) {
  json::array groups;
  for (const auto& s : q.sections) {
    json::array items;
    for (const auto& question : s.questions) {
      auto it = answers.find(question.id);
      if (it == answers.end() || it->second.empty()) continue;
      json::array values;
      for (const auto& v : it->second) {
        switch (question.type) {
          case QuestionType::kBoolean:
            values.push_back(json::object{{"valueBoolean", v == "true"}});
            break;
          case QuestionType::kChoice:
          case QuestionType::kMultipleChoice: {
            std::string display;
            for (const auto& o : question.options) {
              if (o.code == v) display = o.display;
            }
            values.push_back(json::object{
                {"valueCoding",
                 json::object{{"system", kCodeSystem}, {"code", v}, {"display", display}}}});
            break;
          }
          case QuestionType::kInteger:
            values.push_back(json::object{{"valueInteger", std::stoll(v)}});
            break;
          case QuestionType::kText:
            values.push_back(json::object{{"valueString", v}});
            break;
        }
      }
      items.push_back(json::object{
          {"linkId", question.id}, {"text", question.text}, {"answer", std::move(values)}});
    }
    if (!items.empty())
      groups.push_back(
          json::object{{"linkId", s.id}, {"text", s.title}, {"item", std::move(items)}});
  }
  return json::object{
      {"resourceType", "QuestionnaireResponse"},
      {"questionnaire", "urn:selfdirect:questionnaire:" + q.id + "|" + q.version},
      {"status", status == ResponseStatus::kCompleted ? "completed" : "in-progress"},
      {"item", std::move(groups)}};
}

Result<domain::Answers> AnswersFromFhir(const domain::Questionnaire& q,
                                        const json::value& resource) {
  if (!resource.is_object() ||
      Str(resource.get_object(), "resourceType") != "QuestionnaireResponse") {
    return Error::InvalidArgument("Not a FHIR QuestionnaireResponse",
                                  {{"resourceType", "Must be \"QuestionnaireResponse\""}});
  }
  domain::Answers answers;
  std::vector<FieldError> errors;
  std::function<void(const json::array&, int)> walk = [&](const json::array& items, int depth) {
    if (depth > 4) return;
    for (const auto& iv : items) {
      if (!iv.is_object()) continue;
      const auto& item = iv.get_object();
      std::string id = Str(item, "linkId");
      if (auto* nested = Arr(item, "item")) walk(*nested, depth + 1);
      const json::array* list = Arr(item, "answer");
      if (!list) continue;
      const Question* question = q.Find(id);
      if (!question) {
        errors.push_back({id, "There is no such question"});
        continue;
      }
      for (const auto& av : *list) {
        if (!av.is_object()) continue;
        const auto& a = av.get_object();
        if (auto* b = a.if_contains("valueBoolean"); b && b->is_bool()) {
          answers[id].push_back(b->get_bool() ? "true" : "false");
        } else if (auto* c = a.if_contains("valueCoding"); c && c->is_object()) {
          answers[id].push_back(Str(c->get_object(), "code"));
        } else if (auto* s = a.if_contains("valueString"); s && s->is_string()) {
          answers[id].push_back(std::string(s->get_string()));
        } else if (auto* n = a.if_contains("valueInteger"); n && n->is_int64()) {
          answers[id].push_back(std::to_string(n->get_int64()));
        } else {
          errors.push_back({id, "Unsupported answer type"});
        }
      }
    }
  };
  if (auto* items = Arr(resource.get_object(), "item")) walk(*items, 0);
  if (!errors.empty())
    return Error::InvalidArgument("The response is not valid for this questionnaire", errors);
  return answers;
}

const std::vector<domain::Questionnaire>& DefaultQuestionnaires() {
  static const std::vector<domain::Questionnaire> defaults = [] {
    std::vector<domain::Questionnaire> out;
    for (auto& f : ShippedReference(ReadReferenceFiles<domain::Questionnaire>(
             "data/questionnaires", embedded::Questionnaires(), QuestionnaireFromFhir)))
      out.push_back(std::move(f.value));
    return out;
  }();
  return defaults;
}

const domain::Questionnaire* FindDefaultQuestionnaire(std::string_view id) {
  const domain::Questionnaire* latest = nullptr;
  for (const auto& q : DefaultQuestionnaires()) {
    if (q.id == id && (!latest || q.effective_from > latest->effective_from)) latest = &q;
  }
  return latest;
}

const domain::Questionnaire* FindDefaultQuestionnaire(std::string_view id,
                                                      std::string_view version) {
  for (const auto& q : DefaultQuestionnaires()) {
    if (q.id == id && q.version == version) return &q;
  }
  return nullptr;
}

}  // namespace selfdirect::app
