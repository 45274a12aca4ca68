// File: complaint_policy.h
// The complaint response times and working days shipped in data/reference/complaints/ (see
// domain/complaints/complaint.h), with the source of each figure.
#pragma once

#include <string>
#include <vector>

#include "domain/complaints/complaint.h"

namespace selfdirect::app {

struct ComplaintReference {
  domain::ComplaintPolicy policy;
  bool verified = false;                                     // [K] while false.
  std::vector<std::pair<std::string, std::string>> sources;  // Figure name, its source.
};

// Read once from the embedded file; a file that does not read is a build error caught by tests.
const ComplaintReference& ShippedComplaintReference();

}  // namespace selfdirect::app
