#include "domain/people/nhs_number.h"

#include "base/text.h"

namespace selfdirect::domain {

Result<std::string> NormaliseNhsNumber(std::string_view text) {
  std::string digits;
  for (char c : Trim(text)) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != ' ' && c != '-') {
      return Error::InvalidArgument("NHS number must be 10 digits, like 943 476 5919");
    }
  }
  if (digits.size() != 10) {
    return Error::InvalidArgument("NHS number must be 10 digits, like 943 476 5919");
  }
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (digits[static_cast<size_t>(i)] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10 || check != digits[9] - '0') {
    return Error::InvalidArgument("Enter a valid NHS number: check the digits and try again");
  }
  return digits;
}

}  // namespace selfdirect::domain
