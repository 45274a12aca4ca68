#include "app/session_list.h"

#include <algorithm>

#include "app/passwords.h"
#include "domain/accounts/user_agent.h"

namespace selfdirect::app {
namespace {

Status Audit(Transaction& tx, const Principal& who, Timestamp now, const std::string& action,
             const std::string& detail, const std::string& client_address) {
  return tx.audit().Append(
      AuditEntry{now, who.user.id, action, "user", who.user.id.ToString(), detail, client_address});
}

}  // namespace

std::string SessionHandle(const std::string& token_hash) {
  return TokenHash("session handle:" + token_hash).substr(0, 32);
}

Result<std::vector<OpenSession>> SessionListService::List(CouncilId council, const Principal& who,
                                                          const std::string& client_address) {
  const Timestamp now = clock_.Now();
  std::vector<OpenSession> out;
  SD_RETURN_IF_ERROR(store_.Write(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto sessions, tx.sessions().ListForUser(who.user.id));
    out.clear();
    for (const SessionRecord& s : sessions) {
      if (!SessionIsOpen(s, now)) continue;
      out.push_back(OpenSession{SessionHandle(s.token_hash), s.token_hash == who.session.token_hash,
                                s.created_at, s.last_seen_at, s.client_address,
                                domain::DescribeUserAgent(s.user_agent)});
    }
    return Audit(tx, who, now, "session.list", std::to_string(out.size()) + " open",
                 client_address);
  }));
  // This one first; the rest stay most recently used first.
  std::stable_partition(out.begin(), out.end(), [](const OpenSession& s) { return s.current; });
  return out;
}

Status SessionListService::End(CouncilId council, const Principal& who, const std::string& handle,
                               const std::string& client_address) {
  const Timestamp now = clock_.Now();
  if (handle == SessionHandle(who.session.token_hash)) {
    SD_RETURN_IF_ERROR(store_.Write(council, [&](Transaction& tx) {
      return Audit(tx, who, now, "session.end", "refused: this session", client_address);
    }));
    return Error::InvalidArgument("To sign out of this device, use Sign out");
  }
  std::string ended;  // What was ended, for the audit trail.
  SD_RETURN_IF_ERROR(store_.Write(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto sessions, tx.sessions().ListForUser(who.user.id));
    for (const SessionRecord& s : sessions) {
      if (!SessionIsOpen(s, now) || SessionHandle(s.token_hash) != handle) continue;
      SD_RETURN_IF_ERROR(tx.sessions().Delete(s.token_hash));
      ended = "ended: " + domain::DescribeUserAgent(s.user_agent) + ", " +
              (s.client_address.empty() ? "address not recorded" : s.client_address) +
              ", signed in " + s.created_at.ToString();
    }
    return Audit(tx, who, now, "session.end", ended.empty() ? "refused: no such session" : ended,
                 client_address);
  }));
  if (ended.empty()) return Error::NotFound("That session has already ended");
  return OkStatus();
}

Result<int64_t> SessionListService::EndOthers(CouncilId council, const Principal& who,
                                              const std::string& client_address) {
  const Timestamp now = clock_.Now();
  int64_t ended = 0;
  SD_RETURN_IF_ERROR(store_.Write(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto sessions, tx.sessions().ListForUser(who.user.id));
    ended = 0;
    for (const SessionRecord& s : sessions) {
      if (s.token_hash == who.session.token_hash) continue;
      SD_RETURN_IF_ERROR(tx.sessions().Delete(s.token_hash));
      ended += SessionIsOpen(s, now) ? 1 : 0;
    }
    return Audit(tx, who, now, "session.end_others", std::to_string(ended) + " ended",
                 client_address);
  }));
  return ended;
}

}  // namespace selfdirect::app
