// File: support_plan_repository.h
// Support plans as stored: the header, every version, every step, and the agreed spend. The storage
// port, implemented in src/storage; see app/repositories.h for tenancy and transactions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/date.h"
#include "base/pence.h"
#include "base/result.h"
#include "base/strong_id.h"
#include "domain/planning/support_plan.h"

namespace selfdirect::app {

// A person's care and support plan (domain/planning/support_plan.h). The header row holds the
// current version's totals and, once agreed, the agreed version's budget; every version of the
// contents is kept (SupportPlanVersion) and every step is an event.
struct SupportPlanRecord {
  SupportPlanId id;
  PersonId person_id;
  TeamId team_id;            // The person's team (dashboard filter).
  std::string client_group;  // The person's primary support reason code (dashboard filter).
  domain::PlanStatus status = domain::PlanStatus::kDraft;
  int64_t version = 1;           // The current version.
  int64_t approved_version = 0;  // The agreed version; 0 until one is agreed.
  std::optional<Pence> indicative_weekly;
  Pence weekly_total;  // Of the current version.
  Pence annual_total;
  Pence agreed_weekly;  // Of the agreed version (s26 personal budget).
  Pence agreed_annual;
  Pence person_weekly;          // The person's contribution to the agreed budget.
  Pence council_weekly;         // The council's part.
  std::string return_category;  // Of the agreed version; empty until agreed.
  UserId created_by;
  Timestamp created_at;
  Timestamp updated_at;
  UserId last_edited_by;  // Of the current version.
  UserId submitted_by;
  std::optional<Timestamp> submitted_at;
  UserId decided_by;
  std::optional<Timestamp> decided_at;
  std::string decision_reason;  // Why it was returned, or why a higher budget was agreed.
};

struct SupportPlanVersion {
  SupportPlanId plan_id;
  int64_t version = 1;
  std::string content_json;  // app/planning/support_plan_json.h
  Pence weekly_total;
  Pence annual_total;
  UserId changed_by;
  Timestamp changed_at;
  std::string note;  // What changed: the section, "Started", "New version of the agreed plan".
};

struct SupportPlanEvent {
  SupportPlanId plan_id;
  int64_t version = 1;
  std::string kind;  // started, changed, submitted, returned, approved, approved_higher, revised
  std::string reason;
  UserId by;
  Timestamp at;
};

// The agreed spend of a plan for the dashboard: its weekly cost by category and management
// option, in the month it was agreed.
struct AgreedPlanSpend {
  SupportPlanId plan_id;
  std::string month;  // "2026-11"
  TeamId team_id;
  std::string client_group;
  std::string return_category;
  Pence weekly_total;
  struct Line {
    std::string category;
    std::string managed_as;
    Pence weekly;
  };
  std::vector<Line> lines;  // One per category and management option.
};

struct SpendQuery {
  std::optional<TeamId> team_id;
  std::string client_group;  // Empty: all.
};

struct SpendSummary {
  struct Cell {
    std::string month;
    std::string key;  // Category or return category.
    std::string managed_as;
    Pence weekly;
    int64_t count = 0;  // Lines or plans.
  };
  std::vector<Cell> spend;       // By month, category and management option.
  std::vector<Cell> agreements;  // By month and return category (count = plans).
};

class SupportPlanRepository {
 public:
  virtual ~SupportPlanRepository() = default;
  // Stores a new plan with its first version; returns its id.
  virtual Result<SupportPlanId> Insert(const SupportPlanRecord& plan,
                                       const SupportPlanVersion& first) = 0;
  // Writes the header (status, versions, totals, decisions) of an existing plan.
  virtual Status Update(const SupportPlanRecord& plan) = 0;
  // kAlreadyExists if that version exists: versions are never replaced.
  virtual Status AddVersion(const SupportPlanVersion& v) = 0;
  virtual Status AddEvent(const SupportPlanEvent& e) = 0;
  virtual Result<std::optional<SupportPlanRecord>> Find(SupportPlanId id) = 0;
  // The person's plans, newest first.
  virtual Result<std::vector<SupportPlanRecord>> ForPerson(PersonId person) = 0;
  virtual Result<std::optional<SupportPlanVersion>> Version(SupportPlanId plan,
                                                            int64_t version) = 0;
  // Every version, oldest first, without the contents (content_json empty).
  virtual Result<std::vector<SupportPlanVersion>> Versions(SupportPlanId plan) = 0;
  // Oldest first.
  virtual Result<std::vector<SupportPlanEvent>> Events(SupportPlanId plan) = 0;
  // Plans waiting for approval, longest waiting first, for one team or the whole council.
  virtual Result<std::vector<SupportPlanRecord>> Waiting(std::optional<TeamId> team, int limit) = 0;
  // Makes `spend` the plan's agreed spend, replacing what an earlier agreed version recorded, and
  // keeps the dashboard's running totals.
  virtual Status RecordAgreedSpend(const AgreedPlanSpend& spend) = 0;
  // The running totals, filtered.
  virtual Result<SpendSummary> Spend(const SpendQuery& query) = 0;
  // The plan's agreed spend as RecordAgreedSpend last recorded it; no lines if never agreed.
  virtual Result<AgreedPlanSpend> AgreedSpendOf(SupportPlanId plan) = 0;
};

}  // namespace selfdirect::app
