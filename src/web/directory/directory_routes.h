// File: directory_routes.h
// Information and advice: public search and service pages, "Add to my support plan", the
// editors' form, entries to check, imports and exports, and Open Referral UK under /openreferral.
// Public pages in directory_pages.cc, the editors' pages in directory_editor_pages.cc (their form
// in directory_form.h and directory_form_view.h), JSON in directory_api.cc, ideas for a
// support plan in directory_ideas.cc; the use cases in
// app/directory/directory_service.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "app/directory/directory_export.h"
#include "app/directory/directory_service.h"
#include "app/planning/planning_service.h"
#include "web/plan_ideas.h"
#include "web/route_module.h"

namespace selfdirect::web {

class DirectoryRoutes final : public RouteModule, public PlanIdeas {
 public:
  DirectoryRoutes(const SiteEnv& env, app::PlanningService& planning)
      : RouteModule(env),
        directory_(env.store, env.clock, env.audit, app::DefaultTaxonomy(),
                   env.options.directory_cache_listings, env.options.directory_index),
        exports_(env.reports),
        planning_(planning) {}

  app::DirectoryService& service() { return directory_; }
  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;
  // Ideas near home for a support plan (directory_ideas.cc).
  void AddPlanIdeas(ViewData& page, Context& ctx, const app::PlanView& plan) override;
  void AddIdeas(ViewData& page, const std::string& words, const std::string& postcode) override;

 private:
  void AddPageRoutes() override;
  void AddApiRoutes() override;
  ViewData IdeaView(const app::DirectoryIdea& idea) const;
  void AddOpenReferralRoutes();
  void AddEditorApiRoutes();
  Response OrApiInfo(Context& ctx);
  Response OrServices(Context& ctx);
  Response OrService(Context& ctx);
  Response OrServiceAtLocations(Context& ctx);
  Response OrServiceAtLocation(Context& ctx);
  Response OrTaxonomies(Context& ctx);
  Response OrTaxonomy(Context& ctx);
  Response OrTaxonomyTerms(Context& ctx);
  Response OrTaxonomyTerm(Context& ctx);
  Response ApiDirectoryImport(Context& ctx);
  Response ApiDirectoryImportCsv(Context& ctx);
  Response ApiDirectoryExportCsv(Context& ctx);
  Response ApiDirectoryExport(Context& ctx);
  Response ApiDirectorySave(Context& ctx);
  Response ApiDirectoryRemove(Context& ctx);
  Response DirectorySearchPage(Context& ctx);
  Response DirectoryServicePage(Context& ctx);
  Response DirectoryAddToPlan(Context& ctx);
  // The service page; `choose_error` when "Add to my support plan" was sent without saying whose.
  Response RenderServicePage(int status, Context& ctx, const app::StoredDirectoryEntry& entry,
                             bool choose_error);
  void AddPlanChoice(ViewData& d, Context& ctx, bool choose_error);
  void AddLikeEntries(ViewData& d, const domain::DirectoryService& s);
  Response DirectoryMarkReviewed(Context& ctx);
  Response DirectoryReviewPage(Context& ctx);
  Response DirectoryNewPage(Context& ctx);
  Response DirectoryEditPage(Context& ctx);
  Response DirectoryFormSubmit(Context& ctx);
  Response RenderDirectoryForm(int status, const std::multimap<std::string, std::string>& values,
                               const std::vector<FieldError>& errors, const std::string& id,
                               Context& ctx);
  Response DirectoryImportPage(Context& ctx);
  Response DirectoryImportSubmit(Context& ctx);
  Response DirectoryExportFile(Context& ctx);
  Response RenderDirectoryImport(int status, const std::vector<FieldError>& errors,
                                 const app::ImportReport* report, Context& ctx);

  app::DirectoryService directory_;
  app::DirectoryExport exports_;    // On the reports store (a standby when there is one).
  app::PlanningService& planning_;  // "Add to my support plan".
};

}  // namespace selfdirect::web
