// File: making_it_real_service.cc
// The Making it Real self-assessment (making_it_real_service.h).
#include "app/outcomes/making_it_real_service.h"

#include <boost/json.hpp>
#include <map>

#include "base/embedded_file.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& MakingItReal();
}  // namespace selfdirect::embedded

namespace selfdirect::app {
namespace {

using domain::Role;
namespace json = boost::json;

const json::value& Framework() {
  static const json::value parsed = [] {
    for (const auto& f : embedded::MakingItReal())
      if (f.path == "framework.json") return json::parse(f.content);
    return json::value();
  }();
  return parsed;
}

bool MayChange(Role r) { return r == Role::kAnalyst || r == Role::kAdministrator; }
bool MayRead(Role r) { return MayChange(r) || r == Role::kApprover; }

}  // namespace

const std::vector<MirTheme>& MirThemes() {
  static const std::vector<MirTheme> themes = [] {
    std::vector<MirTheme> out;
    for (const auto& t : Framework().at("themes").as_array())
      out.push_back(
          {std::string(t.at("code").as_string()), std::string(t.at("title").as_string())});
    return out;
  }();
  return themes;
}

std::string MirRatingLabel(std::string_view code) {
  static const std::map<std::string_view, std::string> labels = {{"not_yet", "Not yet"},
                                                                 {"starting", "Starting"},
                                                                 {"developing", "Developing"},
                                                                 {"established", "Established"}};
  auto it = labels.find(code);
  return it == labels.end() ? "" : it->second;
}

int MirRatingStep(std::string_view code) {
  for (int i = 0; i < 4; ++i)
    if (code == kMirRatings[i]) return i;
  return -1;
}

Status EnsureMirStatements(Transaction& tx) {
  SD_ASSIGN_OR_RETURN(auto existing, tx.making_it_real().Statements());
  if (!existing.empty()) return OkStatus();
  int32_t position = 0;
  for (const auto& t : Framework().at("themes").as_array())
    for (const auto& s : t.at("statements").as_array()) {
      MirStatement st{{},
                      std::string(t.at("code").as_string()),
                      std::string(s.at("kind").as_string()),
                      std::string(s.at("text").as_string()),
                      ++position,
                      false};
      SD_RETURN_IF_ERROR(StatusOf(tx.making_it_real().InsertStatement(st)));
    }
  return OkStatus();
}

Status CheckMirYear(const std::string& year) {
  const auto bad = Error::InvalidArgument("Enter the year like 2026/27",
                                          {{"year", "Enter the year like 2026/27"}});
  if (year.size() != 7 || year[4] != '/') return bad;
  for (size_t i : {0, 1, 2, 3, 5, 6})
    if (year[i] < '0' || year[i] > '9') return bad;
  const int first = std::stoi(year.substr(0, 4));
  if ((first + 1) % 100 != std::stoi(year.substr(5, 2)) || first < 2000) return bad;
  return OkStatus();
}

Status MakingItRealService::Change(const CallContext& ctx, const Principal& who,
                                   const std::string& action, const std::string& detail,
                                   const TransactionFunction& fn) {
  if (!MayChange(who.user.role))
    return Error::PermissionDenied("Only analysts and administrators change the self-assessment");
  return store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(EnsureMirStatements(tx));
    SD_RETURN_IF_ERROR(fn(tx));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "making_it_real." + action, "council",
                                     ctx.council.ToString(), detail));
  });
}

Result<std::vector<MirAssessment>> MakingItRealService::Years(const CallContext& ctx,
                                                              const Principal& who) {
  if (!MayRead(who.user.role))
    return Error::PermissionDenied("The self-assessment is for analysts and managers");
  std::vector<MirAssessment> out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(out, tx.making_it_real().Assessments());
    return OkStatus();
  }));
  return out;
}

Status MakingItRealService::StartYear(const CallContext& ctx, const Principal& who,
                                      const std::string& year) {
  SD_RETURN_IF_ERROR(CheckMirYear(year));
  return Change(ctx, who, "start", year, [&](Transaction& tx) -> Status {
    return StatusOf(
        tx.making_it_real().InsertAssessment({{}, year, false, clock_.Now(), std::nullopt}));
  });
}

