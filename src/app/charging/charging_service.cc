#include "app/charging/charging_service.h"

#include <algorithm>

#include "app/charging/arranged_cost.h"
#include "app/charging/uprate_input.h"
#include "base/effective_dated.h"
#include "base/text.h"
#include "domain/accounts/access_policy.h"

namespace selfdirect::app {
namespace json = boost::json;
using domain::Role;

namespace {

constexpr size_t kMaxReason = 1000;
constexpr size_t kMaxNote = 2000;

bool IsFinance(const Principal& who) { return who.user.role == Role::kFinanceOfficer; }

bool SeesDrafts(const Principal& who) { return domain::SeesFinancialDrafts(who.actor); }

// The date that chooses the council's policy for a request: its assessment date if that read
// (a missing or bad date is reported with the rest of the input), else `fallback`.
Date PolicyDate(const ChargingRequest& request, Date fallback) {
  for (const auto& e : request.read_errors)
    if (e.field == "assessment_date") return fallback;
  return request.input.assessment_date;
}

json::object EvidenceJson(const EvidenceMap& e) {
  json::object o;
  for (const auto& [k, v] : e) o[k] = v;
  return o;
}

EvidenceMap EvidenceFromJson(const std::string& text) {
  EvidenceMap out;
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& kv : v.get_object())
    if (kv.value().is_string()) out[std::string(kv.key())] = std::string(kv.value().get_string());
  return out;
}

Result<std::string> UserName(Transaction& tx, UserId id) {
  if (!id.valid()) return std::string();
  SD_ASSIGN_OR_RETURN(auto user, tx.users().FindById(id));
  return user ? user->display_name : std::string();
}

// Every problem of an assessment a finance officer records, in one answer: the input's (or
// the engine's), then the reason's, then the evidence's. The outcome when there are none.
Result<ChargingOutcome> CheckedOutcome(const FinancialAssessmentChange& change,
                                       const domain::ChargingPolicy& council_policy,
                                       const std::string& why) {
  std::vector<FieldError> errors;
  auto outcome = AssessChargingRequest(change.request, council_policy);
  if (!outcome.ok()) {
    if (outcome.error().code != ErrorCode::kInvalidArgument) return outcome.error();
    errors = outcome.error().fields;
    if (errors.empty()) errors.push_back({"input", outcome.error().message});
  }
  if (why.empty()) errors.push_back({"reason", "Say why the assessment is being done"});
  if (why.size() > kMaxReason)
    errors.push_back({"reason", "Keep the reason to 1,000 characters or fewer"});
  const size_t income_items = outcome.ok() ? outcome->request.input.income.size() : SIZE_MAX;
  for (const auto& [key, status] : change.evidence) {
    if (!IsEvidenceItem(key, income_items))
      errors.push_back({"evidence." + key,
                        "is not an item of the assessment: capital, housing_costs_weekly, "
                        "disability_related_expenditure_weekly or income[N]"});
    else if (!IsEvidenceStatus(status))
      errors.push_back({"evidence." + key, "must be verified, declared or awaited"});
    else if (change.completion == Completion::kComplete && status == "awaited")
      errors.push_back({"evidence." + key,
                        "Evidence is still awaited: save the assessment and complete it when "
                        "the evidence is in"});
  }
  if (errors.empty()) return outcome;
  std::string message = "The financial assessment has " + std::to_string(errors.size()) +
                        " problem" + (errors.size() == 1 ? "" : "s") + ": " + errors[0].field +
                        " " + errors[0].message;
  return Error::InvalidArgument(std::move(message), std::move(errors));
}

// The draft `id` to change, or a new record for `person`.
Result<FinancialAssessmentRecord> RecordToSave(Transaction& tx, const Principal& who,
                                               std::optional<FinancialAssessmentId> id,
                                               std::optional<PersonId> person, Timestamp now) {
  FinancialAssessmentRecord record;
  if (!id) {
    record.person_id = *person;
    record.created_by = who.user.id;
    record.created_at = now;
    return record;
  }
  SD_ASSIGN_OR_RETURN(auto existing, tx.financial_assessments().Find(*id));
  if (!existing) return Error::NotFound("No such financial assessment");
  if (existing->status == FinancialAssessmentStatus::kCompleted)
    return Error::FailedPrecondition(
        "This financial assessment is completed and cannot be changed; start a re-assessment");
  return std::move(*existing);
}

// Writes the checked outcome into `record`; a completed one replaces the person's latest
// completed assessment.
Status FillRecord(Transaction& tx, const Principal& who, const FinancialAssessmentChange& change,
                  const ChargingOutcome& outcome, const std::string& why, Timestamp now,
                  FinancialAssessmentRecord& record) {
  record.input_json = json::serialize(ChargingRequestToJson(outcome.request));
  record.evidence_json = json::serialize(EvidenceJson(change.evidence));
  record.reason = why;
  record.assessment_date = outcome.request.input.assessment_date;
  record.rates_id = outcome.rates->id;
  record.weekly_charge = outcome.result.weekly_charge;
  record.weekly_cost = outcome.request.input.weekly_cost_of_care;
  record.full_cost = outcome.result.full_cost;
  if (change.completion != Completion::kComplete) return OkStatus();
  record.status = FinancialAssessmentStatus::kCompleted;
  record.completed_by = who.user.id;
  record.completed_at = now;
  SD_ASSIGN_OR_RETURN(auto history, tx.financial_assessments().ForPerson(record.person_id));
  for (const auto& h : history)
    if (h.status == FinancialAssessmentStatus::kCompleted && h.id != record.id) {
      record.replaces = h.id;
      break;
    }
  return OkStatus();
}

// Counts one re-assessed person in `r`, listing them if their charge changes.
Status CountChange(Transaction& tx, const FinancialAssessmentRecord& record, Pence now_charge,
                   const std::vector<domain::UpratedIncome>& income, Reassessment& r) {
  const bool confirm = std::any_of(income.begin(), income.end(),
                                   [](const domain::UpratedIncome& u) { return u.to_confirm; });
  if (confirm) ++r.income_to_confirm;
  r.current_weekly_total += record.weekly_charge;
  r.new_weekly_total += now_charge;
  if (now_charge > record.weekly_charge)
    ++r.increase;
  else if (now_charge < record.weekly_charge)
    ++r.decrease;
  else
    ++r.unchanged;
  if (now_charge == record.weekly_charge) return OkStatus();
  SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(record.person_id));
  ReassessmentLine line{
      record.person_id,
      person ? person->details.given_name + " " + person->details.family_name : "",
      record.id,
      record.rates_id,
      record.weekly_charge,
      now_charge,
      {}};
  line.why.push_back("The Minimum Income Guarantee, allowances and disregards of the new year");
  for (const auto& u : income) line.why.push_back(u.why);
  r.changes.push_back(std::move(line));
  return OkStatus();
}

