#include "domain/money/direct_payment.h"

#include <gtest/gtest.h>

#include <sstream>

#include "app/golden_case.h"

namespace selfdirect::domain {
namespace {

namespace fs = std::filesystem;

Date D(const std::string& s) { return *Date::Parse(s); }
Pence P(const std::string& s) { return *Pence::Parse(s); }

// "2026-04-20 budget 482.50 contribution 70.00[ suspended][ because REASON]"
PaymentChange ParseChange(const std::string& text) {
  std::istringstream in(text);
  std::string from, word, budget, contribution;
  in >> from >> word >> budget >> word >> contribution;
  PaymentChange c{D(from), P(budget), P(contribution)};
  while (in >> word) {
    if (word == "suspended") c.suspended = true;
    if (word == "because") {
      std::getline(in >> std::ws, c.reason);
      break;
    }
  }
  return c;
}

PaymentTerms TermsOf(const testing::GoldenCase& c) {
  PaymentTerms t;
  t.start = D(c.header.at("start"));
  t.cycle_days = std::stoi(c.header.at("cycle_days"));
  t.contribution = *ParseContributionMethod(c.header.at("contribution"));
  if (c.header.contains("end")) t.end = D(c.header.at("end"));
  for (int i = 1; c.header.contains("change " + std::to_string(i)); ++i)
    t.changes.push_back(ParseChange(c.header.at("change " + std::to_string(i))));
  return t;
}

class PaymentCase : public ::testing::TestWithParam<fs::path> {};

TEST_P(PaymentCase, GivesTheExpectedPayment) {
  const testing::GoldenCase c = testing::LoadGoldenCase(GetParam());
  const PaymentTerms terms = TermsOf(c);
  ASSERT_TRUE(ValidatePaymentTerms(terms).ok());
  const CycleAmount due = AmountForCycle(terms, std::stoll(c.header.at("cycle")));
  EXPECT_EQ(due.amount.ToString(), c.expect.at("amount"));
  if (c.expect.contains("first")) {
    EXPECT_EQ(due.first.ToString(), c.expect.at("first"));
  }
  if (c.expect.contains("last")) {
    EXPECT_EQ(due.last.ToString(), c.expect.at("last"));
  }
  size_t parts = 0;
  for (; c.expect.contains("part " + std::to_string(parts + 1)); ++parts) {
    ASSERT_LT(parts, due.parts.size());
    EXPECT_EQ(due.parts[parts].explanation, c.expect.at("part " + std::to_string(parts + 1)));
  }
  EXPECT_EQ(parts, due.parts.size());
  Pence sum;
  for (const PaymentPart& p : due.parts) sum += p.amount;
  EXPECT_EQ(sum, due.amount);
}

INSTANTIATE_TEST_SUITE_P(Golden, PaymentCase,
                         ::testing::ValuesIn(testing::GoldenCaseFiles(SELFDIRECT_CASES_DIR
                                                                      "/payments")),
                         [](const auto& info) { return testing::GoldenTestName(info.param); });

PaymentTerms Simple() {
  return PaymentTerms{D("2026-04-06"),
                      std::nullopt,
                      28,
                      ContributionMethod::kNet,
                      {{D("2026-04-06"), P("450.00"), P("70.00")}}};
}

TEST(DirectPayment, CyclesDueAreInAdvanceAndStopAtTheEnd) {
  PaymentTerms t = Simple();
  EXPECT_EQ(CyclesDue(t, 0, D("2026-04-05")).size(), 0u);
  EXPECT_EQ(CyclesDue(t, 0, D("2026-04-06")).size(), 1u);
  EXPECT_EQ(CyclesDue(t, 0, D("2026-05-04")).size(), 2u);
  EXPECT_EQ(CyclesDue(t, 1, D("2026-05-04")).size(), 1u);
  t.end = D("2026-05-03");
  EXPECT_EQ(CyclesDue(t, 0, D("2027-01-01")).size(), 1u);
}

TEST(DirectPayment, RefusesTermsThatCannotBePaid) {
  PaymentTerms t = Simple();
  t.cycle_days = 0;
  t.changes.push_back({D("2026-04-01"), P("-1.00"), Pence()});
  auto s = ValidatePaymentTerms(t);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().fields.size(), 3u);
}

TEST(DirectPayment, APaymentIsCouncilFundingIntoTheAccountAndBalances) {
  const CycleAmount due = AmountForCycle(Simple(), 3);
  const LedgerTransaction t =
      PaymentTransaction("AB-000001", BudgetAccountKind::kDirectPayment, due, "dp:7");
  EXPECT_TRUE(ValidateLedgerTransaction(t).ok());
  EXPECT_EQ(t.idempotency_key, "dp:7:cycle:3");
  EXPECT_EQ(t.postings[0].account, "People:AB-000001:DirectPayment");
  EXPECT_EQ(t.postings[0].amount.ToString(), "1520.00");
  EXPECT_EQ(t.postings[1].account, "People:AB-000001:CouncilFunding");
}

TEST(Ledger, ATransactionMustBalanceAndNameItsAccounts) {
  LedgerTransaction t;
  t.effective_date = D("2026-04-06");
  t.description = "Gym";
  t.idempotency_key = "k";
  t.source = LedgerSource::kStatementRow;
  t.postings = {{"People:AB-000001:Spent:Gym", P("20.00")},
                {"People:AB-000001:DirectPayment", P("-19.99")}};
  auto s = ValidateLedgerTransaction(t);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().fields[0].message, "The postings add up to 0.01, not 0.00");
  t.postings[1] = {"People::DirectPayment", P("-20.00")};
  EXPECT_EQ(ValidateLedgerTransaction(t).error().fields[0].field, "postings[1].account");
  t.postings[1] = {"People:AB-000001:DirectPayment", P("-20.00")};
  EXPECT_TRUE(ValidateLedgerTransaction(t).ok());
  t.postings.pop_back();
  EXPECT_FALSE(ValidateLedgerTransaction(t).ok());
}

TEST(Ledger, AReversalUndoesEveryPostingAndSaysWhy) {
  LedgerTransaction t;
  t.effective_date = D("2026-04-06");
  t.description = "Taxi";
  t.idempotency_key = "row:1";
  t.postings = {{"People:AB-000001:Spent:Transport", P("12.40")},
                {"People:AB-000001:DirectPayment", P("-12.40")}};
  LedgerTransaction r = ReversalOf(t, 41, D("2026-04-10"), "Posted to the wrong person");
  EXPECT_TRUE(ValidateLedgerTransaction(r).ok());
  EXPECT_EQ(r.reverses, 41);
  EXPECT_EQ(r.postings[0].amount, P("-12.40"));
  EXPECT_EQ(r.idempotency_key, "reverse:41");
  r.reason.clear();
  EXPECT_FALSE(ValidateLedgerTransaction(r).ok());
  EXPECT_EQ(AccountLeaf("People:AB-000001:Spent:Transport"), "Spent:Transport");
}

}  // namespace
}  // namespace selfdirect::domain
