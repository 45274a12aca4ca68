// Carers' assessments (Care Act 2014 s10) start from the record of the person cared for: "Who is
// the carer?" (a carer already linked, or someone new), then the carer's own assessment.
#include "app/people_service.h"
#include "base/text.h"
#include "web/assessment/assessment_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;

std::string FullName(const app::PersonRecord& p) {
  return p.details.given_name + " " + p.details.family_name;
}

// A text input of the new carer's details, as the template writes it.
ViewData TextField(const std::string& name, const std::string& label, const std::string& value,
                   const std::string& width, const std::vector<FieldError>& errors) {
  ViewData f;
  f.set("name", name);
  f.set("label", label);
  f.set("value", value);
  f.set("width_class", width);
  if (std::string err = ErrorFor(errors, name); !err.empty()) f.set("error", err);
  return f;
}

// The carer's details and the relationship: what the new-carer part of the form shows.
void SetNewCarerFields(ViewData& d, const domain::PersonInput& input, const DateParts& dob,
                       const std::vector<FieldError>& errors) {
  ViewList fields;
  fields.push_back(
      TextField("given_name", "First name", input.given_name, "govuk-!-width-two-thirds", errors));
  fields.push_back(
      TextField("family_name", "Last name", input.family_name, "govuk-!-width-two-thirds", errors));
  d.set("name_fields", fields);
  ViewData date;
  date.set("day", dob.day);
  date.set("month", dob.month);
  date.set("year", dob.year);
  if (std::string err = ErrorFor(errors, "date_of_birth"); !err.empty()) date.set("error", err);
  d.set("date_field", date);
  d.set("postcode_field", TextField("postcode", "Postcode (optional)", input.postcode,
                                    "govuk-input--width-10", errors));
}

}  // namespace

void AssessmentRoutes::AddCarerPageRoutes() {
  const std::vector<Role> who = {Role::kPractitioner, Role::kApprover, Role::kAdministrator,
                                 Role::kRepresentative};
  Add(Method::kGet, "/people/{id}/carers-assessment",
      PageRoute(who, Bind(&AssessmentRoutes::CarersAssessmentPage)));
  Add(Method::kPost, "/people/{id}/carers-assessment",
      PageRoute(who, Bind(&AssessmentRoutes::CarersAssessmentSubmit)));
}

Response AssessmentRoutes::RenderCarersForm(int status, Context& ctx,
                                            const app::PersonRecord& cared_for,
                                            const std::string& chosen,
                                            const domain::PersonInput& input, const DateParts& dob,
                                            const std::string& relationship,
                                            const std::vector<FieldError>& errors) {
  const auto& who = *ctx.principal;
  app::PeopleService people(store_, clock_, audit_);
  auto file = people.File(ctx.call, who, cared_for.id);
  if (!file.ok()) return ErrorResponse(file.error(), ctx);
  const bool carer_themselves = who.user.role == Role::kRepresentative;
  ViewData d;
  d.set("csrf_token", who.session.csrf_token);
  d.set("person_id", cared_for.id.ToString());
  d.set("cared_for_name", FullName(cared_for));
  d.set("carer_themselves", carer_themselves);
  bool linked = false;
  std::vector<std::pair<std::string, std::string>> options;
  for (const auto& c : file->carers) {
    if (carer_themselves && c.person.id == who.actor.own_person_id) linked = true;
    options.emplace_back(c.person.id.ToString(),
                         FullName(c.person) + " (" + c.link.relationship + ")");
  }
  const bool has_own = carer_themselves && who.actor.own_person_id.valid();
  if (!carer_themselves && !options.empty()) {
    options.emplace_back("new", "Someone else");
    d.set("carer_options", ChoiceOptions("carer", "carer", options, {chosen}));
    d.set("has_carer_options", true);
    if (std::string err = ErrorFor(errors, "carer"); !err.empty()) d.set("carer_error", err);
  }
  d.set("show_new_fields", !has_own);
  d.set("show_relationship", !linked);
  d.set("relationship", relationship);
  if (std::string err = ErrorFor(errors, "relationship"); !err.empty())
    d.set("relationship_error", err);
  SetNewCarerFields(d, input, dob, errors);
  SetErrorSummary(d, errors);
  return Page(status, carer_themselves ? "Your carer's assessment" : "Who is the carer?",
              "carers_assessment_start", d, ctx);
}

Response AssessmentRoutes::CarersAssessmentPage(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  app::PeopleService people(store_, clock_, audit_);
  auto person = people.Get(ctx.call, *ctx.principal, *id);
  if (!person.ok()) return ErrorResponse(person.error(), ctx);
  return RenderCarersForm(200, ctx, *person, "", {}, {}, "", {});
}

Response AssessmentRoutes::CarersAssessmentSubmit(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  auto value = [&](const char* name) { return FormValue(*form, name); };
  app::CarersAssessmentRequest request;
  request.cared_for = *id;
  const std::string chosen = std::string(Trim(value("carer")));
  if (chosen != "new" && !chosen.empty()) {
    auto carer = PersonId::Parse(chosen);
    if (!carer) return ErrorResponse(Error::InvalidArgument("Choose the carer"), ctx);
    request.carer = *carer;
  }
  DateParts dob{std::string(Trim(value("date_of_birth-day"))),
                std::string(Trim(value("date_of_birth-month"))),
                std::string(Trim(value("date_of_birth-year")))};
  request.new_carer = domain::PersonInput{
      value("given_name"), value("family_name"), IsoDateFromParts(dob), value("postcode"), "",
      "social_support"};
  request.relationship = value("relationship");
  auto started = assessments_.StartCarers(ctx.call, *ctx.principal, request);
  if (!started.ok()) {
    if (started.error().code != ErrorCode::kInvalidArgument)
      return ErrorResponse(started.error(), ctx);
    app::PeopleService people(store_, clock_, audit_);
    auto person = people.Get(ctx.call, *ctx.principal, *id);
    if (!person.ok()) return ErrorResponse(person.error(), ctx);
    return RenderCarersForm(422, ctx, *person, chosen, request.new_carer, dob, request.relationship,
                            started.error().fields);
  }
  return Response::Redirect("/assessments/" + started->id.ToString());
}

}  // namespace selfdirect::web
