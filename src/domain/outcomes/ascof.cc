// File: ascof.cc
// ASCOF measure 3D from the council's records (ascof.h).
#include "domain/outcomes/ascof.h"

#include <map>

namespace selfdirect::domain {

namespace {

bool InForce(const SupportRecord& r, Date on) { return r.from <= on && (!r.to || on <= *r.to); }

bool IsDirectPayment(ReturnCategory c) {
  return c == ReturnCategory::kDirectPaymentOnly || c == ReturnCategory::kPartDirectPayment;
}

// Who a record belongs to: the NHS number when there is one, else the local id.
std::string PersonKey(const SupportRecord& r) {
  return r.nhs_number.empty() ? "local:" + r.local_id : "nhs:" + r.nhs_number;
}

}  // namespace

ReturnCategory CombineCategories(ReturnCategory a, ReturnCategory b) {
  using R = ReturnCategory;
  if (a == R::kNoPaidSupport) return b;
  if (b == R::kNoPaidSupport || a == b) return a;
  if (IsDirectPayment(a) || IsDirectPayment(b)) return R::kPartDirectPayment;
  return R::kCouncilManagedBudget;  // A managed budget with commissioned support.
}

Measure3D MeasureSelfDirectedSupport(const std::vector<SupportRecord>& records, Date on) {
  // Local ids first meet their NHS numbers: a record without one joins the person whose other
  // record has the same local id and an NHS number.
  std::map<std::string, std::string> nhs_of_local;
  for (const auto& r : records)
    if (!r.nhs_number.empty()) nhs_of_local.emplace(r.local_id, r.nhs_number);
  std::map<std::string, ReturnCategory> people;
  for (const auto& r : records) {
    if (!InForce(r, on) || AgeOn(r.date_of_birth, on) < 18) continue;
    if (r.category == ReturnCategory::kNoPaidSupport) continue;
    SupportRecord keyed = r;
    if (keyed.nhs_number.empty() && nhs_of_local.contains(r.local_id))
      keyed.nhs_number = nhs_of_local.at(r.local_id);
    auto [it, added] = people.emplace(PersonKey(keyed), r.category);
    if (!added) it->second = CombineCategories(it->second, r.category);
  }
  Measure3D m;
  m.on = on;
  for (const auto& [key, category] : people) {
    ++m.people;
    if (IsDirectPayment(category)) ++m.direct_payments;
    if (IsDirectPayment(category) || category == ReturnCategory::kCouncilManagedBudget)
      ++m.self_directed;
  }
  if (m.people > 0) {
    m.part_1a = static_cast<double>(m.self_directed) / static_cast<double>(m.people);
    m.part_2a = static_cast<double>(m.direct_payments) / static_cast<double>(m.people);
  }
  return m;
}

}  // namespace selfdirect::domain
