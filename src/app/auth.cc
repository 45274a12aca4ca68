#include "app/auth.h"

#include <algorithm>

#include "app/passwords.h"
#include "base/limits.h"
#include "base/text.h"

namespace selfdirect::app {

namespace {
// A session's last-seen time is written at most this often, so that reading pages does not turn
// every request into a write.
constexpr int64_t kTouchIntervalSeconds = 60;
}  // namespace

bool SignInThrottle::Blocked(const std::unordered_map<std::string, Window>& table,
                             const std::string& key, int limit, int64_t now) const {
  auto it = table.find(key);
  if (it == table.end()) return false;
  if (now - it->second.started_seconds >= limits::kSignInWindowSeconds) return false;
  return it->second.failures >= limit;
}

void SignInThrottle::Bump(std::unordered_map<std::string, Window>& table, const std::string& key,
                          int64_t now) {
  if (table.size() >= limits::kMaxThrottleEntries) {
    // Bound memory: drop windows that have passed; if all are live, start afresh (an attacker
    // filling the table then gains at most one window of attempts per key).
    std::erase_if(table, [&](const auto& kv) {
      return now - kv.second.started_seconds >= limits::kSignInWindowSeconds;
    });
    if (table.size() >= limits::kMaxThrottleEntries) table.clear();
  }
  Window& w = table[key];
  if (now - w.started_seconds >= limits::kSignInWindowSeconds) w = Window{now, 0};
  ++w.failures;
}

bool SignInThrottle::Allowed(const std::string& email) {
  int64_t now = clock_.Now().seconds();
  std::lock_guard lock(mutex_);
  return !Blocked(by_email_, email, limits::kSignInFailuresBeforeLock, now);
}

int64_t SignInThrottle::AddressDelayMs(const std::string& address) {
  int64_t now = clock_.Now().seconds();
  std::lock_guard lock(mutex_);
  auto it = by_address_.find(address);
  if (it == by_address_.end() || now - it->second.started_seconds >= limits::kSignInWindowSeconds)
    return 0;
  const int64_t over = it->second.failures - limits::kSignInFailuresPerAddressBeforeSlowing + 1;
  if (over <= 0) return 0;
  return std::min(over * limits::kSignInAddressDelayStepMs, limits::kSignInAddressDelayMaxMs);
}

void SignInThrottle::RecordFailure(const std::string& email, const std::string& address) {
  int64_t now = clock_.Now().seconds();
  std::lock_guard lock(mutex_);
  Bump(by_email_, email, now);
  Bump(by_address_, address, now);
}

void SignInThrottle::RecordSuccess(const std::string& email) {
  std::lock_guard lock(mutex_);
  by_email_.erase(email);
}

bool PublicFormThrottle::Admit(const std::string& address) {
  const int64_t now = clock_.Now().seconds();
  std::lock_guard lock(mutex_);
  auto passed = [&](const Window& w) {
    return now - w.started_seconds >= limits::kPublicFormWindowSeconds;
  };
  if (by_address_.size() >= limits::kMaxThrottleEntries) {
    std::erase_if(by_address_, [&](const auto& kv) { return passed(kv.second); });
    if (by_address_.size() >= limits::kMaxThrottleEntries) by_address_.clear();
  }
  Window& w = by_address_[address];
  if (passed(w)) w = Window{now, 0};
  if (w.count >= limits::kPublicFormPostsPerAddress) return false;
  ++w.count;
  return true;
}

Result<domain::Actor> AuthService::ActorFor(Transaction& tx, const UserRecord& user) {
  domain::Actor actor{.user_id = user.id,
                      .role = user.role,
                      .team_id = user.team_id,
                      .own_person_id = user.person_id,
                      .represented_people = {}};
  if (user.role == domain::Role::kRepresentative) {
    SD_ASSIGN_OR_RETURN(actor.represented_people, tx.users().RepresentedPeople(user.id));
  }
  return actor;
}

Result<SignedIn> AuthService::SignIn(CouncilId council, const std::string& email_input,
                                     const std::string& password, const std::string& client_address,
                                     const std::string& previous_token) {
  std::string email = AsciiLower(Trim(email_input));
  std::vector<FieldError> fields;
  if (email.empty()) fields.push_back({"email", "Enter your email address"});
  if (password.empty()) fields.push_back({"password", "Enter your password"});
  if (email.size() > limits::kMaxEmailChars || password.size() > limits::kMaxPasswordBytes) {
    fields.push_back({"email", "Enter a correct email address and password"});
  }
  if (!fields.empty()) return Error::InvalidArgument("Enter your email and password", fields);

  const Timestamp now = clock_.Now();
  auto audit = [&](Transaction& tx, UserId who, const std::string& outcome) {
    return tx.audit().Append(AuditEntry{now, who, "session.sign_in", "user",
                                        who.valid() ? who.ToString() : "", outcome,
                                        client_address});
  };
  if (!throttle_.Allowed(email)) {
    SD_RETURN_IF_ERROR(store_.Write(
        council, [&](Transaction& tx) { return audit(tx, UserId{}, "throttled: " + email); }));
    return Error::ResourceExhausted(
        "Too many attempts to sign in. Wait 15 minutes, then try again.");
  }

  std::optional<UserRecord> user;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(user, tx.users().FindByEmail(email));
    return OkStatus();
  }));
  // Verify against a dummy hash when there is no such user, so both paths take the same time.
  const std::string& hash = user ? user->password_hash : DummyPasswordHash();
  bool matches = VerifyPassword(password, hash);
  if (!user || !matches || user->disabled) {
    throttle_.RecordFailure(email, client_address);
    UserId who = user ? user->id : UserId{};
    SD_RETURN_IF_ERROR(store_.Write(council, [&](Transaction& tx) {
      return audit(tx, who, user && user->disabled ? "refused: account disabled" : "refused");
    }));
    return Error::Unauthenticated("Enter a correct email address and password");
  }
  throttle_.RecordSuccess(email);

  SignedIn out{RandomToken(), RandomToken(), *user};
  SessionRecord session{TokenHash(out.token),
                        user->id,
                        out.csrf_token,
                        now,
                        now,
                        now.PlusSeconds(limits::kSessionAbsoluteSeconds)};
  SD_RETURN_IF_ERROR(store_.Write(council, [&](Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(
        tx.sessions().DeleteExpired(now, now.PlusSeconds(-limits::kSessionIdleSeconds)));
    // A session token sent with the sign-in (an earlier session on this browser) ends here.
    if (!previous_token.empty() && previous_token.size() <= 64)
      SD_RETURN_IF_ERROR(tx.sessions().Delete(TokenHash(previous_token)));
    SD_RETURN_IF_ERROR(tx.sessions().Insert(session));
    return audit(tx, user->id, "signed in");
  }));
  return out;
}

