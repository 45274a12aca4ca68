// File: pa_service.h
// Use cases of finding a personal assistant (issue 21): a PA keeps their own profile and checks;
// the council, or a PA-employer organisation, verifies them; people search PAs near a postcode
// for the times and skills they need, ranked with the reasons; they ask to contact a PA through
// the service, and neither side's details are shown until the PA agrees. Reads of a PA's profile
// and every refusal are audited; changes share a transaction with their audit entry.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/pa/pa_finder_cache.h"
#include "app/pa/pa_repository.h"
#include "app/people_service.h"
#include "app/repositories.h"

namespace selfdirect::app {

std::string_view PaContactStatusCode(PaContactStatus s);

// Whether `who` is on the person's side for finding a PA: the person or their representative, or
// a practitioner or approver who may see them (pa_contacts.cc).
bool PersonSideOfPa(const Principal& who, const PersonRecord& person);

// What a PA enters on their profile page or through the API.
struct PaProfileInput {
  std::string first_name, postcode, about;
  int travel_miles = 5;
  std::string hourly_rate;  // "14.50"
  uint32_t availability = 0;
  std::vector<std::string> skills, interests, languages;
  bool listed = true;
  PaChecks checks;
};

struct PaSearch {
  std::string postcode;
  uint32_t slots = 0;
  std::vector<std::string> skills;
  std::string interests;  // Words: "gardening football".
  std::string language;
  std::string max_rate;  // "" or "16.00".
  int limit = 20;
};

// A PA as people searching see them: no surname, no address, no contact details.
struct PaCard {
  domain::pa::PaProfile profile;
  std::string verifier;  // Who saw the checks, when verified.
  PaChecks checks;       // Kinds and expiry dates, for the badge and the profile page.
  int64_t metres = -1;   // From the searched postcode (-1: not searched).
  std::vector<std::string> reasons;
};

struct PaSearchResult {
  std::string postcode;  // As normalised.
  std::vector<PaCard> cards;
  int64_t considered = 0;  // Profiles within reach of the postcode before the other filters.
};

// A request to contact a PA, as the PA or the person's side sees it. `details` are filled in only
// once the PA has agreed: the PA's email for the person's side, and the person's name and the
// asker's email for the PA.
struct PaContactView {
  PaContactRecord contact;
  std::string pa_first_name;
  std::string person_name;  // Shown to the PA only after agreeing ("" before).
  std::string pa_email, asker_email;
};

class PaService {
 public:
  PaService(Store& store, const Clock& clock, AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit), finder_(std::make_shared<PaFinderCache>()) {}

  // A PA's own profile (kNotFound before they have made one).
  Result<PaProfileRecord> MyProfile(const CallContext& ctx, const Principal& pa);
  // Makes or changes the caller's profile (PAs only). kInvalidArgument with field messages.
  Result<PaProfileId> SaveMyProfile(const CallContext& ctx, const Principal& pa,
                                    const PaProfileInput& in);
  // Practitioners, approvers, administrators and PA-employer organisations: the checks were seen.
  Status Verify(const CallContext& ctx, const Principal& who, PaProfileId id);
  // Anyone signed in may search (people who use care, their representatives, staff, employer
  // organisations). kInvalidArgument on "postcode" when it is not a postcode we know.
  Result<PaSearchResult> Find(const CallContext& ctx, const Principal& who, const PaSearch& q);
  // A listed PA's card, for anyone signed in; kNotFound otherwise. Audited.
  Result<PaCard> Card(const CallContext& ctx, const Principal& who, PaProfileId id);
  // The person (or their representative, or their practitioner) asks to contact a PA.
  Result<PaContactId> AskToContact(const CallContext& ctx, const Principal& who, PaProfileId pa,
                                   PersonId person, const std::string& message);
  // The PA agrees or declines, once.
  Status Answer(const CallContext& ctx, const Principal& pa, PaContactId id, bool agree);
  // The PA's requests, newest first.
  Result<std::vector<PaContactView>> RequestsToMe(const CallContext& ctx, const Principal& pa);
  // A person's requests, for those who act for them or may see them.
  Result<std::vector<PaContactView>> RequestsFor(const CallContext& ctx, const Principal& who,
                                                 PersonId person);

 private:
  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
  std::shared_ptr<PaFinderCache> finder_;  // The listed profiles in memory, by council.
};

}  // namespace selfdirect::app
