#include "app/demo.h"

#include <set>

#include "app/assessment/fhir_questionnaire.h"
#include "app/charging/arranged_cost.h"
#include "app/charging/charging_json.h"
#include "app/complaints/complaint_demo.h"
#include "app/directory/directory_service.h"
#include "app/front_door/front_door_demo.h"
#include "app/messages/message_demo.h"
#include "app/money/money_demo.h"
#include "app/outcomes/making_it_real_demo.h"
#include "app/outcomes/survey_demo.h"
#include "app/pa/employment_demo.h"
#include "app/pa/pa_demo.h"
#include "app/passwords.h"
#include "app/planning/plan_change_demo.h"
#include "app/planning/planning_service.h"
#include "app/ras/allocation_catalog.h"
#include "app/ras/allocation_json.h"
#include "app/reviews/review_demo.h"
#include "app/settings/council_settings.h"
#include "base/limits.h"
#include "domain/charging/premiums.h"

namespace selfdirect::app {

uint64_t DemoRandom::Next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

uint64_t DemoRandom::Below(uint64_t bound) {
  SD_ASSERT(bound > 0);
  return Next() % bound;
}

namespace {

using domain::Role;

// Common given names and surnames in England and Wales (a spread of ages and backgrounds).
const std::vector<std::string> kGivenNames = {
    "Margaret", "John",      "Patricia", "David",   "Susan",     "Michael", "Barbara", "Peter",
    "Jean",     "Robert",    "Mary",     "William", "Joan",      "James",   "Dorothy", "Brian",
    "Sandra",   "Kevin",     "Linda",    "Paul",    "Christine", "Stephen", "Janet",   "Mohammed",
    "Fatima",   "Aisha",     "Oliver",   "Amelia",  "Harry",     "Olivia",  "Jack",    "Emily",
    "Thomas",   "Sophie",    "Daniel",   "Chloe",   "Ravi",      "Priya",   "Kwame",   "Grace",
    "Tomasz",   "Agnieszka", "Siobhan",  "Sean",    "Eilidh",    "Rhys",    "Megan",   "Ahmed",
    "Zainab",   "Yusuf",     "Hannah",   "Samuel",  "Ruth",      "George",  "Elsie",   "Arthur",
    "Ivy",      "Albert",    "Lily",     "Frank",   "Ellen",     "Leon",    "Jade",    "Connor",
    "Shannon",  "Ibrahim",   "Maryam",   "Anil",    "Sunita",    "Chidi",   "Ngozi",   "Wei",
    "Mei",      "Andrzej",   "Ewa"};
const std::vector<std::string> kFamilyNames = {
    "Smith",   "Jones",     "Williams", "Taylor",   "Brown",    "Davies",   "Evans",      "Wilson",
    "Thomas",  "Johnson",   "Roberts",  "Robinson", "Thompson", "Wright",   "Walker",     "White",
    "Edwards", "Hughes",    "Green",    "Hall",     "Lewis",    "Harris",   "Clarke",     "Patel",
    "Jackson", "Wood",      "Turner",   "Martin",   "Cooper",   "Hill",     "Ward",       "Morris",
    "Moore",   "Clark",     "Lee",      "King",     "Baker",    "Harrison", "Morgan",     "Allen",
    "James",   "Scott",     "Phillips", "Watson",   "Davis",    "Parker",   "Price",      "Bennett",
    "Young",   "Griffiths", "Mitchell", "Kelly",    "Cook",     "Carter",   "Richardson", "Bailey",
    "Collins", "Bell",      "Shaw",     "Murphy",   "Khan",     "Begum",    "Ali",        "Hussain",
    "Singh",   "Kaur",      "Okafor",   "Mensah",   "Nowak",    "Kowalski", "Chen",       "Wong",
    "O'Brien", "MacDonald", "Pritchard"};
// Postcode districts of the demo area. The postcodes are made up: the inward part is random.
const std::vector<std::string> kDistricts = {"HR1", "HR2", "HR3", "HR4", "HR5",
                                             "HR6", "HR7", "HR8", "HR9"};
const std::vector<std::string> kTeams = {"Adults North", "Adults South",
                                         "Learning Disability and Autism", "Mental Health"};

std::string DemoPostcode(DemoRandom& r) {
  // Sectors 1 to 4 and units "A?", as in the demo's postcode sample (data/postcodes), so that
  // distance search finds each person's postcode. The draws are the same as they always were.
  constexpr std::string_view kInwardLetters = "ABDEFGHJLNPQRSTUWXYZ";
  std::string pc = r.Pick(kDistricts) + " " + std::to_string(1 + r.Below(10) % 4);
  (void)r.Below(kInwardLetters.size());
  pc += 'A';
  pc += kInwardLetters[r.Below(kInwardLetters.size())];
  return pc;
}

// NHS numbers starting 999 are reserved for testing and never issued to patients.
std::optional<std::string> DemoNhsNumber(DemoRandom& r) {
  for (int attempt = 0; attempt < 10; ++attempt) {
    std::string digits = "999";
    for (int i = 0; i < 6; ++i) digits += static_cast<char>('0' + r.Below(10));
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (digits[static_cast<size_t>(i)] - '0') * (10 - i);
    int check = 11 - sum % 11;
    if (check == 11) check = 0;
    if (check == 10) continue;
    return digits + static_cast<char>('0' + check);
  }
  return std::nullopt;
}

Status TeamsStep(DemoContext& ctx) {
  for (const auto& name : kTeams) {
    SD_ASSIGN_OR_RETURN(TeamId id, ctx.tx.teams().Insert(name));
    ctx.teams[name] = id;
  }
  return OkStatus();
}

// People with long-term support. Mixes follow national figures (rules.md section 4): about 55%
// aged 65 and over, and 25% of community clients on direct payments.
Status PeopleStep(DemoContext& ctx) {
  using domain::BudgetManagement;
  using domain::PrimarySupportReason;
  DemoRandom& r = ctx.random;
  Date today = ctx.now.LondonDate();
  for (int i = 0; i < ctx.people_wanted; ++i) {
    domain::PersonDetails d;
    d.given_name = r.Pick(kGivenNames);
    d.family_name = r.Pick(kFamilyNames);
    bool older = r.Percent(55);
    int age = older ? 65 + static_cast<int>(r.Below(35)) : 18 + static_cast<int>(r.Below(47));
    d.date_of_birth =
        today.AddDays(-(int64_t{age} * 365 + static_cast<int64_t>(r.Below(365)) + age / 4));
    d.postcode = DemoPostcode(r);
    if (r.Percent(80)) d.nhs_number = DemoNhsNumber(r);
    uint64_t psr = r.Below(100);
    d.primary_support_reason = psr < 55   ? PrimarySupportReason::kPhysicalSupport
                               : psr < 67 ? PrimarySupportReason::kMemoryAndCognition
                               : psr < 82 ? PrimarySupportReason::kLearningDisability
                               : psr < 92 ? PrimarySupportReason::kMentalHealth
                               : psr < 96 ? PrimarySupportReason::kSensorySupport
                                          : PrimarySupportReason::kSocialSupport;
    uint64_t m = r.Below(100);
    d.budget_management = m < 25   ? BudgetManagement::kDirectPayment
                          : m < 80 ? BudgetManagement::kCouncilManaged
                          : m < 88 ? BudgetManagement::kIndividualServiceFund
                          : m < 93 ? BudgetManagement::kMixed
                                   : BudgetManagement::kNotDecided;
    std::string team = d.primary_support_reason == PrimarySupportReason::kLearningDisability
                           ? "Learning Disability and Autism"
                       : d.primary_support_reason == PrimarySupportReason::kMentalHealth
                           ? "Mental Health"
                       : r.Percent(50) ? "Adults North"
                                       : "Adults South";
    if (d.budget_management == BudgetManagement::kDirectPayment) ++ctx.direct_payments;
    SD_ASSIGN_OR_RETURN(PersonId id, ctx.tx.people().Insert(d, ctx.teams.at(team), ctx.now));
    ctx.people.push_back(id);
  }
  return OkStatus();
}

Status AccountsStep(DemoContext& ctx) {
  struct Spec {
    const char* local;
    Role role;
    const char* name;
    const char* team;
  };
  const std::vector<Spec> specs = {
      {"practitioner", Role::kPractitioner, "Demo Practitioner", "Adults North"},
      {"approver", Role::kApprover, "Demo Team Manager", "Adults North"},
      {"finance", Role::kFinanceOfficer, "Demo Finance Officer", ""},
      // A second finance officer: a recovery is approved by someone other than its proposer.
      {"finance.approver", Role::kFinanceOfficer, "Demo Finance Team Leader", ""},
      {"analyst", Role::kAnalyst, "Demo Analyst", ""},
      {"directory", Role::kDirectoryEditor, "Demo Directory Editor", ""},
      {"pa", Role::kPersonalAssistant, "Demo Personal Assistant", ""},
      {"employer", Role::kEmployerOrganisation, "Demo Employer Staff", ""},
      {"admin", Role::kAdministrator, "Demo Administrator", ""},
      {"budget.holder", Role::kBudgetHolder, "Demo Budget Holder", ""},
      {"carer", Role::kRepresentative, "Demo Carer", ""},
  };
  // The budget holder and the people the carer helps are real demo people in Adults North.
  std::vector<PersonId> north;
  for (PersonId id : ctx.people) {
    SD_ASSIGN_OR_RETURN(auto p, ctx.tx.people().Find(id));
    if (p && p->team_id == ctx.teams.at("Adults North")) north.push_back(id);
    if (north.size() >= 3) break;
  }
  for (const auto& s : specs) {
    DemoUser user{std::string(s.local) + "@demo.example.org", RandomDemoPassword(), s.role, s.name};
    SD_ASSIGN_OR_RETURN(std::string hash, HashPassword(user.password));
    UserRecord record{UserId{}, user.email, user.display_name, s.role, TeamId{}, PersonId{},
                      hash,     false};
    if (*s.team) record.team_id = ctx.teams.at(s.team);
    if (s.role == Role::kBudgetHolder && !north.empty()) record.person_id = north[0];
    SD_ASSIGN_OR_RETURN(UserId id, ctx.tx.users().Insert(record, ctx.now));
    if (ctx.user_ids.contains(s.role)) {
      user.key = "second_" + std::string(domain::RoleName(s.role));
      ctx.second_finance_officer = id;
    } else {
      ctx.user_ids[s.role] = id;
    }
    if (s.role == Role::kBudgetHolder) ctx.budget_holder_person = record.person_id;
    if (s.role == Role::kRepresentative) {
      for (size_t i = 1; i < north.size(); ++i) {
        SD_RETURN_IF_ERROR(ctx.tx.users().AddRepresentation(id, north[i], "family carer"));
      }
    }
    ctx.users.push_back(std::move(user));
  }
  return OkStatus();
}

// A carer of `cared_for`: their own record in the same team, linked, with a family name, age and
// relationship that follow from the cared-for person's id (no random draws, so the rest of the
// demo is the same whoever cares).
Result<PersonId> DemoCarer(DemoContext& ctx, PersonId cared_for) {
  static const std::vector<std::string> kRelationships = {
      "Daughter", "Son", "Wife", "Husband", "Partner", "Neighbour", "Friend", "Sister"};
  SD_ASSIGN_OR_RETURN(auto person, ctx.tx.people().Find(cared_for));
  SD_ASSERT(person.has_value());  // Made by the people step.
  const auto n = static_cast<uint64_t>(cared_for.value());
  const std::string& relationship = kRelationships[n % kRelationships.size()];
  domain::PersonDetails d;
  d.given_name = kGivenNames[(n * 7 + 3) % kGivenNames.size()];
  bool family = relationship != "Neighbour" && relationship != "Friend";
  d.family_name =
      family ? person->details.family_name : kFamilyNames[(n * 5 + 1) % kFamilyNames.size()];
  int age = 35 + static_cast<int>(n % 40);
  d.date_of_birth = ctx.now.LondonDate().AddDays(-(int64_t{age} * 365 + age / 4));
  d.postcode = person->details.postcode;
  d.primary_support_reason = domain::PrimarySupportReason::kSocialSupport;
  SD_ASSIGN_OR_RETURN(PersonId id, ctx.tx.people().Insert(d, person->team_id, ctx.now));
  SD_RETURN_IF_ERROR(ctx.tx.people().AddCarer(CarerLink{id, cared_for, relationship, ctx.now}));
  return id;
}

// Realistic answers to a default questionnaire: most people cannot manage a few outcomes, for
// one or two reasons; some are helped by family.
domain::Answers DemoAnswers(DemoRandom& r, const domain::Questionnaire& q, int unable_wanted,
                            bool complete) {
  domain::Answers a{{"condition_one", {r.Percent(92) ? "true" : "false"}},
                    {"wellbeing_impact", {r.Percent(85) ? "true" : "false"}}};
  if (q.kind == domain::AssessmentKind::kCarer)
    a["carer_health_at_risk"] = {r.Percent(40) ? "true" : "false"};
  static const std::vector<std::string> kWords = {"Staying in my own home",
                                                  "Seeing my grandchildren",
                                                  "Getting to church on Sundays",
                                                  "Going to the allotment",
                                                  "Not being a burden",
                                                  "Keeping my independence",
                                                  "My dog",
                                                  "Going to the football with my brother",
                                                  "Cooking my own food",
                                                  "Having a bath safely"};
  a["what_matters"] = {r.Pick(kWords)};
  const size_t count = domain::OutcomeCount(q.kind);
  std::vector<bool> unable(count, false);
  for (int i = 0; i < unable_wanted; ++i) unable[r.Below(count)] = true;
  size_t answered = complete ? count : r.Below(count);
  for (size_t i = 0; i < answered; ++i) {
    std::string code(domain::OutcomeCode(q.kind, i));
    a[code + ".able"] = {unable[i] ? "false" : "true"};
    if (!unable[i]) continue;
    std::vector<std::string> reasons{
        std::string(domain::UnableReasonCode(static_cast<domain::UnableReason>(r.Below(4))))};
    if (r.Percent(30)) {
      std::string second(domain::UnableReasonCode(static_cast<domain::UnableReason>(r.Below(4))));
      if (second != reasons[0]) reasons.push_back(second);
    }
    a[code + ".reasons"] = reasons;
    a[code + ".carer_helps"] = {r.Percent(45) ? "true" : "false"};
  }
  if (!complete) a.erase("wellbeing_impact");
  return a;
}

// Assessments in every state: completed needs assessments for about one person in six (spread
// over the last six months), self-assessments waiting for a practitioner, drafts in progress,
// and carers' assessments.
Status AssessmentsStep(DemoContext& ctx) {
  DemoRandom& r = ctx.random;
  const auto* adult = FindDefaultQuestionnaire("adult-needs");
  const auto* carer = FindDefaultQuestionnaire("carer");
  SD_ASSERT(adult != nullptr && carer != nullptr);  // Both ship with the binary.
  UserId practitioner = ctx.user_ids.at(Role::kPractitioner);
  auto add = [&](PersonId person, const domain::Questionnaire& q, AssessmentStatus status,
                 int days_ago, PersonId cared_for = PersonId{}) -> Status {
    AssessmentRecord a;
    a.person_id = person;
    a.cared_for = cared_for;
    a.kind = q.kind;
    a.questionnaire_id = q.id;
    a.questionnaire_version = q.version;
    a.origin = status == AssessmentStatus::kSubmitted || r.Percent(30)
                   ? AssessmentOrigin::kSelf
                   : AssessmentOrigin::kPractitioner;
    a.status = status;
    bool complete = status != AssessmentStatus::kDraft;
    a.answers = DemoAnswers(r, q, static_cast<int>(r.Below(5)), complete);
    // The demo budget holder is eligible, so their journey continues to a budget.
    for (int tries = 0; person == ctx.budget_holder_person && tries < 50; ++tries) {
      SD_ASSIGN_OR_RETURN(domain::EligibilityInput in,
                          domain::EligibilityFromAnswers(q, a.answers));
      if (domain::DetermineEligibility(in).eligible) break;
      a.answers = DemoAnswers(r, q, 3, complete);
    }
    a.started_by = practitioner;
    a.created_at =
        ctx.now.PlusSeconds(-int64_t{days_ago} * 86400 - static_cast<int64_t>(r.Below(86400)));
    a.updated_at = a.created_at.PlusSeconds(3600);
    if (complete) {
      SD_ASSIGN_OR_RETURN(domain::EligibilityInput in,
                          domain::EligibilityFromAnswers(q, a.answers));
      a.eligible = domain::DetermineEligibility(in).eligible;
      a.submitted_at = a.updated_at;
    }
    if (status == AssessmentStatus::kCompleted) {
      a.decided_by = practitioner;
      a.participants = r.Percent(50) ? "The person" : "The person and a family member";
      a.practitioner_notes =
          "Talked through each outcome together; the person's own words are recorded.";
      a.consent = domain::AssessmentConsent::kGiven;
      a.capacity = domain::MentalCapacity::kPresumed;
      a.advocacy = a.participants == "The person" ? domain::Advocacy::kNotNeeded
                                                  : domain::Advocacy::kAppropriatePerson;
      if (a.advocacy == domain::Advocacy::kAppropriatePerson) a.advocate = "A family member";
      a.completed_at = a.updated_at.PlusSeconds(86400 * static_cast<int64_t>(1 + r.Below(20)));
      a.updated_at = *a.completed_at;
    }
    return ctx.tx.assessments().Insert(a).ok() ? OkStatus()
                                               : Error::Internal("demo assessment insert failed");
  };
  if (ctx.budget_holder_person.valid()) {
    SD_RETURN_IF_ERROR(add(ctx.budget_holder_person, *adult, AssessmentStatus::kCompleted, 150));
  }
  for (size_t i = 0; i < ctx.people.size(); ++i) {
    PersonId p = ctx.people[i];
    if (p == ctx.budget_holder_person) continue;
    uint64_t roll = r.Below(1000);
    if (roll < 160) {
      SD_RETURN_IF_ERROR(
          add(p, *adult, AssessmentStatus::kCompleted, 30 + static_cast<int>(r.Below(150))));
    } else if (roll < 180) {
      SD_RETURN_IF_ERROR(
          add(p, *adult, AssessmentStatus::kSubmitted, static_cast<int>(r.Below(28))));
    } else if (roll < 195) {
      SD_RETURN_IF_ERROR(add(p, *adult, AssessmentStatus::kDraft, static_cast<int>(r.Below(14))));
    } else if (roll < 210) {
      // The carer's assessment is the carer's own, on their own record (Care Act 2014 s10).
      SD_ASSIGN_OR_RETURN(PersonId carer_person, DemoCarer(ctx, p));
      SD_RETURN_IF_ERROR(
          add(carer_person, *carer,
              r.Percent(60) ? AssessmentStatus::kCompleted : AssessmentStatus::kDraft,
              static_cast<int>(r.Below(90)), p));
    }
  }
  return OkStatus();
}

// Resource allocation: the default tables published by the approver, a calibration sample of
// costed packages, an indicative budget for everyone with a current eligible assessment, and an
// analyst's draft for next year waiting to be simulated and published.
Status AllocationStep(DemoContext& ctx) {
  DemoRandom& r = ctx.random;
  const UserId approver = ctx.user_ids.at(Role::kApprover);
  const UserId analyst = ctx.user_ids.at(Role::kAnalyst);
  const Timestamp published = ctx.now.PlusSeconds(-240 * 86400);
  for (const auto& t : DefaultAllocationTables()) {
    StoredAllocationTable s = StoredVersion(
        t, TableStatus::kPublished, "Adopted for 2026-27 after calibration on costed packages",
        approver, published);
    s.created_by = analyst;  // Drafted by the analyst, published by the approver.
    SD_RETURN_IF_ERROR(ctx.tx.allocation_tables().Insert(s));
  }
  SD_ASSIGN_OR_RETURN(auto current, ctx.tx.assessments().CurrentEligible());
  std::string csv = "weekly_cost,points\n";
  int64_t rows = 0;
  for (const auto& a : current) {
    Timestamp at = a.completed_at.value_or(ctx.now);
    SD_ASSIGN_OR_RETURN(auto budget, CalculateIndicativeBudget(ctx.tx, a, at));
    if (!budget || a.kind != domain::AssessmentKind::kAdult || rows >= 150 || !r.Percent(60))
      continue;
    // What the person's care actually cost: about £30 plus £15 a point, give or take £60.
    int64_t pence = 3000 + 1500 * budget->points + static_cast<int64_t>(r.Below(12001)) - 6000;
    csv += Pence::FromPence(std::max<int64_t>(pence, 2000)).ToString() + "," +
           std::to_string(budget->points) + "\n";
    ++rows;
  }
  if (rows > 2) {
    SD_ASSIGN_OR_RETURN(CalibrationSampleId sample,
                        ctx.tx.calibration_samples().Insert(CalibrationSample{
                            CalibrationSampleId{}, "Costed packages, spring 2026", csv, rows,
                            analyst, published.PlusSeconds(-14 * 86400)}));
    (void)sample;
  }
  if (const auto* adult = DefaultAllocationTableFor("adult-needs")) {
    domain::AllocationTable next = *adult;
    next.version = adult->version + 1;
    SD_ASSIGN_OR_RETURN(next.effective_from, Date::FromYmd(ctx.now.LondonDate().year() + 1, 4, 1));
    next.conversion.price_per_point = next.conversion.price_per_point + Pence::FromPence(60);
    next.source = "Proposed for next year: price per point up 4% with provider fees";
    SD_RETURN_IF_ERROR(ctx.tx.allocation_tables().Insert(StoredVersion(
        next, TableStatus::kDraft, next.source, analyst, ctx.now.PlusSeconds(-3 * 86400))));
  }
  return OkStatus();
}

}  // namespace

const std::vector<std::string>& DemoGivenNames() { return kGivenNames; }
const std::vector<std::string>& DemoFamilyNames() { return kFamilyNames; }

// A financial assessment for everyone with an indicative budget: incomes, savings and costs
// typical of the person's age, the charge worked out with the rates of its date. Most were done
// or re-assessed this charging year; some are still on last year's rates (for the yearly
// re-assessment), and a few are drafts waiting for evidence.
Status ChargingStep(DemoContext& ctx) {
  namespace json = boost::json;
  DemoRandom& r = ctx.random;
  const UserId finance = ctx.user_ids.at(Role::kFinanceOfficer);
  const Date today = ctx.now.LondonDate();
  auto current = ChargingRatesOn(today);
  if (!current.ok()) return OkStatus();  // No reference data for today: nothing to show.
  const domain::ChargingRates* previous = nullptr;
  for (const auto& rates : ReferenceChargingRates())
    if (rates.effective_from < (*current)->effective_from) previous = &rates;
  SD_ASSIGN_OR_RETURN(auto eligible, ctx.tx.assessments().CurrentEligible());
  auto money = [&](int64_t from, int64_t to) {
    return Pence::FromPence(from +
                            static_cast<int64_t>(r.Below(static_cast<uint64_t>(to - from + 1))))
        .ToString();
  };
  auto rate = [&](const domain::ChargingRates& rates, domain::IncomeType t) {
    const auto& list = rates.benefit_rates[static_cast<size_t>(t)];
    return list.empty() ? std::string("0.00") : list[r.Below(list.size())].amount.ToString();
  };
  int drafts = 0;
  std::set<int64_t> done;
  for (const auto& a : eligible) {
    if (!done.insert(a.person_id.value()).second) continue;
    SD_ASSIGN_OR_RETURN(auto budget, ctx.tx.indicative_budgets().Find(a.id));
    SD_ASSIGN_OR_RETURN(auto person, ctx.tx.people().Find(a.person_id));
    if (!budget || !person) continue;
    const bool mine = a.person_id == ctx.budget_holder_person;
    const bool last_year = !mine && previous != nullptr && r.Percent(15);
    const domain::ChargingRates& rates = last_year ? *previous : **current;
    // A day from the start of the rates' year to today (or to the start of this year's rates).
    const Date until = last_year ? (*current)->effective_from : today;
    int64_t span = std::max<int64_t>(1, until.DaysSince(rates.effective_from));
    Date date =
        rates.effective_from.AddDays(static_cast<int64_t>(r.Below(static_cast<uint64_t>(span))));
    int age = AgeOn(person->details.date_of_birth, date);
    if (age < 18) continue;
    json::array income;
    std::vector<domain::IncomeItem> benefits;  // The same, for the premiums they give.
    using T = domain::IncomeType;
    auto add = [&](T type, std::string weekly) {
      income.push_back(json::object{{"type", domain::IncomeTypeCode(type)}, {"weekly", weekly}});
      benefits.push_back({type, *Pence::Parse(weekly)});
    };
    if (age >= rates.pension_credit_age) {
      add(T::kStatePension, money(17500, 23000));
      if (r.Percent(35)) add(T::kPrivatePension, money(1000, 15000));
      if (r.Percent(20)) add(T::kPensionCreditSavings, money(100, 1600));
      if (r.Percent(55)) add(T::kAttendanceAllowance, rate(rates, T::kAttendanceAllowance));
    } else {
      add(r.Percent(50) ? T::kEsa : T::kUniversalCredit, money(9000, 26000));
      add(T::kPipDailyLiving, rate(rates, T::kPipDailyLiving));
      if (r.Percent(50)) add(T::kPipMobility, rate(rates, T::kPipMobility));
      if (r.Percent(12)) add(T::kEarnings, money(2000, 15000));
    }
    std::string capital = r.Percent(55)   ? "0.00"
                          : r.Percent(60) ? money(50000, 1425000)
                          : r.Percent(75) ? money(1425001, 2325000)
                                          : money(2325001, 9000000);
    // The premiums follow the benefits (premiums.h), never a random draw.
    const domain::Premiums qualifies = domain::PremiumsFromBenefits(rates, age, benefits);
    json::array premiums;
    if (qualifies.disability) premiums.push_back("disability");
    if (qualifies.enhanced_disability) premiums.push_back("enhanced_disability");
    if (qualifies.carer) premiums.push_back("carer");
    json::object input{{"assessment_date", date.ToString()},
                       {"age", age},
                       {"household", r.Percent(20) ? "couple" : "single"},
                       {"premiums", std::move(premiums)},
                       {"weekly_cost_of_care", budget->EffectiveWeekly().ToString()},
                       {"capital", capital},
                       {"income", std::move(income)},
                       {"housing_costs_weekly", r.Percent(60) ? money(500, 4500) : "0.00"}};
    if (r.Percent(40)) input["disability_related_expenditure_weekly"] = money(500, 3500);
    auto outcome = AssessChargingJson(input, DefaultChargingPolicy(), domain::Detail::kSummary);
    if (!outcome.ok()) return Error::Internal("Demo charging input: " + outcome.error().message);
    const bool draft = !mine && drafts < 12 && r.Percent(8);
    json::object evidence;
    evidence["capital"] = r.Percent(70) ? "verified" : "declared";
    const size_t items = input["income"].as_array().size();
    for (size_t i = 0; i < items; ++i)
      evidence["income[" + std::to_string(i) + "]"] = r.Percent(80) ? "verified" : "declared";
    if (draft) evidence["income[0]"] = "awaited";
    FinancialAssessmentRecord f;
    f.person_id = a.person_id;
    f.status = draft ? FinancialAssessmentStatus::kDraft : FinancialAssessmentStatus::kCompleted;
    f.assessment_date = date;
    f.input_json = json::serialize(input);
    f.evidence_json = json::serialize(evidence);
    f.reason =
        last_year || !r.Percent(40) ? "First financial assessment" : "Change of circumstances";
    f.rates_id = outcome->rates->id;
    f.weekly_charge = outcome->result.weekly_charge;
    f.weekly_cost = outcome->request.input.weekly_cost_of_care;
    f.full_cost = outcome->result.full_cost;
    f.created_by = finance;
    f.created_at = ctx.now.PlusSeconds(-static_cast<int64_t>(r.Below(30 * 86400)));
    if (!draft) {
      f.completed_by = finance;
      f.completed_at = f.created_at;
    } else {
      ++drafts;
    }
    SD_ASSIGN_OR_RETURN(FinancialAssessmentId id, ctx.tx.financial_assessments().Insert(f));
    (void)id;
  }
  return OkStatus();
}

namespace {
namespace json = boost::json;

// What a demo plan says, by need: the need, how traditional services meet it, how a creative plan
// meets it.
struct DemoNeed {
  const char* need;
  const char* traditional;
  const char* creative;
};
const DemoNeed kDemoNeeds[] = {
    {"Getting washed and dressed in the morning", "A home care visit every morning",
     "My PA helps me every morning, at the time I choose"},
    {"Preparing and eating meals", "A hot meal delivered at lunchtime",
     "My PA and I cook together; the lunch club on Wednesdays"},
    {"Getting out and about in the community", "The day centre, with transport",
     "A taxi to the walking group; my PA comes with me at first"},
    {"Keeping in touch with family and friends", "The day centre twice a week",
     "A tablet for video calls with my grandchildren; the community choir"},
    {"Keeping my home clean and safe", "Home care helps with light housework",
     "My PA helps with housework; my son does the garden"},
    {"Taking part in learning, work or volunteering", "A day service place",
     "Support to volunteer at the community garden"},
    {"Keeping active and well", "Exercise at the day centre", "Gym membership and swimming"},
};
const char* const kWhatMatters[] = {
    "Staying in my own home, near my neighbours",
    "Seeing my grandchildren every week",
    "Choosing who helps me and when",
    "Getting back to my allotment",
    "Not feeling lonely; having people to talk to",
    "Being as independent as I can",
    "Going to my place of worship each week",
    "Keeping my dog; she is my best friend",
};
const char* const kOutcomes[] = {
    "Go swimming every week",
    "Sing in a choir again",
    "Make a new friend",
    "Get to the shops on my own",
    "Cook a meal for my family",
    "Volunteer one morning a week",
    "Sleep well knowing help is near",
    "Get out of the house every day",
};
const char* const kHelpers[][2] = {
    {"My daughter", "Shopping and appointments"},
    {"My husband", "Evenings and weekends"},
    {"A neighbour", "Keeps a key and looks in each day"},
    {"My son", "The garden and lifts to family events"},
    {"A befriending volunteer", "A visit and a chat every Tuesday"},
    {"The community choir", "Somewhere to belong on Thursday evenings"},
};
const char* const kContingencies[] = {
    "If my PA is ill, the agency covers and my daughter is the back-up.",
    "If a visit is missed I ring the care line; my neighbour has a key.",
    "My son covers mornings if support breaks down; the council's emergency team knows me.",
};
const char* const kRisks[] = {
    "Falls at night: a pendant alarm and a sensor mat.",
    "Forgetting medication: a smart speaker reminder and a blister pack.",
    "Going out alone: my PA comes with me until I feel confident.",
};
const char* const kReturnReasons[] = {
    "Please say who covers if your PA is ill or on holiday (contingency).",
    "The assessment found help is needed every morning; please check the hours.",
    "Please add how you will get to the gym; transport can be part of the plan.",
};
const char* const kHigherReasons[] = {
    "Two carers are needed for transfers until the occupational therapist's review.",
    "Agreed above the indicative budget: the person's carer is recovering from an operation.",
};

struct DemoPlanLine {
  const char* item;
  const char* quantity;  // Units each time, as a plan's JSON has it.
  int times;             // Each period.
  const char* per;       // nullptr: the item's own period.
};

// The lines of a plan for a person whose budget is managed `how`, without the main hours line.
// Returns the main line's item and how it is managed.
std::pair<const char*, domain::ManagedAs> DemoPlanLines(DemoRandom& r, domain::BudgetManagement how,
                                                        json::array& lines) {
  using domain::BudgetManagement;
  using domain::ManagedAs;
  auto add = [&](DemoPlanLine l, ManagedAs managed) {
    json::object o{{"item", l.item}, {"quantity", l.quantity}, {"times", l.times}};
    if (l.per != nullptr) o["per"] = l.per;
    o["managed_as"] = domain::ManagedAsCode(managed);
    lines.push_back(std::move(o));
  };
  const DemoPlanLine kTraditional[] = {{"meals-delivered", "1", 5, "week"},
                                       {"day-centre-day", "1", 2, "week"},
                                       {"respite-night", "1", 6, "year"}};
  const DemoPlanLine kCreative[] = {
      {"gym-month", "1", 1, nullptr},     {"swim-session", "1", 1, "week"},
      {"lunch-club", "1", 1, "week"},     {"choir", "1", 1, nullptr},
      {"art-class", "1", 1, "week"},      {"taxi-trip", "1", 2, "week"},
      {"tablet", "1", 1, nullptr},        {"allotment-year", "1", 1, nullptr},
      {"community-cafe", "1", 2, "week"}, {"volunteering-support", "1", 1, "week"},
      {"walking-group", "1", 1, "week"},  {"bus-pass-companion", "1", 1, nullptr},
      {"befriending", "1", 1, "week"},    {"unpaid-carer", "6", 1, "week"},
  };
  auto creative = [&](int count, ManagedAs managed) {
    std::set<size_t> chosen;
    while (static_cast<int>(chosen.size()) < count) chosen.insert(r.Below(std::size(kCreative)));
    for (size_t i : chosen) add(kCreative[i], managed);
  };
  switch (how) {
    case BudgetManagement::kDirectPayment: {
      ManagedAs dp = r.Percent(15) ? ManagedAs::kDirectPaymentNominated : ManagedAs::kDirectPayment;
      creative(2 + static_cast<int>(r.Below(3)), dp);
      return {r.Percent(80) ? "pa-hour" : "pa-agency-hour", dp};
    }
    case BudgetManagement::kIndividualServiceFund:
      creative(1 + static_cast<int>(r.Below(2)), ManagedAs::kIndividualServiceFund);
      return {"pa-agency-hour", ManagedAs::kIndividualServiceFund};
    case BudgetManagement::kMixed:
      add(kTraditional[r.Below(2)], ManagedAs::kCouncilManaged);
      creative(1 + static_cast<int>(r.Below(3)), ManagedAs::kDirectPayment);
      return {"home-care-hour", ManagedAs::kCouncilManaged};
    case BudgetManagement::kNotDecided:
    case BudgetManagement::kCouncilManaged:
      break;
  }
  add(kTraditional[r.Below(std::size(kTraditional))], ManagedAs::kCouncilManaged);
  if (r.Percent(40)) creative(1, ManagedAs::kCouncilManaged);
  return {"home-care-hour", ManagedAs::kCouncilManaged};
}

// A whole plan's contents (every section) for a person, its main line's hours chosen so that the
// plan costs about `target` a week on `rates` (from one to sixty hours, in quarter hours).
Result<domain::SupportPlanContent> DemoPlanContent(DemoRandom& r, const PersonRecord& person,
                                                   Pence target, Date review,
                                                   const domain::PaEmploymentRates& rates,
                                                   const domain::PlanCostPolicy& policy,
                                                   Date today) {
  const bool creative =
      person.details.budget_management != domain::BudgetManagement::kNotDecided &&
      person.details.budget_management != domain::BudgetManagement::kCouncilManaged;
  json::array needs;
  std::set<size_t> chosen;
  const size_t wanted = 2 + r.Below(3);
  while (chosen.size() < wanted) chosen.insert(r.Below(std::size(kDemoNeeds)));
  for (size_t i : chosen) {
    const auto& n = kDemoNeeds[i];
    needs.push_back({{"description", n.need},
                     {"eligible", chosen.size() < 2 || r.Percent(85)},
                     {"how_met", creative ? n.creative : n.traditional}});
  }
  json::array outcomes{kOutcomes[r.Below(std::size(kOutcomes))]};
  if (r.Percent(60)) {
    const char* second = kOutcomes[r.Below(std::size(kOutcomes))];
    if (outcomes[0].as_string() != second) outcomes.push_back(second);
  }
  json::array helpers;
  const auto& helper = kHelpers[r.Below(std::size(kHelpers))];
  helpers.push_back({{"who", helper[0]}, {"help", helper[1]}, {"paid", false}});
  json::array lines;
  auto [main, managed] = DemoPlanLines(r, person.details.budget_management, lines);
  json::object content{
      {"needs", std::move(needs)},
      {"what_matters", kWhatMatters[r.Below(std::size(kWhatMatters))]},
      {"outcomes", std::move(outcomes)},
      {"views", "Written with me; I chose " +
                    std::string(creative ? "who helps me and when" : "the day centre I know")},
      {"helpers", std::move(helpers)},
      {"contingency", kContingencies[r.Below(std::size(kContingencies))]},
      {"risks", kRisks[r.Below(std::size(kRisks))]},
      {"advice", "Given the local directory of clubs and services, and the direct payment guide"},
      {"managed_as", domain::ManagedAsCode(managed)},
      {"review_date", review.ToString()},
      {"payroll_service", std::string_view(main) == "pa-hour" && r.Percent(50)},
  };
  // Cost the plan with one hour and with two of the main line; the difference is an hour's cost.
  auto with_hours = [&, &main = main, &managed = managed](
                        int64_t quarter_hours) -> Result<domain::SupportPlanContent> {
    json::object c = content;
    json::array l = lines;
    l.push_back({{"item", main},
                 {"quantity", Pence::FromPence(quarter_hours * 25).ToString()},
                 {"per", "week"},
                 {"managed_as", domain::ManagedAsCode(managed)}});
    c["lines"] = std::move(l);
    return SupportPlanFromJson(c, DefaultCatalogue());
  };
  auto weekly = [&](const domain::SupportPlanContent& c) {
    return domain::CostPlan(rates, policy, CostInputOf(c, today, std::nullopt)).weekly_total;
  };
  SD_ASSIGN_OR_RETURN(auto one, with_hours(4));
  // Leave out the extras the budget cannot pay for, last chosen first.
  while (!lines.empty() && weekly(one) > target) {
    lines.pop_back();
    SD_ASSIGN_OR_RETURN(one, with_hours(4));
  }
  SD_ASSIGN_OR_RETURN(auto two, with_hours(8));
  const int64_t hour = std::max<int64_t>(1, (weekly(two) - weekly(one)).pence());
  // Quarter hours, rounded down (the plan stays within the target).
  const int64_t quarters = 4 + std::max<int64_t>(0, (target - weekly(one)).pence()) * 4 / hour;
  return with_hours(std::clamp<int64_t>(quarters, 4, 240));
}

// Support plans for the people with an indicative budget (not the demo budget holder, who starts
// their own): written with a practitioner after the assessment, most agreed by the team manager
// (some above the indicative budget, with the reason), some waiting for approval, some returned
// with reasons, some still being written. Choices follow how the person's budget is managed: home
// care, meals and day centres when the council arranges support; a personal assistant, clubs,
// classes, a gym and transport with a direct payment; both when mixed. Costed on today's rates,
// as the plan pages show them; each agreed plan's spend goes to the dashboard in its month.
// The weekly charge of a person whose plan costing `weekly_cost` is agreed at `decided`: their
// current financial assessment worked out again on that cost, as an approver's agreement does
// (arranged_cost.h), dated then, or later if that assessment is dated or completed later (so
// that it is the person's current one).
Result<std::optional<Pence>> AgreedCharge(DemoContext& ctx, UserId approver, PersonId person,
                                          Pence weekly_cost, Timestamp decided) {
  SD_ASSIGN_OR_RETURN(auto charges, ctx.tx.financial_assessments().ForPerson(person));
  for (const auto& c : charges) {
    if (c.status != FinancialAssessmentStatus::kCompleted) continue;
    Timestamp at = c.completed_at && decided < *c.completed_at ? *c.completed_at : decided;
    const auto dated = Timestamp::Parse(c.assessment_date.ToString() + "T12:00:00Z");
    if (dated.ok() && at < *dated) at = *dated;
    SD_ASSIGN_OR_RETURN(auto recosted,
                        RecostOnAgreedPlan(ctx.tx, approver, person, weekly_cost, at));
    return std::optional<Pence>(recosted ? recosted->weekly_charge : c.weekly_charge);
  }
  return std::optional<Pence>();
}

Status PlansStep(DemoContext& ctx) {
  DemoRandom& r = ctx.random;
  const UserId practitioner = ctx.user_ids.at(Role::kPractitioner);
  const UserId approver = ctx.user_ids.at(Role::kApprover);
  const Date today = ctx.now.LondonDate();
  SD_ASSIGN_OR_RETURN(auto eligible, ctx.tx.assessments().CurrentEligible());
  std::set<int64_t> done;
  const int64_t day = 86400;
  for (const auto& a : eligible) {
    if (a.person_id == ctx.budget_holder_person || !done.insert(a.person_id.value()).second)
      continue;
    SD_ASSIGN_OR_RETURN(auto budget, ctx.tx.indicative_budgets().Find(a.id));
    SD_ASSIGN_OR_RETURN(auto person, ctx.tx.people().Find(a.person_id));
    if (!budget || !person || !a.completed_at || r.Percent(25)) continue;
    const uint64_t roll = r.Below(100);
    const auto status = roll < 70   ? domain::PlanStatus::kApproved
                        : roll < 80 ? domain::PlanStatus::kSubmitted
                        : roll < 87 ? domain::PlanStatus::kReturned
                                    : domain::PlanStatus::kDraft;
    // The plan's days: written after the assessment, sent, decided; all before now.
    const Timestamp latest = ctx.now.PlusSeconds(-day);
    auto before_now = [&](Timestamp t) { return t < latest ? t : latest; };
    const Timestamp created =
        before_now(a.completed_at->PlusSeconds(day * static_cast<int64_t>(2 + r.Below(8))));
    const Timestamp written =
        before_now(created.PlusSeconds(day * static_cast<int64_t>(1 + r.Below(6))));
    const Timestamp submitted =
        before_now(written.PlusSeconds(day * static_cast<int64_t>(1 + r.Below(10))));
    const Timestamp decided =
        before_now(submitted.PlusSeconds(day * static_cast<int64_t>(1 + r.Below(7))));
    const Date agreed_on = decided.LondonDate();
    Date review = today.AddDays(90 + static_cast<int64_t>(r.Below(200)));
    if (status == domain::PlanStatus::kApproved) {
      review = agreed_on.AddDays(r.Percent(30) ? 182 : 364);
      if (!(today < review)) review = agreed_on.AddDays(364);
    }
    // Most plans cost about the indicative budget; one in ten asks for more.
    const Pence indicative = budget->EffectiveWeekly();
    const int64_t percent = r.Percent(10) ? 115 + static_cast<int64_t>(r.Below(20))
                                          : 85 + static_cast<int64_t>(r.Below(18));
    const Pence target = Pence::FromPence(indicative.pence() * percent / 100);  // Rounded down.
    // Costed on the day it was agreed, as the plan page costs an agreed version; else today.
    const Date on = status == domain::PlanStatus::kApproved ? agreed_on : today;
    auto rates = PaRatesOn(on);
    if (!rates.ok()) continue;  // No PA figures for that day: the plan cannot be costed.
    SD_ASSIGN_OR_RETURN(const domain::PlanCostPolicy policy, PlanPolicyOn(ctx.tx, on));
    SD_ASSIGN_OR_RETURN(domain::SupportPlanContent content,
                        DemoPlanContent(r, *person, target, review, **rates, policy, on));
    const domain::PlanCost cost =
        domain::CostPlan(**rates, policy, CostInputOf(content, on, indicative));

    SupportPlanRecord p;
    p.person_id = person->id;
    p.team_id = person->team_id;
    p.client_group =
        std::string(domain::PrimarySupportReasonName(person->details.primary_support_reason));
    p.indicative_weekly = indicative;
    p.created_by = practitioner;
    p.last_edited_by = practitioner;
    p.created_at = created;
    p.updated_at = created;
    domain::SupportPlanContent empty;
    empty.managed_as = content.managed_as;
    SD_ASSIGN_OR_RETURN(p.id, ctx.tx.support_plans().Insert(
                                  p, {SupportPlanId{}, 1, json::serialize(SupportPlanToJson(empty)),
                                      Pence{}, Pence{}, practitioner, created, "Started"}));
    auto event = [&](std::string kind, std::string reason, UserId by, Timestamp at) {
      return ctx.tx.support_plans().AddEvent(
          {p.id, p.version, std::move(kind), std::move(reason), by, at});
    };
    SD_RETURN_IF_ERROR(event("started", "", practitioner, created));
    if (status == domain::PlanStatus::kDraft && r.Percent(40)) continue;  // Only just started.
    p.version = 2;
    const std::string note = "Written with the person at home";
    SD_RETURN_IF_ERROR(ctx.tx.support_plans().AddVersion(
        {p.id, 2, json::serialize(SupportPlanToJson(content)), cost.weekly_total, cost.annual_total,
         practitioner, written, note}));
    SD_RETURN_IF_ERROR(event("changed", note, practitioner, written));
    p.weekly_total = cost.weekly_total;
    p.annual_total = cost.annual_total;
    p.updated_at = written;
    if (status != domain::PlanStatus::kDraft) {
      p.status = domain::PlanStatus::kSubmitted;
      p.submitted_by = practitioner;
      p.submitted_at = submitted;
      p.updated_at = submitted;
      SD_RETURN_IF_ERROR(event("submitted", "", practitioner, submitted));
    }
    const bool over =
        cost.tolerance.has_value() && cost.tolerance->difference > cost.tolerance->allowed;
    if (status == domain::PlanStatus::kReturned) {
      p.status = domain::PlanStatus::kReturned;
      p.decision_reason = kReturnReasons[r.Below(std::size(kReturnReasons))];
    } else if (status == domain::PlanStatus::kApproved) {
      if (over) p.decision_reason = kHigherReasons[r.Below(std::size(kHigherReasons))];
      SD_ASSIGN_OR_RETURN(std::optional<Pence> charge,
                          AgreedCharge(ctx, approver, person->id, cost.weekly_total, decided));
      SD_RETURN_IF_ERROR(ctx.tx.support_plans().RecordAgreedSpend(AgreeCurrentVersion(
          p, content, cost, domain::SplitBudget(cost.weekly_total, cost.annual_total, charge),
          decided)));
      SD_RETURN_IF_ERROR(
          ctx.tx.reviews().PutPlan({person->id, p.id, p.version, agreed_on, review}));
    }
    if (status == domain::PlanStatus::kReturned || status == domain::PlanStatus::kApproved) {
      p.decided_by = approver;
      p.decided_at = decided;
      p.updated_at = decided;
      const char* kind = status == domain::PlanStatus::kReturned ? "returned"
                         : over                                  ? "approved_higher"
                                                                 : "approved";
      SD_RETURN_IF_ERROR(event(kind, p.decision_reason, approver, decided));
    }
    SD_RETURN_IF_ERROR(ctx.tx.support_plans().Update(p));
  }
  return OkStatus();
}

}  // namespace

// The information-and-advice directory: the postcode sample for the demo area, then a few
// hundred services, clubs and societies in its towns (app/directory/directory_service.h).
Status DirectoryStep(DemoContext& ctx) {
  std::vector<std::pair<std::string, domain::GeoPoint>> points;
  PostcodeLoadReport loaded = ParsePostcodeCsv(DemoPostcodesCsv(), points);
  if (!loaded.problems.empty()) return Error::Internal("demo-area.csv: " + loaded.problems[0]);
  SD_RETURN_IF_ERROR(ctx.tx.postcodes().Put(points));
  const std::map<std::string, domain::GeoPoint> lookup(points.begin(), points.end());
  const Taxonomy& taxonomy = DefaultTaxonomy();
  SD_ASSIGN_OR_RETURN(auto services, DemoDirectoryServices(taxonomy, ctx.now));
  const UserId editor = ctx.user_ids.at(Role::kDirectoryEditor);
  for (const auto& [s, due] : services) {
    if (auto problems = domain::ValidateService(s, taxonomy.TermIds()); !problems.empty()) {
      return Error::Internal("Demo directory entry " + s.name + ": " + problems[0].field + " " +
                             problems[0].message);
    }
    SD_RETURN_IF_ERROR(
        ctx.tx.directory().Upsert(DirectoryRecordFor(s, taxonomy, due, editor, lookup)));
  }
  return OkStatus();
}

const std::vector<DemoStep>& DemoSteps() {
  static const std::vector<DemoStep> steps = {
      {"teams", TeamsStep},
      {"people", PeopleStep},
      {"accounts", AccountsStep},
      {"assessments", AssessmentsStep},
      {"allocation", AllocationStep},
      {"charging", ChargingStep},
      {"plans", PlansStep},
      {"money", MoneyStep},
      {"directory", DirectoryStep},
      {"personal_assistants", PaStep},
      {"pa_employment", EmploymentStep},
      {"pa_adverts", PaAdvertsStep},
      {"outcome_surveys", SurveysStep},
      {"making_it_real", MakingItRealStep},
      {"reviews", ReviewsStep},
      {"front_door", FrontDoorStep},
      {"complaints", ComplaintsStep},
      {"messages", MessagesStep},
      {"carer_survey", CarerSurveyStep},
  };
  return steps;
}

Result<DemoSummary> CreateDemoCouncil(Store& store, const Clock& clock,
                                      const DemoOptions& options) {
  if (options.people < 1 || options.people > limits::kMaxDemoPeople) {
    return Error::InvalidArgument("--people must be from 1 to 100000");
  }
  SD_ASSIGN_OR_RETURN(auto existing, store.FindCouncil(options.council_code));
  if (existing && existing->kind != CouncilKind::kDemo) {
    return Error::FailedPrecondition("Council '" + options.council_code +
                                     "' holds live data; the demo will not overwrite it");
  }
  SD_ASSIGN_OR_RETURN(
      CouncilId council,
      store.UpsertCouncil(options.council_code, options.council_name, CouncilKind::kDemo));
  if (existing) SD_RETURN_IF_ERROR(store.DeleteCouncilData(council));
  DemoRandom random(options.seed);
  DemoSummary summary;
  summary.council = council;
  const Timestamp now = clock.Now();
  SD_RETURN_IF_ERROR(store.Write(council, [&](Transaction& tx) -> Status {
    DemoContext ctx{tx, random, now, options.people, {}, {}, 0, {}, {}, UserId{}, PersonId{}};
    for (const auto& step : DemoSteps()) {
      Status s = step.run(ctx);
      if (!s.ok())
        return Error{s.error().code, "demo step " + step.name + ": " + s.error().message, {}};
    }
    summary.people = static_cast<int>(ctx.people.size());
    summary.direct_payments = ctx.direct_payments;
    summary.users = ctx.users;
    return OkStatus();
  }));
  // After the demo's own transaction: a change agreed through the planning use cases.
  SD_RETURN_IF_ERROR(AgreeDemoChange(store, clock, summary));
  return summary;
}

}  // namespace selfdirect::app
