// File: review_pages.cc
// The review pages (review_routes.h).
#include <fmt/format.h>

#include <map>

#include "base/text.h"
#include "web/reviews/review_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using Form = std::multimap<std::string, std::string>;

const std::vector<Role> kStaff = {Role::kPractitioner, Role::kApprover, Role::kAdministrator};

std::string NameOf(const std::string& given, const std::string& family) {
  return given + " " + family;
}

ViewData NextView(const app::ScheduledReview& s) {
  ViewData v;
  v.set("due", s.due.due.ToLongString());
  v.set("reason", domain::ReviewReasonLabel(s.due.reason));
  v.set("tag", ReviewTimingTag(s.timing));
  if (s.due.not_before) v.set("not_before", s.due.not_before->ToLongString());
  return v;
}

std::string AnswerText(const app::ReviewAnswer& a) {
  for (const auto& q : app::ReviewQuestions()) {
    if (q.id != a.question) continue;
    for (const auto& o : q.options)
      if (o.code == a.answer) return q.text + ": " + o.display;
  }
  return "";
}

ViewData ReviewCard(const app::ReviewRecord& r) {
  ViewData v;
  v.set("id", r.id.ToString());
  v.set("held_on", r.held_on.ToLongString());
  v.set("reason", domain::ReviewReasonLabel(
                      domain::ParseReviewReason(r.reason).value_or(domain::ReviewReason::kYearly)));
  v.set("due", r.due.ToLongString());
  v.set("took_part", r.took_part);
  v.set("working", r.working);
  v.set("not_working", r.not_working);
  ViewList outcomes, answers;
  for (const auto& o : r.outcomes) {
    ViewData x;
    x.set("outcome", o.outcome);
    x.set("progress", app::OutcomeProgressLabel(o.progress));
    x.set("note", o.note);
    outcomes.push_back(x);
  }
  for (const auto& a : r.answers)
    if (auto text = AnswerText(a); !text.empty()) answers.push_back(text);
  v.set("outcomes", outcomes);
  v.set("answers", answers);
  v.set("has_answers", !answers.empty());
  v.set("money_position", r.money_position);
  v.set("outcome", domain::ReviewOutcomeLabel(r.outcome));
  v.set("outcome_reason", r.outcome_reason);
  return v;
}

ViewList RequestRows(const std::vector<app::ReviewRequest>& requests) {
  ViewList rows;
  for (const auto& q : requests) {
    ViewData v;
    v.set("reason", app::ReviewRequestReasonLabel(q.reason));
    v.set("detail", q.detail);
    v.set("due", q.due.ToLongString());
    v.set("asked", q.requested_at.LondonDate().ToLongString());
    v.set("open", !q.review.has_value());
    rows.push_back(v);
  }
  return rows;
}

std::vector<std::pair<std::string, std::string>> RequestReasonOptions() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* code : app::kReviewRequestReasons)
    out.push_back({code, app::ReviewRequestReasonLabel(code)});
  return out;
}

}  // namespace

ViewData ReviewTimingTag(domain::ReviewTiming timing) {
  ViewData t;
  t.set("text", domain::ReviewTimingLabel(timing));
  t.set("class", timing == domain::ReviewTiming::kOverdue   ? "govuk-tag--red"
                 : timing == domain::ReviewTiming::kDueSoon ? "govuk-tag--yellow"
                                                            : "govuk-tag--grey");
  return t;
}

void ReviewRoutes::AddPageRoutes() {
  Add(Method::kGet, "/reviews", PageRoute(kStaff, Bind(&ReviewRoutes::ListPage)));
  Add(Method::kGet, "/people/{id}/reviews",
      PageRoute(kPersonViewerRoles, Bind(&ReviewRoutes::PersonPage)));
  Add(Method::kPost, "/people/{id}/reviews/requests",
      PageRoute(kPersonViewerRoles, Bind(&ReviewRoutes::RequestSubmit)));
  Add(Method::kGet, "/people/{id}/reviews/new", PageRoute(kStaff, Bind(&ReviewRoutes::FormPage)));
  Add(Method::kPost, "/people/{id}/reviews", PageRoute(kStaff, Bind(&ReviewRoutes::RecordSubmit)));
}

void ReviewRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  const Role r = ctx.principal->user.role;
  if (r != Role::kPractitioner && r != Role::kApprover && r != Role::kAdministrator) return;
  auto list = reviews_.List(ctx.call, *ctx.principal, {std::nullopt, "overdue"});
  if (!list.ok()) return;
  const int64_t waiting = list->overdue + list->due_soon;
  if (waiting == 0) {
    out.push_back({"/reviews", "See reviews coming up", false});
    return;
  }
  out.push_back({"/reviews",
                 fmt::format("{} {} overdue and {} due in the next {} days", list->overdue,
                             list->overdue == 1 ? "review" : "reviews", list->due_soon,
                             list->policy.due_soon_days),
                 true});
}

void ReviewRoutes::AddPersonSection(ViewData& d, Context& ctx, const app::PersonFile& file) {
  const bool self = domain::ActsForPerson(ctx.principal->actor, file.person.id);
  d.set("review_heading", self ? "Your reviews" : "Reviews");
  if (!file.review) return;
  const auto s =
      app::ReviewService::Schedule(*file.review, clock_.Now().LondonDate(), file.review_policy);
  d.set("review", NextView(s));
}

