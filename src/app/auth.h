// File: auth.h
// Signing in and out, and turning a session cookie into a Principal (who is calling, in what
// role, with which relationships). Sessions are server-side rows; the cookie holds a random
// token whose hash is the row's key.
//
// Thread-safety: AuthService and SignInThrottle are safe to call from many threads.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "app/repositories.h"
#include "base/clock.h"
#include "domain/accounts/access_policy.h"

namespace selfdirect::app {

// Counts failed sign-ins per account and per client address within a window (limits.h), in the
// database (SignInThrottleRepository), so that every `selfdirect serve` process behind a load
// balancer sees the same counts: an account is locked after its 5th failure however the attempts
// were spread. An account with too many failures is locked until the window passes. An address
// with too many is slowed down, never locked: many people may share one address (a council's
// network, a proxy), and a correct password must never be refused because of other accounts'
// failures. Counts whose window has passed are removed by `Prune` (the periodic job of
// `selfdirect serve`, cli/outbox.h). Sign-in and password confirmation both use it.
class SignInThrottle {
 public:
  SignInThrottle(Store& store, const Clock& clock) : store_(store), clock_(clock) {}
  // Counts an attempt on `email`'s account before its password is checked; false (nothing
  // counted) when the account already has the limit of attempts in its window. A correct
  // password then calls Forget, so what stays counted are failures. Counting before checking, in
  // one conditional statement, keeps the limit when attempts arrive at once on many processes.
  Result<bool> Admit(CouncilId council, const std::string& email);
  // How long to hold the answer to a sign-in attempt from `address`: 0 until its failures reach
  // the limit, then longer with each failure, up to limits::kSignInAddressDelayMaxMs.
  Result<int64_t> AddressDelayMs(CouncilId council, const std::string& address);
  // Counts a failure from `address`, in the caller's transaction (with the refusal's audit).
  static Status RecordAddressFailure(Transaction& tx, const std::string& address, Timestamp now);
  // Forgets the account's attempts (its password was right), in the caller's transaction.
  static Status Forget(Transaction& tx, const std::string& email);
  // Removes, in every council, the counts whose window has passed; how many.
  Result<int64_t> Prune();

 private:
  Store& store_;
  const Clock& clock_;
};

// The delay for an address with `failures` in its window (SignInThrottle::AddressDelayMs).
int64_t AddressDelayMsFor(int failures);

// Counts the unsafe requests (POST and the like) each client address sends to the routes anyone
// may call without signing in (the survey answer form, setting a password from an invitation,
// the charge calculator, the public cost APIs), within a fixed window (limits.h). Over the limit
// the address is refused (429) until the window passes. Sign-in and "ask for help" keep their
// own throttles (SignInThrottle, ContactThrottle) and are not counted here. Kept in memory (per
// process: behind a load balancer of n processes an address may send up to n times the limit).
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

// A new session for `user` opened at `now`: the tokens for the browser, and the row to insert
// (which keeps only the token's hash). Sign-in and a password change open sessions this way.
struct NewSession {
  SignedIn signed_in;
  SessionRecord record;
};
// The session keeps where it was opened: `client_address` and `user_agent` (the browser's
// User-Agent header, cut by KeptUserAgent).
NewSession MakeSession(const UserRecord& user, Timestamp now, const std::string& client_address,
                       std::string_view user_agent);
// The printable ASCII of `user_agent` (browsers send nothing else; other bytes, which need not be
// UTF-8 and which PostgreSQL would refuse, are left out), at most limits::kMaxUserAgentChars.
std::string KeptUserAgent(std::string_view user_agent);

// Whether `session` is still open at `now`: used within limits::kSessionIdleSeconds and not past
// its absolute end. The one rule for ResolveSession and the list of one's sessions.
bool SessionIsOpen(const SessionRecord& session, Timestamp now);

// Why a session could not be used, so that pages can say "you were signed out" rather than
// "sign in" when a session has ended.
enum class SessionProblem { kNone, kUnknown, kExpired };

class AuthService {
 public:
  AuthService(Store& store, const Clock& clock, SignInThrottle& throttle)
      : store_(store), clock_(clock), throttle_(throttle) {}

  // Checks the password (slow: ~75 ms, run it off I/O threads) and opens a session with a new
  // token. The session of `previous_token` (the caller's session cookie before signing in, if
  // any) ends with a successful sign-in, so no token issued before it stays valid after it. The
  // session keeps `client_address` and `user_agent` (MakeSession).
  // Errors: kInvalidArgument with a field error when email or password is blank;
  // kUnauthenticated for a wrong email or password (one message for both);
  // kResourceExhausted when the throttle refuses the attempt. Every attempt is audited.
  Result<SignedIn> SignIn(CouncilId council, const std::string& email, const std::string& password,
                          const std::string& client_address, const std::string& previous_token = "",
                          std::string_view user_agent = "");

  // Returns the principal for a session token, sliding its idle expiry. kUnauthenticated when the
  // token is unknown or the session has ended; `problem` (if given) says which.
  Result<Principal> ResolveSession(CouncilId council, const std::string& token,
                                   SessionProblem* problem = nullptr);

  // How long the answer to a sign-in attempt from this address should be held back (see
  // SignInThrottle::AddressDelayMs); the web layer waits on a timer, holding no thread. When the
  // count cannot be read, the longest delay.
  int64_t SignInDelayMs(CouncilId council, const std::string& client_address);

  // Re-authentication (domain/accounts/reauthentication.h): checks the signed-in user's password
  // again, throttled like sign-in (the same counts per account and per address), and on success
  // records on the session that the password was entered now. Audited as
  // "session.confirm_password", confirmed or refused. Errors: kInvalidArgument with a field error
  // when blank; kUnauthenticated with a field error for a wrong password; kResourceExhausted when
  // the throttle refuses the attempt.
  Status ConfirmPassword(CouncilId council, const Principal& who, const std::string& password,
                         const std::string& client_address);

  // Ends the session (no error if it had already ended).
  Status SignOut(CouncilId council, const std::string& token, const std::string& client_address);

  // Builds the Actor for a user (loads represented people).
  static Result<domain::Actor> ActorFor(Transaction& tx, const UserRecord& user);

 private:
  // The password check of SignIn and ConfirmPassword behind the throttle: kResourceExhausted
  // ("Too many attempts to <what>", audited as `action` "throttled: <email>") when the account
  // is locked, else the account of `email` and whether the password matches it.
  struct PasswordCheck {
    std::optional<UserRecord> user;  // The account of the email, if there is one.
    bool matches = false;
  };
  Result<PasswordCheck> CheckPassword(CouncilId council, const std::string& email,
                                      const std::string& password, const std::string& action,
                                      const std::string& what, const std::string& client_address);

  Store& store_;
  const Clock& clock_;
  SignInThrottle& throttle_;
};

}  // namespace selfdirect::app
