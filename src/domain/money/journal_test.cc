#include "domain/money/journal.h"

#include <gtest/gtest.h>

namespace selfdirect::domain::journal {
namespace {

int64_t BalanceOf(const Journal& j, std::string_view account) {
  auto it = j.balances.find(account);
  return it == j.balances.end() ? INT64_MIN : it->second;
}

std::string ErrorOf(std::string_view text) {
  auto j = ReadJournal(text);
  return j.ok() ? "accepted" : j.error().message;
}

TEST(Journal, SumsEachAccountsOwnPostings) {
  const std::string text =
      "; paid every four weeks\n"
      "2024-04-01 * (DP1) Council direct payment\n"
      "    Assets:DirectPayment:P00001  £1,950.00\n"
      "    Income:Council  -£1,950.00  ; net of contribution\n"
      "\n"
      "2024/04/05 PA wages\n"
      "    Expenses:Care:PA  £322.50\n"
      "    Assets:DirectPayment:P00001\n";
  auto j = ReadJournal(text);
  ASSERT_TRUE(j.ok()) << j.error().message;
  EXPECT_EQ(BalanceOf(*j, "Assets:DirectPayment:P00001"), 162750);
  EXPECT_EQ(BalanceOf(*j, "Income:Council"), -195000);
  EXPECT_EQ(BalanceOf(*j, "Expenses:Care:PA"), 32250);
  EXPECT_EQ(j->transactions, 2);
  EXPECT_EQ(j->commodity, "\xC2\xA3");
}

TEST(Journal, ReadsEveryWayOfWritingAnAmountInOneCommodity) {
  auto j = ReadJournal(
      "2024-01-01 x\n  A  -£12.00\n  B  £-1.50\n  C  £13.50\n\n"
      "2024-01-02 y\n  A  £1,234,567.89\n  B\n");
  ASSERT_TRUE(j.ok()) << j.error().message;
  EXPECT_EQ(BalanceOf(*j, "A"), 123456789 - 1200);
  EXPECT_EQ(BalanceOf(*j, "B"), -150 - 123456789);
  auto g = ReadJournal("2024-01-01 x\n  Assets:Bank\t12.00 GBP\n  Income  -12.00 GBP\n");
  ASSERT_TRUE(g.ok()) << g.error().message;
  EXPECT_EQ(g->commodity, "GBP");
}

TEST(Journal, RefusesWhatIsOutsideTheSubsetNamingTheLine) {
  EXPECT_EQ(ErrorOf("2024-01-01 x\n  A  £1.00\n  B  -£2.00\n"),
            "line 1: the transaction does not balance: its postings add up to -1.00");
  EXPECT_EQ(ErrorOf("2024-01-01 x\n  A  £1.00\n  B  -£1.00\n\n2024-01-02 y\n  A  1.00 GBP\n  B\n")
                .substr(0, 28),
            "line 6: a second commodity: ");
  EXPECT_EQ(ErrorOf("2024-01-01 x\n  A  £1.005\n  B\n").substr(0, 20), "line 2: an amount is");
  EXPECT_EQ(ErrorOf("2024-01-01 x\n  A  £1.0\n  B\n").substr(0, 20), "line 2: an amount is");
  EXPECT_EQ(ErrorOf("2024-01-01 x\n  A  £12,34.00\n  B\n").substr(0, 20), "line 2: an amount is");
  EXPECT_EQ(ErrorOf("2024-01-01 x\n  A  1.00\n  B\n").substr(0, 20), "line 2: an amount is");
  EXPECT_EQ(ErrorOf("2024-01-01 x\n  A\n  B\n").substr(0, 12), "line 3: only");
  EXPECT_EQ(ErrorOf("2024-02-30 x\n  A  £1.00\n  B\n").substr(0, 23), "line 1: expected a date");
  EXPECT_EQ(ErrorOf("  A  £1.00\n").substr(0, 18), "line 1: a posting ");
  EXPECT_EQ(ErrorOf("2024-01-01 x\n  A  £1.00\n\n  B  -£1.00\n").substr(0, 9), "line 1: t");
  EXPECT_EQ(ErrorOf("2024-01-01 x\n  (A)  £1.00\n  B\n").substr(0, 16), "line 2: virtual ");
  EXPECT_EQ(ErrorOf("2024-01-01 x\n  A::B  £1.00\n  B\n").substr(0, 12), "line 2: an a");
  EXPECT_EQ(ErrorOf("2024-01-01 x\n  A  £1.00 = £5.00\n  B\n").substr(0, 20),
            "line 2: an amount is");
  EXPECT_EQ(ErrorOf("2024-01-01 x\n  A  £1.00\n  B\n\n2024-01-02 caf\xE9\n  A  £1.00\n  B\n")
                .substr(0, 20),
            "line 5: not UTF-8 te");
}

TEST(Journal, KeepsAZeroBalanceAndTheEmptyJournal) {
  auto j = ReadJournal("2024-01-01 x\n  A  £5.00\n  B\n\n2024-01-02 y\n  B  £5.00\n  A\n");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(BalanceOf(*j, "A"), 0);
  EXPECT_EQ(SortedBalances(*j, "").size(), 2u);
  auto empty = ReadJournal("; nothing yet\n\n");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->balances.empty());
}

TEST(Journal, SortsAccountsPartByPartByByteValue) {
  EXPECT_TRUE(AccountNameLess("Expenses:Care:PA", "Expenses:Care Home"));
  EXPECT_TRUE(AccountNameLess("Assets", "Assets:Bank"));
  EXPECT_TRUE(AccountNameLess("Zebra", "apple"));
  EXPECT_FALSE(AccountNameLess("Assets:Bank", "Assets"));
  auto j = ReadJournal(
      "2024-01-01 x\n  Expenses:Care Home  £1.00\n  Expenses:Care:PA  £2.00\n"
      "  Expenses:Care  £3.00\n  Expenses:Carer  £4.00\n  Assets  -£10.00\n");
  ASSERT_TRUE(j.ok());
  std::vector<std::string_view> names;
  for (const auto& b : SortedBalances(*j, "Expenses")) names.push_back(b.account);
  EXPECT_EQ(names, (std::vector<std::string_view>{"Expenses:Care", "Expenses:Care:PA",
                                                  "Expenses:Care Home", "Expenses:Carer"}));
  // A prefix is a whole part: "Expenses:Care" does not take in "Expenses:Care Home".
  EXPECT_EQ(SortedBalances(*j, "Expenses:Care").size(), 2u);
}

TEST(Journal, RegistersInDateOrderThenFileOrderWithTheRunningBalance) {
  const std::string text =
      "2024-04-05 PA wages\n  E  £322.50\n  DP\n\n"
      "2024-04-01 * (7) Payment\n  DP  £1,950.00\n  Income\n\n"
      "2024-04-05 Gym\n  E  £20.00\n  DP\n";
  auto j = ReadJournal(text, {.register_account = "DP"});
  ASSERT_TRUE(j.ok());
  auto lines = RegisterLines(*j);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].description, "Payment");
  EXPECT_EQ(lines[1].description, "PA wages");
  EXPECT_EQ(lines[1].running_balance, 162750);
  EXPECT_EQ(lines[2].running_balance, 160750);
  EXPECT_EQ(DateText(lines[2].date), "2024-04-05");
}

}  // namespace
}  // namespace selfdirect::domain::journal
