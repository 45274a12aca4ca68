// The outcome survey repository on both databases: a wave round-trips with its strata; an
// invitation is found by its token hash and by its reference, is answered once, and cannot be
// reissued once answered; responses round-trip and are counted by stratum; a wave closes once;
// another council sees none of it.
#include <gtest/gtest.h>

#include "storage/contract_fixture.h"

namespace selfdirect::storage {
namespace {

class SurveyContract : public RepositoryContract {
 protected:
  template <typename F>
  Status Write(CouncilId council, F&& f) {
    return store_->Write(council, [&](app::Transaction& tx) -> Status { return f(tx.surveys()); });
  }
  template <typename F>
  Status Write(F&& f) {
    return Write(council_, std::forward<F>(f));
  }

  app::SurveyWaveRecord Wave() {
    app::SurveyWaveRecord w;
    w.name = "Personal budgets survey 2026";
    w.instrument_id = "budget-holder-survey";
    w.instrument_version = "1";
    w.period_start = *Date::Parse("2026-10-01");
    w.period_end = *Date::Parse("2026-12-31");
    w.margin_tenths = 50;
    w.expected_response_pct = 40;
    w.seed = 42;
    w.opened_by = UserId{1};
    w.opened_at = kNow;
    w.strata = {{0, "learning_disability | 18-64 | direct_payment_only", 120, 60},
                {1, "physical_support | 65+ | council_managed_budget", 300, 90}};
    return w;
  }

  SurveyWaveId AddWave() {
    SurveyWaveId id;
    EXPECT_TRUE(Write([&](app::SurveyRepository& r) -> Status {
                  SD_ASSIGN_OR_RETURN(id, r.InsertWave(Wave()));
                  return OkStatus();
                }).ok());
    return id;
  }

