// In-process cost of the application's work for one request, without sockets: routing, session
// lookup, the use case (with its audit write), and rendering. Compare with bench/http.sh, which
// measures the same requests through the server on loopback.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>

#include "app/demo.h"
#include "app/passwords.h"
#include "bench_request.h"
#include "storage/sql/sql_store.h"
#include "web/site.h"

namespace selfdirect {
namespace {

struct Fixture {
  Fixture() {
    path =
        std::filesystem::temp_directory_path() / ("sd-bench-" + std::to_string(getpid()) + ".db");
    store = std::move(*storage::OpenStore("sqlite:" + path.string()));
    auto demo = app::CreateDemoCouncil(*store, SystemClock::Instance(), app::DemoOptions{});
    for (const auto& u : demo->users) {
      if (u.role == domain::Role::kPractitioner) practitioner = u;
    }
    site = std::make_unique<web::Site>(web::SiteOptions{**store->FindCouncil("demo"), false},
                                       *store, SystemClock::Instance(), web::StaticFiles());
    web::Request r = Make(web::Method::kPost, "/api/v1/sessions");
    r.headers["content-type"] = "application/json";
    r.body = boost::json::serialize(
        boost::json::object{{"email", practitioner.email}, {"password", practitioner.password}});
    web::Response signed_in = site->Handle(r);
    cookie = signed_in.GetHeader("Set-Cookie");
    cookie = cookie.substr(0, cookie.find(';'));
    web::Request list = Make(web::Method::kGet, "/api/v1/people?page_size=1");
    person_id = boost::json::parse(site->Handle(list).body).at("items").at(0).at("id").as_int64();
  }
  ~Fixture() {
    site.reset();
    store.reset();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + s);
  }
  web::Request Make(web::Method method, const std::string& target) {
    return bench::MakeRequest(method, target, cookie);
  }

  std::filesystem::path path;
  std::unique_ptr<storage::SqlStore> store;
  std::unique_ptr<web::Site> site;
  app::DemoUser practitioner;
  std::string cookie;
  int64_t person_id = 0;
};

Fixture& Shared() {
  static Fixture f;
  return f;
}

void BM_Healthz(benchmark::State& state) {
  auto& f = Shared();
  for (auto _ : state) {
    web::Request r = f.Make(web::Method::kGet, "/healthz");
    benchmark::DoNotOptimize(f.site->Handle(r));
  }
}
BENCHMARK(BM_Healthz);

void BM_PersonJson(benchmark::State& state) {
  auto& f = Shared();
  std::string target = "/api/v1/people/" + std::to_string(f.person_id);
  for (auto _ : state) {
    web::Request r = f.Make(web::Method::kGet, target);
    benchmark::DoNotOptimize(f.site->Handle(r));
  }
}
BENCHMARK(BM_PersonJson);

void BM_PersonPage(benchmark::State& state) {
  auto& f = Shared();
  std::string target = "/people/" + std::to_string(f.person_id);
  for (auto _ : state) {
    web::Request r = f.Make(web::Method::kGet, target);
    benchmark::DoNotOptimize(f.site->Handle(r));
  }
}
BENCHMARK(BM_PersonPage);

void BM_PeopleSearchPage(benchmark::State& state) {
  auto& f = Shared();
  for (auto _ : state) {
    web::Request r = f.Make(web::Method::kGet, "/people?q=smith");
    benchmark::DoNotOptimize(f.site->Handle(r));
  }
}
BENCHMARK(BM_PeopleSearchPage);

void BM_StartPage(benchmark::State& state) {
  auto& f = Shared();
  for (auto _ : state) {
    web::Request r = f.Make(web::Method::kGet, "/");
    r.cookies.clear();
    benchmark::DoNotOptimize(f.site->Handle(r));
  }
}
BENCHMARK(BM_StartPage);

}  // namespace
}  // namespace selfdirect

BENCHMARK_MAIN();
