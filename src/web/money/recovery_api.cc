// The recoveries' JSON API: propose, list, read and decide (finance officers; audited).
#include "web/money/recovery_routes.h"
#include "web/openapi.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.

const std::vector<Role> kFinance = {Role::kFinanceOfficer};

json::object RecoveryJson(const app::RecoveryItem& item) {
  const app::RecoveryRecord& r = item.record;
  json::array letter;
  for (const auto& p : r.letter.paragraphs) letter.push_back(json::string(p));
  return {
      {"id", r.id.value()},
      {"person", r.person_id.value()},
      {"account", std::string(domain::BudgetAccountLeaf(r.account_kind))},
      {"kind", std::string(domain::RecoveryKindCode(r.terms.kind))},
      {"method", std::string(domain::RecoveryMethodCode(r.terms.method))},
      {"amount", r.terms.amount.ToString()},
      {"cycles", r.terms.cycles},
      {"reason", r.terms.reason},
      {"surplus", r.surplus ? json::value(r.surplus->ToString()) : json::value(nullptr)},
      {"status", std::string(domain::RecoveryStatusCode(r.status))},
      {"proposed_by", r.proposed_by.value()},
      {"proposed_at", r.proposed_at.ToString()},
      {"decided_by", r.decided_by ? json::value(r.decided_by->value()) : json::value(nullptr)},
      {"decided_at", r.decided_at ? json::value(r.decided_at->ToString()) : json::value(nullptr)},
      {"decision_note", r.decision_note},
      {"recovered", r.recovered.ToString()},
      {"letter_title", r.letter.title},
      {"letter", std::move(letter)}};
}

}  // namespace

void RecoveryRoutes::AddApiRoutes() {
  Add(Method::kPost, "/api/v1/people/{id}/recoveries",
      ApiRoute(kFinance, Bind(&RecoveryRoutes::ApiPropose),
               Operation("proposeRecovery",
                         "Propose a clawback or a contribution refund from the person's direct "
                         "payment account, for another finance officer to approve (audited)",
                         Replies({{"201", Reply("Proposed", Ref("Recovery"))},
                                  {"404", ErrorReply("No such person")},
                                  {"409", ErrorReply("The person has no direct payment account")},
                                  {"422", ErrorReply("Field errors: nothing was stored")}}),
                         json::object{{"parameters", IdParam()},
                                      {"requestBody", Body(Ref("RecoveryProposal"))}})));
  json::array status_param{json::object{
      {"name", "status"},
      {"in", "query"},
      {"schema",
       json::object{{"type", "string"}, {"enum", {"proposed", "approved", "rejected"}}}}}};
  Add(Method::kGet, "/api/v1/recoveries",
      ApiRoute(
          kFinance, Bind(&RecoveryRoutes::ApiList),
          Operation(
              "listRecoveries", "The council's recoveries, newest first",
              Replies({{"200", Reply("The recoveries", json::object{{"type", "array"},
                                                                    {"items", Ref("Recovery")}})}}),
              json::object{{"parameters", status_param}})));
  Add(Method::kGet, "/api/v1/recoveries/{id}",
      ApiRoute(kPersonViewerRoles, Bind(&RecoveryRoutes::ApiGet),
               Operation("getRecovery",
                         "A recovery: finance officers, or once approved anyone who may see the "
                         "person (the letter)",
                         Replies({{"200", Reply("The recovery", Ref("Recovery"))},
                                  {"404", ErrorReply("No such recovery visible to the caller")}}),
                         json::object{{"parameters", IdParam()}})));
  Add(Method::kPost, "/api/v1/recoveries/{id}/decision",
      ApiRoute(
          kFinance, Bind(&RecoveryRoutes::ApiDecide),
          Operation("decideRecovery",
                    "Approve or reject a proposed recovery: not by the finance officer who "
                    "proposed it (audited)",
                    Replies({{"200", Reply("Decided", Ref("Recovery"))},
                             {"403", ErrorReply("The proposer cannot decide it")},
                             {"404", ErrorReply("No such recovery")},
                             {"409", ErrorReply("Decided before: nothing changed")},
                             {"422", ErrorReply("No longer possible, or a bad decision")}}),
                    json::object{
                        {"parameters", IdParam()},
                        {"requestBody",
                         Body(Object({{"decision", json::object{{"type", "string"},
                                                                {"enum", {"approve", "reject"}}}},
                                      {"note", Str()}},
                                     {"decision"}))}})));
}

