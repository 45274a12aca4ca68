// The survey wave use cases over a real store: sampling, letters with one-time links, answers
// online and on paper (typed in and imported), refusals that change nothing, and the results.
#include "app/outcomes/survey_service.h"

#include <gtest/gtest.h>

#include <regex>

#include "app/messages/message_service.h"
#include "app/test_store.h"
#include "base/csv.h"

namespace selfdirect::app {
namespace {

using domain::Role;

class SurveyServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    teams_ = testing::AddTwoTeamsAndAPerson(db_.store(), db_.council(), clock_.Now());
    for (int i = 0; i < 24; ++i)
      ASSERT_TRUE(AddPerson(i % 2 ? "1950-05-01" : "1980-05-01",
                            i % 3 ? "direct_payment_only" : "council_managed_budget")
                      .ok());
    ASSERT_TRUE(AddPerson("2012-05-01", "direct_payment_only").ok());  // A child: not sampled.
  }

  Status AddPerson(const char* born, const std::string& category, const std::string& email = "",
                   domain::ContactPreference preference = {}) {
    return db_.store().Write(db_.council(), [&](Transaction& tx) -> Status {
      domain::PersonDetails d;
      d.given_name = "Test";
      d.family_name = "Person";
      d.date_of_birth = *Date::Parse(born);
      d.address = "1 High Street\nTesttown";
      d.email = email;
      d.contact_preference = preference;
      SD_ASSIGN_OR_RETURN(PersonId person, tx.people().Insert(d, teams_.north, clock_.Now()));
      SupportPlanRecord plan;
      plan.person_id = person;
      plan.team_id = teams_.north;
      plan.client_group = "physical_support";
      plan.created_at = plan.updated_at = clock_.Now();
      plan.status = domain::PlanStatus::kApproved;
      plan.approved_version = 1;
      plan.return_category = category;
      plan.decided_at = *Timestamp::Parse("2026-10-01T10:00:00Z");
      SupportPlanVersion v;
      v.content_json = "{}";
      v.changed_at = clock_.Now();
      SD_ASSIGN_OR_RETURN(plan.id, tx.support_plans().Insert(plan, v));
      return tx.support_plans().Update(plan);
    });
  }

  Principal As(Role role) { return testing::PrincipalAs(role); }

  SurveyWaveId Open() {
    OpenWaveInput in;
    in.name = "Survey 2026";
    in.period_start = *Date::Parse("2026-11-01");
    in.period_end = *Date::Parse("2026-12-31");
    in.seed = 7;
    auto id = service_.OpenWave(ctx_, As(Role::kAnalyst), in);
    EXPECT_TRUE(id.ok()) << id.error().message;
    return *id;
  }

  // The letter list's rows (without the header).
  std::vector<CsvRecord> Letters(SurveyWaveId id) {
    auto csv = service_.IssueLetters(ctx_, As(Role::kAnalyst), id, "https://care.example");
    EXPECT_TRUE(csv.ok());
    std::vector<CsvRecord> rows;
    int64_t bad = 0;
    EXPECT_TRUE(ParseCsv(*csv, rows, bad));
    rows.erase(rows.begin());
    return rows;
  }

  static std::string TokenOf(const CsvRecord& row) {
    return row.cells[5].substr(row.cells[5].rfind('/') + 1);
  }

  // The first `n` letters' links answered online with `answers`.
  void AnswerOnline(const std::vector<CsvRecord>& rows, int n, const SurveyAnswers& answers) {
    for (int i = 0; i < n; ++i)
      ASSERT_TRUE(
          service_.AnswerOnline(db_.council(), TokenOf(rows[i]), SurveyChannel::kOnline, answers)
              .ok());
  }

