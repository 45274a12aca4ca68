// The `plan cost` stream: a SAX reader straight into domain::PlanCostInput for the plans people
// send in bulk (the fields of the contract, every value well formed), and the field-error reader
// of plan_json.cc for everything else. Anything the fast reader does not take as it is (a null, a
// value of another type, a field named twice or not known, an amount, date or code that does not
// parse, an item not in the catalogue, a required field missing, a plan the engine would refuse)
// sends that one plan, whose text is kept, through the full reader, so every error and every
// unusual plan gives exactly what the one-at-a-time path gives.
#include <boost/json/basic_parser_impl.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/json_stream.h"
#include "app/planning/plan_json.h"

namespace selfdirect::app {
namespace {

namespace json = boost::json;

enum class Top : uint8_t {
  kNone,
  kPerson,
  kDate,
  kBudget,
  kTolerance,
  kManaged,
  kAllowance,
  kPayroll,
  kLines,
};

enum class Field : uint8_t {
  kNone,
  kItem,
  kDescription,
  kCategory,
  kUnit,
  kUnitCost,
  kQuantity,
  kTimes,
  kPer,
  kWeeks,
  kManaged,
  kEmployer,
  kHolidayCover,
};

constexpr SaxField<Top> kTopFields[] = {
    {"person", Top::kPerson},
    {"costing_date", Top::kDate},
    {"indicative_weekly_budget", Top::kBudget},
    {"tolerance_percent", Top::kTolerance},
    {"managed_as", Top::kManaged},
    {"employment_allowance", Top::kAllowance},
    {"payroll_service", Top::kPayroll},
    {"lines", Top::kLines},
};

constexpr SaxField<Field> kLineFields[] = {
    {"item", Field::kItem},
    {"times", Field::kTimes},
    {"managed_as", Field::kManaged},
    {"quantity", Field::kQuantity},
    {"unit_cost", Field::kUnitCost},
    {"description", Field::kDescription},
    {"category", Field::kCategory},
    {"unit", Field::kUnit},
    {"per", Field::kPer},
    {"weeks_per_year", Field::kWeeks},
    {"employer", Field::kEmployer},
    {"holiday_cover", Field::kHolidayCover},
};

// A decimal with at most two places given as a string ("5.6"), as hundredths (as the full
// reader's Hundredths; false where it would record an error).
bool StringHundredths(std::string_view value, int64_t& into) {
  if (value.starts_with("\xc2\xa3")) return false;
  auto p = Pence::Parse(value);
  if (!p.ok()) return false;
  into = p->pence();
  return true;
}

// The same for a whole number (20).
bool IntegerHundredths(int64_t n, int64_t& into) {
  if (n <= -1'000'000'000 || n >= 1'000'000'000) return false;
  into = n * 100;
  return true;
}

// The catalogue's items by code, made once per stream: an open-addressed table (FNV-1a, a power
// of two of slots at most half full), a few instructions a line where Catalogue::Find compares
// codes one by one. Finds what Catalogue::Find finds (the first item of a code).
class ItemIndex {
 public:
  ItemIndex() = default;
  explicit ItemIndex(const Catalogue& catalogue) {
    size_t size = 16;
    while (size < 2 * catalogue.items.size()) size *= 2;
    slots_.assign(size, nullptr);
    for (const CatalogueItem& item : catalogue.items) {
      size_t i = Slot(item.code);
      while (slots_[i] != nullptr && slots_[i]->code != item.code) i = (i + 1) & (size - 1);
      if (slots_[i] == nullptr) slots_[i] = &item;
    }
  }
  const CatalogueItem* Find(std::string_view code) const {
    if (slots_.empty()) return nullptr;
    for (size_t i = Slot(code);; i = (i + 1) & (slots_.size() - 1)) {
      const CatalogueItem* item = slots_[i];
      if (item == nullptr || item->code == code) return item;
    }
  }

 private:
  size_t Slot(std::string_view code) const {
    uint64_t h = 14695981039346656037ull;
    for (char c : code) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return static_cast<size_t>(h) & (slots_.size() - 1);
  }
  std::vector<const CatalogueItem*> slots_;
};

// Reads one plan. Depth 1: the plan object; 2: inside "lines"; 3: inside one line. `full` is set
// at the first thing the fast path leaves to the full reader; the rest of that value is then only
// parsed.
struct FastHandler : SaxHandlerBase<FastHandler> {
  ItemIndex items;
  domain::PlanCostInput in;
  std::string person;
  size_t lines_used = 0;           // Lines of in.lines in use (kept for their capacity).
  std::vector<bool> line_managed;  // Whether each line gave its managed_as.
  domain::ManagedAs plan_managed = domain::ManagedAs::kDirectPayment;
  Top top = Top::kNone;
  Field field = Field::kNone;
  uint32_t top_seen = 0;
  uint32_t line_seen = 0;

