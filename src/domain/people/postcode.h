// File: postcode.h
// UK postcodes: checks the format and returns the standard form ("sw1a1aa" -> "SW1A 1AA").
// The format follows the Royal Mail / ONS postcode structure: an outward code (area letters,
// district digits and an optional letter) and an inward code (a digit and two letters, never
// C, I, K, M, O or V). Whether a postcode exists is for the postcode lookup table, not this check.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace selfdirect::domain {

Result<std::string> NormalisePostcode(std::string_view text);

}  // namespace selfdirect::domain
