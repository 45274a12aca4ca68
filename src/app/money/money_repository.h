// File: money_repository.h
// Payment agreements, payment runs and the budget ledger as stored (issue 20). The storage port,
// implemented in src/storage/sql/money_repository.cc; see app/repositories.h for tenancy and
// transactions.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/strong_id.h"
#include "domain/money/direct_payment.h"
#include "domain/money/ledger.h"
#include "domain/money/recovery.h"
#include "domain/money/statement.h"

namespace selfdirect::app {

// How a person's budget (or a part of it) is paid: the agreement's terms, where the money goes,
// and how far the payment runs have reached.
struct PaymentAgreementRecord {
  PaymentAgreementId id;
  PersonId person_id;
  std::optional<SupportPlanId> plan_id;
  domain::BudgetAccountKind account_kind = domain::BudgetAccountKind::kDirectPayment;
  domain::AccountHolder holder = domain::AccountHolder::kPerson;
  std::string holder_name;  // Who the account is in the name of.
  domain::AccountType account_type = domain::AccountType::kBankAccount;
  std::string sort_code;       // "12-34-56"
  std::string account_number;  // Eight digits.
  domain::PaymentTerms terms;  // With every change, oldest first.
  int64_t next_cycle = 0;      // The first cycle not yet paid.
  UserId created_by;
  Timestamp created_at;
};

struct PaymentRunRecord {
  PaymentRunId id;
  Date through;  // Every cycle starting on or before this day was paid.
  int64_t payments = 0;
  Pence total;
  std::string bank_file;  // docs/money.md: the payment file for the bank (CSV).
  UserId started_by;
  Timestamp started_at;
};

struct StoredLedgerTransaction {
  LedgerTransactionId id;
  std::optional<PersonId> person_id;
  domain::LedgerTransaction transaction;
  UserId recorded_by;
  Timestamp recorded_at;
};

struct AppendOutcome {
  LedgerTransactionId id;
  bool posted = false;  // False when the idempotency key was posted before (nothing changed).
};

struct LedgerQuery {
  std::optional<PersonId> person_id;  // Else the whole council.
  std::optional<Date> from, through;  // Effective dates, inclusive.
  std::vector<std::string> accounts;  // Only transactions with a posting to one of these.
};

// What a person says a flagged row was for, with a receipt or photo if they have one.
struct MoneyExplanation {
  int64_t id = 0;
  PersonId person_id;
  LedgerTransactionId transaction;
  std::string note;
  std::string file_name, media_type, sha256, content_base64;  // Empty without a file.
  int64_t size_bytes = 0;
  UserId added_by;
  Timestamp added_at;
};

// A clawback or a contribution refund (domain/money/recovery.h) as proposed and decided.
struct RecoveryRecord {
  RecoveryId id;
  PersonId person_id;
  domain::BudgetAccountKind account_kind = domain::BudgetAccountKind::kDirectPayment;
  domain::RecoveryTerms terms;
  std::optional<Pence> surplus;  // The surplus above the threshold when it was proposed.
  domain::RecoveryStatus status = domain::RecoveryStatus::kProposed;
  UserId proposed_by;
  Timestamp proposed_at;
  std::optional<UserId> decided_by;
  std::optional<Timestamp> decided_at;
  std::string decision_note;
  domain::Letter letter;  // Written when approved.
  Pence recovered;        // So far.
  int64_t cycles_done = 0;
};

// The ledger added up for the council's money dashboard: one row per team, client group, source
// and account (the part of the name after "People:<ref>:").
struct MoneyTotalRow {
  TeamId team;
  std::string client_group;  // The person's primary support reason code.
  domain::LedgerSource source = domain::LedgerSource::kManual;
  std::string leaf;  // "CouncilFunding", "Spent:Home care", ...
  Pence amount;
};

class MoneyRepository {
 public:
  virtual ~MoneyRepository() = default;