// Largest change first; then by person.
void SortChanges(std::vector<ReassessmentLine>& changes) {
  std::sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) {
    Pence da = a.new_charge - a.current_charge, db = b.new_charge - b.current_charge;
    Pence ma = da < Pence() ? -da : da, mb = db < Pence() ? -db : db;
    return ma != mb ? ma > mb : a.person_id.value() < b.person_id.value();
  });
}

// The completed assessment that replaces `record` on `on`, with its stored input `input_json`
// (the old one with the new date) and the charge worked out again.
FinancialAssessmentRecord NextAssessment(const FinancialAssessmentRecord& record,
                                         std::string input_json, const ChargingOutcome& outcome,
                                         const Principal& who, Date on, Timestamp now) {
  FinancialAssessmentRecord next;
  next.person_id = record.person_id;
  next.status = FinancialAssessmentStatus::kCompleted;
  next.assessment_date = on;
  next.input_json = std::move(input_json);
  next.evidence_json = record.evidence_json;
  next.reason = "Yearly re-assessment: the " + outcome.rates->title + " rates and allowances";
  next.rates_id = outcome.rates->id;
  next.weekly_charge = outcome.result.weekly_charge;
  next.weekly_cost = record.weekly_cost;
  next.full_cost = outcome.result.full_cost;
  next.replaces = record.id;
  next.created_by = next.completed_by = who.user.id;
  next.created_at = now;
  next.completed_at = now;
  return next;
}

