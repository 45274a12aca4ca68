#include "app/repositories.h"

namespace selfdirect::app {

std::string_view AssessmentStatusName(AssessmentStatus s) {
  switch (s) {
    case AssessmentStatus::kDraft:
      return "draft";
    case AssessmentStatus::kSubmitted:
      return "submitted";
    case AssessmentStatus::kCompleted:
      return "completed";
  }
  return "draft";
}

std::optional<AssessmentStatus> ParseAssessmentStatus(std::string_view name) {
  for (auto s :
       {AssessmentStatus::kDraft, AssessmentStatus::kSubmitted, AssessmentStatus::kCompleted}) {
    if (AssessmentStatusName(s) == name) return s;
  }
  return std::nullopt;
}

}  // namespace selfdirect::app
