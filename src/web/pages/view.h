// File: view.h
// Renders Mustache templates (templates/*.mustache, compiled into the binary) inside the page
// layout. Values are HTML-escaped by default; only `content` in the layout is inserted raw, and
// it is itself a rendered template. Templates are parsed once per thread and reused.
#pragma once

#include <kainjow/mustache.hpp>
#include <string>

#include "base/result.h"

namespace selfdirect::web {

using ViewData = kainjow::mustache::data;
using ViewList = kainjow::mustache::list;

// Checks that every embedded template parses; the server refuses to start otherwise.
Status CheckTemplates();

// Renders template `name` (e.g. "people_list") with `data`. Partials ({{> error_summary}}) come
// from templates/partials/.
std::string RenderTemplate(const std::string& name, const ViewData& data);

}  // namespace selfdirect::web
