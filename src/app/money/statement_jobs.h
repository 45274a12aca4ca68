// File: statement_jobs.h
// Long statement imports in the background (issue 20), so the page that sent one can show how
// far it has got. A statement is checked whole first (a bad line refuses the file, nothing
// stored); then its rows are posted in batches of kImportBatch, each batch its own transaction
// (ImportStatementRows), and the job's progress moves on after each. A job the server stops
// before it ends keeps the batches it finished; sending the file again posts only the rest.
// Progress lives in this process only: a page asks the server that started the job.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/money/money_service.h"

namespace selfdirect::app {

struct ImportProgress {
  CouncilId council;
  PersonId person;
  int64_t done = 0, total = 0;
  bool finished = false;
  std::optional<StatementReport> report;  // Once finished well.
  std::string error;                      // Once finished badly.
};

class StatementImportJobs {
 public:
  explicit StatementImportJobs(Store& store) : store_(store) {}
  // Asks running imports to stop after their current batch, and waits for them.
  ~StatementImportJobs();
  StatementImportJobs(const StatementImportJobs&) = delete;
  StatementImportJobs& operator=(const StatementImportJobs&) = delete;

  // Posts `rows` (checked already) in the background; returns the job's id, hard to guess.
  std::string Start(CouncilId council, PersonId person, std::vector<domain::StatementRow> rows,
                    domain::StatementFormat format, UserId by, Timestamp at);
  // The job's progress; nullopt for an id this process did not start.
  std::optional<ImportProgress> Find(const std::string& id) const;

 private:
  void Run(const std::string& id, std::vector<domain::StatementRow> rows,
           domain::StatementFormat format, UserId by, Timestamp at);

  Store& store_;
  mutable std::mutex mutex_;
  std::map<std::string, ImportProgress> jobs_;
  std::vector<std::pair<std::string, std::thread>> threads_;  // Joined once finished.
  std::atomic<bool> stopping_{false};
};

}  // namespace selfdirect::app
