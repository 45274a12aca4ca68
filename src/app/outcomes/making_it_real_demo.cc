// File: making_it_real_demo.cc
// The demo's Making it Real self-assessments (making_it_real_demo.h).
#include "app/outcomes/making_it_real_demo.h"

#include <fmt/format.h>

#include "app/outcomes/making_it_real_service.h"

namespace selfdirect::app {
namespace {

// Last year's rating step (0 not yet .. 3 established) by theme, and this year's rise.
int BaseStep(const std::string& theme, int n) {
  if (theme == "information" || theme == "flexible") return n % 2;  // Weak last year.
  if (theme == "workforce") return 2;
  return 1 + n % 2;
}
int Rise(const std::string& theme) {
  return theme == "information" || theme == "flexible" || theme == "change" ? 1 : 0;
}

struct DemoYear {
  std::string year;
  bool later;
};

std::string Evidence(const std::string& theme, int step, const std::string& survey) {
  if (theme == "information" || theme == "flexible")
    return fmt::format("The personal budgets survey: see how easy people found each step. {}",
                       step >= 2 ? "Most found it easy." : "Too many found it hard.");
  if (step >= 2) return "Agreed by the co-production group after hearing from members.";
  return survey.empty() ? "Members told us this is not yet how it feels." : "";
}

Status RateYear(DemoContext& ctx, const DemoYear& y, MirAssessmentId id,
                const std::vector<MirStatement>& statements, const std::string& survey_link) {
  int n = 0;
  for (const auto& s : statements) {
    if (y.later && ++n % 7 == 0) continue;  // This year's is still a draft: some not rated yet.
    const int step =
        std::min(3, BaseStep(s.theme, int(s.position)) + (y.later ? Rise(s.theme) : 0));
    const bool linked = s.theme == "information" || s.theme == "flexible";
    SD_RETURN_IF_ERROR(ctx.tx.making_it_real().PutRating(
        {id, s.id, kMirRatings[step], Evidence(s.theme, step, survey_link),
         linked ? survey_link : "", ctx.user_ids.at(domain::Role::kAnalyst), ctx.now}));
  }
  return OkStatus();
}

Status AddDemoActions(DemoContext& ctx, MirAssessmentId id, Date today,
                      const std::vector<MirStatement>& statements, bool later) {
  struct Plan {
    const char* theme;
    const char* text;
    const char* owner;
    int days;
    bool done;
  };
  const Plan plans[] = {
      {"information", "Publish easy-read guides to personal budgets and direct payments",
       "Information and advice team", later ? 60 : -200, !later},
      {"flexible", "Agree support plans within four weeks of the assessment",
       "Head of adult social care", later ? 120 : -150, false},
      {"change", "Book every review before its due date", "Team managers", later ? 90 : -100,
       !later},
      {"workforce", "Run a course for people who employ a personal assistant",
       "Direct payments support service", later ? 150 : -60, true},
  };
  for (const auto& p : plans)
    for (const auto& s : statements)
      if (s.theme == p.theme) {
        SD_RETURN_IF_ERROR(StatusOf(ctx.tx.making_it_real().InsertAction(
            {{}, id, s.id, p.text, p.owner, today.AddDays(p.days), p.done, ctx.now})));
        break;
      }
  return OkStatus();
}

}  // namespace

std::string FinancialYearOf(Date d) {
  const int first = d.month() >= 4 ? d.year() : d.year() - 1;
  return fmt::format("{}/{:02}", first, (first + 1) % 100);
}

Status MakingItRealStep(DemoContext& ctx) {
  SD_RETURN_IF_ERROR(EnsureMirStatements(ctx.tx));
  SD_ASSIGN_OR_RETURN(auto statements, ctx.tx.making_it_real().Statements());
  std::string survey_link;
  SD_ASSIGN_OR_RETURN(auto waves, ctx.tx.surveys().ListWaves());
  for (const auto& w : waves)
    if (w.status == SurveyWaveStatus::kClosed) survey_link = "/survey-results/" + w.id.ToString();
  const Date today = ctx.now.LondonDate();
  for (const DemoYear& y : {DemoYear{FinancialYearOf(today.AddDays(-365)), false},
                            DemoYear{FinancialYearOf(today), true}}) {
    SD_ASSIGN_OR_RETURN(auto id, ctx.tx.making_it_real().InsertAssessment(
                                     {{}, y.year, false, ctx.now, std::nullopt}));
    SD_RETURN_IF_ERROR(RateYear(ctx, y, id, statements, survey_link));
    SD_RETURN_IF_ERROR(AddDemoActions(ctx, id, today, statements, y.later));
    if (!y.later) SD_RETURN_IF_ERROR(ctx.tx.making_it_real().AgreeAssessment(id, ctx.now));
  }
  return OkStatus();
}

}  // namespace selfdirect::app
