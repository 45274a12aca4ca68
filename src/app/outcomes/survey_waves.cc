// File: survey_waves.cc
// Survey waves: the sampling frame (people with an agreed plan, with their groupings), opening a
// wave with its stratified sample, the letters with one-time links, the summary with response
// rates and weights, and closing (survey_service.h).
#include <fmt/format.h>

#include <map>
#include <random>

#include "app/outcomes/survey_service.h"
#include "app/passwords.h"
#include "app/planning/support_plan_json.h"
#include "base/csv.h"
#include "base/limits.h"
#include "domain/outcomes/survey_sample.h"

namespace selfdirect::app {
namespace {

using domain::Role;

std::string SpendingOf(const SupportPlanVersion& v) {
  boost::system::error_code ec;
  auto json = boost::json::parse(v.content_json, ec);
  if (ec) return "traditional";
  auto content = SupportPlanFromJson(json, DefaultCatalogue(), CatalogueItems::kAlsoWithdrawn);
  if (!content.ok()) return "traditional";
  bool traditional = false, creative = false;
  for (const auto& line : content->lines)
    (domain::IsTraditional(line.category) ? traditional : creative) = true;
  if (traditional && creative) return "mixed";
  return creative ? "creative" : "traditional";
}

// The person's groupings from their latest agreed plan, or nullopt without one.
Result<std::optional<SurveyGroups>> GroupsOf(Transaction& tx, const PersonRecord& p, Date on,
                                             const std::map<int64_t, std::string>& teams) {
  SD_ASSIGN_OR_RETURN(auto plans, tx.support_plans().ForPerson(p.id));
  const SupportPlanRecord* latest = nullptr;
  for (const auto& plan : plans) {
    if (plan.approved_version == 0 || !plan.decided_at || plan.decided_at->LondonDate() > on)
      continue;
    if (!latest || *plan.decided_at > *latest->decided_at) latest = &plan;
  }
  if (!latest) return std::optional<SurveyGroups>();
  SurveyGroups g;
  g.client_group = latest->client_group.empty() ? "not_recorded" : latest->client_group;
  g.age_band = AgeOn(p.details.date_of_birth, on) >= 65 ? "65+" : "18-64";
  g.management = latest->return_category;
  auto team = teams.find(p.team_id.value());
  g.team = team == teams.end() ? "" : team->second;
  SD_ASSIGN_OR_RETURN(auto version,
                      tx.support_plans().Version(latest->id, latest->approved_version));
  g.spending = version ? SpendingOf(*version) : "traditional";
  return std::optional<SurveyGroups>(std::move(g));
}

}  // namespace

Result<std::vector<SurveyFrameEntry>> SurveyFrame(Transaction& tx, Date on) {
  std::map<int64_t, std::string> teams;
  SD_ASSIGN_OR_RETURN(auto team_list, tx.teams().List());
  for (const auto& t : team_list) teams[t.id.value()] = t.name;
  std::vector<SurveyFrameEntry> out;
  PeopleQuery q{"", std::nullopt, 1, limits::kMaxPageSize};
  for (;; ++q.page) {
    SD_ASSIGN_OR_RETURN(auto page, tx.people().Search(q));
    for (auto& p : page.items) {
      if (AgeOn(p.details.date_of_birth, on) < 18) continue;
      SD_ASSIGN_OR_RETURN(auto groups, GroupsOf(tx, p, on, teams));
      if (groups) out.push_back({std::move(p), std::move(*groups)});
    }
    if (static_cast<int64_t>(q.page) * q.page_size >= page.total || page.items.empty()) break;
  }
  return out;
}

std::string SurveyStratumLabel(const SurveyGroups& g) {
  return g.client_group + " | " + g.age_band + " | " + g.management;
}

namespace {

// A form reference: nine letters and digits from an alphabet without look-alikes, in threes.
std::string NewReference(std::mt19937_64& rng) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 9; ++i) {
    if (i > 0 && i % 3 == 0) out += '-';
    out += kAlphabet[rng() % kAlphabet.size()];
  }
  return out;
}

Status CheckOpenWave(const OpenWaveInput& in) {
  std::vector<FieldError> fields;
  if (in.name.empty() || in.name.size() > 200)
    fields.push_back({"name", "Enter a name for the survey wave, up to 200 characters"});
  if (!SurveyItemRoles(in.instrument_id, "1") && !FindSurveyInstrument(in.instrument_id))
    fields.push_back({"instrument_id", "Choose a survey"});
  if (in.period_end < in.period_start)
    fields.push_back({"period_end", "The end date must be on or after the start date"});
  if (in.margin_tenths < 10 || in.margin_tenths > 100)
    fields.push_back({"margin", "The margin of error must be between 1 and 10 points"});
  if (in.expected_response_pct < 5 || in.expected_response_pct > 100)
    fields.push_back({"expected_response", "The expected response rate must be 5% to 100%"});
  if (fields.empty()) return OkStatus();
  return Error::InvalidArgument("The survey wave cannot be opened", std::move(fields));
}

