// The administration repository on both databases: accounts are found by part of their name or
// email and by role, paged, without their password hashes; changes and suspensions stay in their
// council; the audit search filters by who, record, action prefix and time, newest first, and
// pages by id.
#include <gtest/gtest.h>

#include "app/admin/admin_repository.h"
#include "storage/contract_fixture.h"

namespace selfdirect::storage {
namespace {

using domain::Role;

class AdminContract : public RepositoryContract {
 protected:
  template <typename F>
  Status Write(CouncilId council, F&& f) {
    return store_->Write(council, [&](app::Transaction& tx) -> Status { return f(tx); });
  }
  UserId User(CouncilId council, const char* email, const char* name, Role role) {
    UserId id;
    EXPECT_TRUE(Write(council, [&](app::Transaction& tx) -> Status {
                  app::UserRecord u;
                  u.email = email;
                  u.display_name = name;
                  u.role = role;
                  u.password_hash = "secret-hash";
                  SD_ASSIGN_OR_RETURN(id, tx.users().Insert(u, kNow));
                  return OkStatus();
                }).ok());
    return id;
  }
};

TEST_P(AdminContract, AccountsAreFoundChangedAndSuspendedInTheirCouncil) {
  const UserId ada = User(council_, "ada@example.org", "Ada Lovelace", Role::kAdministrator);
  User(council_, "bea@example.org", "Bea 100%", Role::kPractitioner);
  User(council_, "cy@example.org", "Cy Ames", Role::kAnalyst);
  const UserId other = User(other_, "ada@other.example.org", "Ada Other", Role::kAdministrator);
  ASSERT_TRUE(Write(council_, [&](app::Transaction& tx) -> Status {
                SD_ASSIGN_OR_RETURN(auto all, tx.admin().Users({}));
                EXPECT_EQ(all.total, 3);
                EXPECT_EQ(all.users.at(0).display_name, "Ada Lovelace");
                EXPECT_TRUE(all.users.at(0).password_hash.empty());
                SD_ASSIGN_OR_RETURN(auto ada_found, tx.admin().Users({"LOVE"}));
                EXPECT_EQ(ada_found.total, 1);
                SD_ASSIGN_OR_RETURN(auto percent, tx.admin().Users({"100%"}));
                EXPECT_EQ(percent.total, 1);  // The % is a character, not a wildcard.
                SD_ASSIGN_OR_RETURN(auto analysts, tx.admin().Users({"", Role::kAnalyst}));
                EXPECT_EQ(analysts.users.at(0).email, "cy@example.org");
                SD_ASSIGN_OR_RETURN(auto second, tx.admin().Users({"", std::nullopt, 2, 2}));
                EXPECT_EQ(second.users.size(), 1u);
                EXPECT_EQ(second.total, 3);
                SD_ASSIGN_OR_RETURN(int64_t admins, tx.admin().CountActive(Role::kAdministrator));
                EXPECT_EQ(admins, 1);
                SD_RETURN_IF_ERROR(tx.admin().UpdateUser(ada, "Ada L", Role::kApprover, team_));
                SD_RETURN_IF_ERROR(tx.admin().SetDisabled(ada, true));
                SD_ASSIGN_OR_RETURN(auto changed, tx.users().FindById(ada));
                EXPECT_EQ(changed->role, Role::kApprover);
                EXPECT_EQ(changed->team_id, team_);
                EXPECT_TRUE(changed->disabled);
                EXPECT_EQ(changed->password_hash, "secret-hash");
                EXPECT_EQ(tx.admin().SetDisabled(other, true).error().code, ErrorCode::kNotFound);
                EXPECT_EQ(tx.admin().UpdateUser(other, "X", Role::kAnalyst, TeamId{}).error().code,
                          ErrorCode::kNotFound);
                return tx.admin().EndSessions(ada);
              }).ok());
}

TEST_P(AdminContract, TheAuditSearchFiltersAndPages) {
  auto entry = [](int minutes, int64_t user, const char* action, const char* type, const char* id) {
    return app::AuditEntry{
        kNow.PlusSeconds(60 * minutes), UserId{user}, action, type, id, "", "10.0.0.1"};
  };
  ASSERT_TRUE(Write(council_, [&](app::Transaction& tx) -> Status {
                SD_RETURN_IF_ERROR(tx.audit().Append(entry(0, 3, "person.view", "person", "7")));
                SD_RETURN_IF_ERROR(tx.audit().Append(entry(1, 4, "person.view", "person", "7")));
                SD_RETURN_IF_ERROR(tx.audit().Append(entry(2, 3, "people.search", "", "")));
                SD_RETURN_IF_ERROR(tx.audit().Append(entry(3, 3, "person_view", "person", "8")));
                return tx.audit().Append(entry(4, 3, "person.create", "person", "8"));
              }).ok());
  ASSERT_TRUE(Write(other_, [&](app::Transaction& tx) -> Status {
                return tx.audit().Append(entry(0, 3, "person.view", "person", "7"));
              }).ok());
  ASSERT_TRUE(Write(council_, [&](app::Transaction& tx) -> Status {
                auto search = [&](app::AuditQuery q) { return tx.admin().SearchAudit(q); };
                SD_ASSIGN_OR_RETURN(auto by_three, search({UserId{3}}));
                EXPECT_EQ(by_three.size(), 4u);
                EXPECT_EQ(by_three.front().action, "person.create");  // Newest first.
                EXPECT_GT(by_three.front().id, by_three.back().id);
                SD_ASSIGN_OR_RETURN(auto seven, search({UserId{}, "person", "7"}));
                EXPECT_EQ(seven.size(), 2u);
                SD_ASSIGN_OR_RETURN(auto person_dot, search({UserId{}, "", "", "person."}));
                EXPECT_EQ(person_dot.size(), 3u);  // "_" in person_view is not a wildcard.
                app::AuditQuery window;
                window.from = kNow.PlusSeconds(60);
                window.until = kNow.PlusSeconds(180);
                SD_ASSIGN_OR_RETURN(auto middle, search(window));
                EXPECT_EQ(middle.size(), 2u);
                app::AuditQuery page;
                page.limit = 2;
                SD_ASSIGN_OR_RETURN(auto first, search(page));
                page.before_id = first.back().id;
                SD_ASSIGN_OR_RETURN(auto next, search(page));
                EXPECT_EQ(next.size(), 2u);
                EXPECT_LT(next.front().id, first.back().id);
                return OkStatus();
              }).ok());
}

INSTANTIATE_TEST_SUITE_P(Adapters, AdminContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace selfdirect::storage