// A stored assessment worked out again for the year of `to`.
struct Redone {
  std::string input_json;  // The stored input dated `on`, its benefits at the new year's rates.
  ChargingOutcome outcome;
  std::vector<domain::UpratedIncome> income;  // What happened to each income item, and why.
};

// A stored assessment's input dated `on`, with its incomes uprated from its year to `to`
// (uprating.h), and its figures with `policy`.
Result<Redone> ReassessStored(const FinancialAssessmentRecord& record,
                              const domain::ChargingPolicy& policy, const domain::ChargingRates& to,
                              Date on) {
  json::error_code ec;
  json::value v = json::parse(record.input_json, ec);
  if (ec || !v.is_object())
    return Error::Internal("Stored financial assessment " + record.id.ToString() +
                           " is not valid JSON");
  Redone out;
  out.income = MoveInputToYear(v.get_object(), record.rates_id, to, on);
  auto outcome = AssessChargingRequest(ChargingRequestFromJson(v.get_object()), policy,
                                       domain::Detail::kSummary);
  if (!outcome.ok())
    return Error::Internal("Stored financial assessment " + record.id.ToString() +
                           " does not read: " + outcome.error().message);
  out.input_json = json::serialize(v);
  out.outcome = std::move(*outcome);
  return out;
}

}  // namespace

bool IsEvidenceItem(std::string_view key, size_t income_items) {
  if (key == "capital" || key == "housing_costs_weekly" ||
      key == "disability_related_expenditure_weekly")
    return true;
  if (key.size() < 8 || key.substr(0, 7) != "income[" || key.back() != ']') return false;
  std::string_view digits = key.substr(7, key.size() - 8);
  if (digits.empty() || digits.size() > 3 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  return std::stoul(std::string(digits)) < income_items;
}

bool IsEvidenceStatus(std::string_view s) {
  return s == "verified" || s == "declared" || s == "awaited";
}

Result<domain::ChargingPolicy> PolicyFrom(const std::vector<StoredChargingPolicy>& stored,
                                          Date date) {
  const StoredChargingPolicy* best = InForceOn(stored, date);
  if (best == nullptr) return DefaultChargingPolicy();
  json::error_code ec;
  json::value v = json::parse(best->definition_json, ec);
  if (ec) return Error::Internal("A stored charging policy is not valid JSON");
  auto p = ChargingPolicyFromJson(v, DefaultChargingPolicy());
  if (!p.ok())
    return Error::Internal("A stored charging policy does not read: " + p.error().message);
  return *p;
}

Result<ChargingOutcome> DeriveStored(const FinancialAssessmentRecord& record,
                                     const domain::ChargingPolicy& council_policy) {
  json::error_code ec;
  json::value v = json::parse(record.input_json, ec);
  if (ec) return Error::Internal("The stored financial assessment input is not valid JSON");
  auto outcome = AssessChargingJson(v, council_policy);
  if (!outcome.ok())
    return Error::Internal("The stored financial assessment does not read: " +
                           outcome.error().message);
  if (outcome->rates->id != record.rates_id ||
      outcome->result.weekly_charge != record.weekly_charge)
    return Error::Internal("The stored financial assessment " + record.id.ToString() +
                           " no longer gives its stored charge");
  return outcome;
}

Result<domain::ChargingPolicy> ChargingService::PolicyOn(CouncilId council, Date date) {
  std::vector<StoredChargingPolicy> stored;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(stored, tx.charging_policies().List());
    return OkStatus();
  }));
  return PolicyFrom(stored, date);
}

Result<ChargingOutcome> ChargingService::Calculate(CouncilId council, ChargingRequest request) {
  SD_ASSIGN_OR_RETURN(auto policy,
                      PolicyOn(council, PolicyDate(request, clock_.Now().LondonDate())));
  return AssessChargingRequest(std::move(request), policy);
}

Result<FinancialAssessmentView> ChargingService::Create(const CallContext& ctx,
                                                        const Principal& who, PersonId person,
                                                        const FinancialAssessmentChange& change) {
  return Save(ctx, who, std::nullopt, person, change);
}