  void Reset() {
    in.costing_date = Date();
    in.employment_allowance = true;
    in.payroll_service = false;
    in.indicative_weekly.reset();
    in.tolerance_basis_points.reset();
    person.clear();
    lines_used = 0;
    plan_managed = domain::ManagedAs::kDirectPayment;
    ResetBase();
    top = Top::kNone;
    field = Field::kNone;
    top_seen = line_seen = 0;
  }

  // The plan as the engine takes it (false: leave it to the full reader).
  bool Finish() {
    if (full) return false;
    constexpr uint32_t kRequired = FieldBit(Top::kDate) | FieldBit(Top::kLines);
    if ((top_seen & kRequired) != kRequired) return false;
    in.lines.resize(lines_used);
    for (size_t i = 0; i < lines_used; ++i)
      if (!line_managed[i]) in.lines[i].managed_as = plan_managed;
    return domain::ValidatePlanCostInput(in).ok();
  }

  bool on_object_begin(json::error_code&) {
    ++depth;
    if (full) return true;
    if (depth == 1) return true;
    if (depth == 3 && top == Top::kLines) return BeginLine();
    return Full();
  }
  bool BeginLine() {
    if (lines_used > 200) return Full();  // The engine refuses it; the full reader says why.
    if (lines_used == in.lines.size()) {
      in.lines.emplace_back();
      line_managed.push_back(false);
    }
    domain::PlanLine& l = in.lines[lines_used++];
    static const domain::PlanLine kFresh;
    l.item.clear();
    l.description.clear();
    l.category = kFresh.category;
    l.unit = kFresh.unit;
    l.unit_cost = kFresh.unit_cost;
    l.quantity_hundredths = kFresh.quantity_hundredths;
    l.times = kFresh.times;
    l.period = kFresh.period;
    l.weeks_per_year = kFresh.weeks_per_year;
    l.managed_as = kFresh.managed_as;
    l.employer = kFresh.employer;
    l.holiday_cover = kFresh.holiday_cover;
    line_seen = 0;
    return true;
  }
  bool on_object_end(std::size_t, json::error_code&) {
    --depth;
    if (full) return true;
    if (depth == 2) {
      field = Field::kNone;
      return EndLine() ? true : Full();
    }
    return true;
  }
  // What ReadPlanLine derives once the whole line is read: the catalogue item's fields where the
  // line gives none, the person's own item's required fields, the period and the employer.
  bool EndLine() {
    domain::PlanLine& l = in.lines[lines_used - 1];
    line_managed[lines_used - 1] = (line_seen & FieldBit(Field::kManaged)) != 0;
    if (!l.item.empty()) {
      const CatalogueItem* item = items.Find(l.item);
      if (item == nullptr) return false;
      if (!(line_seen & FieldBit(Field::kCategory))) l.category = item->category;
      if (!(line_seen & FieldBit(Field::kUnit))) l.unit = item->unit;
      if (!(line_seen & FieldBit(Field::kUnitCost))) l.unit_cost = item->reference_price;
      if (l.description.empty()) l.description = item->description;
    } else {
      constexpr uint32_t kOwn = FieldBit(Field::kDescription) | FieldBit(Field::kCategory) |
                                FieldBit(Field::kUnit) | FieldBit(Field::kUnitCost);
      if ((line_seen & kOwn) != kOwn) return false;
    }
    if (!(line_seen & FieldBit(Field::kPer))) {
      if (l.unit == domain::Unit::kItem)
        l.period = domain::Period::kOnce;
      else if (l.unit == domain::Unit::kMonth)
        l.period = domain::Period::kMonth;
      else if (l.unit == domain::Unit::kYear)
        l.period = domain::Period::kYear;
    }
    if (!(line_seen & FieldBit(Field::kEmployer)) && l.item == "pa-agency-hour")
      l.employer = domain::PaEmployer::kOrganisation;
    return true;
  }
  bool on_array_begin(json::error_code&) {
    ++depth;
    if (full) return true;
    if (depth == 2 && top == Top::kLines) return true;
    return Full();
  }
  bool Key(std::string_view name) {
    return depth == 1 ? TakeField(kTopFields, name, top, top_seen)
                      : TakeField(kLineFields, name, field, line_seen);
  }

