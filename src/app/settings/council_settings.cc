#include "app/settings/council_settings.h"

#include <boost/json.hpp>
#include <charconv>

#include "app/date_fields.h"
#include "app/planning/plan_json.h"
#include "base/text.h"

namespace selfdirect::app {
namespace {

namespace json = boost::json;
using Values = std::vector<std::pair<std::string, int64_t>>;
constexpr size_t kMaxNote = 2000;

Values ValuesOf(const domain::MonitoringPolicy& p) {
  return {{"surplus_weeks", p.surplus_weeks},
          {"contingency_weeks", p.contingency_weeks},
          {"statement_days", p.statement_days}};
}
Values ValuesOf(const domain::ReviewPolicy& p) {
  return {{"first_review_from_days", p.first_review_from_days},
          {"first_review_by_days", p.first_review_by_days},
          {"plan_interval_months", p.plan_interval_months},
          {"dp_first_months", p.dp_first_months},
          {"dp_interval_months", p.dp_interval_months},
          {"due_soon_days", p.due_soon_days}};
}

Values ValuesOf(const domain::PlanCostPolicy& p) {
  return {{"employer_insurance_annual", p.employer_insurance_annual.pence()},
          {"payroll_service_annual", p.payroll_service_annual.pence()},
          {"tolerance_percent", p.tolerance_basis_points}};
}

void Set(domain::MonitoringPolicy& p, std::string_view name, int64_t v) {
  if (name == "surplus_weeks") p.surplus_weeks = v;
  if (name == "contingency_weeks") p.contingency_weeks = v;
  if (name == "statement_days") p.statement_days = v;
}
void Set(domain::ReviewPolicy& p, std::string_view name, int64_t v) {
  const int n = static_cast<int>(std::clamp<int64_t>(v, -100'000, 100'000));
  if (name == "first_review_from_days") p.first_review_from_days = n;
  if (name == "first_review_by_days") p.first_review_by_days = n;
  if (name == "plan_interval_months") p.plan_interval_months = n;
  if (name == "dp_first_months") p.dp_first_months = n;
  if (name == "dp_interval_months") p.dp_interval_months = n;
  if (name == "due_soon_days") p.due_soon_days = n;
}

void Set(domain::PlanCostPolicy& p, std::string_view name, int64_t v) {
  if (name == "employer_insurance_annual") p.employer_insurance_annual = Pence::FromPence(v);
  if (name == "payroll_service_annual") p.payroll_service_annual = Pence::FromPence(v);
  if (name == "tolerance_percent") p.tolerance_basis_points = v;
}

Status Validate(const domain::MonitoringPolicy& p) { return domain::ValidateMonitoringPolicy(p); }
Status Validate(const domain::ReviewPolicy& p) { return domain::ValidateReviewPolicy(p); }
Status Validate(const domain::PlanCostPolicy& p) { return domain::ValidatePlanCostPolicy(p); }

// What Selfdirect comes with: the domain's defaults, or for planning the shipped policy file.
template <typename P>
P Defaults() {
  return P{};
}
template <>
domain::PlanCostPolicy Defaults<domain::PlanCostPolicy>() {
  return DefaultPlanPolicy();
}

// A stored version's figures over the defaults (a figure a later release adds keeps its default).
template <typename P>
P FromJson(const std::string& text) {
  P p = Defaults<P>();
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return p;
  for (const auto& [name, value] : v.get_object())
    if (value.is_int64()) Set(p, name, value.get_int64());
  return p;
}

std::string ToJson(const Values& values) {
  json::object o;
  for (const auto& [name, v] : values) o[name] = v;
  return json::serialize(o);
}

template <typename P>
Result<P> PolicyOn(Transaction& tx, SettingKind kind, Date day) {
  SD_ASSIGN_OR_RETURN(auto versions, tx.settings().List(std::string(SettingKindCode(kind))));
  const StoredSetting* found = nullptr;
  for (const auto& s : versions)
    if (s.effective_from <= day) found = &s;
  return found ? FromJson<P>(found->values_json) : Defaults<P>();
}

template <typename P>
SettingHistory HistoryOf(SettingKind kind, const std::vector<StoredSetting>& stored, Date today) {
  SettingHistory h{kind, {}};
  h.versions.push_back({std::nullopt, ValuesOf(Defaults<P>()), "", UserId{}, false, false});
  size_t in_force = 0;
  for (const auto& s : stored) {
    h.versions.push_back({s.effective_from, ValuesOf(FromJson<P>(s.values_json)), s.note,
                          s.created_by, false, s.effective_from > today});
    if (s.effective_from <= today) in_force = h.versions.size() - 1;
  }
  h.versions[in_force].in_force = true;
  return h;
}

std::optional<int64_t> Whole(std::string_view text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::string Enter(const SettingField& f) {
  switch (f.figure) {
    case Figure::kMoney:
      return "Enter the price in pounds, for example 61.00";
    case Figure::kPercent:
      return "Enter the percentage as a number, for example 10";
    case Figure::kWhole:
      break;
  }
  return "Enter the " + f.unit + " as a whole number";
}

// The figures typed, checked as whole numbers and then against the law's and our limits.
template <typename P>
Values ReadFigures(SettingKind kind, const SettingInput& in, std::vector<FieldError>& errors) {
  P p = Defaults<P>();
  bool whole = true;
  for (const auto& f : FieldsOf(kind)) {
    auto it = in.values.find(f.name);
    auto v = it == in.values.end() ? std::nullopt : ReadFigure(f, it->second);
    if (!v) {
      errors.push_back({f.name, Enter(f)});
      whole = false;
      continue;
    }
    Set(p, f.name, *v);
  }
  if (Status s = Validate(p); whole && !s.ok())
    for (const auto& e : s.error().fields) errors.push_back(e);
  return ValuesOf(p);
}

}  // namespace

std::string_view SettingKindCode(SettingKind k) {
  switch (k) {
    case SettingKind::kMonitoring:
      return "monitoring";
    case SettingKind::kReviews:
      return "reviews";
    case SettingKind::kPlanning:
      break;
  }
  return "planning";
}

std::string_view SettingKindTitle(SettingKind k) {
  switch (k) {
    case SettingKind::kMonitoring:
      return "Money monitoring thresholds";
    case SettingKind::kReviews:
      return "Review policy";
    case SettingKind::kPlanning:
      break;
  }
  return "Support planning policy";
}

std::string FigureText(const SettingField& f, int64_t kept) {
  if (f.figure == Figure::kWhole) return std::to_string(kept);
  const std::string money = Pence::FromPence(kept).ToString();
  if (f.figure == Figure::kMoney) return money;
  // A percentage to two decimals, without trailing zeros: "10", "12.5", "7.25".
  std::string_view t = money;
  if (t.ends_with(".00")) return std::string(t.substr(0, t.size() - 3));
  if (t.ends_with('0')) return std::string(t.substr(0, t.size() - 1));
  return money;
}

std::string FigureDisplay(const SettingField& f, int64_t kept) {
  switch (f.figure) {
    case Figure::kMoney:
      return Pence::FromPence(kept).ToDisplayString() + " " + f.unit;
    case Figure::kPercent:
      return FigureText(f, kept) + "%";
    case Figure::kWhole:
      break;
  }
  return std::to_string(kept) + " " + f.unit;
}

std::optional<int64_t> ReadFigure(const SettingField& f, std::string_view typed) {
  typed = Trim(typed);
  if (f.figure == Figure::kWhole) return Whole(typed);
  if (f.figure == Figure::kPercent && typed.ends_with('%'))
    typed = Trim(typed.substr(0, typed.size() - 1));
  auto v = Pence::Parse(typed);  // Pounds and pence, or a percentage to two decimals.
  if (!v.ok()) return std::nullopt;
  return v->pence();
}

std::optional<SettingKind> ParseSettingKind(std::string_view code) {
  for (auto k : kSettingKinds)
    if (SettingKindCode(k) == code) return k;
  return std::nullopt;
}

const std::vector<SettingField>& FieldsOf(SettingKind k) {
  static const std::vector<SettingField> monitoring = {
      {"surplus_weeks", "An account holding more than this many weeks of payments has a surplus",
       "weeks"},
      {"contingency_weeks", "Weeks of payments kept back for emergencies before a surplus counts",
       "weeks"},
      {"statement_days", "Days without a bank statement before an account is looked at", "days"}};
  static const std::vector<SettingField> reviews = {
      {"first_review_from_days", "Days after a plan is agreed before its first review may be held",
       "days"},
      {"first_review_by_days", "Days after a plan is agreed by which its first review is due",
       "days"},
      {"plan_interval_months", "Most months between reviews", "months"},
      {"dp_first_months", "Months after the first direct payment by which it is reviewed",
       "months"},
      {"dp_interval_months", "Most months between direct payment reviews", "months"},
      {"due_soon_days", "Days before the due date that a review shows as due soon", "days"}};
  static const std::vector<SettingField> planning = {
      {"employer_insurance_annual",
       "Employer's liability insurance a plan includes for each employer of a personal assistant",
       "a year", Figure::kMoney},
      {"payroll_service_annual", "A payroll service, for each employer who uses one", "a year",
       Figure::kMoney},
      {"tolerance_percent",
       "How far a plan may cost more than the indicative budget before it needs a reason", "%",
       Figure::kPercent}};
  switch (k) {
    case SettingKind::kMonitoring:
      return monitoring;
    case SettingKind::kReviews:
      return reviews;
    case SettingKind::kPlanning:
      break;
  }
  return planning;
}

Result<domain::MonitoringPolicy> MonitoringPolicyOn(Transaction& tx, Date day) {
  return PolicyOn<domain::MonitoringPolicy>(tx, SettingKind::kMonitoring, day);
}

Result<domain::ReviewPolicy> ReviewPolicyOn(Transaction& tx, Date day) {
  return PolicyOn<domain::ReviewPolicy>(tx, SettingKind::kReviews, day);
}

Result<domain::PlanCostPolicy> PlanPolicyOn(Transaction& tx, Date day) {
  return PolicyOn<domain::PlanCostPolicy>(tx, SettingKind::kPlanning, day);
}

Result<SettingsOverview> SettingsService::Overview(const CallContext& ctx, const Principal& who) {
  SettingsOverview out;
  out.today = clock_.Now().LondonDate();
  Status read =
      who.user.role != domain::Role::kAdministrator
          ? Status(Error::PermissionDenied("Only administrators see the council's settings"))
          : store_.Read(ctx.council, [&](Transaction& tx) -> Status {
              SD_ASSIGN_OR_RETURN(auto monitoring, tx.settings().List("monitoring"));
              SD_ASSIGN_OR_RETURN(auto reviews, tx.settings().List("reviews"));
              SD_ASSIGN_OR_RETURN(auto planning, tx.settings().List("planning"));
              out.kinds.push_back(HistoryOf<domain::MonitoringPolicy>(SettingKind::kMonitoring,
                                                                      monitoring, out.today));
              out.kinds.push_back(
                  HistoryOf<domain::ReviewPolicy>(SettingKind::kReviews, reviews, out.today));
              out.kinds.push_back(
                  HistoryOf<domain::PlanCostPolicy>(SettingKind::kPlanning, planning, out.today));
              SD_ASSIGN_OR_RETURN(out.charging, tx.charging_policies().List());
              return OkStatus();
            });
  audit_.Record(ctx.council,
                AuditOf(clock_, who, ctx, ReadAction("settings.view", read), "", "", ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Result<SettingVersion> SettingsService::Set(const CallContext& ctx, const Principal& who,
                                            const SettingInput& in) {
  if (who.user.role != domain::Role::kAdministrator) {
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "settings.store_refused", "setting",
                                       in.kind, "not an administrator"));
    return Error::PermissionDenied("Only administrators change the council's settings");
  }
  const auto kind = ParseSettingKind(in.kind);
  if (!kind) return Error::NotFound("No setting of that kind");
  std::vector<FieldError> errors;
  const Date today = clock_.Now().LondonDate();
  auto from = DateOrError(in.effective_from, "effective_from", "the date it takes effect", errors);
  if (from && *from < today)
    errors.push_back({"effective_from",
                      "The date it takes effect must be today or later: decisions already made "
                      "keep the figures of their day"});
  else if (from && *from == today && *kind == SettingKind::kPlanning)
    errors.push_back({"effective_from",
                      "Prices for plans take effect from tomorrow or later: plans agreed today "
                      "keep today's prices"});
  Values values =
      *kind == SettingKind::kMonitoring ? ReadFigures<domain::MonitoringPolicy>(*kind, in, errors)
      : *kind == SettingKind::kReviews  ? ReadFigures<domain::ReviewPolicy>(*kind, in, errors)
                                        : ReadFigures<domain::PlanCostPolicy>(*kind, in, errors);
  const std::string note(Trim(in.note));
  if (note.empty()) errors.push_back({"note", "Say what changes and why"});
  if (note.size() > kMaxNote) errors.push_back({"note", "Keep the note to 2,000 characters"});
  if (!errors.empty()) return Error::InvalidArgument("Check the figures", std::move(errors));
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(
        tx.settings().Insert({in.kind, *from, ToJson(values), note, who.user.id, clock_.Now()}));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "settings.store", "setting", in.kind,
                                     "from " + from->ToString() + " " + ToJson(values)));
  }));
  return SettingVersion{*from, values, note, who.user.id, *from <= today, *from > today};
}

}  // namespace selfdirect::app