Result<FinancialAssessmentView> ChargingService::Update(const CallContext& ctx,
                                                        const Principal& who,
                                                        FinancialAssessmentId id,
                                                        const FinancialAssessmentChange& change) {
  return Save(ctx, who, id, std::nullopt, change);
}

Result<FinancialAssessmentView> ChargingService::Save(const CallContext& ctx, const Principal& who,
                                                      std::optional<FinancialAssessmentId> id,
                                                      std::optional<PersonId> person_id,
                                                      const FinancialAssessmentChange& change) {
  if (!IsFinance(who))
    return Error::PermissionDenied("Only finance officers carry out financial assessments");
  FinancialAssessmentView view;
  const Timestamp now = clock_.Now();
  const bool complete = change.completion == Completion::kComplete;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(FinancialAssessmentRecord record,
                        RecordToSave(tx, who, id, person_id, now));
    SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(record.person_id));
    if (!person || !domain::CanViewPerson(who.actor, {person->id, person->team_id}))
      return Error::NotFound("No person with that reference");
    SD_ASSIGN_OR_RETURN(auto policies, tx.charging_policies().List());
    SD_ASSIGN_OR_RETURN(auto policy,
                        PolicyFrom(policies, PolicyDate(change.request, now.LondonDate())));
    const std::string why(Trim(change.reason));
    // With an agreed plan, the cost of care is what it arranges (arranged_cost.h).
    FinancialAssessmentChange arranged = change;
    SD_ASSIGN_OR_RETURN(auto cost, ArrangedWeeklyCost(tx, record.person_id));
    if (cost) arranged.request.input.weekly_cost_of_care = *cost;
    SD_ASSIGN_OR_RETURN(ChargingOutcome outcome, CheckedOutcome(arranged, policy, why));
    SD_RETURN_IF_ERROR(FillRecord(tx, who, arranged, outcome, why, now, record));
    if (id) {
      SD_RETURN_IF_ERROR(tx.financial_assessments().UpdateDraft(record));
    } else {
      SD_ASSIGN_OR_RETURN(record.id, tx.financial_assessments().Insert(record));
    }
    view.outcome = std::move(outcome);
    view.evidence = change.evidence;
    view.person = std::move(*person);
    view.can_edit = !complete;
    SD_ASSIGN_OR_RETURN(view.created_by_name, UserName(tx, record.created_by));
    SD_ASSIGN_OR_RETURN(view.completed_by_name, UserName(tx, record.completed_by));
    view.record = record;
    const char* action = complete ? "financial_assessment.complete" : "financial_assessment.save";
    return tx.audit().Append(AuditOf(clock_, who, ctx, action, "financial_assessment",
                                     record.id.ToString(),
                                     "weekly charge " + record.weekly_charge.ToString()));
  }));
  return view;
}

