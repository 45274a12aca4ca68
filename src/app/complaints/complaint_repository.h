// File: complaint_repository.h
// Storage of complaints and requests to look again at a decision (migration 0026, issue 23
// deliver 6). Behind the interface the SQLite and PostgreSQL adapters both implement
// (storage/sql/complaint_repository.cc).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/date.h"
#include "base/result.h"
#include "base/strong_id.h"
#include "domain/complaints/complaint.h"

namespace selfdirect {
using ComplaintId = StrongId<struct ComplaintTag>;
}  // namespace selfdirect

namespace selfdirect::app {

struct ComplaintRecord {
  ComplaintId id;
  PersonId person;
  TeamId team;  // The person's team when it was made (for the team's list).
  domain::ComplaintKind kind = domain::ComplaintKind::kComplaint;
  domain::ComplaintSubject subject = domain::ComplaintSubject::kService;
  std::string summary;  // What happened, in the complainant's words.
  std::string wanted;   // What would put it right.
  std::optional<Date> matter_on;
  Date received_on;
  UserId made_by;
  bool by_person = false;  // Made by the person or their representative, not staff for them.
  Timestamp made_at;
  std::optional<Date> acknowledged_on;
  std::optional<Date> agreed_respond_by;
  std::string acknowledgement;  // How it will be handled, as agreed with the complainant.
  UserId acknowledged_by;
  std::optional<Date> responded_on;
  std::optional<domain::ComplaintOutcome> outcome;
  std::string response;
  UserId responded_by;
};

class ComplaintRepository {
 public:
  virtual ~ComplaintRepository() = default;
  virtual Result<ComplaintId> Insert(const ComplaintRecord& c) = 0;
  virtual Result<std::optional<ComplaintRecord>> Find(ComplaintId id) = 0;
  // Newest first.
  virtual Result<std::vector<ComplaintRecord>> ForPerson(PersonId person) = 0;
  // Not yet answered (or all, newest first), of the people now in one team or of every team, at
  // most `limit`.
  virtual Result<std::vector<ComplaintRecord>> List(bool open_only, std::optional<TeamId> team,
                                                    int limit) = 0;
  // Records the acknowledgement once: false when it was already acknowledged.
  virtual Result<bool> Acknowledge(const ComplaintRecord& c) = 0;
  // Records the response once: false when it was already answered.
  virtual Result<bool> Respond(const ComplaintRecord& c) = 0;
};

}  // namespace selfdirect::app
