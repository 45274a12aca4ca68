// The finance officer's pages: setting up the payments of an agreed plan, payment runs and the
// bank file.
#include "base/text.h"
#include "web/http/message.h"
#include "web/money/money_routes.h"

namespace selfdirect::web {
namespace {

std::string DateOfForm(const std::multimap<std::string, std::string>& form,
                       const std::string& field) {
  return IsoDateFromParts({FormValue(form, field + "-day"), FormValue(form, field + "-month"),
                           FormValue(form, field + "-year")});
}

void SetDateParts(ViewData& d, const std::string& field, const std::string& iso) {
  auto date = Date::Parse(iso);
  if (!date.ok()) return;
  d.set(field + "_day", std::to_string(date->day()));
  d.set(field + "_month", std::to_string(date->month()));
  d.set(field + "_year", std::to_string(date->year()));
}

// The form's typed input, with the field errors of what cannot be read.
app::AgreementSetUp ReadSetUp(const std::multimap<std::string, std::string>& form,
                              SupportPlanId plan, std::vector<FieldError>& errors) {
  app::AgreementSetUp s;
  s.plan = plan;
  auto holder = domain::ParseAccountHolder(FormValue(form, "holder"));
  if (!holder) errors.push_back({"holder", "Choose who holds the account"});
  s.holder = holder.value_or(domain::AccountHolder::kPerson);
  s.holder_name = std::string(Trim(FormValue(form, "holder_name")));
  auto type = domain::ParseAccountType(FormValue(form, "account_type"));
  if (!type) errors.push_back({"account_type", "Choose a bank account or a prepaid card"});
  s.account_type = type.value_or(domain::AccountType::kBankAccount);
  s.sort_code = std::string(Trim(FormValue(form, "sort_code")));
  s.account_number = std::string(Trim(FormValue(form, "account_number")));
  auto method = domain::ParseContributionMethod(FormValue(form, "contribution"));
  if (!method) errors.push_back({"contribution", "Choose how the contribution is paid"});
  s.contribution = method.value_or(domain::ContributionMethod::kNet);
  auto start = Date::Parse(DateOfForm(form, "start"));
  if (!start.ok()) errors.push_back({"start", "The first payment date must be a real date"});
  if (start.ok()) s.start = *start;
  return s;
}

std::string FieldHref(const FieldError& e) {
  if (e.field == "start") return "#start-day";
  if (e.field.starts_with("changes") || e.field == "plan") return "#holder";
  return "#" + e.field;
}

}  // namespace

Response MoneyRoutes::RenderSetUp(int status, Context& ctx, const std::string& plan_id,
                                  const std::multimap<std::string, std::string>& form,
                                  const std::vector<FieldError>& errors) {
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("plan_id", plan_id);
  for (const char* f : {"holder_name", "sort_code", "account_number"}) d.set(f, FormValue(form, f));
  const std::string holder =
      FormValue(form, "holder").empty() ? "person" : FormValue(form, "holder");
  d.set("holder_options",
        ChoiceOptions("holder", "holder",
                      {{"person", "The person"},
                       {"nominated", "A nominated person"},
                       {"authorised", "An authorised person (the person lacks capacity)"},
                       {"managed_account", "A managed account provider"}},
                      {holder}));
  const std::string type =
      FormValue(form, "account_type").empty() ? "bank_account" : FormValue(form, "account_type");
  d.set("type_options", ChoiceOptions("account_type", "account_type",
                                      {{"bank_account", "A bank account just for the budget"},
                                       {"prepaid_card", "A prepaid card"}},
                                      {type}));
  const std::string method =
      FormValue(form, "contribution").empty() ? "net" : FormValue(form, "contribution");
  d.set("contribution_options",
        ChoiceOptions("contribution", "contribution",
                      {{"net", "Paid net: the council pays the budget less the contribution"},
                       {"collected_separately", "Collected separately: the council invoices it"}},
                      {method}));
  std::string start = DateOfForm(form, "start");
  if (start.empty()) start = clock_.Now().LondonDate().ToString();
  SetDateParts(d, "start", start);
  for (const char* f : {"holder", "holder_name", "account_type", "sort_code", "account_number",
                        "contribution", "start"})
    d.set(std::string(f) + "_error", ErrorFor(errors, f));
  SetErrorSummary(d, errors, FieldHref);
  return Page(status, "Set up payments", "payment_setup", d, ctx);
}

Response MoneyRoutes::SetUpPage(Context& ctx) {
  auto plan = SupportPlanId::Parse(ctx.request.path_params["id"]);
  if (!plan) return ErrorResponse(Error::NotFound("No plan with that reference"), ctx);
  Status found = money_.CheckPlanToSetUp(ctx.call, *ctx.principal, *plan);
  if (!found.ok()) return ErrorResponse(found.error(), ctx);
  return RenderSetUp(200, ctx, plan->ToString(), {}, {});
}

Response MoneyRoutes::SetUp(Context& ctx) {
  auto plan = SupportPlanId::Parse(ctx.request.path_params["id"]);
  if (!plan) return ErrorResponse(Error::NotFound("No plan with that reference"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  std::vector<FieldError> errors;
  app::AgreementSetUp setup = ReadSetUp(*form, *plan, errors);
  if (!errors.empty()) return RenderSetUp(422, ctx, plan->ToString(), *form, errors);
  auto made = money_.SetUp(ctx.call, *ctx.principal, setup);
  if (!made.ok() && made.error().code == ErrorCode::kInvalidArgument)
    return RenderSetUp(422, ctx, plan->ToString(), *form, made.error().fields);
  if (!made.ok()) return ErrorResponse(made.error(), ctx);
  return Response::Redirect("/people/" + made->front().person_id.ToString() + "/money");
}

Response MoneyRoutes::RenderPayments(int status, Context& ctx, const std::string& through,
                                     const std::vector<FieldError>& errors) {
  auto runs = money_.Runs(ctx.call, *ctx.principal);
  if (!runs.ok()) return ErrorResponse(runs.error(), ctx);
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  ViewList rows;
  for (const auto& r : *runs) {
    ViewData row;
    row.set("id", r.id.ToString());
    row.set("through", r.through.ToLongString());
    row.set("payments", std::to_string(r.payments));
    row.set("total", r.total.ToDisplayString());
    row.set("made", r.started_at.LondonDate().ToLongString());
    rows.push_back(row);
  }
  d.set("runs", rows);
  d.set("has_runs", !rows.empty());
  SetDateParts(d, "through", through.empty() ? clock_.Now().LondonDate().ToString() : through);
  d.set("through_error", ErrorFor(errors, "through"));
  SetErrorSummary(d, errors, [](const FieldError&) { return std::string("#through-day"); });
  return Page(status, "Payment runs", "payments", d, ctx);
}

Response MoneyRoutes::PaymentsPage(Context& ctx) { return RenderPayments(200, ctx, "", {}); }

Response MoneyRoutes::StartRun(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  const std::string through_text = DateOfForm(*form, "through");
  auto through = Date::Parse(through_text);
  if (!through.ok())
    return RenderPayments(422, ctx, through_text, {{"through", "The date must be a real date"}});
  auto run = money_.RunPayments(ctx.call, *ctx.principal, *through);
  if (!run.ok() && run.error().code == ErrorCode::kAlreadyExists)
    return RenderPayments(409, ctx, through_text, {{"through", run.error().message}});
  if (!run.ok()) return ErrorResponse(run.error(), ctx);
  return Response::Redirect("/payments/runs/" + run->id.ToString());
}

Response MoneyRoutes::RunPage(Context& ctx) {
  auto id = PaymentRunId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No payment run with that number"), ctx);
  auto run = money_.Run(ctx.call, *ctx.principal, *id);
  if (!run.ok()) return ErrorResponse(run.error(), ctx);
  ViewData d;
  d.set("id", run->id.ToString());
  d.set("through", run->through.ToLongString());
  d.set("payments", std::to_string(run->payments));
  d.set("total", run->total.ToDisplayString());
  d.set("made", run->started_at.LondonDate().ToLongString());
  return Page(200, "Payment run " + run->id.ToString(), "payment_run", d, ctx);
}

Response MoneyRoutes::BankFile(Context& ctx) {
  auto id = PaymentRunId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No payment run with that number"), ctx);
  auto run = money_.Run(ctx.call, *ctx.principal, *id);
  if (!run.ok()) return ErrorResponse(run.error(), ctx);
  Response r = Response::Text(200, run->bank_file);
  r.SetHeader("Content-Type", "text/csv; charset=utf-8");
  r.SetHeader("Content-Disposition",
              "attachment; filename=\"payment-run-" + run->id.ToString() + ".csv\"");
  return r;
}

}  // namespace selfdirect::web
