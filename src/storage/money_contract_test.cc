// The money repository's contract on both databases: the ledger balances, posts a key once,
// refuses what does not balance, and cannot be changed; payment agreements and runs round-trip.
#include <gtest/gtest.h>

#include <functional>

#include "domain/people/person.h"
#include "storage/contract_fixture.h"

namespace selfdirect::storage {
namespace {

class MoneyContract : public RepositoryContract {
 protected:
  Pence P(const char* s) { return *Pence::Parse(s); }

  domain::LedgerTransaction Spend(const std::string& key, const char* amount) {
    domain::LedgerTransaction t;
    t.effective_date = *Date::Parse("2026-05-01");
    t.description = "Oakwood Home Care";
    t.source = domain::LedgerSource::kStatementRow;
    t.source_ref = "statement 1 row 4";
    t.idempotency_key = key;
    t.postings = {{"People:SD-000001:Spent:Home care", P(amount)},
                  {"People:SD-000001:DirectPayment", -P(amount)}};
    return t;
  }

  std::map<std::string, Pence> Balances(CouncilId council, std::optional<PersonId> person) {
    std::map<std::string, Pence> out;
    EXPECT_TRUE(store_
                    ->Read(council,
                           [&](app::Transaction& tx) -> Status {
                             SD_ASSIGN_OR_RETURN(auto rows, tx.money().Balances(person));
                             for (auto& r : rows) out[r.account] = r.balance;
                             return OkStatus();
                           })
                    .ok());
    return out;
  }

  Result<app::AppendOutcome> Append(const domain::LedgerTransaction& t, PersonId person) {
    app::AppendOutcome outcome;
    Status s = store_->Write(council_, [&](app::Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(outcome, tx.money().Append(t, person, UserId{}, kNow));
      return OkStatus();
    });
    if (!s.ok()) return s.error();
    return outcome;
  }

  // The money dashboard's rows, keyed "team|client group|source|leaf".
  std::map<std::string, Pence> Totals(CouncilId council) {
    std::map<std::string, Pence> out;
    EXPECT_TRUE(
        store_
            ->Read(council,
                   [&](app::Transaction& tx) -> Status {
                     SD_ASSIGN_OR_RETURN(auto rows, tx.money().Totals());
                     for (auto& r : rows)
                       out[std::to_string(r.team.value()) + "|" + r.client_group + "|" +
                           std::string(domain::LedgerSourceCode(r.source)) + "|" + r.leaf] +=
                           r.amount;
                     return OkStatus();
                   })
            .ok());
    return out;
  }

  // Money between two of `person`'s accounts (or the council's), from `source`.
  domain::LedgerTransaction Move(const std::string& key, domain::LedgerSource source,
                                 const std::string& from, const std::string& to,
                                 const char* amount) {
    domain::LedgerTransaction t = Spend(key, amount);
    t.source = source;
    t.postings = {{to, P(amount)}, {from, -P(amount)}};
    return t;
  }
};

TEST_P(MoneyContract, BalancesAreTheSumsOfPostingsAndAKeyPostsOnce) {
  PersonId person = AddPerson(council_, team_, Person("Ada", "Lovelace"));
  auto first = Append(Spend("row:1", "120.50"), person);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->posted);
  ASSERT_TRUE(Append(Spend("row:2", "9.50"), person).ok());
  auto again = Append(Spend("row:1", "120.50"), person);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->posted);
  EXPECT_EQ(again->id, first->id);
  auto b = Balances(council_, person);
  EXPECT_EQ(b["People:SD-000001:Spent:Home care"], P("130.00"));
  EXPECT_EQ(b["People:SD-000001:DirectPayment"], P("-130.00"));
  // The person's balances, kept as the ledger is appended, are the sums of their postings.
  EXPECT_EQ(b, Balances(council_, std::nullopt));
  EXPECT_TRUE(Balances(other_, std::nullopt).empty());
  std::optional<app::StoredLedgerTransaction> found;
  ASSERT_TRUE(store_
                  ->Read(council_,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(found, tx.money().FindTransaction(first->id));
                           return OkStatus();
                         })
                  .ok());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->transaction.postings.size(), 2u);
  EXPECT_EQ(found->transaction.source_ref, "statement 1 row 4");
  EXPECT_EQ(found->person_id, person);
}

