// File: review_api.cc
// Reviews as JSON (review_routes.h).
#include "web/openapi.h"
#include "web/reviews/review_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.

json::object NextJson(const app::ScheduledReview& s) {
  return {{"person_id", s.row.person.value()},
          {"plan_id", s.row.plan.value()},
          {"due", s.due.due.ToString()},
          {"not_before",
           s.due.not_before ? json::value(s.due.not_before->ToString()) : json::value(nullptr)},
          {"reason", domain::ReviewReasonCode(s.due.reason)},
          {"timing", domain::ReviewTimingCode(s.timing)}};
}

json::object ReviewJson(const app::ReviewRecord& r) {
  json::array outcomes, answers;
  for (const auto& o : r.outcomes)
    outcomes.push_back(
        json::object{{"outcome", o.outcome}, {"progress", o.progress}, {"note", o.note}});
  for (const auto& a : r.answers)
    answers.push_back(json::object{{"question", a.question}, {"answer", a.answer}});
  return {{"id", r.id.value()},
          {"plan_id", r.plan.value()},
          {"plan_version", r.plan_version},
          {"reason", r.reason},
          {"due", r.due.ToString()},
          {"held_on", r.held_on.ToString()},
          {"took_part", r.took_part},
          {"working", r.working},
          {"not_working", r.not_working},
          {"outcomes", std::move(outcomes)},
          {"answers", std::move(answers)},
          {"money_position", r.money_position},
          {"outcome", domain::ReviewOutcomeCode(r.outcome)},
          {"outcome_reason", r.outcome_reason}};
}

json::object RequestJson(const app::ReviewRequest& q) {
  return {{"id", q.id.value()},
          {"reason", q.reason},
          {"detail", q.detail},
          {"due", q.due.ToString()},
          {"open", !q.review.has_value()}};
}

// The review as the body gives it; unknown shapes read as empty, which validation reports.
app::ReviewInput ReviewOfBody(const json::object& body) {
  app::ReviewInput in{StringField(body, "held_on"),
                      StringField(body, "took_part"),
                      StringField(body, "working"),
                      StringField(body, "not_working"),
                      {},
                      {},
                      StringField(body, "outcome"),
                      StringField(body, "outcome_reason")};
  if (const auto* list = body.if_contains("outcomes"); list && list->is_array())
    for (const auto& o : list->as_array())
      if (o.is_object())
        in.outcomes.push_back(
            {"", StringField(o.as_object(), "progress"), StringField(o.as_object(), "note")});
  if (const auto* list = body.if_contains("answers"); list && list->is_array())
    for (const auto& a : list->as_array())
      if (a.is_object())
        in.answers.push_back(
            {StringField(a.as_object(), "question"), StringField(a.as_object(), "answer")});
  return in;
}

std::optional<PersonId> PersonOf(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  return id ? std::optional<PersonId>(*id) : std::nullopt;
}

}  // namespace

Response ReviewRoutes::ApiList(Context& ctx) {
  app::ReviewListQuery q;
  q.show = ctx.request.Query("show").empty() ? "due_soon" : ctx.request.Query("show");
  if (q.show != "overdue" && q.show != "due_soon" && q.show != "all")
    return ErrorResponse(
        Error::InvalidArgument("Unknown list", {{"show", "Use overdue, due_soon or all"}}), ctx);
  if (auto team = TeamId::Parse(ctx.request.Query("team"))) q.team = *team;
  q.page = std::max(1, std::atoi(ctx.request.Query("page").c_str()));
  q.page_size = 1000;
  auto list = reviews_.List(ctx.call, *ctx.principal, q);
  if (!list.ok()) return ErrorResponse(list.error(), ctx);
  json::array items;
  for (const auto& s : list->items) {
    json::object o = NextJson(s);
    o["name"] = s.row.given_name + " " + s.row.family_name;
    items.push_back(std::move(o));
  }
  return Response::Json(200, json::object{{"today", list->today.ToString()},
                                          {"page", q.page},
                                          {"pages", list->total_pages(q.page_size)},
                                          {"shown", list->shown},
                                          {"overdue", list->overdue},
                                          {"due_soon", list->due_soon},
                                          {"later", list->later},
                                          {"items", std::move(items)}});
}

Response ReviewRoutes::ApiPerson(Context& ctx) {
  auto person = PersonOf(ctx);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto f = reviews_.ForPerson(ctx.call, *ctx.principal, *person);
  if (!f.ok()) return ErrorResponse(f.error(), ctx);
  json::array requests, reviews, outcomes;
  for (const auto& q : f->requests) requests.push_back(RequestJson(q));
  for (const auto& r : f->reviews) reviews.push_back(ReviewJson(r));
  for (const auto& o : f->outcomes) outcomes.push_back(json::string(o));
  return Response::Json(
      200, json::object{{"next", f->next ? json::value(NextJson(*f->next)) : json::value(nullptr)},
                        {"plan_outcomes", std::move(outcomes)},
                        {"money_left", f->money_left ? json::value(f->money_left->ToString())
                                                     : json::value(nullptr)},
                        {"requests", std::move(requests)},
                        {"reviews", std::move(reviews)}});
}

