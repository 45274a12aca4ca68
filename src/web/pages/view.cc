#include "web/pages/view.h"

#include "base/embedded_file.h"
#include "web/pages/mustache.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& Templates();
}  // namespace selfdirect::embedded

namespace selfdirect::web {
namespace {

struct CompiledTemplates {
  PartialMap pages;
  PartialMap partials;
  std::string error;
};

std::string TemplateName(std::string_view path) {
  std::string name(path);
  if (name.size() > 9 && name.substr(name.size() - 9) == ".mustache") name.resize(name.size() - 9);
  return name;
}

// Compiled once, on first use, then shared read-only by every thread.
const CompiledTemplates& Compiled() {
  static const CompiledTemplates compiled = [] {
    CompiledTemplates out;
    for (const auto& f : embedded::Templates()) {
      std::string name = TemplateName(f.path);
      auto t = MustacheTemplate::Compile(f.content);
      if (!t.ok()) {
        out.error += name + ": " + t.error().message + "; ";
        continue;
      }
      if (name.rfind("partials/", 0) == 0) {
        out.partials.emplace(name.substr(9), std::move(*t));
      } else {
        out.pages.emplace(name, std::move(*t));
      }
    }
    return out;
  }();
  return compiled;
}

}  // namespace

Status CheckTemplates() {
  const auto& c = Compiled();
  if (!c.error.empty()) return Error::Internal("Invalid templates: " + c.error);
  if (c.pages.count("layout") == 0) return Error::Internal("No layout template");
  return OkStatus();
}

ViewList ChoiceOptions(const std::string& field, const std::string& first_id,
                       const std::vector<std::pair<std::string, std::string>>& options,
                       const std::set<std::string>& chosen) {
  ViewList list;
  for (size_t i = 0; i < options.size(); ++i) {
    ViewData o;
    o.set("id", i == 0 ? first_id : first_id + "-" + std::to_string(i + 1));
    o.set("field", field);
    o.set("value", options[i].first);
    o.set("label", options[i].second);
    o.set("checked", chosen.contains(options[i].first));
    list.push_back(o);
  }
  return list;
}

std::string ErrorFor(const std::vector<FieldError>& errors, std::string_view field) {
  for (const auto& e : errors) {
    if (e.field == field) return e.message;
  }
  return "";
}

void SetErrorSummary(ViewData& d, const std::vector<FieldError>& errors,
                     const std::function<std::string(const FieldError&)>& href_for,
                     const std::function<std::string(const FieldError&)>& message_for) {
  ViewList summary;
  for (const auto& e : errors) {
    ViewData item;
    item.set("field", e.field);
    item.set("message", message_for ? message_for(e) : e.message);
    if (href_for) {
      if (std::string href = href_for(e); !href.empty()) item.set("href", href);
    }
    summary.push_back(item);
  }
  d.set("errors", summary);
  d.set("has_errors", !errors.empty());
}

std::string RenderTemplate(const std::string& name, const ViewData& data) {
  const auto& c = Compiled();
  auto it = c.pages.find(name);
  SD_ASSERT(it != c.pages.end());  // Handlers name templates that exist (checked at start).
  std::string out;
  out.reserve(8192);
  boost::json::value context = data.object();
  it->second.Render(context, c.partials, out);
  return out;
}

ViewList LabelValueRows(const std::vector<std::pair<std::string, std::string>>& rows) {
  ViewList out;
  for (const auto& [label, value] : rows) {
    ViewData row;
    row.set("label", label);
    row.set("value", value);
    out.push_back(row);
  }
  return out;
}

}  // namespace selfdirect::web
