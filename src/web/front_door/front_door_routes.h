// File: front_door_routes.h
// The front door on the web (issue 23, deliver 1; the use cases in
// app/front_door/front_door_service.h): the public "Ask for help" form and its confirmation, the
// practitioners' queue of requests and the triage page, the invitation page where an invited
// person sets their password, and the JSON API.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/front_door/front_door_service.h"
#include "web/plan_ideas.h"
#include "web/route_module.h"

namespace selfdirect::web {

class FrontDoorRoutes final : public RouteModule {
 public:
  FrontDoorRoutes(const SiteEnv& env, app::AssessmentService& assessments, PlanIdeas& ideas)
      : RouteModule(env),
        front_door_(env.store, env.clock, env.audit, assessments),
        ideas_(ideas) {}

  app::FrontDoorService& service() { return front_door_; }
  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;

 private:
  using Form = std::multimap<std::string, std::string>;
  void AddPageRoutes() override;
  void AddApiRoutes() override;

  // front_door_pages.cc: asking for help, and the invitation.
  Response AskPage(Context& ctx);
  Response AskSubmit(Context& ctx);
  Response SentPage(Context& ctx);
  Response RenderAsk(Context& ctx, int status, const Form& form,
                     const std::vector<FieldError>& errors);
  Response InvitationPage(Context& ctx);
  Response InvitationSubmit(Context& ctx);
  Response RenderInvitation(Context& ctx, int status, const std::vector<FieldError>& errors);
  // triage_pages.cc
  Response QueuePage(Context& ctx);
  Response ContactPage(Context& ctx);
  Response TriageSubmit(Context& ctx);
  Response RenderContact(Context& ctx, int status, ContactId id, const Form& form,
                         const std::vector<FieldError>& errors);
  Response InvitedPage(Context& ctx, const app::TriageResult& result);

  // front_door_api.cc
  Response ApiSubmit(Context& ctx);
  Response ApiQueue(Context& ctx);
  Response ApiContact(Context& ctx);
  Response ApiTriage(Context& ctx);

  app::FrontDoorService front_door_;
  PlanIdeas& ideas_;
};

}  // namespace selfdirect::web
