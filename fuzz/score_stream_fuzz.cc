// Fuzzes `ras score` (app/ras/allocation_json.h StreamScores) with the shipped allocation table:
// a stream of people's answers, each read with AnswersFromJson.
#include "app/ras/allocation_json.h"
#include "base/embedded_file.h"
#include "fuzz/fuzz_input.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& AllocationTables();
}  // namespace selfdirect::embedded

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  static const domain::AllocationTable table =
      *app::AllocationTableFromText(embedded::AllocationTables().front().content);
  fuzz::WithStreams(fuzz::Text(data, size),
                    [](std::FILE* in, std::FILE* out) { app::StreamScores(table, in, out); });
  return 0;
}
