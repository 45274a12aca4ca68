// File: money_repository.h
// Payment agreements, payment runs and the append-only budget ledger over SQL
// (app::MoneyRepository). The ledger's tables refuse UPDATE and DELETE by trigger (migration 0013).
#pragma once

#include "app/money/money_repository.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

class SqlMoney final : public app::MoneyRepository, private CouncilRepository {
 public:
  SqlMoney(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<PaymentAgreementId> InsertAgreement(const app::PaymentAgreementRecord& a) override;
  Result<std::optional<app::PaymentAgreementRecord>> FindAgreement(PaymentAgreementId id) override;
  Result<std::vector<app::PaymentAgreementRecord>> AgreementsFor(PersonId person) override;
  Result<std::vector<app::PaymentAgreementRecord>> AgreementsDue(Date through) override;
  Status AddChange(PaymentAgreementId id, const domain::PaymentChange& change, UserId by,
                   Timestamp at) override;
  Status SetEnd(PaymentAgreementId id, Date end) override;
  Status RestateChanges(PaymentAgreementId id, Date from, Pence weekly_budget,
                        Pence weekly_contribution) override;
  Status SetNextCycle(PaymentAgreementId id, int64_t next_cycle) override;
  Result<PaymentRunId> InsertRun(const app::PaymentRunRecord& run) override;
  Result<std::optional<app::PaymentRunRecord>> FindRun(PaymentRunId id) override;
  Result<std::vector<app::PaymentRunRecord>> Runs(int limit) override;
  Status PutRule(PersonId person, const domain::MatchRule& rule, UserId by, Timestamp at) override;
  Result<std::vector<domain::MatchRule>> RulesFor(PersonId person) override;
  Status RecordImport(PersonId person, const std::string& format, int64_t read, int64_t posted,
                      int64_t already, UserId by, Timestamp at) override;
  Result<std::vector<std::pair<PersonId, Timestamp>>> LastStatements() override;
  Result<int64_t> AddExplanation(const app::MoneyExplanation& e) override;
  Result<std::vector<app::MoneyExplanation>> ExplanationsFor(PersonId person) override;
  Result<std::optional<app::MoneyExplanation>> FindExplanation(int64_t id) override;
  Result<RecoveryId> InsertRecovery(const app::RecoveryRecord& r) override;
  Result<std::optional<app::RecoveryRecord>> FindRecovery(RecoveryId id) override;
  Result<std::vector<app::RecoveryRecord>> RecoveriesFor(PersonId person) override;
  Result<std::vector<app::RecoveryRecord>> Recoveries(std::optional<domain::RecoveryStatus> status,
                                                      int limit) override;
  Status DecideRecovery(RecoveryId id, domain::RecoveryStatus status, UserId by, Timestamp at,
                        const std::string& note, const domain::Letter& letter) override;
  Result<std::vector<app::RecoveryRecord>> ReductionsOutstanding() override;
  Status AddRecovered(RecoveryId id, Pence amount, bool cycle) override;
  Result<app::AppendOutcome> Append(const domain::LedgerTransaction& t,
                                    std::optional<PersonId> person, UserId by,
                                    Timestamp at) override;
  Result<std::optional<app::StoredLedgerTransaction>> FindTransaction(
      LedgerTransactionId id) override;
  Result<std::vector<domain::AccountBalanceRow>> Balances(std::optional<PersonId> person) override;
  Result<std::vector<app::MoneyTotalRow>> Totals() override;
  Status ForEachTransaction(
      const app::LedgerQuery& query,
      const std::function<Status(const app::StoredLedgerTransaction&)>& fn) override;

 private:
  Status LoadChanges(std::vector<app::PaymentAgreementRecord>& agreements);
  Status AddToSummaries(PersonId person, domain::LedgerSource source,
                        const domain::Posting& posting);
};

}  // namespace selfdirect::storage
