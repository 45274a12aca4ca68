#include "app/front_door/invitations.h"

#include <cstdint>
#include <optional>

#include "app/front_door/front_door_repository.h"
#include "app/messages/notices.h"
#include "app/passwords.h"
#include "base/limits.h"

namespace selfdirect::app {

Result<IssuedInvitation> IssueInvitation(Transaction& tx, UserId user, UserId issued_by,
                                         Timestamp now, bool keep_earlier) {
  if (!keep_earlier) SD_RETURN_IF_ERROR(tx.front_door().RetireInvitations(user, now));
  IssuedInvitation out{InvitationId{}, RandomToken(),
                       now.PlusSeconds(int64_t{limits::kInvitationDays} * 86'400)};
  SD_ASSIGN_OR_RETURN(
      out.id, tx.front_door().InsertInvitation({InvitationId{}, user, TokenHash(out.token),
                                                issued_by, now, out.expires_at, std::nullopt}));
  return out;
}

Result<IssuedInvitation> InviteByEmail(Transaction& tx, const UserRecord& user, UserId issued_by,
                                       Timestamp now, LinkFor why) {
  SD_ASSIGN_OR_RETURN(auto issued, IssueInvitation(tx, user.id, issued_by, now));
  Notice notice = why == LinkFor::kReset
                      ? NewPasswordLinkNotice(user.id, user.display_name, issued.expires_at)
                      : InvitationNotice(user.id, user.display_name, issued.expires_at);
  notice.invitation = issued.id;
  SD_RETURN_IF_ERROR(StatusOf(QueueMessage(tx, notice, issued_by, now)));
  return issued;
}

}  // namespace selfdirect::app
