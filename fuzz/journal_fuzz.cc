// Fuzzes the ledger/hledger journal reader (domain/money/journal.h, `ledger check`).
#include "domain/money/journal.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect::domain::journal;
  const std::string_view text = selfdirect::fuzz::Text(data, size);
  (void)ReadJournal(text);
  (void)ReadJournal(text, {.register_account = "Assets:DirectPayment:P00001"});
  return 0;
}
