// Adds a large closed survey wave to a database's demo council for bench/survey_dashboard.sh
// (issue 22: the analyst's dashboard over 100,000 responses under 200 ms). The answers come from
// the demo's model (app/outcomes/survey_demo.h), so every table and headline has realistic
// figures. Usage: survey_seed DATABASE_URL POPULATION (about 0.376 responses per person: 266,000
// people give about 100,000 responses). Prints the new wave's id.
#include <cstdio>
#include <cstdlib>

#include "app/demo.h"
#include "app/outcomes/survey_demo.h"
#include "storage/sql/sql_store.h"

int main(int argc, char** argv) {
  using namespace selfdirect;  // NOLINT(google-build-using-namespace): a small tool.
  if (argc != 3) {
    std::fprintf(stderr, "usage: survey_seed DATABASE_URL POPULATION\n");
    return 2;
  }
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
  app::DemoRandom random(20261205);
  Status s = (*store)->Write((*council)->id, [&](app::Transaction& tx) -> Status {
    app::DemoContext ctx{tx, random, SystemClock().Now()};
    SD_ASSIGN_OR_RETURN(auto analyst, tx.users().FindByEmail("analyst@demo.example.org"));
    if (!analyst) return Error::NotFound("The demo analyst is missing");
    ctx.user_ids[domain::Role::kAnalyst] = analyst->id;
    return app::AddSyntheticSurveyWave(ctx, "Benchmark wave", std::atoll(argv[2]));
  });
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.error().message.c_str());
    return 1;
  }
  std::vector<app::SurveyWaveRecord> waves;
  (void)(*store)->Read((*council)->id, [&](app::Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(waves, tx.surveys().ListWaves());
    return OkStatus();
  });
  for (const auto& w : waves)
    if (w.name == "Benchmark wave") std::printf("%s\n", w.id.ToString().c_str());
  return 0;
}
