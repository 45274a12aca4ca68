// The commissioners' spending dashboard on a council with a million agreed support plans
// (planning issue: the dashboard query answers in under 200 ms on a 1,000,000-plan database).
//
// Before the benchmarks run, the fixture builds the database: the demo council (2,000 people,
// the demo users and their own plans), then SELFDIRECT_BENCH_PLANS agreed plans (default
// 1,000,000) through the same repository calls an approval makes: the plan with its agreed
// version (Insert) and its agreed spend (RecordAgreedSpend, which keeps the running totals).
// Each plan is one of 64 realistic costed plans (a PA or home care with creative and traditional
// extras, every management option), for a demo person, agreed in one of the last 36 months. The
// build is timed and printed; it is the throughput of recording agreements.
//
// SELFDIRECT_BENCH_DATABASE picks the database (default: a SQLite file in the temporary folder,
// removed afterwards); a PostgreSQL URL measures that adapter.
//
// Measured: the repository query alone (whole council; one team and client group), the use case
// with its audit entry, and the whole page as an analyst sees it (charts and tables).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "app/demo.h"
#include "app/planning/planning_service.h"
#include "bench_request.h"
#include "storage/sql/sql_store.h"
#include "web/site.h"

namespace selfdirect {
namespace {

namespace json = boost::json;

int64_t PlansWanted() {
  const char* n = std::getenv("SELFDIRECT_BENCH_PLANS");
  return n != nullptr ? std::max<int64_t>(1, std::atoll(n)) : 1'000'000;
}

// A costed plan to agree many times over.
struct PoolPlan {
  domain::SupportPlanContent content;
  std::string content_json;
  domain::PlanCost cost;
};

std::vector<PoolPlan> MakePool(Date today) {
  const char* extras[] = {"gym-month",      "swim-session",  "lunch-club",
                          "choir",          "art-class",     "taxi-trip",
                          "community-cafe", "walking-group", "meals-delivered",
                          "day-centre-day", "respite-night", "volunteering-support"};
  const char* managed[] = {"direct_payment", "direct_payment", "council_managed",
                           "individual_service_fund", "direct_payment_nominated"};
  app::DemoRandom r(20261122);
  const auto* rates = *app::PaRatesOn(today);
  std::vector<PoolPlan> pool;
  for (int k = 0; k < 64; ++k) {
    const char* how = managed[r.Below(std::size(managed))];
    json::array lines;
    if (r.Percent(50))
      lines.push_back(
          {{"item", "pa-hour"}, {"quantity", std::to_string(4 + r.Below(30))}, {"per", "week"}});
    else
      lines.push_back({{"item", "home-care-hour"},
                       {"quantity", "1"},
                       {"times", 3 + static_cast<int64_t>(r.Below(12))},
                       {"per", "week"},
                       {"managed_as", "council_managed"}});
    for (uint64_t i = 0, n = 1 + r.Below(4); i < n; ++i)
      lines.push_back({{"item", extras[r.Below(std::size(extras))]},
                       {"times", 1 + static_cast<int64_t>(r.Below(2))},
                       {"per", "week"}});
    json::object content{{"managed_as", how}, {"lines", std::move(lines)}};
    auto parsed = app::SupportPlanFromJson(content, app::DefaultCatalogue());
    if (!parsed.ok()) {
      std::fprintf(stderr, "bench plan %d: %s\n", k, parsed.error().message.c_str());
      std::exit(1);
    }
    PoolPlan p;
    p.cost = domain::CostPlan(*rates, app::DefaultPlanPolicy(),
                              app::CostInputOf(*parsed, today, std::nullopt));
    p.content_json = json::serialize(app::SupportPlanToJson(*parsed));
    p.content = std::move(*parsed);
    pool.push_back(std::move(p));
  }
  return pool;
}

struct Fixture {
  Fixture() {
    const char* url = std::getenv("SELFDIRECT_BENCH_DATABASE");
    if (url != nullptr && *url != '\0') {
      database = url;
    } else {
      path = std::filesystem::temp_directory_path() /
             ("sd-dashboard-bench-" + std::to_string(getpid()) + ".db");
      database = "sqlite:" + path.string();
    }
    store = std::move(*storage::OpenStore(database));
    const Clock& clock = SystemClock::Instance();
    auto demo = app::CreateDemoCouncil(*store, clock, app::DemoOptions{});
    if (!demo.ok()) {
      std::fprintf(stderr, "demo: %s\n", demo.error().message.c_str());
      std::exit(1);
    }
    for (const auto& u : demo->users)
      if (u.role == domain::Role::kAnalyst) analyst = u;
    council = **store->FindCouncil("demo");
    AddPlans(clock.Now());
    site = std::make_unique<web::Site>(web::SiteOptions{council, false}, *store, clock,
                                       web::StaticFiles());
    web::Request r = Make(web::Method::kPost, "/api/v1/sessions");
    r.headers["content-type"] = "application/json";
    r.body =
        json::serialize(json::object{{"email", analyst.email}, {"password", analyst.password}});
    cookie = site->Handle(r).GetHeader("Set-Cookie");
    cookie = cookie.substr(0, cookie.find(';'));
  }
  ~Fixture() {
    site.reset();
    store.reset();
    if (!path.empty())
      for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + s);
  }

