// Fills a database's demo council with many directory entries for bench/directory.sh (issue 7:
// 100,000 services; `/openreferral/services?search=` and a 5-mile postcode search answer p99 under
// 50 ms at 16 connections). Usage: directory_seed DATABASE_URL COUNT
//
// Entries are the demo's 324 (data/directory/demo-services.json) copied with new ids and
// numbered names, each at a place at one of the demo area's 720 sample postcodes, so that every
// word, kind, day and distance search has realistic numbers of matches. They go in through the
// repository call an editor's save makes, 2,000 to a transaction.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "app/demo.h"
#include "app/directory/directory_service.h"
#include "storage/sql/sql_store.h"

int main(int argc, char** argv) {
  using namespace selfdirect;  // NOLINT(google-build-using-namespace): a small tool.
  if (argc != 3) {
    std::fprintf(stderr, "usage: directory_seed DATABASE_URL COUNT\n");
    return 2;
  }
  const int64_t count = std::atoll(argv[2]);
  auto store = storage::OpenStore(argv[1]);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.error().message.c_str());
    return 1;
  }
  auto council = (*store)->FindCouncil("demo");
  if (!council.ok() || !*council) {
    std::fprintf(stderr, "run `selfdirect demo` on the database first\n");
    return 1;
  }
  const CouncilId id = (*council)->id;
  const auto& taxonomy = app::DefaultTaxonomy();
  const Timestamp now = SystemClock().Now();
  auto base = app::DemoDirectoryServices(taxonomy, now);
  if (!base.ok()) return 1;
  std::vector<std::pair<std::string, domain::GeoPoint>> points;
  app::ParsePostcodeCsv(app::DemoPostcodesCsv(), points);
  const std::map<std::string, domain::GeoPoint> lookup(points.begin(), points.end());
  app::DemoRandom r(20261122);
  const auto started = std::chrono::steady_clock::now();
  for (int64_t done = 0; done < count;) {
    Status s = (*store)->Write(id, [&](app::Transaction& tx) -> Status {
      for (int k = 0; k < 2000 && done < count; ++k, ++done) {
        const auto& [model, due] = (*base)[static_cast<size_t>(done) % base->size()];
        domain::DirectoryService e = model;
        const std::string n = std::to_string(done);
        e.id = app::LinkUuid(model.id, n);
        e.name = model.name + " " + n;
        for (auto& l : e.locations) {
          l.id = app::LinkUuid(l.id, n);
          l.service_at_location_id = app::LinkUuid(e.id, l.id);
          l.postcode = points[r.Below(points.size())].first;
        }
        for (auto& sch : e.schedules) sch.id = app::LinkUuid(e.id, sch.id);
        for (auto& c : e.costs) c.id = app::LinkUuid(e.id, c.id);
        for (auto& c : e.contacts) c.id = app::LinkUuid(e.id, c.id);
        SD_RETURN_IF_ERROR(
            tx.directory().Upsert(app::DirectoryRecordFor(e, taxonomy, due, UserId{}, lookup)));
      }
      return OkStatus();
    });
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.error().message.c_str());
      return 1;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("%lld entries in %.1f s (%.0f a second)\n", static_cast<long long>(count), seconds,
              static_cast<double>(count) / seconds);
  return 0;
}
