// File: plan_ideas.h
// The narrow interface through which the support plan (and the front door's triage) asks the
// directory for ideas: services
// near the person's home that match what matters to them, in their own words, each with its price
// and, for the person or their representative, a one-click "Add to my plan".
#pragma once

#include "app/planning/planning_service.h"
#include "web/pages/view.h"
#include "web/route.h"

namespace selfdirect::web {

class PlanIdeas {
 public:
  virtual ~PlanIdeas() = default;
  // Sets "ideas" (the list), "has_ideas" and "ideas_words" (what they were looked up from) on
  // `page` for the plan `plan`, for the signed-in caller. Sets nothing when the plan says nothing
  // about what matters yet.
  virtual void AddPlanIdeas(ViewData& page, Context& ctx, const app::PlanView& plan) = 0;
  // The same ideas for what someone asked the council for (the front door's information and
  // advice): "ideas" (id, name, organisation, cost, distance, matched) and "has_ideas" on `page`.
  virtual void AddIdeas(ViewData& page, const std::string& words, const std::string& postcode) = 0;
};

}  // namespace selfdirect::web
