// The `charging assess` stream: a SAX reader straight into domain::ChargingInput for the inputs
// people send in bulk (the fields of the contract, every value well formed), and the field-error
// reader of charging_json.cc for everything else. Anything the fast reader does not take as it is
// (a council policy, notional capital, itemised expenditure, a null, a value of another type,
// a field named twice, an amount that does not parse, a required field missing, an input the
// engine would refuse) sends that one input, whose text is kept, through the full reader, so
// every error and every unusual input gives exactly what the one-at-a-time path gives.
#include <boost/json/basic_parser_impl.hpp>
#include <cstdint>
#include <string>

#include "app/charging/charging_json.h"
#include "app/json_stream.h"

namespace selfdirect::app {
namespace {

namespace json = boost::json;

enum class Top : uint8_t {
  kNone,
  kPerson,
  kDate,
  kAge,
  kHousehold,
  kPremiums,
  kChildren,
  kCost,
  kCapital,
  kJointCapital,
  kIncome,
  kHousing,
  kDre,
  kDeclined,
};

enum class Item : uint8_t {
  kNone,
  kType,
  kWeekly,
  kJoint,
  kDisregarded,
  kReason,
  kDescription,
};

constexpr SaxField<Top> kTopFields[] = {
    {"person", Top::kPerson},
    {"assessment_date", Top::kDate},
    {"age", Top::kAge},
    {"household", Top::kHousehold},
    {"premiums", Top::kPremiums},
    {"dependent_children", Top::kChildren},
    {"weekly_cost_of_care", Top::kCost},
    {"capital", Top::kCapital},
    {"joint_capital", Top::kJointCapital},
    {"income", Top::kIncome},
    {"housing_costs_weekly", Top::kHousing},
    {"disability_related_expenditure_weekly", Top::kDre},
    {"declined_to_disclose", Top::kDeclined},
};

constexpr SaxField<Item> kItemFields[] = {
    {"type", Item::kType},
    {"weekly", Item::kWeekly},
    {"joint", Item::kJoint},
    {"disregarded_weekly", Item::kDisregarded},
    {"disregard_reason", Item::kReason},
    {"description", Item::kDescription},
};

// Reads one input. Depth 1: the input object; 2: inside "premiums" or "income"; 3: inside one
// income item. `full` is set at the first thing the fast path leaves to the full reader; the rest
// of that value is then only parsed.
struct FastHandler : SaxHandlerBase<FastHandler> {
  domain::ChargingInput in;
  std::string person;
  size_t income_used = 0;  // Items of in.income in use (kept between inputs for their capacity).
  Top top = Top::kNone;
  Item item = Item::kNone;
  uint32_t top_seen = 0;
  uint32_t item_seen = 0;

  void Reset() {
    in.assessment_date = Date();
    in.age = 0;
    in.household = domain::Household::kSingle;
    in.disability_premium = in.enhanced_disability_premium = in.carer_premium = false;
    in.dependent_children = 0;
    in.weekly_cost_of_care = in.capital = in.joint_capital = in.housing_costs_weekly = Pence();
    in.dre_weekly.reset();
    in.declined_to_disclose = false;
    person.clear();
    income_used = 0;
    ResetBase();
    top = Top::kNone;
    item = Item::kNone;
    top_seen = item_seen = 0;
  }

  // The input as the engine takes it (false: leave it to the full reader).
  bool Finish() {
    if (full) return false;
    constexpr uint32_t kRequired = FieldBit(Top::kDate) | FieldBit(Top::kAge) |
                                   FieldBit(Top::kHousehold) | FieldBit(Top::kCost);
    if ((top_seen & kRequired) != kRequired) return false;
    in.income.resize(income_used);
    return domain::ValidateChargingInput(in).ok();
  }

  bool on_object_begin(json::error_code&) {
    ++depth;
    if (full) return true;
    if (depth == 1) return true;
    if (depth == 3 && top == Top::kIncome) {
      if (income_used == in.income.size()) in.income.emplace_back();
      domain::IncomeItem& i = in.income[income_used++];
      i.type = domain::IncomeType::kOther;
      i.weekly = i.disregarded_weekly = Pence();
      i.joint = false;
      i.disregard_reason.clear();
      i.description.clear();
      item_seen = 0;
      return true;
    }
    return Full();
  }
  bool on_object_end(std::size_t, json::error_code&) {
    --depth;
    if (full) return true;
    if (depth == 2) {  // The end of an income item: its type and amount are required.
      if ((item_seen & (FieldBit(Item::kType) | FieldBit(Item::kWeekly))) !=
          (FieldBit(Item::kType) | FieldBit(Item::kWeekly)))
        return Full();
      item = Item::kNone;
    }
    return true;
  }
  bool on_array_begin(json::error_code&) {
    ++depth;
    if (full) return true;
    if (depth == 2 && (top == Top::kPremiums || top == Top::kIncome)) return true;
    return Full();
  }
  bool Key(std::string_view name) {
    return depth == 1 ? TakeField(kTopFields, name, top, top_seen)
                      : TakeField(kItemFields, name, item, item_seen);
  }

