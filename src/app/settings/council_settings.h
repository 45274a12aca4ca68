// File: council_settings.h
// The council's own settings and policies with the day each takes effect (issue 23, deliver 5):
// the thresholds money monitoring looks at accounts with, the review policy within the law's
// limits, and the support planning policy (the employer's insurance and payroll service prices a
// plan is costed with, and the tolerance over the indicative budget). Each kind has the figures
// Selfdirect comes with; a council sets its own from a day (never in the past: decisions already
// made keep the figures of their day), and the version in force on a day is the latest from on or
// before it. The charging policy (its own versions, charging_service.h) and the complaints time
// limits (statutory reference data) are shown beside them. Administrators only; every look and
// every change is audited.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/charging/charging_repositories.h"
#include "app/people_service.h"
#include "app/repositories.h"
#include "app/settings/settings_repository.h"
#include "domain/money/monitoring.h"
#include "domain/planning/costing.h"
#include "domain/reviews/review_schedule.h"

namespace selfdirect::app {

enum class SettingKind { kMonitoring, kReviews, kPlanning };
std::string_view SettingKindCode(SettingKind k);   // "monitoring", "reviews", "planning"
std::string_view SettingKindTitle(SettingKind k);  // "Money monitoring thresholds", ...
std::optional<SettingKind> ParseSettingKind(std::string_view code);
inline constexpr SettingKind kSettingKinds[] = {SettingKind::kMonitoring, SettingKind::kReviews,
                                                SettingKind::kPlanning};

// How a figure is typed and kept: a whole number; pounds and pence (kept in pence); a percentage
// to two decimals (kept in basis points).
enum class Figure { kWhole, kMoney, kPercent };

// One figure of a kind, as a form and the API name it.
struct SettingField {
  std::string name;  // "surplus_weeks"
  std::string label;
  std::string unit;  // "weeks", "days", "months", "a year", "%"
  Figure figure = Figure::kWhole;
};
const std::vector<SettingField>& FieldsOf(SettingKind k);
// A kept figure as typed ("8", "61.00", "12.5") and for people ("8 weeks", "£61.00 a year",
// "12.5%").
std::string FigureText(const SettingField& f, int64_t kept);
std::string FigureDisplay(const SettingField& f, int64_t kept);
// A typed figure as kept; nullopt when it is not a figure of the field's kind.
std::optional<int64_t> ReadFigure(const SettingField& f, std::string_view typed);

// The figures of each kind in force on `day`: the council's version, or what Selfdirect comes
// with.
Result<domain::MonitoringPolicy> MonitoringPolicyOn(Transaction& tx, Date day);
Result<domain::ReviewPolicy> ReviewPolicyOn(Transaction& tx, Date day);
Result<domain::PlanCostPolicy> PlanPolicyOn(Transaction& tx, Date day);

struct SettingVersion {
  std::optional<Date> from;                             // None: what Selfdirect comes with.
  std::vector<std::pair<std::string, int64_t>> values;  // In FieldsOf order.
  std::string note;
  UserId set_by;
  bool in_force = false;   // The one in force today.
  bool scheduled = false;  // From a later day.
};
struct SettingHistory {
  SettingKind kind = SettingKind::kMonitoring;
  std::vector<SettingVersion> versions;  // Selfdirect's first, then the council's, oldest first.
};
struct SettingsOverview {
  Date today;
  std::vector<SettingHistory> kinds;
  std::vector<StoredChargingPolicy> charging;  // The council's charging policy versions.
};

struct SettingInput {
  std::string kind;
  std::string effective_from;  // YYYY-MM-DD.
  std::map<std::string, std::string> values;
  std::string note;
};

class SettingsService {
 public:
  SettingsService(Store& store, const Clock& clock, AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  Result<SettingsOverview> Overview(const CallContext& ctx, const Principal& who);
  // A new version from a day: kInvalidArgument naming the fields ("effective_from", "note", or a
  // figure), kAlreadyExists when one starts that day, kPermissionDenied for anyone but an
  // administrator (refusals audited).
  Result<SettingVersion> Set(const CallContext& ctx, const Principal& who, const SettingInput& in);

 private:
  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
};

}  // namespace selfdirect::app
