// File: reauthentication.h
// Re-authentication for sensitive actions (OWASP ASVS 4.0 V3.7.1): an action that changes who
// may do what, how the council decides, or where money goes needs the password to have been
// entered in the session recently, not only a session that is still alive. Which routes are
// sensitive is marked on the route table (web/route.h, Route::recent_password); this is the rule.
#pragma once

#include "base/clock.h"

namespace selfdirect::domain {

// How long a password entered counts as recent, unless `selfdirect serve --recent-password`
// says otherwise: 15 minutes, as issue 24 (part 8) asks; ASVS 4.0 V3.7.1 names no figure.
// docs/security.md lists the sensitive actions.
inline constexpr int kRecentPasswordSeconds = 15 * 60;

// True when the password entered at `entered` is still recent at `now`: less than `max_age_seconds`
// old. A time after `now` (another server's clock ahead of this one) counts as recent.
bool PasswordIsRecent(Timestamp entered, Timestamp now, int max_age_seconds);

}  // namespace selfdirect::domain
