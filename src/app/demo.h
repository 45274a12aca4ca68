// File: demo.h
// `selfdirect demo` builds a fictional council that looks like a small English council, so a
// newcomer sees a living system: about 2,000 people with long-term support (a quarter on direct
// payments), teams, and one user for each role.
//
// The generator is a list of steps run in order inside one transaction; each capability of
// Selfdirect adds its own step (assessments, budgets, plans, money...) to DemoSteps() and reads
// what earlier steps made from DemoContext. Everything random comes from DemoRandom with a fixed
// seed, so demos, screenshots and tests are repeatable; only the demo passwords are truly random.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "app/repositories.h"
#include "domain/accounts/role.h"

namespace selfdirect::app {

// A small deterministic generator (SplitMix64): the same seed gives the same demo on every
// platform, which std::uniform_*_distribution does not promise.
class DemoRandom {
 public:
  explicit DemoRandom(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  // Uniform in [0, bound).
  uint64_t Below(uint64_t bound);
  // True with probability percent/100.
  bool Percent(int percent) { return Below(100) < static_cast<uint64_t>(percent); }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }

 private:
  uint64_t state_;
};

struct DemoUser {
  std::string email;
  std::string password;  // Shown once; only the hash is stored.
  domain::Role role;
  std::string display_name;
  std::string key;  // How the password file names the user: the role's name, unless set.
};

struct DemoContext {
  Transaction& tx;
  DemoRandom& random;
  Timestamp now;
  int people_wanted = 2000;
  std::map<std::string, TeamId> teams;      // By name.
  std::vector<PersonId> people;             // In creation order.
  int direct_payments = 0;                  // People whose budget is a direct payment.
  std::vector<DemoUser> users;              // Made by the accounts step.
  std::map<domain::Role, UserId> user_ids;  // The demo user of each role.
  UserId second_finance_officer;            // Approves what the first proposes (recoveries).
  PersonId budget_holder_person;            // The demo budget holder's own record.
  // People whose PA the demo pays through the service's payroll from `pa_payroll_from` (the money
  // step chooses them: the demo budget holder first, then people with a direct payment and a PA
  // line in their plan), with the PA line's weekly amount; the money step posts no PA wages for
  // them from then on.
  std::vector<std::pair<PersonId, Pence>> pa_payroll_people;
  Date pa_payroll_from;
};

// The demo's common given names and surnames in England and Wales.
const std::vector<std::string>& DemoGivenNames();
const std::vector<std::string>& DemoFamilyNames();

struct DemoStep {
  std::string name;
  std::function<Status(DemoContext&)> run;
};

// The steps, in order. Later capabilities append theirs.
const std::vector<DemoStep>& DemoSteps();

struct DemoOptions {
  std::string council_code = "demo";
  std::string council_name = "Wyvern Vale Council";
  int people = 2000;
  uint64_t seed = 20261122;
};

struct DemoSummary {
  CouncilId council;
  int people = 0;
  int direct_payments = 0;
  std::vector<DemoUser> users;
};

// Creates or refreshes the demo council. kFailedPrecondition if the code names a live council;
// kInvalidArgument if `people` is out of range (1 to limits::kMaxDemoPeople).
Result<DemoSummary> CreateDemoCouncil(Store& store, const Clock& clock, const DemoOptions& options);

}  // namespace selfdirect::app
