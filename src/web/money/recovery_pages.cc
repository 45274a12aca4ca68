// The recovery pages: propose (a finance officer, from the person's money page or the
// monitoring queue), the list of recoveries, one recovery with its decision, and the letter the
// person reads.
#include "base/text.h"
#include "web/money/recovery_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;

std::string Name(const app::PersonRecord& p) {
  return p.details.given_name + " " + p.details.family_name;
}

std::string KindText(const domain::RecoveryTerms& t) {
  switch (t.kind) {
    case domain::RecoveryKind::kSurplus:
      return "Surplus clawback";
    case domain::RecoveryKind::kContributionRefund:
      return "Contribution refund";
    case domain::RecoveryKind::kClawback:
      break;
  }
  return "Clawback";
}

std::string MethodText(const domain::RecoveryTerms& t) {
  if (t.method == domain::RecoveryMethod::kFromAccount) return "Taken from the account at once";
  return "Taken off the next " + std::to_string(t.cycles) +
         (t.cycles == 1 ? " payment" : " payments");
}

std::string StatusText(domain::RecoveryStatus s) {
  switch (s) {
    case domain::RecoveryStatus::kApproved:
      return "Approved";
    case domain::RecoveryStatus::kRejected:
      return "Rejected";
    case domain::RecoveryStatus::kProposed:
      break;
  }
  return "Waiting for approval";
}

ViewData RecoveryRow(const app::RecoveryItem& item) {
  const app::RecoveryRecord& r = item.record;
  ViewData row;
  row.set("id", r.id.ToString());
  row.set("person_id", r.person_id.ToString());
  row.set("name", Name(item.person));
  row.set("reference", domain::PersonReference(r.person_id));
  row.set("kind", KindText(r.terms));
  row.set("method", MethodText(r.terms));
  row.set("amount", r.terms.amount.ToDisplayString());
  row.set("recovered", r.recovered.ToDisplayString());
  row.set("status", StatusText(r.status));
  row.set("waiting", r.status == domain::RecoveryStatus::kProposed);
  row.set("proposed_on", r.proposed_at.LondonDate().ToLongString());
  return row;
}

ViewList LetterParagraphs(const domain::Letter& letter) {
  ViewList out;
  for (const auto& p : letter.paragraphs) out.push_back(p);
  return out;
}

std::map<std::string, std::string> Flat(const std::multimap<std::string, std::string>& form) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : form) out.emplace(k, v);
  return out;
}

}  // namespace

domain::RecoveryTerms ReadRecoveryTerms(const std::map<std::string, std::string>& fields,
                                        std::vector<FieldError>& errors) {
  auto field = [&](const char* k) {
    return fields.contains(k) ? std::string(Trim(fields.at(k))) : std::string();
  };
  domain::RecoveryTerms t;
  auto kind = domain::ParseRecoveryKind(field("kind"));
  if (!kind) errors.push_back({"kind", "Choose a surplus, another clawback or a refund"});
  t.kind = kind.value_or(domain::RecoveryKind::kClawback);
  auto method = domain::ParseRecoveryMethod(field("method"));
  if (!method) errors.push_back({"method", "Choose how the money is taken"});
  t.method = method.value_or(domain::RecoveryMethod::kFromAccount);
  std::string amount = field("amount");
  if (amount.starts_with("£")) amount.erase(0, std::string_view("£").size());
  std::erase(amount, ',');
  auto pence = Pence::Parse(amount);
  if (!pence.ok()) errors.push_back({"amount", "Enter the amount in pounds, like 700.00"});
  if (pence.ok()) t.amount = *pence;
  const std::string cycles = field("cycles");
  if (t.method == domain::RecoveryMethod::kReducePayments) {
    const bool digits =
        !cycles.empty() && cycles.size() <= 3 &&
        std::all_of(cycles.begin(), cycles.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) errors.push_back({"cycles", "Enter how many payments, from 1 to 13"});
    t.cycles = digits ? std::stoll(cycles) : 1;
  }
  t.reason = field("reason");
  if (t.reason.empty()) errors.push_back({"reason", "Say why, in words the person will read"});
  return t;
}

