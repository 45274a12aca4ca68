// File: survey_answers.cc
// Answers to survey waves: through a one-time link (online or easy read), typed in from a returned
// paper form, or imported as CSV (survey_service.h). An answer marks its invitation answered in
// the same transaction, so a link or a form reference counts once.
#include <fmt/format.h>

#include <map>
#include <set>

#include "app/outcomes/paper_csv.h"
#include "app/outcomes/survey_service.h"
#include "app/passwords.h"
#include "base/csv.h"

namespace selfdirect::app {

std::string_view SurveyWaveStatusName(SurveyWaveStatus s) {
  return s == SurveyWaveStatus::kOpen ? "open" : "closed";
}

std::optional<SurveyWaveStatus> ParseSurveyWaveStatus(std::string_view s) {
  if (s == "open") return SurveyWaveStatus::kOpen;
  if (s == "closed") return SurveyWaveStatus::kClosed;
  return std::nullopt;
}

std::string_view SurveyChannelName(SurveyChannel c) {
  switch (c) {
    case SurveyChannel::kOnline:
      return "online";
    case SurveyChannel::kEasyRead:
      return "easy_read";
    case SurveyChannel::kPaper:
      return "paper";
  }
  return "paper";
}

std::optional<SurveyChannel> ParseSurveyChannel(std::string_view s) {
  for (auto c : {SurveyChannel::kOnline, SurveyChannel::kEasyRead, SurveyChannel::kPaper})
    if (SurveyChannelName(c) == s) return c;
  return std::nullopt;
}

std::string AnswersToText(const SurveyAnswers& answers) {
  std::string out;
  for (const auto& [id, value] : answers) {
    std::string v = value;
    for (char& ch : v)
      if (ch == '\n' || ch == '\r') ch = ' ';
    out += id + "=" + v + "\n";
  }
  return out;
}

SurveyAnswers AnswersFromText(const std::string& text) {
  SurveyAnswers out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    const size_t eq = line.find('=');
    if (eq != std::string_view::npos)
      out.emplace_back(std::string(line.substr(0, eq)), std::string(line.substr(eq + 1)));
    start = end + 1;
  }
  return out;
}

namespace {

std::string AnswerProblem(const domain::Question& q, const std::string& value, int times) {
  using domain::QuestionType;
  if (q.type == QuestionType::kText)
    return static_cast<int64_t>(value.size()) > q.max_length
               ? fmt::format("Write at most {} characters", q.max_length)
               : "";
  if (q.type == QuestionType::kChoice && times > 1) return "Choose one answer only";
  for (const auto& o : q.options)
    if (o.code == value) return "";
  return "Choose one of the answers given";
}

}  // namespace

Status CheckSurveyAnswers(const SurveyInstrument& instrument, const SurveyAnswers& answers) {
  std::vector<FieldError> fields;
  std::map<std::string, int> times;
  std::set<std::string> named;
  for (const auto& [id, value] : answers) {
    const std::string field = "answers." + id;
    const domain::Question* q = instrument.questionnaire.Find(id);
    std::string problem =
        q ? AnswerProblem(*q, value, ++times[id]) : "This survey has no such question";
    if (!problem.empty() && named.insert(field).second) fields.push_back({field, problem});
  }
  if (answers.size() > 500) fields.push_back({"answers", "Too many answers"});
  if (fields.empty()) return OkStatus();
  return Error::InvalidArgument("Some answers could not be used", std::move(fields));
}

Status SurveyService::StoreAnswer(Transaction& tx, const SurveyInvitationRecord& inv,
                                  SurveyChannel channel, const SurveyAnswers& answers) {
  SD_ASSIGN_OR_RETURN(auto wave, tx.surveys().FindWave(inv.wave));
  if (!wave) return Error::NotFound("No such survey wave");
  if (wave->status != SurveyWaveStatus::kOpen)
    return Error::FailedPrecondition("This survey has closed. Thank you for your help.");
  const SurveyInstrument* instrument = InstrumentOf(*wave);
  if (!instrument) return Error::Internal("The survey's questions are missing");
  SD_RETURN_IF_ERROR(CheckSurveyAnswers(*instrument, answers));
  SD_ASSIGN_OR_RETURN(bool first, tx.surveys().MarkResponded(inv.id, clock_.Now()));
  if (!first)
    return Error::FailedPrecondition(
        channel == SurveyChannel::kPaper
            ? "A form with this reference has already been entered"
            : "This survey has already been answered. Each link can be used once.");
  SurveyResponseRecord r{{},
                         inv.wave,
                         inv.stratum,
                         channel,
                         inv.groups,
                         AnswersToText(answers),
                         CodeAnswers(*instrument, answers),
                         clock_.Now()};
  auto stored = tx.surveys().InsertResponse(r);
  return stored.ok() ? OkStatus() : Status(stored.error());
}

