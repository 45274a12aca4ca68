// File: recovery_routes.h
// Getting money back (issue 20): a finance officer proposes a clawback or a refund of a person's
// contribution from the person's money page or the monitoring queue, a second finance officer
// approves or rejects it, and the person (and their representative) read the letter on their
// money page. Pages in recovery_pages.cc, the JSON API in recovery_api.cc; the use cases in
// app/money/money_recoveries.cc.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <vector>

#include "app/money/money_service.h"
#include "web/route_module.h"

namespace selfdirect::web {

class RecoveryRoutes final : public RouteModule {
 public:
  explicit RecoveryRoutes(const SiteEnv& env)
      : RouteModule(env), money_(env.store, env.clock, env.audit) {}

  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;

 private:
  void AddPageRoutes() override;
  void AddApiRoutes() override;
  Response NewPage(Context& ctx);
  Response RenderNew(int status, Context& ctx, PersonId person,
                     const std::multimap<std::string, std::string>& form,
                     const std::vector<FieldError>& errors);
  Response Propose(Context& ctx);
  Response ListPage(Context& ctx);
  Response RecoveryPage(Context& ctx);
  Response RenderRecovery(int status, Context& ctx, RecoveryId id,
                          const std::vector<FieldError>& errors);
  Response Decide(Context& ctx);
  Response LetterPage(Context& ctx);
  Response ApiPropose(Context& ctx);  // recovery_api.cc
  Response ApiList(Context& ctx);
  Response ApiGet(Context& ctx);
  Response ApiDecide(Context& ctx);

  app::MoneyService money_;
};

// The terms typed in a form or a JSON body, with the field errors of what cannot be read.
domain::RecoveryTerms ReadRecoveryTerms(const std::map<std::string, std::string>& fields,
                                        std::vector<FieldError>& errors);

}  // namespace selfdirect::web