// The dashboard's totals are the sums of the people's postings by source, kept as the ledger is
// appended (0044); they follow each person's team and client group as they are now, and leave
// out the council's own accounts and other councils' ledgers.
TEST_P(MoneyContract, DashboardTotalsAreThePeoplesPostingsBySource) {
  using domain::LedgerSource;
  PersonId ada = AddPerson(council_, team_, Person("Ada", "Lovelace"));
  TeamId south = AddTeam(council_, "Adults South");
  domain::PersonDetails mary = Person("Mary", "Seacole");
  mary.primary_support_reason = domain::PrimarySupportReason::kLearningDisability;
  PersonId seacole = AddPerson(council_, south, mary);
  auto acct = [](PersonId p, const std::string& leaf) {
    return "People:" + domain::PersonReference(p) + ":" + leaf;
  };
  const std::string funding = acct(ada, "CouncilFunding"), dp = acct(ada, "DirectPayment");
  for (const auto& t :
       {Move("run:1", LedgerSource::kPaymentRun, funding, dp, "500.00"),
        Move("run:2", LedgerSource::kPaymentRun, funding, dp, "500.00"),
        Move("row:1", LedgerSource::kStatementRow, dp, acct(ada, "Spent:Home care"), "120.50"),
        Move("claw:1", LedgerSource::kClawback, dp, funding, "50.00")})
    ASSERT_TRUE(Append(t, ada).ok());
  ASSERT_TRUE(Append(Move("run:3", LedgerSource::kPaymentRun, acct(seacole, "CouncilFunding"),
                          acct(seacole, "DirectPayment"), "300.00"),
                     seacole)
                  .ok());
  // The council's own accounts and a second posting of a key are not counted.
  ASSERT_TRUE(
      Append(Move("bank:1", LedgerSource::kPayroll, "Council:Bank", "Council:Suspense", "9.00"),
             ada)
          .ok());
  ASSERT_TRUE(Append(Move("run:1", LedgerSource::kPaymentRun, funding, dp, "500.00"), ada).ok());
  // Nor is a transaction naming no person, which still counts in the council's balances.
  ASSERT_TRUE(store_
                  ->Write(council_,
                          [&](app::Transaction& tx) -> Status {
                            auto t =
                                Move("none:1", LedgerSource::kPayroll, dp, "Council:Bank", "7.00");
                            return tx.money().Append(t, std::nullopt, UserId{}, kNow).ok()
                                       ? OkStatus()
                                       : Status(Error::Internal("not posted"));
                          })
                  .ok());
  auto balances = Balances(council_, std::nullopt);
  EXPECT_EQ(balances["Council:Bank"], P("-2.00"));
  EXPECT_EQ(balances["Council:Suspense"], P("9.00"));
  EXPECT_EQ(balances[dp], P("822.50"));
  EXPECT_EQ(balances[acct(seacole, "DirectPayment")], P("300.00"));
  const std::string n = std::to_string(team_.value()) + "|physical_support|";
  const std::string s = std::to_string(south.value()) + "|learning_disability|";
  std::map<std::string, Pence> want = {{n + "payment_run|CouncilFunding", P("-1000.00")},
                                       {n + "payment_run|DirectPayment", P("1000.00")},
                                       {n + "statement_row|DirectPayment", P("-120.50")},
                                       {n + "statement_row|Spent:Home care", P("120.50")},
                                       {n + "clawback|DirectPayment", P("-50.00")},
                                       {n + "clawback|CouncilFunding", P("50.00")},
                                       {s + "payment_run|CouncilFunding", P("-300.00")},
                                       {s + "payment_run|DirectPayment", P("300.00")}};
  EXPECT_EQ(Totals(council_), want);
  EXPECT_TRUE(Totals(other_).empty());
  // A person who moves team is counted in their new team.
  ASSERT_TRUE(store_
                  ->RunScript("UPDATE people SET team_id = " + std::to_string(team_.value()) +
                              " WHERE council_id = " + std::to_string(council_.value()) +
                              " AND person_id = " + std::to_string(seacole.value()))
                  .ok());
  auto moved = Totals(council_);
  EXPECT_EQ(moved[std::to_string(team_.value()) + "|learning_disability|payment_run|DirectPayment"],
            P("300.00"));
  EXPECT_EQ(moved.size(), want.size());
}

