#include "app/auth.h"

#include <gtest/gtest.h>

#include "app/test_store.h"
#include "base/limits.h"
#include "base/text.h"
#include "domain/directory/directory.h"

namespace selfdirect::app {
namespace {

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto hash = HashPassword("correct horse battery");
    ASSERT_TRUE(hash.ok());
    ASSERT_TRUE(db_.store()
                    .Write(db_.council(),
                           [&](Transaction& tx) -> Status {
                             UserRecord u{UserId{}, "worker@example.org",
                                          "Worker", domain::Role::kPractitioner,
                                          TeamId{}, PersonId{},
                                          *hash,    false};
                             SD_ASSIGN_OR_RETURN(user_, tx.users().Insert(u, clock_.Now()));
                             return OkStatus();
                           })
                    .ok());
  }

  int AuditCount(const std::string& action) {
    int n = 0;
    EXPECT_TRUE(db_.store()
                    .Read(db_.council(),
                          [&](Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(auto entries, tx.audit().Recent(1000, "", ""));
                            for (const auto& e : entries) n += e.action == action;
                            return OkStatus();
                          })
                    .ok());
    return n;
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-11-22T09:00:00Z")};
  SignInThrottle throttle_{db_.store(), clock_};
  AuthService auth_{db_.store(), clock_, throttle_};
  UserId user_;
};

TEST_F(AuthTest, SignsInWithTheRightPasswordAndResolvesTheSession) {
  auto in = auth_.SignIn(db_.council(), " Worker@Example.org ", "correct horse battery", "1.2.3.4");
  ASSERT_TRUE(in.ok()) << in.error().message;
  EXPECT_EQ(in->user.id, user_);
  EXPECT_EQ(in->token.size(), 43u);
  auto who = auth_.ResolveSession(db_.council(), in->token);
  ASSERT_TRUE(who.ok());
  EXPECT_EQ(who->user.id, user_);
  EXPECT_EQ(who->actor.role, domain::Role::kPractitioner);
  EXPECT_EQ(who->session.csrf_token, in->csrf_token);
  EXPECT_EQ(AuditCount("session.sign_in"), 1);
}

TEST_F(AuthTest, WrongPasswordAndUnknownEmailGiveTheSameAnswer) {
  auto wrong = auth_.SignIn(db_.council(), "worker@example.org", "nope nope nope", "1.2.3.4");
  auto unknown = auth_.SignIn(db_.council(), "nobody@example.org", "nope nope nope", "1.2.3.4");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  EXPECT_EQ(AuditCount("session.sign_in"), 2);
}

TEST_F(AuthTest, BlankFieldsAreFieldErrors) {
  auto r = auth_.SignIn(db_.council(), "", "", "1.2.3.4");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().fields.size(), 2u);
}

TEST_F(AuthTest, ThrottlesAfterRepeatedFailuresThenRecovers) {
  for (int i = 0; i < limits::kSignInFailuresBeforeLock; ++i) {
    EXPECT_EQ(auth_.SignIn(db_.council(), "worker@example.org", "bad", "1.2.3.4").error().code,
              ErrorCode::kUnauthenticated);
  }
  auto locked =
      auth_.SignIn(db_.council(), "worker@example.org", "correct horse battery", "1.2.3.4");
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, ErrorCode::kResourceExhausted);
  clock_.AdvanceSeconds(limits::kSignInWindowSeconds);
  EXPECT_TRUE(
      auth_.SignIn(db_.council(), "worker@example.org", "correct horse battery", "1.2.3.4").ok());
}

TEST_F(AuthTest, OtherAccountsFailuresSlowAnAddressButNeverRefuseACorrectPassword) {
  // Behind a shared proxy everyone has one address: many people mistyping (or one attacker
  // trying many accounts) must not lock everyone else out.
  const std::string shared = "10.0.0.5";
  EXPECT_EQ(auth_.SignInDelayMs(db_.council(), shared), 0);
  for (int i = 0; i < limits::kSignInFailuresPerAddressBeforeSlowing + 30; ++i) {
    auto r =
        auth_.SignIn(db_.council(), "someone" + std::to_string(i) + "@example.org", "bad", shared);
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
  }
  auto in = auth_.SignIn(db_.council(), "worker@example.org", "correct horse battery", shared);
  ASSERT_TRUE(in.ok()) << in.error().message;
  // The address is slowed down instead, up to the limit, and not other addresses.
  EXPECT_EQ(auth_.SignInDelayMs(db_.council(), shared), limits::kSignInAddressDelayMaxMs);
  EXPECT_EQ(auth_.SignInDelayMs(db_.council(), "10.0.0.6"), 0);
  clock_.AdvanceSeconds(limits::kSignInWindowSeconds);
  EXPECT_EQ(auth_.SignInDelayMs(db_.council(), shared), 0);
}

