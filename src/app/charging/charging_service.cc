#include "app/charging/charging_service.h"

#include <algorithm>

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

// The assessment date an input names, if it names a valid one (to choose the policy before the
// whole input is read; a missing or bad date is reported by the full read).
Date InputDate(const json::value& input, Date fallback) {
  if (const json::object* o = input.if_object())
    if (auto* d = o->if_contains("assessment_date"); d && d->is_string())
      if (auto date = Date::Parse(d->get_string()); date.ok()) return *date;
  return fallback;
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
    return Error::Internal("The stored financial assessment " + std::to_string(record.id) +
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

Result<ChargingOutcome> ChargingService::Calculate(CouncilId council, const json::value& input) {
  SD_ASSIGN_OR_RETURN(auto policy, PolicyOn(council, InputDate(input, clock_.Now().UtcDate())));
  return AssessChargingJson(input, policy);
}

Result<FinancialAssessmentView> ChargingService::Create(const CallContext& ctx,
                                                        const Principal& who, PersonId person,
                                                        const json::value& input,
                                                        const EvidenceMap& evidence,
                                                        const std::string& reason, bool complete) {
  return Save(ctx, who, std::nullopt, person, input, evidence, reason, complete);
}

Result<FinancialAssessmentView> ChargingService::Update(const CallContext& ctx,
                                                        const Principal& who, int64_t id,
                                                        const json::value& input,
                                                        const EvidenceMap& evidence,
                                                        const std::string& reason, bool complete) {
  return Save(ctx, who, id, std::nullopt, input, evidence, reason, complete);
}

Result<FinancialAssessmentView> ChargingService::Save(const CallContext& ctx, const Principal& who,
                                                      std::optional<int64_t> id,
                                                      std::optional<PersonId> person_id,
                                                      const json::value& input,
                                                      const EvidenceMap& evidence,
                                                      const std::string& reason, bool complete) {
  if (!IsFinance(who))
    return Error::PermissionDenied("Only finance officers carry out financial assessments");
  FinancialAssessmentView view;
  const Timestamp now = clock_.Now();
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    FinancialAssessmentRecord record;
    if (id) {
      SD_ASSIGN_OR_RETURN(auto existing, tx.financial_assessments().Find(*id));
      if (!existing) return Error::NotFound("No such financial assessment");
      if (existing->status == FinancialAssessmentStatus::kCompleted)
        return Error::FailedPrecondition(
            "This financial assessment is completed and cannot be changed; start a "
            "re-assessment");
      record = std::move(*existing);
    } else {
      record.person_id = *person_id;
      record.created_by = who.user.id;
      record.created_at = now;
    }
    SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(record.person_id));
    if (!person || !domain::CanViewPerson(who.actor, {person->id, person->team_id}))
      return Error::NotFound("No person with that reference");

    // Read everything, then report every problem at once.
    std::vector<FieldError> errors;
    SD_ASSIGN_OR_RETURN(auto policies, tx.charging_policies().List());
    SD_ASSIGN_OR_RETURN(auto policy, PolicyFrom(policies, InputDate(input, now.UtcDate())));
    auto outcome = AssessChargingJson(input, policy);
    if (!outcome.ok()) {
      if (outcome.error().code != ErrorCode::kInvalidArgument) return outcome.error();
      errors = outcome.error().fields;
      if (errors.empty()) errors.push_back({"input", outcome.error().message});
    }
    std::string why(Trim(reason));
    if (why.empty()) errors.push_back({"reason", "Say why the assessment is being done"});
    if (why.size() > kMaxReason)
      errors.push_back({"reason", "Keep the reason to 1,000 characters or fewer"});
    const size_t income_items = outcome.ok() ? outcome->request.input.income.size() : SIZE_MAX;
    for (const auto& [key, status] : evidence) {
      if (!IsEvidenceItem(key, income_items))
        errors.push_back({"evidence." + key,
                          "is not an item of the assessment: capital, housing_costs_weekly, "
                          "disability_related_expenditure_weekly or income[N]"});
      else if (!IsEvidenceStatus(status))
        errors.push_back({"evidence." + key, "must be verified, declared or awaited"});
      else if (complete && status == "awaited")
        errors.push_back({"evidence." + key,
                          "Evidence is still awaited: save the assessment and complete it when "
                          "the evidence is in"});
    }
    if (!errors.empty()) {
      std::string message = "The financial assessment has " + std::to_string(errors.size()) +
                            " problem" + (errors.size() == 1 ? "" : "s") + ": " + errors[0].field +
                            " " + errors[0].message;
      return Error::InvalidArgument(std::move(message), std::move(errors));
    }
    json::object stored = ChargingInputToJson(outcome->request.input);
    if (const json::object* o = input.if_object())
      if (auto* p = o->if_contains("policy"); p && p->is_object() && !p->get_object().empty())
        stored["policy"] = *p;
    record.input_json = json::serialize(stored);
    record.evidence_json = json::serialize(EvidenceJson(evidence));
    record.reason = why;
    record.assessment_date = outcome->request.input.assessment_date;
    record.rates_id = outcome->rates->id;
    record.weekly_charge = outcome->result.weekly_charge;
    record.weekly_cost = outcome->request.input.weekly_cost_of_care;
    record.full_cost = outcome->result.full_cost;
    if (complete) {
      record.status = FinancialAssessmentStatus::kCompleted;
      record.completed_by = who.user.id;
      record.completed_at = now;
      SD_ASSIGN_OR_RETURN(auto history, tx.financial_assessments().ForPerson(record.person_id));
      for (const auto& h : history)
        if (h.status == FinancialAssessmentStatus::kCompleted && h.id != record.id) {
          record.replaces = h.id;
          break;
        }
    }
    std::string action = complete ? "financial_assessment.complete" : "financial_assessment.save";
    if (id) {
      SD_RETURN_IF_ERROR(tx.financial_assessments().UpdateDraft(record));
    } else {
      SD_ASSIGN_OR_RETURN(record.id, tx.financial_assessments().Insert(record));
    }
    view.outcome = std::move(*outcome);
    view.evidence = evidence;
    view.person = std::move(*person);
    view.can_edit = !complete;
    SD_ASSIGN_OR_RETURN(view.created_by_name, UserName(tx, record.created_by));
    SD_ASSIGN_OR_RETURN(view.completed_by_name, UserName(tx, record.completed_by));
    view.record = record;
    return tx.audit().Append(AuditOf(clock_, who, ctx, action, "financial_assessment",
                                     std::to_string(record.id),
                                     "weekly charge " + record.weekly_charge.ToString()));
  }));
  return view;
}

