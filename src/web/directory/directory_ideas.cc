// Ideas near home for a support plan: directory services matching what matters to the person, in
// their own words (app::DirectoryService::Ideas), each with its price, how far away it is, and,
// for the person or their representative, a one-click "Add to my plan".
#include "base/text.h"
#include "web/directory/directory_routes.h"
#include "web/directory/directory_text.h"

namespace selfdirect::web {
namespace {

constexpr size_t kMostIdeas = 4;

// "for ‘sing’ and ‘choir’": which of the person's words the idea matched.
std::string MatchedText(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " and " : ", ";
    out += "\u2018" + words[i] + "\u2019";
  }
  return out;
}

}  // namespace

ViewData DirectoryRoutes::IdeaView(const app::DirectoryIdea& idea) const {
  const auto& s = idea.listing.service;
  ViewData v;
  v.set("id", s.id);
  v.set("name", s.name);
  v.set("organisation", s.organization.name);
  v.set("cost", PriceText(s));
  if (idea.listing.distance_metres)
    v.set("distance", domain::MilesText(*idea.listing.distance_metres) + " miles away");
  v.set("matched", MatchedText(idea.matched));
  return v;
}

void DirectoryRoutes::AddPlanIdeas(ViewData& page, Context& ctx, const app::PlanView& plan) {
  std::string words = plan.content.what_matters;
  for (const auto& outcome : plan.content.outcomes) words += ". " + outcome;
  if (Trim(words).empty()) return;
  auto ideas = directory_.Ideas(options_.council.id, words,
                                plan.person.details.postcode.value_or(""), kMostIdeas);
  if (!ideas.ok()) return;  // Ideas are a help, never a reason the plan cannot be shown.
  const auto role = ctx.principal->user.role;
  const bool planner = role == domain::Role::kBudgetHolder || role == domain::Role::kRepresentative;
  ViewList list;
  for (const auto& idea : *ideas) {
    const auto& s = idea.listing.service;
    ViewData v = IdeaView(idea);
    v.set("can_add", planner && s.status == domain::ServiceStatus::kActive &&
                         !CatalogueItemFor(FirstTermName(s, directory_.taxonomy())).empty());
    v.set("person", plan.person.id.ToString());
    v.set("csrf_token", ctx.principal->session.csrf_token);
    list.push_back(v);
  }
  page.set("ideas", list);
  page.set("has_ideas", !list.empty());
  page.set("ideas_asked", true);
}

void DirectoryRoutes::AddIdeas(ViewData& page, const std::string& words,
                               const std::string& postcode) {
  if (Trim(words).empty()) return;
  auto ideas = directory_.Ideas(options_.council.id, words, postcode, kMostIdeas + 2);
  if (!ideas.ok()) return;  // A help, never a reason the page cannot be shown.
  ViewList list;
  for (const auto& idea : *ideas) list.push_back(IdeaView(idea));
  page.set("ideas", list);
  page.set("has_ideas", !list.empty());
}

}  // namespace selfdirect::web
