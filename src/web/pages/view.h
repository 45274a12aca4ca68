// File: view.h
// View models and rendering for pages. A ViewData is a JSON object built by a handler; templates
// (templates/*.mustache, compiled into the binary and compiled to token trees once) render it.
// Values are HTML-escaped unless a template uses {{{triple}}} braces, which only the layout does,
// for `content`, itself a rendered template.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace selfdirect::web {

class ViewList;

class ViewData {
 public:
  ViewData() = default;
  void set(std::string_view key, std::string_view value) { object_[key] = value; }
  void set(std::string_view key, const char* value) { object_[key] = value; }
  void set(std::string_view key, const std::string& value) { object_[key] = value; }
  void set(std::string_view key, bool value) { object_[key] = value; }
  void set(std::string_view key, const ViewData& value) { object_[key] = value.object_; }
  void set(std::string_view key, const ViewList& value);
  void set(std::string_view key, const boost::json::value& value) { object_[key] = value; }
  // The value under `key`, or null if unset.
  const boost::json::value* get(std::string_view key) const { return object_.if_contains(key); }
  const boost::json::object& object() const { return object_; }

 private:
  boost::json::object object_;
};

class ViewList {
 public:
  void push_back(const ViewData& item) { array_.push_back(item.object()); }
  void push_back(std::string_view text) { array_.push_back(boost::json::string(text)); }
  bool empty() const { return array_.empty(); }
  size_t size() const { return array_.size(); }
  const boost::json::array& array() const { return array_; }

 private:
  boost::json::array array_;
};

inline void ViewData::set(std::string_view key, const ViewList& value) {
  object_[key] = value.array();
}

// The message of the first error for `field`, or "" when it has none.
std::string ErrorFor(const std::vector<FieldError>& errors, std::string_view field);

// The rows of a GOV.UK summary list: each {"label", "value"}, in order.
ViewList LabelValueRows(const std::vector<std::pair<std::string, std::string>>& rows);

// Sets "errors" (the error summary's list) and "has_errors" (which also prefixes the <title> with
// "Error: ") from field errors, in order. Each entry links to `href_for(error)` if given and it
// returns text, else to the field's id on the page; its text is `message_for(error)` if given.
void SetErrorSummary(ViewData& d, const std::vector<FieldError>& errors,
                     const std::function<std::string(const FieldError&)>& href_for = nullptr,
                     const std::function<std::string(const FieldError&)>& message_for = nullptr);

// Radio or checkbox options for `field` as the templates write them: the first option's id is
// `first_id` (what an error summary links to), the others `first_id-2`, `first_id-3` and so on;
// the options whose values are in `chosen` are checked. Each option is a {value, label} pair.
ViewList ChoiceOptions(const std::string& field, const std::string& first_id,
                       const std::vector<std::pair<std::string, std::string>>& options,
                       const std::set<std::string>& chosen);

// Compiles every embedded template; the server refuses to start if one is invalid.
Status CheckTemplates();

// Renders template `name` (e.g. "people_list") with `data`; partials come from templates/partials/.
std::string RenderTemplate(const std::string& name, const ViewData& data);

}  // namespace selfdirect::web
