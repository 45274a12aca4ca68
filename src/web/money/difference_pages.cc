// The finance officers' payment differences: pages and API (difference_routes.h).
#include <charconv>

#include "web/money/difference_routes.h"
#include "web/openapi.h"

namespace selfdirect::web {
namespace {

using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.
using app::DifferenceStatus;
using domain::Role;

std::string Name(const app::PersonRecord& p) {
  return p.details.given_name + " " + p.details.family_name;
}

std::string AccountText(const std::string& code) {
  auto kind = domain::ParseBudgetAccountKind(code);
  return kind ? std::string(domain::BudgetAccountLabel(*kind)) : code;
}

std::string StatusText(DifferenceStatus s) {
  switch (s) {
    case DifferenceStatus::kOwed:
      return "Owed to the person: the next payment run pays it";
    case DifferenceStatus::kPaid:
      return "Paid";
    case DifferenceStatus::kToDecide:
      return "Paid over: to decide";
    case DifferenceStatus::kRecoveryProposed:
      return "Recovery proposed";
    case DifferenceStatus::kNetted:
      return "Set against another difference";
    case DifferenceStatus::kWaived:
      break;
  }
  return "Not recovered";
}

Pence Unsigned(Pence p) { return p > Pence() ? p : -p; }

ViewData Row(const app::DifferenceItem& item) {
  const app::PaymentDifference& d = item.record;
  ViewData row;
  row.set("id", std::to_string(d.id));
  row.set("person_id", d.person.ToString());
  row.set("name", Name(item.person));
  row.set("reference", domain::PersonReference(d.person));
  row.set("account", AccountText(d.account_kind));
  row.set("days", d.first_day.ToLongString() + " to " + d.last_day.ToLongString());
  row.set("amount", Unsigned(d.Left()).ToDisplayString());  // What is left to pay or decide.
  row.set("true_amount", Unsigned(d.amount).ToDisplayString());
  row.set("has_netted", d.netted != Pence());
  row.set("netted", Unsigned(d.netted).ToDisplayString());
  row.set("left_key", std::string(d.amount > Pence() ? "Left to pay" : "Left to recover"));
  row.set("status", StatusText(d.status));
  row.set("note", d.note);
  row.set("recovery", d.recovery.valid() ? d.recovery.ToString() : "");
  return row;
}

json::object DifferenceJson(const app::PaymentDifference& d) {
  return {{"id", d.id},
          {"person_id", d.person.value()},
          {"plan_change_id", d.change.value()},
          {"agreement_id", d.agreement.value()},
          {"account", d.account_kind},
          {"first_day", d.first_day.ToString()},
          {"last_day", d.last_day.ToString()},
          {"amount", d.amount.ToString()},
          {"netted", d.netted.ToString()},
          {"left", d.Left().ToString()},
          {"status", app::DifferenceStatusCode(d.status)},
          {"note", d.note},
          {"recovery_id", d.recovery.valid() ? json::value(d.recovery.value()) : nullptr}};
}

std::optional<int64_t> IdOf(const std::string& text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v <= 0)
    return std::nullopt;
  return v;
}

}  // namespace

void DifferenceRoutes::AddPageRoutes() {
  const std::vector<Role> finance = {Role::kFinanceOfficer};
  Add(Method::kGet, "/payments/differences", PageRoute(finance, Bind(&DifferenceRoutes::ListPage)));
  Add(Method::kGet, "/payments/differences/{id}",
      PageRoute(finance, Bind(&DifferenceRoutes::DifferencePage)));
  Add(Method::kPost, "/payments/differences/{id}/decision",
      PageRoute(finance, Bind(&DifferenceRoutes::Decide)));
}

void DifferenceRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  if (ctx.principal->user.role != Role::kFinanceOfficer) return;
  auto waiting = money_.DifferencesToDecide(ctx.call, *ctx.principal);
  const int64_t n = waiting.ok() ? *waiting : 0;
  out.push_back({"/payments/differences",
                 std::to_string(n) + (n == 1 ? " payment difference" : " payment differences") +
                     " after a change of plan to decide",
                 n > 0});
}

Response DifferenceRoutes::ListPage(Context& ctx) {
  auto all = money_.Differences(ctx.call, *ctx.principal);
  if (!all.ok()) return ErrorResponse(all.error(), ctx);
  ViewList decide, owed;
  for (const auto& item : *all)
    (item.record.status == DifferenceStatus::kToDecide ? decide : owed).push_back(Row(item));
  ViewData d;
  d.set("decide", decide);
  d.set("has_decide", !decide.empty());
  d.set("owed", owed);
  d.set("has_owed", !owed.empty());
  return Page(200, "Payment differences after a change of plan", "differences", d, ctx);
}

