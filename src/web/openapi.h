// File: openapi.h
// The one set of helpers for the JSON API: reading a JSON object body, and building the OpenAPI
// 3.1 operation and schema objects that every JSON route carries into the route table. Site
// assembles the document at /api/v1/openapi.json from the table and the modules' schemas.
#pragma once

#include <boost/json.hpp>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "base/text.h"
#include "web/http/message.h"
#include "web/route.h"

namespace selfdirect::web {
namespace openapi {

namespace json = boost::json;

// A JSON object body, or an error response to send.
inline Result<json::object> JsonObjectBody(const Request& request) {
  if (AsciiLower(request.Header("content-type")).rfind("application/json", 0) != 0) {
    return Error::InvalidArgument("Send the body as JSON with Content-Type: application/json");
  }
  boost::system::error_code ec;
  json::value body = json::parse(request.body, ec);
  if (ec) return Error::InvalidArgument("The body is not valid JSON: " + ec.message());
  if (!body.is_object()) return Error::InvalidArgument("The body must be a JSON object");
  return std::move(body.as_object());
}

// The string member `key` of a JSON object, or "" when it is missing or not a string (the use
// case's checks then name the field).
inline std::string StringField(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// A JSON object body whose members are all strings (or null), accepting only `allowed`.
// Errors: field errors (422), or a whole-body error without fields (400).
Result<std::map<std::string, std::string>> ParseStringObject(
    const Request& request, const std::vector<std::string>& allowed);

inline json::value Ref(const std::string& schema) {
  return json::object{{"$ref", "#/components/schemas/" + schema}};
}
inline json::value Content(const json::value& schema) {
  return json::object{{"application/json", json::object{{"schema", schema}}}};
}
inline json::value Reply(const std::string& description, const json::value& schema) {
  return json::object{{"description", description}, {"content", Content(schema)}};
}
inline json::value ErrorReply(const std::string& description) {
  return Reply(description, Ref("Error"));
}
inline json::value Type(const char* t) { return json::object{{"type", t}}; }
// A string schema, with any further keywords (`{{"format", "date"}}`).
inline json::object Str(json::object extra = {}) {
  json::object o{{"type", "string"}};
  for (const auto& [k, v] : extra) o[k] = v;
  return o;
}
inline json::object NullableStr() { return json::object{{"type", json::array{"string", "null"}}}; }
// Money: pounds as a string with at most two decimals.
inline json::value MoneyType() {
  return json::object{{"type", "string"}, {"pattern", "^-?[0-9]+(\\.[0-9]{1,2})?$"}};
}
inline json::value Body(const json::value& schema) {
  return json::object{{"required", true}, {"content", Content(schema)}};
}
// An object schema with these properties, `required` naming the ones that must be there.
inline json::value Object(std::initializer_list<std::pair<const char*, json::value>> props,
                          json::array required = {}) {
  json::object p;
  for (const auto& [k, v] : props) p[k] = v;
  json::object o{{"type", "object"}, {"properties", std::move(p)}};
  if (!required.empty()) o["required"] = std::move(required);
  return o;
}
// An object schema whose properties `names` are all strings, `required` naming those that must be
// there.
inline json::value StringsObject(std::initializer_list<const char*> names, json::array required) {
  json::object p;
  for (const char* name : names) p[name] = Type("string");
  return json::object{{"type", "object"}, {"properties", std::move(p)}, {"required", required}};
}
// The responses object of an operation: {"200": ..., "404": ...}.
inline json::object Replies(std::initializer_list<std::pair<const char*, json::value>> list) {
  json::object o;
  for (const auto& [k, v] : list) o[k] = v;
  return o;
}
// An optional query parameter of type string.
inline json::object QueryParam(const char* name, const char* description) {
  return {{"name", name},
          {"in", "query"},
          {"required", false},
          {"description", description},
          {"schema", json::object{{"type", "string"}}}};
}
// A required integer path parameter (an id) named `name`.
inline json::object PathParam(const char* name, const char* description) {
  return {{"name", name},
          {"in", "path"},
          {"required", true},
          {"description", description},
          {"schema", json::object{{"type", "integer"}, {"minimum", 1}}}};
}
inline json::value IdParam() {
  return json::array{json::object{{"name", "id"},
                                  {"in", "path"},
                                  {"required", true},
                                  {"schema", json::object{{"type", "integer"}, {"minimum", 1}}}}};
}
inline json::value Operation(const std::string& id, const std::string& summary,
                             json::object responses, json::object extra = {}) {
  responses["401"] = ErrorReply("Not signed in, or the session has ended");
  json::object op{{"operationId", id},
                  {"summary", summary},
                  {"responses", std::move(responses)},
                  {"security", json::array{json::object{{"session", json::array{}}}}}};
  for (const auto& [k, v] : extra) op[k] = v;
  return op;
}
// An operation anyone may call without a session (its 401 reply, if any, is its own).
inline json::value PublicOperation(const std::string& id, const std::string& summary,
                                   json::object responses, json::object extra = {}) {
  json::object op{{"operationId", id},
                  {"summary", summary},
                  {"responses", std::move(responses)},
                  {"security", json::array{}}};
  for (const auto& [k, v] : extra) op[k] = v;
  return op;
}

// The paths object: every JSON route of `table` with its roles (x-roles and a 403 reply) and,
// for unsafe methods of signed-in routes, the X-CSRF-Token header.
json::object Paths(const RouteTable& table);
// The schemas every operation shares: Error and Health.
void AddCommonSchemas(json::object& schemas);

}  // namespace openapi

}  // namespace selfdirect::web
