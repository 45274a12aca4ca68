// Fuzzes the multipart/form-data reader (web/http/message.h ParseMultipartForm, and Request::Form
// on a multipart body): uploads of statements, directory feeds and paper survey files.
// Input: the Content-Type header value, '\n', the body.
#include "fuzz/fuzz_input.h"
#include "web/http/message.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  const auto parts = fuzz::Split(fuzz::Text(data, size), '\n', 2);
  const std::string_view type = parts[0];
  const std::string_view body = parts.size() > 1 ? parts[1] : std::string_view();
  (void)web::IsMultipartForm(type);
  (void)web::ParseMultipartForm(type, body, 20);
  web::Request request;
  request.method = web::Method::kPost;
  request.headers["content-type"] = std::string(type);
  request.body = std::string(body);
  (void)request.Form();
  return 0;
}
