// File: router.h
// Matches a method and decoded path segments against route patterns such as
// "/people/{id}". A path that matches with another method gives the allowed methods (405);
// no match gives none (404). HEAD matches GET routes.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "web/http/message.h"

namespace selfdirect::web {

template <typename Route>
class Router {
 public:
  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::vector<Method> allowed;  // When route is null but the path exists.
  };

  void Add(Method method, const std::string& pattern, Route route) {
    Entry e{method, pattern, SplitPattern(pattern), std::move(route)};
    entries_.push_back(std::move(e));
  }

  Match Find(Method method, const std::vector<std::string>& segments) const {
    Match out;
    for (const auto& e : entries_) {
      std::map<std::string, std::string> params;
      if (!Matches(e.parts, segments, params)) continue;
      if (e.method == method || (method == Method::kHead && e.method == Method::kGet)) {
        out.route = &e.route;
        out.params = std::move(params);
        return out;
      }
      out.allowed.push_back(e.method);
    }
    return out;
  }

  template <typename F>
  void ForEach(F&& f) const {
    for (const auto& e : entries_) f(e.method, e.pattern, e.route);
  }

 private:
  struct Entry {
    Method method;
    std::string pattern;
    std::vector<std::string> parts;
    Route route;
  };

  static std::vector<std::string> SplitPattern(const std::string& pattern) {
    std::vector<std::string> parts;
    size_t start = 1;
    while (start <= pattern.size()) {
      size_t slash = pattern.find('/', start);
      if (slash == std::string::npos) slash = pattern.size();
      if (slash > start) parts.push_back(pattern.substr(start, slash - start));
      start = slash + 1;
    }
    return parts;
  }

  static bool Matches(const std::vector<std::string>& parts,
                      const std::vector<std::string>& segments,
                      std::map<std::string, std::string>& params) {
    // A trailing "{*}" part matches the rest of the path (static files).
    bool rest = !parts.empty() && parts.back() == "{*}";
    if (rest ? segments.size() < parts.size() : segments.size() != parts.size()) return false;
    for (size_t i = 0; i < parts.size(); ++i) {
      const std::string& p = parts[i];
      if (p == "{*}") return true;
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        if (segments[i].empty()) return false;
        params[p.substr(1, p.size() - 2)] = segments[i];
      } else if (p != segments[i]) {
        return false;
      }
    }
    return true;
  }

  std::vector<Entry> entries_;
};

}  // namespace selfdirect::web
