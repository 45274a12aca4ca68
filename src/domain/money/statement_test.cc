#include "domain/money/statement.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

const MatchPolicy kPolicy{{7995, 5921, 5993, 6011},
                          {"wine merchants"},
                          {{"hmrc", "PA employer costs"}, {"nest pension", "PA employer costs"}}};

TEST(Statement, ReadsABankStatementAndKeysRepeatedRows) {
  auto rows = ParseStatement(StatementFormat::kBankCsv,
                             "Date,Description,Amount,Balance\n"
                             "2026-11-02,Oakwood Home Care,-412.50,1107.50\n"
                             "2026-11-03,\"Vale Taxis, Ltd\",-12.00,1095.50\n"
                             "2026-11-03,\"Vale Taxis, Ltd\",-12.00,1083.50\n"
                             "2026-11-04,Contribution,\"1,040.00\",2123.50\n");
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0].amount.ToString(), "-412.50");
  EXPECT_EQ((*rows)[1].payee, "Vale Taxis, Ltd");
  EXPECT_NE((*rows)[1].key, (*rows)[2].key);  // Two taxis on one day are two rows...
  auto again = ParseStatement(StatementFormat::kBankCsv,
                              "date,description,amount\n2026-11-03,Vale Taxis, Ltd,-12.00\n");
  EXPECT_FALSE(again.ok());  // (an unquoted comma makes a fourth column: too few is refused)
  auto overlap = ParseStatement(StatementFormat::kBankCsv,
                                "date,description,amount\n2026-11-03,\"Vale Taxis, Ltd\",-12.00\n");
  ASSERT_TRUE(overlap.ok());
  EXPECT_EQ((*overlap)[0].key, (*rows)[1].key);  // ...and the same row in another file is one.
  EXPECT_EQ((*rows)[3].amount.ToString(), "1040.00");
}

TEST(Statement, RefusesTheWholeFileNamingEachBadLine) {
  auto bad = ParseStatement(StatementFormat::kBankCsv,
                            "date,description,amount\n2026-11-02,Gym,-20.005\n"
                            "2026-13-01,Gym,-20.00\n2026-11-04,,-3.00\n2026-11-05,Bus,-2.50\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.size(), 3u);
  EXPECT_EQ(bad.error().fields[0].field, "line 2");
  EXPECT_EQ(bad.error().fields[1].field, "line 3");
  EXPECT_EQ(bad.error().message.substr(0, 14), "line 2: the am");
  auto card_as_bank =
      ParseStatement(StatementFormat::kBankCsv, "date,merchant,amount,merchant_category_code\n");
  ASSERT_FALSE(card_as_bank.ok());
  EXPECT_EQ(card_as_bank.error().message.substr(0, 40), "line 1: this is not a bank statement in ");
  EXPECT_FALSE(ParseStatement(StatementFormat::kBankCsv, "").ok());
}

TEST(Statement, MatchesThePersonsRulesThenThePlanThenTheCouncils) {
  auto rows = ParseStatement(StatementFormat::kCardCsv,
                             "date,merchant,amount,merchant_category_code\n"
                             "2026-11-02,Lucky Bets,-10.00,7995\n"
                             "2026-11-02,Oakwood Care Ltd,-80.00,8099\n"
                             "2026-11-02,Vale Gym,-30.00,7997\n"
                             "2026-11-02,HMRC PAYE,-41.20,9311\n"
                             "2026-11-02,Corner Shop,-6.10,5411\n");
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  const std::vector<MatchRule> mine = {{"oakwood", "Home care"}};
  const std::vector<std::string> plan = {"Home care", "Gym or fitness"};
  EXPECT_EQ(MatchRow((*rows)[0], mine, plan, kPolicy).kind, MatchKind::kNotAllowed);
  EXPECT_EQ(MatchRow((*rows)[1], mine, plan, kPolicy).category, "Home care");
  EXPECT_EQ(MatchRow((*rows)[2], mine, plan, kPolicy).category, "Gym or fitness");
  EXPECT_EQ(MatchRow((*rows)[3], mine, plan, kPolicy).category, "PA employer costs");
  EXPECT_EQ(MatchRow((*rows)[4], mine, plan, kPolicy).kind, MatchKind::kNotMatched);
  EXPECT_FALSE(
      ParseStatement(StatementFormat::kCardCsv,
                     "date,merchant,amount,merchant_category_code\n2026-11-02,X,-1.00,79\n")
          .ok());
  StatementRow wine{
      1,  *Date::Parse("2026-11-02"), "Vale Wine Merchants", Pence::FromPence(-2350), std::nullopt,
      "k"};
  EXPECT_EQ(MatchRow(wine, mine, plan, kPolicy).kind, MatchKind::kNotAllowed);
}

}  // namespace
}  // namespace selfdirect::domain
