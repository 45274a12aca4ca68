// File: mustache.h
// A compiled Mustache renderer for page templates. Templates are compiled once at start into a
// token tree; rendering walks the tree over a Boost.JSON view model and appends to a string, with
// no parsing, no std::function and no copies of the data on the hot path.
//
// Supported: {{name}} (HTML-escaped), {{{name}}} (raw), {{#name}}...{{/name}} sections (lists
// repeat, objects push a context, other truthy values render once), {{^name}} inverted sections,
// {{! comments }}, {{> partial}}, dotted names (a.b) and {{.}}. Falsy values are: missing, null,
// false, "" and []. (Mustache proper treats "" as truthy; templates here rely on "" being false.)
//
// Example:
//   auto t = *MustacheTemplate::Compile("<p>{{#people}}{{name}} {{/people}}</p>");
//   std::string out;
//   t.Render(json::object{{"people", json::array{json::object{{"name", "Ada"}}}}}, {}, out);
#pragma once

#include <boost/json/value.hpp>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace selfdirect::web {

class MustacheTemplate;
using PartialMap = std::map<std::string, MustacheTemplate, std::less<>>;

class MustacheTemplate {
 public:
  // Compiles `text`; kInvalidArgument naming the problem (unclosed or mismatched section, unclosed
  // tag) when it is not valid.
  static Result<MustacheTemplate> Compile(std::string_view text);

  // Appends the rendering of this template over `context` to `out`. Partials come from
  // `partials`; an unknown partial renders as nothing. Thread-safe: rendering does not mutate.
  void Render(const boost::json::value& context, const PartialMap& partials,
              std::string& out) const;

  struct Node;
  const std::vector<Node>& nodes() const { return *nodes_; }

 private:
  std::shared_ptr<const std::vector<Node>> nodes_;
};

// Appends `text` to `out` with & < > " ' replaced by entities.
void AppendHtmlEscaped(std::string_view text, std::string& out);

}  // namespace selfdirect::web
