// File: strong_id.h
// StrongId<Tag> is a 64-bit record identifier that cannot be mixed with another kind of id: a
// PersonId cannot be passed where a UserId is expected. Ids are positive; 0 means "none".
//
// Example:
//   struct PersonIdTag {};
//   using PersonId = StrongId<PersonIdTag>;
//   PersonId id{42};
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace selfdirect {

// Parses a positive decimal integer ("42", at most 18 digits); anything else gives nullopt.
inline std::optional<int64_t> ParsePositiveInteger(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v <= 0) return std::nullopt;
  return v;
}

template <typename Tag>
class StrongId {
 public:
  constexpr StrongId() = default;
  constexpr explicit StrongId(int64_t value) : value_(value) {}
  constexpr int64_t value() const { return value_; }
  constexpr bool valid() const { return value_ > 0; }
  std::string ToString() const { return std::to_string(value_); }
  // Parses a positive decimal id ("42"); anything else gives nullopt.
  static std::optional<StrongId> Parse(std::string_view text) {
    auto v = ParsePositiveInteger(text);
    if (!v) return std::nullopt;
    return StrongId(*v);
  }
  constexpr auto operator<=>(const StrongId&) const = default;
  // For test failure messages.
  friend std::ostream& operator<<(std::ostream& os, const StrongId& id) { return os << id.value_; }

 private:
  int64_t value_ = 0;
};

struct CouncilIdTag {};
struct PersonIdTag {};
struct UserIdTag {};
struct TeamIdTag {};
struct AssessmentIdTag {};
struct CalibrationSampleIdTag {};
struct FinancialAssessmentIdTag {};
struct ChargingEstimateIdTag {};
struct SupportPlanIdTag {};
struct EvidenceDocumentIdTag {};
struct PaymentAgreementIdTag {};
struct PaymentRunIdTag {};
struct LedgerTransactionIdTag {};
struct RecoveryIdTag {};
using CouncilId = StrongId<CouncilIdTag>;
using PersonId = StrongId<PersonIdTag>;
using UserId = StrongId<UserIdTag>;
using TeamId = StrongId<TeamIdTag>;
using AssessmentId = StrongId<AssessmentIdTag>;
using CalibrationSampleId = StrongId<CalibrationSampleIdTag>;
using FinancialAssessmentId = StrongId<FinancialAssessmentIdTag>;
using ChargingEstimateId = StrongId<ChargingEstimateIdTag>;
using SupportPlanId = StrongId<SupportPlanIdTag>;
using EvidenceDocumentId = StrongId<EvidenceDocumentIdTag>;
using PaymentAgreementId = StrongId<PaymentAgreementIdTag>;
using PaymentRunId = StrongId<PaymentRunIdTag>;
using LedgerTransactionId = StrongId<LedgerTransactionIdTag>;
using RecoveryId = StrongId<RecoveryIdTag>;

}  // namespace selfdirect

template <typename Tag>
struct std::hash<selfdirect::StrongId<Tag>> {
  size_t operator()(const selfdirect::StrongId<Tag>& id) const noexcept {
    return std::hash<int64_t>()(id.value());
  }
};
