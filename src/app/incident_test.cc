#include "app/incident.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace selfdirect::app {
namespace {

TEST(IncidentReference, IsTwoGroupsOfFourEasilyReadSymbols) {
  const std::string allowed = "ACDEFGHJKMNPQRTWXY34679";
  std::set<char> seen;
  for (int n = 0; n < 2000; ++n) {
    const std::string ref = NewIncidentReference();
    ASSERT_EQ(ref.size(), 9u) << ref;
    EXPECT_EQ(ref[4], '-') << ref;
    for (size_t i = 0; i < ref.size(); ++i) {
      if (i == 4) continue;
      EXPECT_NE(allowed.find(ref[i]), std::string::npos) << ref;
      seen.insert(ref[i]);
    }
  }
  // 16,000 draws from 23 symbols: every symbol turns up (each is missed with odds below 1e-300).
  EXPECT_EQ(seen.size(), allowed.size());
}

TEST(IncidentReference, DiffersFromOneIncidentToTheNext) {
  std::set<std::string> refs;
  for (int n = 0; n < 10000; ++n) refs.insert(NewIncidentReference());
  // 10,000 references from 23^8 (about 7.8e10): one repeat has odds of about 1 in 1,500, so one is
  // allowed; two have odds of about 1 in 5 million.
  EXPECT_GE(refs.size(), 9999u);
}

}  // namespace
}  // namespace selfdirect::app
