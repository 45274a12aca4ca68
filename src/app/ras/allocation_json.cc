#include "app/ras/allocation_json.h"

#include <cstring>
#include <vector>

#include "app/json_reader.h"
#include "app/json_stream.h"

namespace selfdirect::app {
namespace json = boost::json;
using domain::AllocationTable;

namespace {

// Reads allocation tables; unknown fields are told so.
class Reader : public JsonReader {
 public:
  Reader() : JsonReader("is not a field of an allocation table here") {}
};

domain::AnswerIs Condition(Reader& r, const json::value& v, const std::string& path) {
  domain::AnswerIs c;
  const json::object* o = r.Object(v, path);
  if (o == nullptr) return c;
  r.Known(*o, path, {"question", "answer"});
  c.question = r.String(*o, path, "question", Required::kYes);
  auto* a = o->if_contains("answer");
  if (a != nullptr && a->is_bool()) {
    c.answer = a->get_bool() ? "true" : "false";
  } else {
    c.answer = r.String(*o, path, "answer", Required::kYes);
  }
  return c;
}

json::object ConditionJson(const domain::AnswerIs& c) {
  return {{"question", c.question}, {"answer", c.answer}};
}

std::string PercentText(int64_t basis_points) {
  std::string s = domain::FormatBasisPoints(basis_points);
  s.pop_back();
  return s;
}

}  // namespace

namespace {

// Calls `read(object, path)` for each object of the list `key` under `path` ("domains[2]").
template <typename Read>
void EachObject(Reader& r, const json::array* list, const std::string& list_path, Read&& read) {
  if (list == nullptr) return;
  for (size_t i = 0; i < list->size(); ++i) {
    std::string path = JsonReader::Index(list_path, i);
    if (const json::object* o = r.Object((*list)[i], path)) read(*o, path);
  }
}

// The id, version, date, title, questionnaire and source.
void ReadTableHeader(Reader& r, const json::object& o, AllocationTable& t) {
  t.id = r.String(o, "", "id", Required::kYes);
  t.version = r.Integer(o, "", "version", Required::kYes).value_or(0);
  std::string from = r.String(o, "", "effective_from", Required::kYes);
  if (!from.empty()) {
    auto d = Date::Parse(from);
    if (d.ok())
      t.effective_from = *d;
    else
      r.Fail("effective_from", "must be a date like 2026-04-01");
  }
  t.title = r.String(o, "", "title", Required::kYes);
  t.questionnaire = r.String(o, "", "questionnaire", Required::kYes);
  t.source = r.String(o, "", "source", Required::kNo);
}

domain::CarerDeduction ReadCarerDeduction(Reader& r, const json::object& c,
                                          const std::string& cpath) {
  r.Known(c, cpath, {"when", "percent", "points"});
  domain::CarerDeduction deduction;
  if (auto* w = c.if_contains("when"))
    deduction.when = Condition(r, *w, cpath + ".when");
  else
    r.Fail(cpath + ".when", "is required");
  deduction.points = r.Integer(c, cpath, "points", Required::kNo);
  deduction.percent = r.Percent(c, cpath, "percent");
  if (deduction.percent % 100 != 0) r.Fail(cpath + ".percent", "must be a whole percentage");
  deduction.percent /= 100;
  if (!deduction.points && !c.if_contains("percent"))
    r.Fail(cpath, "Give \"percent\" or \"points\"");
  return deduction;
}

domain::ScoreRule ReadScore(Reader& r, const json::object& s, const std::string& spath) {
  r.Known(s, spath, {"question", "answer", "points", "label"});
  domain::ScoreRule score;
  score.question = r.String(s, spath, "question", Required::kYes);
  auto* a = s.if_contains("answer");
  if (a != nullptr && a->is_bool())
    score.answer = a->get_bool() ? "true" : "false";
  else
    score.answer = r.String(s, spath, "answer", Required::kYes);
  score.points = r.Integer(s, spath, "points", Required::kYes).value_or(0);
  score.label = r.String(s, spath, "label", Required::kNo);
  return score;
}

domain::DomainRule ReadDomain(Reader& r, const json::object& d, const std::string& path) {
  r.Known(d, path, {"code", "label", "cap", "carer_deduction", "scores"});
  domain::DomainRule rule;
  rule.code = r.String(d, path, "code", Required::kYes);
  rule.label = r.String(d, path, "label", Required::kYes);
  rule.cap = r.Integer(d, path, "cap", Required::kNo);
  if (auto* cd = d.if_contains("carer_deduction"); cd != nullptr && !cd->is_null()) {
    std::string cpath = path + ".carer_deduction";
    if (const json::object* c = r.Object(*cd, cpath))
      rule.carer_deduction = ReadCarerDeduction(r, *c, cpath);
  }
  EachObject(r, r.Array(d, path, "scores", Required::kNo), path + ".scores",
             [&](const json::object& s, const std::string& spath) {
               rule.scores.push_back(ReadScore(r, s, spath));
             });
  return rule;
}

domain::Band ReadBand(Reader& r, const json::object& b, const std::string& path) {
  r.Known(b, path, {"from", "to", "weekly", "label"});
  domain::Band band;
  band.from_points = r.Integer(b, path, "from", Required::kYes).value_or(0);
  band.to_points = r.Integer(b, path, "to", Required::kNo);
  band.weekly = r.Money(b, path, "weekly", Required::kYes);
  band.label = r.String(b, path, "label", Required::kNo);
  return band;
}

// Points to money: a price per point between a floor and a ceiling, or bands.
void ReadConversion(Reader& r, const json::object& c, domain::Conversion& conversion) {
  std::string method = r.String(c, "conversion", "method", Required::kYes);
  if (method == "price_per_point") {
    r.Known(c, "conversion", {"method", "price_per_point", "floor", "ceiling"});
    conversion.method = domain::ConversionMethod::kPricePerPoint;
    conversion.price_per_point = r.Money(c, "conversion", "price_per_point", Required::kYes);
    conversion.floor = r.Money(c, "conversion", "floor", Required::kYes);
    conversion.ceiling = r.Money(c, "conversion", "ceiling", Required::kYes);
  } else if (method == "bands") {
    r.Known(c, "conversion", {"method", "bands"});
    conversion.method = domain::ConversionMethod::kBands;
    EachObject(r, r.Array(c, "conversion", "bands", Required::kYes), "conversion.bands",
               [&](const json::object& b, const std::string& path) {
                 conversion.bands.push_back(ReadBand(r, b, path));
               });
  } else if (!method.empty()) {
    r.Fail("conversion.method", "must be \"price_per_point\" or \"bands\"");
  }
}

domain::AddOn ReadAddOn(Reader& r, const json::object& a, const std::string& path) {
  r.Known(a, path, {"code", "label", "weekly", "when_any"});
  domain::AddOn add;
  add.code = r.String(a, path, "code", Required::kYes);
  add.label = r.String(a, path, "label", Required::kYes);
  add.weekly = r.Money(a, path, "weekly", Required::kYes);
  if (const json::array* when = r.Array(a, path, "when_any", Required::kNo)) {
    for (size_t j = 0; j < when->size(); ++j)
      add.when_any.push_back(Condition(r, (*when)[j], JsonReader::Index(path + ".when_any", j)));
  }
  return add;
}

}  // namespace

Result<AllocationTable> AllocationTableFromJson(const json::value& v) {
  Reader r;
  AllocationTable t;
  const json::object* o = r.Object(v, "table");
  if (o == nullptr) return Error::InvalidArgument("The allocation table must be a JSON object");
  r.Known(*o, "",
          {"id", "version", "effective_from", "title", "questionnaire", "source", "domains",
           "conversion", "add_ons", "contingency_percent", "tolerance_percent"});
  ReadTableHeader(r, *o, t);
  EachObject(r, r.Array(*o, "", "domains", Required::kYes), "domains",
             [&](const json::object& d, const std::string& path) {
               t.domains.push_back(ReadDomain(r, d, path));
             });
  if (auto* cv = o->if_contains("conversion"); cv == nullptr) {
    r.Fail("conversion", "is required");
  } else if (const json::object* c = r.Object(*cv, "conversion")) {
    ReadConversion(r, *c, t.conversion);
  }
  EachObject(r, r.Array(*o, "", "add_ons", Required::kNo), "add_ons",
             [&](const json::object& a, const std::string& path) {
               t.add_ons.push_back(ReadAddOn(r, a, path));
             });
  t.contingency_basis_points = r.Percent(*o, "", "contingency_percent");
  t.tolerance_basis_points = r.Percent(*o, "", "tolerance_percent");
  if (!r.errors.empty())
    return Error::InvalidArgument("The allocation table is not valid", std::move(r.errors));
  SD_RETURN_IF_ERROR(domain::CheckAllocationTable(t));
  return t;
}

Result<AllocationTable> AllocationTableFromText(std::string_view text) {
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return Error::InvalidArgument("The allocation table is not valid JSON: " + ec.message());
  return AllocationTableFromJson(v);
}

json::object AllocationTableToJson(const AllocationTable& t) {
  json::object o;
  o["id"] = t.id;
  o["version"] = t.version;
  o["effective_from"] = t.effective_from.ToString();
  o["title"] = t.title;
  o["questionnaire"] = t.questionnaire;
  if (!t.source.empty()) o["source"] = t.source;
  json::array domains;
  for (const auto& d : t.domains) {
    json::object jd{{"code", d.code}, {"label", d.label}};
    if (d.cap) jd["cap"] = *d.cap;
    if (d.carer_deduction) {
      json::object c{{"when", ConditionJson(d.carer_deduction->when)}};
      if (d.carer_deduction->points)
        c["points"] = *d.carer_deduction->points;
      else
        c["percent"] = d.carer_deduction->percent;
      jd["carer_deduction"] = std::move(c);
    }
    json::array scores;
    for (const auto& s : d.scores) {
      json::object js{{"question", s.question}, {"answer", s.answer}, {"points", s.points}};
      if (!s.label.empty()) js["label"] = s.label;
      scores.push_back(std::move(js));
    }
    jd["scores"] = std::move(scores);
    domains.push_back(std::move(jd));
  }
  o["domains"] = std::move(domains);
  json::object c{{"method", domain::ConversionMethodName(t.conversion.method)}};
  if (t.conversion.method == domain::ConversionMethod::kPricePerPoint) {
    c["price_per_point"] = t.conversion.price_per_point.ToString();
    c["floor"] = t.conversion.floor.ToString();
    c["ceiling"] = t.conversion.ceiling.ToString();
  } else {
    json::array bands;
    for (const auto& b : t.conversion.bands) {
      json::object jb{{"from", b.from_points}};
      if (b.to_points) jb["to"] = *b.to_points;
      jb["weekly"] = b.weekly.ToString();
      if (!b.label.empty()) jb["label"] = b.label;
      bands.push_back(std::move(jb));
    }
    c["bands"] = std::move(bands);
  }
  o["conversion"] = std::move(c);
  json::array add_ons;
  for (const auto& a : t.add_ons) {
    json::array when;
    for (const auto& w : a.when_any) when.push_back(ConditionJson(w));
    add_ons.push_back(json::object{{"code", a.code},
                                   {"label", a.label},
                                   {"weekly", a.weekly.ToString()},
                                   {"when_any", std::move(when)}});
  }
  o["add_ons"] = std::move(add_ons);
  o["contingency_percent"] = PercentText(t.contingency_basis_points);
  o["tolerance_percent"] = PercentText(t.tolerance_basis_points);
  return o;
}

json::object AllocationToJson(const domain::Allocation& a) {
  json::object o;
  o["table_id"] = a.table_id;
  o["table_version"] = a.table_version;
  o["points"] = a.points;
  o["weekly_pence"] = a.weekly.pence();
  o["weekly"] = a.weekly.ToString();
  o["annual_pence"] = a.annual.pence();
  o["annual"] = a.annual.ToString();
  json::array domains;
  for (const auto& d : a.domains) {
    domains.push_back(json::object{{"code", d.code},
                                   {"scored", d.scored},
                                   {"capped", d.capped},
                                   {"deducted", d.deducted},
                                   {"net", d.net}});
  }
  o["domains"] = std::move(domains);
  json::array steps;
  for (const auto& s : a.steps) {
    json::object js{{"kind", domain::AllocationStepKindName(s.kind)}, {"text", s.text}};
    if (!s.domain.empty()) js["domain"] = s.domain;
    if (s.points != 0 || s.kind == domain::AllocationStep::Kind::kTotalPoints)
      js["points"] = s.points;
    if (s.amount) js["amount_pence"] = s.amount->pence();
    steps.push_back(std::move(js));
  }
  o["steps"] = std::move(steps);
  return o;
}

Result<domain::Answers> AnswersFromJson(const json::value& v) {
  if (!v.is_object()) return Error::InvalidArgument("Answers must be a JSON object");
  domain::Answers answers;
  std::vector<FieldError> errors;
  for (const auto& kv : v.get_object()) {
    auto& list = answers[std::string(kv.key())];
    auto add = [&](const json::value& x) {
      if (x.is_string()) {
        list.emplace_back(x.get_string());
      } else if (x.is_bool()) {
        list.emplace_back(x.get_bool() ? "true" : "false");
      } else if (x.is_int64()) {
        list.emplace_back(std::to_string(x.get_int64()));
      } else {
        errors.push_back({std::string(kv.key()),
                          "must be a string, true or false, a whole number, or a list of them"});
      }
    };
    if (kv.value().is_array()) {
      for (const auto& x : kv.value().get_array()) add(x);
    } else {
      add(kv.value());
    }
  }
  if (!errors.empty()) return Error::InvalidArgument("Some answers are not valid", errors);
  return answers;
}

}  // namespace selfdirect::app
