// The `ras score` stream: a SAX reader straight into the answers of one person after another (one
// map whose nodes, keys and values are kept from person to person), and the DOM reader for
// everything else. Anything the fast reader does not take as it is (a field other than person and
// answers, a person that is not a string or whole number, an answer of another type, a question
// or field named twice) sends that one person, whose text is kept, through the DOM reader, so
// every error and every unusual input gives exactly what it gave before.
#include <boost/json/basic_parser_impl.hpp>
#include <string>
#include <vector>

#include "app/json_stream.h"
#include "app/ras/allocation_json.h"

namespace selfdirect::app {
namespace {

namespace json = boost::json;
using domain::AllocationTable;

enum class Top : uint8_t { kNone, kPerson, kAnswers };

// Reads one person. Depth 1: the person object; 2: inside "answers"; 3: inside one answer's list.
struct FastHandler : SaxHandlerBase<FastHandler> {
  domain::Answers answers;
  std::vector<domain::Answers::node_type> spare;  // Nodes kept for the next answers.
  domain::Answers::node_type node;                // The answer being read.
  size_t used = 0;                                // Values of node in use.
  std::string person;
  bool seen_person = false;
  bool seen_answers = false;
  Top top = Top::kNone;

  void Reset() {
    while (!answers.empty()) spare.push_back(answers.extract(answers.begin()));
    if (!node.empty()) spare.push_back(std::move(node));
    person.clear();
    ResetBase();
    seen_person = seen_answers = false;
    top = Top::kNone;
  }

  // Whether the answers were read (false: leave the person to the DOM reader).
  bool Finish() const { return !full && seen_answers; }

  void StartAnswer(std::string_view question) {
    if (spare.empty()) {
      domain::Answers one{{std::string(), {}}};  // A fresh node, made once.
      node = one.extract(one.begin());
    } else {
      node = std::move(spare.back());
      spare.pop_back();
    }
    node.key().assign(question);
    used = 0;
  }
  bool FinishAnswer() {
    node.mapped().resize(used);
    auto placed = answers.insert(std::move(node));
    if (placed.inserted) return true;
    spare.push_back(std::move(placed.node));
    return Full();  // A question named twice.
  }
  // A value of the answer being read, as text (as AnswersFromJson).
  bool Add(std::string_view value) {
    std::vector<std::string>& list = node.mapped();
    if (used < list.size())
      list[used].assign(value);
    else
      list.emplace_back(value);
    ++used;
    return depth == 2 ? FinishAnswer() : true;  // A single value, not in a list.
  }

  bool on_object_begin(json::error_code&) {
    ++depth;
    if (full || depth == 1 || (depth == 2 && top == Top::kAnswers)) return true;
    return Full();
  }
  bool on_object_end(std::size_t, json::error_code&) {
    --depth;
    return true;
  }
  bool on_array_begin(json::error_code&) {
    ++depth;
    if (full || depth == 3) return true;  // Depth 3: an answer's list of values.
    return Full();
  }
  bool on_array_end(std::size_t, json::error_code&) {
    --depth;
    if (full || depth != 2) return true;
    return FinishAnswer();
  }
  bool Key(std::string_view name) {
    if (depth == 2) {
      StartAnswer(name);
    } else if (name == "person" && !seen_person) {
      top = Top::kPerson;
      seen_person = true;
    } else if (name == "answers" && !seen_answers) {
      top = Top::kAnswers;
      seen_answers = true;
    } else {
      return false;
    }
    return true;
  }
  bool String(std::string_view value) {
    if (depth >= 2) return Add(value);
    if (top != Top::kPerson) return false;
    person.assign(value);
    return true;
  }
  bool on_int64(int64_t v, json::string_view, json::error_code&) {
    if (full) return true;
    if (depth >= 2) return Add(std::to_string(v));
    if (top != Top::kPerson) return Full();
    person = std::to_string(v);
    return true;
  }
  bool on_bool(bool b, json::error_code&) {
    if (full) return true;
    if (depth >= 2) return Add(b ? "true" : "false");
    return Full();
  }
};

// ,"points":N,"weekly_pence":N,"weekly":"12.34","annual_pence":N}\n
void AppendAllocation(const domain::Allocation& a, std::string& output) {
  // Appended piece by piece: no temporary strings on this path.
  output += ",\"points\":";
  output += std::to_string(a.points);
  output += ",\"weekly_pence\":";
  output += std::to_string(a.weekly.pence());
  output += ",\"weekly\":\"";
  a.weekly.AppendTo(output);
  output += "\",\"annual_pence\":";
  output += std::to_string(a.annual.pence());
  output += "}\n";
}

// The DOM reader: what every person was read with before the fast reader.
void AppendFromDom(const AllocationTable& table, const json::value& v, std::string& output,
                   int64_t& invalid) {
  std::string person;
  const json::object* o = v.if_object();
  if (o != nullptr) {
    if (auto* p = o->if_contains("person"); p != nullptr && p->is_string())
      person = std::string(p->get_string());
    else if (p != nullptr && p->is_int64())
      person = std::to_string(p->get_int64());
  }
  const json::value* answers_json = o ? o->if_contains("answers") : nullptr;
  Result<domain::Answers> answers =
      answers_json != nullptr ? AnswersFromJson(*answers_json)
      : o != nullptr
          ? Error::InvalidArgument("The person has no answers", {{"answers", "is required"}})
          : Error::InvalidArgument("Each person must be a JSON object");
  output += "{\"person\":";
  AppendJsonString(person, output);
  if (!answers.ok()) {
    ++invalid;
    output += ",\"error\":";
    AppendErrorObject(answers.error(), output);
    output += "}\n";
    return;
  }
  AppendAllocation(domain::Allocate(table, *answers, domain::Explain::kNo), output);
}

}  // namespace

ScoreSummary StreamScores(const AllocationTable& table, std::FILE* in, std::FILE* out) {
  ScoreSummary summary;
  SaxValueParser<FastHandler> parser(KeepText::kYes);  // The text, for the DOM reader.
  domain::Allocation allocation;                       // Reused from person to person.
  StreamCounts counts = StreamJson(in, out, "Person", parser, [&](std::string& output) {
    FastHandler& h = parser.handler();
    if (!h.Finish()) {
      AppendFromDom(table, json::parse(parser.text()), output, summary.invalid);
      return;
    }
    output += "{\"person\":";
    AppendJsonString(h.person, output);
    domain::Allocate(table, h.answers, domain::Explain::kNo, allocation);
    AppendAllocation(allocation, output);
  });
  summary.people = counts.values;
  summary.malformed = counts.malformed;
  summary.malformed_message = std::move(counts.malformed_message);
  return summary;
}

}  // namespace selfdirect::app