  bool String(std::string_view value) {
    return depth == 3 ? ItemString(value) : depth == 2 ? Premium(value) : TopString(value);
  }
  bool TopString(std::string_view value) {
    if (depth != 1) return false;
    switch (top) {
      case Top::kPerson:
        person.assign(value);
        return true;
      case Top::kDate: {
        auto d = Date::Parse(value);
        if (!d.ok()) return false;
        in.assessment_date = *d;
        return true;
      }
      case Top::kHousehold: {
        auto h = domain::ParseHousehold(value);
        if (!h) return false;
        in.household = *h;
        return true;
      }
      case Top::kCost:
        return Money(value, in.weekly_cost_of_care);
      case Top::kCapital:
        return Money(value, in.capital);
      case Top::kJointCapital:
        return Money(value, in.joint_capital);
      case Top::kHousing:
        return Money(value, in.housing_costs_weekly);
      case Top::kDre: {
        Pence p;
        if (!Money(value, p)) return false;
        in.dre_weekly = p;
        return true;
      }
      default:
        return false;
    }
  }
  bool Premium(std::string_view value) {
    if (top != Top::kPremiums) return false;
    if (value == "disability")
      in.disability_premium = true;
    else if (value == "enhanced_disability")
      in.enhanced_disability_premium = true;
    else if (value == "carer")
      in.carer_premium = true;
    else
      return false;
    return true;
  }
  bool ItemString(std::string_view value) {
    domain::IncomeItem& i = in.income[income_used - 1];
    switch (item) {
      case Item::kType: {
        auto t = domain::ParseIncomeType(value);
        if (!t) return false;
        i.type = *t;
        return true;
      }
      case Item::kWeekly:
        return Money(value, i.weekly);
      case Item::kDisregarded:
        return Money(value, i.disregarded_weekly);
      case Item::kReason:
        i.disregard_reason.assign(value);
        return true;
      case Item::kDescription:
        i.description.assign(value);
        return true;
      default:
        return false;
    }
  }
  bool on_int64(int64_t v, json::string_view, json::error_code&) {
    if (full) return true;
    if (depth != 1) return Full();
    // As the full reader: whole numbers held in range so a huge one is refused by validation.
    int clamped = static_cast<int>(std::clamp<int64_t>(v, -1, 1000));
    switch (top) {
      case Top::kPerson:
        person = std::to_string(v);
        return true;
      case Top::kAge:
        in.age = clamped;
        return true;
      case Top::kChildren:
        in.dependent_children = clamped;
        return true;
      default:
        return Full();
    }
  }
  bool on_bool(bool b, json::error_code&) {
    if (full) return true;
    if (depth == 1 && top == Top::kDeclined) {
      in.declined_to_disclose = b;
      return true;
    }
    if (depth == 3 && item == Item::kJoint) {
      in.income[income_used - 1].joint = b;
      return true;
    }
    return Full();
  }
};

void AppendFromFullReader(const json::value& v, const domain::ChargingPolicy& base,
                          domain::Detail detail, std::string& output, int64_t& invalid) {
  auto outcome = AssessChargingJson(v, base, detail);
  if (outcome.ok()) {
    AppendChargingResultJson(outcome->result, *outcome->rates, outcome->request.person, output);
    output += '\n';
    return;
  }
  ++invalid;
  AppendErrorLine(v, outcome.error(), output);
}

}  // namespace

ChargingStreamSummary StreamChargingAssessments(const domain::ChargingPolicy& base, std::FILE* in,
                                                std::FILE* out, domain::Detail detail) {
  SaxValueParser<FastHandler> parser(KeepText::kYes);  // The text, for the full reader.
  domain::ChargingResult result;
  ChargingStreamSummary summary;
  StreamCounts counts = StreamJson(in, out, "Assessment", parser, [&](std::string& output) {
    FastHandler& h = parser.handler();
    const domain::ChargingRates* rates =
        h.Finish() ? domain::RatesInForce(ReferenceChargingRates(), h.in.assessment_date) : nullptr;
    if (rates != nullptr) {
      result = domain::AssessCharge(*rates, base, h.in, detail);
      AppendChargingResultJson(result, *rates, h.person, output);
      output += '\n';
    } else {
      AppendFromFullReader(json::parse(parser.text()), base, detail, output, summary.invalid);
    }
  });
  summary.assessments = counts.values;
  summary.malformed = counts.malformed;
  summary.malformed_message = std::move(counts.malformed_message);
  return summary;
}

}  // namespace selfdirect::app
