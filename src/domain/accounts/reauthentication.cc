#include "domain/accounts/reauthentication.h"

namespace selfdirect::domain {

bool PasswordIsRecent(Timestamp entered, Timestamp now, int max_age_seconds) {
  if (max_age_seconds <= 0) return false;
  return now.micros() - entered.micros() < int64_t{max_age_seconds} * 1'000'000;
}

}  // namespace selfdirect::domain
