// File: payday_alerts.cc
// Telling people before a PA goes unpaid (employment_service.h): the hourly pass that finds
// paydays the funding account will not cover, and the finance officers' list of them.
#include <fmt/format.h>

#include "app/admin/admin_repository.h"
#include "app/messages/message_service.h"
#include "app/pa/employment_access.h"
#include "app/pa/employment_service.h"
#include "domain/people/person.h"

namespace selfdirect::app {

namespace {

using namespace employment;

Notice PaydayNotice(PersonId person, UserId user, const EngagementView& v) {
  Notice n;
  n.person = person;
  n.user = user;
  n.kind = domain::MessageKind::kChange;
  n.subject = fmt::format("Not enough money yet for {}'s pay on {}", v.pa_name,
                          v.next_payday.ToLongString());
  n.body = v.payday.message;
  return n;
}

// Tells everyone who must know about `v`'s payday, once.
Result<bool> Tell(Transaction& tx, const EngagementView& v, const std::vector<UserId>& finance,
                  Timestamp now) {
  const auto& e = v.record;
  SD_ASSIGN_OR_RETURN(
      bool first, tx.employment().RecordPaydayAlert({e.id, v.next_payday, e.person, v.payday.needed,
                                                     v.payday.shortfall, v.payday.message, now}));
  if (!first) return false;
  SD_RETURN_IF_ERROR(StatusOf(QueueMessage(tx, PaydayNotice(e.person, {}, v), UserId{}, now)));
  std::vector<UserId> users = finance;
  if (e.organisation) users.push_back(*e.organisation);
  for (UserId u : users) {
    Notice n = PaydayNotice(PersonId{}, u, v);
    n.body += fmt::format(" (Budget {}, engagement E-{:06d}.)", v.person_ref, e.id.value());
    SD_RETURN_IF_ERROR(StatusOf(QueueMessage(tx, n, UserId{}, now)));
  }
  return true;
}

Result<std::vector<UserId>> FinanceOfficers(Transaction& tx) {
  SD_ASSIGN_OR_RETURN(auto page, tx.admin().Users({"", domain::Role::kFinanceOfficer, 1000, 0}));
  std::vector<UserId> out;
  for (const auto& u : page.users)
    if (!u.disabled) out.push_back(u.id);
  return out;
}

Result<int64_t> AlertCouncil(Transaction& tx, Timestamp now, int days_ahead) {
  const Date today = now.LondonDate();
  SD_ASSIGN_OR_RETURN(auto engagements, tx.employment().ActiveEngagements());
  SD_ASSIGN_OR_RETURN(auto finance, FinanceOfficers(tx));
  int64_t told = 0;
  for (const auto& e : engagements) {
    // An engagement that cannot be read (its PA's profile gone) is passed over, not allowed to
    // stop the alerts of every other one.
    auto l = Load(tx, e.id);
    if (!l.ok()) continue;
    auto v = BuildView(tx, Principal{}, std::move(*l), today);
    if (!v.ok()) continue;
    if (!v->payday.short_of_money || v->next_payday > today.AddDays(days_ahead)) continue;
    SD_ASSIGN_OR_RETURN(bool first, Tell(tx, *v, finance, now));
    told += first ? 1 : 0;
  }
  return told;
}

}  // namespace

Result<int64_t> EmploymentService::SendPaydayAlerts(int days_ahead) {
  int64_t told = 0;
  SD_ASSIGN_OR_RETURN(auto councils, store_.ListCouncils());
  Status first_failure = OkStatus();
  for (const Council& council : councils) {  // One council's failure does not stop the others.
    Status s = store_.Write(council.id, [&](Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(int64_t n, AlertCouncil(tx, clock_.Now(), days_ahead));
      told += n;
      return OkStatus();
    });
    if (!s.ok() && first_failure.ok()) first_failure = s;
  }
  SD_RETURN_IF_ERROR(first_failure);
  return told;
}

Result<std::vector<PaydayAlertView>> EmploymentService::PaydayAlerts(const CallContext& ctx,
                                                                     const Principal& who) {
  std::vector<PaydayAlertView> out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    if (who.user.role != domain::Role::kFinanceOfficer)
      return Error::PermissionDenied("Payday alerts are for finance officers");
    SD_ASSIGN_OR_RETURN(auto alerts, tx.employment().PaydayAlertsFrom(clock_.Now().LondonDate()));
    for (auto& a : alerts) {
      SD_ASSIGN_OR_RETURN(Loaded l, Load(tx, a.engagement));
      if (!MayRead(who, l.e, l.pa, l.person)) continue;
      out.push_back({std::move(a), domain::PersonReference(l.person.id), l.pa.profile.first_name});
    }
    return OkStatus();
  });
  // Filed under each person shown, so a subject access request finds it.
  if (!read.ok() || out.empty())
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("pa.payday_alerts.read", read),
                                       "pa_payday_alerts", "", std::to_string(out.size())));
  for (const auto& a : out)
    audit_.Record(ctx.council,
                  AuditOf(clock_, who, ctx, "pa.payday_alerts.read", "person",
                          a.alert.person.ToString(), "payday " + a.alert.payday.ToString()));
  SD_RETURN_IF_ERROR(read);
  return out;
}

}  // namespace selfdirect::app
