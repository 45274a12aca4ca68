// Where a person is signed in (session_list.h): their own open sessions only, this one first,
// with where each was opened; ending one by its handle, or all but this one; a handle of another
// account's session or of this one is refused; and each list and ending is in the audit trail.
#include "app/session_list.h"

#include <gtest/gtest.h>

#include "app/test_store.h"
#include "base/limits.h"

namespace selfdirect::app {
namespace {

constexpr const char* kPassword = "correct horse battery";
constexpr const char* kChrome =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36";
constexpr const char* kIphone =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

class SessionListTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto hash = HashPassword(kPassword);
    ASSERT_TRUE(hash.ok());
    ASSERT_TRUE(db_.store()
                    .Write(db_.council(),
                           [&](Transaction& tx) -> Status {
                             for (const char* email : {"worker@example.org", "other@example.org"}) {
                               UserRecord u{
                                   UserId{}, email,      "Worker", domain::Role::kPractitioner,
                                   TeamId{}, PersonId{}, *hash,    false};
                               SD_RETURN_IF_ERROR(StatusOf(tx.users().Insert(u, clock_.Now())));
                             }
                             return OkStatus();
                           })
                    .ok());
  }

  SignedIn SignIn(const std::string& address, const std::string& agent,
                  const std::string& email = "worker@example.org") {
    auto in = auth_.SignIn(db_.council(), email, kPassword, address, "", agent);
    EXPECT_TRUE(in.ok()) << in.error().message;
    return in.ok() ? *in : SignedIn{};
  }
  Principal Who(const SignedIn& in) { return *auth_.ResolveSession(db_.council(), in.token); }
  std::vector<OpenSession> List(const SignedIn& in) {
    auto list = sessions_.List(db_.council(), Who(in), "192.0.2.9");
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<OpenSession>{};
  }
  bool Works(const SignedIn& in) { return auth_.ResolveSession(db_.council(), in.token).ok(); }
  std::vector<std::string> Audited(const std::string& action) {
    std::vector<std::string> details;
    EXPECT_TRUE(db_.store()
                    .Read(db_.council(),
                          [&](Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(auto entries, tx.audit().Recent(1000, "", ""));
                            for (const auto& e : entries)
                              if (e.action == action) details.push_back(e.detail);
                            return OkStatus();
                          })
                    .ok());
    return details;
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-12-07T09:00:00Z")};
  SignInThrottle throttle_{db_.store(), clock_};
  AuthService auth_{db_.store(), clock_, throttle_};
  SessionListService sessions_{db_.store(), clock_};
};

TEST_F(SessionListTest, ListsOnlyThisAccountsOpenSessionsThisOneFirst) {
  SignedIn phone = SignIn("203.0.113.7", kIphone);
  clock_.AdvanceSeconds(60);
  SignedIn laptop = SignIn("192.0.2.1", kChrome);
  SignIn("198.51.100.2", kChrome, "other@example.org");
  clock_.AdvanceSeconds(60);
  ASSERT_TRUE(Works(phone));  // Used last: the phone.
  std::vector<OpenSession> seen = List(laptop);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_TRUE(seen[0].current);
  EXPECT_EQ(seen[0].device, "Chrome on Windows");
  EXPECT_EQ(seen[0].client_address, "192.0.2.1");
  EXPECT_EQ(seen[0].signed_in_at, *Timestamp::Parse("2026-12-07T09:01:00Z"));
  EXPECT_FALSE(seen[1].current);
  EXPECT_EQ(seen[1].device, "Safari on iPhone");
  EXPECT_EQ(seen[1].client_address, "203.0.113.7");
  EXPECT_EQ(seen[1].last_used_at, *Timestamp::Parse("2026-12-07T09:02:00Z"));
  EXPECT_NE(seen[0].handle, seen[1].handle);
  EXPECT_EQ(seen[0].handle.size(), 32u);
  EXPECT_EQ(Audited("session.list"), std::vector<std::string>{"2 open"});
}

// Ended by the rules of ResolveSession, and not listed, though no sign-in has removed it yet.
TEST_F(SessionListTest, AnIdleOrOutlivedSessionIsNotListed) {
  SignedIn idle = SignIn("203.0.113.7", kIphone);
  SignedIn used = SignIn("192.0.2.1", kChrome);
  clock_.AdvanceSeconds(20 * 60);
  ASSERT_TRUE(Works(used));
  clock_.AdvanceSeconds(11 * 60);  // `idle` was last used 31 minutes ago; `used` 11.
  std::vector<OpenSession> seen = List(used);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_TRUE(seen[0].current);
  // Past its absolute end (12 hours after 09:00), a session used all along is not listed
  // either. `late`, signed in at 09:31, lists at 21:01.
  SignedIn late = SignIn("192.0.2.2", kChrome);
  for (int i = 0; i < 27; ++i) {  // To 20:46, each used every 25 minutes.
    clock_.AdvanceSeconds(25 * 60);
    ASSERT_TRUE(Works(used));
    ASSERT_TRUE(Works(late));
  }
  clock_.AdvanceSeconds(15 * 60);
  static_assert(limits::kSessionAbsoluteSeconds == 12 * 60 * 60);
  seen = List(late);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].client_address, "192.0.2.2");
  EXPECT_FALSE(Works(used));
  EXPECT_FALSE(Works(idle));
}