Result<FinancialAssessmentView> ChargingService::Get(const CallContext& ctx, const Principal& who,
                                                     int64_t id) {
  FinancialAssessmentView view;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
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
  }));
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "financial_assessment.view",
                                     "financial_assessment", std::to_string(id), ""));
  return view;
}

Result<PersonCharges> ChargingService::ReadCharges(const CallContext& ctx, const Principal& who,
                                                   PersonId person_id, bool assessments,
                                                   bool estimates, const char* action) {
  PersonCharges out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(person_id));
    if (!person || !domain::CanViewPerson(who.actor, {person->id, person->team_id}))
      return Error::NotFound("No person with that reference");
    if (assessments) {
      SD_ASSIGN_OR_RETURN(auto all, tx.financial_assessments().ForPerson(person_id));
      for (auto& a : all)
        if (a.status == FinancialAssessmentStatus::kCompleted || SeesDrafts(who))
          out.assessments.push_back(std::move(a));
    }
    if (estimates) {
      SD_ASSIGN_OR_RETURN(out.estimates, tx.charging_estimates().ForPerson(person_id));
    }
    return OkStatus();
  }));
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, action, "person", person_id.ToString(), ""));
  return out;
}

Result<std::vector<FinancialAssessmentRecord>> ChargingService::ForPerson(const CallContext& ctx,
                                                                          const Principal& who,
                                                                          PersonId person_id) {
  SD_ASSIGN_OR_RETURN(auto charges,
                      ReadCharges(ctx, who, person_id, true, false, "financial_assessment.list"));
  return std::move(charges.assessments);
}

Result<ChargingEstimateRecord> ChargingService::SaveEstimate(const CallContext& ctx,
                                                             const Principal& who,
                                                             PersonId person_id,
                                                             const json::value& input) {
  if (!domain::ActsForPerson(who.actor, person_id))
    return Error::PermissionDenied(
        "Only the person or their representative can keep an estimate on their record");
  if (const json::object* o = input.if_object(); o && o->contains("policy"))
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
                        PolicyFrom(policies, InputDate(input, clock_.Now().UtcDate())));
    SD_ASSIGN_OR_RETURN(auto outcome, AssessChargingJson(input, policy));
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
                                     person_id.ToString(),
                                     "estimate " + std::to_string(record.id)));
  }));
  return record;
}

Result<std::vector<ChargingEstimateRecord>> ChargingService::Estimates(const CallContext& ctx,
                                                                       const Principal& who,
                                                                       PersonId person_id) {
  SD_ASSIGN_OR_RETURN(auto charges,
                      ReadCharges(ctx, who, person_id, false, true, "charging_estimate.list"));
  return std::move(charges.estimates);
}

