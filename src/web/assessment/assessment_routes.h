// File: assessment_routes.h
// Needs and carers' assessments (Care Act 2014 ss9-10): the self-assessment one question per page,
// check your answers, the decision, the practitioner's record, the caseload, and the JSON API.
// Routes in assessment_pages.cc, assessment_decision_page.cc, assessment_record_page.cc and
// assessment_api.cc; the use cases in app/assessment_service.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "app/assessment_service.h"
#include "app/ras/ras_service.h"
#include "web/person_section.h"
#include "web/render.h"
#include "web/route_module.h"

namespace selfdirect::web {

// The practitioner's decision as typed, from a form or a JSON body (`get` reads a field by name).
template <typename Get>
domain::PractitionerDecisionInput ReadDecisionInput(Get get) {
  return {.participants = get("participants"),
          .notes = get("notes"),
          .agree = get("agree"),
          .reasons = get("reasons"),
          .consent = get("consent"),
          .capacity = get("capacity"),
          .advocacy = get("advocacy"),
          .advocate = get("advocate")};
}

class AssessmentRoutes final : public RouteModule, public PersonSection {
 public:
  AssessmentRoutes(const SiteEnv& env, app::RasService& ras)
      : RouteModule(env), assessments_(env.store, env.clock, env.audit), ras_(ras) {}

  app::AssessmentService& service() { return assessments_; }
  void AddSchemas(boost::json::object& schemas) const override;
  void AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) override;
  // The assessment part of the person page.
  void AddPersonSection(ViewData& page, Context& ctx, const app::PersonFile& file) override;

 private:
  void AddPageRoutes() override;
  void AddApiRoutes() override;
  void AddAnswerApiRoutes();
  void AddDecisionApiRoutes();
  Response ApiStartAssessment(Context& ctx);
  Response ApiStartCarers(Context& ctx, const boost::json::object& body);
  Response ApiGetAssessment(Context& ctx);
  Response ApiSaveAnswers(Context& ctx);
  Response ApiSubmitAssessment(Context& ctx);
  Response ApiCompleteAssessment(Context& ctx);
  Response ApiDetermination(Context& ctx);
  Response ApiQuestionnaireResponse(Context& ctx);
  Response ApiPersonAssessments(Context& ctx);
  Result<app::AssessmentView> AssessmentFromPath(Context& ctx);
  Response StartAssessment(Context& ctx);
  Response AssessmentOverview(Context& ctx);
  Response RenderQuestion(int status, Context& ctx, const app::AssessmentView& view,
                          const domain::Question& question, const std::vector<std::string>& values,
                          const std::string& error);
  Response AssessmentQuestion(Context& ctx);
  Response AssessmentAnswer(Context& ctx);
  Response RenderCheck(int status, Context& ctx, const app::AssessmentView& view,
                       const std::vector<FieldError>& errors);
  Response AssessmentCheck(Context& ctx);
  Response AssessmentSubmit(Context& ctx);
  Response AssessmentDecision(Context& ctx);
  Response RenderRecord(int status, Context& ctx, const app::AssessmentView& view,
                        const domain::PractitionerDecisionInput& typed,
                        const std::vector<FieldError>& errors);
  Response AssessmentRecordForm(Context& ctx);
  Response AssessmentRecordSubmit(Context& ctx);
  Response CaseloadPage(Context& ctx);
  // Carers' assessments on the carer's own record (carers_pages.cc).
  void AddCarerPageRoutes();
  Response CarersAssessmentPage(Context& ctx);
  Response CarersAssessmentSubmit(Context& ctx);
  Response RenderCarersForm(int status, Context& ctx, const app::PersonRecord& cared_for,
                            const std::string& chosen, const domain::PersonInput& input,
                            const DateParts& dob, const std::string& relationship,
                            const std::vector<FieldError>& errors);

  app::AssessmentService assessments_;
  app::RasService& ras_;  // The newest budget on the decision page.
};

}  // namespace selfdirect::web
