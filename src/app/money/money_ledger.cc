// The money use cases' shared work, free of any caller: splitting an agreed plan into budget
// accounts, the agreements for them, posting the payments due with their bank file, and writing
// the ledger as a journal or CSV.
#include <algorithm>

#include "app/money/money_service.h"
#include "base/csv.h"
#include "domain/planning/costing.h"

namespace selfdirect::app {
namespace {

bool Digits(std::string_view s, size_t n) {
  return s.size() == n &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "123456" or "12-34-56" as "12-34-56"; empty when it is neither.
std::string SortCode(std::string_view s) {
  std::string digits;
  for (char c : s)
    if (c != '-' && c != ' ') digits += c;
  if (!Digits(digits, 6)) return "";
  return digits.substr(0, 2) + "-" + digits.substr(2, 2) + "-" + digits.substr(4, 2);
}

// One line of text for a journal: no comment marks or line breaks.
std::string JournalText(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == ';' || c == '\n' || c == '\r' || c == '\t') c = c == ';' ? ',' : ' ';
  return out;
}

void AppendJournalTransaction(const StoredLedgerTransaction& s, std::string& out) {
  const domain::LedgerTransaction& t = s.transaction;
  out += t.effective_date.ToString() + " * (T" + std::to_string(s.id.value()) + ") " +
         JournalText(t.description) + "\n";
  out += "    ; " + std::string(domain::LedgerSourceCode(t.source)) + ": " +
         JournalText(t.source_ref.empty() ? t.idempotency_key : t.source_ref) + "\n";
  if (!t.reason.empty()) out += "    ; why: " + JournalText(t.reason) + "\n";
  for (const domain::Posting& p : t.postings)
    out += "    " + p.account + "  " + p.amount.ToDisplayString() + "\n";
  out += "\n";
}

void AppendCsvTransaction(const StoredLedgerTransaction& s, std::string& out) {
  const domain::LedgerTransaction& t = s.transaction;
  for (const domain::Posting& p : t.postings) {
    out += std::to_string(s.id.value()) + "," + t.effective_date.ToString() + "," +
           CsvCell(t.description) + "," + std::string(domain::LedgerSourceCode(t.source)) + "," +
           CsvCell(p.account) + "," + p.amount.ToString() + "\n";
  }
}

}  // namespace

BudgetParts PartsOf(const AgreedPlanSpend& spend, Pence person_weekly) {
  BudgetParts parts;
  for (const auto& line : spend.lines) {
    auto managed = domain::ParseManagedAs(line.managed_as);
    if (!managed) continue;
    if (domain::IsDirectPayment(*managed)) parts.direct_payment += line.weekly;
    if (*managed == domain::ManagedAs::kCouncilManaged) parts.council_managed += line.weekly;
    if (*managed == domain::ManagedAs::kIndividualServiceFund)
      parts.individual_service_fund += line.weekly;
  }
  parts.contribution = person_weekly;
  return parts;
}

Result<std::vector<PaymentAgreementRecord>> AgreementsFor(const AgreementSetUp& setup,
                                                          const BudgetParts& parts,
                                                          PersonId person) {
  std::vector<FieldError> fields;
  const std::string sort_code = SortCode(setup.sort_code);
  const bool paid_to_bank =
      parts.direct_payment > Pence() || parts.individual_service_fund > Pence();
  if (paid_to_bank && sort_code.empty())
    fields.push_back({"sort_code", "Enter a sort code of 6 digits, like 12-34-56"});
  if (paid_to_bank && !Digits(setup.account_number, 8))
    fields.push_back({"account_number", "Enter an account number of 8 digits"});
  if (paid_to_bank && setup.holder_name.empty())
    fields.push_back({"holder_name", "Enter the name the account is in"});
  using domain::BudgetAccountKind;
  std::vector<PaymentAgreementRecord> out;
  Pence contribution = parts.contribution;
  for (auto [kind, weekly] :
       {std::pair{BudgetAccountKind::kDirectPayment, parts.direct_payment},
        {BudgetAccountKind::kIndividualServiceFund, parts.individual_service_fund},
        {BudgetAccountKind::kCouncilManaged, parts.council_managed}}) {
    if (weekly <= Pence()) continue;
    PaymentAgreementRecord a;
    a.person_id = person;
    a.plan_id = setup.plan;
    a.account_kind = kind;
    a.holder = setup.holder;
    a.holder_name = kind == BudgetAccountKind::kCouncilManaged ? "The council" : setup.holder_name;
    a.account_type = setup.account_type;
    if (kind != BudgetAccountKind::kCouncilManaged) {
      a.sort_code = sort_code;
      a.account_number = setup.account_number;
    }
    // Only a direct payment is paid net of the contribution; otherwise the council pays the
    // whole amount and collects the contribution separately.
    const auto method = kind == BudgetAccountKind::kDirectPayment
                            ? setup.contribution
                            : domain::ContributionMethod::kCollectedSeparately;
    a.terms = {setup.start,
               std::nullopt,
               setup.cycle_days,
               method,
               {{setup.start, weekly, contribution, false, "Plan agreed"}}};
    contribution = Pence();  // The first account carries the contribution.
    if (Status s = domain::ValidatePaymentTerms(a.terms); !s.ok())
      for (auto& f : s.error().fields) fields.push_back(f);
    out.push_back(std::move(a));
  }
  if (out.empty()) fields.push_back({"plan", "The agreed plan has no money to pay"});
  if (!fields.empty())
    return Error::InvalidArgument("The payments cannot be set up", std::move(fields));
  return out;
}

namespace {

// Takes what the approved reductions of `a`'s person and account ask off `cycle`'s payment,
// each as its own transaction in the run (money_recoveries.cc); returns what is left to pay.
Result<Pence> Reduce(Transaction& tx, const PaymentAgreementRecord& a,
                     const domain::CycleAmount& cycle, std::vector<RecoveryRecord>& reductions,
                     UserId by, Timestamp at) {
  Pence left = cycle.amount;
  for (RecoveryRecord& r : reductions) {
    if (r.person_id != a.person_id || r.account_kind != a.account_kind) continue;
    const Pence take = domain::ReductionOf(r.terms, r.recovered, r.cycles_done, left);
    if (take <= Pence()) continue;
    domain::LedgerTransaction t = domain::RecoveryTransaction(
        domain::PersonReference(a.person_id), a.account_kind, r.terms.kind, take, cycle.first,
        "recovery:" + r.id.ToString() + ":agreement:" + a.id.ToString() +
            ":cycle:" + std::to_string(cycle.cycle));
    t.description =
        "Taken off the payment for " + cycle.first.ToString() + " to " + cycle.last.ToString();
    t.source_ref = "recovery " + r.id.ToString();
    t.reason = r.terms.reason;
    SD_ASSIGN_OR_RETURN(AppendOutcome posted, tx.money().Append(t, a.person_id, by, at));
    if (!posted.posted) continue;
    SD_RETURN_IF_ERROR(tx.money().AddRecovered(r.id, take, true));
    r.recovered += take;
    ++r.cycles_done;
    left -= take;
  }
  return left;
}

}  // namespace

Status PayDue(Transaction& tx, Date through, UserId by, Timestamp at, PaymentRunRecord& run) {
  run.through = through;
  run.started_by = by;
  run.started_at = at;
  run.bank_file = "sort_code,account_number,account_name,amount,reference\n";
  SD_ASSIGN_OR_RETURN(auto agreements, tx.money().AgreementsDue(through));
  SD_ASSIGN_OR_RETURN(auto reductions, tx.money().ReductionsOutstanding());
  for (const PaymentAgreementRecord& a : agreements) {
    const std::string ref = domain::PersonReference(a.person_id);
    const std::string key = "agreement:" + std::to_string(a.id.value());
    const auto due = domain::CyclesDue(a.terms, a.next_cycle, through);
    for (const domain::CycleAmount& cycle : due) {
      if (cycle.amount <= Pence()) continue;  // Suspended or paid in full by the contribution.
      domain::LedgerTransaction t = domain::PaymentTransaction(ref, a.account_kind, cycle, key);
      t.source_ref = "payment run through " + through.ToString();
      SD_ASSIGN_OR_RETURN(AppendOutcome posted, tx.money().Append(t, a.person_id, by, at));
      if (!posted.posted) continue;
      SD_ASSIGN_OR_RETURN(Pence paid, Reduce(tx, a, cycle, reductions, by, at));
      ++run.payments;
      run.total += paid;
      if (a.account_kind == domain::BudgetAccountKind::kCouncilManaged || paid <= Pence()) continue;
      run.bank_file += a.sort_code + "," + a.account_number + "," + CsvCell(a.holder_name) + "," +
                       paid.ToString() + "," + ref + " C" + std::to_string(cycle.cycle) + "\n";
    }
    if (!due.empty()) SD_RETURN_IF_ERROR(tx.money().SetNextCycle(a.id, due.back().cycle + 1));
  }
  return PayDifferences(tx, through, by, at, run);
}

Status WriteLedger(Transaction& tx, const LedgerQuery& query, LedgerFormat format,
                   std::string& out) {
  if (format == LedgerFormat::kCsv) out += "transaction,date,description,source,account,amount\n";
  return tx.money().ForEachTransaction(query, [&](const StoredLedgerTransaction& s) {
    if (format == LedgerFormat::kCsv) {
      AppendCsvTransaction(s, out);
    } else {
      AppendJournalTransaction(s, out);
    }
    return OkStatus();
  });
}

}  // namespace selfdirect::app
