// The decision page: what a person's answers show (or what the council decided), outcome by
// outcome, the three conditions of the Care and Support (Eligibility Criteria) Regulations 2015 as
// three things in plain English, and what happens next.
#include "app/assessment_service.h"
#include "web/assessment/assessment_routes.h"

namespace selfdirect::web {
namespace {

using app::AssessmentStatus;

std::string AssessmentReference(AssessmentId id) { return "AS-" + std::to_string(id.value()); }

// The questionnaire's plain-English title for the outcome (its section), else the regulation's
// words; with a capital letter.
std::string OutcomeTitle(domain::AssessmentKind kind, size_t i, const domain::Questionnaire& q) {
  std::string code(domain::OutcomeCode(kind, i));
  std::string label(domain::OutcomeLabel(kind, i));
  for (const auto& section : q.sections) {
    if (section.id == code) label = section.title;
  }
  label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  return label;
}

std::string Finding(const domain::OutcomeFinding& f) {
  if (f.not_applicable) return "Does not apply to you";
  if (!f.unable) return "Can do this without help";
  std::string finding = "Needs support: ";
  bool first = true;
  for (size_t r = 0; r < domain::kUnableReasonCount; ++r) {
    if (!f.HasReason(static_cast<domain::UnableReason>(r))) continue;
    finding += (first ? "" : "; ") +
               std::string(domain::UnableReasonLabel(static_cast<domain::UnableReason>(r)));
    first = false;
  }
  if (f.met_by_carer) finding += ". Someone helps now.";
  return finding;
}

// One row per outcome: its plain-English title and what the answers found.
ViewList OutcomeRows(const domain::EligibilityInput& input, const domain::Questionnaire& q) {
  ViewList outcomes;
  for (size_t i = 0; i < domain::OutcomeCount(input.kind); ++i) {
    ViewData row;
    row.set("label", OutcomeTitle(input.kind, i, q));
    row.set("finding", Finding(input.outcomes[i]));
    outcomes.push_back(row);
  }
  return outcomes;
}

// The three conditions, each with whether it is met, why, and (the second) the outcomes.
ViewList ConditionItems(const domain::EligibilityInput& input, const domain::Questionnaire& q) {
  ViewList items;
  for (const auto& c : domain::ExplainConditions(input)) {
    ViewData item;
    item.set("what", c.what);
    item.set("met", c.met);
    item.set("why", c.why);
    ViewList unmet;
    for (size_t i : c.unmet) unmet.push_back(OutcomeTitle(input.kind, i, q));
    item.set("unmet", unmet);
    item.set("has_unmet", !unmet.empty());
    items.push_back(item);
  }
  return items;
}

// The decision's headline and summary: likely (from the person's own answers) or decided.
void SetHeadline(ViewData& data, bool eligible, bool indicative) {
  if (eligible) {
    data.set("headline", indicative ? "Your answers show eligible needs" : "Eligible needs");
    data.set("summary",
             indicative
                 ? "From your answers, you are likely to have needs the council must meet."
                 : "The council has decided that there are eligible needs for care and support.");
  } else {
    data.set("headline",
             indicative ? "Your answers do not show eligible needs" : "No eligible needs");
    data.set("summary",
             indicative ? "From your answers, you are not likely to have needs the council must "
                          "meet. You can still get information, advice and help to stay well."
                        : "The council has decided that the needs are not eligible needs. "
                          "Information, advice and support in the community are still available.");
  }
}

// The practitioner's record, for staff: who took part, notes, consent, capacity, advocacy.
ViewData PractitionerRecord(const app::AssessmentRecord& a) {
  const std::string not_recorded = "Not recorded";
  ViewData record;
  record.set("participants", a.participants);
  record.set("notes", a.practitioner_notes.empty() ? "None" : a.practitioner_notes);
  record.set("consent", a.consent ? std::string(domain::ConsentLabel(*a.consent)) : not_recorded);
  record.set("capacity",
             a.capacity ? std::string(domain::CapacityLabel(*a.capacity)) : not_recorded);
  std::string advocacy =
      a.advocacy ? std::string(domain::AdvocacyLabel(*a.advocacy)) : not_recorded;
  if (!a.advocate.empty()) advocacy += ": " + a.advocate;
  record.set("advocacy", advocacy);
  return record;
}

}  // namespace

Response AssessmentRoutes::AssessmentDecision(Context& ctx) {
  auto view = AssessmentFromPath(ctx);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  const AssessmentId* id = &view->record.id;
  const auto& v = *view;
  domain::EligibilityInput input;
  auto d = app::AssessmentService::Determine(v, &input);
  if (!d.ok()) return Response::Redirect("/assessments/" + id->ToString() + "/check");
  bool indicative = v.record.status != AssessmentStatus::kCompleted;
  // Decided: the council's decision, which the practitioner may have changed from the answers'.
  const bool eligible = indicative ? d->eligible : v.record.eligible.value_or(d->eligible);
  ViewData data;
  data.set("person_name", v.person.details.given_name + " " + v.person.details.family_name);
  data.set("reference", AssessmentReference(v.record.id));
  data.set("just_sent", ctx.request.Query("sent") == "1");
  data.set("indicative", indicative);
  data.set("eligible", eligible);
  SetHeadline(data, eligible, indicative);
  data.set("outcomes", OutcomeRows(input, *v.questionnaire));
  data.set("conditions", ConditionItems(input, *v.questionnaire));
  if (!indicative && v.record.decision_changed) {
    data.set("changed_reasons", v.record.decision_reasons);
    data.set("answers_result",
             d->eligible ? "showed eligible needs" : "did not show eligible needs");
  }
  if (v.record.status == AssessmentStatus::kCompleted &&
      domain::CanEditPerson(ctx.principal->actor, {v.person.id, v.person.team_id}))
    data.set("practitioner_record", PractitionerRecord(v.record));
  if (!indicative && eligible) {
    if (auto budgets = ras_.ForPerson(ctx.call, *ctx.principal, v.person.id); budgets.ok()) {
      for (const auto& b : *budgets) {
        if (b.assessment_id != *id) continue;
        data.set("budget_href", "/assessments/" + id->ToString() + "/budget");
        data.set("budget_text",
                 "The indicative budget is " + b.EffectiveWeekly().ToDisplayString() + " a week.");
      }
    }
  }
  data.set("back_href", "/assessments/" + id->ToString());
  return Page(200, eligible ? "Eligible needs" : "No eligible needs", "assessment_decision", data,
              ctx);
}

}  // namespace selfdirect::web
