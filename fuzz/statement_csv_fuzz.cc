// Fuzzes the bank and card statement CSV readers (domain/money/statement.h ParseStatement).
// Input: the first byte chooses the format (even: bank-csv, odd: card-csv), the rest is the file.
#include "domain/money/statement.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  if (size == 0) return 0;
  const auto format =
      data[0] % 2 == 0 ? domain::StatementFormat::kBankCsv : domain::StatementFormat::kCardCsv;
  auto rows = domain::ParseStatement(format, fuzz::Text(data + 1, size - 1));
  if (rows.ok()) domain::KeyRowsByContent(*rows);
  return 0;
}
