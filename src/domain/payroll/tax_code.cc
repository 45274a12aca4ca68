// File: tax_code.cc
// Reading HMRC tax codes, and the free pay (or additional pay) a code gives for one period.
#include <cctype>

#include "domain/payroll/payroll.h"

namespace selfdirect::domain::payroll {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty() || s.size() > 6) return false;
  for (char ch : s)
    if (!std::isdigit(static_cast<unsigned char>(ch))) return false;
  return true;
}

int64_t Number(std::string_view digits) {
  int64_t n = 0;
  for (char ch : digits) n = n * 10 + (ch - '0');
  return n;
}

// Removes a week 1/month 1 marker (" W1", " M1", "/W1", "X") from the end of `s`.
bool StripWeek1(std::string& s) {
  auto ends = [&](std::string_view tail) {
    return s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
  };
  bool found = false;
  if (ends("W1") || ends("M1")) {
    s.resize(s.size() - 2);
    found = true;
  } else if (ends("X")) {
    s.resize(s.size() - 1);
    found = true;
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '/')) s.pop_back();
  return found;
}

Error Unknown(std::string_view text) {
  return Error::InvalidArgument(
      "\"" + std::string(text) +
      "\" is not a tax code Selfdirect knows: use the code HMRC gave, like 1257L, K475, BR, D0, "
      "D1, 0T or NT, with W1, M1 or X after it for week 1 or month 1");
}

// The code without its country prefix and basis suffix.
Result<TaxCode> ParseBody(std::string_view body, TaxCode code) {
  if (body == "BR")
    code.kind = TaxCodeKind::kBR;
  else if (body == "D0")
    code.kind = TaxCodeKind::kD0;
  else if (body == "D1")
    code.kind = TaxCodeKind::kD1;
  else if (body == "NT")
    code.kind = TaxCodeKind::kNT;
  else if (body.size() >= 2 && body[0] == 'K' && AllDigits(body.substr(1))) {
    code.kind = TaxCodeKind::kK;
    code.number = Number(body.substr(1));
  } else if (body.size() >= 2 && AllDigits(body.substr(0, body.size() - 1)) &&
             std::string_view("LMNT").find(body.back()) != std::string_view::npos) {
    code.kind = TaxCodeKind::kAllowance;
    code.number = Number(body.substr(0, body.size() - 1));
  } else {
    return Unknown(code.text);
  }
  return code;
}

}  // namespace

Result<TaxCode> ParseTaxCode(std::string_view text) {
  TaxCode code;
  for (char ch : text) code.text += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  while (!code.text.empty() && code.text.back() == ' ') code.text.pop_back();
  while (!code.text.empty() && code.text.front() == ' ') code.text.erase(0, 1);
  if (code.text.empty()) return Error::InvalidArgument("A tax code is required, like 1257L");
  std::string body = code.text;
  code.week1 = StripWeek1(body);
  if (!body.empty() && body[0] == 'S')
    return Error::InvalidArgument(
        "\"" + code.text +
        "\" is a Scottish tax code: Selfdirect runs payroll for England (and Welsh C codes) only");
  if (!body.empty() && body[0] == 'C') {
    code.welsh = true;
    body.erase(0, 1);
  }
  return ParseBody(body, std::move(code));
}

Pence PeriodCodeValue(const TaxCode& code, const PayrollYear& year, bool monthly) {
  if (code.kind != TaxCodeKind::kAllowance && code.kind != TaxCodeKind::kK) return Pence{};
  if (code.number == 0) return Pence{};
  int64_t q = (code.number - 1) / 500;
  int64_t r = (code.number - 1) % 500 + 1;
  int64_t periods = monthly ? 12 : 52;
  // (10 r + 9) pounds a year for the part below 500, per period rounded up to the penny.
  Pence part = DivideRounding(Pence::FromPounds(10 * r + 9), periods, Rounding::kUp);
  return part + (monthly ? year.free_pay_block_monthly : year.free_pay_block_weekly) * q;
}

}  // namespace selfdirect::domain::payroll
