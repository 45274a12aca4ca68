// Fuzzes the postcode centroid CSV reader (app/directory/directory_service.h ParsePostcodeCsv):
// an ONS Postcode Directory extract uploaded by an administrator.
#include "app/directory/directory_service.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  std::vector<std::pair<std::string, domain::GeoPoint>> points;
  (void)app::ParsePostcodeCsv(fuzz::Text(data, size), points);
  return 0;
}