// The wave and its invitations from the frame's sample draw.
Result<SurveyWaveId> StoreDraw(Transaction& tx, SurveyWaveRecord wave,
                               const std::vector<SurveyFrameEntry>& frame,
                               const domain::SampleDraw& draw, std::mt19937_64& rng) {
  std::map<int64_t, const SurveyFrameEntry*> by_id;
  for (const auto& e : frame) by_id[e.person.id.value()] = &e;
  std::vector<SurveyInvitationRecord> invitations;
  for (size_t i = 0; i < draw.strata.size(); ++i) {
    const auto& s = draw.strata[i];
    wave.strata.push_back(
        {static_cast<int32_t>(i), s.key, s.population, static_cast<int64_t>(s.drawn.size())});
    for (int64_t id : s.drawn) {
      SurveyInvitationRecord inv;
      inv.person = PersonId{id};
      inv.stratum = static_cast<int32_t>(i);
      inv.reference = NewReference(rng);
      inv.groups = by_id.at(id)->groups;
      invitations.push_back(std::move(inv));
    }
  }
  SD_ASSIGN_OR_RETURN(SurveyWaveId wave_id, tx.surveys().InsertWave(wave));
  for (auto& inv : invitations) inv.wave = wave_id;
  SD_RETURN_IF_ERROR(tx.surveys().InsertInvitations(invitations));
  return wave_id;
}

}  // namespace

const SurveyInstrument* InstrumentOf(const SurveyWaveRecord& wave) {
  for (const auto& i : ShippedSurveyInstruments())
    if (i.questionnaire.id == wave.instrument_id &&
        i.questionnaire.version == wave.instrument_version)
      return &i;
  return nullptr;
}

Error SurveyService::Refuse(const CallContext& ctx, const Principal& who, const std::string& action,
                            SurveyWaveId id, Error refusal) {
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, action + "_refused", "survey_wave",
                                     id.ToString(), refusal.message));
  return refusal;
}

Status SurveyService::Audit(const CallContext& ctx, const Principal& who, const std::string& action,
                            SurveyWaveId id, const Status& outcome) {
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction(action, outcome), "survey_wave",
                                     id.ToString(), ""));
  return outcome;
}

Result<SurveyWaveId> SurveyService::OpenWave(const CallContext& ctx, const Principal& who,
                                             const OpenWaveInput& in) {
  if (who.user.role != Role::kAnalyst)
    return Refuse(ctx, who, "survey_wave.open", {},
                  Error::PermissionDenied("Only analysts open survey waves"));
  SD_RETURN_IF_ERROR(CheckOpenWave(in));
  const domain::Questionnaire* q = FindSurveyInstrument(in.instrument_id);
  const uint64_t seed = in.seed.value_or(std::random_device{}());
  SurveyWaveId id;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto frame, SurveyFrame(tx, in.period_start));
    if (frame.empty())
      return Error::FailedPrecondition("Nobody has an agreed support plan to survey yet");
    std::map<std::string, domain::Stratum> strata;
    for (const auto& e : frame) {
      auto& s = strata[SurveyStratumLabel(e.groups)];
      s.key = SurveyStratumLabel(e.groups);
      s.people.push_back(e.person.id.value());
    }
    std::vector<domain::Stratum> list;
    for (auto& [k, s] : strata) list.push_back(std::move(s));
    SD_ASSIGN_OR_RETURN(auto draw,
                        domain::DrawStratifiedSample(list, in.expected_response_pct / 100.0,
                                                     in.margin_tenths / 1000.0, seed));
    SurveyWaveRecord wave{{},
                          in.name,
                          q->id,
                          q->version,
                          in.period_start,
                          in.period_end,
                          SurveyWaveStatus::kOpen,
                          in.margin_tenths,
                          in.expected_response_pct,
                          static_cast<int64_t>(seed >> 1),
                          who.user.id,
                          clock_.Now(),
                          {},
                          {}};
    std::mt19937_64 rng(seed ^ 0x5deece66dULL);
    SD_ASSIGN_OR_RETURN(id, StoreDraw(tx, wave, frame, draw, rng));
    return tx.audit().Append(
        AuditOf(clock_, who, ctx, "survey_wave.open", "survey_wave", "", in.name));
  }));
  return id;
}

Result<std::vector<SurveyWaveRecord>> SurveyService::Waves(const CallContext& ctx,
                                                           const Principal& who) {
  const Role r = who.user.role;
  if (r != Role::kAnalyst && r != Role::kAdministrator && r != Role::kApprover)
    return Refuse(ctx, who, "survey_wave.list", {},
                  Error::PermissionDenied("Survey results are for analysts and managers"));
  std::vector<SurveyWaveRecord> out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(out, tx.surveys().ListWaves());
    return OkStatus();
  }));
  return out;
}

