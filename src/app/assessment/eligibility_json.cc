#include "app/assessment/eligibility_json.h"

#include <algorithm>
#include <array>
#include <boost/json/basic_parser_impl.hpp>
#include <cstring>
#include <optional>
#include <vector>

#include "app/json_stream.h"

namespace selfdirect::app {
namespace {

namespace json = boost::json;
using domain::AssessmentKind;

// Bounds on one case: far above any real case, small enough that a hostile one is cheap.
constexpr size_t kMaxOutcomesListed = 32;
constexpr size_t kMaxTextChars = 200;

enum class Field {
  kNone,
  kKind,
  kNeedsFromImpairment,
  kNeedsFromCare,
  kSignificantImpact,
  kCarerHealth,
  kOutcomes,
  kUnable,
  kReasons,
  kMetByCarer,
};

struct RawOutcome {
  std::string code;
  bool unable = false;
  bool has_unable = false;
  bool met_by_carer = false;
  uint8_t reasons = 0;          // Bits of the known reasons given.
  bool listed_reasons = false;  // Any reason text was given, known or not.
  std::string unknown_reason;   // The first unknown reason, for the error message.
};

// SAX handler for one case. Depth 1: the case; 2: inside "outcomes"; 3: inside one outcome;
// 4: inside "reasons".
struct CaseHandler {
  static constexpr std::size_t max_object_size = 64;
  static constexpr std::size_t max_array_size = 64;
  static constexpr std::size_t max_key_size = kMaxTextChars;
  static constexpr std::size_t max_string_size = kMaxTextChars;

  int depth = 0;
  Field field = Field::kNone;
  std::string key;
  std::string kind_text;
  std::optional<bool> needs_from_impairment, needs_from_care, significant_impact, carer_health;
  bool has_outcomes = false;
  std::vector<RawOutcome> outcomes;
  size_t outcomes_used = 0;
  std::vector<FieldError> errors;
  bool done = false;
  // The value of an unknown field (already reported) is skipped: its events are ignored until
  // the depth returns to skip_depth.
  bool skipping = false;
  int skip_depth = 0;

