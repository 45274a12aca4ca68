#include "app/password_change.h"

#include <gtest/gtest.h>

#include <vector>

#include "app/test_store.h"
#include "base/limits.h"

namespace selfdirect::app {
namespace {

constexpr const char* kOld = "correct horse battery";
constexpr const char* kNew = "purple kettle marathon";

class PasswordChangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto hash = HashPassword(kOld);
    ASSERT_TRUE(hash.ok());
    ASSERT_TRUE(db_.store()
                    .Write(db_.council(),
                           [&](Transaction& tx) -> Status {
                             UserRecord u{UserId{}, "worker@example.org",
                                          "Worker", domain::Role::kPractitioner,
                                          TeamId{}, PersonId{},
                                          *hash,    false};
                             return StatusOf(tx.users().Insert(u, clock_.Now()));
                           })
                    .ok());
  }

  SignedIn SignIn(const std::string& password) {
    auto in = auth_.SignIn(db_.council(), "worker@example.org", password, "1.2.3.4");
    EXPECT_TRUE(in.ok()) << in.error().message;
    return in.ok() ? *in : SignedIn{};
  }
  Principal Who(const SignedIn& in) { return *auth_.ResolveSession(db_.council(), in.token); }
  Result<SignedIn> Change(const SignedIn& in, const PasswordChangeInput& input) {
    return changes_.Change(db_.council(), Who(in), input, "1.2.3.4");
  }
  int AuditCount(const std::string& action, const std::string& detail) {
    int n = 0;
    EXPECT_TRUE(db_.store()
                    .Read(db_.council(),
                          [&](Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(auto entries, tx.audit().Recent(1000, "", ""));
                            for (const auto& e : entries)
                              n += e.action == action && e.detail == detail;
                            return OkStatus();
                          })
                    .ok());
    return n;
  }
  // The emails waiting to be sent.
  std::vector<DueEmail> Emails() {
    auto due = db_.DueEmails(clock_.Now());
    EXPECT_TRUE(due.ok());
    return due.ok() ? *due : std::vector<DueEmail>{};
  }
  bool SignsIn(const std::string& password) {
    return auth_.SignIn(db_.council(), "worker@example.org", password, "1.2.3.4").ok();
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-12-07T09:00:00Z")};
  SignInThrottle throttle_{db_.store(), clock_};
  AuthService auth_{db_.store(), clock_, throttle_};
  PasswordChangeService changes_{db_.store(), clock_, auth_};
};

std::string FieldOf(const Result<SignedIn>& r) {
  return r.ok() || r.error().fields.empty() ? "" : r.error().fields.at(0).field;
}

TEST_F(PasswordChangeTest, RefusesBlanksAPolicyFailureTheSamePasswordAndAMismatch) {
  SignedIn in = SignIn(kOld);
  auto blank = Change(in, {"", "", ""});
  ASSERT_FALSE(blank.ok());
  EXPECT_EQ(blank.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(blank.error().fields.size(), 2u);
  EXPECT_EQ(blank.error().fields[0].field, "current");
  EXPECT_EQ(blank.error().fields[1].field, "password");
  EXPECT_EQ(FieldOf(Change(in, {kOld, "short", "short"})), "password");
  EXPECT_EQ(FieldOf(Change(in, {kOld, "password123", "password123"})), "password");  // Common.
  EXPECT_EQ(FieldOf(Change(in, {kOld, kOld, kOld})), "password");
  auto mismatch = Change(in, {kOld, kNew, "purple kettle marathons"});
  EXPECT_EQ(FieldOf(mismatch), "confirm");
  // None of them checked the current password or changed anything.
  EXPECT_EQ(AuditCount("session.confirm_password", "refused"), 0);
  EXPECT_EQ(AuditCount("session.confirm_password", "confirmed"), 0);
  EXPECT_TRUE(auth_.ResolveSession(db_.council(), in.token).ok());
  EXPECT_TRUE(SignsIn(kOld));
  EXPECT_FALSE(SignsIn(kNew));
}

TEST_F(PasswordChangeTest, AWrongCurrentPasswordIsRefusedOnItsFieldAndCountedLikeASignIn) {
  SignedIn in = SignIn(kOld);
  auto wrong = Change(in, {"not it", kNew, kNew});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  ASSERT_EQ(wrong.error().fields.size(), 1u);
  EXPECT_EQ(wrong.error().fields[0].field, "current");
  EXPECT_EQ(wrong.error().fields[0].message, "Enter your current password correctly");
  EXPECT_EQ(AuditCount("session.confirm_password", "refused"), 1);
  for (int i = 1; i < limits::kSignInFailuresBeforeLock; ++i)
    EXPECT_FALSE(Change(in, {"not it", kNew, kNew}).ok());
  auto locked = Change(in, {kOld, kNew, kNew});  // Right, but the account is locked for now.
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(AuditCount("user.change_password", "every session ended"), 0);
  clock_.AdvanceSeconds(limits::kSignInWindowSeconds + 1);
  EXPECT_TRUE(SignsIn(kOld));
}

TEST_F(PasswordChangeTest, ChangesThePasswordEndsEverySessionAndOpensANewOneHere) {
  SignedIn here = SignIn(kOld);
  SignedIn elsewhere = SignIn(kOld);
  clock_.AdvanceSeconds(60);
  auto changed = Change(here, {kOld, kNew, kNew});
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_NE(changed->token, here.token);
  EXPECT_NE(changed->csrf_token, here.csrf_token);
  EXPECT_FALSE(auth_.ResolveSession(db_.council(), here.token).ok());
  EXPECT_FALSE(auth_.ResolveSession(db_.council(), elsewhere.token).ok());
  auto now = auth_.ResolveSession(db_.council(), changed->token);
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->user.email, "worker@example.org");
  EXPECT_EQ(now->session.password_entered_at, clock_.Now());
  EXPECT_EQ(now->session.expires_at, clock_.Now().PlusSeconds(limits::kSessionAbsoluteSeconds));
  EXPECT_EQ(AuditCount("user.change_password", "every session ended"), 1);
  EXPECT_FALSE(SignsIn(kOld));
  EXPECT_TRUE(SignsIn(kNew));
  // One email to the account says so (ASVS 2.2.3), with the date and what to do if it was not them.
  auto emails = Emails();
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_EQ(emails[0].delivery.address, "worker@example.org");
  EXPECT_EQ(emails[0].message.kind, domain::MessageKind::kSignIn);
  EXPECT_EQ(emails[0].message.subject, "Your password has been changed");
  EXPECT_NE(emails[0].message.body.find("changed on 7 December 2026"), std::string::npos);
  EXPECT_NE(emails[0].message.body.find("If you did not"), std::string::npos);
}

TEST_F(PasswordChangeTest, ARefusedChangeSendsNoEmail) {
  SignedIn here = SignIn(kOld);
  EXPECT_FALSE(Change(here, {"wrong password here", kNew, kNew}).ok());
  EXPECT_FALSE(Change(here, {kOld, kNew, "something else"}).ok());
  EXPECT_TRUE(Emails().empty());
}

}  // namespace
}  // namespace selfdirect::app
