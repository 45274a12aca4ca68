// The assessment area's links on a home page: the caseload, with how many are waiting.
#include "domain/accounts/access_policy.h"
#include "web/assessment/assessment_routes.h"

namespace selfdirect::web {

void AssessmentRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  if (!domain::CanListPeople(ctx.principal->actor)) return;
  auto caseload = assessments_.Caseload(ctx.call, *ctx.principal);
  if (!caseload.ok()) return;  // Roles without a caseload.
  const size_t n = caseload->size();
  out.push_back({"/caseload",
                 std::to_string(n) + (n == 1 ? " assessment" : " assessments") +
                     (ctx.principal->user.team_id.valid() ? " open in your team's caseload"
                                                          : " open in the caseload"),
                 true});
}

}  // namespace selfdirect::web