TEST_P(MoneyContract, WhatDoesNotBalanceIsRefusedAndNothingIsStored) {
  PersonId person = AddPerson(council_, team_, Person("Ada", "Lovelace"));
  domain::LedgerTransaction t = Spend("row:9", "10.00");
  t.postings[1].amount = P("-9.99");
  auto r = Append(t, person);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Balances(council_, std::nullopt).empty());
}

TEST_P(MoneyContract, TheLedgerCannotBeChangedOrDeleted) {
  PersonId person = AddPerson(council_, team_, Person("Ada", "Lovelace"));
  ASSERT_TRUE(Append(Spend("row:1", "10.00"), person).ok());
  const std::string c = std::to_string(council_.value());
  for (const std::string& sql :
       {"UPDATE ledger_postings SET amount_pence = 1 WHERE council_id = " + c,
        "DELETE FROM ledger_postings WHERE council_id = " + c,
        "UPDATE ledger_transactions SET description = 'x' WHERE council_id = " + c,
        "DELETE FROM ledger_transactions WHERE council_id = " + c}) {
    EXPECT_FALSE(store_->RunScript(sql).ok()) << sql;
  }
  EXPECT_EQ(Balances(council_, person)["People:SD-000001:Spent:Home care"], P("10.00"));
  // A demo council's ledger goes with a demo refresh.
  CouncilId demo = *store_->UpsertCouncil(UniqueCode("d"), "Demo", app::CouncilKind::kDemo);
  TeamId team = AddTeam(demo, "North");
  PersonId demo_person = AddPerson(demo, team, Person("Mary", "Seacole"));
  ASSERT_TRUE(
      store_
          ->Write(
              demo,
              [&](app::Transaction& tx) -> Status {
                return tx.money().Append(Spend("row:1", "5.00"), demo_person, UserId{}, kNow).ok()
                           ? OkStatus()
                           : Status(Error::Internal("not posted"));
              })
          .ok());
  ASSERT_TRUE(store_->DeleteCouncilData(demo).ok());
  EXPECT_TRUE(Balances(demo, std::nullopt).empty());
}

