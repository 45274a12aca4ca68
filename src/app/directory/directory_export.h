// File: directory_export.h
// Every directory entry as an Open Referral UK feed (one JSON page, or the profile's CSV files),
// for another system or for importing again. A read-only report: the web layer gives it the
// reports store (a standby with `serve --read-database`, docs/reliability.md), so a large
// export does not load the primary; its view may lag the primary by the standby's replay lag.
//
// Thread-safety: safe to call from many threads.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "app/directory/directory_service.h"

namespace selfdirect::app {

class DirectoryExport {
 public:
  DirectoryExport(Store& store, const Taxonomy& taxonomy = DefaultTaxonomy())
      : store_(store), taxonomy_(taxonomy) {}

  // Every entry, fully nested, in one page envelope, ordered by name.
  Result<std::string> Json(CouncilId council);
  // Every entry as the profile's CSV files (file name to text).
  Result<std::map<std::string, std::string>> Csv(CouncilId council);

 private:
  // Calls `fn` for every entry in name order, in one read; `total` is their number.
  Status EachEntry(CouncilId council, const std::function<Status(const DirectoryHit&)>& fn,
                   int64_t& total);

  Store& store_;
  const Taxonomy& taxonomy_;
};

}  // namespace selfdirect::app
