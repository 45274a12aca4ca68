// File: admin_routes.h
// The council's administration on the web (issue 23, deliver 5; the use cases in
// app/admin/admin_service.h): accounts (list, invite, change role and team, suspend, reset by a
// new link) and the audit log's search with its CSV export, as pages and JSON.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/admin/admin_service.h"
#include "web/route_module.h"

namespace selfdirect::web {

class AdminRoutes final : public RouteModule {
 public:
  explicit AdminRoutes(const SiteEnv& env)
      : RouteModule(env),
        admin_(env.store, env.clock, env.audit),
        audit_log_(env.reports, env.clock, env.audit) {}

  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;

 private:
  using Form = std::multimap<std::string, std::string>;
  void AddPageRoutes() override;
  void AddApiRoutes() override;

  // admin_pages.cc
  Response UsersPage(Context& ctx);
  Response NewUserPage(Context& ctx);
  Response InviteSubmit(Context& ctx);
  Response RenderNewUser(Context& ctx, int status, const Form& form,
                         const std::vector<FieldError>& errors);
  Response UserPage(Context& ctx);
  Response RenderUser(Context& ctx, int status, UserId id, const Form& form,
                      const std::vector<FieldError>& errors, const std::string& banner);
  Response ChangeSubmit(Context& ctx);
  Response SuspendSubmit(Context& ctx);
  Response ResetSubmit(Context& ctx);
  Response LinkPage(Context& ctx, const app::AccountLink& link, bool reset);
  // admin_questionnaire_pages.cc
  Response QuestionnairesPage(Context& ctx);
  Response QuestionnaireUpload(Context& ctx);
  Response RenderQuestionnaires(Context& ctx, int status, const std::string& error,
                                const app::QuestionnaireSummary* done, bool check_only);
  Response ApiQuestionnaire(Context& ctx);
  void AddQuestionnaireApi();
  // admin_audit_pages.cc
  Response AuditPage(Context& ctx);
  Response AuditCsvDownload(Context& ctx);

  // admin_api.cc
  Response ApiUsers(Context& ctx);
  Response ApiInvite(Context& ctx);
  Response ApiUser(Context& ctx);
  Response ApiChange(Context& ctx);
  Response ApiSuspend(Context& ctx);
  Response ApiReset(Context& ctx);
  Response ApiAudit(Context& ctx);

  app::AdminService admin_;
  app::AdminService audit_log_;  // On SiteEnv::reports: the audit search and its export.
};

// The audit search as the query string gives it (shared by the page, the CSV and the API).
app::AuditSearchInput AuditSearchOf(const Request& request);

}  // namespace selfdirect::web
