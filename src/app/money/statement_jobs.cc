#include "app/money/statement_jobs.h"

#include "app/passwords.h"

namespace selfdirect::app {

StatementImportJobs::~StatementImportJobs() {
  stopping_ = true;
  for (auto& [id, t] : threads_)
    if (t.joinable()) t.join();
}

std::string StatementImportJobs::Start(CouncilId council, PersonId person,
                                       std::vector<domain::StatementRow> rows,
                                       domain::StatementFormat format, UserId by, Timestamp at) {
  const std::string id = RandomToken().substr(0, 24);
  std::lock_guard lock(mutex_);
  // The threads of jobs that have finished end at once: join them so none is left waiting.
  std::erase_if(threads_, [&](auto& job) {
    if (!jobs_[job.first].finished) return false;
    job.second.join();
    return true;
  });
  ImportProgress& p = jobs_[id];
  p.council = council;
  p.person = person;
  p.total = static_cast<int64_t>(rows.size());
  threads_.emplace_back(id,
                        std::thread([this, id, rows = std::move(rows), format, by, at]() mutable {
                          Run(id, std::move(rows), format, by, at);
                        }));
  return id;
}

void StatementImportJobs::Run(const std::string& id, std::vector<domain::StatementRow> rows,
                              domain::StatementFormat format, UserId by, Timestamp at) {
  CouncilId council;
  PersonId person;
  {
    std::lock_guard lock(mutex_);
    council = jobs_[id].council;
    person = jobs_[id].person;
  }
  auto report = ImportStatementRows(
      store_, council, person, rows, format, by, at,
      [&](int64_t done, int64_t) {
        std::lock_guard lock(mutex_);
        jobs_[id].done = done;
      },
      &stopping_);
  std::lock_guard lock(mutex_);
  ImportProgress& p = jobs_[id];
  p.finished = true;
  if (report.ok()) {
    p.report = *report;
    p.done = p.total;
  } else {
    p.error = report.error().message;
  }
}

std::optional<ImportProgress> StatementImportJobs::Find(const std::string& id) const {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return it->second;
}

}  // namespace selfdirect::app
