#include "app/reference_data.h"

#include <cstdio>
#include <cstdlib>

namespace selfdirect::app::reference_internal {

std::string FileName(std::string_view folder, std::string_view path) {
  std::string name(folder);
  if (!name.empty() && name.back() != '/') name += '/';
  return name + std::string(path);
}

Error InFile(const std::string& file, Error error) {
  error.message = file + ": " + error.message;
  return error;
}

Result<boost::json::value> ParseFile(const std::string& file, std::string_view text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(boost::json::string_view(text.data(), text.size()), ec);
  if (ec) return Error::InvalidArgument(file + " is not valid JSON: " + ec.message());
  return v;
}

bool IsJsonFile(std::string_view path) { return path.ends_with(".json"); }

void ShippedDataBroken(const Error& error) {
  std::fprintf(stderr, "selfdirect: shipped reference data cannot be read: %s\n",
               error.message.c_str());
  for (const auto& f : error.fields)
    std::fprintf(stderr, "  %s %s\n", f.field.c_str(), f.message.c_str());
  std::abort();
}

}  // namespace selfdirect::app::reference_internal
