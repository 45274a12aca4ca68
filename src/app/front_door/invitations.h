#pragma once

// One place that issues the one-time link an account uses to set its own password: the front
// door's self-assessment invitation, an administrator's invitation or reset, and a budget
// holder's invitation to a representative all come here.

#include <string>

#include "app/repositories.h"
#include "base/clock.h"
#include "base/result.h"
#include "base/strong_id.h"

namespace selfdirect::app {

struct IssuedInvitation {
  std::string token;  // Given once to the caller to show or send; only its hash is stored.
  Timestamp expires_at;
};

// Retires any earlier live link for the account, then stores the hash of a new 32-byte token
// that expires limits::kInvitationDays after `now`.
Result<IssuedInvitation> IssueInvitation(Transaction& tx, UserId user, UserId issued_by,
                                         Timestamp now);

}  // namespace selfdirect::app