  void Reset() {
    depth = 0;
    field = Field::kNone;
    kind_text.clear();
    needs_from_impairment.reset();
    needs_from_care.reset();
    significant_impact.reset();
    carer_health.reset();
    has_outcomes = false;
    outcomes_used = 0;
    errors.clear();
    done = false;
    skipping = false;
  }
  // True when this value event belongs to a skipped value (and ends the skip for a scalar).
  bool SkipScalar() {
    if (!skipping) return false;
    if (depth == skip_depth) skipping = false;
    return true;
  }
  void StartSkip() {
    skipping = true;
    skip_depth = depth;
  }
  // Skips the rest of the object or list just begun (already reported): its contents are not
  // read as fields of the case.
  void SkipContainer() {
    skipping = true;
    skip_depth = depth - 1;
  }
  // Where a misplaced object or list is reported.
  std::string ContainerPath() {
    if (depth <= 1) return "(case)";
    if (depth == 2) return last_top_key;
    return outcomes_used ? OutcomePath() : "outcomes";
  }
  void Fail(std::string where, std::string message) {
    if (errors.size() < 20) errors.push_back({std::move(where), std::move(message)});
  }
  RawOutcome& Current() { return outcomes[outcomes_used - 1]; }
  std::string OutcomePath() { return "outcomes." + Current().code; }

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) {
    done = true;
    return true;
  }
  bool on_object_begin(json::error_code&) {
    ++depth;
    if (skipping) return true;
    if (depth == 1) return true;
    if (depth == 2 && field == Field::kOutcomes) {
      has_outcomes = true;
      return true;
    }
    if (depth == 3) return true;  // One outcome; its code was the key.
    Fail(ContainerPath(), "Must not be an object here");
    SkipContainer();
    return true;
  }
  bool on_object_end(std::size_t, json::error_code&) {
    if (skipping) {
      if (--depth == skip_depth) skipping = false;
      return true;
    }
    if (depth == 3 && outcomes_used > 0 && !Current().has_unable) {
      Fail(OutcomePath() + ".unable", "Give \"unable\": true or false");
    }
    --depth;
    field = Field::kNone;
    return true;
  }
  bool on_array_begin(json::error_code&) {
    ++depth;
    if (skipping) return true;
    if (depth == 4 && field == Field::kReasons) return true;
    Fail(ContainerPath(), "Must not be a list here");
    SkipContainer();
    return true;
  }
  bool on_array_end(std::size_t, json::error_code&) {
    if (skipping) {
      if (--depth == skip_depth) skipping = false;
      return true;
    }
    --depth;
    field = Field::kNone;
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    key.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code&) {
    key.append(s.data(), s.size());
    if (!skipping) OnKey();
    key.clear();
    return true;
  }
  void OnKey() {
    struct Name {
      std::string_view text;
      Field field;
    };
    static constexpr Name kCaseFields[] = {
        {"kind", Field::kKind},
        {"needs_from_impairment_or_illness", Field::kNeedsFromImpairment},
        {"needs_from_providing_necessary_care", Field::kNeedsFromCare},
        {"significant_impact_on_wellbeing", Field::kSignificantImpact},
        {"carer_health_at_risk", Field::kCarerHealth},
        {"outcomes", Field::kOutcomes}};
    static constexpr Name kOutcomeFields[] = {{"unable", Field::kUnable},
                                              {"reasons", Field::kReasons},
                                              {"met_by_carer", Field::kMetByCarer}};
    auto lookup = [&](const auto& names) {
      for (const Name& n : names) {
        if (n.text == key) return n.field;
      }
      return Field::kNone;
    };
    field = Field::kNone;
    if (depth == 1) {
      field = lookup(kCaseFields);
      if (field == Field::kNone) {
        Fail(key, "Unknown field");
        StartSkip();
        return;
      }
      last_top_key = key;
    } else if (depth == 2) {
      if (outcomes_used >= kMaxOutcomesListed) {
        Fail("outcomes", "Too many outcomes listed");
        StartSkip();
        return;
      }
      if (outcomes_used == outcomes.size()) outcomes.emplace_back();
      RawOutcome& o = outcomes[outcomes_used++];
      o.code = key;
      o.unable = o.has_unable = o.met_by_carer = false;
      o.reasons = 0;
      o.listed_reasons = false;
      o.unknown_reason.clear();
    } else if (depth == 3) {
      field = lookup(kOutcomeFields);
      if (field == Field::kNone) {
        Fail(OutcomePath() + "." + key, "Unknown field");
        StartSkip();
      }
    }
  }
  std::string last_top_key;

  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    partial.append(s.data(), s.size());
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    partial.append(s.data(), s.size());
    if (SkipScalar()) {
      partial.clear();
      return true;
    }
    if (depth == 1 && field == Field::kKind) {
      kind_text = partial;
    } else if (depth == 4 && field == Field::kReasons && outcomes_used > 0) {
      RawOutcome& o = Current();
      o.listed_reasons = true;
      if (auto reason = domain::ParseUnableReason(partial)) {
        o.reasons = static_cast<uint8_t>(o.reasons | (1u << static_cast<unsigned>(*reason)));
      } else if (o.unknown_reason.empty()) {
        o.unknown_reason = partial;
      }
    } else {
      WrongType("a string");
    }
    partial.clear();
    return true;
  }
  std::string partial;