Result<SurveyInvitationView> SurveyService::FormForToken(CouncilId council,
                                                         const std::string& token) {
  SurveyInvitationView view;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto inv, tx.surveys().InvitationByToken(TokenHash(token)));
    if (!inv)
      return Error::NotFound("This survey link is not known. Check the link in your letter.");
    if (inv->responded_at)
      return Error::FailedPrecondition(
          "This survey has already been answered. Each link can be used once.");
    SD_ASSIGN_OR_RETURN(auto wave, tx.surveys().FindWave(inv->wave));
    if (!wave) return Error::NotFound("No such survey wave");
    if (wave->status != SurveyWaveStatus::kOpen || clock_.Now().LondonDate() > wave->period_end)
      return Error::FailedPrecondition("This survey has closed. Thank you for your help.");
    view.instrument = InstrumentOf(*wave);
    if (!view.instrument) return Error::Internal("The survey's questions are missing");
    view.wave = std::move(*wave);
    return OkStatus();
  }));
  return view;
}

Status SurveyService::AnswerOnline(CouncilId council, const std::string& token,
                                   SurveyChannel channel, const SurveyAnswers& answers) {
  auto form = FormForToken(council, token);
  if (!form.ok()) return form.error();
  return store_.Write(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto inv, tx.surveys().InvitationByToken(TokenHash(token)));
    if (!inv) return Error::NotFound("This survey link is not known");
    return StoreAnswer(tx, *inv, channel, answers);
  });
}

Status SurveyService::EnterPaperForm(const CallContext& ctx, const Principal& who, SurveyWaveId id,
                                     const std::string& reference, const SurveyAnswers& answers) {
  if (who.user.role != domain::Role::kAnalyst)
    return Refuse(ctx, who, "survey_wave.paper", id,
                  Error::PermissionDenied("Only analysts enter paper forms"));
  return store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto inv, tx.surveys().InvitationByReference(id, reference));
    if (!inv)
      return Error::InvalidArgument("No form of this survey has that reference",
                                    {{"reference", "Enter the reference printed on the form"}});
    SD_RETURN_IF_ERROR(StoreAnswer(tx, *inv, SurveyChannel::kPaper, answers));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "survey_wave.paper", "survey_wave",
                                     id.ToString(), "1 form entered"));
  });
}

namespace {

std::string FieldMessages(const Error& e) {
  if (e.fields.empty()) return e.message;
  std::string out;
  for (const auto& f : e.fields) out += (out.empty() ? "" : "; ") + f.field + ": " + f.message;
  return out;
}

}  // namespace

Result<int64_t> SurveyService::ImportPaperForms(const CallContext& ctx, const Principal& who,
                                                SurveyWaveId id, const std::string& csv,
                                                std::vector<PaperImportRowError>& errors) {
  if (who.user.role != domain::Role::kAnalyst)
    return Refuse(ctx, who, "survey_wave.paper_import", id,
                  Error::PermissionDenied("Only analysts import paper forms"));
  int64_t stored = 0;
  Status written = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto wave, tx.surveys().FindWave(id));
    if (!wave) return Error::NotFound("No such survey wave");
    const SurveyInstrument* instrument = InstrumentOf(*wave);
    if (!instrument) return Error::Internal("The survey's questions are missing");
    auto rows = ReadPaperCsv(csv, *instrument, errors);
    for (const auto& row : rows) {
      SD_ASSIGN_OR_RETURN(auto inv, tx.surveys().InvitationByReference(id, row.reference));
      Status s = inv ? StoreAnswer(tx, *inv, SurveyChannel::kPaper, row.answers)
                     : Error::NotFound("No form of this survey has reference " + row.reference);
      if (!s.ok()) errors.push_back({row.line, FieldMessages(s.error())});
      stored += s.ok() ? 1 : 0;
    }
    if (!errors.empty())
      return Error::InvalidArgument(
          fmt::format("{} rows have errors. Nothing was imported.", errors.size()));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "survey_wave.paper_import", "survey_wave",
                                     id.ToString(), fmt::format("{} forms imported", stored)));
  });
  SD_RETURN_IF_ERROR(written);
  return stored;
}

}  // namespace selfdirect::app
