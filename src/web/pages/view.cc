#include "web/pages/view.h"

#include <map>
#include <memory>

#include "base/embedded_file.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& Templates();
}  // namespace selfdirect::embedded

namespace selfdirect::web {
namespace {

using Mustache = kainjow::mustache::mustache;

std::string TemplateName(std::string_view path) {
  std::string name(path);
  if (name.size() > 9 && name.substr(name.size() - 9) == ".mustache") name.resize(name.size() - 9);
  return name;
}

// Parsed templates for this thread: kainjow templates are not documented as thread-safe to render
// concurrently, so each I/O thread keeps its own (a handful of kilobytes).
std::map<std::string, std::unique_ptr<Mustache>>& ThreadTemplates() {
  thread_local std::map<std::string, std::unique_ptr<Mustache>> templates = [] {
    std::map<std::string, std::unique_ptr<Mustache>> out;
    for (const auto& f : embedded::Templates()) {
      out.emplace(TemplateName(f.path), std::make_unique<Mustache>(std::string(f.content)));
    }
    return out;
  }();
  return templates;
}

}  // namespace

Status CheckTemplates() {
  for (const auto& [name, tmpl] : ThreadTemplates()) {
    if (!tmpl->is_valid())
      return Error::Internal("Template " + name + ": " + tmpl->error_message());
  }
  if (ThreadTemplates().count("layout") == 0) return Error::Internal("No layout template");
  return OkStatus();
}

std::string RenderTemplate(const std::string& name, const ViewData& data) {
  auto& templates = ThreadTemplates();
  auto it = templates.find(name);
  SD_ASSERT(it != templates.end());  // Handlers name templates that exist (checked at start).
  ViewData with_partials = data;
  for (const auto& f : embedded::Templates()) {
    std::string partial = TemplateName(f.path);
    if (partial.rfind("partials/", 0) != 0) continue;
    std::string body(f.content);
    with_partials.set(partial.substr(9), kainjow::mustache::partial([body] { return body; }));
  }
  return it->second->render(with_partials);
}

}  // namespace selfdirect::web
