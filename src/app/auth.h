// File: auth.h
// Signing in and out, and turning a session cookie into a Principal (who is calling, in what
// role, with which relationships). Sessions are server-side rows; the cookie holds a random
// token whose hash is the row's key.
//
// Thread-safety: AuthService and SignInThrottle are safe to call from many threads.
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>

#include "app/repositories.h"
#include "base/clock.h"
#include "domain/accounts/access_policy.h"

namespace selfdirect::app {

// Counts failed sign-ins per account and per client address within a sliding window (limits.h).
// An account with too many failures is locked until the window passes. An address with too many
// is slowed down, never locked: many people may share one address (a council's network, a
// proxy), and a correct password must never be refused because of other accounts' failures. Kept in
// memory: a restart forgets the counts, which only helps an attacker after a restart, and keeps
// the hot path free of writes.
class SignInThrottle {
 public:
  explicit SignInThrottle(const Clock& clock) : clock_(clock) {}
  // True when this account may try now (its own failures are under the limit).
  bool Allowed(const std::string& email);
  // How long to hold the answer to a sign-in attempt from `address`: 0 until its failures reach
  // the limit, then longer with each failure, up to limits::kSignInAddressDelayMaxMs.
  int64_t AddressDelayMs(const std::string& address);
  void RecordFailure(const std::string& email, const std::string& address);
  void RecordSuccess(const std::string& email);

 private:
  struct Window {
    int64_t started_seconds = 0;
    int failures = 0;
  };
  bool Blocked(const std::unordered_map<std::string, Window>& table, const std::string& key,
               int limit, int64_t now) const;
  void Bump(std::unordered_map<std::string, Window>& table, const std::string& key, int64_t now);

  const Clock& clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> by_email_;    // Guarded by mutex_.
  std::unordered_map<std::string, Window> by_address_;  // Guarded by mutex_.
};

// Counts the unsafe requests (POST and the like) each client address sends to the routes anyone
// may call without signing in (the survey answer form, setting a password from an invitation,
// the charge calculator, the public cost APIs), within a fixed window (limits.h). Over the limit
// the address is refused (429) until the window passes. Sign-in and "ask for help" keep their
// own throttles (SignInThrottle, ContactThrottle) and are not counted here. Kept in memory like
// the others.
class PublicFormThrottle {
 public:
  explicit PublicFormThrottle(const Clock& clock) : clock_(clock) {}
  // Counts one request from `address`; false (not counted) when the address is over the limit.
  bool Admit(const std::string& address);

 private:
  struct Window {
    int64_t started_seconds = 0;
    int count = 0;
  };
  const Clock& clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> by_address_;  // Guarded by mutex_.
};

struct Principal {
  UserRecord user;
  domain::Actor actor;
  SessionRecord session;
};

struct SignedIn {
  std::string token;  // Goes in the session cookie; never stored.
  std::string csrf_token;
  UserRecord user;
};

// Why a session could not be used, so that pages can say "you were signed out" rather than
// "sign in" when a session has ended.
enum class SessionProblem { kNone, kUnknown, kExpired };

class AuthService {
 public:
  AuthService(Store& store, const Clock& clock, SignInThrottle& throttle)
      : store_(store), clock_(clock), throttle_(throttle) {}

  // Checks the password (slow: ~75 ms, run it off I/O threads) and opens a session with a new
  // token. The session of `previous_token` (the caller's session cookie before signing in, if
  // any) ends with a successful sign-in, so no token issued before it stays valid after it.
  // Errors: kInvalidArgument with a field error when email or password is blank;
  // kUnauthenticated for a wrong email or password (one message for both);
  // kResourceExhausted when the throttle refuses the attempt. Every attempt is audited.
  Result<SignedIn> SignIn(CouncilId council, const std::string& email, const std::string& password,
                          const std::string& client_address,
                          const std::string& previous_token = "");

  // Returns the principal for a session token, sliding its idle expiry. kUnauthenticated when the
  // token is unknown or the session has ended; `problem` (if given) says which.
  Result<Principal> ResolveSession(CouncilId council, const std::string& token,
                                   SessionProblem* problem = nullptr);

  // How long the answer to a sign-in attempt from this address should be held back (see
  // SignInThrottle::AddressDelayMs); the web layer waits on a timer, holding no thread.
  int64_t SignInDelayMs(const std::string& client_address) {
    return throttle_.AddressDelayMs(client_address);
  }

  // Ends the session (no error if it had already ended).
  Status SignOut(CouncilId council, const std::string& token, const std::string& client_address);

  // Builds the Actor for a user (loads represented people).
  static Result<domain::Actor> ActorFor(Transaction& tx, const UserRecord& user);

 private:
  Store& store_;
  const Clock& clock_;
  SignInThrottle& throttle_;
};

}  // namespace selfdirect::app
