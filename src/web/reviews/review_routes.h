// File: review_routes.h
// Reviews on the web (issue 23, deliver 2; the use cases in app/reviews/review_service.h): the
// practitioners' review list by due date, a person's reviews with the form to ask for one, the
// review form itself, the person page's "Reviews" part, and the JSON API.
#pragma once

#include <string>
#include <vector>

#include "app/reviews/review_service.h"
#include "web/person_section.h"
#include "web/route_module.h"

namespace selfdirect::web {

class ReviewRoutes final : public RouteModule, public PersonSection {
 public:
  ReviewRoutes(const SiteEnv& env, app::PlanningService& planning)
      : RouteModule(env), reviews_(env.store, env.clock, env.audit, planning) {}

  app::ReviewService& service() { return reviews_; }
  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;
  void AddPersonSection(ViewData& page, Context& ctx, const app::PersonFile& file) override;

 private:
  void AddPageRoutes() override;
  void AddApiRoutes() override;

  // review_pages.cc
  Response ListPage(Context& ctx);
  Response PersonPage(Context& ctx);
  Response RequestSubmit(Context& ctx);
  Response FormPage(Context& ctx);
  Response RecordSubmit(Context& ctx);
  Response RenderPerson(Context& ctx, PersonId person, const std::vector<FieldError>& errors,
                        const app::ReviewRequestInput& typed, const DateParts& due);
  // review_form.cc
  Response RenderForm(Context& ctx, PersonId person, const std::vector<FieldError>& errors,
                      const app::ReviewInput& typed, const DateParts& held_on);

  // review_api.cc
  Response ApiList(Context& ctx);
  Response ApiPerson(Context& ctx);
  Response ApiRequest(Context& ctx);
  Response ApiRecord(Context& ctx);

  app::ReviewService reviews_;
};

// "Overdue", "Due soon" or "Not due yet" as a GOV.UK tag's class and text.
ViewData ReviewTimingTag(domain::ReviewTiming timing);

}  // namespace selfdirect::web