  int64_t Responded(SurveyWaveId id) {
    auto s = service_.Summary(ctx_, As(Role::kAnalyst), id);
    EXPECT_TRUE(s.ok());
    return s->responded;
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-12-04T09:00:00Z")};
  AuditTrail audit_{db_.store()};
  SurveyService service_{db_.store(), clock_, audit_};
  CallContext ctx_{db_.council(), "127.0.0.1"};
  testing::TwoTeams teams_;
};

const SurveyAnswers kAnswers = {{"ease_planning", "easy"},
                                {"who_helped_plan", "peer"},
                                {"who_helped_plan", "family_friends"},
                                {"overall_life", "better"},
                                {"free_text", "Thank you"}};

TEST_F(SurveyServiceTest, OpensAWaveSamplingAdultsWithAnAgreedPlanInStrata) {
  const SurveyWaveId id = Open();
  auto s = service_.Summary(ctx_, As(Role::kAnalyst), id);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->population, 24);  // The child and the person without a plan are not in the frame.
  EXPECT_EQ(s->sampled, 24);     // A margin of 5 points from 24 people needs everyone.
  ASSERT_EQ(s->strata.size(), 4u);
  EXPECT_EQ(s->strata[0].stratum.label, "physical_support | 18-64 | council_managed_budget");
  EXPECT_EQ(s->issued, 0);
  auto refused = service_.OpenWave(ctx_, As(Role::kApprover), OpenWaveInput{});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(SurveyServiceTest, RefusesABadWaveNamingEachField) {
  OpenWaveInput in;
  in.instrument_id = "no-such-survey";
  in.period_start = *Date::Parse("2026-12-01");
  in.period_end = *Date::Parse("2026-11-01");
  in.margin_tenths = 0;
  auto r = service_.OpenWave(ctx_, As(Role::kAnalyst), in);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields.size(), 4u);
  EXPECT_EQ(r.error().fields[0].field, "name");
  EXPECT_EQ(r.error().fields[1].field, "instrument_id");
  EXPECT_EQ(r.error().fields[2].field, "period_end");
  EXPECT_EQ(r.error().fields[3].field, "margin");
  auto waves = service_.Waves(ctx_, As(Role::kAnalyst));
  EXPECT_TRUE(waves->empty());
}

TEST_F(SurveyServiceTest, ALinkAnswersOnceAndTheAnswersNameNobody) {
  const SurveyWaveId id = Open();
  const auto rows = Letters(id);
  ASSERT_EQ(rows.size(), 24u);
  EXPECT_EQ(rows[0].cells[1], "Test Person");
  EXPECT_EQ(rows[0].cells[2], "1 High Street\nTesttown");
  EXPECT_EQ(rows[0].cells[6], rows[0].cells[5] + "?version=easy-read");
  const std::string token = TokenOf(rows[0]);
  auto form = service_.FormForToken(db_.council(), token);
  ASSERT_TRUE(form.ok());
  EXPECT_EQ(form->instrument->questionnaire.id, "budget-holder-survey");
  ASSERT_TRUE(service_.AnswerOnline(db_.council(), token, SurveyChannel::kEasyRead, kAnswers).ok());
  Status again = service_.AnswerOnline(db_.council(), token, SurveyChannel::kOnline, kAnswers);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Responded(id), 1);
  auto csv = service_.ResponsesCsv(ctx_, As(Role::kAnalyst), id);
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv->find("Test Person"), std::string::npos);
  EXPECT_EQ(csv->find(rows[0].cells[0]), std::string::npos);  // Not the form's reference.
  EXPECT_NE(csv->find(",easy_read,2026-12-04,physical_support,"), std::string::npos);
  EXPECT_NE(csv->find("peer;family_friends"), std::string::npos);
  EXPECT_FALSE(service_.ResponsesCsv(ctx_, As(Role::kApprover), id).ok());
}

TEST_F(SurveyServiceTest, IssuingLettersAgainRetiresTheOldLinksAndSkipsAnswered) {
  const SurveyWaveId id = Open();
  const auto first = Letters(id);
  ASSERT_TRUE(
      service_.AnswerOnline(db_.council(), TokenOf(first[0]), SurveyChannel::kOnline, kAnswers)
          .ok());
  const auto second = Letters(id);
  EXPECT_EQ(second.size(), 23u);
  auto old = service_.FormForToken(db_.council(), TokenOf(first[1]));
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(service_.FormForToken(db_.council(), TokenOf(second[0])).ok());
}

TEST_F(SurveyServiceTest, BadAnswersAreRefusedByFieldAndNothingIsStored) {
  const SurveyWaveId id = Open();
  const auto rows = Letters(id);
  Status bad = service_.AnswerOnline(db_.council(), TokenOf(rows[0]), SurveyChannel::kOnline,
                                     {{"ease_planning", "sort_of"},
                                      {"overall_life", "better"},
                                      {"overall_life", "worse"},
                                      {"no_such_question", "yes"}});
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().fields.size(), 3u);
  EXPECT_EQ(bad.error().fields[0].field, "answers.ease_planning");
  EXPECT_EQ(bad.error().fields[1].field, "answers.overall_life");
  EXPECT_EQ(bad.error().fields[2].field, "answers.no_such_question");
  EXPECT_EQ(Responded(id), 0);
  // The link still works: nothing was used up.
  EXPECT_TRUE(service_.FormForToken(db_.council(), TokenOf(rows[0])).ok());
}

TEST_F(SurveyServiceTest, APaperFormIsEnteredOnceByItsReference) {
  const SurveyWaveId id = Open();
  const std::string ref = Letters(id)[3].cells[0];
  ASSERT_TRUE(service_.EnterPaperForm(ctx_, As(Role::kAnalyst), id, ref, kAnswers).ok());
  Status dup = service_.EnterPaperForm(ctx_, As(Role::kAnalyst), id, ref, kAnswers);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kFailedPrecondition);
  Status unknown = service_.EnterPaperForm(ctx_, As(Role::kAnalyst), id, "ZZZ-ZZZ-ZZZ", kAnswers);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields[0].field, "reference");
  EXPECT_EQ(Responded(id), 1);
}

