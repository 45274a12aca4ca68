// File: difference_routes.h
// What changes of circumstance leave for days already paid at the old rate (issue 23, deliver 3;
// app/money/money_differences.cc), for finance officers: the differences owed to people, which
// the next payment run pays, and those paid over, each with a decision: propose its recovery
// (from the account, or off the next payments) or do not recover it, saying why. Pages and JSON.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "app/money/money_service.h"
#include "web/route_module.h"

namespace selfdirect::web {

class DifferenceRoutes final : public RouteModule {
 public:
  explicit DifferenceRoutes(const SiteEnv& env)
      : RouteModule(env), money_(env.store, env.clock, env.audit) {}

  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;

 private:
  void AddPageRoutes() override;
  void AddApiRoutes() override;
  Response ListPage(Context& ctx);
  Response DifferencePage(Context& ctx);
  Response Render(int status, Context& ctx, int64_t id, const app::DifferenceDecision& typed,
                  const std::vector<FieldError>& errors);
  Response Decide(Context& ctx);
  Response ApiList(Context& ctx);
  Response ApiDecide(Context& ctx);

  app::MoneyService money_;
};

}  // namespace selfdirect::web
