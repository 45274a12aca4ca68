#include "app/outcomes/survey_instruments.h"

#include <algorithm>
#include <boost/json.hpp>
#include <optional>

#include "app/assessment/fhir_questionnaire.h"
#include "app/reference_data.h"
#include "base/embedded_file.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& Surveys();
}  // namespace selfdirect::embedded

namespace selfdirect::app {
namespace {

namespace json = boost::json;
using domain::QuestionType;

constexpr std::string_view kFolder = "data/surveys";
constexpr std::string_view kSymbolsFile = "easy-read-symbols.json";
constexpr std::string_view kRole = "urn:selfdirect:extension:survey-item-role";
constexpr std::string_view kScale = "urn:selfdirect:extension:survey-scale";
constexpr std::string_view kAscof = "urn:selfdirect:extension:ascof-measure";
constexpr std::string_view kAnswerClass = "urn:selfdirect:extension:survey-answer-class";

using fhir::Arr;
using fhir::Str;

// The valueCode of the extension with this url, or "".
std::string ExtensionCode(const json::object& o, std::string_view url) {
  if (auto* exts = Arr(o, "extension")) {
    for (const auto& e : *exts) {
      if (e.is_object() && Str(e.get_object(), "url") == url)
        return Str(e.get_object(), "valueCode");
    }
  }
  return "";
}

std::optional<SurveyItemKind> ParseKind(std::string_view s) {
  if (s == "process") return SurveyItemKind::kProcess;
  if (s == "outcome") return SurveyItemKind::kOutcome;
  if (s == "grouping") return SurveyItemKind::kGrouping;
  if (s == "comment") return SurveyItemKind::kComment;
  return std::nullopt;
}

bool Contains(const std::vector<std::string>& codes, std::string_view code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// The role of one question item; problems go to `errors`, field = the question's id.
SurveyItemRole RoleOf(const json::object& item, const domain::Question& question,
                      std::vector<FieldError>& errors) {
  SurveyItemRole role;
  role.question_id = question.id;
  role.scale = ExtensionCode(item, kScale);
  role.ascof_measure = ExtensionCode(item, kAscof);
  std::string kind = ExtensionCode(item, kRole);
  if (auto k = ParseKind(kind)) {
    role.kind = *k;
  } else {
    errors.push_back({question.id, "Give the item's role (process, outcome, grouping or comment)" +
                                       (kind.empty() ? std::string() : ", not \"" + kind + "\"")});
  }
  bool analysed = role.kind == SurveyItemKind::kProcess || role.kind == SurveyItemKind::kOutcome;
  const json::array* options = Arr(item, "answerOption");
  for (size_t i = 0; options && i < options->size() && i < question.options.size(); ++i) {
    const std::string& code = question.options[i].code;
    std::string klass =
        (*options)[i].is_object() ? ExtensionCode((*options)[i].get_object(), kAnswerClass) : "";
    if (klass == "good") {
      role.good.push_back(code);
    } else if (klass == "not_counted") {
      role.not_counted.push_back(code);
    } else if (klass != "other" && (analysed || !klass.empty())) {
      errors.push_back(
          {question.id, "Answer " + code + " needs its class (good, other or not_counted)" +
                            (klass.empty() ? std::string() : ", not \"" + klass + "\"")});
    }
  }
  bool choice =
      question.type == QuestionType::kChoice || question.type == QuestionType::kMultipleChoice;
  if (analysed && !choice)
    errors.push_back({question.id, "A process or outcome item must be a choice"});
  if (analysed && choice && role.good.empty())
    errors.push_back({question.id, "Say which answers count as good"});
  if (!analysed && !role.good.empty())
    errors.push_back({question.id, "Only process and outcome items have good answers"});
  return role;
}

struct Shipped {
  std::vector<SurveyInstrument> instruments;
  std::vector<domain::Questionnaire> questionnaires;
};

const Shipped& Load() {
  static const Shipped shipped = [] {
    std::vector<embedded::EmbeddedFile> files;
    for (const auto& f : embedded::Surveys())
      if (f.path != kSymbolsFile) files.push_back(f);
    Shipped out;
    for (auto& f : ShippedReference(
             ReadReferenceFiles<SurveyInstrument>(kFolder, files, SurveyInstrumentFromFhir)))
      out.instruments.push_back(std::move(f.value));
    std::stable_sort(out.instruments.begin(), out.instruments.end(),
                     [](const SurveyInstrument& a, const SurveyInstrument& b) {
                       return a.questionnaire.effective_from < b.questionnaire.effective_from;
                     });
    for (const auto& i : out.instruments) out.questionnaires.push_back(i.questionnaire);
    return out;
  }();
  return shipped;
}

// data/surveys/easy-read-symbols.json: {"symbols": {"CODE": "NAME.svg", ...}}.
Result<std::map<std::string, std::string, std::less<>>> SymbolsFromJson(const json::value& v) {
  const json::object* symbols = nullptr;
  if (v.is_object()) {
    if (auto* s = v.get_object().if_contains("symbols"); s && s->is_object())
      symbols = &s->get_object();
  }
  if (!symbols)
    return Error::InvalidArgument("The easy-read symbols need an object \"symbols\"",
                                  {{"symbols", "Map each answer code to a .svg file"}});
  std::map<std::string, std::string, std::less<>> out;
  std::vector<FieldError> errors;
  for (const auto& [code, file] : *symbols) {
    std::string name = file.is_string() ? std::string(file.get_string()) : std::string();
    bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    });
    if (!plain || !name.ends_with(".svg"))
      errors.push_back({std::string(code), "Give a file name such as face-happy.svg"});
    else
      out.emplace(std::string(code), std::move(name));
  }
  if (!errors.empty())
    return Error::InvalidArgument("The easy-read symbols are not valid", std::move(errors));
  return out;
}

}  // namespace

