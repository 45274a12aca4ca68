// File: complaint_routes.h
// Complaints on the web (issue 23, deliver 6; the use cases in
// app/complaints/complaint_service.h): a person's complaints with the form to make one, one
// complaint with the forms to acknowledge and answer it, the staff's list by the next date owed,
// the person page's "Complaints" part, and the JSON API.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/complaints/complaint_service.h"
#include "web/person_section.h"
#include "web/route_module.h"

namespace selfdirect::web {

class ComplaintRoutes final : public RouteModule, public PersonSection {
 public:
  explicit ComplaintRoutes(const SiteEnv& env)
      : RouteModule(env), complaints_(env.store, env.clock, env.audit) {}

  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;
  void AddPersonSection(ViewData& page, Context& ctx, const app::PersonFile& file) override;

 private:
  using Form = std::multimap<std::string, std::string>;
  void AddPageRoutes() override;
  void AddApiRoutes() override;

  // complaint_pages.cc
  Response ListPage(Context& ctx);
  Response PersonPage(Context& ctx);
  Response MakeSubmit(Context& ctx);
  Response RenderPerson(Context& ctx, PersonId person, const Form& form,
                        const std::vector<FieldError>& errors);
  Response ComplaintPage(Context& ctx);
  Response AcknowledgeSubmit(Context& ctx);
  Response RespondSubmit(Context& ctx);
  Response RenderComplaint(Context& ctx, ComplaintId id, const Form& form,
                           const std::vector<FieldError>& errors);
  // complaint_api.cc
  Response ApiList(Context& ctx);
  Response ApiPerson(Context& ctx);
  Response ApiMake(Context& ctx);
  Response ApiGet(Context& ctx);
  Response ApiAcknowledge(Context& ctx);
  Response ApiRespond(Context& ctx);

  app::ComplaintService complaints_;
};

// A complaint's fields as the pages show them (reference, person, dates, answer, timing tag).
ViewData ComplaintFields(const app::ComplaintView& v);
// The tag of a complaint's timing: "Overdue" in red, "Due soon" in yellow, and so on.
ViewData ComplaintTimingTag(domain::ComplaintTiming t);

}  // namespace selfdirect::web
