#include "domain/people/postcode.h"

#include "base/text.h"

namespace selfdirect::domain {
namespace {

bool IsLetter(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Outward code shapes: A9, A99, AA9, AA99, A9A, AA9A.
bool IsOutwardCode(std::string_view s) {
  if (s.size() < 2 || s.size() > 4 || !IsLetter(s[0])) return false;
  std::string shape;
  for (char c : s) shape += IsLetter(c) ? 'A' : (IsDigit(c) ? '9' : '?');
  return shape == "A9" || shape == "A99" || shape == "AA9" || shape == "AA99" || shape == "A9A" ||
         shape == "AA9A";
}

bool IsInwardCode(std::string_view s) {
  constexpr std::string_view kNeverInward = "CIKMOV";
  return s.size() == 3 && IsDigit(s[0]) && IsLetter(s[1]) && IsLetter(s[2]) &&
         kNeverInward.find(s[1]) == std::string_view::npos &&
         kNeverInward.find(s[2]) == std::string_view::npos;
}

}  // namespace

Result<std::string> NormalisePostcode(std::string_view text) {
  std::string compact;
  for (char c : AsciiUpper(Trim(text))) {
    if (c != ' ') compact += c;
  }
  auto invalid = [] { return Error::InvalidArgument("Enter a real postcode, like AA1 1AA"); };
  if (compact.size() < 5 || compact.size() > 7) return invalid();
  std::string_view all(compact);
  std::string_view outward = all.substr(0, all.size() - 3);
  std::string_view inward = all.substr(all.size() - 3);
  if (compact == "GIR0AA") return std::string("GIR 0AA");
  if (!IsOutwardCode(outward) || !IsInwardCode(inward)) return invalid();
  return std::string(outward) + " " + std::string(inward);
}

}  // namespace selfdirect::domain
