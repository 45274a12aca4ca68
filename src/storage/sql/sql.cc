#include "storage/sql/sql.h"

#include <charconv>

namespace selfdirect::storage {

bool SqlRow::IsNull(size_t i) const {
  SD_ASSERT(i < values_.size());  // Column index within the SELECT list.
  return std::holds_alternative<std::monostate>(values_[i]);
}

int64_t SqlRow::Int(size_t i) const {
  SD_ASSERT(i < values_.size());  // Column index within the SELECT list.
  if (const auto* v = std::get_if<int64_t>(&values_[i])) return *v;
  if (const auto* s = std::get_if<std::string>(&values_[i])) {
    int64_t out = 0;
    auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
    SD_ASSERT(ec == std::errc());  // Integer columns hold integers.
    return out;
  }
  return 0;
}

std::string SqlRow::Text(size_t i) const {
  SD_ASSERT(i < values_.size());  // Column index within the SELECT list.
  if (const auto* s = std::get_if<std::string>(&values_[i])) return *s;
  if (const auto* v = std::get_if<int64_t>(&values_[i])) return std::to_string(*v);
  return "";
}

std::optional<std::string> SqlRow::OptionalText(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

}  // namespace selfdirect::storage
