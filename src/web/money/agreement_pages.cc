// Changing a payment agreement from a date (a finance officer): suspend payments during a
// hospital stay, resume them, or end the agreement; the page and its JSON operation.
#include "base/text.h"
#include "web/money/money_routes.h"
#include "web/openapi.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.

std::string DateOfForm(const std::multimap<std::string, std::string>& form) {
  return IsoDateFromParts(
      {FormValue(form, "from-day"), FormValue(form, "from-month"), FormValue(form, "from-year")});
}

// The typed input, with the field errors of what cannot be read.
app::AgreementChangeInput ReadChange(PaymentAgreementId id, const std::string& kind,
                                     const std::string& from, const std::string& reason,
                                     std::vector<FieldError>& errors) {
  app::AgreementChangeInput in;
  in.agreement = id;
  auto k = app::ParseAgreementChangeKind(kind);
  if (!k) errors.push_back({"kind", "Choose suspend, resume or end"});
  in.kind = k.value_or(app::AgreementChangeKind::kSuspend);
  auto date = Date::Parse(from);
  if (!date.ok()) errors.push_back({"from", "Enter a real date, for example 28 12 2026"});
  if (date.ok()) in.from = *date;
  in.reason = std::string(Trim(reason));
  return in;
}

ViewList ChangeRows(const app::PaymentAgreementRecord& a) {
  ViewList rows;
  for (const auto& c : a.terms.changes) {
    ViewData r;
    r.set("from", c.from.ToLongString());
    r.set("weekly", c.weekly_budget.ToDisplayString());
    r.set("contribution", c.weekly_contribution.ToDisplayString());
    r.set("what", c.suspended ? "Suspended" : "Paid");
    r.set("reason", c.reason);
    rows.push_back(r);
  }
  return rows;
}

}  // namespace

void MoneyRoutes::AddAgreementRoutes() {
  const std::vector<Role> finance = {Role::kFinanceOfficer};
  Add(Method::kGet, "/payments/agreements/{id}/change",
      PageRoute(finance, Bind(&MoneyRoutes::ChangePage)));
  Add(Method::kPost, "/payments/agreements/{id}/changes",
      PageRoute(finance, Bind(&MoneyRoutes::Change)));
  Add(Method::kPost, "/api/v1/payment-agreements/{id}/changes",
      ApiRoute(finance, Bind(&MoneyRoutes::ApiChange),
               Operation(
                   "changePaymentAgreement",
                   "Suspend, resume or end an agreement's payments from a date not yet "
                   "paid (audited)",
                   Replies({{"200", Reply("The agreement", Ref("PaymentAgreement"))},
                            {"404", ErrorReply("No such agreement")},
                            {"409", ErrorReply("Not suspended, already suspended, or ended")},
                            {"422", ErrorReply("Field errors: nothing changed")}}),
                   json::object{
                       {"parameters", IdParam()},
                       {"requestBody",
                        Body(Object({{"kind", json::object{{"type", "string"},
                                                           {"enum", {"suspend", "resume", "end"}}}},
                                     {"from", Str({{"format", "date"}})},
                                     {"reason", Str()}},
                                    {"kind", "from"}))}})));
}

Response MoneyRoutes::RenderChange(int status, Context& ctx, PaymentAgreementId id,
                                   const std::multimap<std::string, std::string>& form,
                                   const std::vector<FieldError>& errors) {
  auto a = money_.Agreement(ctx.call, *ctx.principal, id);
  if (!a.ok()) return ErrorResponse(a.error(), ctx);
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("id", id.ToString());
  d.set("person_id", a->person_id.ToString());
  d.set("account", std::string(domain::BudgetAccountLabel(a->account_kind)));
  d.set("changes", ChangeRows(*a));
  d.set("ended", a->terms.end ? a->terms.end->ToLongString() : "");
  d.set("next_unpaid", domain::AmountForCycle(a->terms, a->next_cycle).first.ToLongString());
  d.set("kind_options",
        ChoiceOptions("kind", "kind",
                      {{"suspend", "Suspend payments (for example, a hospital stay)"},
                       {"resume", "Resume payments"},
                       {"end", "End the agreement: the last day paid for"}},
                      {FormValue(form, "kind").empty() ? "suspend" : FormValue(form, "kind")}));
  for (const char* part : {"day", "month", "year"})
    d.set(std::string("from_") + part, FormValue(form, std::string("from-") + part));
  d.set("reason", FormValue(form, "reason"));
  d.set("kind_error", ErrorFor(errors, "kind"));
  d.set("from_error", ErrorFor(errors, "from"));
  SetErrorSummary(d, errors, [](const FieldError& e) {
    return e.field == "from" ? std::string("#from-day") : std::string("#kind");
  });
  return Page(status, "Change the payments", "payment_change", d, ctx);
}

Response MoneyRoutes::ChangePage(Context& ctx) {
  auto id = PaymentAgreementId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No payment agreement with that number"), ctx);
  return RenderChange(200, ctx, *id, {}, {});
}

Response MoneyRoutes::Change(Context& ctx) {
  auto id = PaymentAgreementId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No payment agreement with that number"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  std::vector<FieldError> errors;
  const auto in = ReadChange(*id, FormValue(*form, "kind"), DateOfForm(*form),
                             FormValue(*form, "reason"), errors);
  if (!errors.empty()) return RenderChange(422, ctx, *id, *form, errors);
  auto done = money_.ChangeAgreement(ctx.call, *ctx.principal, in);
  if (done.ok())
    return Response::Redirect("/people/" + done->person_id.ToString() + "/money?changed=1");
  if (done.error().code == ErrorCode::kFailedPrecondition)
    return RenderChange(409, ctx, *id, *form, {{"kind", done.error().message}});
  if (done.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(done.error(), ctx);
  return RenderChange(422, ctx, *id, *form, done.error().fields);
}

Response MoneyRoutes::ApiChange(Context& ctx) {
  auto id = PaymentAgreementId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No payment agreement with that number"), ctx);
  auto body = ParseStringObject(ctx.request, {"kind", "from", "reason"});
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto field = [&](const char* k) { return body->contains(k) ? body->at(k) : std::string(); };
  std::vector<FieldError> errors;
  const auto in = ReadChange(*id, field("kind"), field("from"), field("reason"), errors);
  if (!errors.empty())
    return ErrorResponse(Error::InvalidArgument("Check the fields", errors), ctx);
  auto done = money_.ChangeAgreement(ctx.call, *ctx.principal, in);
  if (!done.ok()) return ErrorResponse(done.error(), ctx);
  return Response::Json(200, AgreementJsonOf(*done));
}

}  // namespace selfdirect::web
