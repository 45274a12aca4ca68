// The review repository on both databases: the plan in force is replaced, not added to; the
// scheduler's facts come back for a team and a person (first direct payment, last review held,
// earliest open request); a review closes the open requests; another council sees none of it.
#include <gtest/gtest.h>

#include "storage/contract_fixture.h"

namespace selfdirect::storage {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

class ReviewContract : public RepositoryContract {
 protected:
  template <typename F>
  Status Write(CouncilId council, F&& f) {
    return store_->Write(council, [&](app::Transaction& tx) -> Status { return f(tx); });
  }

  // A direct payment agreement from `start` (what the scheduler reads as the first payment).
  Status AddDirectPayment(app::Transaction& tx, PersonId person, const char* start) {
    app::PaymentAgreementRecord a;
    a.person_id = person;
    a.holder_name = "Ada Lovelace";
    a.sort_code = "12-34-56";
    a.account_number = "12345678";
    a.terms = {D(start),
               std::nullopt,
               28,
               domain::ContributionMethod::kNet,
               {{D(start), *Pence::Parse("300.00"), Pence(), false, "Plan agreed"}}};
    a.created_at = kNow;
    return StatusOf(tx.money().InsertAgreement(a));
  }
};

app::ReviewRecord Review(PersonId person, const char* held, const char* outcome_code) {
  app::ReviewRecord r;
  r.person = person;
  r.plan = SupportPlanId{7};
  r.plan_version = 2;
  r.reason = "first";
  r.due = D("2026-04-27");
  r.held_on = D(held);
  r.took_part = "The person and their daughter";
  r.working = "My PA";
  r.outcomes = {{"Go swimming", "partly", "Twice a month"}};
  r.answers = {{"life_overall", "a_lot_better"}};
  r.money_position = "£1,200.00 left";
  r.outcome = *domain::ParseReviewOutcome(outcome_code);
  r.outcome_reason = "Needs more in the mornings";
  r.recorded_by = UserId{3};
  r.recorded_at = kNow;
  return r;
}

TEST_P(ReviewContract, TheScheduleFactsAndReviewsRoundTrip) {
  const PersonId ada = AddPerson(council_, team_, Person("Ada", "Lovelace"));
  const TeamId south = AddTeam(council_, "Adults South");
  const PersonId bea = AddPerson(council_, south, Person("Bea", "Ames"));
  AddPerson(council_, team_, Person("Cy", "Noplan"));
  ReviewId first;
  ASSERT_TRUE(
      Write(council_, [&](app::Transaction& tx) -> Status {
        auto& r = tx.reviews();
        SD_RETURN_IF_ERROR(r.PutPlan({ada, SupportPlanId{7}, 1, D("2026-01-05"), std::nullopt}));
        SD_RETURN_IF_ERROR(r.PutPlan({ada, SupportPlanId{7}, 2, D("2026-03-02"), D("2026-12-01")}));
        SD_RETURN_IF_ERROR(r.PutPlan({bea, SupportPlanId{9}, 1, D("2026-05-01"), std::nullopt}));
        SD_RETURN_IF_ERROR(AddDirectPayment(tx, ada, "2026-05-04"));
        SD_RETURN_IF_ERROR(AddDirectPayment(tx, ada, "2026-03-09"));
        SD_RETURN_IF_ERROR(StatusOf(r.InsertRequest(
            {{}, ada, "hospital_stay", "Fell", D("2026-06-15"), UserId{3}, kNow, std::nullopt})));
        SD_RETURN_IF_ERROR(StatusOf(r.InsertRequest(
            {{}, ada, "person_asked", "", D("2026-06-01"), UserId{3}, kNow, std::nullopt})));
        SD_ASSIGN_OR_RETURN(first, r.InsertReview(Review(ada, "2026-04-20", "no_change")));
        return OkStatus();
      }).ok());
  std::vector<app::ReviewScheduleRow> all, north;
  std::optional<app::ReviewScheduleRow> one;
  std::vector<app::ReviewRequest> requests;
  std::vector<app::ReviewRecord> reviews;
  std::optional<app::ReviewRecord> found;
  ASSERT_TRUE(Write(council_, [&](app::Transaction& tx) -> Status {
                auto& r = tx.reviews();
                SD_ASSIGN_OR_RETURN(all, r.Schedule(std::nullopt));
                SD_ASSIGN_OR_RETURN(north, r.Schedule(team_));
                SD_ASSIGN_OR_RETURN(one, r.ScheduleOf(ada));
                SD_ASSIGN_OR_RETURN(requests, r.RequestsFor(ada));
                SD_ASSIGN_OR_RETURN(reviews, r.ReviewsFor(ada));
                SD_ASSIGN_OR_RETURN(found, r.FindReview(first));
                return OkStatus();
              }).ok());
  ASSERT_EQ(all.size(), 2u);  // By person; nobody without a plan.
  EXPECT_EQ(all[1].person, bea);
  EXPECT_EQ(all[1].team, south);
  EXPECT_TRUE(all[1].family_name.empty());  // Names only for the rows shown.
  ASSERT_EQ(north.size(), 1u);
  // The facts the triggers keep agree with the person's row.
  EXPECT_EQ(north[0].facts.first_direct_payment, D("2026-03-09"));
  EXPECT_EQ(north[0].facts.last_review, D("2026-04-20"));
  ASSERT_TRUE(one);
  EXPECT_EQ(one->given_name, "Ada");
  EXPECT_EQ(one->plan, SupportPlanId{7});
  EXPECT_EQ(one->facts.plan_agreed, D("2026-03-02"));
  EXPECT_EQ(one->facts.plan_review_date, D("2026-12-01"));
  EXPECT_EQ(one->facts.first_direct_payment, D("2026-03-09"));
  EXPECT_EQ(one->facts.last_review, D("2026-04-20"));
  EXPECT_FALSE(one->facts.requested_due);  // The review closed both requests.
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].review, first);
  EXPECT_EQ(requests[1].review, first);
  ASSERT_EQ(reviews.size(), 1u);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->outcomes.size(), 1u);
  EXPECT_EQ(found->outcomes[0].note, "Twice a month");
  EXPECT_EQ(found->answers[0].answer, "a_lot_better");
  EXPECT_EQ(found->money_position, "£1,200.00 left");
  EXPECT_EQ(found->outcome, domain::ReviewOutcome::kNoChange);
  EXPECT_FALSE(all[1].facts.last_review);
  // Bea moves to the north team (as an administrator's page will do): her plan's row follows.
  ASSERT_TRUE(store_
                  ->RunScript("UPDATE people SET team_id = " + std::to_string(team_.value()) +
                              " WHERE person_id = " + std::to_string(bea.value()))
                  .ok());
  ASSERT_TRUE(Write(council_, [&](app::Transaction& tx) -> Status {
                SD_RETURN_IF_ERROR(tx.reviews().FillNames(all));
                SD_ASSIGN_OR_RETURN(north, tx.reviews().Schedule(team_));
                return OkStatus();
              }).ok());
  EXPECT_EQ(all[0].family_name, "Lovelace");
  EXPECT_EQ(all[1].given_name, "Bea");
  EXPECT_EQ(north.size(), 2u);
  std::vector<app::ReviewScheduleRow> elsewhere;
  ASSERT_TRUE(Write(other_, [&](app::Transaction& tx) -> Status {
                SD_ASSIGN_OR_RETURN(elsewhere, tx.reviews().Schedule(std::nullopt));
                SD_ASSIGN_OR_RETURN(found, tx.reviews().FindReview(first));
                return OkStatus();
              }).ok());
  EXPECT_TRUE(elsewhere.empty());
  EXPECT_FALSE(found);
}

