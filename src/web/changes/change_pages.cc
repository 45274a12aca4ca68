// File: change_pages.cc
// The changes page and API (change_routes.h).
#include "app/messages/notices.h"
#include "web/changes/change_routes.h"
#include "web/openapi.h"

namespace selfdirect::web {
namespace {

using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.

ViewData Row(const std::string& what, Pence before, Pence after) {
  ViewData r;
  r.set("what", what);
  r.set("before", before.ToDisplayString());
  r.set("after", after.ToDisplayString());
  r.set("changed", before != after);
  return r;
}

ViewData ChangeView(const app::PlanChangeRecord& c, bool self) {
  ViewData d;
  d.set("effective", c.effective_from.ToLongString());
  d.set("payments_from", c.payments_from != c.effective_from && c.paid_before != c.paid_after
                             ? c.payments_from.ToLongString()
                             : "");
  d.set("already_paid", app::AlreadyPaidText(c, self));
  d.set("why", c.why);
  d.set("plan_id", c.plan.ToString());
  d.set("versions", "version " + std::to_string(c.from_version) + " to version " +
                        std::to_string(c.to_version));
  ViewList rows;
  rows.push_back(Row("Personal budget a week", c.budget_before, c.budget_after));
  rows.push_back(
      Row(self ? "You pay a week" : "The person pays a week", c.charge_before, c.charge_after));
  if (c.paid_before != Pence() || c.paid_after != Pence())
    rows.push_back(Row(self ? "Paid to you a week" : "Paid a week", c.paid_before, c.paid_after));
  for (const auto& l : c.lines) rows.push_back(Row(l.label, l.before, l.after));
  d.set("rows", rows);
  return d;
}

json::object ChangeJson(const app::PlanChangeRecord& c) {
  json::array lines;
  for (const auto& l : c.lines)
    lines.push_back(json::object{
        {"label", l.label}, {"before", l.before.ToString()}, {"after", l.after.ToString()}});
  return {{"id", c.id.value()},
          {"plan_id", c.plan.value()},
          {"from_version", c.from_version},
          {"to_version", c.to_version},
          {"effective_from", c.effective_from.ToString()},
          {"payments_from", c.payments_from.ToString()},
          {"budget_before", c.budget_before.ToString()},
          {"budget_after", c.budget_after.ToString()},
          {"charge_before", c.charge_before.ToString()},
          {"charge_after", c.charge_after.ToString()},
          {"paid_before", c.paid_before.ToString()},
          {"paid_after", c.paid_after.ToString()},
          {"already_paid_difference", c.already_paid_difference.ToString()},
          {"owed_to_person", c.owed_to_person.ToString()},
          {"paid_over", c.paid_over.ToString()},
          {"netted", c.netted.ToString()},
          {"lines", std::move(lines)},
          {"why", c.why}};
}

}  // namespace

void ChangeRoutes::AddPageRoutes() {
  Add(Method::kGet, "/people/{id}/changes",
      PageRoute(kPersonViewerRoles, Bind(&ChangeRoutes::ChangesPage)));
}

void ChangeRoutes::AddPersonSection(ViewData& d, Context& ctx, const app::PersonFile& file) {
  auto n = changes_.Count(ctx.call.council, file.person.id);
  if (!n.ok() || *n == 0) return;
  const bool self = domain::ActsForPerson(ctx.principal->actor, file.person.id);
  d.set("changes_link", self ? "See what has changed in your support, and why"
                             : "See what has changed in their support, and why");
}

Response ChangeRoutes::ChangesPage(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto f = changes_.ForPerson(ctx.call, *ctx.principal, *person);
  if (!f.ok()) return ErrorResponse(f.error(), ctx);
  ViewData d;
  d.set("person_id", person->ToString());
  d.set("name", f->person.details.given_name + " " + f->person.details.family_name);
  d.set("self", f->self);
  ViewList items;
  for (const auto& c : f->changes) items.push_back(ChangeView(c, f->self));
  d.set("changes", items);
  d.set("has_changes", !items.empty());
  return Page(200, f->self ? "What has changed in your support" : "What has changed",
              "person_changes", d, ctx);
}

Response ChangeRoutes::ApiChanges(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto f = changes_.ForPerson(ctx.call, *ctx.principal, *person);
  if (!f.ok()) return ErrorResponse(f.error(), ctx);
  json::array items;
  for (const auto& c : f->changes) items.push_back(ChangeJson(c));
  return Response::Json(200, json::object{{"changes", std::move(items)}});
}

void ChangeRoutes::AddApiRoutes() {
  Add(Method::kGet, "/api/v1/people/{id}/changes",
      ApiRoute(kPersonViewerRoles, Bind(&ChangeRoutes::ApiChanges),
               Operation("getChanges",
                         "Each agreed change to a person's support: before and after, from when, "
                         "and why",
                         Replies({{"200", Reply("The changes", Ref("PlanChanges"))},
                                  {"404", ErrorReply("No person with that reference")}}),
                         json::object{{"parameters", IdParam()}})));
}

void ChangeRoutes::AddSchemas(json::object& schemas) const {
  schemas["PlanChange"] =
      Object({{"id", Type("integer")},
              {"plan_id", Type("integer")},
              {"from_version", Type("integer")},
              {"to_version", Type("integer")},
              {"effective_from", Type("string")},
              {"payments_from", Type("string")},
              {"budget_before", MoneyType()},
              {"budget_after", MoneyType()},
              {"charge_before", MoneyType()},
              {"charge_after", MoneyType()},
              {"paid_before", MoneyType()},
              {"paid_after", MoneyType()},
              {"already_paid_difference", MoneyType()},
              {"owed_to_person", MoneyType()},
              {"paid_over", MoneyType()},
              {"netted", MoneyType()},
              {"lines", Type("array")},
              {"why", Type("string")}},
             {"id", "plan_id", "effective_from", "payments_from", "budget_before", "budget_after",
              "already_paid_difference", "why"});
  schemas["PlanChanges"] = Object(
      {{"changes", json::object{{"type", "array"}, {"items", Ref("PlanChange")}}}}, {"changes"});
}

}  // namespace selfdirect::web