namespace {

Result<MirAssessment> FindYear(Transaction& tx, const std::string& year,
                               std::optional<MirAssessment>* previous = nullptr) {
  SD_ASSIGN_OR_RETURN(auto all, tx.making_it_real().Assessments());
  for (size_t i = 0; i < all.size(); ++i)
    if (all[i].year == year) {
      if (previous && i + 1 < all.size()) *previous = all[i + 1];
      return all[i];
    }
  return Error::NotFound("There is no self-assessment for " + year);
}

std::vector<MirThemeSummary> Summaries(const std::vector<MirStatementView>& views,
                                       bool has_previous) {
  std::vector<MirThemeSummary> out;
  for (const auto& theme : MirThemes()) {
    MirThemeSummary s{theme, 0, 0, 0, has_previous};
    for (const auto& v : views) {
      if (v.statement.theme != theme.code) continue;
      ++s.statements;
      if (v.rating && MirRatingStep(v.rating->rating) >= 2) ++s.developing_or_better;
      if (MirRatingStep(v.previous) >= 2) ++s.previous_developing_or_better;
    }
    out.push_back(s);
  }
  return out;
}

Result<MirYearView> LoadYear(Transaction& tx, const std::string& year) {
  MirYearView v;
  SD_ASSIGN_OR_RETURN(v.assessment, FindYear(tx, year, &v.previous));
  SD_ASSIGN_OR_RETURN(auto statements, tx.making_it_real().Statements());
  SD_ASSIGN_OR_RETURN(auto ratings, tx.making_it_real().Ratings(v.assessment.id));
  std::map<int64_t, MirRating> now, before;
  for (auto& r : ratings) now[r.statement.value()] = r;
  if (v.previous) {
    SD_ASSIGN_OR_RETURN(auto old, tx.making_it_real().Ratings(v.previous->id));
    for (auto& r : old) before[r.statement.value()] = r;
  }
  for (const auto& theme : MirThemes())
    for (const auto& s : statements) {
      if (s.theme != theme.code || s.retired) continue;
      MirStatementView sv{s, std::nullopt, ""};
      if (auto it = now.find(s.id.value()); it != now.end()) sv.rating = it->second;
      if (auto it = before.find(s.id.value()); it != before.end()) sv.previous = it->second.rating;
      v.statements.push_back(std::move(sv));
    }
  v.themes = Summaries(v.statements, v.previous.has_value());
  SD_ASSIGN_OR_RETURN(v.actions, tx.making_it_real().Actions(v.assessment.id));
  return v;
}

// The statement, if it is the council's and not retired.
Result<MirStatement> LiveStatement(Transaction& tx, MirStatementId id) {
  SD_ASSIGN_OR_RETURN(auto all, tx.making_it_real().Statements());
  for (auto& s : all)
    if (s.id == id && !s.retired) return s;
  return Error::InvalidArgument("Choose a statement", {{"statement", "Choose a statement"}});
}

bool IsLink(const std::string& link) {
  if (link.empty()) return true;
  if (link.size() > 500) return false;
  if (link.starts_with("/") && !link.starts_with("//")) return true;
  return link.starts_with("https://") && link.find(' ') == std::string::npos;
}

Status CheckRating(const MirRatingInput& in) {
  std::vector<FieldError> fields;
  if (MirRatingStep(in.rating) < 0) fields.push_back({"rating", "Choose a rating"});
  if (in.evidence.size() > 4000)
    fields.push_back({"evidence", "Evidence must be 4,000 characters or fewer"});
  if (!IsLink(in.evidence_link))
    fields.push_back({"evidence_link",
                      "Enter a page of this service, like /survey-results/1, or an https address"});
  if (fields.empty()) return OkStatus();
  return Error::InvalidArgument("The rating cannot be saved", std::move(fields));
}

}  // namespace

Result<MirYearView> MakingItRealService::Year(const CallContext& ctx, const Principal& who,
                                              const std::string& year) {
  if (!MayRead(who.user.role))
    return Error::PermissionDenied("The self-assessment is for analysts and managers");
  MirYearView out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(out, LoadYear(tx, year));
    return OkStatus();
  }));
  return out;
}

Result<std::optional<MirYearView>> MakingItRealService::PublishedYear(CouncilId council) {
  std::optional<MirYearView> out;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto years, tx.making_it_real().Assessments());  // Newest first.
    for (const auto& y : years) {
      if (!y.agreed) continue;
      SD_ASSIGN_OR_RETURN(out, LoadYear(tx, y.year));
      for (auto& s : out->statements) {
        if (s.rating) s.rating->evidence.clear(), s.rating->evidence_link.clear();
        if (out->previous && !out->previous->agreed) s.previous.clear();  // A draft: not shown.
      }
      if (out->previous && !out->previous->agreed) {
        out->previous.reset();
        out->themes = Summaries(out->statements, false);
      }
      return OkStatus();
    }
    return OkStatus();
  }));
  return out;
}

