// File: finance_role.h
// The one check the money's use cases share: only finance officers set up and change payments,
// run them and recover money.
#pragma once

#include <string>
#include <string_view>

#include "app/people_service.h"

namespace selfdirect::app {

// kPermissionDenied "Only finance officers <what>" for anyone else.
inline Status RequireFinanceOfficer(const Principal& who, std::string_view what) {
  if (who.user.role == domain::Role::kFinanceOfficer) return OkStatus();
  return Error::PermissionDenied("Only finance officers " + std::string(what));
}

}  // namespace selfdirect::app
