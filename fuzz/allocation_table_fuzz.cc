// Fuzzes the allocation table reader (app/ras/allocation_json.h AllocationTableFromText): tables
// a council uploads or passes to `ras score --table`, and the loose answers reader.
#include "app/ras/allocation_json.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  const std::string_view text = fuzz::Text(data, size);
  auto table = app::AllocationTableFromText(text);
  if (table.ok()) (void)app::AllocationTableToJson(*table);
  boost::json::value json;
  if (fuzz::ParseJson(text, json)) (void)app::AnswersFromJson(json);
  return 0;
}
