// File: statement.h
// Statements in (issue 20): bank statements and prepaid-card transaction files as rows, and each
// row matched to the person's plan. Formats are documented in docs/money.md:
//   bank CSV:  date,description,amount[,balance]          (amount: money out is negative)
//   card CSV:  date,merchant,amount,merchant_category_code
//   OFX:       the file a bank's website downloads (OFX 1.x SGML or 2.x XML). The domain stays
//   pure:
//              app/money/ofx_statement.h reads it with libofx into the same rows.
// Amounts have at most two decimals; a bad row is named with its line and the whole file is
// refused, so nothing of a bad file is stored.
//
// Matching (rules.md 1.8, 5): a row goes to a kind of support in the plan when a rule taught by the
// person or a finance officer names its payee ("Oakwood Home Care" -> home care), or a council
// rule does (HMRC and pension payments -> PA employer costs); a card row whose merchant category
// code is one a direct payment may not buy (gambling, alcohol, tobacco, cash...) is flagged as not
// allowed, whatever the rules say. What does not match waits for the person's explanation.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/pence.h"
#include "base/result.h"

namespace selfdirect::domain {

enum class StatementFormat { kBankCsv, kCardCsv, kOfx };
// "bank-csv", "card-csv" or "ofx"; nullopt for anything else.
std::optional<StatementFormat> ParseStatementFormat(std::string_view code);
// The format's code, as ParseStatementFormat reads it and as statement imports record it.
std::string_view StatementFormatCode(StatementFormat format);

struct StatementRow {
  int64_t line = 0;  // In the file, 1-based.
  Date date;
  std::string payee;
  Pence amount;  // Money in is positive, money out negative.
  std::optional<int> merchant_category;
  // The row's identity across files, so overlapping statements post each row once: for CSV rows
  // their date, amount, payee and which repeat of those it is on that day (KeyRowsByContent);
  // for OFX rows the bank's own transaction id ("ofx:" + FITID).
  std::string key;
};

// The rows of a CSV file, or kInvalidArgument naming every bad line (at most 20) by its number.
// kOfx is kInvalidArgument too: OFX is read by the app layer (app/money/ofx_statement.h), which
// has the parser library; the domain does no I/O.
Result<std::vector<StatementRow>> ParseStatement(StatementFormat format, std::string_view text);

// Gives each row of `rows` whose key is empty the key CSV rows have: its date, amount and payee
// (case-insensitively) and which repeat of those it is among the rows keyed so, in order.
void KeyRowsByContent(std::vector<StatementRow>& rows);

// A payee rule: rows whose payee holds `payee_words` (compared case-insensitively) go to
// `category` (a label the person reads, "Home care").
struct MatchRule {
  std::string payee_words;
  std::string category;
};

struct MatchPolicy {
  std::vector<int> disallowed_categories;     // Merchant category codes a payment may not buy.
  std::vector<std::string> disallowed_words;  // Payee words flagged on bank rows too.
  std::vector<MatchRule> rules;               // The council's own, tried after the person's.
};

enum class MatchKind { kMatched, kNotMatched, kNotAllowed, kMoneyIn };
struct Match {
  MatchKind kind = MatchKind::kNotMatched;
  std::string category;  // For kMatched.
  std::string why;       // In plain English, for the person and the finance officer.
};

// Matches `row` with the person's rules first, then the plan's kinds of support by their usual
// payees (`plan_categories`: labels), then the council's rules.
Match MatchRow(const StatementRow& row, const std::vector<MatchRule>& person_rules,
               const std::vector<std::string>& plan_categories, const MatchPolicy& policy);

}  // namespace selfdirect::domain
