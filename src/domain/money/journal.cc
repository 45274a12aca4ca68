// File: journal.cc
// The journal reader: one pass, line by line (memchr), no copies of names or descriptions.
#include "domain/money/journal.h"

#include <algorithm>
#include <cstring>

#include "base/date.h"
#include "base/text.h"

namespace selfdirect::domain::journal {
namespace {

constexpr std::string_view kPound = "\xC2\xA3";         // "£" in UTF-8.
constexpr int64_t kMaxAmountPence = 1'000'000'000'000;  // £10,000,000,000, as Pence::Parse.

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (IsBlank(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}
std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  return s;
}

int Digits2(std::string_view s, size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

// "YYYY-MM-DD" or "YYYY/MM/DD" at the start of `s`: yyyymmdd, or 0 when not a real date.
int32_t ParseDate(std::string_view s) {
  if (s.size() < 10) return 0;
  const char sep = s[4];
  if ((sep != '-' && sep != '/') || s[7] != sep) return 0;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!IsDigit(s[i])) return 0;
  const int year = Digits2(s, 0) * 100 + Digits2(s, 2);
  const int month = Digits2(s, 5), day = Digits2(s, 8);
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return 0;
  return year * 10000 + month * 100 + day;
}

// Digits, optionally grouped in threes by commas ("1,234"), '.', exactly two digits: pence, or -1.
int64_t ParseNumber(std::string_view s) {
  const size_t dot = s.find('.');
  if (dot == std::string_view::npos || dot == 0 || s.size() - dot != 3) return -1;
  if (!IsDigit(s[dot + 1]) || !IsDigit(s[dot + 2])) return -1;
  const std::string_view whole = s.substr(0, dot);
  const size_t first_comma = whole.find(',');
  int64_t pounds = 0;
  for (size_t i = 0; i < whole.size(); ++i) {
    const char c = whole[i];
    if (c == ',') {
      // Groups: 1 to 3 digits, then exactly three digits after every comma.
      if (first_comma == 0 || first_comma > 3 || (i - first_comma) % 4 != 0) return -1;
      continue;
    }
    if (!IsDigit(c)) return -1;
    if (first_comma != std::string_view::npos && i > first_comma && (i - first_comma) % 4 == 0)
      return -1;
    pounds = pounds * 10 + (c - '0');
    if (pounds > kMaxAmountPence / 100) return -1;
  }
  if (first_comma != std::string_view::npos && (whole.size() - first_comma) % 4 != 0) return -1;
  return pounds * 100 + Digits2(s, dot + 1);
}

struct Amount {
  int64_t pence = 0;
  std::string_view commodity;
};

// `£1,234.56`, `-£12.00`, `£-12.00`, `12.00 GBP` or `-12.00 GBP`.
bool ParseAmount(std::string_view s, Amount& out) {
  bool negative = false;
  if (!s.empty() && s.front() == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  if (s.starts_with(kPound)) {
    out.commodity = kPound;
    s.remove_prefix(kPound.size());
    if (!negative && !s.empty() && s.front() == '-') {
      negative = true;
      s.remove_prefix(1);
    }
  } else if (s.size() > 4 && s.ends_with(" GBP")) {
    out.commodity = "GBP";
    s.remove_suffix(4);
  } else {
    return false;
  }
  const int64_t pence = ParseNumber(s);
  if (pence < 0) return false;
  out.pence = negative ? -pence : pence;
  return true;
}

class Reader {
 public:
  Reader(std::string_view text, const ReadOptions& options) : text_(text), options_(options) {}

  Result<Journal> Run() {
    size_t at = 0;
    while (at < text_.size()) {
      const char* nl =
          static_cast<const char*>(std::memchr(text_.data() + at, '\n', text_.size() - at));
      const size_t end = nl == nullptr ? text_.size() : static_cast<size_t>(nl - text_.data());
      ++line_;
      if (!Line(TrimRight(text_.substr(at, end - at)))) return Error::InvalidArgument(error_);
      at = end + 1;
    }
    if (!Finish()) return Error::InvalidArgument(error_);
    return std::move(journal_);
  }

 private:
  struct Pending {
    std::string_view account;
    int64_t pence = 0;
    bool elided = false;
  };

  bool Fail(int line, std::string_view message) {
    error_ = "line " + std::to_string(line) + ": " + std::string(message);
    return false;
  }

  bool Line(std::string_view line) {
    if (line.empty()) return Finish();
    if (IsBlank(line.front())) {
      std::string_view rest = TrimLeft(line);
      if (rest.empty()) return Finish();
      if (rest.front() == ';') return true;
      if (!in_transaction_) return Fail(line_, "a posting must follow a transaction's date line");
      return Posting(rest);
    }
    if (line.front() == ';') return true;
    if (!Finish()) return false;
    return Header(line);
  }

  bool Header(std::string_view line) {
    const int32_t date = ParseDate(line);
    if (date == 0)
      return Fail(line_, "expected a date (YYYY-MM-DD or YYYY/MM/DD), a comment or a posting");
    std::string_view rest = line.substr(10);
    if (!rest.empty() && !IsBlank(rest.front()))
      return Fail(line_, "the date must be followed by a space");
    rest = TrimLeft(rest);
    if (!rest.empty() && (rest.front() == '*' || rest.front() == '!'))
      rest = TrimLeft(rest.substr(1));
    if (!rest.empty() && rest.front() == '(') {
      const size_t close = rest.find(')');
      if (close == std::string_view::npos) return Fail(line_, "the code in ( ) is not closed");
      rest = TrimLeft(rest.substr(close + 1));
    }
    const size_t comment = rest.find(';');
    if (comment != std::string_view::npos) rest = TrimRight(rest.substr(0, comment));
    in_transaction_ = true;
    date_ = date;
    description_ = rest;
    header_line_ = line_;
    return true;
  }

  bool Posting(std::string_view rest) {
    if ((rest.front() == '*' || rest.front() == '!') && rest.size() > 1 && rest[1] == ' ')
      rest = TrimLeft(rest.substr(1));
    if (rest.front() == '(' || rest.front() == '[')
      return Fail(line_, "virtual postings, in ( ) or [ ], are not supported");
    size_t end = 0;
    while (end < rest.size() && rest[end] != '\t' &&
           !(rest[end] == ' ' && end + 1 < rest.size() && rest[end + 1] == ' '))
      ++end;
    std::string_view account = TrimRight(rest.substr(0, end));
    if (!ValidAccount(account)) return false;
    std::string_view amount_text = TrimLeft(rest.substr(end));
    const size_t comment = amount_text.find(';');
    if (comment != std::string_view::npos) amount_text = TrimRight(amount_text.substr(0, comment));
    if (amount_text.empty()) {
      if (elided_) return Fail(line_, "only one posting of a transaction may leave out its amount");
      elided_ = true;
      pending_.push_back({account, 0, true});
      return true;
    }
    return AmountOf(account, amount_text);
  }

  bool ValidAccount(std::string_view account) {
    if (account.empty()) return Fail(line_, "a posting needs an account name");
    if (account.front() == ':' || account.back() == ':' ||
        account.find("::") != std::string_view::npos)
      return Fail(line_, "an account name has an empty part");
    if (account.find(';') != std::string_view::npos)
      return Fail(line_, "an account name cannot hold ';'");
    return true;
  }

  bool AmountOf(std::string_view account, std::string_view text) {
    Amount amount;
    if (!ParseAmount(text, amount))
      return Fail(line_,
                  "an amount is written like £1,234.56, -£12.00, £-12.00 or 12.00 GBP, with "
                  "exactly two decimals");
    if (journal_.commodity.empty()) journal_.commodity = amount.commodity;
    if (amount.commodity != journal_.commodity)
      return Fail(line_,
                  "a second commodity: this journal is in " + std::string(journal_.commodity));
    if (__builtin_add_overflow(sum_, amount.pence, &sum_))
      return Fail(line_, "the transaction's total is too large");
    pending_.push_back({account, amount.pence, false});
    return true;
  }

  bool Finish() {
    if (!in_transaction_) return true;
    in_transaction_ = false;
    if (sum_ != 0 && !elided_)
      return Fail(header_line_,
                  "the transaction does not balance: its postings add up to " + MoneyText(sum_));
    for (Pending& p : pending_) {
      if (p.elided) p.pence = -sum_;
      int64_t& balance = journal_.balances[p.account];
      if (__builtin_add_overflow(balance, p.pence, &balance))
        return Fail(header_line_, "an account's balance is too large");
      if (!options_.register_account.empty() && p.account == options_.register_account)
        journal_.register_postings.push_back({date_, description_, p.pence});
    }
    ++journal_.transactions;
    pending_.clear();
    sum_ = 0;
    elided_ = false;
    return true;
  }

  static std::string MoneyText(int64_t pence) {
    const uint64_t magnitude = pence < 0 ? 0 - static_cast<uint64_t>(pence) : pence;
    std::string cents = std::to_string(magnitude % 100);
    if (cents.size() < 2) cents.insert(0, "0");
    return std::string(pence < 0 ? "-" : "") + std::to_string(magnitude / 100) + "." + cents;
  }

  std::string_view text_;
  const ReadOptions& options_;
  Journal journal_;
  std::vector<Pending> pending_;
  std::string error_;
  std::string_view description_;
  int line_ = 0, header_line_ = 0;
  int32_t date_ = 0;
  int64_t sum_ = 0;
  bool in_transaction_ = false, elided_ = false;
};

// The first line of `text` that is not clean UTF-8 (base/text.h), 1-based.
int64_t FirstUncleanLine(std::string_view text) {
  int64_t line = 1;
  size_t at = 0;
  while (at <= text.size()) {
    const size_t end = std::min(text.find('\n', at), text.size());
    if (!IsCleanUtf8(text.substr(at, end - at))) return line;
    at = end + 1;
    ++line;
  }
  return line;
}

}  // namespace

Result<Journal> ReadJournal(std::string_view text, const ReadOptions& options) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // A byte order mark.
  if (!IsCleanUtf8(text))
    return Error::InvalidArgument("line " + std::to_string(FirstUncleanLine(text)) +
                                  ": not UTF-8 text, or it holds a control character");
  return Reader(text, options).Run();
}

bool AccountNameLess(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    if (a[i] == b[i]) continue;
    // ':' ends a part, so it sorts before every other byte.
    const unsigned ca = a[i] == ':' ? 0u : static_cast<unsigned char>(a[i]);
    const unsigned cb = b[i] == ':' ? 0u : static_cast<unsigned char>(b[i]);
    return ca < cb;
  }
  return a.size() < b.size();
}

