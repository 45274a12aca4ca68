// File: front_door_repository.h
// Storage of the front door (migration 0023, issue 23): requests for help and what triage
// decided, and invitations to an account. Behind the interface the SQLite and PostgreSQL adapters
// both implement (storage/sql/front_door_repository.cc).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/strong_id.h"
#include "domain/front_door/contact.h"

namespace selfdirect {
using ContactId = StrongId<struct ContactTag>;
using InvitationId = StrongId<struct InvitationTag>;
}  // namespace selfdirect

namespace selfdirect::app {

struct ContactRecord {
  ContactId id;
  Timestamp received_at;
  domain::ContactRequest request;
  std::optional<domain::TriageOutcome> outcome;  // None while waiting for triage.
  std::string outcome_note;
  PersonId person;  // The record triage made, if it made one.
  UserId triaged_by;
  std::optional<Timestamp> triaged_at;
};

struct InvitationRecord {
  InvitationId id;
  UserId user;
  std::string token_hash;  // TokenHash of the link's token; the token itself is not stored.
  UserId created_by;
  Timestamp created_at;
  Timestamp expires_at;
  std::optional<Timestamp> used_at;
};

class FrontDoorRepository {
 public:
  virtual ~FrontDoorRepository() = default;
  virtual Result<ContactId> InsertContact(const ContactRecord& c) = 0;
  virtual Result<std::optional<ContactRecord>> FindContact(ContactId id) = 0;
  // Waiting for triage (most urgent, then oldest, first), or triaged (newest first), at most
  // `limit`.
  virtual Result<std::vector<ContactRecord>> Contacts(bool triaged, int limit) = 0;
  virtual Result<int64_t> CountWaiting() = 0;
  // Records triage once: kFailedPrecondition when the contact was already triaged.
  virtual Status Triage(ContactId id, domain::TriageOutcome outcome, const std::string& note,
                        PersonId person, UserId by, Timestamp at) = 0;
  virtual Result<InvitationId> InsertInvitation(const InvitationRecord& i) = 0;
  virtual Result<std::optional<InvitationRecord>> FindInvitation(const std::string& token_hash) = 0;
  virtual Result<std::optional<InvitationRecord>> FindInvitationById(InvitationId id) = 0;
  // Gives an unused invitation a new token hash (the old link stops working); false when it was
  // used or retired.
  virtual Result<bool> RekeyInvitation(InvitationId id, const std::string& token_hash) = 0;
  // Marks it used at `at` if it was not used yet; false when it already was.
  virtual Result<bool> UseInvitation(InvitationId id, Timestamp at) = 0;
  // Ends every unused invitation of the user (a new one replaces them).
  virtual Status RetireInvitations(UserId user, Timestamp at) = 0;
};

}  // namespace selfdirect::app
