// File: paye.cc
// PAYE income tax by HMRC's exact method (Specification for PAYE Tax Table Routines, as checked
// against HMRC's test data: ../shared/domain/payroll.md section 2). Amounts inside the band
// arithmetic are held in ten-thousandths of a pound, as the specification truncates band limits
// and threshold tax to four decimal places.
#include "domain/payroll/payroll_parts.h"

namespace selfdirect::domain::payroll {
namespace {

__extension__ typedef __int128 Int128;
constexpr int64_t kTenThousandths = 10000;  // Per pound.

int64_t FloorDiv(Int128 a, Int128 b) {
  Int128 q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return static_cast<int64_t>(q);
}

// Tax to date on taxable pay to date `un` over `n` of `periods` periods of the year, through
// the bands: the income test compares `un` unrounded with each band limit rounded up to the
// pound; the tax is the threshold tax plus the rate on (pay rounded down to the pound - limit),
// rounded down to the penny.
Pence BandedTax(Pence un, int n, int64_t periods, const PayrollYear& year) {
  int64_t pounds = FloorDiv(un.pence(), 100);  // Tn.
  int64_t top = 0;                             // Annual cumulative band top, pounds.
  Int128 tax_at_top = 0;                       // Annual tax up to it, ten-thousandths.
  for (size_t i = 0; i < year.bands.size(); ++i) {
    const TaxBand& band = year.bands[i];
    int64_t c = FloorDiv(Int128(top) * kTenThousandths * n, periods);
    int64_t k = FloorDiv(tax_at_top * n, periods);
    bool last = i + 1 == year.bands.size();
    if (!last) {
      int64_t next_c = FloorDiv(Int128(top + band.width_pounds) * kTenThousandths * n, periods);
      int64_t v = -FloorDiv(-Int128(next_c), kTenThousandths);  // Rounded up to the pound.
      if (un.pence() > v * 100) {
        top += band.width_pounds;
        tax_at_top += Int128(band.width_pounds) * band.rate_bp;
        continue;
      }
    }
    Int128 exact = Int128(k) * kTenThousandths +
                   (Int128(pounds) * kTenThousandths - c) * band.rate_bp;  // 1e-8 pounds.
    return Pence::FromPence(FloorDiv(exact, Int128(1000000)));
  }
  return Pence{};
}

// Pay to date rounded down to the pound, at one rate (BR, D0, D1).
Pence FlatTax(Pence pay_to_date, int64_t rate_bp) {
  if (pay_to_date <= Pence{}) return Pence{};
  Pence pounds = Pence::FromPounds(FloorDiv(pay_to_date.pence(), 100));
  return MultiplyRatio(pounds, rate_bp, 10000, Rounding::kDown);
}

void TaxToDate(const TaxInput& in, const PayrollYear& year, TaxResult& r) {
  int64_t periods = r.monthly ? 12 : 52;
  r.taxable_to_date = r.pay_to_date;
  switch (in.code.kind) {
    case TaxCodeKind::kNT:
      r.tax_to_date = Pence{};
      return;
    case TaxCodeKind::kBR:
      r.tax_to_date = FlatTax(r.pay_to_date, year.br_rate_bp);
      return;
    case TaxCodeKind::kD0:
      r.tax_to_date = FlatTax(r.pay_to_date, year.d0_rate_bp);
      return;
    case TaxCodeKind::kD1:
      r.tax_to_date = FlatTax(r.pay_to_date, year.d1_rate_bp);
      return;
    case TaxCodeKind::kAllowance:
    case TaxCodeKind::kK:
      break;
  }
  r.code_value_to_date = PeriodCodeValue(in.code, year, r.monthly) * r.n;
  r.taxable_to_date = in.code.kind == TaxCodeKind::kK ? r.pay_to_date + r.code_value_to_date
                                                      : r.pay_to_date - r.code_value_to_date;
  r.tax_to_date =
      r.taxable_to_date <= Pence{} ? Pence{} : BandedTax(r.taxable_to_date, r.n, periods, year);
}

}  // namespace

TaxResult CalculateTax(const TaxInput& in, const PayrollYear& year) {
  TaxResult r;
  r.monthly = in.frequency == Frequency::kMonthly;
  bool week53 = !r.monthly && in.period >= 53;
  r.week1 = in.week1 || in.code.week1 || week53;
  r.n = r.week1 ? (r.monthly ? 1 : WeeksPerPeriod(in.frequency)) : in.period;
  r.pay_to_date = r.week1 ? in.taxable_pay : in.previous_taxable_pay + in.taxable_pay;
  TaxToDate(in, year, r);
  r.tax_before_limit = r.week1 ? r.tax_to_date : r.tax_to_date - in.previous_tax;
  Pence limit = MultiplyRatio(in.taxable_pay, year.overriding_limit_bp, 10000, Rounding::kDown);
  if (limit < Pence{}) limit = Pence{};
  r.tax = r.tax_before_limit;
  if (r.tax > limit) {
    r.tax = limit;
    r.limited = true;
  }
  return r;
}

}  // namespace selfdirect::domain::payroll
