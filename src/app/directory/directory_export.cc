// Directory exports (directory_export.h): every entry as one Open Referral UK page or as the
// profile's CSV files.
#include "app/directory/directory_export.h"

#include <algorithm>
#include <vector>

#include "app/directory/directory_internal.h"
#include "app/directory/hsds_csv.h"
#include "app/directory/hsds_json.h"

namespace selfdirect::app {
namespace json = boost::json;
using namespace directory_internal;  // NOLINT(google-build-using-namespace): this area's own
                                     // helpers.

Status DirectoryExport::EachEntry(CouncilId council,
                                  const std::function<Status(const DirectoryHit&)>& fn,
                                  int64_t& total) {
  return store_.Read(council, [&](Transaction& tx) -> Status {
    DirectoryQuery q;
    q.limit = 1000;
    for (;;) {
      SD_ASSIGN_OR_RETURN(auto r, tx.directory().Search(q));
      total = r.total;
      for (const auto& h : r.hits) SD_RETURN_IF_ERROR(fn(h));
      if (r.hits.size() < static_cast<size_t>(q.limit)) break;
      q.offset += q.limit;
    }
    return OkStatus();
  });
}

Result<std::string> DirectoryExport::Json(CouncilId council) {
  json::array contents;
  int64_t total = 0;
  SD_RETURN_IF_ERROR(EachEntry(
      council,
      [&](const DirectoryHit& h) -> Status {
        json::error_code ec;
        contents.push_back(json::parse(h.document_json, ec));
        if (ec) return Error::Internal("A stored directory entry is not JSON");
        return OkStatus();
      },
      total));
  // One page holding everything.
  return json::serialize(
      HsdsPage(std::move(contents), total, 1, static_cast<int>(std::max<int64_t>(total, 1))));
}

Result<std::map<std::string, std::string>> DirectoryExport::Csv(CouncilId council) {
  std::vector<domain::DirectoryService> services;
  int64_t total = 0;
  SD_RETURN_IF_ERROR(EachEntry(
      council,
      [&](const DirectoryHit& h) -> Status {
        SD_ASSIGN_OR_RETURN(auto s, ReadDocument(h.document_json, taxonomy_));
        services.push_back(std::move(s));
        return OkStatus();
      },
      total));
  return HsdsCsvFiles(services, taxonomy_);
}

}  // namespace selfdirect::app