Response ReviewRoutes::ApiRequest(Context& ctx) {
  auto person = PersonOf(ctx);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto r = reviews_.Request(
      ctx.call, *ctx.principal, *person,
      {StringField(*body, "reason"), StringField(*body, "detail"), StringField(*body, "due")});
  if (!r.ok()) return ErrorResponse(r.error(), ctx);
  return Response::Json(201, RequestJson(*r));
}

Response ReviewRoutes::ApiRecord(Context& ctx) {
  auto person = PersonOf(ctx);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto r = reviews_.Record(ctx.call, *ctx.principal, *person, ReviewOfBody(*body));
  if (!r.ok()) return ErrorResponse(r.error(), ctx);
  json::object out = ReviewJson(r->review);
  out["plan_revised"] = r->plan_revised;
  return Response::Json(201, out);
}

void ReviewRoutes::AddApiRoutes() {
  const std::vector<Role> staff = {Role::kPractitioner, Role::kApprover, Role::kAdministrator};
  const json::object person{{"parameters", IdParam()}};
  json::object list{
      {"parameters", json::array{QueryParam("show", "overdue, due_soon (the default) or all"),
                                 QueryParam("team", "A team's id (administrators)"),
                                 QueryParam("page", "Which 1,000 of them, from 1")}}};
  Add(Method::kGet, "/api/v1/reviews",
      ApiRoute(staff, Bind(&ReviewRoutes::ApiList),
               Operation("listReviews", "Reviews by due date: overdue and due soon, or everyone",
                         Replies({{"200", Reply("The list", Ref("ReviewList"))},
                                  {"422", ErrorReply("Unknown list")}}),
                         list)));
  Add(Method::kGet, "/api/v1/people/{id}/reviews",
      ApiRoute(kPersonViewerRoles, Bind(&ReviewRoutes::ApiPerson),
               Operation("getPersonReviews",
                         "A person's next review, reviews held and reviews asked for",
                         Replies({{"200", Reply("The reviews", Ref("PersonReviews"))},
                                  {"404", ErrorReply("No person with that reference")}}),
                         person)));
  json::object request = person;
  request["requestBody"] =
      Body(Object({{"reason", Str({{"enum", json::array(std::begin(app::kReviewRequestReasons),
                                                        std::end(app::kReviewRequestReasons))}})},
                   {"detail", Type("string")},
                   {"due", Str({{"format", "date"}})}},
                  {}));
  Add(Method::kPost, "/api/v1/people/{id}/review-requests",
      ApiRoute(kPersonViewerRoles, Bind(&ReviewRoutes::ApiRequest),
               Operation("requestReview", "Asks for an unplanned review",
                         Replies({{"201", Reply("The request", Ref("ReviewRequest"))},
                                  {"409", ErrorReply("No agreed plan to review")},
                                  {"422", ErrorReply("A field cannot be used")}}),
                         request)));
  json::object record = person;
  record["requestBody"] = Body(
      Object({{"held_on", Str({{"format", "date"}})},
              {"took_part", Type("string")},
              {"working", Type("string")},
              {"not_working", Type("string")},
              {"outcomes", Type("array")},
              {"answers", Type("array")},
              {"outcome", Str({{"enum", json::array{"no_change", "revise_plan", "reassess"}}})},
              {"outcome_reason", Type("string")}},
             {"held_on", "took_part", "outcome"}));
  Add(Method::kPost, "/api/v1/people/{id}/reviews",
      ApiRoute(staff, Bind(&ReviewRoutes::ApiRecord),
               Operation("recordReview", "Records a review and what it decided",
                         Replies({{"201", Reply("The review", Ref("Review"))},
                                  {"409", ErrorReply("No agreed plan to review")},
                                  {"422", ErrorReply("A field cannot be used")}}),
                         record)));
}

void ReviewRoutes::AddSchemas(json::object& schemas) const {
  schemas["ReviewList"] = Object({{"today", Str({{"format", "date"}})},
                                  {"page", Type("integer")},
                                  {"pages", Type("integer")},
                                  {"shown", Type("integer")},
                                  {"overdue", Type("integer")},
                                  {"due_soon", Type("integer")},
                                  {"later", Type("integer")},
                                  {"items", Type("array")}},
                                 {"today", "overdue", "due_soon", "later", "items"});
  schemas["PersonReviews"] =
      Object({{"next", json::object{{"type", json::array{"object", "null"}}}},
              {"plan_outcomes", Type("array")},
              {"requests", Type("array")},
              {"reviews", Type("array")}},
             {"next", "requests", "reviews"});
  schemas["ReviewRequest"] = Object({{"id", Type("integer")},
                                     {"reason", Type("string")},
                                     {"due", Str({{"format", "date"}})},
                                     {"open", Type("boolean")}},
                                    {"id", "reason", "due", "open"});
  schemas["Review"] = Object({{"id", Type("integer")},
                              {"held_on", Str({{"format", "date"}})},
                              {"outcome", Type("string")}},
                             {"id", "held_on", "outcome"});
}

}  // namespace selfdirect::web
