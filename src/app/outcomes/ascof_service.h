// File: ascof_service.h
// ASCOF measure 3D (self-directed support and direct payments) from the council's own records,
// and the client-level extract behind it (issue 22; domain/outcomes/ascof.h has the rule). The
// measure is an aggregate; the extract names people, so only analysts read it, audited.
#pragma once

#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/people_service.h"
#include "app/repositories.h"
#include "domain/outcomes/ascof.h"

namespace selfdirect::app {

// One person's long-term support for the extract: their latest agreed plan.
struct ClientLine {
  std::string reference;   // "SD-000123".
  std::string nhs_number;  // "" when not recorded.
  Date date_of_birth;
  std::string client_group;  // Primary support reason code.
  domain::ReturnCategory category = domain::ReturnCategory::kNoPaidSupport;
  Date agreed_on;  // When the plan was agreed: the support's first day.
};

struct AscofReport {
  domain::Measure3D measure;
  std::vector<ClientLine> clients;  // Empty unless asked for.
};

// The client-level extract as CSV (RFC 4180, a header row): reference, nhs_number,
// date_of_birth, client_group, delivery_mechanism (the return category code), agreed_on.
std::string ClientExtractCsv(const std::vector<ClientLine>& clients);

class AscofService {
 public:
  AscofService(Store& store, const Clock& clock, AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  // Measure 3D on `on` for analysts, finance officers and administrators; with the client lines
  // when `with_clients` (analysts only: kPermissionDenied for the others). Audited.
  Result<AscofReport> SelfDirectedSupport(const CallContext& ctx, const Principal& who, Date on,
                                          bool with_clients);

 private:
  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
};

}  // namespace selfdirect::app
