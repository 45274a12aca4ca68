// The directory service: importing and exporting feeds (JSON and the profile's CSV files) and
// loading postcode centroids.

#include <algorithm>
#include <deque>
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

namespace {

// Where a postcode file keeps what is read (ONSPD names them pcds, lat and long).
struct PostcodeColumns {
  int postcode = -1, lat = -1, lon = -1;
  bool complete() const { return postcode >= 0 && lat >= 0 && lon >= 0; }
};

PostcodeColumns ReadPostcodeHeader(const std::vector<std::string_view>& cells) {
  PostcodeColumns c;
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string h;
    for (char ch : cells[i]) h += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if ((h == "pcds" || h == "postcode") && c.postcode < 0) c.postcode = static_cast<int>(i);
    if (h == "lat" || h == "latitude") c.lat = static_cast<int>(i);
    if (h == "long" || h == "longitude") c.lon = static_cast<int>(i);
  }
  return c;
}

// One row: its postcode's point into `out`, or a problem, or (no grid reference) skipped.
void ReadPostcodeRow(const std::vector<std::string_view>& cells, const PostcodeColumns& col,
                     int64_t line_no, PostcodeLoadReport& report,
                     std::vector<std::pair<std::string, domain::GeoPoint>>& out) {
  ++report.rows;
  const size_t need = static_cast<size_t>(std::max({col.postcode, col.lat, col.lon}));
  const std::string where = "line " + std::to_string(line_no) + ": ";
  if (cells.size() <= need) {
    report.problems.push_back(where + "has too few columns");
    return;
  }
  const std::string_view postcode_text = cells[static_cast<size_t>(col.postcode)];
  auto postcode = domain::NormalisePostcode(postcode_text);
  if (!postcode.ok()) {
    report.problems.push_back(where + "\"" + std::string(postcode_text) +
                              "\" is not a UK postcode");
    return;
  }
  const std::string_view lat_text = cells[static_cast<size_t>(col.lat)];
  if (lat_text == "99.999999") {  // ONSPD: no grid reference for this postcode.
    ++report.skipped;
    return;
  }
  auto lat = domain::ParseDegreesE6(lat_text, 90);
  auto lon = domain::ParseDegreesE6(cells[static_cast<size_t>(col.lon)], 180);
  if (!lat) {
    report.problems.push_back(where + "lat is not a latitude in decimal degrees");
    return;
  }
  if (!lon) {
    report.problems.push_back(where + "long is not a longitude in decimal degrees");
    return;
  }
  out.emplace_back(*postcode, domain::GeoPoint{*lat, *lon});
  ++report.loaded;
}

}  // namespace

PostcodeLoadReport ParsePostcodeCsv(std::string_view text,
                                    std::vector<std::pair<std::string, domain::GeoPoint>>& out) {
  PostcodeLoadReport report;
  std::vector<std::string_view> cells;
  std::deque<std::string> scratch;
  size_t at = 0;
  int64_t line_no = 0;
  bool header_read = false;
  PostcodeColumns columns;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    ++line_no;
    if (Trim(line).empty()) continue;
    if (!SplitCsvLine(line, cells, scratch)) {
      report.problems.push_back("line " + std::to_string(line_no) +
                                ": a quoted cell is not closed properly");
      continue;
    }
    if (header_read) {
      ReadPostcodeRow(cells, columns, line_no, report, out);
      continue;
    }
    header_read = true;
    columns = ReadPostcodeHeader(cells);
    if (!columns.complete()) {
      report.problems.push_back(
          "line " + std::to_string(line_no) +
          ": the header must name a postcode column (pcds or postcode) and lat and long "
          "(or latitude and longitude)");
      return report;
    }
  }
  if (!header_read) report.problems.push_back("the file is empty: it needs a header row");
  return report;
}

Result<ImportReport> DirectoryService::Import(const CallContext& ctx, const Principal& who,
                                              std::string_view feed_json) {
  if (!CanEditDirectory(who.user.role)) {
    return Error::PermissionDenied("Only directory editors can import into the directory");
  }
  return ImportIn(ctx.council, AuditOf(clock_, who, ctx, "directory.import", "", "", ""),
                  feed_json);
}

Result<ImportReport> DirectoryService::ImportAsSystem(CouncilId council,
                                                      std::string_view feed_json) {
  return ImportIn(council, AuditEntry{clock_.Now(), UserId{}, "directory.import", "", "", "", ""},
                  feed_json);
}

