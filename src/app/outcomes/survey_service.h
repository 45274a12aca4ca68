// File: survey_service.h
// Outcome survey waves (issue 22, deliver 2 and 3): the analyst opens a wave and draws a
// stratified random sample of the people with an agreed plan, issues the letters (a list for
// printing, each with a form reference and a one-time link), closes the wave; people answer
// online or easy read through their link, or on paper (typed in, or imported as CSV by the
// analyst); the results are analysed live (domain/outcomes/survey_results.h).
//
// Who may do what: the analyst runs waves, enters paper forms and reads respondent-level rows
// (audited); analysts, administrators and team managers (approvers) read the aggregate results,
// always with small cells suppressed. Nobody sees which person gave which answers: a response
// holds no person (survey_repository.h).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/outcomes/survey_instruments.h"
#include "app/outcomes/survey_repository.h"
#include "app/outcomes/survey_results_cache.h"
#include "app/people_service.h"
#include "app/repositories.h"
#include "domain/outcomes/survey_results.h"

namespace selfdirect::app {

// One answer: a question's linkId and an answer code (or the text of a free-text answer). A
// multiple-choice question gives one pair per ticked answer.
using SurveyAnswers = std::vector<std::pair<std::string, std::string>>;

// The answers as stored ("linkId=code" lines) and back.
std::string AnswersToText(const SurveyAnswers& answers);
SurveyAnswers AnswersFromText(const std::string& text);

// kInvalidArgument naming each bad answer ("answers.ease_planning"): a question the instrument
// does not have, a code that is not one of its options, two answers to a single-choice question,
// or text longer than the question allows.
Status CheckSurveyAnswers(const SurveyInstrument& instrument, const SurveyAnswers& answers);

struct OpenWaveInput {
  std::string name;
  std::string instrument_id = "budget-holder-survey";
  Date period_start;
  Date period_end;
  int32_t margin_tenths = 50;  // 5.0 points.
  int32_t expected_response_pct = 40;
  std::optional<uint64_t> seed;  // Random when absent.
};

struct StratumSummary {
  SurveyStratumRecord stratum;
  int64_t responded = 0;
  double response_rate = 0;  // responded / sampled.
  double weight = 0;         // population / responded.
};

struct WaveSummary {
  SurveyWaveRecord wave;
  int64_t population = 0;
  int64_t sampled = 0;
  int64_t issued = 0;
  int64_t emailed = 0;  // Invitations whose email is queued or sent (not given up).
  int64_t responded = 0;
  int64_t returns_needed = 0;  // For the wave's margin.
  double margin_now = 0;       // The margin of error the responses so far give (0.05 = 5 points).
  std::vector<StratumSummary> strata;
};

// What the public form needs: the wave's name and instrument; never the person.
struct SurveyInvitationView {
  SurveyWaveRecord wave;
  const SurveyInstrument* instrument = nullptr;
};

// A wave and its analysis, as the dashboard, the downloads and the public page show them.
struct WaveResults {
  SurveyWaveRecord wave;
  domain::SurveyResults results;
};

struct PaperImportRowError {
  int64_t line = 0;  // 1-based line of the CSV file.
  std::string message;
};

// The ASCOF measures the budget holder survey feeds (rules.md 3.3: control over daily life,
// social contact, ease of finding information and advice), from the latest wave with answers.
struct SurveyAscofMeasure {
  std::string measure;        // The item's ascof-measure extension, e.g. "control-over-daily-life".
  std::string label;          // e.g. "Control over daily life".
  domain::ItemResult result;  // Weighted, suppressed and rounded as on the dashboard.
};
struct SurveyAscof {
  SurveyWaveRecord wave;
  std::vector<SurveyAscofMeasure> measures;
};

class SurveyService {
 public:
  SurveyService(Store& store, const Clock& clock, AuditTrail& audit)
      : store_(store),
        clock_(clock),
        audit_(audit),
        results_(std::make_unique<SurveyResultsCache>()) {}

  Result<SurveyWaveId> OpenWave(const CallContext& ctx, const Principal& who,
                                const OpenWaveInput& in);
  Result<std::vector<SurveyWaveRecord>> Waves(const CallContext& ctx, const Principal& who);
  Result<WaveSummary> Summary(const CallContext& ctx, const Principal& who, SurveyWaveId id);
  // The wave with its strata, for pages that need no counts (the same readers as Summary).
  Result<SurveyWaveRecord> Wave(const CallContext& ctx, const Principal& who, SurveyWaveId id);
  Status CloseWave(const CallContext& ctx, const Principal& who, SurveyWaveId id);
  // The letter list as CSV (reference, name, address, postcode, email, link, easy_read_link):
  // new one-time links for every invitation not yet answered (links issued before stop working).
  // `base_url` is the service's address, e.g. "https://care.example.gov.uk".
  // Invitations emailed (EmailInvitations) are left out unless their email was given up.
  Result<std::string> IssueLetters(const CallContext& ctx, const Principal& who, SurveyWaveId id,
                                   const std::string& base_url);
  // Queues an email through the message outbox for each invitation not yet answered or emailed
  // whose person has an email address and has not asked for letters only; the outbox makes the
  // one-time link when it sends. The number queued.
  Result<int64_t> EmailInvitations(const CallContext& ctx, const Principal& who, SurveyWaveId id);