namespace {

bool MayReadResults(Role r) {
  return r == Role::kAnalyst || r == Role::kAdministrator || r == Role::kApprover;
}

WaveSummary Summarise(SurveyWaveRecord wave, const std::vector<SurveyInvitationRecord>& invs,
                      const std::vector<std::pair<int32_t, int64_t>>& counts) {
  WaveSummary s;
  std::map<int32_t, int64_t> responded(counts.begin(), counts.end());
  for (const auto& st : wave.strata) {
    StratumSummary line{st, responded[st.index], 0, 0};
    line.response_rate = st.sampled > 0 ? double(line.responded) / double(st.sampled) : 0;
    line.weight = domain::StratumWeight(st.population, line.responded);
    s.population += st.population;
    s.sampled += st.sampled;
    s.responded += line.responded;
    s.strata.push_back(line);
  }
  for (const auto& i : invs) {
    s.issued += i.issued_at ? 1 : 0;
    s.emailed += i.emailed_at ? 1 : 0;
  }
  if (s.population > 0) {
    auto needed = domain::ReturnsFor(s.population, wave.margin_tenths / 1000.0);
    s.returns_needed = needed.ok() ? needed->rounded : 0;
    s.margin_now = s.responded > 0 ? domain::MarginOfError(s.population, s.responded) : 0;
  }
  s.wave = std::move(wave);
  return s;
}

}  // namespace

Result<WaveSummary> SurveyService::Summary(const CallContext& ctx, const Principal& who,
                                           SurveyWaveId id) {
  if (!MayReadResults(who.user.role))
    return Refuse(ctx, who, "survey_wave.read", id,
                  Error::PermissionDenied("Survey results are for analysts and managers"));
  WaveSummary out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto wave, tx.surveys().FindWave(id));
    if (!wave) return Error::NotFound("No such survey wave");
    SD_ASSIGN_OR_RETURN(auto invs, tx.surveys().InvitationsOf(id));
    SD_ASSIGN_OR_RETURN(auto counts, tx.surveys().ResponseCounts(id));
    out = Summarise(std::move(*wave), invs, counts);
    return OkStatus();
  }));
  return out;
}

Result<SurveyWaveRecord> SurveyService::Wave(const CallContext& ctx, const Principal& who,
                                             SurveyWaveId id) {
  if (!MayReadResults(who.user.role))
    return Refuse(ctx, who, "survey_wave.read", id,
                  Error::PermissionDenied("Survey results are for analysts and managers"));
  SurveyWaveRecord out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto wave, tx.surveys().FindWave(id));
    if (!wave) return Error::NotFound("No such survey wave");
    out = std::move(*wave);
    return OkStatus();
  }));
  return out;
}

Status SurveyService::CloseWave(const CallContext& ctx, const Principal& who, SurveyWaveId id) {
  if (who.user.role != Role::kAnalyst)
    return Refuse(ctx, who, "survey_wave.close", id,
                  Error::PermissionDenied("Only analysts close survey waves"));
  return store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(tx.surveys().CloseWave(id, clock_.Now()));
    return tx.audit().Append(
        AuditOf(clock_, who, ctx, "survey_wave.close", "survey_wave", id.ToString(), ""));
  });
}

namespace {

std::vector<std::string> LetterRow(const PersonRecord& p, const SurveyInvitationRecord& inv,
                                   const std::string& link) {
  const auto& d = p.details;
  return {inv.reference,
          d.given_name + " " + d.family_name,
          d.address,
          d.postcode.value_or(""),
          d.email,
          link,
          link + "?version=easy-read"};
}

}  // namespace

Result<std::string> SurveyService::IssueLetters(const CallContext& ctx, const Principal& who,
                                                SurveyWaveId id, const std::string& base_url) {
  if (who.user.role != Role::kAnalyst)
    return Refuse(ctx, who, "survey_wave.letters", id,
                  Error::PermissionDenied("Only analysts issue survey letters"));
  std::string csv =
      CsvRow({"reference", "name", "address", "postcode", "email", "link", "easy_read_link"});
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto wave, tx.surveys().FindWave(id));
    if (!wave) return Error::NotFound("No such survey wave");
    if (wave->status != SurveyWaveStatus::kOpen)
      return Error::FailedPrecondition("This survey wave is closed");
    SD_ASSIGN_OR_RETURN(auto invs, tx.surveys().InvitationsOf(id));
    for (const auto& inv : invs) {
      if (inv.responded_at || inv.emailed_at) continue;
      SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(inv.person));
      if (!person) continue;
      const std::string token = RandomToken();
      // Emailed since it was read (another request): its email carries the link.
      Status issued = tx.surveys().IssueInvitation(inv.id, TokenHash(token), clock_.Now());
      if (!issued.ok() && issued.error().code == ErrorCode::kNotFound) continue;
      SD_RETURN_IF_ERROR(issued);
      csv += CsvRow(LetterRow(*person, inv, base_url + "/survey/" + token));
    }
    return tx.audit().Append(AuditOf(clock_, who, ctx, "survey_wave.letters", "survey_wave",
                                     id.ToString(), "letters issued"));
  }));
  return csv;
}

}  // namespace selfdirect::app