  void AddPlans(Timestamp now) {
    const Date today = now.LondonDate();
    const std::vector<PoolPlan> pool = MakePool(today);
    struct Who {
      PersonId id;
      TeamId team;
      std::string group;
    };
    std::vector<Who> people;
    Status read = store->Read(council.id, [&](app::Transaction& tx) -> Status {
      for (int64_t id = 1; people.size() < 2000 && id < 100000; ++id) {
        SD_ASSIGN_OR_RETURN(auto p, tx.people().Find(PersonId{id}));
        if (p)
          people.push_back(
              {p->id, p->team_id,
               std::string(domain::PrimarySupportReasonName(p->details.primary_support_reason))});
      }
      return OkStatus();
    });
    if (!read.ok() || people.empty()) {
      std::fprintf(stderr, "no demo people to plan for\n");
      std::exit(1);
    }
    std::vector<std::string> months;  // The last 36 months.
    for (int i = 0; i < 36; ++i) {
      int m = static_cast<int>(today.month()) - i;
      int y = today.year();
      while (m < 1) {
        m += 12;
        --y;
      }
      char text[8];
      std::snprintf(text, sizeof text, "%04d-%02d", y, m);
      months.push_back(text);
    }
    app::DemoRandom r(7);
    const int64_t wanted = PlansWanted();
    const int64_t batch = 20000;
    const auto start = std::chrono::steady_clock::now();
    for (int64_t done = 0; done < wanted;) {
      Status s = store->Write(council.id, [&](app::Transaction& tx) -> Status {
        for (int64_t i = 0; i < batch && done + i < wanted; ++i) {
          const PoolPlan& p = pool[r.Below(pool.size())];
          const Who& who = people[r.Below(people.size())];
          app::SupportPlanRecord plan;
          plan.person_id = who.id;
          plan.team_id = who.team;
          plan.client_group = who.group;
          plan.weekly_total = p.cost.weekly_total;
          plan.annual_total = p.cost.annual_total;
          plan.created_at = now;
          plan.updated_at = now;
          const domain::PersonalBudget budget =
              domain::SplitBudget(p.cost.weekly_total, p.cost.annual_total, std::nullopt);
          app::AgreedPlanSpend spend =
              app::AgreeCurrentVersion(plan, p.content, p.cost, budget, now);
          SD_ASSIGN_OR_RETURN(plan.id,
                              tx.support_plans().Insert(
                                  plan, {SupportPlanId{}, 1, p.content_json, p.cost.weekly_total,
                                         p.cost.annual_total, UserId{}, now, "Agreed"}));
          spend.plan_id = plan.id;
          spend.month = months[r.Below(months.size())];
          SD_RETURN_IF_ERROR(tx.support_plans().RecordAgreedSpend(spend));
        }
        return OkStatus();
      });
      if (!s.ok()) {
        std::fprintf(stderr, "adding plans: %s\n", s.error().message.c_str());
        std::exit(1);
      }
      done += batch;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "Agreed %lld plans in %.1f s (%.0f a second) on %s\n",
                 static_cast<long long>(wanted), seconds, static_cast<double>(wanted) / seconds,
                 database.substr(0, database.find(':')).c_str());
  }

  web::Request Make(web::Method method, const std::string& target) {
    return bench::MakeRequest(method, target, cookie);
  }

  std::string database;
  std::filesystem::path path;
  std::unique_ptr<storage::SqlStore> store;
  app::Council council;
  std::unique_ptr<web::Site> site;
  app::DemoUser analyst;
  std::string cookie;
};

Fixture& Shared() {
  static Fixture f;
  return f;
}

// The repository query: the running totals, whole council (state.range(0) == 0) or one team and
// client group.
void BM_SpendQuery(benchmark::State& state) {
  auto& f = Shared();
  app::SpendQuery q;
  if (state.range(0) == 1) {
    q.team_id = TeamId{1};
    q.client_group = "physical_support";
  }
  size_t cells = 0;
  for (auto _ : state) {
    Status s = f.store->Read(f.council.id, [&](app::Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(auto out, tx.support_plans().Spend(q));
      cells = out.spend.size() + out.agreements.size();
      return OkStatus();
    });
    if (!s.ok()) state.SkipWithError(s.error().message.c_str());
  }
  state.counters["cells"] = static_cast<double>(cells);
}
BENCHMARK(BM_SpendQuery)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// The use case, with the access check and the audit entry it writes.
void BM_DashboardService(benchmark::State& state) {
  auto& f = Shared();
  app::AuditTrail audit(*f.store);
  app::PlanningService planning(*f.store, SystemClock::Instance(), audit);
  app::Principal analyst;
  analyst.user.role = domain::Role::kAnalyst;
  analyst.actor.role = domain::Role::kAnalyst;
  const app::CallContext ctx{f.council.id, "127.0.0.1"};
  for (auto _ : state) {
    auto out = planning.Dashboard(ctx, analyst, {});
    if (!out.ok()) state.SkipWithError(out.error().message.c_str());
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_DashboardService)->Unit(benchmark::kMillisecond);

// The whole page an analyst opens: session, the use case, charts and tables rendered.
void BM_DashboardPage(benchmark::State& state) {
  auto& f = Shared();
  for (auto _ : state) {
    web::Request r = f.Make(web::Method::kGet, "/dashboard/spending");
    web::Response page = f.site->Handle(r);
    if (page.status != 200) state.SkipWithError("the dashboard page did not answer 200");
    benchmark::DoNotOptimize(page);
  }
}
BENCHMARK(BM_DashboardPage)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace selfdirect

BENCHMARK_MAIN();
