#include "web/http/router.h"

#include <gtest/gtest.h>

namespace selfdirect::web {
namespace {

std::vector<std::string> Segs(const std::string& path) {
  Request r;
  EXPECT_TRUE(ParseTarget(path, r));
  return r.segments;
}

TEST(Router, MatchesLiteralsAndParameters) {
  Router<std::string> router;
  router.Add(Method::kGet, "/people", "list");
  router.Add(Method::kGet, "/people/new", "new");
  router.Add(Method::kGet, "/people/{id}", "one");
  router.Add(Method::kPost, "/people/new", "create");
  auto m = router.Find(Method::kGet, Segs("/people/42"));
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(*m.route, "one");
  EXPECT_EQ(m.params.at("id"), "42");
  EXPECT_EQ(*router.Find(Method::kGet, Segs("/people/new")).route, "new");
  EXPECT_EQ(*router.Find(Method::kPost, Segs("/people/new")).route, "create");
  EXPECT_EQ(*router.Find(Method::kHead, Segs("/people")).route, "list");
}

TEST(Router, ReportsAllowedMethodsOrNothing) {
  Router<std::string> router;
  router.Add(Method::kGet, "/people", "list");
  router.Add(Method::kPost, "/people", "create");
  auto wrong = router.Find(Method::kDelete, Segs("/people"));
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_EQ(wrong.allowed, (std::vector<Method>{Method::kGet, Method::kPost}));
  auto missing = router.Find(Method::kGet, Segs("/nowhere"));
  EXPECT_EQ(missing.route, nullptr);
  EXPECT_TRUE(missing.allowed.empty());
  EXPECT_EQ(router.Find(Method::kGet, Segs("/people/1/2")).route, nullptr);
}

}  // namespace
}  // namespace selfdirect::web