Result<PersonId> ChargingService::RemoveEstimate(const CallContext& ctx, const Principal& who,
                                                 int64_t id) {
  PersonId person;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto estimate, tx.charging_estimates().Find(id));
    // Someone who may not act for the person is told there is no such estimate.
    if (!estimate || !domain::ActsForPerson(who.actor, estimate->person_id))
      return Error::NotFound("No such estimate");
    person = estimate->person_id;
    SD_RETURN_IF_ERROR(tx.charging_estimates().Delete(id));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "charging_estimate.remove", "person",
                                     person.ToString(), "estimate " + std::to_string(id)));
  }));
  return person;
}

Result<Reassessment> ChargingService::PreviewReassessment(const CallContext& ctx,
                                                          const Principal& who, Date on) {
  return Reassess(ctx, who, on, false);
}

Result<Reassessment> ChargingService::ApplyReassessment(const CallContext& ctx,
                                                        const Principal& who, Date on) {
  return Reassess(ctx, who, on, true);
}

Result<Reassessment> ChargingService::Reassess(const CallContext& ctx, const Principal& who,
                                               Date on, bool apply) {
  if (!IsFinance(who)) return Error::PermissionDenied("Only finance officers re-assess charges");
  SD_ASSIGN_OR_RETURN(const domain::ChargingRates* rates, ChargingRatesOn(on));
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
      json::error_code ec;
      json::value v = json::parse(record.input_json, ec);
      if (ec || !v.is_object())
        return Error::Internal("Stored financial assessment " + std::to_string(record.id) +
                               " is not valid JSON");
      v.get_object()["assessment_date"] = on.ToString();
      auto outcome = AssessChargingJson(v, policy, domain::Detail::kSummary);
      if (!outcome.ok())
        return Error::Internal("Stored financial assessment " + std::to_string(record.id) +
                               " does not read: " + outcome.error().message);
      Pence now_charge = outcome->result.weekly_charge;
      r.current_weekly_total += record.weekly_charge;
      r.new_weekly_total += now_charge;
      if (now_charge > record.weekly_charge)
        ++r.increase;
      else if (now_charge < record.weekly_charge)
        ++r.decrease;
      else
        ++r.unchanged;
      if (now_charge != record.weekly_charge) {
        SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(record.person_id));
        r.changes.push_back(
            {record.person_id,
             person ? person->details.given_name + " " + person->details.family_name : "",
             record.id, record.rates_id, record.weekly_charge, now_charge});
      }
      if (!apply) continue;
      FinancialAssessmentRecord next;
      next.person_id = record.person_id;
      next.status = FinancialAssessmentStatus::kCompleted;
      next.assessment_date = on;
      next.input_json = json::serialize(v);
      next.evidence_json = record.evidence_json;
      next.reason = "Yearly re-assessment: the " + rates->title + " rates and allowances";
      next.rates_id = rates->id;
      next.weekly_charge = now_charge;
      next.weekly_cost = record.weekly_cost;
      next.full_cost = outcome->result.full_cost;
      next.replaces = record.id;
      next.created_by = next.completed_by = who.user.id;
      next.created_at = now;
      next.completed_at = now;
      SD_ASSIGN_OR_RETURN(int64_t inserted, tx.financial_assessments().Insert(next));
      (void)inserted;
      ++r.applied;
    }
    std::sort(r.changes.begin(), r.changes.end(), [](const auto& a, const auto& b) {
      Pence da = a.new_charge - a.current_charge, db = b.new_charge - b.current_charge;
      Pence ma = da < Pence() ? -da : da, mb = db < Pence() ? -db : db;
      return ma != mb ? ma > mb : a.person_id.value() < b.person_id.value();
    });
    if (!apply) return OkStatus();
    return tx.audit().Append(AuditOf(
        clock_, who, ctx, "financial_assessment.reassess", "financial_assessment", "",
        std::to_string(r.applied) + " re-assessed with " + r.rates_id + " from " + on.ToString()));
  };
  if (apply)
    SD_RETURN_IF_ERROR(store_.Write(ctx.council, work));
  else
    SD_RETURN_IF_ERROR(store_.Read(ctx.council, work));
  if (!apply)
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "financial_assessment.reassess_preview",
                                       "financial_assessment", "", on.ToString()));
  return r;
}

Status ChargingService::StorePolicy(const CallContext& ctx, const Principal& who,
                                    const json::value& definition, Date from,
                                    const std::string& note) {
  if (who.user.role != Role::kFinanceOfficer && who.user.role != Role::kAdministrator)
    return Error::PermissionDenied("Only finance officers and administrators set charging policy");
  std::vector<FieldError> errors;
  auto policy = ChargingPolicyFromJson(definition, DefaultChargingPolicy());
  if (!policy.ok()) errors = policy.error().fields;
  if (from < clock_.Now().UtcDate())
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
        {from, json::serialize(ChargingPolicyToJson(*policy)), why, who.user.id, clock_.Now()}));
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
