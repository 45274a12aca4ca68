// File: route_module.h
// The base of every area's route module (web/<area>/<area>_routes.h). A module holds the use
// cases its area needs, registers its pages and JSON operations into the route table, and adds
// its schemas to the OpenAPI document. Adding a route touches one file: the area's module.
//
// Example:
//   class PlanningRoutes final : public RouteModule {
//    public:
//     explicit PlanningRoutes(const SiteEnv& env);
//    protected:
//     void AddPageRoutes() override {
//       Add(Method::kGet, "/plans/{id}", PageRoute(kPersonViewerRoles,
//                                                  Bind(&PlanningRoutes::PlanPage)));
//     }
//    private:
//     Response PlanPage(Context& ctx);
//   };
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/repositories.h"
#include "base/clock.h"
#include "web/render.h"
#include "web/route.h"

namespace selfdirect::web {

// What every module shares: the site's options, the store, the clock, the audit trail and the
// renderer. All outlive the modules (Site owns them).
struct SiteEnv {
  const SiteOptions& options;
  app::Store& store;
  const Clock& clock;
  app::AuditTrail& audit;
  const Renderer& renderer;
  // The store for read-only reports, dashboards and exports: a standby (`serve
  // --read-database`, storage/sql/standby_store.h), whose reads may lag `store`, or `store`
  // itself. Only use cases that read and show a report are given it; nothing that reads in
  // order to change something.
  app::Store& reports;
};

class RouteModule {
 public:
  explicit RouteModule(const SiteEnv& env)
      : options_(env.options),
        store_(env.store),
        clock_(env.clock),
        audit_(env.audit),
        renderer_(env.renderer) {}
  virtual ~RouteModule() = default;
  RouteModule(const RouteModule&) = delete;
  RouteModule& operator=(const RouteModule&) = delete;

  // Adds the module's pages, then its JSON operations, to `table` (the first match wins).
  void Register(RouteTable& table) {
    table_ = &table;
    AddPageRoutes();
    AddApiRoutes();
    table_ = nullptr;
  }
  // Adds the area's schemas to the OpenAPI document's components.
  virtual void AddSchemas(boost::json::object& /*schemas*/) const {}

  // A link on a signed-in person's home page: work waiting for them in this area (with how much
  // is waiting), or something they can do here.
  struct HomeLink {
    std::string href;
    std::string text;
    bool waiting = false;  // Work waiting (listed first), not just something they can do.
  };
  // Adds this area's home-page links for the caller (ctx.principal is set).
  virtual void AddHomeLinks(Context& /*ctx*/, std::vector<HomeLink>& /*out*/) {}

 protected:
  virtual void AddPageRoutes() {}
  virtual void AddApiRoutes() {}
  void Add(Method method, const std::string& pattern, Route route) {
    table_->Add(method, pattern, std::move(route));
  }
  // A handler calling `fn` on this module.
  template <typename Module>
  Handler Bind(Response (Module::*fn)(Context&)) {
    Module* self = static_cast<Module*>(this);
    return [self, fn](Context& ctx) { return (self->*fn)(ctx); };
  }

  Response Page(int status, const std::string& title, const std::string& template_name,
                ViewData data, Context& ctx) const {
    return renderer_.Page(status, title, template_name, std::move(data), ctx);
  }
  Response ErrorPage(int status, const std::string& heading,
                     const std::vector<std::string>& paragraphs, Context& ctx,
                     const std::string& link_href = "", const std::string& link_text = "") const {
    return renderer_.ErrorPage(status, heading, paragraphs, ctx, link_href, link_text);
  }
  Response ErrorResponse(const Error& error, Context& ctx) const {
    return renderer_.ErrorResponse(error, ctx);
  }
  const Renderer& renderer() const { return renderer_; }

  const SiteOptions& options_;
  app::Store& store_;
  const Clock& clock_;
  app::AuditTrail& audit_;

 private:
  const Renderer& renderer_;
  RouteTable* table_ = nullptr;
};

}  // namespace selfdirect::web