  app::SurveyInvitationRecord Invitation(SurveyWaveId wave, PersonId person, std::string ref) {
    app::SurveyInvitationRecord inv;
    inv.wave = wave;
    inv.person = person;
    inv.stratum = 1;
    inv.reference = std::move(ref);
    inv.groups = {"physical_support", "65+", "council_managed_budget", "Adults North", "mixed"};
    return inv;
  }
};

TEST_P(SurveyContract, AWaveRoundTripsWithItsStrataAndClosesOnce) {
  const SurveyWaveId id = AddWave();
  std::optional<app::SurveyWaveRecord> found;
  std::vector<app::SurveyWaveRecord> listed;
  ASSERT_TRUE(Write([&](app::SurveyRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(found, r.FindWave(id));
                SD_ASSIGN_OR_RETURN(listed, r.ListWaves());
                return OkStatus();
              }).ok());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Personal budgets survey 2026");
  EXPECT_EQ(found->period_end, *Date::Parse("2026-12-31"));
  EXPECT_EQ(found->status, app::SurveyWaveStatus::kOpen);
  ASSERT_EQ(found->strata.size(), 2u);
  EXPECT_EQ(found->strata[1].label, "physical_support | 65+ | council_managed_budget");
  EXPECT_EQ(found->strata[1].population, 300);
  EXPECT_EQ(found->strata[1].sampled, 90);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_TRUE(listed[0].strata.empty());

  EXPECT_TRUE(Write([&](app::SurveyRepository& r) { return r.CloseWave(id, kNow); }).ok());
  Status again = Write([&](app::SurveyRepository& r) { return r.CloseWave(id, kNow); });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(Write([&](app::SurveyRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(found, r.FindWave(id));
                return OkStatus();
              }).ok());
  EXPECT_EQ(found->status, app::SurveyWaveStatus::kClosed);
  EXPECT_TRUE(found->closed_at);

  std::optional<app::SurveyWaveRecord> other;
  ASSERT_TRUE(Write(other_, [&](app::SurveyRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(other, r.FindWave(id));
                return OkStatus();
              }).ok());
  EXPECT_FALSE(other);
}

TEST_P(SurveyContract, AnInvitationIsFoundByTokenAndReferenceAndAnsweredOnce) {
  const SurveyWaveId wave = AddWave();
  const PersonId person = AddPerson(council_, team_, Person("Alex", "Example"));
  ASSERT_TRUE(Write([&](app::SurveyRepository& r) {
                return r.InsertInvitations({Invitation(wave, person, "ABC-DEF-GHJ")});
              }).ok());
  std::vector<app::SurveyInvitationRecord> invs;
  ASSERT_TRUE(Write([&](app::SurveyRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(invs, r.InvitationsOf(wave));
                return OkStatus();
              }).ok());
  ASSERT_EQ(invs.size(), 1u);
  EXPECT_EQ(invs[0].token_hash, "");
  EXPECT_FALSE(invs[0].issued_at);
  EXPECT_EQ(invs[0].groups.spending, "mixed");
  ASSERT_TRUE(Write([&](app::SurveyRepository& r) {
                return r.IssueInvitation(invs[0].id, "hash-1", kNow);
              }).ok());
  std::optional<app::SurveyInvitationRecord> by_token, by_ref, elsewhere;
  bool first = false, second = true;
  ASSERT_TRUE(Write([&](app::SurveyRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(by_token, r.InvitationByToken("hash-1"));
                SD_ASSIGN_OR_RETURN(by_ref, r.InvitationByReference(wave, "ABC-DEF-GHJ"));
                SD_ASSIGN_OR_RETURN(first, r.MarkResponded(invs[0].id, kNow));
                SD_ASSIGN_OR_RETURN(second, r.MarkResponded(invs[0].id, kNow));
                return OkStatus();
              }).ok());
  ASSERT_TRUE(by_token);
  EXPECT_EQ(by_token->person, person);
  EXPECT_TRUE(by_token->issued_at);
  ASSERT_TRUE(by_ref);
  EXPECT_EQ(by_ref->id, invs[0].id);
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);
  Status reissue = Write(
      [&](app::SurveyRepository& r) { return r.IssueInvitation(invs[0].id, "hash-2", kNow); });
  EXPECT_FALSE(reissue.ok());
  ASSERT_TRUE(Write(other_, [&](app::SurveyRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(elsewhere, r.InvitationByToken("hash-1"));
                return OkStatus();
              }).ok());
  EXPECT_FALSE(elsewhere);
}

TEST_P(SurveyContract, AnInvitationIsMarkedEmailedAndClearedAndFoundByIdInItsCouncilOnly) {
  const SurveyWaveId wave = AddWave();
  const PersonId person = AddPerson(council_, team_, Person("Alex", "Example"));
  ASSERT_TRUE(Write([&](app::SurveyRepository& r) {
                return r.InsertInvitations({Invitation(wave, person, "ABC-DEF-GHJ")});
              }).ok());
  std::optional<app::SurveyInvitationRecord> emailed, cleared, rekeyed, elsewhere;
  bool first = false, twice = true, after_letter = true, letter_while_emailed = true,
       rekey_after_letter = true;
  ASSERT_TRUE(Write([&](app::SurveyRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(auto invs, r.InvitationsOf(wave));
                SD_ASSIGN_OR_RETURN(first, r.MarkEmailed(invs.at(0).id, kNow));
                SD_ASSIGN_OR_RETURN(twice, r.MarkEmailed(invs[0].id, kNow));
                SD_ASSIGN_OR_RETURN(emailed, r.FindInvitation(invs[0].id));
                letter_while_emailed = r.IssueInvitation(invs[0].id, "hash-x", kNow).ok();
                SD_RETURN_IF_ERROR(r.RekeyInvitation(invs[0].id, "hash-e"));
                SD_ASSIGN_OR_RETURN(rekeyed, r.InvitationByToken("hash-e"));
                SD_RETURN_IF_ERROR(r.ClearEmailed(invs[0].id));
                SD_ASSIGN_OR_RETURN(cleared, r.FindInvitation(invs[0].id));
                SD_RETURN_IF_ERROR(r.IssueInvitation(invs[0].id, "hash-l", kNow));
                SD_ASSIGN_OR_RETURN(after_letter, r.MarkEmailed(invs[0].id, kNow));
                rekey_after_letter = r.RekeyInvitation(invs[0].id, "hash-y").ok();
                return OkStatus();
              }).ok());
  EXPECT_TRUE(first);
  EXPECT_FALSE(twice);                 // Two requests at once email a person once.
  EXPECT_FALSE(after_letter);          // A letter's link is never replaced by an email's,
  EXPECT_FALSE(rekey_after_letter);    // even by an email queued before the letter list.
  EXPECT_FALSE(letter_while_emailed);  // The letter list leaves out one emailed meanwhile.
  ASSERT_TRUE(emailed && cleared && rekeyed);
  EXPECT_EQ(emailed->emailed_at, kNow);
  EXPECT_FALSE(rekeyed->issued_at);  // An emailed link is not a letter issued.
  EXPECT_FALSE(cleared->emailed_at);
  ASSERT_TRUE(Write(other_, [&](app::SurveyRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(elsewhere, r.FindInvitation(emailed->id));
                return OkStatus();
              }).ok());
  EXPECT_FALSE(elsewhere);
}

TEST_P(SurveyContract, ResponsesRoundTripAndAreCountedByStratum) {
  const SurveyWaveId wave = AddWave();
  app::SurveyResponseRecord r{
      {},
      wave,
      1,
      app::SurveyChannel::kEasyRead,
      {"physical_support", "65+", "council_managed_budget", "Adults North", "creative"},
      "overall_life=better\nwho_helped_plan=peer\nwho_helped_plan=provider\n",
      "1-0",
      kNow};
  ASSERT_TRUE(Write([&](app::SurveyRepository& repo) -> Status {
                for (int i = 0; i < 4; ++i) {
                  if (i == 3) {
                    r.stratum = 0;
                    r.channel = app::SurveyChannel::kPaper;
                  }
                  auto stored = repo.InsertResponse(r);
                  if (!stored.ok()) return stored.error();
                }
                return OkStatus();
              }).ok());
  std::vector<app::SurveyResponseRecord> all;
  std::vector<std::pair<int32_t, int64_t>> counts;
  ASSERT_TRUE(Write([&](app::SurveyRepository& repo) -> Status {
                SD_ASSIGN_OR_RETURN(all, repo.ResponsesOf(wave));
                SD_ASSIGN_OR_RETURN(counts, repo.ResponseCounts(wave));
                return OkStatus();
              }).ok());
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].channel, app::SurveyChannel::kEasyRead);
  EXPECT_EQ(all[0].groups.spending, "creative");
  EXPECT_EQ(all[0].answers, r.answers);
  EXPECT_EQ(all[0].coded, "1-0");
  EXPECT_EQ(all[0].received_at, kNow);
  EXPECT_EQ(all[3].channel, app::SurveyChannel::kPaper);
  std::vector<app::SurveyResponseRecord> coded;
  ASSERT_TRUE(Write([&](app::SurveyRepository& repo) -> Status {
                SD_ASSIGN_OR_RETURN(coded, repo.CodedResponsesOf(wave, SurveyResponseId{0}));
                return OkStatus();
              }).ok());
  ASSERT_EQ(coded.size(), 4u);
  EXPECT_EQ(coded[0].answers, "");
  EXPECT_EQ(coded[0].coded, "1-0");
  EXPECT_EQ(coded[0].groups.team, "Adults North");
  std::vector<app::SurveyResponseRecord> later;
  ASSERT_TRUE(Write([&](app::SurveyRepository& repo) -> Status {
                SD_ASSIGN_OR_RETURN(later, repo.CodedResponsesOf(wave, coded[1].id));
                return OkStatus();
              }).ok());
  ASSERT_EQ(later.size(), 2u);
  EXPECT_EQ(later[0].id, coded[2].id);
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0], (std::pair<int32_t, int64_t>{0, 1}));
  EXPECT_EQ(counts[1], (std::pair<int32_t, int64_t>{1, 3}));
}

INSTANTIATE_TEST_SUITE_P(Adapters, SurveyContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace selfdirect::storage
