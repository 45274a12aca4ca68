// Fuzzes the Open Referral UK importer (app/directory/directory_feed.h DirectoryFeedFromJson,
// hsds_json.h ServiceFromHsds and TaxonomyFromJson): a feed of directory services.
#include "app/directory/directory_feed.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  const std::string_view text = fuzz::Text(data, size);
  (void)app::DirectoryFeedFromJson(text, app::DefaultTaxonomy());
  boost::json::value json;
  if (!fuzz::ParseJson(text, json)) return 0;
  (void)app::TaxonomyFromJson(json);
  return 0;
}
