#include "app/auth.h"

#include <algorithm>
#include <limits>

#include "app/passwords.h"
#include "base/limits.h"
#include "base/text.h"

namespace selfdirect::app {

namespace {
// A session's last-seen time is written at most this often, so that reading pages does not turn
// every request into a write.
constexpr int64_t kTouchIntervalSeconds = 60;
}  // namespace

Result<bool> SignInThrottle::Admit(CouncilId council, const std::string& email) {
  const Timestamp now = clock_.Now();
  bool admitted = false;
  SD_RETURN_IF_ERROR(store_.Write(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(admitted,
                        tx.sign_in_throttle().CountIfUnder(ThrottleScope::kAccount, email, now,
                                                           limits::kSignInWindowSeconds,
                                                           limits::kSignInFailuresBeforeLock));
    return OkStatus();
  }));
  return admitted;
}

int64_t AddressDelayMsFor(int failures) {
  const int64_t over = failures - limits::kSignInFailuresPerAddressBeforeSlowing + 1;
  if (over <= 0) return 0;
  return std::min(over * limits::kSignInAddressDelayStepMs, limits::kSignInAddressDelayMaxMs);
}

Result<int64_t> SignInThrottle::AddressDelayMs(CouncilId council, const std::string& address) {
  const Timestamp now = clock_.Now();
  int failures = 0;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(failures, tx.sign_in_throttle().Count(ThrottleScope::kAddress, address, now,
                                                              limits::kSignInWindowSeconds));
    return OkStatus();
  }));
  return AddressDelayMsFor(failures);
}

Status SignInThrottle::RecordAddressFailure(Transaction& tx, const std::string& address,
                                            Timestamp now) {
  // An address is never locked, so its count has no limit here.
  return StatusOf(tx.sign_in_throttle().CountIfUnder(ThrottleScope::kAddress, address, now,
                                                     limits::kSignInWindowSeconds,
                                                     std::numeric_limits<int>::max()));
}

Status SignInThrottle::Forget(Transaction& tx, const std::string& email) {
  return tx.sign_in_throttle().Clear(ThrottleScope::kAccount, email);
}

