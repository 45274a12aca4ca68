// Fuzzes the Open Referral UK CSV importer (app/directory/directory_feed.h DirectoryFeedFromCsv):
// the profile's tables joined by ids. Input: the files in the order below, separated by '\f'.
#include "app/directory/directory_feed.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  static const char* const kNames[] = {
      "organizations.csv", "services.csv",      "locations.csv",
      "address.csv",       "accessibility.csv", "service_at_location.csv",
      "schedule.csv",      "cost_options.csv",  "contacts.csv",
      "phones.csv",        "service_areas.csv", "attribute.csv",
      "taxonomies.csv",    "taxonomy_terms.csv"};
  const auto parts = fuzz::Split(fuzz::Text(data, size), '\f', std::size(kNames));
  std::map<std::string, std::string> files;
  for (size_t i = 0; i < parts.size(); ++i) files[kNames[i]] = std::string(parts[i]);
  (void)app::DirectoryFeedFromCsv(files, app::DefaultTaxonomy());
  return 0;
}
