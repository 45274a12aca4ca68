// File: user_agent.h
// A browser's User-Agent header in words a person knows ("Chrome on Windows"), for the list of
// where they are signed in (OWASP ASVS 4.0 V3.3.4). Only the browser and the kind of device are
// named; the header's version numbers and the rest are left out.
#pragma once

#include <string>
#include <string_view>

namespace selfdirect::domain {

// "Edge on Windows", "Safari on iPhone", "Firefox on Linux", "Chrome" (no system named), "A
// program (curl)" for a known command-line client, "Another browser or program" otherwise, and
// "Not recorded" for an empty header.
std::string DescribeUserAgent(std::string_view user_agent);

}  // namespace selfdirect::domain