Result<FinancialAssessmentView> ChargingService::Get(const CallContext& ctx, const Principal& who,
                                                     FinancialAssessmentId id) {
  FinancialAssessmentView view;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto record, tx.financial_assessments().Find(id));
    if (!record) return Error::NotFound("No such financial assessment");
    SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(record->person_id));
    SD_ASSERT(person);  // Foreign key.
    if (!domain::CanViewPerson(who.actor, {person->id, person->team_id}) ||
        (record->status == FinancialAssessmentStatus::kDraft && !SeesDrafts(who)))
      return Error::NotFound("No such financial assessment");
    SD_ASSIGN_OR_RETURN(auto policies, tx.charging_policies().List());
    SD_ASSIGN_OR_RETURN(auto policy, PolicyFrom(policies, record->assessment_date));
    SD_ASSIGN_OR_RETURN(view.outcome, DeriveStored(*record, policy));
    view.evidence = EvidenceFromJson(record->evidence_json);
    SD_ASSIGN_OR_RETURN(view.created_by_name, UserName(tx, record->created_by));
    SD_ASSIGN_OR_RETURN(view.completed_by_name, UserName(tx, record->completed_by));
    view.can_edit = record->status == FinancialAssessmentStatus::kDraft && IsFinance(who);
    view.person = std::move(*person);
    view.record = std::move(*record);
    return OkStatus();
  });
  audit_.Record(ctx.council,
                AuditOf(clock_, who, ctx, ReadAction("financial_assessment.view", read),
                        "financial_assessment", id.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return view;
}

Result<PersonCharges> ChargingService::ReadCharges(const CallContext& ctx, const Principal& who,
                                                   PersonId person_id, ChargesWanted wanted,
                                                   const char* action) {
  PersonCharges out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(person_id));
    if (!person || !domain::CanViewPerson(who.actor, {person->id, person->team_id}))
      return Error::NotFound("No person with that reference");
    if (wanted.assessments) {
      SD_ASSIGN_OR_RETURN(auto all, tx.financial_assessments().ForPerson(person_id));
      for (auto& a : all)
        if (a.status == FinancialAssessmentStatus::kCompleted || SeesDrafts(who))
          out.assessments.push_back(std::move(a));
    }
    if (wanted.estimates) {
      SD_ASSIGN_OR_RETURN(out.estimates, tx.charging_estimates().ForPerson(person_id));
    }
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction(action, read), "person",
                                     person_id.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Result<std::vector<FinancialAssessmentRecord>> ChargingService::ForPerson(const CallContext& ctx,
                                                                          const Principal& who,
                                                                          PersonId person_id) {
  SD_ASSIGN_OR_RETURN(auto charges, ReadCharges(ctx, who, person_id, {.assessments = true},
                                                "financial_assessment.list"));
  return std::move(charges.assessments);
}

Result<ChargingEstimateRecord> ChargingService::SaveEstimate(const CallContext& ctx,
                                                             const Principal& who,
                                                             PersonId person_id,
                                                             const ChargingRequest& request) {
  if (!domain::ActsForPerson(who.actor, person_id))
    return Error::PermissionDenied(
        "Only the person or their representative can keep an estimate on their record");
  if (request.policy)
    return Error::InvalidArgument(
        "An estimate uses the council's charging policy",
        {{"policy", "An estimate uses the council's charging policy; leave this out"}});
  ChargingEstimateRecord record;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(person_id));
    if (!person || !domain::CanViewPerson(who.actor, {person->id, person->team_id}))
      return Error::NotFound("No person with that reference");
    SD_ASSIGN_OR_RETURN(auto policies, tx.charging_policies().List());
    SD_ASSIGN_OR_RETURN(auto policy,
                        PolicyFrom(policies, PolicyDate(request, clock_.Now().LondonDate())));
    SD_ASSIGN_OR_RETURN(auto outcome, AssessChargingRequest(request, policy));
    record.person_id = person_id;
    record.input_json = json::serialize(ChargingInputToJson(outcome.request.input));
    record.rates_id = outcome.rates->id;
    record.weekly_charge = outcome.result.weekly_charge;
    record.weekly_cost = outcome.request.input.weekly_cost_of_care;
    record.full_cost = outcome.result.full_cost;
    record.created_by = who.user.id;
    record.created_at = clock_.Now();
    SD_ASSIGN_OR_RETURN(record.id, tx.charging_estimates().Insert(record));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "charging_estimate.save", "person",
                                     person_id.ToString(), "estimate " + record.id.ToString()));
  }));
  return record;
}

Result<std::vector<ChargingEstimateRecord>> ChargingService::Estimates(const CallContext& ctx,
                                                                       const Principal& who,
                                                                       PersonId person_id) {
  SD_ASSIGN_OR_RETURN(auto charges, ReadCharges(ctx, who, person_id, {.estimates = true},
                                                "charging_estimate.list"));
  return std::move(charges.estimates);
}

Result<PersonId> ChargingService::RemoveEstimate(const CallContext& ctx, const Principal& who,
                                                 ChargingEstimateId id) {
  PersonId person;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto estimate, tx.charging_estimates().Find(id));
    // Someone who may not act for the person is told there is no such estimate.
    if (!estimate || !domain::ActsForPerson(who.actor, estimate->person_id))
      return Error::NotFound("No such estimate");
    person = estimate->person_id;
    SD_RETURN_IF_ERROR(tx.charging_estimates().Delete(id));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "charging_estimate.remove", "person",
                                     person.ToString(), "estimate " + id.ToString()));
  }));
  return person;
}

