// File: incident.h
// Incident references (OWASP ASVS 4.0 7.4.1): when the service fails in a way the person cannot
// put right, the page says only that something went wrong, with a short reference. The same
// reference is in the server's log line that says what failed, so the council's support staff can
// find it when the person quotes it. The reference carries nothing about the person or the error.
#pragma once

#include <string>

namespace selfdirect::app {

// Eight random characters in two groups of four, "K7PM-3QXD": capital letters and digits without
// those that are easy to misread or mishear (0 and O, 1 and I and L, U and V, 5 and S, 8 and B,
// 2 and Z): 23 symbols, about 36 bits, so two references are as likely as not to be the same only
// after some 300,000 incidents. Thread-safe.
std::string NewIncidentReference();

}  // namespace selfdirect::app
