// The directory service: importing feeds (JSON and the profile's CSV files) and loading postcode
// centroids (read by postcode_csv.cc). Exports are in directory_export.cc.

#include <algorithm>
#include <set>

#include "app/directory/directory_internal.h"
#include "app/directory/directory_service.h"
#include "app/directory/hsds_csv.h"
#include "base/csv.h"
#include "base/text.h"
#include "domain/people/postcode.h"

namespace selfdirect::app {
namespace json = boost::json;
using namespace directory_internal;  // NOLINT(google-build-using-namespace): this area's own
                                     // helpers.

Result<ImportReport> DirectoryService::Import(const CallContext& ctx, const Principal& who,
                                              DirectoryFeed feed) {
  if (!CanEditDirectory(who.user.role)) {
    return Error::PermissionDenied("Only directory editors can import into the directory");
  }
  return ImportIn(ctx.council, AuditOf(clock_, who, ctx, "directory.import", "", "", ""),
                  std::move(feed));
}

Result<ImportReport> DirectoryService::ImportAsSystem(CouncilId council, DirectoryFeed feed) {
  return ImportIn(council, AuditEntry{clock_.Now(), UserId{}, "directory.import", "", "", "", ""},
                  std::move(feed));
}

namespace {

// What storing a feed needs beside each service.
struct FeedStore {
  const Taxonomy& taxonomy;
  const Clock& clock;
  Timestamp now;
  UserId by;
};

// Stores one service of a feed. Unchanged if its document is the same apart from when it was last
// modified; a service the feed does not date is dated now; a new one is due for review on the
// default date. A place that belongs to another service is a problem (and fails the write).
Status StoreFeedService(Transaction& tx, domain::DirectoryService& s, const FeedStore& with,
                        std::map<std::string, domain::GeoPoint>& points, ImportReport& report) {
  SD_RETURN_IF_ERROR(FindPoints(tx, s, points));
  SD_ASSIGN_OR_RETURN(auto existing, tx.directory().Find(s.id));
  const bool feed_dated = s.last_modified != Timestamp();
  if (existing) {
    domain::DirectoryService same = s;
    same.last_modified = existing->last_modified;
    if (json::serialize(ServiceToHsds(same, with.taxonomy)) == existing->document_json) {
      ++report.unchanged;
      return OkStatus();
    }
  }
  if (!feed_dated) s.last_modified = with.now;
  const std::string due = existing ? existing->review_due : ReviewDueDefault(with.clock);
  Status stored = tx.directory().Upsert(DirectoryRecordFor(s, with.taxonomy, due, with.by, points));
  if (!stored.ok() && stored.error().code == ErrorCode::kAlreadyExists) {
    report.problems.push_back(
        {0,
         s.id,
         {{"service_at_locations", "a place of this service belongs to another service"}}});
    return Error::FailedPrecondition("place clash");
  }
  SD_RETURN_IF_ERROR(stored);
  ++(existing ? report.updated : report.added);
  return OkStatus();
}

}  // namespace

Result<ImportReport> DirectoryService::ImportIn(CouncilId council, const AuditEntry& audit,
                                                DirectoryFeed feed) {
  ImportReport report;
  report.rows = feed.rows;
  report.problems = std::move(feed.problems);
  if (!report.problems.empty()) return report;
  const FeedStore with{taxonomy_, clock_, clock_.Now(), audit.actor_user_id};
  Status written = store_.Write(council, [&](Transaction& tx) -> Status {
    std::map<std::string, domain::GeoPoint> points;
    for (auto& s : feed.services) {
      SD_RETURN_IF_ERROR(StoreFeedService(tx, s, with, points, report));
    }
    AuditEntry entry = audit;
    entry.detail = std::to_string(report.added) + " added, " + std::to_string(report.updated) +
                   " updated, " + std::to_string(report.unchanged) + " unchanged";
    return tx.audit().Append(entry);
  });
  if (!written.ok()) {
    if (report.problems.empty()) return written.error();
    // A place clash: name the clashing service's row in the feed.
    std::map<std::string, int64_t> row_of;
    for (size_t i = 0; i < feed.services.size(); ++i)
      row_of.emplace(feed.services[i].id, feed.service_rows[i]);
    for (auto& p : report.problems) {
      p.row = row_of.count(p.id) ? row_of[p.id] : 0;
      p.file = feed.file;
    }
    report.added = report.updated = report.unchanged = 0;
    return report;
  }
  report.applied = true;
  return report;
}

Result<PostcodeLoadReport> DirectoryService::LoadPostcodes(CouncilId council,
                                                           std::string_view csv) {
  std::vector<std::pair<std::string, domain::GeoPoint>> points;
  PostcodeLoadReport report = ParsePostcodeCsv(csv, points);
  if (!report.problems.empty()) {
    report.loaded = 0;
    return report;
  }
  // One transaction: the points, and the entries whose places gain one.
  const std::set<std::string> loaded = [&] {
    std::set<std::string> codes;
    for (const auto& p : points) codes.insert(p.first);
    return codes;
  }();
  SD_RETURN_IF_ERROR(store_.Write(council, [&](Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(tx.postcodes().Put(points));
    DirectoryQuery q;
    q.limit = 500;
    std::vector<DirectoryEntryRecord> records;
    for (;;) {
      SD_ASSIGN_OR_RETURN(auto r, tx.directory().Search(q));
      for (const auto& h : r.hits) {
        SD_ASSIGN_OR_RETURN(auto s, ReadDocument(h.document_json, taxonomy_));
        bool affected = false;
        for (const auto& l : s.locations) affected = affected || loaded.count(l.postcode) > 0;
        if (!affected) continue;
        SD_ASSIGN_OR_RETURN(auto stored, tx.directory().Find(s.id));
        std::map<std::string, domain::GeoPoint> mine;
        SD_RETURN_IF_ERROR(FindPoints(tx, s, mine));
        records.push_back(DirectoryRecordFor(s, taxonomy_, h.review_due,
                                             stored ? stored->updated_by : UserId{}, mine));
      }
      if (r.hits.size() < static_cast<size_t>(q.limit)) break;
      q.offset += q.limit;
    }
    for (const auto& r : records) SD_RETURN_IF_ERROR(tx.directory().Upsert(r));
    return OkStatus();
  }));
  return report;
}

}  // namespace selfdirect::app
