// File: pa_vacancy_routes.h
// PA vacancies (issue 21): the person's side advertises for a PA from the plan's PA lines
// (/pa-adverts), PAs see the adverts their travel reaches and apply (/pa-jobs), and the person's
// side invites an applicant to talk or says no (/pa-adverts/{id}). Pages in pa_vacancy_pages.cc,
// the JSON API in pa_vacancy_api.cc; the use cases and who may see what: app/pa/pa_vacancies.h.
#pragma once

#include "app/pa/pa_vacancies.h"
#include "web/route_module.h"

namespace selfdirect::web {

class PaVacancyRoutes final : public RouteModule {
 public:
  explicit PaVacancyRoutes(const SiteEnv& env)
      : RouteModule(env), vacancies_(env.store, env.clock, env.audit) {}

  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;

 private:
  void AddPageRoutes() override;  // pa_vacancy_pages.cc
  void AddApiRoutes() override;   // pa_vacancy_api.cc
  Response AdvertsPage(Context& ctx);
  Response NewAdvertPage(Context& ctx);
  // The advert form; a new one (status 200) starts from the plan's first PA line.
  Response RenderForm(int status, Context& ctx, const app::VacancyInput& typed,
                      const std::vector<std::string>& days, const std::vector<std::string>& parts,
                      const std::vector<FieldError>& errors);
  Response CreateAdvert(Context& ctx);
  Response AdvertPage(Context& ctx);
  // The advert page; `message_error` and `typed` when a PA's application came back unsent.
  Response RenderAdvert(Context& ctx, int status, const std::string& message_error,
                        const std::string& typed);
  Response CloseAdvert(Context& ctx);
  Response ApplyPage(Context& ctx);
  Response AnswerPage(Context& ctx);
  Response WithdrawPage(Context& ctx);
  Response JobsPage(Context& ctx);
  Response ApiAdverts(Context& ctx);
  Response ApiCreate(Context& ctx);
  Response ApiAdvert(Context& ctx);
  Response ApiClose(Context& ctx);
  Response ApiApply(Context& ctx);
  Response ApiAnswer(Context& ctx);
  Response ApiJobs(Context& ctx);
  std::optional<PersonId> PersonOf(Context& ctx);  // ?person=, or the budget holder's own.

  app::PaVacancyService vacancies_;
};

}  // namespace selfdirect::web
