// The public Open Referral UK API (HSDS-UK 3.0 profile) under /openreferral, and the directory
// editors' JSON API (import, export, save, remove) under /api/v1/directory.
#include <boost/json.hpp>

#include "app/directory/directory_feed.h"
#include "web/directory/directory_routes.h"
#include "web/openapi.h"

namespace selfdirect::web {
namespace json = boost::json;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.

namespace {

const std::vector<domain::Role> kEditors = {domain::Role::kDirectoryEditor,
                                            domain::Role::kAdministrator};

json::value QueryParams(std::initializer_list<std::pair<const char*, const char*>> params) {
  json::array out;
  for (const auto& [name, description] : params) {
    out.push_back(json::object{{"name", name},
                               {"in", "query"},
                               {"required", false},
                               {"description", description},
                               {"schema", json::object{{"type", "string"}}}});
  }
  return out;
}

json::value UuidParam() {
  return json::array{
      json::object{{"name", "id"},
                   {"in", "path"},
                   {"required", true},
                   {"schema", json::object{{"type", "string"}, {"format", "uuid"}}}}};
}

json::value PageSchema(const std::string& items) {
  return Object({{"total_items", Type("integer")},
                 {"total_pages", Type("integer")},
                 {"page_number", Type("integer")},
                 {"size", Type("integer")},
                 {"first_page", Type("boolean")},
                 {"last_page", Type("boolean")},
                 {"empty", Type("boolean")},
                 {"contents", json::object{{"type", "array"}, {"items", Ref(items)}}}},
                json::array{"total_items", "total_pages", "page_number", "size", "first_page",
                            "last_page", "empty", "contents"});
}

app::DirectorySearchRequest SearchFromQuery(const Request& r) {
  app::DirectorySearchRequest q;
  q.search = r.Query("search");
  q.taxonomy_term_id = r.Query("taxonomy_term_id");
  q.taxonomy_id = r.Query("taxonomy_id");
  q.minimum_age = r.Query("minimum_age");
  q.maximum_age = r.Query("maximum_age");
  q.day = r.Query("day");
  q.start_time = r.Query("start_time");
  q.end_time = r.Query("end_time");
  q.modified_after = r.Query("modified_after");
  q.postcode = r.Query("postcode");
  q.proximity = r.Query("proximity");
  q.page = r.Query("page");
  q.per_page = r.Query("per_page");
  return q;
}

const domain::DirectoryLocation* PlaceOf(const domain::DirectoryService& s,
                                         const std::string& sal_id) {
  for (const auto& l : s.locations) {
    if (l.service_at_location_id == sal_id) return &l;
  }
  return nullptr;
}

// A service-at-location as the profile's list schema has it: the link, the location (its
// one-to-one fields) and the service (list form).
json::object ServiceAtLocationJson(const domain::DirectoryService& s,
                                   const domain::DirectoryLocation& l) {
  json::object location{{"id", l.id}, {"location_type", "physical"}, {"name", l.name}};
  return json::object{{"id", l.service_at_location_id},
                      {"service_id", s.id},
                      {"location_id", l.id},
                      {"location", std::move(location)},
                      {"service", app::ServiceToHsdsListItem(s)}};
}

// What a search lists: services, or services at their places (nearest first from a postcode).
enum class SearchBy { kService, kPlace };

// The search's query parameters; a search by place also takes the distance from a postcode.
json::value SearchParams(SearchBy by) {
  json::value params =
      QueryParams({{"search",
                    "Words; each must start a word of the service (name, description, "
                    "organisation, places, terms)"},
                   {"taxonomy_term_id", "A term; its narrower terms are included"},
                   {"taxonomy_id", "Services with any term of this taxonomy"},
                   {"minimum_age", "Services whose minimum age is at least this"},
                   {"maximum_age", "Services whose maximum age is at most this"},
                   {"day", "A session on this day: MO, TU, WE, TH, FR, SA or SU"},
                   {"start_time", "A session opening at or after this time (HH:MM)"},
                   {"end_time", "A session closing at or before this time (HH:MM)"},
                   {"modified_after", "Changed on or after this date and time (RFC 3339)"},
                   {"page", "Page number, from 1"},
                   {"per_page", "Results a page, 1 to 200 (default 20)"}});
  if (by == SearchBy::kPlace) {
    const json::value distance = QueryParams(
        {{"postcode", "Nearest first, within `proximity` of this postcode's centroid"},
         {"proximity", "Metres from the postcode, 1 to 80467 (default 8047: 5 miles)"}});
    for (const auto& p : distance.as_array()) params.as_array().push_back(p);
  }
  return params;
}

json::value PagingParams() {
  return QueryParams(
      {{"page", "Page number, from 1"}, {"per_page", "Results a page, 1 to 200 (default 20)"}});
}

// A list a page at a time, filtered by `parameters`: 200 with a page of `schema` (`page` says
// what it holds), or 422 naming a parameter that is not valid.
json::value ListOperation(const char* id, const char* summary, const char* page, const char* schema,
                          json::value parameters) {
  const json::value bad_query = ErrorReply(
      "A parameter is not valid (named in fields): an unknown term or taxonomy, a "
      "postcode the lookup does not have, a page past the last");
  return Operation(id, summary,
                   Replies({{"200", Reply(page, PageSchema(schema))}, {"422", bad_query}}),
                   json::object{{"parameters", std::move(parameters)}});
}

// One item by its uuid: 200 with `item` as `schema`, or 404.
json::value GetOneOperation(const char* id, const char* summary, const char* item,
                            const char* schema) {
  return Operation(
      id, summary,
      Replies({{"200", Reply(item, Ref(schema))}, {"404", ErrorReply("No such entry")}}),
      json::object{{"parameters", UuidParam()}});
}

// The profile's own schemas for a response, by the compiled schema's description.
json::value ProfileSchema(const std::string& description, json::array required) {
  return json::object{
      {"type", "object"}, {"description", description}, {"required", std::move(required)}};
}

// The Open Referral UK responses: the profile's compiled schemas, by name.
void AddOpenReferralSchemas(json::object& schemas) {
  const std::string profile =
      "Open Referral UK (HSDS-UK 3.0) profile, compiled schema: "
      "https://github.com/openreferral/uk-profile (schema/compiled/)";
  schemas["OpenReferralInfo"] = Object(
      {{"version", Type("string")}, {"profile", Type("string")}, {"openapi_url", Type("string")}},
      json::array{"version", "profile"});
  schemas["OpenReferralServiceListItem"] =
      ProfileSchema(profile + " service_list.json", json::array{"id", "name", "status"});
  schemas["OpenReferralService"] =
      ProfileSchema(profile + " service.json", json::array{"id", "name", "status"});
  schemas["OpenReferralServiceAtLocation"] =
      ProfileSchema(profile + " service_at_location_list.json", json::array{"id"});
  schemas["OpenReferralTaxonomy"] = ProfileSchema(
      "Open Referral UK taxonomy (schema/taxonomy.json)", json::array{"id", "name", "description"});
  schemas["OpenReferralTaxonomyTerm"] =
      ProfileSchema("Open Referral UK taxonomy term (schema/taxonomy_term.json)",
                    json::array{"id", "name", "description"});
}

// The editors' imports and exports.
void AddImportSchemas(json::object& schemas) {
  schemas["ImportFieldError"] = Object({{"field", Type("string")}, {"message", Type("string")}},
                                       json::array{"field", "message"});
  schemas["DirectoryImportReport"] = Object(
      {{"applied", Type("boolean")},
       {"rows", Type("integer")},
       {"added", Type("integer")},
       {"updated", Type("integer")},
       {"unchanged", Type("integer")},
       {"problems",
        json::object{
            {"type", "array"},
            {"items", Object({{"row", Type("integer")},
                              {"id", Type("string")},
                              {"file", Type("string")},
                              {"fields", json::object{{"type", "array"},
                                                      {"items", Ref("ImportFieldError")}}}})}}}},
      json::array{"applied", "rows", "added", "updated", "unchanged", "problems"});
  schemas["DirectoryCsvFiles"] = Object(
      {{"files", json::object{{"type", "object"},
                              {"description",
                               "File name (services.csv, organizations.csv, ...) to the file's "
                               "CSV text, as the profile's datapackage.json names them"},
                              {"additionalProperties", Type("string")}}}},
      json::array{"files"});
}

}  // namespace

void DirectoryRoutes::AddApiRoutes() {
  AddOpenReferralRoutes();
  AddEditorApiRoutes();
}

void DirectoryRoutes::AddOpenReferralRoutes() {
  auto open = [&](Response (DirectoryRoutes::*fn)(Context&), json::value operation) {
    return PublicApiRoute(Bind(fn), std::move(operation));
  };
  Add(Method::kGet, "/openreferral",
      open(&DirectoryRoutes::OrApiInfo,
           Operation("getOpenReferralInfo", "Open Referral UK: this API's HSDS version and profile",
                     Replies({{"200", Reply("About the API", Ref("OpenReferralInfo"))}}))));
  Add(Method::kGet, "/openreferral/services",
      open(&DirectoryRoutes::OrServices,
           ListOperation("listOpenReferralServices",
                         "Open Referral UK: directory services, a page at a time",
                         "A page of services (one-to-one fields)", "OpenReferralServiceListItem",
                         SearchParams(SearchBy::kService))));
  Add(Method::kGet, "/openreferral/services/{id}",
      open(&DirectoryRoutes::OrService,
           GetOneOperation("getOpenReferralService", "Open Referral UK: one service, fully nested",
                           "The service", "OpenReferralService")));
  Add(Method::kGet, "/openreferral/service_at_locations",
      open(&DirectoryRoutes::OrServiceAtLocations,
           ListOperation("listOpenReferralServiceAtLocations",
                         "Open Referral UK: where services run, nearest first with a postcode",
                         "A page of services at locations", "OpenReferralServiceAtLocation",
                         SearchParams(SearchBy::kPlace))));
  Add(Method::kGet, "/openreferral/service_at_locations/{id}",
      open(&DirectoryRoutes::OrServiceAtLocation,
           GetOneOperation("getOpenReferralServiceAtLocation",
                           "Open Referral UK: one service at a location",
                           "The service at its location", "OpenReferralServiceAtLocation")));
  Add(Method::kGet, "/openreferral/taxonomies",
      open(&DirectoryRoutes::OrTaxonomies,
           ListOperation("listOpenReferralTaxonomies", "Open Referral UK: the taxonomies used",
                         "A page of taxonomies", "OpenReferralTaxonomy", PagingParams())));
  Add(Method::kGet, "/openreferral/taxonomies/{id}",
      open(&DirectoryRoutes::OrTaxonomy,
           GetOneOperation("getOpenReferralTaxonomy", "Open Referral UK: one taxonomy",
                           "The taxonomy", "OpenReferralTaxonomy")));
  Add(Method::kGet, "/openreferral/taxonomy_terms",
      open(&DirectoryRoutes::OrTaxonomyTerms,
           ListOperation("listOpenReferralTaxonomyTerms", "Open Referral UK: the taxonomy's terms",
                         "A page of terms", "OpenReferralTaxonomyTerm", PagingParams())));
  Add(Method::kGet, "/openreferral/taxonomy_terms/{id}",
      open(&DirectoryRoutes::OrTaxonomyTerm,
           GetOneOperation("getOpenReferralTaxonomyTerm", "Open Referral UK: one taxonomy term",
                           "The term", "OpenReferralTaxonomyTerm")));
}

void DirectoryRoutes::AddEditorApiRoutes() {
  auto editors = [&](Response (DirectoryRoutes::*fn)(Context&), json::value operation) {
    return ApiRoute(kEditors, Bind(fn), std::move(operation));
  };
  Add(Method::kPost, "/api/v1/directory/import",
      editors(
          &DirectoryRoutes::ApiDirectoryImport,
          Operation("importDirectory",
                    "Import an Open Referral UK feed (a service, an array of services, a page or "
                    "an array of pages): all or nothing, and importing it again changes nothing",
                    Replies({{"200", Reply("Imported", Ref("DirectoryImportReport"))},
                             {"400", ErrorReply("The body is not JSON")},
                             {"403", ErrorReply("Only directory editors may import")},
                             {"422", Reply("Rows with problems; nothing was stored",
                                           Ref("DirectoryImportReport"))}}),
                    json::object{{"requestBody", Body(Type("object"))}})));
  Add(Method::kPost, "/api/v1/directory/import/csv",
      editors(&DirectoryRoutes::ApiDirectoryImportCsv,
              Operation(
                  "importDirectoryCsv",
                  "Import the Open Referral UK profile's CSV files ({\"files\": {\"services.csv\": "
                  "\"...\", ...}}; services.csv and organizations.csv needed): all or nothing, "
                  "and importing them again changes nothing. Problems name the file and row",
                  Replies({{"200", Reply("Imported", Ref("DirectoryImportReport"))},
                           {"400", ErrorReply("The body is not a JSON object")},
                           {"403", ErrorReply("Only directory editors may import")},
                           {"422", Reply("Rows with problems, or a body without files; nothing "
                                         "was stored",
                                         Ref("DirectoryImportReport"))}}),
                  json::object{{"requestBody", Body(Ref("DirectoryCsvFiles"))}})));
  Add(Method::kGet, "/api/v1/directory/export/csv",
      editors(
          &DirectoryRoutes::ApiDirectoryExportCsv,
          Operation("exportDirectoryCsv",
                    "Every entry as the profile's CSV files (importable with importDirectoryCsv)",
                    Replies({{"200", Reply("The files", Ref("DirectoryCsvFiles"))},
                             {"403", ErrorReply("Only directory editors may export")}}))));
  Add(Method::kGet, "/api/v1/directory/export",
      editors(&DirectoryRoutes::ApiDirectoryExport,
              Operation("exportDirectory",
                        "Every entry, fully nested, as one Open Referral UK page (importable)",
                        Replies({{"200", Reply("The feed", PageSchema("OpenReferralService"))},
                                 {"403", ErrorReply("Only directory editors may export")}}))));
  Add(Method::kPut, "/api/v1/directory/services/{id}",
      editors(&DirectoryRoutes::ApiDirectorySave,
              Operation("saveDirectoryService",
                        "Add or replace an entry (HSDS-UK service JSON; `review_due` query "
                        "parameter optional, a year from today by default)",
                        Replies({{"200", Reply("The stored entry", Ref("OpenReferralService"))},
                                 {"400", ErrorReply("The body is not a JSON object")},
                                 {"403", ErrorReply("Only directory editors may change entries")},
                                 {"422", ErrorReply("Field errors, named by HSDS path")}}),
                        json::object{{"parameters", UuidParam()},
                                     {"requestBody", Body(Ref("OpenReferralService"))}})));
  Add(Method::kDelete, "/api/v1/directory/services/{id}",
      editors(&DirectoryRoutes::ApiDirectoryRemove,
              Operation("removeDirectoryService", "Remove an entry from the directory",
                        Replies({{"204", json::object{{"description", "Removed"}}},
                                 {"403", ErrorReply("Only directory editors may remove entries")},
                                 {"404", ErrorReply("No such entry")}}),
                        json::object{{"parameters", UuidParam()}})));
}

void DirectoryRoutes::AddSchemas(json::object& schemas) const {
  AddOpenReferralSchemas(schemas);
  AddImportSchemas(schemas);
}

Response DirectoryRoutes::OrApiInfo(Context& ctx) {
  const std::string host = ctx.request.Header("host");
  json::object info{{"version", "3.0"}, {"profile", "https://github.com/openreferral/uk-profile"}};
  if (!host.empty()) info["openapi_url"] = "http://" + host + "/api/v1/openapi.json";
  return Response::Json(200, info);
}

Response DirectoryRoutes::OrServices(Context& ctx) {
  auto page = directory_.Search(options_.council.id, SearchFromQuery(ctx.request));
  if (!page.ok()) return ErrorResponse(page.error(), ctx);
  json::array contents;
  for (const auto& item : page->items) contents.push_back(app::ServiceToHsdsListItem(item.service));
  return Response::Json(
      200, app::HsdsPage(std::move(contents), page->total, page->page, page->per_page));
}

Response DirectoryRoutes::OrService(Context& ctx) {
  auto entry = directory_.Get(options_.council.id, ctx.request.path_params["id"]);
  if (!entry.ok()) return ErrorResponse(entry.error(), ctx);
  return Response::Json(200, app::ServiceToHsds(entry->service, directory_.taxonomy()));
}

Response DirectoryRoutes::OrServiceAtLocations(Context& ctx) {
  app::DirectorySearchRequest q = SearchFromQuery(ctx.request);
  q.by_place = true;
  auto page = directory_.Search(options_.council.id, q);
  if (!page.ok()) return ErrorResponse(page.error(), ctx);
  json::array contents;
  for (const auto& item : page->items) {
    if (const auto* l = PlaceOf(item.service, item.service_at_location_id)) {
      contents.push_back(ServiceAtLocationJson(item.service, *l));
    }
  }
  return Response::Json(
      200, app::HsdsPage(std::move(contents), page->total, page->page, page->per_page));
}

Response DirectoryRoutes::OrServiceAtLocation(Context& ctx) {
  auto place = directory_.GetPlace(options_.council.id, ctx.request.path_params["id"]);
  if (!place.ok()) return ErrorResponse(place.error(), ctx);
  const auto* l = PlaceOf(place->service, place->service_at_location_id);
  if (!l) return ErrorResponse(Error::NotFound("No such service at location"), ctx);
  return Response::Json(200, ServiceAtLocationJson(place->service, *l));
}

namespace {

Result<json::object> PageOf(const json::array& all, const Request& r) {
  std::vector<FieldError> errors;
  const auto [page, per_page] =
      app::ParseDirectoryPaging(r.Query("page"), r.Query("per_page"), errors);
  if (!errors.empty()) return Error::InvalidArgument("The paging is not valid", std::move(errors));
  const auto total = static_cast<int64_t>(all.size());
  const int64_t from = static_cast<int64_t>(page - 1) * per_page;
  if (from >= total && page > 1) {
    return Error::InvalidArgument(
        "The paging is not valid",
        {{"page",
          "is past the last page (" + std::to_string((total + per_page - 1) / per_page) + ")"}});
  }
  json::array contents;
  for (int64_t i = from; i < total && i < from + per_page; ++i) {
    contents.push_back(all[static_cast<size_t>(i)]);
  }
  return app::HsdsPage(std::move(contents), total, page, per_page);
}

}  // namespace

Response DirectoryRoutes::OrTaxonomies(Context& ctx) {
  auto page = PageOf(json::array{app::TaxonomyToHsds(directory_.taxonomy())}, ctx.request);
  if (!page.ok()) return ErrorResponse(page.error(), ctx);
  return Response::Json(200, *page);
}

Response DirectoryRoutes::OrTaxonomy(Context& ctx) {
  const auto& t = directory_.taxonomy();
  if (AsciiLower(ctx.request.path_params["id"]) != t.id) {
    return ErrorResponse(Error::NotFound("No such taxonomy"), ctx);
  }
  return Response::Json(200, app::TaxonomyToHsds(t));
}

Response DirectoryRoutes::OrTaxonomyTerms(Context& ctx) {
  json::array all;
  for (const auto& term : directory_.taxonomy().terms) {
    all.push_back(app::TaxonomyTermToHsds(directory_.taxonomy(), term));
  }
  auto page = PageOf(all, ctx.request);
  if (!page.ok()) return ErrorResponse(page.error(), ctx);
  return Response::Json(200, *page);
}

Response DirectoryRoutes::OrTaxonomyTerm(Context& ctx) {
  const auto* term = directory_.taxonomy().Find(AsciiLower(ctx.request.path_params["id"]));
  if (!term) return ErrorResponse(Error::NotFound("No such taxonomy term"), ctx);
  return Response::Json(200, app::TaxonomyTermToHsds(directory_.taxonomy(), *term));
}

namespace {

// 200 with the report when it was applied, else 422 with the rows' problems.
Response ImportReportResponse(const app::ImportReport& report) {
  json::array problems;
  for (const auto& p : report.problems) {
    json::array fields;
    for (const auto& f : p.fields) {
      fields.push_back(json::object{{"field", f.field}, {"message", f.message}});
    }
    json::object o{{"row", p.row}, {"id", p.id}, {"fields", std::move(fields)}};
    if (!p.file.empty()) o["file"] = p.file;
    problems.push_back(std::move(o));
  }
  return Response::Json(report.applied ? 200 : 422,
                        json::object{{"applied", report.applied},
                                     {"rows", report.rows},
                                     {"added", report.added},
                                     {"updated", report.updated},
                                     {"unchanged", report.unchanged},
                                     {"problems", std::move(problems)}});
}

}  // namespace

Response DirectoryRoutes::ApiDirectoryImport(Context& ctx) {
  auto feed = app::DirectoryFeedFromJson(ctx.request.body, directory_.taxonomy());
  if (!feed.ok()) return ErrorResponse(feed.error(), ctx);
  auto report = directory_.Import(ctx.call, *ctx.principal, std::move(*feed));
  if (!report.ok()) return ErrorResponse(report.error(), ctx);
  return ImportReportResponse(*report);
}

Response DirectoryRoutes::ApiDirectoryImportCsv(Context& ctx) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return JsonError(400, "bad_request", body.error().message);
  const json::value* files = body->if_contains("files");
  if (files == nullptr || !files->is_object()) {
    return ErrorResponse(
        Error::InvalidArgument("The body is not valid",
                               {{"files", "must be an object of file names and their CSV text"}}),
        ctx);
  }
  std::map<std::string, std::string> texts;
  std::vector<FieldError> errors;
  for (const auto& f : files->get_object()) {
    if (!f.value().is_string()) {
      errors.push_back({"files." + std::string(f.key()), "must be the file's CSV text"});
      continue;
    }
    texts.emplace(std::string(f.key()), std::string(f.value().get_string()));
  }
  if (!errors.empty()) {
    return ErrorResponse(Error::InvalidArgument("The body is not valid", std::move(errors)), ctx);
  }
  auto report = directory_.Import(ctx.call, *ctx.principal,
                                  app::DirectoryFeedFromCsv(texts, directory_.taxonomy()));
  if (!report.ok()) return ErrorResponse(report.error(), ctx);
  return ImportReportResponse(*report);
}

