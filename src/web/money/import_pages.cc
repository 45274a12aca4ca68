// How far a long statement import has got (app/money/statement_jobs.h): the page the upload
// leads to, with a link to look again (no automatic refresh: the person stays in control).
#include "web/money/money_routes.h"

namespace selfdirect::web {

Response MoneyRoutes::ImportPage(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  const std::string job = ctx.request.path_params["job"];
  if (!person) return ErrorResponse(Error::NotFound("No such statement import"), ctx);
  // The person first: it audits the read, so a refusal is in the audit trail whatever the job.
  if (Status s = money_.CheckHandlesMoney(ctx.call, *ctx.principal, *person); !s.ok())
    return ErrorResponse(s.error(), ctx);
  auto progress = jobs_.Find(job);
  if (!progress || progress->person != *person || progress->council != ctx.call.council)
    return ErrorResponse(Error::NotFound("No such statement import"), ctx);
  ViewData d;
  d.set("person_id", person->ToString());
  d.set("job", job);
  d.set("done", std::to_string(progress->done));
  d.set("total", std::to_string(progress->total));
  d.set("percent",
        std::to_string(progress->total > 0 ? progress->done * 100 / progress->total : 100));
  d.set("running", !progress->finished);
  d.set("finished", progress->finished && progress->report.has_value());
  d.set("failed", progress->finished && !progress->report.has_value());
  d.set("error", progress->error);
  if (progress->report) {
    d.set("posted", std::to_string(progress->report->posted));
    d.set("already", std::to_string(progress->report->already));
  }
  return Page(200, progress->finished ? "Statement read" : "Reading the statement", "money_import",
              d, ctx);
}

}  // namespace selfdirect::web
