// File: api_support.h
// Helpers shared by the JSON API files: reading a JSON object body, and building OpenAPI
// operation objects for the route table.
#pragma once

#include <boost/json.hpp>
#include <initializer_list>
#include <string>
#include <utility>

#include "base/result.h"
#include "base/text.h"
#include "web/http/message.h"

namespace selfdirect::web {
namespace api_support {

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
// The responses object of an operation: {"200": ..., "404": ...}.
inline json::object Replies(std::initializer_list<std::pair<const char*, json::value>> list) {
  json::object o;
  for (const auto& [k, v] : list) o[k] = v;
  return o;
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

}  // namespace api_support

// Adds the resource allocation schemas to the OpenAPI components (api/ras_api.cc).
void AddAllocationSchemas(boost::json::object& schemas);
// Adds the financial assessment schemas (api/charging_api.cc).
void AddChargingSchemas(boost::json::object& schemas);
void AddPlanningSchemas(boost::json::object& schemas);
void AddDirectorySchemas(boost::json::object& schemas);

}  // namespace selfdirect::web
