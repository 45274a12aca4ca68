#include "app/password_change.h"

#include <vector>

#include "app/admin/admin_repository.h"
#include "app/messages/notices.h"
#include "app/password_policy.h"
#include "app/passwords.h"

namespace selfdirect::app {

namespace {

// The form's own problems, before any password is checked: blanks, the policy, the confirmation.
std::vector<FieldError> FormErrors(const UserRecord& user, const PasswordChangeInput& in) {
  std::vector<FieldError> errors;
  if (in.current.empty()) errors.push_back({"current", "Enter your current password"});
  if (in.password.empty()) {
    errors.push_back({"password", "Enter a new password"});
  } else if (std::string problem = PasswordProblem(in.password, user.email, user.display_name);
             !problem.empty()) {
    errors.push_back({"password", std::move(problem)});
  } else if (in.password == in.current) {
    errors.push_back({"password", "Enter a new password that is different from your current one"});
  } else if (in.confirm != in.password) {
    errors.push_back({"confirm", "Enter the same new password twice"});
  }
  return errors;
}

// The current password's check as re-authentication makes it, with its error on "current".
Status CheckCurrent(AuthService& auth, CouncilId council, const Principal& who,
                    const std::string& current, const std::string& client_address) {
  Status s = auth.ConfirmPassword(council, who, current, client_address);
  if (s.ok() || s.error().code == ErrorCode::kResourceExhausted) return s;
  Error e = s.error();
  for (FieldError& f : e.fields) {
    if (f.field == "password") {
      f.field = "current";
      f.message = "Enter your current password correctly";
    }
  }
  if (e.code == ErrorCode::kUnauthenticated) e.message = "Enter your current password correctly";
  return e;
}

}  // namespace

Result<SignedIn> PasswordChangeService::Change(CouncilId council, const Principal& who,
                                               const PasswordChangeInput& in,
                                               const std::string& client_address,
                                               std::string_view user_agent) {
  if (std::vector<FieldError> errors = FormErrors(who.user, in); !errors.empty())
    return Error::InvalidArgument("Check your passwords", std::move(errors));
  SD_RETURN_IF_ERROR(CheckCurrent(auth_, council, who, in.current, client_address));
  SD_ASSIGN_OR_RETURN(std::string hash, HashPassword(in.password));
  const Timestamp now = clock_.Now();
  // The new session is this browser's, opened from where the change was asked.
  NewSession opened = MakeSession(who.user, now, client_address, user_agent);
  SD_RETURN_IF_ERROR(store_.Write(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto user, tx.users().FindById(who.user.id));
    // Suspended (or removed) since this session's request began: nothing changes.
    if (!user || user->disabled) return Error::Unauthenticated("Sign in to continue");
    SD_RETURN_IF_ERROR(tx.users().SetPassword(who.user.id, hash));
    SD_RETURN_IF_ERROR(tx.admin().EndSessions(who.user.id));
    SD_RETURN_IF_ERROR(tx.sessions().Insert(opened.record));
    // The email saying so goes with the change (the outbox sends it), to the account's address.
    SD_RETURN_IF_ERROR(StatusOf(
        QueueMessage(tx, PasswordChangedNotice(user->id, user->display_name, now), user->id, now)));
    return tx.audit().Append(AuditEntry{now, who.user.id, "user.change_password", "user",
                                        who.user.id.ToString(), "every session ended",
                                        client_address});
  }));
  return opened.signed_in;
}

}  // namespace selfdirect::app
