// A pay run for an organisation employing 5,000 PAs, through the service and the database
// (issue 21: under 10 seconds). The fixture builds a council with SELFDIRECT_BENCH_PAS (default
// 5,000) people, each with a PA employed by one organisation (mode c, weekly, 20 hours at £13.50,
// the checklist complete). Each iteration sends and approves one more week for every PA (not
// timed), then times RunPay for that Friday: the payroll engine for every PA, a ledger
// transaction and the organisation's fee per payslip, the pay run, the payslips and the weeks
// marked paid, in one transaction with its audit entry.
//
// SELFDIRECT_BENCH_DATABASE picks the database (default: a SQLite file in the temporary folder,
// removed afterwards); a PostgreSQL URL measures that adapter.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "app/audit_trail.h"
#include "app/pa/employment_service.h"
#include "storage/sql/sql_store.h"

namespace selfdirect {
namespace {

namespace payroll = domain::payroll;
using app::Transaction;

int PasWanted() {
  const char* n = std::getenv("SELFDIRECT_BENCH_PAS");
  return n != nullptr ? std::max(1, std::atoi(n)) : 5000;
}

Date D(std::string_view s) { return *Date::Parse(s); }
const Date kStart = D("2026-04-06");  // A Monday: the first week paid is the tax year's first.

struct Council {
  std::string path;
  std::unique_ptr<storage::SqlStore> store;
  CouncilId council;
  app::Principal organisation;
  std::vector<EngagementId> engagements;
  std::vector<UserId> pa_users;
};

Status AddEngagement(Transaction& tx, Council& c, TeamId team, int i, Timestamp now) {
  const std::string n = std::to_string(i);
  domain::PersonDetails d{};
  d.given_name = "Person";
  d.family_name = n;
  d.date_of_birth = D("1950-01-01");
  SD_ASSIGN_OR_RETURN(PersonId person, tx.people().Insert(d, team, now));
  app::UserRecord u{UserId{},  "pa" + n + "@bench.example.org",
                    "PA " + n, domain::Role::kPersonalAssistant,
                    TeamId{},  PersonId{},
                    "!",       false};
  SD_ASSIGN_OR_RETURN(u.id, tx.users().Insert(u, now));
  app::PaProfileRecord p;
  p.user_id = u.id;
  p.postcode = "HR1 2AB";
  p.profile.first_name = "PA " + n;
  p.profile.travel_miles = 5;
  p.profile.hourly_rate = Pence::FromPence(1350);
  p.created_at = p.updated_at = now;
  SD_ASSIGN_OR_RETURN(p.id, tx.pas().InsertProfile(p));
  app::EngagementRecord e;
  e.person = person;
  e.pa = p.id;
  e.organisation = c.organisation.user.id;
  e.terms.mode = payroll::EmployerMode::kOrganisation;
  e.terms.employer_name = "Bench Organisation";
  e.terms.hourly_rate = Pence::FromPence(1350);
  e.terms.weekly_hours_hundredths = 2000;
  e.terms.frequency = payroll::Frequency::kWeekly;
  e.terms.start = kStart;
  e.terms.pa_date_of_birth = D("1985-06-01");
  e.terms.pension = {true, 500, 300, payroll::PensionRelief::kReliefAtSource};
  e.terms.management_fee = Pence::FromPounds(10);
  e.checklist = {D("2030-01-01"), "123/AB45678",   D("2026-03-01"),
                 D("2026-03-01"), D("2026-03-01"), D("2026-03-01")};
  e.created_at = e.updated_at = now;
  SD_ASSIGN_OR_RETURN(EngagementId id, tx.employment().InsertEngagement(e));
  c.engagements.push_back(id);
  c.pa_users.push_back(u.id);
  return OkStatus();
}

Council& TheCouncil() {
  static Council* c = [] {
    auto* c = new Council;
    const char* db = std::getenv("SELFDIRECT_BENCH_DATABASE");
    c->path =
        (std::filesystem::temp_directory_path() / ("sd-payrun-" + std::to_string(getpid()) + ".db"))
            .string();
    c->store = std::move(*storage::OpenStore(db != nullptr ? db : "sqlite:" + c->path));
    c->council = *c->store->UpsertCouncil("bench", "Bench Council", app::CouncilKind::kLive);
    const Timestamp now = SystemClock().Now();
    Status s = c->store->Write(c->council, [&](Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(TeamId team, tx.teams().Insert("North"));
      app::UserRecord org{UserId{},
                          "org@bench.example.org",
                          "Bench Organisation",
                          domain::Role::kEmployerOrganisation,
                          TeamId{},
                          PersonId{},
                          "!",
                          false};
      SD_ASSIGN_OR_RETURN(org.id, tx.users().Insert(org, now));
      c->organisation.user = org;
      c->organisation.actor = domain::Actor{org.id, org.role, TeamId{}, PersonId{}, {}};
      for (int i = 0; i < PasWanted(); ++i) SD_RETURN_IF_ERROR(AddEngagement(tx, *c, team, i, now));
      return OkStatus();
    });
    if (!s.ok()) std::fprintf(stderr, "setup failed: %s\n", s.error().message.c_str());
    return c;
  }();
  return *c;
}

// Every PA's week starting `monday`, sent and approved.
void ApproveWeek(Council& c, Date monday) {
  Status s = c.store->Write(c.council, [&](Transaction& tx) -> Status {
    for (size_t i = 0; i < c.engagements.size(); ++i) {
      app::TimesheetRecord t;
      t.engagement = c.engagements[i];
      t.sheet.week_start = monday;
      for (int d = 0; d < 5; ++d)
        t.sheet.entries.push_back({monday.AddDays(d), payroll::TimesheetEntry::Kind::kWorked, 400});
      t.submitted_by = c.pa_users[i];
      t.submitted_at = SystemClock().Now();
      SD_ASSIGN_OR_RETURN(auto id, tx.employment().InsertTimesheet(t));
      SD_RETURN_IF_ERROR(tx.employment().DecideTimesheet(
          id, app::TimesheetStatus::kApproved, c.organisation.user.id, SystemClock().Now(), ""));
    }
    return OkStatus();
  });
  if (!s.ok()) std::fprintf(stderr, "week failed: %s\n", s.error().message.c_str());
}

void BM_OrganisationPayRun(benchmark::State& state) {
  Council& c = TheCouncil();
  SystemClock clock;
  app::AuditTrail audit(*c.store);
  app::EmploymentService service(*c.store, clock, audit);
  const app::CallContext ctx{c.council, "127.0.0.1"};
  int week = 0;
  size_t payslips = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const Date monday = kStart.AddDays(7 * week++);
    ApproveWeek(c, monday);
    state.ResumeTiming();
    auto run = service.RunPay(ctx, c.organisation, c.engagements.front(), monday.AddDays(4));
    if (!run.ok())
      state.SkipWithError(run.error().message.c_str());
    else
      payslips = run->payslips.size();
  }
  state.counters["payslips"] = static_cast<double>(payslips);
}
BENCHMARK(BM_OrganisationPayRun)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace selfdirect

BENCHMARK_MAIN();
