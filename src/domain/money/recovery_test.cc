#include "domain/money/recovery.h"

#include <gtest/gtest.h>

#include "app/golden_case.h"
#include "domain/money/monitoring.h"

namespace selfdirect::domain {
namespace {

Pence P(const std::string& s) { return *Pence::Parse(s); }

std::vector<Pence> List(const std::string& text) {
  std::vector<Pence> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string part = text.substr(start, comma - start);
    part.erase(0, part.find_first_not_of(' '));
    out.push_back(P(part));
    start = comma + 1;
  }
  return out;
}

std::string Join(const std::vector<Pence>& v) {
  std::string s;
  for (const Pence& p : v) s += (s.empty() ? "" : ", ") + p.ToString();
  return s;
}

std::string Or(const testing::GoldenCase& c, const std::string& key, const std::string& dflt) {
  return c.header.contains(key) ? c.header.at(key) : dflt;
}

class RecoveryCase : public ::testing::TestWithParam<std::filesystem::path> {};

// Works out the amount (the surplus above the threshold when the case says "recoverable"), checks
// the terms, then pays each payment in turn less its reduction, as the payment runs do.
TEST_P(RecoveryCase, RecoversAsTheCaseSays) {
  const testing::GoldenCase c = testing::LoadGoldenCase(GetParam());
  AccountFacts facts;
  facts.balance = P(c.header.at("balance"));
  facts.weekly_payment = P(c.header.at("weekly_payment"));
  facts.unpaid_liabilities = P(Or(c, "unpaid_liabilities", "0.00"));
  const SurplusWorking w = WorkOutSurplus(facts, MonitoringPolicy{});
  if (c.expect.contains("recoverable")) {
    EXPECT_EQ(w.recoverable.ToString(), c.expect.at("recoverable"));
  }
  RecoveryTerms terms{
      *ParseRecoveryKind(c.header.at("kind")), *ParseRecoveryMethod(c.header.at("method")),
      c.header.at("amount") == "recoverable" ? w.recoverable : P(c.header.at("amount")),
      std::stoll(Or(c, "cycles", "1")), "A surplus"};
  const RecoveryLimits limits{facts.balance, P(Or(c, "contributions", "0.00")),
                              Pence::FromPence(facts.weekly_payment.pence() * 4), w.recoverable};
  ASSERT_TRUE(ValidateRecovery(terms, limits).ok());
  Pence balance = facts.balance, recovered;
  if (terms.method == RecoveryMethod::kFromAccount) {
    LedgerTransaction t =
        RecoveryTransaction("AB-1", BudgetAccountKind::kDirectPayment, terms.kind, terms.amount,
                            *Date::Parse("2026-12-04"), "recovery:1");
    ASSERT_TRUE(ValidateLedgerTransaction(t).ok());
    balance += t.postings[0].amount;
    recovered = terms.amount;
  }
  std::vector<Pence> reductions, paid;
  int64_t done = 0;
  for (const Pence& payment : List(c.header.at("payments"))) {
    const Pence r = ReductionOf(terms, recovered, done, payment);
    if (r > Pence()) ++done;
    recovered += r;
    reductions.push_back(r);
    paid.push_back(payment - r);
  }
  EXPECT_EQ(recovered, terms.amount);
  EXPECT_EQ(Join(reductions), c.expect.at("reductions"));
  EXPECT_EQ(Join(paid), c.expect.at("paid"));
  EXPECT_EQ(balance.ToString(), c.expect.at("balance_after"));
}

INSTANTIATE_TEST_SUITE_P(Golden, RecoveryCase,
                         ::testing::ValuesIn(testing::GoldenCaseFiles(SELFDIRECT_CASES_DIR
                                                                      "/recovery")),
                         [](const auto& info) { return testing::GoldenTestName(info.param); });

TEST(Recovery, RefusesTermsThatCannotWorkNamingTheField) {
  const RecoveryLimits limits{P("500.00"), P("100.00"), P("1520.00"), P("200.00")};
  auto fields = [&](const RecoveryTerms& t) {
    std::vector<std::string> out;
    Status s = ValidateRecovery(t, limits);
    if (!s.ok())
      for (const auto& f : s.error().fields) out.push_back(f.field + ": " + f.message);
    return out;
  };
  using K = RecoveryKind;
  using M = RecoveryMethod;
  EXPECT_EQ(fields({K::kClawback, M::kFromAccount, P("600.00"), 1, "Surplus"}),
            std::vector<std::string>{
                "amount: The account holds £500.00: take no more than that from it"});
  EXPECT_EQ(fields({K::kClawback, M::kReducePayments, P("4000.00"), 2, "Surplus"}),
            std::vector<std::string>{
                "cycles: 2 payments of £1,520.00 cannot cover it: share it over more payments"});
  EXPECT_EQ(fields({K::kClawback, M::kReducePayments, P("100.00"), 14, "Surplus"}),
            std::vector<std::string>{"cycles: Share it over 1 to 13 payments"});
  EXPECT_EQ(fields({K::kContributionRefund, M::kFromAccount, P("150.00"), 1, ""}).size(), 2u);
  EXPECT_EQ(fields({K::kContributionRefund, M::kReducePayments, P("50.00"), 1, "Over"}).size(), 1u);
  EXPECT_EQ(fields({K::kClawback, M::kFromAccount, Pence(), 1, "Surplus"}).size(), 1u);
  EXPECT_TRUE(fields({K::kClawback, M::kReducePayments, P("3040.00"), 2, "Surplus"}).empty());
  EXPECT_EQ(fields({K::kSurplus, M::kFromAccount, P("250.00"), 1, "Surplus"}),
            std::vector<std::string>{
                "amount: The surplus above 8 weeks' payments is £200.00: take no more than that"});
}

TEST(Recovery, WritesTheLetterInPlainEnglish) {
  LetterFacts f;
  f.person_name = "Ann Example";
  f.date = *Date::Parse("2026-12-04");
  f.terms = {RecoveryKind::kSurplus, RecoveryMethod::kReducePayments, P("2200.00"), 3,
             "Your account has built up more money than your support needs."};
  f.account_label = "direct payment account";
  f.payment_dates = {*Date::Parse("2026-12-28"), *Date::Parse("2027-01-25")};
  f.surplus_working = P("2200.00");
  const Letter l = RecoveryLetter(f);
  EXPECT_EQ(l.title, "We are taking back £2,200.00 of your budget");
  ASSERT_EQ(l.paragraphs.size(), 7u);
  EXPECT_EQ(l.paragraphs[0], "Dear Ann Example,");
  EXPECT_EQ(l.paragraphs[4],
            "You do not need to pay anything back. Instead, your next 3 payments will be smaller: "
            "£733.34 less on 28 December 2026; £733.33 less on 25 January 2027; £733.33 less.");
  f.terms = {RecoveryKind::kContributionRefund, RecoveryMethod::kFromAccount, P("120.00"), 1,
             "You paid more than your assessed charge."};
  const Letter refund = RecoveryLetter(f);
  f.terms.kind = RecoveryKind::kClawback;
  f.terms.reason = "A payment was made twice by mistake.";
  const Letter other = RecoveryLetter(f);
  EXPECT_EQ(other.paragraphs[1],
            "We are taking back £120.00 of the money paid into your direct payment account.");
  EXPECT_EQ(other.paragraphs.size(), 6u) << "no surplus working for a clawback of another kind";
  EXPECT_EQ(refund.title, "We are refunding some of your contribution");
  EXPECT_EQ(refund.paragraphs[3],
            "We are paying £120.00 back to you from your direct payment account. You do not need "
            "to do anything.");
}

}  // namespace
}  // namespace selfdirect::domain