  // Reports a value of the wrong type, saying what the field takes.
  void WrongType(const char*) {
    std::string where = depth <= 1 ? (last_top_key.empty() ? "(case)" : last_top_key)
                                   : (outcomes_used ? OutcomePath() : "outcomes");
    const char* expected = "an object";
    switch (field) {
      case Field::kKind:
        expected = "\"adult\" or \"carer\"";
        break;
      case Field::kNeedsFromImpairment:
      case Field::kNeedsFromCare:
      case Field::kSignificantImpact:
      case Field::kCarerHealth:
      case Field::kUnable:
      case Field::kMetByCarer:
        expected = "true or false";
        break;
      case Field::kReasons:
        expected = "a list of reasons, like [\"without_assistance\"]";
        where += ".reasons";
        break;
      default:
        break;
    }
    if (depth == 3 && field == Field::kUnable) where += ".unable";
    if (depth == 3 && field == Field::kMetByCarer) where += ".met_by_carer";
    Fail(where, std::string("Must be ") + expected);
  }
  bool on_bool(bool b, json::error_code&) {
    if (SkipScalar()) return true;
    if (depth == 1) {
      switch (field) {
        case Field::kNeedsFromImpairment:
          needs_from_impairment = b;
          return true;
        case Field::kNeedsFromCare:
          needs_from_care = b;
          return true;
        case Field::kSignificantImpact:
          significant_impact = b;
          return true;
        case Field::kCarerHealth:
          carer_health = b;
          return true;
        default:
          break;
      }
    } else if (depth == 3 && outcomes_used > 0) {
      if (field == Field::kUnable) {
        Current().unable = b;
        Current().has_unable = true;
        return true;
      }
      if (field == Field::kMetByCarer) {
        Current().met_by_carer = b;
        return true;
      }
    }
    WrongType("true or false");
    return true;
  }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(int64_t, json::string_view, json::error_code&) {
    if (SkipScalar()) return true;
    WrongType("a number");
    return true;
  }
  bool on_uint64(uint64_t, json::string_view, json::error_code&) {
    if (SkipScalar()) return true;
    WrongType("a number");
    return true;
  }
  bool on_double(double, json::string_view, json::error_code&) {
    if (SkipScalar()) return true;
    WrongType("a number");
    return true;
  }
  bool on_null(json::error_code&) {
    if (SkipScalar()) return true;
    WrongType("null");
    return true;
  }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }
};

// The kind of assessment; false (with a field error) when it is not "adult" or "carer".
bool ReadKind(const CaseHandler& h, domain::EligibilityInput& in, std::vector<FieldError>& errors) {
  if (h.kind_text == "adult") {
    in.kind = AssessmentKind::kAdult;
  } else if (h.kind_text == "carer") {
    in.kind = AssessmentKind::kCarer;
  } else {
    errors.push_back({"kind", h.kind_text.empty() ? "Give \"kind\": \"adult\" or \"carer\""
                                                  : "Kind must be \"adult\" or \"carer\""});
    return false;
  }
  return true;
}

// The three conditions' answers (regulation 2 for an adult, 3 for a carer): each required, unless
// its field has already been reported.
void ReadConditions(const CaseHandler& h, bool kind_ok, domain::EligibilityInput& in,
                    std::vector<FieldError>& errors) {
  auto require = [&](const std::optional<bool>& v, const char* name) {
    bool reported = std::any_of(errors.begin(), errors.end(),
                                [&](const FieldError& e) { return e.field == name; });
    if (!v && !reported)
      errors.push_back({name, std::string("Give \"") + name + "\": true or false"});
    return v.value_or(false);
  };
  if (kind_ok && in.kind == AssessmentKind::kCarer) {
    if (h.needs_from_care) {
      in.condition_one = *h.needs_from_care;
    } else {
      in.condition_one = require(h.needs_from_impairment, "needs_from_providing_necessary_care");
    }
    in.carer_health_at_risk = require(h.carer_health, "carer_health_at_risk");
  } else {
    in.condition_one = require(h.needs_from_impairment, "needs_from_impairment_or_illness");
    if (kind_ok && h.carer_health) {
      errors.push_back({"carer_health_at_risk", "Only a carer's assessment has this field"});
    }
  }
  in.significant_impact_on_wellbeing =
      require(h.significant_impact, "significant_impact_on_wellbeing");
}