namespace {

// The services of a feed, flattened: a service, an array of services, a page, or an array of
// pages.
std::vector<const json::value*> FeedRows(const json::value& feed) {
  std::vector<const json::value*> rows;
  auto add_page_or_service = [&](const json::value& v) {
    if (const auto* o = v.if_object();
        o && o->contains("contents") && o->at("contents").is_array()) {
      for (const auto& s : o->at("contents").as_array()) rows.push_back(&s);
    } else {
      rows.push_back(&v);
    }
  };
  if (feed.is_array()) {
    for (const auto& v : feed.as_array()) add_page_or_service(v);
  } else {
    add_page_or_service(feed);
  }
  return rows;
}

// Reads each row as a service; a row that is not one, or that repeats an id, is a problem named by
// its row (from 1). `seen` gives each id's row.
std::vector<domain::DirectoryService> ReadFeedServices(const std::vector<const json::value*>& rows,
                                                       const Taxonomy& taxonomy,
                                                       ImportReport& report,
                                                       std::map<std::string, int64_t>& seen) {
  std::vector<domain::DirectoryService> services;
  for (size_t i = 0; i < rows.size(); ++i) {
    const int64_t row = static_cast<int64_t>(i) + 1;
    std::string id;
    if (const auto* o = rows[i]->if_object(); o && o->contains("id") && o->at("id").is_string()) {
      id = std::string(o->at("id").as_string());
    }
    auto s = ServiceFromHsds(*rows[i], taxonomy);
    if (!s.ok()) {
      auto fields = s.error().fields;
      if (fields.empty()) fields.push_back({"", s.error().message});
      report.problems.push_back({row, id, std::move(fields)});
      continue;
    }
    if (auto [it, fresh] = seen.emplace(s->id, row); !fresh) {
      report.problems.push_back(
          {row, id, {{"id", "is the same as row " + std::to_string(it->second) + "'s"}}});
      continue;
    }
    services.push_back(std::move(*s));
  }
  return services;
}

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
                                                std::string_view feed_json) {
  json::error_code ec;
  json::value feed = json::parse(feed_json, ec);
  if (ec) {
    return Error::InvalidArgument("The feed is not valid JSON: " + ec.message(),
                                  {{"feed", "is not valid JSON"}});
  }
  const std::vector<const json::value*> rows = FeedRows(feed);
  ImportReport report;
  report.rows = static_cast<int64_t>(rows.size());
  std::map<std::string, int64_t> seen;
  std::vector<domain::DirectoryService> services = ReadFeedServices(rows, taxonomy_, report, seen);
  if (!report.problems.empty()) return report;
  const FeedStore with{taxonomy_, clock_, clock_.Now(), audit.actor_user_id};
  Status written = store_.Write(council, [&](Transaction& tx) -> Status {
    std::map<std::string, domain::GeoPoint> points;
    for (auto& s : services) SD_RETURN_IF_ERROR(StoreFeedService(tx, s, with, points, report));
    AuditEntry entry = audit;
    entry.detail = std::to_string(report.added) + " added, " + std::to_string(report.updated) +
                   " updated, " + std::to_string(report.unchanged) + " unchanged";
    return tx.audit().Append(entry);
  });
  if (!written.ok()) {
    if (!report.problems.empty()) {
      // Rows are numbered by the feed: find the clashing service's row.
      for (auto& p : report.problems) p.row = seen.count(p.id) ? seen[p.id] : 0;
      report.added = report.updated = report.unchanged = 0;
      return report;
    }
    return written.error();
  }
  report.applied = true;
  return report;
}

Status DirectoryService::EachEntry(CouncilId council,
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

Result<std::string> DirectoryService::ExportJson(CouncilId council) {
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

Result<std::map<std::string, std::string>> DirectoryService::ExportCsv(CouncilId council) {
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

Result<ImportReport> DirectoryService::ImportCsv(const CallContext& ctx, const Principal& who,
                                                 const std::map<std::string, std::string>& files) {
  if (!CanEditDirectory(who.user.role)) {
    return Error::PermissionDenied("Only directory editors can import into the directory");
  }
  return ImportCsvIn(ctx.council, AuditOf(clock_, who, ctx, "directory.import", "", "", ""), files);
}

Result<ImportReport> DirectoryService::ImportCsvAsSystem(
    CouncilId council, const std::map<std::string, std::string>& files) {
  return ImportCsvIn(council,
                     AuditEntry{clock_.Now(), UserId{}, "directory.import", "", "", "", ""}, files);
}

Result<ImportReport> DirectoryService::ImportCsvIn(
    CouncilId council, const AuditEntry& audit, const std::map<std::string, std::string>& files) {
  CsvFeed feed = FeedFromHsdsCsv(files);
  ImportReport report;
  report.rows = static_cast<int64_t>(feed.services.size());
  for (auto& p : feed.problems) {
    report.problems.push_back({p.row, p.id, {std::move(p.field)}, p.file});
  }
  if (!report.problems.empty()) return report;
  SD_ASSIGN_OR_RETURN(report, ImportIn(council, audit, json::serialize(feed.services)));
  // The feed's rows are services.csv's rows.
  for (auto& p : report.problems) {
    p.file = "services.csv";
    if (p.row >= 1 && static_cast<size_t>(p.row) <= feed.service_rows.size()) {
      p.row = feed.service_rows[static_cast<size_t>(p.row) - 1];
    }
  }
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
