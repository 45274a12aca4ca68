#include "domain/money/statement.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "base/csv.h"
#include "base/text.h"

namespace selfdirect::domain {
namespace {

constexpr size_t kMaxNamedProblems = 20;

// "-12.5", "12.50", "£1,234.56", "(12.00)" is not accepted: a plain decimal with at most two
// decimals, an optional sign and an optional "£"; thousands separators are dropped.
Result<Pence> ParseStatementAmount(std::string_view text) {
  std::string plain;
  for (char c : Trim(text))
    if (c != ',') plain += c;
  return Pence::Parse(plain);
}

std::vector<std::string_view> HeaderFor(StatementFormat f) {
  if (f == StatementFormat::kCardCsv)
    return {"date", "merchant", "amount", "merchant_category_code"};
  return {"date", "description", "amount"};
}

std::string Lower(std::string_view s) { return AsciiLower(Trim(s)); }

Status CheckHeader(StatementFormat f, const CsvRecord& header) {
  const auto wanted = HeaderFor(f);
  bool ok = header.cells.size() >= wanted.size();
  for (size_t i = 0; ok && i < wanted.size(); ++i) ok = Lower(header.cells[i]) == wanted[i];
  if (ok) return Status();
  std::string names;
  for (auto w : wanted) names += (names.empty() ? "" : ",") + std::string(w);
  return Error::InvalidArgument(
      "line 1: this is not a " + std::string(f == StatementFormat::kCardCsv ? "card" : "bank") +
      " statement in the documented format: the first line must be " + names);
}

// The row of `r`, or the problem with it.
Result<StatementRow> RowOf(StatementFormat f, const CsvRecord& r) {
  const std::string at = "line " + std::to_string(r.line) + ": ";
  if (r.cells.size() < HeaderFor(f).size()) return Error::InvalidArgument(at + "too few columns");
  StatementRow row;
  row.line = r.line;
  auto date = Date::Parse(Trim(r.cells[0]));
  if (!date.ok()) return Error::InvalidArgument(at + "the date must be like 2026-12-04");
  row.date = *date;
  row.payee = std::string(Trim(r.cells[1]));
  if (row.payee.empty()) return Error::InvalidArgument(at + "the description is empty");
  auto amount = ParseStatementAmount(r.cells[2]);
  if (!amount.ok() || *amount == Pence())
    return Error::InvalidArgument(at + "the amount must be like -12.50, with at most two decimals");
  row.amount = *amount;
  if (f == StatementFormat::kCardCsv) {
    const std::string_view code = Trim(r.cells[3]);
    int mcc = 0;
    auto [end, ec] = std::from_chars(code.data(), code.data() + code.size(), mcc);
    if (ec != std::errc() || end != code.data() + code.size() || code.size() != 4)
      return Error::InvalidArgument(at + "the merchant category code must be four digits");
    row.merchant_category = mcc;
  }
  return row;
}

bool Holds(std::string_view payee, std::string_view words) {
  return !words.empty() && Lower(payee).find(Lower(words)) != std::string::npos;
}

// Words that usually name a payee of each kind of support (the plan's labels).
std::vector<std::string_view> UsualPayeeWords(std::string_view category) {
  static const std::map<std::string_view, std::vector<std::string_view>> words = {
      {"Personal assistant", {"pa wages", "wages", "salary"}},
      {"Home care", {"home care", "homecare", "domiciliary"}},
      {"Day centre", {"day centre", "day center"}},
      {"Meals", {"meals"}},
      {"Gym or fitness", {"gym", "fitness"}},
      {"Transport", {"taxi", "bus", "rail", "trains"}},
      {"Leisure", {"leisure", "swimming", "cinema", "theatre"}},
      {"Club or society", {"club", "society"}},
  };
  auto it = words.find(category);
  return it == words.end() ? std::vector<std::string_view>{} : it->second;
}

}  // namespace

std::optional<StatementFormat> ParseStatementFormat(std::string_view code) {
  if (code == "bank-csv") return StatementFormat::kBankCsv;
  if (code == "card-csv") return StatementFormat::kCardCsv;
  if (code == "ofx") return StatementFormat::kOfx;
  return std::nullopt;
}

std::string_view StatementFormatCode(StatementFormat format) {
  switch (format) {
    case StatementFormat::kBankCsv:
      return "bank-csv";
    case StatementFormat::kCardCsv:
      return "card-csv";
    case StatementFormat::kOfx:
      return "ofx";
  }
  return "bank-csv";
}

void KeyRowsByContent(std::vector<StatementRow>& rows) {
  std::map<std::string, int> seen;
  for (StatementRow& row : rows) {
    if (!row.key.empty()) continue;
    const std::string base =
        row.date.ToString() + "|" + row.amount.ToString() + "|" + Lower(row.payee);
    row.key = base + "|" + std::to_string(++seen[base]);
  }
}

Result<std::vector<StatementRow>> ParseStatement(StatementFormat format, std::string_view text) {
  if (format == StatementFormat::kOfx)
    return Error::InvalidArgument(
        "OFX statements are read by the app layer (app/money/ofx_statement.h), not here");
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<CsvRecord> records;
  int64_t bad_line = 0;
  if (!ParseCsv(text, records, bad_line))
    return Error::InvalidArgument("line " + std::to_string(bad_line) + ": a quote is not closed");
  if (records.empty()) return Error::InvalidArgument("The file is empty");
  SD_RETURN_IF_ERROR(CheckHeader(format, records.front()));
  std::vector<StatementRow> rows;
  std::vector<FieldError> problems;
  for (size_t i = 1; i < records.size(); ++i) {
    auto row = RowOf(format, records[i]);
    if (!row.ok()) {
      if (problems.size() < kMaxNamedProblems)
        problems.push_back({"line " + std::to_string(records[i].line), row.error().message});
      continue;
    }
    rows.push_back(std::move(*row));
  }
  KeyRowsByContent(rows);
  if (!problems.empty()) {
    // The message first: the order in which arguments are evaluated is not fixed.
    std::string message =
        problems.front().message +
        (problems.size() > 1 ? " (and other lines: nothing was stored)" : " (nothing was stored)");
    return Error::InvalidArgument(std::move(message), std::move(problems));
  }
  return rows;
}

Match MatchRow(const StatementRow& row, const std::vector<MatchRule>& person_rules,
               const std::vector<std::string>& plan_categories, const MatchPolicy& policy) {
  if (row.amount > Pence()) return {MatchKind::kMoneyIn, "", "Money paid in"};
  const auto& codes = policy.disallowed_categories;
  if (row.merchant_category &&
      std::find(codes.begin(), codes.end(), *row.merchant_category) != codes.end())
    return {MatchKind::kNotAllowed, "", "A direct payment cannot be spent with this kind of shop"};
  for (const std::string& w : policy.disallowed_words)
    if (Holds(row.payee, w))
      return {MatchKind::kNotAllowed, "", "A direct payment cannot be spent on this"};
  for (const MatchRule& rule : person_rules)
    if (Holds(row.payee, rule.payee_words))
      return {MatchKind::kMatched, rule.category, "Matched by the rule for " + rule.payee_words};
  for (const std::string& category : plan_categories)
    for (std::string_view w : UsualPayeeWords(category))
      if (Holds(row.payee, w)) return {MatchKind::kMatched, category, "Matched to your plan"};
  for (const MatchRule& rule : policy.rules)
    if (Holds(row.payee, rule.payee_words))
      return {MatchKind::kMatched, rule.category, "Matched by the council's rule"};
  return {MatchKind::kNotMatched, "", "Not matched to the plan: please say what it was for"};
}

}  // namespace selfdirect::domain