void RecoveryRoutes::AddPageRoutes() {
  const std::vector<Role> finance = {Role::kFinanceOfficer};
  Add(Method::kGet, "/people/{id}/money/recoveries/new",
      PageRoute(finance, Bind(&RecoveryRoutes::NewPage)));
  Add(Method::kPost, "/people/{id}/money/recoveries",
      PageRoute(finance, Bind(&RecoveryRoutes::Propose)));
  Add(Method::kGet, "/payments/recoveries", PageRoute(finance, Bind(&RecoveryRoutes::ListPage)));
  Add(Method::kGet, "/payments/recoveries/{id}",
      PageRoute(finance, Bind(&RecoveryRoutes::RecoveryPage)));
  Add(Method::kPost, "/payments/recoveries/{id}/decision",
      PageRoute(finance, Bind(&RecoveryRoutes::Decide)));
  Add(Method::kGet, "/people/{id}/money/letters/{letter}",
      PageRoute(kPersonViewerRoles, Bind(&RecoveryRoutes::LetterPage)));
}

void RecoveryRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  if (ctx.principal->user.role != Role::kFinanceOfficer) return;
  auto waiting = money_.Recoveries(ctx.call, *ctx.principal, domain::RecoveryStatus::kProposed);
  size_t n = 0;
  if (waiting.ok())
    for (const auto& r : *waiting) n += r.record.proposed_by != ctx.principal->user.id ? 1 : 0;
  out.push_back(
      {"/payments/recoveries",
       std::to_string(n) + (n == 1 ? " recovery" : " recoveries") + " waiting for your approval",
       n > 0});
}

Response RecoveryRoutes::RenderNew(int status, Context& ctx, PersonId person,
                                   const std::multimap<std::string, std::string>& form,
                                   const std::vector<FieldError>& errors) {
  auto facts = money_.RecoveryFactsFor(ctx.call, *ctx.principal, person,
                                       domain::BudgetAccountKind::kDirectPayment);
  if (!facts.ok()) return ErrorResponse(facts.error(), ctx);
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("person_id", person.ToString());
  d.set("person_name", Name(facts->person));
  d.set("balance", facts->limits.balance.ToDisplayString());
  d.set("contingency", facts->surplus.contingency.ToDisplayString());
  d.set("threshold", facts->surplus.threshold.ToDisplayString());
  d.set("surplus_weeks", std::to_string(facts->surplus.surplus_weeks));
  d.set("recoverable", facts->surplus.recoverable.ToDisplayString());
  d.set("contributions", facts->limits.contributions.ToDisplayString());
  d.set("per_cycle", facts->limits.payment_per_cycle.ToDisplayString());
  const bool typed = !form.empty();
  const Pence suggested = facts->surplus.recoverable;
  const std::string kind =
      typed ? FormValue(form, "kind") : (suggested > Pence() ? "surplus" : "clawback");
  const std::string method = typed ? FormValue(form, "method") : "from_account";
  d.set("kind_options",
        ChoiceOptions(
            "kind", "kind",
            {{"surplus", "Surplus: more than " + std::to_string(facts->surplus.surplus_weeks) +
                             " weeks' payments held"},
             {"clawback", "Other clawback: spending outside the plan, a payment made in error"},
             {"contribution_refund", "Refund: the person paid more than they needed to"}},
            {kind}));
  d.set("method_options", ChoiceOptions("method", "method",
                                        {{"from_account", "Take it from the account at once"},
                                         {"reduce_payments", "Take it off the next payments"}},
                                        {method}));
  d.set("amount", typed ? FormValue(form, "amount")
                        : (suggested > Pence() ? suggested.ToString() : std::string()));
  d.set("cycles", typed ? FormValue(form, "cycles") : "3");
  d.set("reason", typed ? FormValue(form, "reason")
                        : (suggested > Pence() ? "Your account has built up more money than your "
                                                 "support needs."
                                               : std::string()));
  for (const char* f : {"kind", "method", "amount", "cycles", "reason"})
    d.set(std::string(f) + "_error", ErrorFor(errors, f));
  SetErrorSummary(d, errors);
  return Page(status, "Recover money", "recovery_new", d, ctx);
}

Response RecoveryRoutes::NewPage(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  return RenderNew(200, ctx, *person, {}, {});
}