Result<Reassessment> ChargingService::PreviewReassessment(const CallContext& ctx,
                                                          const Principal& who, Date on) {
  return Reassess(ctx, who, on, ReassessMode::kPreview);
}

Result<Reassessment> ChargingService::ApplyReassessment(const CallContext& ctx,
                                                        const Principal& who, Date on) {
  return Reassess(ctx, who, on, ReassessMode::kApply);
}

Result<Reassessment> ChargingService::Reassess(const CallContext& ctx, const Principal& who,
                                               Date on, ReassessMode mode) {
  if (!IsFinance(who)) return Error::PermissionDenied("Only finance officers re-assess charges");
  SD_ASSIGN_OR_RETURN(const domain::ChargingRates* rates, ChargingRatesOn(on));
  const bool apply = mode == ReassessMode::kApply;
  Reassessment r;
  r.on = on;
  r.rates_id = rates->id;
  const Timestamp now = clock_.Now();
  auto work = [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto policies, tx.charging_policies().List());
    SD_ASSIGN_OR_RETURN(auto policy, PolicyFrom(policies, on));
    SD_ASSIGN_OR_RETURN(auto current, tx.financial_assessments().Current());
    for (const auto& record : current) {
      ++r.people;
      if (record.rates_id == rates->id && record.assessment_date >= rates->effective_from) {
        ++r.already_on_these_rates;
        continue;
      }
      SD_ASSIGN_OR_RETURN(Redone again, ReassessStored(record, policy, *rates, on));
      SD_RETURN_IF_ERROR(
          CountChange(tx, record, again.outcome.result.weekly_charge, again.income, r));
      if (!apply) continue;
      SD_ASSIGN_OR_RETURN(FinancialAssessmentId inserted,
                          tx.financial_assessments().Insert(NextAssessment(
                              record, std::move(again.input_json), again.outcome, who, on, now)));
      (void)inserted;
      ++r.applied;
    }
    SortChanges(r.changes);
    if (!apply) return OkStatus();
    return tx.audit().Append(AuditOf(
        clock_, who, ctx, "financial_assessment.reassess", "financial_assessment", "",
        std::to_string(r.applied) + " re-assessed with " + r.rates_id + " from " + on.ToString()));
  };
  if (apply) {
    SD_RETURN_IF_ERROR(store_.Write(ctx.council, work));
    return r;
  }
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, work));
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "financial_assessment.reassess_preview",
                                     "financial_assessment", "", on.ToString()));
  return r;
}

Status ChargingService::StorePolicy(const CallContext& ctx, const Principal& who,
                                    const domain::ChargingPolicy& policy, Date from,
                                    const std::string& note) {
  if (who.user.role != Role::kFinanceOfficer && who.user.role != Role::kAdministrator)
    return Error::PermissionDenied("Only finance officers and administrators set charging policy");
  std::vector<FieldError> errors = ChargingPolicyProblems(policy);
  if (from < clock_.Now().LondonDate())
    errors.push_back({"effective_from",
                      "A policy cannot start in the past: assessments already made use the "
                      "policy in force on their date"});
  std::string why(Trim(note));
  if (why.empty()) errors.push_back({"note", "Say what the policy changes and why"});
  if (why.size() > kMaxNote) errors.push_back({"note", "Keep the note to 2,000 characters"});
  if (!errors.empty()) {
    std::string message =
        "The charging policy cannot be stored: " + errors[0].field + " " + errors[0].message;
    return Error::InvalidArgument(std::move(message), std::move(errors));
  }
  return store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(tx.charging_policies().Insert(
        {from, json::serialize(ChargingPolicyToJson(policy)), why, who.user.id, clock_.Now()}));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "charging_policy.store", "charging_policy",
                                     from.ToString(), why));
  });
}

Result<std::vector<StoredChargingPolicy>> ChargingService::Policies(const CallContext& ctx,
                                                                    const Principal& who) {
  (void)who;  // Council policy is public information.
  std::vector<StoredChargingPolicy> out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(out, tx.charging_policies().List());
    return OkStatus();
  }));
  return out;
}

}  // namespace selfdirect::app