  // The public form behind a link token. kNotFound for an unknown link, kFailedPrecondition
  // (plain English) when it was used, the wave closed or its period ended.
  Result<SurveyInvitationView> FormForToken(CouncilId council, const std::string& token);
  Status AnswerOnline(CouncilId council, const std::string& token, SurveyChannel channel,
                      const SurveyAnswers& answers);
  // A returned paper form typed in by the analyst.
  Status EnterPaperForm(const CallContext& ctx, const Principal& who, SurveyWaveId id,
                        const std::string& reference, const SurveyAnswers& answers);
  // Returned paper forms as CSV: a "reference" column and one column per question (linkIds;
  // a multiple choice's codes separated by ";"). All or nothing: the row errors, or the count
  // stored.
  Result<int64_t> ImportPaperForms(const CallContext& ctx, const Principal& who, SurveyWaveId id,
                                   const std::string& csv,
                                   std::vector<PaperImportRowError>& errors);

  // The live analysis, suppressed and rounded.
  Result<WaveResults> Results(const CallContext& ctx, const Principal& who, SurveyWaveId id);
  // The survey's ASCOF measures for analysts, finance officers, administrators and managers:
  // nullopt when no wave of the budget holder survey has answers yet.
  Result<std::optional<SurveyAscof>> AscofMeasures(const CallContext& ctx, const Principal& who);
  // The results of a closed wave for the public results page: anyone may read them (aggregates
  // only, suppressed and rounded). kNotFound for an open or unknown wave.
  Result<WaveResults> PublishedResults(CouncilId council, SurveyWaveId id);
  // The closed waves, newest first.
  Result<std::vector<SurveyWaveRecord>> PublishedWaves(CouncilId council);
  // Analyses the council's newest waves (as many as are kept) before the first request rather
  // than in it; how many responses were read.
  Result<int64_t> PrepareResults(CouncilId council);
  // Respondent-level rows as CSV (analysts only, audited): response id, channel, groupings and
  // one column per question; no person, no reference.
  Result<std::string> ResponsesCsv(const CallContext& ctx, const Principal& who, SurveyWaveId id);

 private:
  // Audits a refusal and returns it.
  Error Refuse(const CallContext& ctx, const Principal& who, const std::string& action,
               SurveyWaveId id, Error refusal);
  // Audits a read (or its failure) and returns its outcome.
  Status Audit(const CallContext& ctx, const Principal& who, const std::string& action,
               SurveyWaveId id, const Status& outcome);
  Status StoreAnswer(Transaction& tx, const SurveyInvitationRecord& inv, SurveyChannel channel,
                     const SurveyAnswers& answers);

  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
  std::unique_ptr<SurveyResultsCache> results_;
};

// One person in a wave's sampling frame: an adult with an agreed plan, and their groupings.
struct SurveyFrameEntry {
  PersonRecord person;
  SurveyGroups groups;
};
// The sampling frame on `on`: every adult whose latest plan agreed by then exists.
Result<std::vector<SurveyFrameEntry>> SurveyFrame(Transaction& tx, Date on);
// The stratum a person is sampled in: "client group | age band | management".
std::string SurveyStratumLabel(const SurveyGroups& g);

// The instrument a wave uses (shipped instruments only).
const SurveyInstrument* InstrumentOf(const SurveyWaveRecord& wave);

// The answers coded for the analysis (SurveyResponseRecord::coded): one character per analysed
// item of the instrument, in ResultItemsOf's order.
std::string CodeAnswers(const SurveyInstrument& instrument, const SurveyAnswers& answers);

// The analysed items of an instrument (its process and outcome questions, in order) with their
// short labels, headline phrases and national reference figures.
std::vector<domain::ResultItem> ResultItemsOf(const SurveyInstrument& instrument);

// The wave's responses as the analysis input: each answer coded good / not good / not counted
// with the instrument's answer classes, the strata's populations, and the groupings.
domain::SurveyResultsInput AnalysisInput(const SurveyWaveRecord& wave,
                                         const SurveyInstrument& instrument,
                                         const std::vector<SurveyResponseRecord>& responses);

}  // namespace selfdirect::app
