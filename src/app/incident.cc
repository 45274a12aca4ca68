#include "app/incident.h"

#include <sodium.h>

#include <string_view>

#include "app/passwords.h"

namespace selfdirect::app {

std::string NewIncidentReference() {
  static constexpr std::string_view kSymbols = "ACDEFGHJKMNPQRTWXY34679";
  InitialiseCrypto();
  std::string out;
  out.reserve(9);
  for (int i = 0; i < 8; ++i) {
    if (i == 4) out += '-';
    out += kSymbols[randombytes_uniform(static_cast<uint32_t>(kSymbols.size()))];
  }
  return out;
}

}  // namespace selfdirect::app