std::vector<AccountBalance> SortedBalances(const Journal& journal, std::string_view prefix) {
  std::vector<AccountBalance> out;
  out.reserve(journal.balances.size());
  for (const auto& [account, pence] : journal.balances) {
    if (!prefix.empty() && account != prefix &&
        !(account.size() > prefix.size() && account.starts_with(prefix) &&
          account[prefix.size()] == ':'))
      continue;
    out.push_back({account, pence});
  }
  std::sort(out.begin(), out.end(), [](const AccountBalance& x, const AccountBalance& y) {
    return AccountNameLess(x.account, y.account);
  });
  return out;
}

std::vector<RegisterLine> RegisterLines(const Journal& journal) {
  std::vector<RegisterPosting> postings = journal.register_postings;
  std::stable_sort(
      postings.begin(), postings.end(),
      [](const RegisterPosting& x, const RegisterPosting& y) { return x.date < y.date; });
  std::vector<RegisterLine> out;
  out.reserve(postings.size());
  int64_t balance = 0;
  for (const RegisterPosting& p : postings) {
    balance += p.pence;
    out.push_back({p.date, p.description, p.pence, balance});
  }
  return out;
}

std::string DateText(int32_t yyyymmdd) {
  std::string out = "0000-00-00";
  int32_t v = yyyymmdd;
  for (int i : {9, 8, 6, 5, 3, 2, 1, 0}) {
    out[static_cast<size_t>(i)] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return out;
}

}  // namespace selfdirect::domain::journal