Response DifferenceRoutes::DifferencePage(Context& ctx) {
  auto id = IdOf(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No payment difference with that number"), ctx);
  return Render(200, ctx, *id, {}, {});
}

Response DifferenceRoutes::Render(int status, Context& ctx, int64_t id,
                                  const app::DifferenceDecision& typed,
                                  const std::vector<FieldError>& errors) {
  auto item = money_.Difference(ctx.call, *ctx.principal, id);
  if (!item.ok()) return ErrorResponse(item.error(), ctx);
  ViewData d = Row(*item);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("can_decide", item->record.status == DifferenceStatus::kToDecide);
  for (const char* a : {"recover_from_account", "recover_by_reducing", "waive"})
    d.set(std::string("chose_") + a, typed.action == a);
  d.set("cycles", typed.cycles.empty() ? std::string("1") : typed.cycles);
  d.set("typed_note", typed.note);
  d.set("action_error", ErrorFor(errors, "action"));
  d.set("cycles_error", ErrorFor(errors, "cycles"));
  d.set("note_error", ErrorFor(errors, "note"));
  SetErrorSummary(d, errors, [](const FieldError& e) {
    return e.field == "action" ? std::string("#action") : "#" + e.field;
  });
  return Page(status, "Payment difference " + std::to_string(id), "difference", d, ctx);
}

Response DifferenceRoutes::Decide(Context& ctx) {
  auto id = IdOf(ctx.request.path_params["id"]);
  auto form = ctx.request.Form();
  if (!id || !form)
    return ErrorResponse(Error::NotFound("No payment difference with that number"), ctx);
  app::DifferenceDecision in{FormValue(*form, "action"), FormValue(*form, "cycles"),
                             FormValue(*form, "note")};
  auto done = money_.DecideDifference(ctx.call, *ctx.principal, *id, in);
  if (done.ok()) return Response::Redirect("/payments/differences/" + std::to_string(*id));
  if (done.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(done.error(), ctx);
  std::vector<FieldError> errors;
  for (const auto& f : done.error().fields)  // A recovery's own fields are about the choice.
    errors.push_back({f.field == "cycles" || f.field == "note" ? f.field : "action", f.message});
  if (errors.empty()) errors.push_back({"action", done.error().message});
  return Render(422, ctx, *id, in, errors);
}

void DifferenceRoutes::AddApiRoutes() {
  const std::vector<Role> finance = {Role::kFinanceOfficer};
  Add(Method::kGet, "/api/v1/payments/differences",
      ApiRoute(finance, Bind(&DifferenceRoutes::ApiList),
               Operation("listPaymentDifferences",
                         "What changes of plan left for days already paid at the old rate: paid "
                         "over (to decide) and owed to people (the next payment run pays them)",
                         Replies({{"200", Reply("The differences", Ref("PaymentDifferences"))},
                                  {"403", ErrorReply("Not a finance officer")}}))));
  Add(Method::kPost, "/api/v1/payments/differences/{id}/decision",
      ApiRoute(
          finance, Bind(&DifferenceRoutes::ApiDecide),
          Operation("decidePaymentDifference",
                    "For a difference paid over: propose its recovery from the account or "
                    "off the next payments, or do not recover it (with why)",
                    Replies({{"200", Reply("Decided", Ref("PaymentDifference"))},
                             {"404", ErrorReply("No such difference")},
                             {"409", ErrorReply("Dealt with already")},
                             {"422", ErrorReply("Check the decision (by field)")}}),
                    json::object{{"parameters", json::array{PathParam("id", "The difference")}},
                                 {"requestBody", Body(Ref("DifferenceDecision"))}})));
}

Response DifferenceRoutes::ApiList(Context& ctx) {
  auto all = money_.Differences(ctx.call, *ctx.principal);
  if (!all.ok()) return ErrorResponse(all.error(), ctx);
  json::array items;
  for (const auto& item : *all) items.push_back(DifferenceJson(item.record));
  return Response::Json(200, json::object{{"items", std::move(items)}});
}

Response DifferenceRoutes::ApiDecide(Context& ctx) {
  auto id = IdOf(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No payment difference with that number"), ctx);
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  const json::value* cycles = body->if_contains("cycles");
  app::DifferenceDecision in{StringField(*body, "action"),
                             cycles && cycles->is_int64() ? std::to_string(cycles->get_int64())
                                                          : StringField(*body, "cycles"),
                             StringField(*body, "note")};
  auto done = money_.DecideDifference(ctx.call, *ctx.principal, *id, in);
  if (!done.ok()) return ErrorResponse(done.error(), ctx);
  return Response::Json(200, DifferenceJson(*done));
}

void DifferenceRoutes::AddSchemas(json::object& schemas) const {
  schemas["PaymentDifference"] =
      Object({{"id", Type("integer")},
              {"person_id", Type("integer")},
              {"plan_change_id", Type("integer")},
              {"agreement_id", Type("integer")},
              {"account", Type("string")},
              {"first_day", Type("string")},
              {"last_day", Type("string")},
              {"amount", MoneyType()},
              {"netted", MoneyType()},
              {"left", MoneyType()},
              {"status", Type("string")},
              {"note", Type("string")},
              {"recovery_id", json::object{{"type", json::array{"integer", "null"}}}}},
             {"id", "person_id", "amount", "netted", "left", "status"});
  schemas["PaymentDifferences"] = Object(
      {{"items", json::object{{"type", "array"}, {"items", Ref("PaymentDifference")}}}}, {"items"});
  schemas["DifferenceDecision"] =
      Object({{"action", Type("string")}, {"cycles", Type("integer")}, {"note", Type("string")}},
             {"action"});
}

}  // namespace selfdirect::web