  virtual Result<PaymentAgreementId> InsertAgreement(const PaymentAgreementRecord& a) = 0;
  virtual Result<std::optional<PaymentAgreementRecord>> FindAgreement(PaymentAgreementId id) = 0;
  // Newest first.
  virtual Result<std::vector<PaymentAgreementRecord>> AgreementsFor(PersonId person) = 0;
  // Agreements with a cycle due on or before `through` (not ended before it), oldest first.
  virtual Result<std::vector<PaymentAgreementRecord>> AgreementsDue(Date through) = 0;
  // kAlreadyExists when the agreement has a change from that date.
  virtual Status AddChange(PaymentAgreementId id, const domain::PaymentChange& change, UserId by,
                           Timestamp at) = 0;
  virtual Status SetEnd(PaymentAgreementId id, Date end) = 0;
  // Gives every change from `from` on (not yet paid: a suspension or resumption arranged ahead)
  // new weekly figures, keeping whether it suspends; used when an agreed plan changes the figures.
  virtual Status RestateChanges(PaymentAgreementId id, Date from, Pence weekly_budget,
                                Pence weekly_contribution) = 0;
  virtual Status SetNextCycle(PaymentAgreementId id, int64_t next_cycle) = 0;

  // kAlreadyExists when a run through that day exists.
  virtual Result<PaymentRunId> InsertRun(const PaymentRunRecord& run) = 0;
  virtual Result<std::optional<PaymentRunRecord>> FindRun(PaymentRunId id) = 0;
  // Newest first, without their files.
  virtual Result<std::vector<PaymentRunRecord>> Runs(int limit) = 0;

  // The person's payee rules, taught once; a rule for the same words replaces the old one.
  virtual Status PutRule(PersonId person, const domain::MatchRule& rule, UserId by,
                         Timestamp at) = 0;
  virtual Result<std::vector<domain::MatchRule>> RulesFor(PersonId person) = 0;
  // Records that a statement was imported, with its counts.
  virtual Status RecordImport(PersonId person, const std::string& format, int64_t read,
                              int64_t posted, int64_t already, UserId by, Timestamp at) = 0;

  // When each person's latest statement was imported.
  virtual Result<std::vector<std::pair<PersonId, Timestamp>>> LastStatements() = 0;
  virtual Result<int64_t> AddExplanation(const MoneyExplanation& e) = 0;
  // The person's explanations, oldest first, without file contents.
  virtual Result<std::vector<MoneyExplanation>> ExplanationsFor(PersonId person) = 0;
  // With the file's contents; nullopt if the council has none with that number.
  virtual Result<std::optional<MoneyExplanation>> FindExplanation(int64_t id) = 0;

  virtual Result<RecoveryId> InsertRecovery(const RecoveryRecord& r) = 0;
  virtual Result<std::optional<RecoveryRecord>> FindRecovery(RecoveryId id) = 0;
  // Newest first: the person's, or the council's with `status` (all when nullopt).
  virtual Result<std::vector<RecoveryRecord>> RecoveriesFor(PersonId person) = 0;
  virtual Result<std::vector<RecoveryRecord>> Recoveries(
      std::optional<domain::RecoveryStatus> status, int limit) = 0;
  // Approves (with its letter) or rejects a proposed recovery. kFailedPrecondition when it was
  // decided before; kPermissionDenied when `by` proposed it (the table refuses it too).
  virtual Status DecideRecovery(RecoveryId id, domain::RecoveryStatus status, UserId by,
                                Timestamp at, const std::string& note,
                                const domain::Letter& letter) = 0;
  // Approved recoveries by reducing payments with money still to recover, oldest first.
  virtual Result<std::vector<RecoveryRecord>> ReductionsOutstanding() = 0;
  // `amount` more was recovered (in a reduced payment when `cycle`).
  virtual Status AddRecovered(RecoveryId id, Pence amount, bool cycle) = 0;

  // Appends a validated transaction; a key posted before is not posted again.
  virtual Result<AppendOutcome> Append(const domain::LedgerTransaction& t,
                                       std::optional<PersonId> person, UserId by, Timestamp at) = 0;
  virtual Result<std::optional<StoredLedgerTransaction>> FindTransaction(
      LedgerTransactionId id) = 0;
  // Balances of every account with a posting (of the person, or the council), by name.
  virtual Result<std::vector<domain::AccountBalanceRow>> Balances(
      std::optional<PersonId> person) = 0;
  // Every person's postings added up by team, client group, source and account.
  virtual Result<std::vector<MoneyTotalRow>> Totals() = 0;
  // Transactions in effective-date order (then as recorded), each with its postings.
  virtual Status ForEachTransaction(
      const LedgerQuery& query,
      const std::function<Status(const StoredLedgerTransaction&)>& fn) = 0;
};

}  // namespace selfdirect::app