TEST_P(ReviewContract, AnOpenRequestIsTheEarliestNotYetAnswered) {
  const PersonId ada = AddPerson(council_, team_, Person("Ada", "Lovelace"));
  std::optional<app::ReviewScheduleRow> one;
  ASSERT_TRUE(
      Write(council_, [&](app::Transaction& tx) -> Status {
        auto& r = tx.reviews();
        SD_RETURN_IF_ERROR(r.PutPlan({ada, SupportPlanId{7}, 1, D("2026-01-05"), std::nullopt}));
        SD_RETURN_IF_ERROR(StatusOf(r.InsertReview(Review(ada, "2026-03-01", "revise_plan"))));
        for (const char* due : {"2026-09-01", "2026-08-01"})
          SD_RETURN_IF_ERROR(StatusOf(r.InsertRequest(
              {{}, ada, "needs_changed", "", D(due), UserId{3}, kNow, std::nullopt})));
        SD_ASSIGN_OR_RETURN(one, r.ScheduleOf(ada));
        return OkStatus();
      }).ok());
  ASSERT_TRUE(one);
  EXPECT_EQ(one->facts.requested_due, D("2026-08-01"));
  EXPECT_EQ(one->facts.last_review, D("2026-03-01"));
  EXPECT_FALSE(one->facts.first_direct_payment);
}

INSTANTIATE_TEST_SUITE_P(Adapters, ReviewContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace selfdirect::storage