TEST_P(MoneyContract, AgreementsKeepTheirTermsAndRunsTheirFiles) {
  PersonId person = AddPerson(council_, team_, Person("Ada", "Lovelace"));
  app::PaymentAgreementRecord a;
  a.person_id = person;
  a.holder = domain::AccountHolder::kNominatedPerson;
  a.holder_name = "Grace Lovelace";
  a.sort_code = "12-34-56";
  a.account_number = "12345678";
  a.terms = {*Date::Parse("2026-04-06"),
             std::nullopt,
             28,
             domain::ContributionMethod::kNet,
             {{*Date::Parse("2026-04-06"), P("450.00"), P("70.00"), false, "Plan agreed"}}};
  a.created_at = kNow;
  std::optional<app::PaymentAgreementRecord> got;
  std::vector<app::PaymentAgreementRecord> due;
  Status s = store_->Write(council_, [&](app::Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(PaymentAgreementId id, tx.money().InsertAgreement(a));
    SD_RETURN_IF_ERROR(tx.money().AddChange(
        id, {*Date::Parse("2026-05-10"), P("450.00"), P("70.00"), true, "Hospital stay"}, UserId{},
        kNow));
    SD_RETURN_IF_ERROR(tx.money().SetNextCycle(id, 2));
    SD_ASSIGN_OR_RETURN(got, tx.money().FindAgreement(id));
    SD_ASSIGN_OR_RETURN(due, tx.money().AgreementsDue(*Date::Parse("2026-04-06")));
    return OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->holder_name, "Grace Lovelace");
  EXPECT_EQ(got->next_cycle, 2);
  ASSERT_EQ(got->terms.changes.size(), 2u);
  EXPECT_TRUE(got->terms.changes[1].suspended);
  EXPECT_EQ(got->terms.changes[1].reason, "Hospital stay");
  EXPECT_EQ(due.size(), 1u);
  app::PaymentRunRecord run{PaymentRunId{},
                            *Date::Parse("2026-04-06"),
                            1,
                            P("1520.00"),
                            "sort_code,account_number\n",
                            UserId{},
                            kNow};
  s = store_->Write(council_, [&](app::Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(run.id, tx.money().InsertRun(run));
    auto second = tx.money().InsertRun(run);
    return second.ok() ? OkStatus() : Status(second.error());
  });
  EXPECT_EQ(s.error().code, ErrorCode::kAlreadyExists);
}

TEST_P(MoneyContract, ARecoveryIsDecidedOnceAndNotByItsProposer) {
  PersonId person = AddPerson(council_, team_, Person("Ada", "Lovelace"));
  app::RecoveryRecord r;
  r.person_id = person;
  r.terms = {domain::RecoveryKind::kClawback, domain::RecoveryMethod::kReducePayments, P("700.00"),
             2, "A surplus"};
  r.surplus = P("700.00");
  r.proposed_by = UserId{7};
  r.proposed_at = kNow;
  auto write = [&](const std::function<Status(app::Transaction&)>& fn) {
    return store_->Write(council_, fn);
  };
  ASSERT_TRUE(write([&](app::Transaction& tx) -> Status {
                SD_ASSIGN_OR_RETURN(r.id, tx.money().InsertRecovery(r));
                return OkStatus();
              }).ok());
  const domain::Letter letter{"We are taking back £700.00", {"Dear Ada Lovelace,", "Why: it is."}};
  Status own = write([&](app::Transaction& tx) {
    return tx.money().DecideRecovery(r.id, domain::RecoveryStatus::kApproved, UserId{7}, kNow, "",
                                     letter);
  });
  EXPECT_EQ(own.error().code, ErrorCode::kPermissionDenied);
  ASSERT_TRUE(write([&](app::Transaction& tx) {
                return tx.money().DecideRecovery(r.id, domain::RecoveryStatus::kApproved, UserId{8},
                                                 kNow, "Checked", letter);
              }).ok());
  Status twice = write([&](app::Transaction& tx) {
    return tx.money().DecideRecovery(r.id, domain::RecoveryStatus::kRejected, UserId{9}, kNow, "",
                                     {});
  });
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
  std::vector<app::RecoveryRecord> outstanding, after;
  std::optional<app::RecoveryRecord> got;
  ASSERT_TRUE(write([&](app::Transaction& tx) -> Status {
                SD_ASSIGN_OR_RETURN(outstanding, tx.money().ReductionsOutstanding());
                SD_RETURN_IF_ERROR(tx.money().AddRecovered(r.id, P("350.00"), true));
                SD_RETURN_IF_ERROR(tx.money().AddRecovered(r.id, P("350.00"), true));
                SD_ASSIGN_OR_RETURN(after, tx.money().ReductionsOutstanding());
                SD_ASSIGN_OR_RETURN(got, tx.money().FindRecovery(r.id));
                return OkStatus();
              }).ok());
  EXPECT_EQ(outstanding.size(), 1u);
  EXPECT_TRUE(after.empty());
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->status, domain::RecoveryStatus::kApproved);
  EXPECT_EQ(got->decided_by, UserId{8});
  EXPECT_EQ(got->letter.title, letter.title);
  EXPECT_EQ(got->letter.paragraphs, letter.paragraphs);
  EXPECT_EQ(got->recovered, P("700.00"));
  EXPECT_EQ(got->cycles_done, 2);
  EXPECT_EQ(got->surplus, P("700.00"));
}

INSTANTIATE_TEST_SUITE_P(Adapters, MoneyContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace selfdirect::storage