// The outcomes listed: each known for the kind of assessment, listed once, with known reasons,
// and at least one reason when the person is unable to achieve it.
void ReadOutcomes(const CaseHandler& h, domain::EligibilityInput& in,
                  std::vector<FieldError>& errors) {
  std::array<bool, domain::kMaxOutcomeCount> seen{};
  for (size_t i = 0; i < h.outcomes_used; ++i) {
    const RawOutcome& raw = h.outcomes[i];
    auto path = [&] { return "outcomes." + raw.code; };  // Built only for an error.
    auto index = domain::ParseOutcomeCode(in.kind, raw.code);
    if (!index) {
      errors.push_back(
          {path(), "Unknown outcome for a" +
                       std::string(in.kind == AssessmentKind::kAdult ? "n adult" : " carer")});
      continue;
    }
    if (seen[*index]) {
      errors.push_back({path(), "Outcome listed twice"});
      continue;
    }
    seen[*index] = true;
    domain::OutcomeFinding& f = in.outcomes[*index];
    f.unable = raw.unable;
    f.met_by_carer = raw.met_by_carer;
    f.reasons = raw.reasons;
    if (!raw.unknown_reason.empty()) {
      errors.push_back({path() + ".reasons", "Unknown reason \"" + raw.unknown_reason + "\""});
    }
    if (f.unable && f.reasons == 0 && !raw.listed_reasons) {
      errors.push_back({path() + ".reasons",
                        "An outcome the person is unable to achieve needs at "
                        "least one reason"});
    }
  }
}

// Turns what the handler saw into an EligibilityInput, checking codes and required fields.
Result<domain::EligibilityInput> Finish(CaseHandler& h) {
  domain::EligibilityInput in;
  std::vector<FieldError>& errors = h.errors;
  const bool kind_ok = ReadKind(h, in, errors);
  ReadConditions(h, kind_ok, in, errors);
  if (!h.has_outcomes) errors.push_back({"outcomes", "Give \"outcomes\": an object, {} if none"});
  if (kind_ok) ReadOutcomes(h, in, errors);
  if (!errors.empty()) return Error::InvalidArgument("The case is not valid", errors);
  return in;
}

}  // namespace

Result<domain::EligibilityInput> ParseEligibilityCase(std::string_view text) {
  json::basic_parser<CaseHandler> parser{json::parse_options{}};
  json::error_code ec;
  size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (ec) return Error::InvalidArgument("The case is not valid JSON: " + ec.message());
  if (parser.handler().depth != 0 || !parser.handler().done) {
    return Error::InvalidArgument("The case is not a complete JSON object");
  }
  for (size_t i = used; i < text.size(); ++i) {
    char c = text[i];
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      return Error::InvalidArgument("Give one case: there is more after the first JSON object");
    }
  }
  return Finish(parser.handler());
}

void AppendDeterminationJson(const domain::EligibilityInput& in, const domain::Determination& d,
                             std::string& out) {
  out += d.eligible ? "{\"eligible\":true,\"unmet_outcomes\":["
                    : "{\"eligible\":false,\"unmet_outcomes\":[";
  for (size_t i = 0; i < d.unmet_outcomes.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(domain::OutcomeCode(in.kind, d.unmet_outcomes[i]), out);
  }
  out += "],\"failed_conditions\":[";
  for (size_t i = 0; i < d.failed_conditions.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(domain::EligibilityConditionCode(d.failed_conditions[i]), out);
  }
  out += "],\"explanation\":[";
  for (size_t i = 0; i < d.steps.size(); ++i) {
    if (i) out += ',';
    // The sentences hold no character that JSON must escape (checked in the tests), so they are
    // written straight into the output.
    out += '"';
    domain::AppendExplanationSentence(in, d.steps[i], out);
    out += '"';
  }
  out += "]}";
}

void AppendErrorJson(const Error& error, std::string& out) {
  out += "{\"error\":";
  AppendErrorObject(error, out);
  out += '}';
}

StreamSummary StreamEligibility(std::FILE* in, std::FILE* out) {
  SaxValueParser<CaseHandler> parser;
  StreamSummary summary;
  domain::Determination determination;  // Reused: no allocation per case once warm.
  StreamCounts counts = StreamJson(in, out, "Case", parser, [&](std::string& output) {
    auto input = Finish(parser.handler());
    if (input.ok()) {
      domain::DetermineEligibility(*input, determination);
      AppendDeterminationJson(*input, determination, output);
    } else {
      ++summary.invalid;
      AppendErrorJson(input.error(), output);
    }
    output += '\n';
  });
  summary.cases = counts.values;
  summary.malformed = counts.malformed;
  summary.malformed_message = std::move(counts.malformed_message);
  return summary;
}

}  // namespace selfdirect::app