Response RecoveryRoutes::Propose(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  std::vector<FieldError> errors;
  const domain::RecoveryTerms terms = ReadRecoveryTerms(Flat(*form), errors);
  if (!errors.empty()) return RenderNew(422, ctx, *person, *form, errors);
  auto made = money_.ProposeRecovery(ctx.call, *ctx.principal, *person,
                                     domain::BudgetAccountKind::kDirectPayment, terms);
  if (made.ok())
    return Response::Redirect("/payments/recoveries/" + made->id.ToString() + "?proposed=1");
  if (made.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(made.error(), ctx);
  return RenderNew(422, ctx, *person, *form, made.error().fields);
}

Response RecoveryRoutes::ListPage(Context& ctx) {
  auto all = money_.Recoveries(ctx.call, *ctx.principal, std::nullopt);
  if (!all.ok()) return ErrorResponse(all.error(), ctx);
  ViewList waiting, decided;
  for (const auto& item : *all) {
    ViewData row = RecoveryRow(item);
    row.set("yours", item.record.proposed_by == ctx.principal->user.id);
    (item.record.status == domain::RecoveryStatus::kProposed ? waiting : decided).push_back(row);
  }
  ViewData d;
  d.set("waiting", waiting);
  d.set("has_waiting", !waiting.empty());
  d.set("decided", decided);
  d.set("has_decided", !decided.empty());
  return Page(200, "Recoveries", "recoveries", d, ctx);
}

Response RecoveryRoutes::RenderRecovery(int status, Context& ctx, RecoveryId id,
                                        const std::vector<FieldError>& errors) {
  auto item = money_.Recovery(ctx.call, *ctx.principal, id);
  if (!item.ok()) return ErrorResponse(item.error(), ctx);
  const app::RecoveryRecord& r = item->record;
  ViewData d = RecoveryRow(*item);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("reason", r.terms.reason);
  d.set("surplus", r.surplus ? r.surplus->ToDisplayString() : "");
  d.set("has_surplus", r.surplus.has_value());
  const bool proposer = r.proposed_by == ctx.principal->user.id;
  d.set("proposer", proposer && r.status == domain::RecoveryStatus::kProposed);
  d.set("can_decide", !proposer && r.status == domain::RecoveryStatus::kProposed);
  d.set("decided_on", r.decided_at ? r.decided_at->LondonDate().ToLongString() : "");
  d.set("decision_note", r.decision_note);
  d.set("approved", r.status == domain::RecoveryStatus::kApproved);
  d.set("letter_title", r.letter.title);
  d.set("letter", LetterParagraphs(r.letter));
  d.set("proposed", ctx.request.Query("proposed") == "1");
  d.set("decision_error", ErrorFor(errors, "decision"));
  SetErrorSummary(d, errors);
  return Page(status, "Recovery " + r.id.ToString(), "recovery", d, ctx);
}

Response RecoveryRoutes::RecoveryPage(Context& ctx) {
  auto id = RecoveryId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No recovery with that number"), ctx);
  return RenderRecovery(200, ctx, *id, {});
}

Response RecoveryRoutes::Decide(Context& ctx) {
  auto id = RecoveryId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No recovery with that number"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  const std::string decision = FormValue(*form, "decision");
  if (decision != "approve" && decision != "reject")
    return RenderRecovery(422, ctx, *id, {{"decision", "Choose approve or reject"}});
  auto done = money_.DecideRecovery(ctx.call, *ctx.principal, *id, decision == "approve",
                                    std::string(Trim(FormValue(*form, "note"))));
  if (done.ok()) return Response::Redirect("/payments/recoveries/" + id->ToString());
  if (done.error().code == ErrorCode::kInvalidArgument) {
    std::vector<FieldError> errors;
    for (const auto& f : done.error().fields) errors.push_back({"decision", f.message});
    return RenderRecovery(422, ctx, *id, errors);
  }
  return ErrorResponse(done.error(), ctx);
}

Response RecoveryRoutes::LetterPage(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  auto id = RecoveryId::Parse(ctx.request.path_params["letter"]);
  if (!person || !id) return ErrorResponse(Error::NotFound("No such letter"), ctx);
  auto item = money_.Recovery(ctx.call, *ctx.principal, *id);
  if (!item.ok()) return ErrorResponse(item.error(), ctx);
  const app::RecoveryRecord& r = item->record;
  if (r.person_id != *person || r.status != domain::RecoveryStatus::kApproved)
    return ErrorResponse(Error::NotFound("No such letter"), ctx);
  ViewData d;
  d.set("person_id", person->ToString());
  d.set("title", r.letter.title);
  d.set("paragraphs", LetterParagraphs(r.letter));
  d.set("reference", domain::PersonReference(r.person_id) + "/R" + r.id.ToString());
  return Page(200, r.letter.title, "recovery_letter", d, ctx);
}

}  // namespace selfdirect::web
