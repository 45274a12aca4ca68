#pragma once

// One place that issues the one-time link an account uses to set its own password: the front
// door's self-assessment invitation, an administrator's invitation or reset, and a budget
// holder's invitation to a representative all come here.

#include <string>

#include "app/front_door/front_door_repository.h"
#include "app/repositories.h"
#include "base/clock.h"
#include "base/result.h"
#include "base/strong_id.h"

namespace selfdirect::app {

struct IssuedInvitation {
  InvitationId id;
  std::string token;  // Given once to the caller to show or send; only its hash is stored.
  Timestamp expires_at;
};

// Stores the hash of a new 32-byte token that expires limits::kInvitationDays after `now`.
// Retires the account's earlier live links first unless `keep_earlier` (the outbox's emailed
// copy of a link also shown on a page); using any one link retires the rest.
Result<IssuedInvitation> IssueInvitation(Transaction& tx, UserId user, UserId issued_by,
                                         Timestamp now, bool keep_earlier = false);

// What an emailed link is for: a new account's first password, or a new one after an
// administrator's reset (its own words: notices.h).
enum class LinkFor { kNewAccount, kReset };

// IssueInvitation, and a message to the account's email address that carries a link of its own
// (issued when the outbox sends it, so no token is stored in the clear, and only while the link
// issued here is still unused and the account not suspended).
Result<IssuedInvitation> InviteByEmail(Transaction& tx, const UserRecord& user, UserId issued_by,
                                       Timestamp now, LinkFor why = LinkFor::kNewAccount);

}  // namespace selfdirect::app
