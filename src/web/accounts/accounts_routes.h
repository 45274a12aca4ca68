// File: accounts_routes.h
// Signing in and out (pages and JSON), confirming the password before a sensitive action
// (re-authentication), changing one's own password, seeing and ending one's sessions, the start
// and accessibility pages, and each role's home page. Routes in accounts_pages.cc,
// password_pages.cc, session_pages.cc and accounts_api.cc; the use cases in app/auth,
// app/password_change and app/session_list.
#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <string>
#include <vector>

#include "app/auth.h"
#include "app/password_change.h"
#include "app/session_list.h"
#include "web/route_module.h"

namespace selfdirect::web {

class AccountsRoutes final : public RouteModule {
 public:
  // `modules` are the site's areas, asked for each home page's links.
  AccountsRoutes(const SiteEnv& env, app::AuthService& auth,
                 const std::vector<std::unique_ptr<RouteModule>>& modules)
      : RouteModule(env),
        auth_(auth),
        password_change_(env.store, env.clock, auth),
        sessions_(env.store, env.clock),
        modules_(modules) {}

  void AddSchemas(boost::json::object& schemas) const override;

 private:
  void AddPageRoutes() override;
  void AddApiRoutes() override;
  Response StartPage(Context& ctx);
  Response AccessibilityPage(Context& ctx);
  Response SignInPage(Context& ctx);
  Response SignInSubmit(Context& ctx);
  Response SignOut(Context& ctx);
  Response HomePage(Context& ctx);
  Response ConfirmPasswordPage(Context& ctx);
  Response ConfirmPasswordSubmit(Context& ctx);
  Response ConfirmPasswordForm(int status, Context& ctx, const std::string& next,
                               const std::vector<FieldError>& errors);
  Response ApiConfirmPassword(Context& ctx);
  // Changing one's own password (password_pages.cc).
  Response ChangePasswordPage(Context& ctx);
  Response ChangePasswordSubmit(Context& ctx);
  Response ChangePasswordForm(int status, Context& ctx, bool changed,
                              const std::vector<FieldError>& errors);
  // Where one is signed in (session_pages.cc).
  void AddSessionRoutes();
  Response SessionsPage(Context& ctx);
  Response EndSession(Context& ctx);
  Response EndOtherSessions(Context& ctx);
  Response SessionsForm(int status, Context& ctx, const std::string& notice,
                        const std::vector<FieldError>& errors);
  Response SignInForm(int status, Context& ctx, const std::string& email,
                      const std::vector<FieldError>& errors, const std::string& notice);
  Response ApiSignIn(Context& ctx);
  Response ApiSignOut(Context& ctx);
  Response ApiMe(Context& ctx);
  // `h`, with its answer held back as long as the caller's address has earned (auth.h).
  Handler SlowedByAddress(Handler h) {
    return [this, h = std::move(h)](Context& ctx) {
      const int64_t delay = auth_.SignInDelayMs(options_.council.id, ctx.request.client_address);
      Response r = h(ctx);
      r.delay_ms = delay;
      return r;
    };
  }

  app::AuthService& auth_;  // The site's: it also resolves every request's session.
  app::PasswordChangeService password_change_;
  app::SessionListService sessions_;
  const std::vector<std::unique_ptr<RouteModule>>& modules_;
};

}  // namespace selfdirect::web