Status MakingItRealService::Rate(const CallContext& ctx, const Principal& who,
                                 const std::string& year, const MirRatingInput& in) {
  SD_RETURN_IF_ERROR(CheckRating(in));
  return Change(ctx, who, "rate", year, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto a, FindYear(tx, year));
    if (a.agreed)
      return Error::FailedPrecondition("The " + year + " self-assessment is agreed: it is final");
    SD_RETURN_IF_ERROR(StatusOf(LiveStatement(tx, in.statement)));
    return tx.making_it_real().PutRating(
        {a.id, in.statement, in.rating, in.evidence, in.evidence_link, who.user.id, clock_.Now()});
  });
}

Result<MirActionId> MakingItRealService::AddAction(const CallContext& ctx, const Principal& who,
                                                   const std::string& year,
                                                   const MirActionInput& in) {
  std::vector<FieldError> fields;
  if (in.text.empty() || in.text.size() > 1000)
    fields.push_back({"text", "Enter the action, up to 1,000 characters"});
  if (in.owner.empty() || in.owner.size() > 200)
    fields.push_back({"owner", "Enter who will do it, up to 200 characters"});
  auto due = Date::Parse(in.due);
  if (!due.ok()) fields.push_back({"due", "Enter a real date"});
  if (!fields.empty()) return Error::InvalidArgument("The action cannot be added", fields);
  MirActionId id;
  SD_RETURN_IF_ERROR(Change(ctx, who, "action", year, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto a, FindYear(tx, year));
    SD_RETURN_IF_ERROR(StatusOf(LiveStatement(tx, in.statement)));
    SD_ASSIGN_OR_RETURN(
        id, tx.making_it_real().InsertAction(
                {{}, a.id, in.statement, in.text, in.owner, *due, false, clock_.Now()}));
    return OkStatus();
  }));
  return id;
}

Status MakingItRealService::SetActionDone(const CallContext& ctx, const Principal& who,
                                          MirActionId id, bool done) {
  return Change(ctx, who, done ? "action_done" : "action_reopened", id.ToString(),
                [&](Transaction& tx) { return tx.making_it_real().SetActionDone(id, done); });
}

Status MakingItRealService::Agree(const CallContext& ctx, const Principal& who,
                                  const std::string& year) {
  return Change(ctx, who, "agree", year, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto a, FindYear(tx, year));
    return tx.making_it_real().AgreeAssessment(a.id, clock_.Now());
  });
}

Result<std::vector<MirStatement>> MakingItRealService::Statements(const CallContext& ctx,
                                                                  const Principal& who) {
  if (!MayRead(who.user.role))
    return Error::PermissionDenied("The self-assessment is for analysts and managers");
  std::vector<MirStatement> out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(out, tx.making_it_real().Statements());
    return OkStatus();
  }));
  return out;
}

Status MakingItRealService::SaveStatement(const CallContext& ctx, const Principal& who,
                                          const MirStatement& s) {
  std::vector<FieldError> fields;
  if (s.text.empty() || s.text.size() > 500)
    fields.push_back({"text", "Enter the statement, up to 500 characters"});
  if (s.kind != "I" && s.kind != "We") fields.push_back({"kind", "Choose I or We"});
  bool theme_known = false;
  for (const auto& t : MirThemes()) theme_known = theme_known || t.code == s.theme;
  if (!s.id.valid() && !theme_known) fields.push_back({"theme", "Choose a theme"});
  if (!fields.empty()) return Error::InvalidArgument("The statement cannot be saved", fields);
  return Change(ctx, who, "statement", s.text, [&](Transaction& tx) -> Status {
    if (s.id.valid()) return tx.making_it_real().UpdateStatement(s);
    SD_ASSIGN_OR_RETURN(auto all, tx.making_it_real().Statements());
    MirStatement added = s;
    added.position = static_cast<int32_t>(all.size()) + 1;
    return StatusOf(tx.making_it_real().InsertStatement(added));
  });
}

}  // namespace selfdirect::app