Response ReviewRoutes::ListPage(Context& ctx) {
  app::ReviewListQuery q;
  q.show = ctx.request.Query("show");
  if (q.show != "overdue" && q.show != "all") q.show = "due_soon";
  if (auto team = TeamId::Parse(ctx.request.Query("team"))) q.team = *team;
  q.page = std::max(1, std::atoi(ctx.request.Query("page").c_str()));
  auto list = reviews_.List(ctx.call, *ctx.principal, q);
  if (!list.ok()) return ErrorResponse(list.error(), ctx);
  ViewData d;
  std::string base = "/reviews?show=" + q.show + "&";
  if (q.team) base += "team=" + q.team->ToString() + "&";
  SetPagination(d, q.page, static_cast<int>(list->total_pages(q.page_size)), base);
  d.set("shown", std::to_string(list->shown));
  d.set("page", std::to_string(q.page));
  ViewList rows;
  for (const auto& s : list->items) {
    ViewData v = NextView(s);
    v.set("person_id", s.row.person.ToString());
    v.set("name", NameOf(s.row.given_name, s.row.family_name));
    rows.push_back(v);
  }
  d.set("rows", rows);
  d.set("has_rows", !rows.empty());
  d.set("overdue", std::to_string(list->overdue));
  d.set("due_soon", std::to_string(list->due_soon));
  d.set("later", std::to_string(list->later));
  d.set("soon_days", std::to_string(list->policy.due_soon_days));
  auto span = [](int days) {
    return days % 7 == 0 ? std::to_string(days / 7) + " weeks" : std::to_string(days) + " days";
  };
  d.set("first_from", span(list->policy.first_review_from_days));
  d.set("first_by", span(list->policy.first_review_by_days));
  d.set("interval_months", std::to_string(list->policy.plan_interval_months));
  d.set("dp_first_months", std::to_string(list->policy.dp_first_months));
  d.set("show_" + q.show, true);
  d.set("showing", q.show == "overdue" ? "overdue reviews"
                   : q.show == "all"   ? "everyone with an agreed plan"
                                       : "reviews overdue or due soon");
  return Page(200, "Reviews", "reviews_list", d, ctx);
}

Response ReviewRoutes::PersonPage(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  return RenderPerson(ctx, *person, {}, {}, {});
}

Response ReviewRoutes::RenderPerson(Context& ctx, PersonId person,
                                    const std::vector<FieldError>& errors,
                                    const app::ReviewRequestInput& typed, const DateParts& due) {
  auto f = reviews_.ForPerson(ctx.call, *ctx.principal, person);
  if (!f.ok()) return ErrorResponse(f.error(), ctx);
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("person_id", person.ToString());
  d.set("name", NameOf(f->person.details.given_name, f->person.details.family_name));
  d.set("self", f->self);
  if (f->next) d.set("next", NextView(*f->next));
  d.set("may_record", f->may_record);
  d.set("may_request", f->may_request);
  d.set("staff_request", f->may_request && !f->self);
  d.set("requests", RequestRows(f->requests));
  d.set("has_requests", !f->requests.empty());
  ViewList cards;
  for (const auto& r : f->reviews) cards.push_back(ReviewCard(r));
  d.set("reviews", cards);
  d.set("has_reviews", !cards.empty());
  d.set("reason_group",
        RadioGroupView("reason", "Why is the review needed?", "",
                       ChoiceOptions("reason", "reason", RequestReasonOptions(), {typed.reason}),
                       ErrorFor(errors, "reason"), true));
  d.set("detail", typed.detail);
  d.set("detail_error", ErrorFor(errors, "detail"));
  d.set("due",
        DateInputView("due", "Due by", "Leave empty for 14 days from today. For example, 27 3 2027",
                      due, ErrorFor(errors, "due")));
  SetErrorSummary(d, errors, [](const FieldError& e) {
    return e.field == "due" ? std::string("#due-day") : std::string();
  });
  const std::string done = ctx.request.Query("done");
  if (done == "requested")
    d.set("banner", f->self ? "We have your request for a review" : "Review asked for");
  if (done == "recorded") d.set("banner", "Review recorded");
  d.set("revised_plan", ctx.request.Query("plan"));
  d.set("reassess", ctx.request.Query("reassess") == "1" && f->may_record);
  return Page(errors.empty() ? 200 : 422, f->self ? "Your reviews" : "Reviews", "person_reviews", d,
              ctx);
}

Response ReviewRoutes::RequestSubmit(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  const DateParts due = PartsOfForm(*form, "due");
  app::ReviewRequestInput in{FormValue(*form, "reason"), FormValue(*form, "detail"),
                             IsoDateFromParts(due)};
  auto r = reviews_.Request(ctx.call, *ctx.principal, *person, in);
  if (r.ok())
    return Response::Redirect("/people/" + person->ToString() + "/reviews?done=requested");
  if (r.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(r.error(), ctx);
  return RenderPerson(ctx, *person, r.error().fields, in, due);
}

}  // namespace selfdirect::web