Response DirectoryRoutes::ApiDirectoryExportCsv(Context& ctx) {
  auto files = exports_.Csv(options_.council.id);
  if (!files.ok()) return ErrorResponse(files.error(), ctx);
  json::object out;
  for (const auto& [name, text] : *files) out[name] = text;
  return Response::Json(200, json::object{{"files", std::move(out)}});
}

Response DirectoryRoutes::ApiDirectoryExport(Context& ctx) {
  auto feed = exports_.Json(options_.council.id);
  if (!feed.ok()) return ErrorResponse(feed.error(), ctx);
  Response r = Response::Json(200, json::parse(*feed));
  r.SetHeader("content-disposition", "attachment; filename=\"directory.json\"");
  return r;
}

Response DirectoryRoutes::ApiDirectorySave(Context& ctx) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return JsonError(400, "bad_request", body.error().message);
  auto service = app::ServiceFromHsds(*body, directory_.taxonomy());
  if (!service.ok()) return ErrorResponse(service.error(), ctx);
  if (service->id != AsciiLower(ctx.request.path_params["id"])) {
    return ErrorResponse(Error::InvalidArgument("The entry is not valid",
                                                {{"id", "must match the id in the address"}}),
                         ctx);
  }
  auto saved = directory_.Save(ctx.call, *ctx.principal, std::move(*service),
                               ctx.request.Query("review_due"));
  if (!saved.ok()) return ErrorResponse(saved.error(), ctx);
  return Response::Json(200, app::ServiceToHsds(saved->service, directory_.taxonomy()));
}

Response DirectoryRoutes::ApiDirectoryRemove(Context& ctx) {
  Status removed = directory_.Remove(ctx.call, *ctx.principal, ctx.request.path_params["id"]);
  if (!removed.ok()) return ErrorResponse(removed.error(), ctx);
  return Response::NoContent();
}

}  // namespace selfdirect::web
