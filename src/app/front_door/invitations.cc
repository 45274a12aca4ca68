#include "app/front_door/invitations.h"

#include <cstdint>
#include <optional>

#include "app/front_door/front_door_repository.h"
#include "app/passwords.h"
#include "base/limits.h"

namespace selfdirect::app {

Result<IssuedInvitation> IssueInvitation(Transaction& tx, UserId user, UserId issued_by,
                                         Timestamp now) {
  SD_RETURN_IF_ERROR(tx.front_door().RetireInvitations(user, now));
  IssuedInvitation out{RandomToken(), now.PlusSeconds(int64_t{limits::kInvitationDays} * 86'400)};
  SD_RETURN_IF_ERROR(tx.front_door().InsertInvitation(
      {InvitationId{}, user, TokenHash(out.token), issued_by, now, out.expires_at, std::nullopt}));
  return out;
}

}  // namespace selfdirect::app
