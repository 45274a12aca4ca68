// File: prepare.cc
// Building before the first request (prepare.h).
#include "cli/prepare.h"

#include <spdlog/spdlog.h>

#include <chrono>

namespace selfdirect::cli {
namespace {

int64_t MillisecondsSince(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               started)
      .count();
}

}  // namespace

Status PrepareSite(web::Site& site, bool log_index) {
  auto started = std::chrono::steady_clock::now();
  auto indexed = site.PrepareDirectorySearch();
  if (!indexed.ok()) return indexed.error();
  if (log_index)
    spdlog::info(R"({{"event":"directory_index","entries":{},"ms":{}}})", *indexed,
                 MillisecondsSince(started));
  started = std::chrono::steady_clock::now();
  if (auto read = site.PrepareSurveyResults(); read.ok())
    spdlog::info(R"({{"event":"survey_results","responses":{},"ms":{}}})", *read,
                 MillisecondsSince(started));
  else
    spdlog::warn(R"({{"event":"survey_results_failed","error":"{}"}})", read.error().message);
  return OkStatus();
}

}  // namespace selfdirect::cli
