// File: admin_questionnaire_pages.cc
// Assessment questionnaires for administrators: the versions in use, and a FHIR R4 file checked
// or imported on a page (admin_routes.h); before, only the command line could.
#include <boost/json/parse.hpp>

#include "web/admin/admin_routes.h"
#include "web/openapi.h"

namespace selfdirect::web {
namespace {

namespace json = boost::json;

json::object SummaryJson(const app::QuestionnaireSummary& q) {
  return {{"id", q.id},
          {"version", q.version},
          {"title", q.title},
          {"effective_from", q.effective_from.ToString()},
          {"sections", q.sections},
          {"questions", q.questions},
          {"shipped", q.shipped}};
}

ViewData SummaryView(const app::QuestionnaireSummary& q) {
  ViewData v;
  v.set("id", q.id);
  v.set("version", q.version);
  v.set("title", q.title);
  v.set("effective_from", q.effective_from.ToLongString());
  v.set("sections", std::to_string(q.sections));
  v.set("questions", std::to_string(q.questions));
  v.set("shipped", q.shipped);
  return v;
}

// The error's message with its field messages, as one sentence for the upload's error.
std::string Said(const Error& e) {
  std::string out = e.message;
  for (const auto& f : e.fields) out += ": " + f.message;
  return out;
}

}  // namespace

Response AdminRoutes::QuestionnairesPage(Context& ctx) {
  return RenderQuestionnaires(ctx, 200, "", nullptr, false);
}

Response AdminRoutes::RenderQuestionnaires(Context& ctx, int status, const std::string& error,
                                           const app::QuestionnaireSummary* done, bool check_only) {
  auto list = admin_.Questionnaires(ctx.call, *ctx.principal);
  if (!list.ok()) return ErrorResponse(list.error(), ctx);
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  ViewList rows;
  for (const auto& q : *list) rows.push_back(SummaryView(q));
  d.set("rows", rows);
  d.set("file_error", error);
  if (!error.empty()) SetErrorSummary(d, {{"file", error}});
  if (done) {
    d.set("done", SummaryView(*done));
    d.set("checked", check_only);
  }
  return Page(status, "Assessment questionnaires", "admin_questionnaires", d, ctx);
}

Response AdminRoutes::QuestionnaireUpload(Context& ctx) {
  auto parts = ParseMultipartForm(ctx.request.Header("content-type"), ctx.request.body);
  if (!parts) return RenderQuestionnaires(ctx, 422, "The file could not be read", nullptr, false);
  const FormPart* file = nullptr;
  bool check_only = true;
  for (const auto& p : *parts) {
    if (p.name == "file" && p.filename && !p.data.empty()) file = &p;
    if (p.name == "action" && p.data == "import") check_only = false;
  }
  if (!file)
    return RenderQuestionnaires(ctx, 422, "Choose a FHIR questionnaire file", nullptr, false);
  boost::system::error_code ec;
  json::value fhir = json::parse(file->data, ec);
  if (ec)
    return RenderQuestionnaires(ctx, 422, "The file is not JSON: " + ec.message(), nullptr, false);
  auto done = admin_.ImportQuestionnaire(ctx.call, *ctx.principal, fhir, check_only);
  if (!done.ok()) {
    const ErrorCode c = done.error().code;
    if (c != ErrorCode::kInvalidArgument && c != ErrorCode::kAlreadyExists)
      return ErrorResponse(done.error(), ctx);
    return RenderQuestionnaires(ctx, 422, Said(done.error()), nullptr, check_only);
  }
  return RenderQuestionnaires(ctx, 200, "", &*done, check_only);
}

void AdminRoutes::AddQuestionnaireApi() {
  using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.
  const std::vector<domain::Role> admins = {domain::Role::kAdministrator};
  Add(Method::kPost, "/api/v1/admin/questionnaires",
      ApiRoute(
          admins, Bind(&AdminRoutes::ApiQuestionnaire),
          Operation("importQuestionnaire",
                    "Checks (?check=1) or imports a FHIR R4 Questionnaire for assessments",
                    Replies({{"200", Reply("It can be used (checked only)", Ref("Questionnaire"))},
                             {"201", Reply("Imported", Ref("Questionnaire"))},
                             {"409", ErrorReply("That version exists")},
                             {"422", ErrorReply("It cannot be used, and why")}}),
                    json::object{{"parameters",
                                  json::array{QueryParam("check", "1 to check without storing")}},
                                 {"requestBody", Body(Type("object"))}})));
}

Response AdminRoutes::ApiQuestionnaire(Context& ctx) {
  auto body = openapi::JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  const bool check_only = ctx.request.Query("check") == "1";
  auto done = admin_.ImportQuestionnaire(ctx.call, *ctx.principal, *body, check_only);
  if (!done.ok()) return ErrorResponse(done.error(), ctx);
  json::object out = SummaryJson(*done);
  out["stored"] = !check_only;
  return Response::Json(check_only ? 200 : 201, out);
}

}  // namespace selfdirect::web
