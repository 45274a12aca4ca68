// File: complaint_service.h
// Complaints and requests to look again at a decision (issue 23, deliver 6). The person or their
// representative makes one from their page; staff record one made by phone or letter. Staff
// acknowledge it (how it will be handled, and when the person will hear) and answer it, each once,
// with the statutory dates tracked (domain/complaints/complaint.h). Making one asks for an
// unplanned review when the person has an agreed plan, and the person is told of each step.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/complaints/complaint_policy.h"
#include "app/people_service.h"
#include "app/repositories.h"

namespace selfdirect::app {

struct ComplaintInput {
  std::string kind;         // domain::ComplaintKindCode.
  std::string subject;      // domain::ComplaintSubjectCode.
  std::string summary;      // What happened.
  std::string wanted;       // Optional: what would put it right.
  std::string matter_on;    // Optional YYYY-MM-DD: when it happened.
  std::string received_on;  // Staff only, YYYY-MM-DD; empty: today.
};

struct AcknowledgeInput {
  std::string on;                 // YYYY-MM-DD; empty: today.
  std::string agreed_respond_by;  // Optional YYYY-MM-DD: a later date agreed with the person.
  std::string note;               // How it will be handled.
};

struct ResponseInput {
  std::string on;  // YYYY-MM-DD; empty: today.
  std::string outcome;
  std::string response;
};

struct ComplaintView {
  ComplaintRecord record;
  PersonRecord person;
  domain::ComplaintDates dates;
  domain::ComplaintTiming timing = domain::ComplaintTiming::kOnTime;
  bool may_answer = false;  // Staff who may change the person's record.
  bool self = false;        // The person or their representative is reading.
};

struct PersonComplaints {
  PersonRecord person;
  std::vector<ComplaintView> items;  // Newest first.
  bool may_make = false;
  bool self = false;
};

// How many open complaints are overdue or due soon: numbers only, for the home page.
struct ComplaintCounts {
  int64_t overdue = 0;
  int64_t due_soon = 0;
};

struct ComplaintList {
  Date today;
  std::vector<ComplaintView> items;  // By the next date owed, earliest first.
  int64_t overdue = 0;
  int64_t due_soon = 0;
};

// "CP-000123": the reference a person quotes about their complaint.
std::string ComplaintReferenceOf(ComplaintId id);
// "Your complaint CP-000123", "Your request to look again CP-000123": how messages name it.
std::string ComplaintDescription(const ComplaintRecord& c);

class ComplaintService {
 public:
  ComplaintService(Store& store, const Clock& clock, AuditTrail& audit,
                   domain::ComplaintPolicy policy = ShippedComplaintReference().policy)
      : store_(store), clock_(clock), audit_(audit), policy_(std::move(policy)) {}

  const domain::ComplaintPolicy& policy() const { return policy_; }
  // Anyone who may see the person; kNotFound otherwise (audited).
  Result<PersonComplaints> ForPerson(const CallContext& ctx, const Principal& who, PersonId person);
  // kInvalidArgument with field errors; kNotFound for a person the caller may not see.
  Result<ComplaintView> Make(const CallContext& ctx, const Principal& who, PersonId person,
                             const ComplaintInput& in);
  Result<ComplaintView> Get(const CallContext& ctx, const Principal& who, ComplaintId id);
  // Once each: kFailedPrecondition the second time (and answering before acknowledging).
  Result<ComplaintView> Acknowledge(const CallContext& ctx, const Principal& who, ComplaintId id,
                                    const AcknowledgeInput& in);
  Result<ComplaintView> Respond(const CallContext& ctx, const Principal& who, ComplaintId id,
                                const ResponseInput& in);
  // Staff: their team's (administrators: everyone's), open or all.
  Result<ComplaintList> List(const CallContext& ctx, const Principal& who, bool open_only);
  // The home page's counts of the same list; not audited (no one's complaint is shown).
  Result<ComplaintCounts> Counts(CouncilId council, const Principal& who);

 private:
  static bool MaySeeList(const Principal& who);
  Status Load(Transaction& tx, const Principal& who, bool open_only, ComplaintList& out) const;
  ComplaintView ViewOf(const ComplaintRecord& c, const PersonRecord& p, const Principal& who) const;
  Result<ComplaintView> Load(Transaction& tx, const Principal& who, ComplaintId id) const;
  Result<ComplaintRecord> Check(const ComplaintInput& in, bool self, Date today) const;
  Status AfterMaking(Transaction& tx, const Principal& who, const ComplaintView& v);
  Result<ComplaintView> Answer(const CallContext& ctx, const Principal& who, ComplaintId id,
                               const std::string& action,
                               const std::function<Status(Transaction&, ComplaintView&)>& fn);

  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
  const domain::ComplaintPolicy policy_;
};

}  // namespace selfdirect::app