Result<Principal> AuthService::ResolveSession(CouncilId council, const std::string& token,
                                              SessionProblem* problem) {
  if (problem) *problem = SessionProblem::kUnknown;
  if (token.empty() || token.size() > 64) return Error::Unauthenticated("Sign in to continue");
  const Timestamp now = clock_.Now();
  const std::string hash = TokenHash(token);
  std::optional<SessionRecord> session;
  std::optional<UserRecord> user;
  domain::Actor actor;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(session, tx.sessions().Find(hash));
    if (!session) return OkStatus();
    SD_ASSIGN_OR_RETURN(user, tx.users().FindById(session->user_id));
    if (user) {
      SD_ASSIGN_OR_RETURN(actor, ActorFor(tx, *user));
    }
    return OkStatus();
  }));
  if (!session || !user) return Error::Unauthenticated("Sign in to continue");
  bool idle = now.seconds() - session->last_seen_at.seconds() > limits::kSessionIdleSeconds;
  bool past_end = now >= session->expires_at;
  if (idle || past_end || user->disabled) {
    if (problem) *problem = SessionProblem::kExpired;
    SD_RETURN_IF_ERROR(
        store_.Write(council, [&](Transaction& tx) { return tx.sessions().Delete(hash); }));
    return Error::Unauthenticated("Your session has ended. Sign in again to continue.");
  }
  if (now.seconds() - session->last_seen_at.seconds() >= kTouchIntervalSeconds) {
    SD_RETURN_IF_ERROR(
        store_.Write(council, [&](Transaction& tx) { return tx.sessions().Touch(hash, now); }));
    session->last_seen_at = now;
  }
  if (problem) *problem = SessionProblem::kNone;
  return Principal{std::move(*user), std::move(actor), std::move(*session)};
}

Status AuthService::SignOut(CouncilId council, const std::string& token,
                            const std::string& client_address) {
  const std::string hash = TokenHash(token);
  const Timestamp now = clock_.Now();
  return store_.Write(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto session, tx.sessions().Find(hash));
    if (!session) return OkStatus();
    SD_RETURN_IF_ERROR(tx.sessions().Delete(hash));
    return tx.audit().Append(AuditEntry{now, session->user_id, "session.sign_out", "user",
                                        session->user_id.ToString(), "", client_address});
  });
}

}  // namespace selfdirect::app
