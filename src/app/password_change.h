// File: password_change.h
// A signed-in person changes their own password (OWASP ASVS 4.0.3 2.1.5, 2.1.6 and 3.3.3;
// docs/security.md): they give the current password and the new one twice. The current password
// is checked as re-authentication checks it (AuthService::ConfirmPassword: counted by the sign-in
// throttle, audited); the new one must pass the password policy (password_policy.h). Then, in one
// transaction, the account gets the new password, every one of its sessions ends (on every
// device, this one too) and this browser gets a new session with a new token, so that no token
// issued before the change still works after it. An email saying the password was changed is
// queued in the same transaction (notices.h: PasswordChangedNotice; the outbox sends it).
//
// Thread-safety: safe to call from many threads.
#pragma once

#include <string>

#include "app/auth.h"

namespace selfdirect::app {

struct PasswordChangeInput {
  std::string current;   // The password now.
  std::string password;  // The new one.
  std::string confirm;   // The new one again.
};

class PasswordChangeService {
 public:
  PasswordChangeService(Store& store, const Clock& clock, AuthService& auth)
      : store_(store), clock_(clock), auth_(auth) {}

  // Changes `who`'s password and returns the new session for this browser (its token goes in
  // the session cookie). Audited as "user.change_password" with the number of sessions ended.
  // Errors: kInvalidArgument with field errors ("current", "password", "confirm") for a blank
  // field, a new password the policy refuses, one the same as the current, or a confirmation
  // that differs; kUnauthenticated with a field error on "current" for a wrong current password;
  // kResourceExhausted when the sign-in throttle refuses the attempt. Nothing changes on error.
  // The new session keeps `client_address` and `user_agent`, the request's (MakeSession).
  Result<SignedIn> Change(CouncilId council, const Principal& who, const PasswordChangeInput& in,
                          const std::string& client_address, std::string_view user_agent = "");

 private:
  Store& store_;
  const Clock& clock_;
  AuthService& auth_;
};

}  // namespace selfdirect::app
