#include "domain/people/postcode.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

TEST(Postcode, NormalisesEveryOutwardShape) {
  EXPECT_EQ(*NormalisePostcode("m1 1ae"), "M1 1AE");        // A9
  EXPECT_EQ(*NormalisePostcode("B338TH"), "B33 8TH");       // A99
  EXPECT_EQ(*NormalisePostcode("cr2 6xh"), "CR2 6XH");      // AA9
  EXPECT_EQ(*NormalisePostcode("DN55 1PT"), "DN55 1PT");    // AA99
  EXPECT_EQ(*NormalisePostcode("w1a 0ax"), "W1A 0AX");      // A9A
  EXPECT_EQ(*NormalisePostcode("  ec1a1bb "), "EC1A 1BB");  // AA9A
  EXPECT_EQ(*NormalisePostcode("HR4 9ZZ"), "HR4 9ZZ");
}

TEST(Postcode, RefusesWhatCannotBeAPostcode) {
  for (const char* bad : {"", "HR4", "HR4 9Z", "HR4 9CZ", "1R4 9ZZ", "HR4 ZZ9", "HR44A 9ZZ",
                          "HR4-9ZZ", "not a postcode"}) {
    auto r = NormalisePostcode(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.error().message, "Enter a real postcode, like AA1 1AA");
    }
  }
}

}  // namespace
}  // namespace selfdirect::domain