TEST_F(SurveyServiceTest, APaperImportIsAllOrNothingWithAnErrorPerLine) {
  const SurveyWaveId id = Open();
  const auto rows = Letters(id);
  const std::string a = rows[0].cells[0], b = rows[1].cells[0], c = rows[2].cells[0];
  std::vector<PaperImportRowError> errors;
  const std::string bad = "reference,ease_planning,who_helped_plan\r\n" + a +
                          ",easy,peer;provider\r\n" + b + ",sort_of,\r\n" + a + ",easy,\r\n";
  auto r = service_.ImportPaperForms(ctx_, As(Role::kAnalyst), id, bad, errors);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].line, 4);  // The repeated reference, found while reading.
  EXPECT_EQ(errors[1].line, 3);  // The unknown answer code.
  EXPECT_NE(errors[1].message.find("answers.ease_planning"), std::string::npos);
  EXPECT_EQ(Responded(id), 0);
  errors.clear();
  auto unknown_column = service_.ImportPaperForms(
      ctx_, As(Role::kAnalyst), id, "reference,favourite_colour\r\n" + a + ",blue\r\n", errors);
  ASSERT_FALSE(unknown_column.ok());
  EXPECT_EQ(errors[0].line, 1);
  errors.clear();
  const std::string good = "reference,ease_planning,who_helped_plan\r\n" + a +
                           ",easy,peer;provider\r\n" + c + ",hard,\r\n";
  auto ok = service_.ImportPaperForms(ctx_, As(Role::kAnalyst), id, good, errors);
  ASSERT_TRUE(ok.ok()) << (errors.empty() ? "" : errors[0].message);
  EXPECT_EQ(*ok, 2);
  EXPECT_EQ(Responded(id), 2);
}

TEST_F(SurveyServiceTest, AClosedWaveTakesNoMoreAnswers) {
  const SurveyWaveId id = Open();
  const auto rows = Letters(id);
  ASSERT_TRUE(service_.CloseWave(ctx_, As(Role::kAnalyst), id).ok());
  Status late =
      service_.AnswerOnline(db_.council(), TokenOf(rows[0]), SurveyChannel::kOnline, kAnswers);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);
  Status paper = service_.EnterPaperForm(ctx_, As(Role::kAnalyst), id, rows[1].cells[0], kAnswers);
  EXPECT_FALSE(paper.ok());
  EXPECT_EQ(Responded(id), 0);
  EXPECT_FALSE(service_.IssueLetters(ctx_, As(Role::kAnalyst), id, "https://x").ok());
}

TEST_F(SurveyServiceTest, ResultsAreForAnalystsAndManagersAndSuppressSmallCells) {
  const SurveyWaveId id = Open();
  const auto rows = Letters(id);
  AnswerOnline(rows, 3, kAnswers);
  auto r = service_.Results(ctx_, As(Role::kApprover), id);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->wave.id, id);
  EXPECT_TRUE(r->results.responses.suppressed);  // Three answers: fewer than 10.
  for (const auto& o : r->results.outcomes) EXPECT_TRUE(o.suppressed) << o.item;
  auto refused = service_.Results(ctx_, As(Role::kBudgetHolder), id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  auto hidden = service_.PublishedResults(db_.council(), id);  // Open: not published.
  EXPECT_FALSE(hidden.ok());
}

TEST_F(SurveyServiceTest, TheNewestWavesAreAnalysedBeforeTheFirstRequest) {
  auto none = service_.PrepareResults(db_.council());
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_EQ(*none, 0);
  const SurveyWaveId id = Open();
  const auto rows = Letters(id);
  AnswerOnline(rows, 3, kAnswers);
  auto read = service_.PrepareResults(db_.council());
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(*read, 3);
  // What was kept is what a request reads: the wave's strata with their respondents.
  auto r = service_.Results(ctx_, As(Role::kAnalyst), id);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->results.responses.suppressed);
  ASSERT_FALSE(r->results.strata.empty());
  int64_t respondents = 0;
  for (const auto& st : r->results.strata) respondents += st.respondents;
  EXPECT_EQ(respondents, 3);
}

// A mail server that takes every email, or refuses them all while down.
class RecordingMailer final : public Mailer {
 public:
  const std::string& from() const override { return from_; }
  Status Send(const OutgoingEmail& email) override {
    if (down) return Error::Unavailable("connection refused");
    sent.push_back(email);
    return OkStatus();
  }
  bool down = false;
  std::vector<OutgoingEmail> sent;

