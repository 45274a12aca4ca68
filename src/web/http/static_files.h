// File: static_files.h
// Serves the built front-end assets (web/dist) from memory: loaded once at start, with a strong
// ETag per file so browsers revalidate cheaply (304) and cache for an hour.
#pragma once

#include <string>
#include <unordered_map>

#include "base/result.h"
#include "web/http/message.h"

namespace selfdirect::web {

class StaticFiles {
 public:
  // Loads every regular file below `root` (at most 64 MiB in all). `root` missing is
  // kFailedPrecondition with a hint to run scripts/setup.
  static Result<StaticFiles> Load(const std::string& root);

  // `path` is the URL path, e.g. "/static/council.css". 404 if unknown.
  Response Serve(const Request& request) const;
  size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string content;
    std::string content_type;
    std::string etag;
  };
  std::unordered_map<std::string, File> files_;
};

}  // namespace selfdirect::web
