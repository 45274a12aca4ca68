#include "web/http/static_files.h"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace selfdirect::web {
namespace {

constexpr size_t kMaxStaticBytes = 64u << 20;  // The built assets are about 0.5 MiB.

std::string ContentType(const std::string& path) {
  auto ext = std::filesystem::path(path).extension().string();
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".json") return "application/json";
  if (ext == ".map") return "application/json";
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

Result<StaticFiles> StaticFiles::Load(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    return Error::FailedPrecondition("Front-end assets not found at " + root +
                                     ": run scripts/setup (it builds web/dist)");
  }
  StaticFiles out;
  size_t total = 0;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    File f;
    f.content = ss.str();
    total += f.content.size();
    if (total > kMaxStaticBytes) return Error::ResourceExhausted("Static assets exceed 64 MiB");
    unsigned char digest[16];
    crypto_generichash(digest, sizeof digest,
                       reinterpret_cast<const unsigned char*>(f.content.data()), f.content.size(),
                       nullptr, 0);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    f.etag = "\"" + std::string(hex) + "\"";
    std::string rel = fs::relative(it->path(), root).generic_string();
    f.content_type = ContentType(rel);
    out.files_.emplace("/" + rel, std::move(f));
  }
  if (ec) return Error::Internal("Cannot read " + root + ": " + ec.message());
  return out;
}

Response StaticFiles::Serve(const Request& request) const {
  auto it = files_.find(request.path);
  if (it == files_.end()) return Response::Text(404, "Not found");
  const File& f = it->second;
  Response r;
  r.SetHeader("ETag", f.etag);
  r.SetHeader("Cache-Control", "public, max-age=3600");
  if (request.Header("if-none-match") == f.etag) {
    r.status = 304;
    return r;
  }
  r.status = 200;
  r.SetHeader("Content-Type", f.content_type);
  r.body = f.content;
  return r;
}

}  // namespace selfdirect::web
