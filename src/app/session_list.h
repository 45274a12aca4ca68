// File: session_list.h
// Where a person is signed in (OWASP ASVS 4.0 V3.3.4): the sessions open on their own account,
// with when and from where each was opened, and ending any one of them or all but this one. The
// web layer asks for the password to have been entered recently before either ending
// (web/route.cc, RecentPasswordRoutes). Each list and each ending is audited.
//
// Thread-safety: safe to call from many threads.
#pragma once

#include <string>
#include <vector>

#include "app/auth.h"

namespace selfdirect::app {

// A session as its owner sees it.
struct OpenSession {
  // Names the session in a form: derived from the token's hash, so it is neither the token nor
  // the hash kept at rest, and it means nothing to another account.
  std::string handle;
  bool current = false;  // The session the request came with.
  Timestamp signed_in_at;
  Timestamp last_used_at;
  std::string client_address;  // "" for a session opened before this was recorded.
  std::string device;          // "Chrome on Windows" (domain/accounts/user_agent.h).
};

// The handle of the session whose token hashes to `token_hash`.
std::string SessionHandle(const std::string& token_hash);

class SessionListService {
 public:
  SessionListService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // The sessions open on `who`'s account, this one first, then the most recently used. Ended
  // ones (idle or past their end) are not listed. Audited as "session.list".
  Result<std::vector<OpenSession>> List(CouncilId council, const Principal& who,
                                        const std::string& client_address);
  // Ends the session named by `handle`. kNotFound when no open session of `who`'s has that
  // handle (another account's, or one that has ended); kInvalidArgument for the session this
  // request came with (signing out ends that). Audited as "session.end": the browser, address
  // and sign-in time of the session ended, or why it was refused.
  Status End(CouncilId council, const Principal& who, const std::string& handle,
             const std::string& client_address);
  // Ends every session of `who`'s but this one; how many were open. Audited as
  // "session.end_others".
  Result<int64_t> EndOthers(CouncilId council, const Principal& who,
                            const std::string& client_address);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace selfdirect::app