TEST(SignInThrottle, TheDelayGrowsWithEachFailureOverTheLimit) {
  const int limit = limits::kSignInFailuresPerAddressBeforeSlowing;
  EXPECT_EQ(AddressDelayMsFor(0), 0);
  EXPECT_EQ(AddressDelayMsFor(limit - 1), 0);
  EXPECT_EQ(AddressDelayMsFor(limit), limits::kSignInAddressDelayStepMs);
  EXPECT_EQ(AddressDelayMsFor(limit + 1), 2 * limits::kSignInAddressDelayStepMs);
  EXPECT_EQ(AddressDelayMsFor(limit + 1000), limits::kSignInAddressDelayMaxMs);
}

// Two server processes share the database, not their memory: each has its own throttle and
// AuthService. Failures alternating between them lock the account after 5 in all.
TEST_F(AuthTest, TwoProcessesShareTheCountsSoTheAccountLocksAfterFiveInAll) {
  SignInThrottle other_throttle{db_.store(), clock_};
  AuthService other{db_.store(), clock_, other_throttle};
  for (int i = 0; i < limits::kSignInFailuresBeforeLock; ++i) {
    AuthService& process = i % 2 == 0 ? auth_ : other;
    EXPECT_EQ(process.SignIn(db_.council(), "worker@example.org", "bad", "1.2.3.4").error().code,
              ErrorCode::kUnauthenticated)
        << i;
  }
  for (AuthService* process : {&auth_, &other}) {
    auto locked =
        process->SignIn(db_.council(), "worker@example.org", "correct horse battery", "1.2.3.4");
    ASSERT_FALSE(locked.ok());
    EXPECT_EQ(locked.error().code, ErrorCode::kResourceExhausted);
  }
  EXPECT_EQ(AuditCount("session.sign_in"), limits::kSignInFailuresBeforeLock + 2);
  // Expired counts are pruned; a correct password afterwards signs in and clears the count.
  clock_.AdvanceSeconds(limits::kSignInWindowSeconds);
  auto pruned = throttle_.Prune();
  ASSERT_TRUE(pruned.ok());
  EXPECT_EQ(*pruned, 2);  // The account's count and the address's.
  EXPECT_TRUE(
      other.SignIn(db_.council(), "worker@example.org", "correct horse battery", "1.2.3.4").ok());
}

TEST_F(AuthTest, ConfirmingThePasswordRecordsItOnTheSessionAndIsThrottled) {
  auto in = *auth_.SignIn(db_.council(), "worker@example.org", "correct horse battery", "1.2.3.4");
  clock_.AdvanceSeconds(20 * 60);
  auto who = *auth_.ResolveSession(db_.council(), in.token);
  EXPECT_EQ(who.session.password_entered_at, clock_.Now().PlusSeconds(-20 * 60));
  EXPECT_EQ(auth_.ConfirmPassword(db_.council(), who, "", "1.2.3.4").error().code,
            ErrorCode::kInvalidArgument);
  Status wrong = auth_.ConfirmPassword(db_.council(), who, "not it", "1.2.3.4");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.error().fields.at(0).field, "password");
  ASSERT_TRUE(auth_.ConfirmPassword(db_.council(), who, "correct horse battery", "1.2.3.4").ok());
  EXPECT_EQ(auth_.ResolveSession(db_.council(), in.token)->session.password_entered_at,
            clock_.Now());
  EXPECT_EQ(AuditCount("session.confirm_password"), 2);  // Refused, then confirmed.
  // Wrong passwords count against the account like failed sign-ins.
  for (int i = 0; i < limits::kSignInFailuresBeforeLock; ++i)
    EXPECT_FALSE(auth_.ConfirmPassword(db_.council(), who, "not it", "1.2.3.4").ok());
  EXPECT_EQ(
      auth_.ConfirmPassword(db_.council(), who, "correct horse battery", "1.2.3.4").error().code,
      ErrorCode::kResourceExhausted);
  EXPECT_EQ(auth_.SignIn(db_.council(), "worker@example.org", "correct horse battery", "1.2.3.4")
                .error()
                .code,
            ErrorCode::kResourceExhausted);
}