Result<int64_t> SignInThrottle::Prune() {
  const Timestamp now = clock_.Now();
  SD_ASSIGN_OR_RETURN(auto councils, store_.ListCouncils());
  int64_t removed = 0;
  for (const Council& council : councils) {
    SD_RETURN_IF_ERROR(store_.Write(council.id, [&](Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(int64_t n,
                          tx.sign_in_throttle().DeleteEnded(now, limits::kSignInWindowSeconds));
      removed += n;
      return OkStatus();
    }));
  }
  return removed;
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

bool SessionIsOpen(const SessionRecord& session, Timestamp now) {
  return now.seconds() - session.last_seen_at.seconds() <= limits::kSessionIdleSeconds &&
         now < session.expires_at;
}

NewSession MakeSession(const UserRecord& user, Timestamp now, const std::string& client_address,
                       std::string_view user_agent) {
  NewSession s{SignedIn{RandomToken(), RandomToken(), user}, SessionRecord{}};
  s.record = SessionRecord{TokenHash(s.signed_in.token),
                           user.id,
                           s.signed_in.csrf_token,
                           now,
                           now,
                           now.PlusSeconds(limits::kSessionAbsoluteSeconds),
                           now,
                           client_address,
                           KeptUserAgent(user_agent)};
  return s;
}

std::string KeptUserAgent(std::string_view user_agent) {
  std::string kept;
  for (char c : user_agent) {
    if (kept.size() == limits::kMaxUserAgentChars) break;
    if (c >= ' ' && c <= '~') kept += c;
  }
  return kept;
}

Result<SignedIn> AuthService::SignIn(CouncilId council, const std::string& email_input,
                                     const std::string& password, const std::string& client_address,
                                     const std::string& previous_token,
                                     std::string_view user_agent) {
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
  SD_ASSIGN_OR_RETURN(auto check, CheckPassword(council, email, password, "session.sign_in",
                                                "sign in", client_address));
  const std::optional<UserRecord>& user = check.user;
  if (!user || !check.matches || user->disabled) {
    UserId who = user ? user->id : UserId{};
    SD_RETURN_IF_ERROR(store_.Write(council, [&](Transaction& tx) -> Status {
      SD_RETURN_IF_ERROR(SignInThrottle::RecordAddressFailure(tx, client_address, now));
      return audit(tx, who, user && user->disabled ? "refused: account disabled" : "refused");
    }));
    return Error::Unauthenticated("Enter a correct email address and password");
  }

  NewSession opened = MakeSession(*user, now, client_address, user_agent);
  SD_RETURN_IF_ERROR(store_.Write(council, [&](Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(
        tx.sessions().DeleteExpired(now, now.PlusSeconds(-limits::kSessionIdleSeconds)));
    // A session token sent with the sign-in (an earlier session on this browser) ends here.
    if (!previous_token.empty() && previous_token.size() <= 64)
      SD_RETURN_IF_ERROR(tx.sessions().Delete(TokenHash(previous_token)));
    SD_RETURN_IF_ERROR(tx.sessions().Insert(opened.record));
    SD_RETURN_IF_ERROR(SignInThrottle::Forget(tx, email));
    return audit(tx, user->id, "signed in");
  }));
  return opened.signed_in;
}

Result<AuthService::PasswordCheck> AuthService::CheckPassword(
    CouncilId council, const std::string& email, const std::string& password,
    const std::string& action, const std::string& what, const std::string& client_address) {
  SD_ASSIGN_OR_RETURN(bool admitted, throttle_.Admit(council, email));
  if (!admitted) {
    SD_RETURN_IF_ERROR(store_.Write(council, [&](Transaction& tx) {
      return tx.audit().Append(AuditEntry{clock_.Now(), UserId{}, action, "user", "",
                                          "throttled: " + email, client_address});
    }));
    return Error::ResourceExhausted("Too many attempts to " + what +
                                    ". Wait 15 minutes, then try again.");
  }
  PasswordCheck out;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(out.user, tx.users().FindByEmail(email));
    return OkStatus();
  }));
  // Verify against a dummy hash when there is no such user, so both paths take the same time.
  out.matches = VerifyPassword(password, out.user ? out.user->password_hash : DummyPasswordHash());
  return out;
}

int64_t AuthService::SignInDelayMs(CouncilId council, const std::string& client_address) {
  auto delay = throttle_.AddressDelayMs(council, client_address);
  return delay.ok() ? *delay : limits::kSignInAddressDelayMaxMs;
}

Status AuthService::ConfirmPassword(CouncilId council, const Principal& who,
                                    const std::string& password,
                                    const std::string& client_address) {
  if (password.empty())
    return Error::InvalidArgument("Enter your password", {{"password", "Enter your password"}});
  const Error wrong{ErrorCode::kUnauthenticated,
                    "Enter your password correctly",
                    {{"password", "Enter your password correctly"}}};
  if (password.size() > limits::kMaxPasswordBytes) return wrong;
  const std::string& email = who.user.email;
  SD_ASSIGN_OR_RETURN(auto check,
                      CheckPassword(council, email, password, "session.confirm_password",
                                    "confirm your password", client_address));
  const bool ok = check.matches && check.user && check.user->id == who.user.id;
  const Timestamp now = clock_.Now();
  SD_RETURN_IF_ERROR(store_.Write(council, [&](Transaction& tx) -> Status {
    if (ok) {
      SD_RETURN_IF_ERROR(tx.sessions().SetPasswordEntered(who.session.token_hash, now));
      SD_RETURN_IF_ERROR(SignInThrottle::Forget(tx, email));
    } else {
      SD_RETURN_IF_ERROR(SignInThrottle::RecordAddressFailure(tx, client_address, now));
    }
    return tx.audit().Append(AuditEntry{now, who.user.id, "session.confirm_password", "user",
                                        who.user.id.ToString(), ok ? "confirmed" : "refused",
                                        client_address});
  }));
  if (!ok) return wrong;
  return OkStatus();
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
  if (!SessionIsOpen(*session, now) || user->disabled) {
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
