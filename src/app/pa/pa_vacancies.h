// File: pa_vacancies.h
// PA vacancies (issue 21): the person's side (the person, their representative, or a practitioner
// who may see them) advertises for a PA from the plan's PA lines; PAs see the open adverts their
// travel reaches, ranked with the reasons, and apply; the person's side invites an applicant to
// talk or says no. An invitation is a contact request the PA has agreed to (the PA applied), so
// both sides see each other's details from then on and the PA can be employed (employment_service).
// The advert shows the postcode district, never the person's name or address. Every read of a
// person's adverts and every refusal is audited; changes share a transaction with their audit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/pa/pa_service.h"
#include "app/repositories.h"

namespace selfdirect::app {

std::string_view PaVacancyStatusText(PaVacancyStatus s);          // "Open", "Filled".
std::string_view PaApplicationStatusText(PaApplicationStatus s);  // "Invited to talk".

// What the person's side enters on the advert form or through the API.
struct VacancyInput {
  PersonId person;
  std::string title, about, plan_line;
  uint32_t slots = 0;
  std::string hours;        // Hours a week: "6".
  std::string hourly_rate;  // "14.50".
  std::vector<std::string> skills;
  std::string interests;  // Words: "gardening football".
  std::string language;
  std::string closes_on;  // "YYYY-MM-DD".
};

// A PA line of the person's latest plan, to start an advert from.
struct PlanPaLine {
  std::string description;
  int hours_per_week = 0;  // Rounded up to a whole hour.
  Pence hourly_rate;
};

struct ApplicationView {
  PaApplicationRecord record;
  PaCard pa;                         // The applicant as people searching see them.
  std::vector<std::string> reasons;  // How the PA fits the advert.
  std::string pa_email;              // Once invited to talk.
};

struct VacancyView {
  PaVacancyRecord record;
  bool person_side = false;                   // The caller acts for the person or may see them.
  std::string person_name;                    // The person's side only.
  std::vector<ApplicationView> applications;  // The person's side only.
  std::optional<PaApplicationRecord> mine;    // A PA's own application.
  std::vector<std::string> reasons;           // For a PA: how they fit.
};

struct VacancyMatchView {
  PaVacancyRecord record;
  int64_t metres = 0;
  std::vector<std::string> reasons;
};

// A PA's page of adverts: those that reach them, and what they applied for.
struct PaVacancyBoard {
  bool has_profile = false;
  std::vector<VacancyMatchView> matches;  // Not yet applied for, best first.
  std::vector<std::pair<PaApplicationRecord, PaVacancyRecord>> applications;  // Newest first.
};

class PaVacancyService {
 public:
  PaVacancyService(Store& store, const Clock& clock, AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  // The PA lines of the person's latest plan (agreed or not), for the person's side.
  Result<std::vector<PlanPaLine>> PlanLines(const CallContext& ctx, const Principal& who,
                                            PersonId person);
  // kInvalidArgument with field messages; kFailedPrecondition when the person has no postcode.
  Result<PaVacancyId> Advertise(const CallContext& ctx, const Principal& who,
                                const VacancyInput& in);
  // Closes an open advert as filled or withdrawn; applications still waiting are declined.
  Status Close(const CallContext& ctx, const Principal& who, PaVacancyId id, bool filled);
  // The person's adverts, newest first, for the person's side.
  Result<std::vector<PaVacancyRecord>> ForPerson(const CallContext& ctx, const Principal& who,
                                                 PersonId person);
  // One advert: the person's side sees the applications; a PA sees an open advert that reaches
  // them (their travel, a time they are free), or one they applied for. kNotFound otherwise.
  Result<VacancyView> View(const CallContext& ctx, const Principal& who, PaVacancyId id);
  // The caller's board (PAs only).
  Result<PaVacancyBoard> Board(const CallContext& ctx, const Principal& pa);
  // A PA with a profile applies to an open advert that reaches them, once.
  Result<PaApplicationId> Apply(const CallContext& ctx, const Principal& pa, PaVacancyId id,
                                const std::string& message);
  // The person's side invites the applicant to talk, or says no, once (an invitation only while
  // the advert is open). Returns the advert's number.
  Result<PaVacancyId> Answer(const CallContext& ctx, const Principal& who, PaApplicationId id,
                             bool invite);
  // The PA takes back an application still waiting.
  Status Withdraw(const CallContext& ctx, const Principal& pa, PaApplicationId id);

 private:
  Result<VacancyView> ViewIn(Transaction& tx, const Principal& who, const PaVacancyRecord& v);

  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
};

}  // namespace selfdirect::app
