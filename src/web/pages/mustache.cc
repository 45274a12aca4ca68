#include "web/pages/mustache.h"

#include <boost/json.hpp>

namespace selfdirect::web {

namespace json = boost::json;

struct MustacheTemplate::Node {
  enum class Kind { kText, kEscaped, kRaw, kSection, kInverted, kPartial };
  Kind kind = Kind::kText;
  std::string text;               // Literal text, or the name for other kinds.
  std::vector<std::string> path;  // The name split at dots ({"."} for the current item).
  std::vector<Node> children;     // Sections.
};

namespace {

using Node = MustacheTemplate::Node;
// Nesting deeper than this is a template error, and bounds recursion while rendering.
constexpr size_t kMaxDepth = 32;

std::string_view TrimName(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

std::vector<std::string> SplitPath(std::string_view name) {
  std::vector<std::string> out;
  if (name == ".") return {"."};
  size_t start = 0;
  while (start <= name.size()) {
    size_t dot = name.find('.', start);
    if (dot == std::string_view::npos) dot = name.size();
    out.emplace_back(name.substr(start, dot - start));
    start = dot + 1;
  }
  return out;
}

bool Truthy(const json::value* v) {
  if (v == nullptr || v->is_null()) return false;
  if (v->is_bool()) return v->get_bool();
  if (v->is_string()) return !v->get_string().empty();
  if (v->is_array()) return !v->get_array().empty();
  return true;
}

void AppendValue(const json::value& v, bool escape, std::string& out) {
  switch (v.kind()) {
    case json::kind::string:
      if (escape) {
        AppendHtmlEscaped(std::string_view(v.get_string().data(), v.get_string().size()), out);
      } else {
        out.append(v.get_string().data(), v.get_string().size());
      }
      break;
    case json::kind::int64:
      out += std::to_string(v.get_int64());
      break;
    case json::kind::uint64:
      out += std::to_string(v.get_uint64());
      break;
    case json::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      break;
    default:
      break;  // null renders nothing; objects, arrays and doubles are not printed in pages.
  }
}

// Looks a name up the context stack (innermost first), then descends the dotted parts.
const json::value* Lookup(const std::vector<const json::value*>& stack,
                          const std::vector<std::string>& path) {
  if (path.size() == 1 && path[0] == ".") return stack.back();
  const json::value* found = nullptr;
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    if (!(*it)->is_object()) continue;
    const auto& obj = (*it)->get_object();
    auto f = obj.find(path[0]);
    if (f != obj.end()) {
      found = &f->value();
      break;
    }
  }
  for (size_t i = 1; found && i < path.size(); ++i) {
    if (!found->is_object()) return nullptr;
    auto f = found->get_object().find(path[i]);
    found = f == found->get_object().end() ? nullptr : &f->value();
  }
  return found;
}

void RenderNodes(const std::vector<Node>& nodes, std::vector<const json::value*>& stack,
                 const PartialMap& partials, std::string& out, size_t depth);

void RenderNodes(const std::vector<Node>& nodes, std::vector<const json::value*>& stack,
                 const PartialMap& partials, std::string& out, size_t depth) {
  SD_ASSERT(depth <= kMaxDepth);  // Compile bounds nesting; partials cannot recurse past it.
  for (const Node& n : nodes) {
    switch (n.kind) {
      case Node::Kind::kText:
        out += n.text;
        break;
      case Node::Kind::kEscaped:
      case Node::Kind::kRaw:
        if (const json::value* v = Lookup(stack, n.path))
          AppendValue(*v, n.kind == Node::Kind::kEscaped, out);
        break;
      case Node::Kind::kSection: {
        const json::value* v = Lookup(stack, n.path);
        if (!Truthy(v)) break;
        if (v->is_array()) {
          for (const auto& item : v->get_array()) {
            stack.push_back(&item);
            RenderNodes(n.children, stack, partials, out, depth + 1);
            stack.pop_back();
          }
        } else {
          stack.push_back(v);
          RenderNodes(n.children, stack, partials, out, depth + 1);
          stack.pop_back();
        }
        break;
      }
      case Node::Kind::kInverted:
        if (!Truthy(Lookup(stack, n.path)))
          RenderNodes(n.children, stack, partials, out, depth + 1);
        break;
      case Node::Kind::kPartial:
        // Partials render in the current context stack; depth bounds partials that include
        // themselves.
        if (auto it = partials.find(n.text); it != partials.end() && depth < kMaxDepth) {
          RenderNodes(it->second.nodes(), stack, partials, out, depth + 1);
        }
        break;
    }
  }
}

}  // namespace

void AppendHtmlEscaped(std::string_view text, std::string& out) {
  out.reserve(out.size() + text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

Result<MustacheTemplate> MustacheTemplate::Compile(std::string_view text) {
  auto root = std::make_shared<std::vector<Node>>();
  std::vector<std::vector<Node>*> open{root.get()};
  std::vector<std::string> open_names;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = text.find("{{", pos);
    if (start == std::string_view::npos) start = text.size();
    if (start > pos)
      open.back()->push_back(
          Node{Node::Kind::kText, std::string(text.substr(pos, start - pos)), {}, {}});
    if (start == text.size()) break;
    bool triple = text.substr(start, 3) == "{{{";
    size_t end = text.find(triple ? "}}}" : "}}", start);
    if (end == std::string_view::npos) {
      return Error::InvalidArgument("Unclosed tag at offset " + std::to_string(start));
    }
    std::string_view tag = text.substr(start + (triple ? 3 : 2), end - start - (triple ? 3 : 2));
    pos = end + (triple ? 3 : 2);
    if (triple) {
      std::string name(TrimName(tag));
      open.back()->push_back(Node{Node::Kind::kRaw, name, SplitPath(name), {}});
      continue;
    }
    char sigil = tag.empty() ? ' ' : tag.front();
    std::string name(TrimName(sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!' ||
                                      sigil == '>' || sigil == '&'
                                  ? tag.substr(1)
                                  : tag));
    switch (sigil) {
      case '!':
        break;
      case '#':
      case '^': {
        if (open.size() > kMaxDepth) return Error::InvalidArgument("Sections nested too deeply");
        open.back()->push_back(Node{sigil == '#' ? Node::Kind::kSection : Node::Kind::kInverted,
                                    name,
                                    SplitPath(name),
                                    {}});
        open.push_back(&open.back()->back().children);
        open_names.push_back(name);
        break;
      }
      case '/':
        if (open_names.empty() || open_names.back() != name) {
          return Error::InvalidArgument("Closing tag {{/" + name +
                                        "}} does not match an open section");
        }
        open.pop_back();
        open_names.pop_back();
        break;
      case '>':
        open.back()->push_back(Node{Node::Kind::kPartial, name, {}, {}});
        break;
      case '&':
        open.back()->push_back(Node{Node::Kind::kRaw, name, SplitPath(name), {}});
        break;
      default:
        if (name.empty())
          return Error::InvalidArgument("Empty tag at offset " + std::to_string(start));
        open.back()->push_back(Node{Node::Kind::kEscaped, name, SplitPath(name), {}});
    }
  }
  if (!open_names.empty())
    return Error::InvalidArgument("Section {{#" + open_names.back() + "}} is not closed");
  MustacheTemplate t;
  t.nodes_ = std::move(root);
  return t;
}

void MustacheTemplate::Render(const json::value& context, const PartialMap& partials,
                              std::string& out) const {
  SD_ASSERT(nodes_ != nullptr);  // Only compiled templates render.
  std::vector<const json::value*> stack{&context};
  stack.reserve(kMaxDepth + 1);
  RenderNodes(*nodes_, stack, partials, out, 0);
}

}  // namespace selfdirect::web