TEST_F(AuthTest, SessionsEndAfterIdleTimeAndOnSignOut) {
  auto in = *auth_.SignIn(db_.council(), "worker@example.org", "correct horse battery", "1.2.3.4");
  clock_.AdvanceSeconds(limits::kSessionIdleSeconds - 10);
  EXPECT_TRUE(auth_.ResolveSession(db_.council(), in.token).ok());  // Slides the idle window.
  clock_.AdvanceSeconds(limits::kSessionIdleSeconds - 10);
  EXPECT_TRUE(auth_.ResolveSession(db_.council(), in.token).ok());
  clock_.AdvanceSeconds(limits::kSessionIdleSeconds + 1);
  SessionProblem problem = SessionProblem::kNone;
  auto ended = auth_.ResolveSession(db_.council(), in.token, &problem);
  ASSERT_FALSE(ended.ok());
  EXPECT_EQ(ended.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(problem, SessionProblem::kExpired);

  auto again =
      *auth_.SignIn(db_.council(), "worker@example.org", "correct horse battery", "1.2.3.4");
  ASSERT_TRUE(auth_.SignOut(db_.council(), again.token, "1.2.3.4").ok());
  EXPECT_FALSE(auth_.ResolveSession(db_.council(), again.token, &problem).ok());
  EXPECT_EQ(problem, SessionProblem::kUnknown);
}

TEST_F(AuthTest, SessionsEndAtTheAbsoluteLimitHoweverActive) {
  auto in = *auth_.SignIn(db_.council(), "worker@example.org", "correct horse battery", "1.2.3.4");
  // Used every 20 minutes (inside the idle limit) for just under the absolute limit: still valid.
  const int step = 20 * 60;
  for (int elapsed = step; elapsed < limits::kSessionAbsoluteSeconds; elapsed += step) {
    clock_.AdvanceSeconds(step);
    ASSERT_TRUE(auth_.ResolveSession(db_.council(), in.token).ok()) << elapsed;
  }
  clock_.AdvanceSeconds(step);  // Now past the absolute limit, though used 20 minutes ago.
  SessionProblem problem = SessionProblem::kNone;
  EXPECT_FALSE(auth_.ResolveSession(db_.council(), in.token, &problem).ok());
  EXPECT_EQ(problem, SessionProblem::kExpired);
}

TEST_F(AuthTest, SigningInGivesANewTokenAndEndsTheSessionSentWithIt) {
  auto first =
      *auth_.SignIn(db_.council(), "worker@example.org", "correct horse battery", "1.2.3.4");
  auto second = *auth_.SignIn(db_.council(), "worker@example.org", "correct horse battery",
                              "1.2.3.4", first.token);
  EXPECT_NE(second.token, first.token);
  EXPECT_NE(second.csrf_token, first.csrf_token);
  EXPECT_FALSE(auth_.ResolveSession(db_.council(), first.token).ok());
  EXPECT_TRUE(auth_.ResolveSession(db_.council(), second.token).ok());
  // A failed sign-in ends nothing.
  EXPECT_FALSE(
      auth_.SignIn(db_.council(), "worker@example.org", "wrong", "1.2.3.4", second.token).ok());
  EXPECT_TRUE(auth_.ResolveSession(db_.council(), second.token).ok());
  // Without a previous token, other sessions (another browser) are left alone.
  auto third =
      *auth_.SignIn(db_.council(), "worker@example.org", "correct horse battery", "5.6.7.8");
  EXPECT_TRUE(auth_.ResolveSession(db_.council(), second.token).ok());
  EXPECT_TRUE(auth_.ResolveSession(db_.council(), third.token).ok());
}

TEST(PublicFormThrottle, RefusesAnAddressOverTheLimitUntilTheWindowPasses) {
  FakeClock clock{*Timestamp::Parse("2026-11-22T09:00:00Z")};
  PublicFormThrottle throttle{clock};
  for (int i = 0; i < limits::kPublicFormPostsPerAddress; ++i)
    EXPECT_TRUE(throttle.Admit("1.2.3.4"));
  EXPECT_FALSE(throttle.Admit("1.2.3.4"));
  EXPECT_TRUE(throttle.Admit("5.6.7.8"));  // Another address is counted on its own.
  clock.AdvanceSeconds(limits::kPublicFormWindowSeconds - 1);
  EXPECT_FALSE(throttle.Admit("1.2.3.4"));
  clock.AdvanceSeconds(1);
  EXPECT_TRUE(throttle.Admit("1.2.3.4"));
}

TEST_F(AuthTest, ASessionBelongsToItsCouncilOnly) {
  auto in = *auth_.SignIn(db_.council(), "worker@example.org", "correct horse battery", "1.2.3.4");
  EXPECT_FALSE(auth_.ResolveSession(db_.other_council(), in.token).ok());
  EXPECT_FALSE(
      auth_.SignIn(db_.other_council(), "worker@example.org", "correct horse battery", "1.2.3.4")
          .ok());
}

TEST(Passwords, HashesVerifyAndTokensAreRandom) {
  auto h = HashPassword("a long passphrase");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword("a long passphrase", *h));
  EXPECT_FALSE(VerifyPassword("a long passphrasE", *h));
  EXPECT_FALSE(VerifyPassword("x", "not a hash"));
  EXPECT_NE(RandomToken(), RandomToken());
  EXPECT_EQ(TokenHash("abc"), TokenHash("abc"));
  EXPECT_EQ(TokenHash("abc").size(), 64u);
  EXPECT_TRUE(SecureEquals("abc", "abc"));
  EXPECT_FALSE(SecureEquals("abc", "abd"));
  EXPECT_FALSE(SecureEquals("abc", "ab"));
  EXPECT_EQ(RandomDemoPassword().size(), 19u);
}

TEST(Passwords, RandomUuidsAreVersionFourAndDiffer) {
  const std::string a = RandomUuid();
  EXPECT_TRUE(domain::IsUuid(a)) << a;
  EXPECT_EQ(a[14], '4');
  EXPECT_NE(std::string("89ab").find(a[19]), std::string::npos) << a;
  EXPECT_EQ(a, AsciiLower(a));
  EXPECT_NE(a, RandomUuid());
}

}  // namespace
}  // namespace selfdirect::app