 private:
  std::string from_ = "care@example.org";
};

TEST_F(SurveyServiceTest, EmailsInvitationsWithALinkMadeWhenSentAndLeavesThemOffTheLetters) {
  ASSERT_TRUE(AddPerson("1960-05-01", "direct_payment_only", "ivy@example.org").ok());
  ASSERT_TRUE(AddPerson("1961-05-01", "direct_payment_only", "post@example.org",
                        domain::ContactPreference::kPost)
                  .ok());
  const SurveyWaveId id = Open();
  auto queued = service_.EmailInvitations(ctx_, As(Role::kAnalyst), id);
  ASSERT_TRUE(queued.ok()) << queued.error().message;
  EXPECT_EQ(*queued, 1);  // Not the person who asked for letters only, nor those with no email.
  EXPECT_EQ(*service_.EmailInvitations(ctx_, As(Role::kAnalyst), id), 0);  // Once only.
  auto refused = service_.EmailInvitations(ctx_, As(Role::kApprover), id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  const auto letters = Letters(id);
  EXPECT_EQ(letters.size(), 25u);  // 26 sampled, less the one emailed.
  for (const auto& row : letters) EXPECT_NE(row.cells[4], "ivy@example.org");

  MessageService messages(db_.store(), clock_, audit_, "https://care.example");
  RecordingMailer mailer;
  auto report = messages.SendDue(mailer, 50);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->sent, 1);
  ASSERT_EQ(mailer.sent.size(), 1u);
  const std::string& body = mailer.sent[0].body;
  EXPECT_EQ(mailer.sent[0].to, "ivy@example.org");
  EXPECT_EQ(body.find(kLinkNotKept), std::string::npos);
  EXPECT_TRUE(std::regex_search(  // For a paper form.
      body, std::regex("your form reference, [A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}\\.")));
  const auto at = body.find("https://care.example/survey/");
  ASSERT_NE(at, std::string::npos);
  const std::string token = body.substr(at + 28, body.find('\n', at) - at - 28);
  ASSERT_TRUE(service_.AnswerOnline(db_.council(), token, SurveyChannel::kOnline, kAnswers).ok());
  EXPECT_FALSE(service_.AnswerOnline(db_.council(), token, SurveyChannel::kOnline, kAnswers).ok());
  auto s = service_.Summary(ctx_, As(Role::kAnalyst), id);
  EXPECT_EQ(s->emailed, 1);
  EXPECT_EQ(s->responded, 1);
}

TEST_F(SurveyServiceTest, ASurveyEmailGivenUpPutsThePersonBackOnTheLettersAndALetterIsKept) {
  ASSERT_TRUE(AddPerson("1960-05-01", "direct_payment_only", "ivy@example.org").ok());
  const SurveyWaveId id = Open();
  ASSERT_EQ(*service_.EmailInvitations(ctx_, As(Role::kAnalyst), id), 1);
  MessageService messages(db_.store(), clock_, audit_, "https://care.example");
  RecordingMailer mailer;
  mailer.down = true;
  int gave_up = 0;
  for (int i = 0; i < domain::kMaxEmailAttempts; ++i) {
    auto report = messages.SendDue(mailer, 50);
    ASSERT_TRUE(report.ok());
    gave_up += report->gave_up;
    clock_.AdvanceSeconds(13 * 3600);
  }
  EXPECT_EQ(gave_up, 1);
  EXPECT_EQ(service_.Summary(ctx_, As(Role::kAnalyst), id)->emailed, 0);
  EXPECT_EQ(Letters(id).size(), 25u);  // Everyone sampled: the person is back on the list.
  // Their letter's link is never replaced by an email's.
  EXPECT_EQ(*service_.EmailInvitations(ctx_, As(Role::kAnalyst), id), 0);
}

TEST_F(SurveyServiceTest, ASurveyEmailIsWithdrawnWhenTheWaveClosesBeforeItIsSent) {
  ASSERT_TRUE(AddPerson("1960-05-01", "direct_payment_only", "ivy@example.org").ok());
  const SurveyWaveId id = Open();
  ASSERT_EQ(*service_.EmailInvitations(ctx_, As(Role::kAnalyst), id), 1);
  ASSERT_TRUE(service_.CloseWave(ctx_, As(Role::kAnalyst), id).ok());
  MessageService messages(db_.store(), clock_, audit_, "https://care.example");
  RecordingMailer mailer;
  auto report = messages.SendDue(mailer, 50);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->withdrawn, 1);
  EXPECT_TRUE(mailer.sent.empty());
  auto closed = service_.EmailInvitations(ctx_, As(Role::kAnalyst), id);
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.error().code, ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace selfdirect::app
