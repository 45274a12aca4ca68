// File: nhs_number.h
// NHS numbers are ten digits whose last digit is a modulus 11 check digit (NHS Data Dictionary,
// "NHS Number"): weight the first nine digits 10 down to 2, add, take the remainder on division
// by 11, subtract it from 11; 11 becomes 0 and 10 means the number is not valid.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace selfdirect::domain {

// Accepts ten digits, optionally grouped 3-3-4 with spaces or hyphens ("943 476 5919").
// Returns the ten digits, or kInvalidArgument with a message a person can act on.
Result<std::string> NormaliseNhsNumber(std::string_view text);

}  // namespace selfdirect::domain
