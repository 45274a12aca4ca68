#include "web/openapi.h"

#include <algorithm>

#include "base/text.h"

namespace selfdirect::web::openapi {

Result<std::map<std::string, std::string>> ParseStringObject(
    const Request& request, const std::vector<std::string>& allowed) {
  std::string type = AsciiLower(request.Header("content-type"));
  if (type.rfind("application/json", 0) != 0) {
    return Error::InvalidArgument("Send the body as JSON with Content-Type: application/json");
  }
  boost::system::error_code ec;
  json::value body = json::parse(request.body, ec);
  if (ec) return Error::InvalidArgument("The body is not valid JSON: " + ec.message());
  if (!body.is_object()) return Error::InvalidArgument("The body must be a JSON object");
  std::map<std::string, std::string> out;
  std::vector<FieldError> fields;
  for (const auto& [key, value] : body.as_object()) {
    std::string name(key);
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      fields.push_back({name, "Unknown field"});
    } else if (value.is_string()) {
      out[name] = std::string(value.as_string());
    } else if (!value.is_null()) {
      fields.push_back({name, "Must be a string"});
    }
  }
  if (!fields.empty()) return Error::InvalidArgument("Check the fields", std::move(fields));
  return out;
}

json::object Paths(const RouteTable& table) {
  json::object paths;
  table.ForEach([&](Method method, const std::string& pattern, const Route& route) {
    if (!route.api) return;
    std::string verb = AsciiLower(MethodName(method));
    json::value op = route.openapi;
    if (!route.roles.empty()) {
      std::string roles;
      for (auto r : route.roles)
        roles += (roles.empty() ? "" : ", ") + std::string(domain::RoleName(r));
      op.as_object()["x-roles"] = roles;
      op.as_object()["responses"].as_object()["403"] =
          ErrorReply("The caller's role may not use this");
    }
    if (method != Method::kGet && route.audience == Audience::kSignedIn) {
      json::array params = op.as_object().contains("parameters")
                               ? op.as_object()["parameters"].as_array()
                               : json::array{};
      params.push_back(
          json::object{{"name", "X-CSRF-Token"},
                       {"in", "header"},
                       {"required", true},
                       {"schema", json::object{{"type", "string"}}},
                       {"description", "The csrf_token returned by POST /api/v1/sessions"}});
      op.as_object()["parameters"] = std::move(params);
    }
    if (route.recent_password) {
      op.as_object()["x-recent-password"] = true;
      op.as_object()["responses"].as_object()["401"] = ErrorReply(
          "Not signed in, the session has ended, or (reauthentication_required) the password "
          "was not entered recently: POST /api/v1/sessions/current/confirmation first");
    }
    json::value& entry = paths[pattern];
    if (!entry.is_object()) entry.emplace_object();
    entry.as_object()[verb] = std::move(op);
  });
  return paths;
}

namespace {

// The reference an internal or unavailable error carries for support staff (app/incident.h).
json::object IncidentSchema() {
  return Str({{"pattern", "^[ACDEFGHJKMNPQRTWXY34679]{4}-[ACDEFGHJKMNPQRTWXY34679]{4}$"},
              {"description",
               "Only on internal and unavailable errors: the reference of the server's log line "
               "that says what failed, to quote to the council's support staff."}});
}

}  // namespace

void AddCommonSchemas(json::object& schemas) {
  auto str = [](json::object extra = {}) { return Str(std::move(extra)); };
  json::object common{
      {"Error",
       json::object{
           {"type", "object"},
           {"required", json::array{"error"}},
           {"properties",
            json::object{{"error", json::object{{"type", "object"},
                                                {"required", json::array{"code", "message"}},
                                                {"properties",
                                                 json::object{{"code", str()},
                                                              {"message", str()},
                                                              {"incident", IncidentSchema()},
                                                              {"fields",
                                                               json::object{{"type", "object"},
                                                                            {"additionalProperties",
                                                                             str()}}}}}}}}}}},
      {"Health",
       json::object{{"type", "object"},
                    {"properties",
                     json::object{{"status", str()}, {"database", str()}, {"council", str()}}}}},
  };
  for (auto& [k, v] : common) schemas[k] = std::move(v);
}

}  // namespace selfdirect::web::openapi
