// File: money_service.h
// Use cases of the money (issue 20): set up payment agreements from an agreed plan, run the
// council's payments, show a person their money, and write the ledger as a journal. Rules are in
// domain/money; each write shares one transaction with its audit entry, and every read of a
// person's money is audited (refusals too).
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/people_service.h"
#include "app/planning/plan_change_repository.h"
#include "app/repositories.h"
#include "domain/money/monitoring.h"

namespace selfdirect::app {

// What a finance officer enters to set up the payments of an agreed plan.
struct AgreementSetUp {
  SupportPlanId plan;
  domain::AccountHolder holder = domain::AccountHolder::kPerson;
  std::string holder_name;
  domain::AccountType account_type = domain::AccountType::kBankAccount;
  std::string sort_code;       // "12-34-56" or "123456"
  std::string account_number;  // Eight digits.
  domain::ContributionMethod contribution = domain::ContributionMethod::kNet;
  Date start;
  int cycle_days = 28;
};

// An agreed plan's weekly budget split by where the money is held, with the person's weekly
// contribution (which the direct payment carries when there is one).
struct BudgetParts {
  Pence direct_payment, council_managed, individual_service_fund;
  Pence contribution;
};
BudgetParts PartsOf(const AgreedPlanSpend& spend, Pence person_weekly);

// The agreements to make for `parts` (one per place money is held, direct payment first; the
// contribution goes with the first), from `setup`'s details. Checks the details.
Result<std::vector<PaymentAgreementRecord>> AgreementsFor(const AgreementSetUp& setup,
                                                          const BudgetParts& parts,
                                                          PersonId person);

// Posts every payment due through `through` (cycles starting on or before it) and fills `run`
// (count, total, the bank file). Used by the service, the command line and the demo.
Status PayDue(Transaction& tx, Date through, UserId by, Timestamp at, PaymentRunRecord& run);

// Writes the ledger (all of it, or a person's) as a ledger/hledger journal, or as CSV.
enum class LedgerFormat { kJournal, kCsv };
Status WriteLedger(Transaction& tx, const LedgerQuery& query, LedgerFormat format,
                   std::string& out);

// What a flagged item may be settled as: the kinds of support, and "PA employer costs".
std::vector<std::string> SettleCategories();
bool IsSettleCategory(std::string_view category);

// The weekly amount paid under `a` on `day` (0 once it has ended, or while suspended).
Pence WeeklyPaymentOn(const PaymentAgreementRecord& a, Date day);

// Whether `who` may send statements and explanations for `person`: the person, their
// representative, or a finance officer, who may see the person.
bool MayHandleMoney(const Principal& who, const PersonRecord& person);

// The council's policy for matching statements (data/money/match-policy.json).
const domain::MatchPolicy& DefaultMatchPolicy();

// Where a statement row not matched, or not allowed, is posted.
inline constexpr std::string_view kNotAllowedCategory = "Not allowed by the direct payment rules";

struct StatementReport {
  int64_t rows = 0;
  int64_t posted = 0;
  int64_t already = 0;   // Posted by an earlier import (overlapping statements, a rerun).
  int64_t payments = 0;  // The council's own payments, in the ledger from the payment run.
  int64_t matched = 0, not_matched = 0, not_allowed = 0, money_in = 0;
};

// Posts a statement's rows to the person's direct payment account in batches of
// `kImportBatch` rows, one transaction each, so an interrupted import keeps what it finished and
// a rerun goes on from there (each row posts once). `progress(done, total)` after each batch.
inline constexpr size_t kImportBatch = 1000;
Result<StatementReport> ImportStatementRows(
    Store& store, CouncilId council, PersonId person, const std::vector<domain::StatementRow>& rows,
    domain::StatementFormat format, UserId by, Timestamp at,
    const std::function<void(int64_t, int64_t)>& progress = nullptr,
    const std::atomic<bool>* stop = nullptr);  // Set: stop after the batch in hand.

// A budget account as the person sees it.
struct MoneyAccount {
  domain::BudgetAccountKind kind = domain::BudgetAccountKind::kDirectPayment;
  Pence balance;
  Pence weekly;                  // Paid in each week now (0 when ended or suspended).
  std::optional<int64_t> weeks;  // Whole weeks the balance lasts at `weekly` (rounded down).
};

// The spending category of a row not matched to the plan yet.
inline constexpr std::string_view kNotMatchedCategory = "Not matched to the plan yet";

struct SpendingLine {
  std::string category;  // As the person reads it: "Home care".
  Pence spent;
  bool traditional = false;
};

// A statement row that needs the person's word: not matched to the plan, or not allowed.
struct FlaggedItem {
  StoredLedgerTransaction transaction;
  Pence amount;  // Spent.
  bool not_allowed = false;
  std::optional<MoneyExplanation> explanation;  // The latest, without its file.
};

// The person's flagged rows not settled yet, newest first (money_service.cc).
inline constexpr std::string_view kSettleKey = "settle:";
Status Flagged(Transaction& tx, PersonId person, std::vector<FlaggedItem>& out);

// What the person says a flagged item was for.
struct ExplanationInput {
  std::string note;
  std::string payee_words;  // Typed in the page's "next time" form, shown back after an error.
  std::string file_name;    // With `bytes` when a receipt or photo was sent.
  std::string bytes;
};

struct MoneySummary {
  PersonRecord person;
  std::vector<PaymentAgreementRecord> agreements;
  std::vector<MoneyAccount> accounts;
  Pence left;           // In every account together.
  Pence council_paid;   // Council money paid in, ever.
  Pence contributions;  // The person's own money paid in.
  Pence spent;
  Pence traditional, creative;
  std::vector<SpendingLine> spending;           // Largest first.
  std::vector<StoredLedgerTransaction> recent;  // Newest first, at most 20.
  std::vector<FlaggedItem> flagged;             // Newest first.
  std::vector<RecoveryRecord> letters;          // Approved recoveries, newest first.
  std::vector<domain::MatchRule> rules;         // The payees taught for this person.
};

// An account the finance officer should look at, and why.
struct AccountToCheck {
  PersonRecord person;
  domain::AccountFacts facts;
  domain::SurplusWorking surplus;
  std::vector<domain::Concern> concerns;
};

// What a recovery from one of a person's budget accounts could be, for the proposal form.
struct RecoveryFacts {
  PersonRecord person;
  domain::BudgetAccountKind account = domain::BudgetAccountKind::kDirectPayment;
  domain::RecoveryLimits limits;
  domain::SurplusWorking surplus;          // Of the direct payment account.
  std::vector<Date> next_payments;         // The next 13 cycles' first days.
  std::vector<RecoveryRecord> recoveries;  // The person's, newest first.
};

// A recovery with the person it is about.
struct RecoveryItem {
  RecoveryRecord record;
  PersonRecord person;
};

// Gathers `facts` for the person's `account` on `today` (money_recoveries.cc).
// kFailedPrecondition when the account has no payment agreement.
Status GatherRecoveryFacts(Transaction& tx, PersonId person, domain::BudgetAccountKind account,
                           Date today, RecoveryFacts& facts);

// Proposes a recovery in `tx` after checking its terms against the account (money_recoveries.cc):
// what ProposeRecovery and a difference paid over share. Not audited here.
Result<RecoveryRecord> ProposeRecoveryIn(Transaction& tx, PersonId person,
                                         domain::BudgetAccountKind account,
                                         const domain::RecoveryTerms& terms, UserId by,
                                         Timestamp now);

// Pays, in the run, each difference a change of circumstance left owed to a person for days
// already paid at the old rate: into the account of the agreement it came from, and on the bank
// file unless the council manages the account (money_differences.cc). Once only: a difference
// is marked paid in the same transaction.
Status PayDifferences(Transaction& tx, Date through, UserId by, Timestamp at,
                      PaymentRunRecord& run);

// A difference with the person it is for (finance officers' list).
struct DifferenceItem {
  PaymentDifference record;
  PersonRecord person;
};
struct DifferenceDecision {
  std::string action;  // "recover_from_account", "recover_by_reducing" or "waive".
  std::string cycles;  // For recover_by_reducing: how many payments share it (1 to 13).
  std::string note;    // Why (required to waive); added to the recovery's reason otherwise.
};

// The letter of an approved recovery as the person reads it (recovery.h).
domain::LetterFacts LetterFactsFor(const RecoveryFacts& facts, const RecoveryRecord& r, Date today);

// Every direct payment account with a concern on `today`, most concerns first (monitoring.h, with
// the council's MonitoringPolicy). For the finance officers' queue and the money dashboard.
Status AccountsToCheck(Transaction& tx, Date today, std::vector<AccountToCheck>& out);

// The council's money added up (money_dashboard.cc), for all of it or one team or client group.
struct MoneyFigures {
  Pence paid_out;       // Council money paid into budget accounts.
  Pence recovered;      // Taken back by clawbacks.
  Pence contributions;  // People's own money paid in.
  Pence refunded;       // Contributions given back.
  Pence spent;
  Pence held;     // In budget accounts now.
  Pence surplus;  // Held above 8 weeks' payments (the monitoring threshold), recoverable.
};
struct MoneyDashboardQuery {
  std::optional<TeamId> team;
  std::string client_group;  // A primary support reason code; empty for all.
};
struct MoneyDashboard {
  MoneyFigures total;
  std::vector<std::pair<std::string, Pence>> spent_by_category;       // Largest first.
  std::vector<std::pair<std::string, MoneyFigures>> by_team;          // Team names, in name order.
  std::vector<std::pair<std::string, MoneyFigures>> by_client_group;  // Labels.
};
// A change to an agreement's payments from a date, made by a finance officer: a suspension (a
// hospital stay, say), payments resumed, or the agreement ended (the last day paid for).
enum class AgreementChangeKind { kSuspend, kResume, kEnd };
std::optional<AgreementChangeKind> ParseAgreementChangeKind(std::string_view code);
struct AgreementChangeInput {
  PaymentAgreementId agreement;
  AgreementChangeKind kind = AgreementChangeKind::kSuspend;
  Date from;
  std::string reason;
};

// Who may see the money dashboard: figures only, no person named.
bool CanSeeMoneyDashboard(domain::Role role);

class StatementImportJobs;  // statement_jobs.h

class MoneyService {
 public:
  MoneyService(Store& store, const Clock& clock, AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  // Finance officers. kFailedPrecondition when the plan is not agreed or already has agreements.
  Result<std::vector<PaymentAgreementRecord>> SetUp(const CallContext& ctx, const Principal& who,
                                                    const AgreementSetUp& setup);
  // Finance officers: whether there is a plan `plan` here to set up the payments of. kNotFound
  // when there is none; the refusal is audited.
  Status CheckPlanToSetUp(const CallContext& ctx, const Principal& who, SupportPlanId plan);
  // Finance officers. kAlreadyExists when a run through that day was made.
  Result<PaymentRunRecord> RunPayments(const CallContext& ctx, const Principal& who, Date through);
  Result<std::vector<PaymentRunRecord>> Runs(const CallContext& ctx, const Principal& who);
  Result<PaymentRunRecord> Run(const CallContext& ctx, const Principal& who, PaymentRunId id);
  // Anyone who may see the person. kNotFound otherwise.
  Result<MoneySummary> Summary(const CallContext& ctx, const Principal& who, PersonId person);
  // A statement of the person's direct payment account: the person, their representative or a
  // finance officer. kInvalidArgument naming the bad lines (nothing stored), kFailedPrecondition
  // without a direct payment.
  Result<StatementReport> ImportStatement(const CallContext& ctx, const Principal& who,
                                          PersonId person, domain::StatementFormat format,
                                          std::string_view text);
  // The person's word on a flagged item, with a receipt or photo (PDF, JPG or PNG up to 5 MB):
  // the person, their representative or a finance officer. Audited.
  Result<MoneyExplanation> Explain(const CallContext& ctx, const Principal& who, PersonId person,
                                   LedgerTransactionId item, const ExplanationInput& input);
  // Finance officers: the item was for `category` (a kind of support, or "PA employer costs"):
  // it moves there by a new transaction that names it, and leaves the list of things to
  // explain. kFailedPrecondition when it was settled before.
  Status Settle(const CallContext& ctx, const Principal& who, PersonId person,
                LedgerTransactionId item, const std::string& category);
  // An explanation's file, for anyone who may see the person. Audited.
  Result<MoneyExplanation> ExplanationFile(const CallContext& ctx, const Principal& who,
                                           int64_t explanation);
  // OK when `who` may send statements and explanations for `person` (MayHandleMoney);
  // kNotFound otherwise. Audited.
  Status CheckHandlesMoney(const CallContext& ctx, const Principal& who, PersonId person);
  // Checks a statement like ImportStatement (the person, the account, every line) and imports a
  // short one at once; a long one (more than kImportBatch rows) goes to `jobs`, and the job's id
  // comes back instead of the report.
  struct Started {
    std::optional<StatementReport> report;
    std::string job;
  };
  Result<Started> StartImport(const CallContext& ctx, const Principal& who, PersonId person,
                              domain::StatementFormat format, std::string_view text,
                              StatementImportJobs& jobs);
  // Teaches a payee rule for the person's later statements (same people as ImportStatement).
  Status TeachRule(const CallContext& ctx, const Principal& who, PersonId person,
                   const domain::MatchRule& rule);
  // Finance officers: every direct payment account with a concern, most concerns first
  // (monitoring.h, with the council's MonitoringPolicy).
  Result<std::vector<AccountToCheck>> Monitoring(const CallContext& ctx, const Principal& who);
  // The council's monitoring thresholds in force today (app/settings), to say how it looks.
  Result<domain::MonitoringPolicy> MonitoringPolicyToday(CouncilId council);
  // Finance officers (recoveries.cc): the figures a recovery is checked against.
  Result<RecoveryFacts> RecoveryFactsFor(const CallContext& ctx, const Principal& who,
                                         PersonId person, domain::BudgetAccountKind account);
  // Finance officers: a clawback or a refund, to be approved by another finance officer.
  // kInvalidArgument naming the fields (recovery.h) with nothing stored.
  Result<RecoveryRecord> ProposeRecovery(const CallContext& ctx, const Principal& who,
                                         PersonId person, domain::BudgetAccountKind account,
                                         const domain::RecoveryTerms& terms);
  // Another finance officer approves (the letter is written and, taken from the account, the
  // money moves at once; reductions follow the payment runs) or rejects. kPermissionDenied for
  // the proposer, kFailedPrecondition when decided before: nothing changes either way.
  Result<RecoveryRecord> DecideRecovery(const CallContext& ctx, const Principal& who, RecoveryId id,
                                        bool approve, const std::string& note);
  // Finance officers: the council's recoveries (with `status`, or all), newest first.
  // Finance officers: what changes of circumstance left for days already paid at the old rate,
  // owed to people (the next payment run pays them) and paid over (for a decision), oldest
  // first; and one of them. Reading is audited.
  Result<std::vector<DifferenceItem>> Differences(const CallContext& ctx, const Principal& who);
  Result<DifferenceItem> Difference(const CallContext& ctx, const Principal& who, int64_t id);
  // How many are paid over and waiting for a decision (the home page): no personal data read.
  Result<int64_t> DifferencesToDecide(const CallContext& ctx, const Principal& who);
  // A difference paid over: propose its recovery (approved by another finance officer, as any
  // recovery) or decide not to recover it, saying why. kInvalidArgument by field ("action",
  // "cycles", "note", or the recovery's own), kFailedPrecondition once decided, kNotFound.
  Result<PaymentDifference> DecideDifference(const CallContext& ctx, const Principal& who,
                                             int64_t id, const DifferenceDecision& decision);
  Result<std::vector<RecoveryItem>> Recoveries(const CallContext& ctx, const Principal& who,
                                               std::optional<domain::RecoveryStatus> status);
  // A finance officer, or (once approved, for the letter) anyone who may see the person.
  Result<RecoveryItem> Recovery(const CallContext& ctx, const Principal& who, RecoveryId id);
  // Finance officers (money_agreements.cc): the change takes effect from its date, which may not
  // be in a cycle already paid (kInvalidArgument naming "from": what was overpaid is recovered
  // by a clawback instead). kFailedPrecondition when it makes no sense (resuming payments that
  // are not suspended, changing an agreement that has ended).
  Result<PaymentAgreementRecord> ChangeAgreement(const CallContext& ctx, const Principal& who,
                                                 const AgreementChangeInput& input);
  Result<PaymentAgreementRecord> Agreement(const CallContext& ctx, const Principal& who,
                                           PaymentAgreementId id);
  // The council's money dashboard (CanSeeMoneyDashboard). Audited.
  Result<MoneyDashboard> Dashboard(const CallContext& ctx, const Principal& who,
                                   const MoneyDashboardQuery& query);
  // The ledger of a person (who may see them) or, for finance officers, the council.
  Result<std::string> Ledger(const CallContext& ctx, const Principal& who,
                             std::optional<PersonId> person, LedgerFormat format);

 private:
  Status CheckImport(const CallContext& ctx, const Principal& who, PersonId person);

  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
};

}  // namespace selfdirect::app