  bool String(std::string_view value) {
    return depth == 3 ? LineString(value) : depth == 1 && TopString(value);
  }
  template <typename T>
  static bool Code(std::optional<T> parsed, T& into) {
    if (!parsed) return false;
    into = *parsed;
    return true;
  }
  bool TopString(std::string_view value) {
    switch (top) {
      case Top::kPerson:
        person.assign(value);
        return true;
      case Top::kDate: {
        auto d = Date::Parse(value);
        if (!d.ok() || value.empty()) return false;
        in.costing_date = *d;
        return true;
      }
      case Top::kBudget: {
        Pence p;
        if (!Money(value, p)) return false;
        in.indicative_weekly = p;
        return true;
      }
      case Top::kTolerance: {
        int64_t h = 0;
        if (!StringHundredths(value, h)) return false;
        in.tolerance_basis_points = h;
        return true;
      }
      case Top::kManaged:
        return Code(domain::ParseManagedAs(value), plan_managed);
      default:
        return false;
    }
  }
  bool LineString(std::string_view value) {
    domain::PlanLine& l = in.lines[lines_used - 1];
    switch (field) {
      case Field::kItem:
        l.item.assign(value);
        return true;
      case Field::kDescription:
        l.description.assign(value);
        return true;
      case Field::kCategory:
        return Code(domain::ParseSupportCategory(value), l.category);
      case Field::kUnit:
        return Code(domain::ParseUnit(value), l.unit);
      case Field::kUnitCost:
        return Money(value, l.unit_cost);
      case Field::kQuantity:
        return StringHundredths(value, l.quantity_hundredths);
      case Field::kPer:
        return Code(domain::ParsePeriod(value), l.period);
      case Field::kManaged:
        return Code(domain::ParseManagedAs(value), l.managed_as);
      case Field::kEmployer:
        if (value == "person") {
          l.employer = domain::PaEmployer::kPerson;
        } else if (value == "organisation") {
          l.employer = domain::PaEmployer::kOrganisation;
        } else {
          return false;
        }
        return true;
      default:
        return false;
    }
  }
  bool on_int64(int64_t v, json::string_view, json::error_code&) {
    if (full) return true;
    if (depth == 1) return TopInteger(v) ? true : Full();
    if (depth != 3) return Full();
    domain::PlanLine& l = in.lines[lines_used - 1];
    switch (field) {
      case Field::kQuantity:
        return IntegerHundredths(v, l.quantity_hundredths) ? true : Full();
      case Field::kTimes:  // As the full reader: held in range so validation refuses a huge one.
        l.times = std::clamp<int64_t>(v, -1, 100000);
        return true;
      case Field::kWeeks:
        l.weeks_per_year = static_cast<int>(std::clamp<int64_t>(v, -1, 1000));
        return true;
      default:
        return Full();
    }
  }
  bool TopInteger(int64_t v) {
    if (top == Top::kPerson) {
      person = std::to_string(v);
      return true;
    }
    if (top == Top::kTolerance) {
      int64_t h = 0;
      if (!IntegerHundredths(v, h)) return false;
      in.tolerance_basis_points = h;
      return true;
    }
    return false;
  }
  bool on_bool(bool b, json::error_code&) {
    if (full) return true;
    if (depth == 1 && top == Top::kAllowance) {
      in.employment_allowance = b;
      return true;
    }
    if (depth == 1 && top == Top::kPayroll) {
      in.payroll_service = b;
      return true;
    }
    if (depth == 3 && field == Field::kHolidayCover) {
      in.lines[lines_used - 1].holiday_cover = b;
      return true;
    }
    return Full();
  }
};

void AppendFromFullReader(const json::value& v, const Catalogue& catalogue,
                          const domain::PlanCostPolicy& policy, std::string& output,
                          int64_t& invalid) {
  auto outcome = CostPlanJson(v, catalogue, policy);
  if (outcome.ok()) {
    AppendPlanCostJson(outcome->cost, outcome->request.input, outcome->request.person, output);
    output += '\n';
    return;
  }
  ++invalid;
  AppendErrorLine(v, outcome.error(), output);
}

}  // namespace

PlanStreamSummary StreamPlanCosts(const Catalogue& catalogue, const domain::PlanCostPolicy& policy,
                                  std::FILE* in, std::FILE* out) {
  SaxValueParser<FastHandler> parser(KeepText::kYes);  // The text, for the full reader.
  parser.handler().items = ItemIndex(catalogue);
  domain::PlanCost cost;  // Reused from plan to plan.
  PlanStreamSummary summary;
  StreamCounts counts = StreamJson(in, out, "Plan", parser, [&](std::string& output) {
    FastHandler& h = parser.handler();
    const domain::PaEmploymentRates* rates = nullptr;
    if (h.Finish()) {
      auto on = PaRatesOn(h.in.costing_date);
      if (on.ok()) rates = *on;
    }
    if (rates != nullptr) {
      domain::CostPlan(*rates, policy, h.in, cost);
      AppendPlanCostJson(cost, h.in, h.person, output);
      output += '\n';
    } else {
      AppendFromFullReader(json::parse(parser.text()), catalogue, policy, output, summary.invalid);
    }
  });
  summary.plans = counts.values;
  summary.malformed = counts.malformed;
  summary.malformed_message = std::move(counts.malformed_message);
  return summary;
}

}  // namespace selfdirect::app
