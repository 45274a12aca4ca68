// Fuzzes the OFX statement reader (app/money/ofx_statement.h): the checks of the file's text and
// the rows from what libofx reads in its child process.
#include "app/money/ofx_statement.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)selfdirect::app::ParseOfxStatement(selfdirect::fuzz::Text(data, size));
  return 0;
}