TEST_F(SessionListTest, OtherSessionsAreListedMostRecentlyUsedFirst) {
  SignedIn first = SignIn("203.0.113.1", kIphone);
  SignedIn second = SignIn("203.0.113.2", kIphone);
  SignedIn third = SignIn("203.0.113.3", kIphone);
  SignedIn here = SignIn("192.0.2.1", kChrome);
  clock_.AdvanceSeconds(120);
  ASSERT_TRUE(Works(second));
  clock_.AdvanceSeconds(120);
  ASSERT_TRUE(Works(first));
  std::vector<OpenSession> seen = List(here);
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_TRUE(seen[0].current);
  EXPECT_EQ(seen[1].client_address, "203.0.113.1");
  EXPECT_EQ(seen[2].client_address, "203.0.113.2");
  EXPECT_EQ(seen[3].client_address, "203.0.113.3");
  (void)third;
}

TEST_F(SessionListTest, EndsOneByItsHandleAndRefusesThisOneAndAnotherAccounts) {
  SignedIn phone = SignIn("203.0.113.7", kIphone);
  SignedIn laptop = SignIn("192.0.2.1", kChrome);
  SignedIn theirs = SignIn("198.51.100.2", kChrome, "other@example.org");
  const std::string their_handle = List(theirs)[0].handle;
  const std::vector<OpenSession> mine = List(laptop);
  ASSERT_EQ(mine.size(), 2u);

  Status own = sessions_.End(db_.council(), Who(laptop), mine[0].handle, "192.0.2.1");
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code, ErrorCode::kInvalidArgument);
  Status other = sessions_.End(db_.council(), Who(laptop), their_handle, "192.0.2.1");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(Works(theirs));

  ASSERT_TRUE(sessions_.End(db_.council(), Who(laptop), mine[1].handle, "192.0.2.1").ok());
  EXPECT_FALSE(Works(phone));
  EXPECT_TRUE(Works(laptop));
  Status again = sessions_.End(db_.council(), Who(laptop), mine[1].handle, "192.0.2.1");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
  // Newest first: the ending names the session's browser, address and sign-in time.
  EXPECT_EQ(Audited("session.end"),
            (std::vector<std::string>{
                "refused: no such session",
                "ended: Safari on iPhone, 203.0.113.7, signed in 2026-12-07T09:00:00Z",
                "refused: no such session", "refused: this session"}));
}

TEST_F(SessionListTest, EndsEveryOtherSessionOfThisAccountOnly) {
  SignedIn phone = SignIn("203.0.113.7", kIphone);
  SignedIn tablet = SignIn("203.0.113.8", kIphone);
  SignedIn laptop = SignIn("192.0.2.1", kChrome);
  SignedIn theirs = SignIn("198.51.100.2", kChrome, "other@example.org");
  auto ended = sessions_.EndOthers(db_.council(), Who(laptop), "192.0.2.1");
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(*ended, 2);
  EXPECT_FALSE(Works(phone));
  EXPECT_FALSE(Works(tablet));
  EXPECT_TRUE(Works(laptop));
  EXPECT_TRUE(Works(theirs));
  EXPECT_EQ(List(laptop).size(), 1u);
  EXPECT_EQ(Audited("session.end_others"), std::vector<std::string>{"2 ended"});
}

TEST(KeptUserAgent, KeepsPrintableAsciiUpToTheLimit) {
  EXPECT_EQ(KeptUserAgent(kChrome), kChrome);
  EXPECT_EQ(KeptUserAgent(std::string(500, 'a')), std::string(limits::kMaxUserAgentChars, 'a'));
  // Bytes that are not printable ASCII (here not UTF-8 either: PostgreSQL would refuse the row)
  // are left out.
  EXPECT_EQ(KeptUserAgent("Mozilla/5.0 caf\xE9 \xFF\x01tab\there"), "Mozilla/5.0 caf tabhere");
}

// A header that is not UTF-8 still signs in, and is kept without the bytes that are not.
TEST_F(SessionListTest, AHeaderThatIsNotUtf8StillSignsIn) {
  SignedIn in = SignIn("192.0.2.1", "Mozilla/5.0 (Windows NT 10.0) \xFF\xFE Chrome/131.0");
  std::vector<OpenSession> seen = List(in);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].device, "Chrome on Windows");
}

}  // namespace
}  // namespace selfdirect::app