void RecoveryRoutes::AddSchemas(json::object& schemas) const {
  schemas["RecoveryProposal"] = Object(
      {{"kind",
        json::object{{"type", "string"}, {"enum", {"surplus", "clawback", "contribution_refund"}}}},
       {"method", json::object{{"type", "string"}, {"enum", {"from_account", "reduce_payments"}}}},
       {"amount", MoneyType()},
       {"cycles", Str()},
       {"reason", Str()}},
      {"kind", "method", "amount", "reason"});
  schemas["Recovery"] =
      Object({{"id", Type("integer")},
              {"person", Type("integer")},
              {"account", Str()},
              {"kind", Str()},
              {"method", Str()},
              {"amount", MoneyType()},
              {"cycles", Type("integer")},
              {"reason", Str()},
              {"surplus", NullableStr()},
              {"status", Str()},
              {"proposed_by", Type("integer")},
              {"proposed_at", Str()},
              {"decided_by", json::object{{"type", json::array{"integer", "null"}}}},
              {"decided_at", NullableStr()},
              {"decision_note", Str()},
              {"recovered", MoneyType()},
              {"letter_title", Str()},
              {"letter", Type("array")}});
}

Response RecoveryRoutes::ApiPropose(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto body = ParseStringObject(ctx.request, {"kind", "method", "amount", "cycles", "reason"});
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  std::vector<FieldError> errors;
  const domain::RecoveryTerms terms = ReadRecoveryTerms(*body, errors);
  if (!errors.empty())
    return ErrorResponse(Error::InvalidArgument("Check the fields", errors), ctx);
  auto made = money_.ProposeRecovery(ctx.call, *ctx.principal, *person,
                                     domain::BudgetAccountKind::kDirectPayment, terms);
  if (!made.ok()) return ErrorResponse(made.error(), ctx);
  auto item = money_.Recovery(ctx.call, *ctx.principal, made->id);
  if (!item.ok()) return ErrorResponse(item.error(), ctx);
  return Response::Json(201, RecoveryJson(*item));
}

Response RecoveryRoutes::ApiList(Context& ctx) {
  std::optional<domain::RecoveryStatus> status;
  if (!ctx.request.Query("status").empty()) {
    status = domain::ParseRecoveryStatus(ctx.request.Query("status"));
    if (!status)
      return ErrorResponse(Error::InvalidArgument("Check the fields",
                                                  {{"status", "proposed, approved or rejected"}}),
                           ctx);
  }
  auto all = money_.Recoveries(ctx.call, *ctx.principal, status);
  if (!all.ok()) return ErrorResponse(all.error(), ctx);
  json::array out;
  for (const auto& item : *all) out.push_back(RecoveryJson(item));
  return Response::Json(200, out);
}

Response RecoveryRoutes::ApiGet(Context& ctx) {
  auto id = RecoveryId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No recovery with that number"), ctx);
  auto item = money_.Recovery(ctx.call, *ctx.principal, *id);
  if (!item.ok()) return ErrorResponse(item.error(), ctx);
  return Response::Json(200, RecoveryJson(*item));
}

Response RecoveryRoutes::ApiDecide(Context& ctx) {
  auto id = RecoveryId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No recovery with that number"), ctx);
  auto body = ParseStringObject(ctx.request, {"decision", "note"});
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  const std::string decision = body->contains("decision") ? body->at("decision") : "";
  if (decision != "approve" && decision != "reject")
    return ErrorResponse(
        Error::InvalidArgument("Check the fields", {{"decision", "approve or reject"}}), ctx);
  auto done = money_.DecideRecovery(ctx.call, *ctx.principal, *id, decision == "approve",
                                    body->contains("note") ? body->at("note") : "");
  if (!done.ok()) return ErrorResponse(done.error(), ctx);
  auto item = money_.Recovery(ctx.call, *ctx.principal, *id);
  if (!item.ok()) return ErrorResponse(item.error(), ctx);
  return Response::Json(200, RecoveryJson(*item));
}

}  // namespace selfdirect::web