std::string_view SurveyItemKindName(SurveyItemKind kind) {
  switch (kind) {
    case SurveyItemKind::kProcess:
      return "process";
    case SurveyItemKind::kOutcome:
      return "outcome";
    case SurveyItemKind::kGrouping:
      return "grouping";
    case SurveyItemKind::kComment:
      return "comment";
  }
  return "grouping";
}

bool SurveyItemRole::IsGood(std::string_view code) const { return Contains(good, code); }
bool SurveyItemRole::IsNotCounted(std::string_view code) const {
  return Contains(not_counted, code);
}

const SurveyItemRole* SurveyInstrument::Role(std::string_view question_id) const {
  for (const auto& r : roles) {
    if (r.question_id == question_id) return &r;
  }
  return nullptr;
}

Result<SurveyInstrument> SurveyInstrumentFromFhir(const json::value& resource) {
  SD_ASSIGN_OR_RETURN(domain::Questionnaire q, QuestionnaireFromFhir(resource));
  SurveyInstrument instrument;
  std::vector<FieldError> errors;
  // QuestionnaireFromFhir accepted the resource, so its items are groups of question objects.
  for (const auto& group : resource.get_object().at("item").get_array()) {
    const json::array* items = Arr(group.get_object(), "item");
    for (size_t i = 0; items && i < items->size(); ++i) {
      const json::object& item = (*items)[i].get_object();
      const domain::Question* question = q.Find(Str(item, "linkId"));
      if (question) instrument.roles.push_back(RoleOf(item, *question, errors));
    }
  }
  if (!errors.empty())
    return Error::InvalidArgument("Survey " + q.id + ": the items' roles are not valid",
                                  std::move(errors));
  instrument.questionnaire = std::move(q);
  return instrument;
}

json::value SurveyInstrumentToFhir(const SurveyInstrument& instrument) {
  json::value fhir = QuestionnaireToFhir(instrument.questionnaire);
  auto add = [](json::object& o, std::string_view url, std::string_view code) {
    if (code.empty()) return;
    json::value& exts = o["extension"];
    if (!exts.is_array()) exts = json::array{};
    exts.get_array().push_back(json::object{{"url", url}, {"valueCode", code}});
  };
  for (auto& group : fhir.get_object()["item"].get_array()) {
    for (auto& item_value : group.get_object()["item"].get_array()) {
      json::object& item = item_value.get_object();
      const SurveyItemRole* role = instrument.Role(Str(item, "linkId"));
      if (!role) continue;
      add(item, kRole, SurveyItemKindName(role->kind));
      add(item, kScale, role->scale);
      add(item, kAscof, role->ascof_measure);
      bool analysed =
          role->kind == SurveyItemKind::kProcess || role->kind == SurveyItemKind::kOutcome;
      auto* options = item.if_contains("answerOption");
      if (!options || !options->is_array()) continue;
      for (auto& option : options->get_array()) {
        std::string code = Str(option.get_object()["valueCoding"].get_object(), "code");
        if (role->IsGood(code))
          add(option.get_object(), kAnswerClass, "good");
        else if (role->IsNotCounted(code))
          add(option.get_object(), kAnswerClass, "not_counted");
        else if (analysed)
          add(option.get_object(), kAnswerClass, "other");
      }
    }
  }
  return fhir;
}

const std::vector<SurveyInstrument>& ShippedSurveyInstruments() { return Load().instruments; }

const std::vector<domain::Questionnaire>& SurveyInstruments() { return Load().questionnaires; }

const domain::Questionnaire* FindSurveyInstrument(std::string_view id) {
  const domain::Questionnaire* latest = nullptr;
  for (const auto& q : SurveyInstruments()) {
    if (q.id == id && (!latest || q.effective_from > latest->effective_from)) latest = &q;
  }
  return latest;
}

const domain::Questionnaire* FindSurveyInstrument(std::string_view id, std::string_view version) {
  for (const auto& q : SurveyInstruments()) {
    if (q.id == id && q.version == version) return &q;
  }
  return nullptr;
}

const std::vector<SurveyItemRole>* SurveyItemRoles(std::string_view id, std::string_view version) {
  for (const auto& i : ShippedSurveyInstruments()) {
    if (i.questionnaire.id == id && i.questionnaire.version == version) return &i.roles;
  }
  return nullptr;
}

const std::map<std::string, std::string, std::less<>>& EasyReadSymbols() {
  static const auto symbols = [] {
    for (const auto& f : embedded::Surveys()) {
      if (f.path != kSymbolsFile) continue;
      std::string file = reference_internal::FileName(kFolder, f.path);
      auto json = reference_internal::ParseFile(file, f.content);
      if (!json.ok()) reference_internal::ShippedDataBroken(json.error());
      auto read = SymbolsFromJson(*json);
      if (!read.ok())
        reference_internal::ShippedDataBroken(reference_internal::InFile(file, read.error()));
      return std::move(*read);
    }
    reference_internal::ShippedDataBroken(
        Error::InvalidArgument(std::string(kFolder) + " has no " + std::string(kSymbolsFile)));
  }();
  return symbols;
}

std::string_view EasyReadSymbol(std::string_view code) {
  const auto& symbols = EasyReadSymbols();
  auto it = symbols.find(code);
  return it == symbols.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace selfdirect::app
