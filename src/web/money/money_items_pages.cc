// Items that need the person's word (a row not matched to the plan, or not allowed), the
// explanation with a receipt or photo, and uploading a statement from the money page.
#include "app/passwords.h"
#include "web/http/message.h"
#include "web/money/money_routes.h"

namespace selfdirect::web {
namespace {

std::string ItemError(const std::vector<FieldError>& errors, const std::string& field) {
  return ErrorFor(errors, field);
}

}  // namespace

Response MoneyRoutes::RenderItem(int status, Context& ctx, PersonId person,
                                 LedgerTransactionId item, const app::ExplanationInput& typed,
                                 const std::vector<FieldError>& errors) {
  auto m = money_.Summary(ctx.call, *ctx.principal, person);
  if (!m.ok()) return ErrorResponse(m.error(), ctx);
  const app::FlaggedItem* found = nullptr;
  for (const auto& f : m->flagged)
    if (f.transaction.id == item) found = &f;
  if (found == nullptr) return ErrorResponse(Error::NotFound("No such item"), ctx);
  ViewData d;
  d.set("person_id", person.ToString());
  d.set("id", item.ToString());
  d.set("date", found->transaction.transaction.effective_date.ToLongString());
  d.set("what", found->transaction.transaction.description);
  d.set("amount", found->amount.ToDisplayString());
  d.set("not_allowed", found->not_allowed);
  d.set("self", ctx.principal->user.role == domain::Role::kBudgetHolder);
  if (found->explanation) {
    ViewData e;
    e.set("note", found->explanation->note);
    e.set("on", found->explanation->added_at.LondonDate().ToLongString());
    e.set("file_name", found->explanation->file_name);
    e.set("file_id", std::to_string(found->explanation->id));
    e.set("has_file", !found->explanation->file_name.empty());
    d.set("explanation", e);
  }
  d.set("can_explain", ctx.principal->user.role != domain::Role::kPractitioner &&
                           ctx.principal->user.role != domain::Role::kApprover &&
                           ctx.principal->user.role != domain::Role::kAdministrator);
  d.set("can_settle", ctx.principal->user.role == domain::Role::kFinanceOfficer);
  ViewList categories;
  for (const auto& c : app::SettleCategories()) {
    ViewData o;
    o.set("value", c);
    categories.push_back(o);
  }
  d.set("categories", categories);
  d.set("category_error", ItemError(errors, "category"));
  d.set("note", typed.note);
  d.set("note_error", ItemError(errors, "note"));
  d.set("file_error", ItemError(errors, "file"));
  d.set("payee_words",
        typed.payee_words.empty() ? found->transaction.transaction.description : typed.payee_words);
  d.set("rule_payee_words_error", ItemError(errors, "rule_payee_words"));
  d.set("rule_category_error", ItemError(errors, "rule_category"));
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("back_href", "/people/" + person.ToString() + "/money");
  SetErrorSummary(d, errors, [](const FieldError& e) {
    if (e.field == "rule_payee_words") return std::string("#payee_words");
    return e.field == "rule_category" ? std::string("#rule_category") : std::string();
  });
  return Page(status, "What was this for?", "money_item", d, ctx);
}

Response MoneyRoutes::ItemPage(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  auto item = LedgerTransactionId::Parse(ctx.request.path_params["item"]);
  if (!person || !item) return ErrorResponse(Error::NotFound("No such item"), ctx);
  return RenderItem(200, ctx, *person, *item, {}, {});
}

Response MoneyRoutes::Explain(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  auto item = LedgerTransactionId::Parse(ctx.request.path_params["item"]);
  if (!person || !item) return ErrorResponse(Error::NotFound("No such item"), ctx);
  auto parts = ParseMultipartForm(ctx.request.Header("content-type"), ctx.request.body);
  if (!parts) return ErrorResponse(Error::InvalidArgument("The upload could not be read"), ctx);
  app::ExplanationInput input;
  for (auto& p : *parts) {
    if (p.name == "note" && !p.filename) input.note = p.data;
    if (p.name == "file" && p.filename && !(p.filename->empty() && p.data.empty())) {
      input.file_name = *p.filename;
      input.bytes = std::move(p.data);
    }
  }
  auto kept = money_.Explain(ctx.call, *ctx.principal, *person, *item, input);
  if (kept.ok()) return Response::Redirect("/people/" + person->ToString() + "/money?explained=1");
  if (kept.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(kept.error(), ctx);
  return RenderItem(422, ctx, *person, *item, input, kept.error().fields);
}

Response MoneyRoutes::SettleItem(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  auto item = LedgerTransactionId::Parse(ctx.request.path_params["item"]);
  if (!person || !item) return ErrorResponse(Error::NotFound("No such item"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  Status s = money_.Settle(ctx.call, *ctx.principal, *person, *item, FormValue(*form, "category"));
  if (s.ok()) return Response::Redirect("/people/" + person->ToString() + "/money?settled=1");
  if (s.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(s.error(), ctx);
  return RenderItem(422, ctx, *person, *item, {}, s.error().fields);
}

Response MoneyRoutes::ExplanationFile(Context& ctx) {
  // Explanations are numbered like ledger transactions: a positive whole number.
  auto id = LedgerTransactionId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such document"), ctx);
  auto e = money_.ExplanationFile(ctx.call, *ctx.principal, id->value());
  if (!e.ok()) return ErrorResponse(e.error(), ctx);
  auto bytes = app::Base64Decode(e->content_base64);
  if (!bytes) return ErrorResponse(Error::Internal("The document could not be read"), ctx);
  Response r;
  r.status = 200;
  r.body = std::move(*bytes);
  r.SetHeader("Content-Type", e->media_type);
  r.SetHeader("Content-Disposition", "attachment; filename=\"" + e->file_name + "\"");
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

Response MoneyRoutes::UploadStatement(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto parts = ParseMultipartForm(ctx.request.Header("content-type"), ctx.request.body);
  if (!parts) return ErrorResponse(Error::InvalidArgument("The upload could not be read"), ctx);
  std::string format_code = "bank-csv", text;
  for (auto& p : *parts) {
    if (p.name == "format" && !p.filename) format_code = p.data;
    if (p.name == "statement" && p.filename) text = std::move(p.data);
  }
  auto format = domain::ParseStatementFormat(format_code);
  if (!format) return ErrorResponse(Error::InvalidArgument("Choose the kind of statement"), ctx);
  auto report = money_.StartImport(ctx.call, *ctx.principal, *person, *format, text, jobs_);
  if (!report.ok() && report.error().code == ErrorCode::kInvalidArgument) {
    std::vector<std::string> lines = {
        "Nothing from the file was kept. Correct these lines and "
        "upload it again:"};
    for (const auto& f : report.error().fields) lines.push_back(f.message);
    if (report.error().fields.empty()) lines.push_back(report.error().message);
    return ErrorPage(422, "The statement could not be read", lines, ctx,
                     "/people/" + person->ToString() + "/money", "Back to the money page");
  }
  if (!report.ok()) return ErrorResponse(report.error(), ctx);
  if (!report->job.empty())  // A long one: the page shows how far it has got.
    return Response::Redirect("/people/" + person->ToString() + "/money/imports/" + report->job);
  return Response::Redirect("/people/" + person->ToString() +
                            "/money?imported=" + std::to_string(report->report->posted) +
                            "&already=" + std::to_string(report->report->already));
}

Response MoneyRoutes::MonitoringPage(Context& ctx) {
  auto queue = money_.Monitoring(ctx.call, *ctx.principal);
  if (!queue.ok()) return ErrorResponse(queue.error(), ctx);
  ViewList rows;
  for (const auto& a : *queue) {
    ViewData r;
    r.set("id", a.person.id.ToString());
    r.set("name", a.person.details.given_name + " " + a.person.details.family_name);
    r.set("reference", domain::PersonReference(a.person.id));
    r.set("balance", a.facts.balance.ToDisplayString());
    r.set("weekly", a.facts.weekly_payment.ToDisplayString());
    ViewList reasons;
    for (const auto& c : a.concerns) {
      ViewData reason;
      reason.set("text", c.reason);
      reasons.push_back(reason);
    }
    r.set("reasons", reasons);
    rows.push_back(r);
  }
  ViewData d;
  d.set("rows", rows);
  d.set("has_rows", !rows.empty());
  d.set("count", std::to_string(queue->size()));
  auto policy = money_.MonitoringPolicyToday(ctx.call.council);
  if (!policy.ok()) return ErrorResponse(policy.error(), ctx);
  d.set("surplus_weeks", std::to_string(policy->surplus_weeks));
  d.set("contingency_weeks", std::to_string(policy->contingency_weeks));
  return Page(200, "Budget accounts to look at", "money_monitoring", d, ctx);
}

Response MoneyRoutes::TeachRulePage(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  const domain::MatchRule rule{FormValue(*form, "payee_words"), FormValue(*form, "category")};
  Status s = money_.TeachRule(ctx.call, *ctx.principal, *person, rule);
  if (s.ok()) return Response::Redirect("/people/" + person->ToString() + "/money?taught=1");
  auto item = LedgerTransactionId::Parse(FormValue(*form, "item"));
  if (s.error().code != ErrorCode::kInvalidArgument || !item) return ErrorResponse(s.error(), ctx);
  std::vector<FieldError> errors;
  for (const auto& f : s.error().fields) errors.push_back({"rule_" + f.field, f.message});
  app::ExplanationInput typed;
  typed.payee_words = rule.payee_words;
  return RenderItem(422, ctx, *person, *item, typed, errors);
}

}  // namespace selfdirect::web
