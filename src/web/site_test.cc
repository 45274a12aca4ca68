// In-process tests of the whole web application on a temporary SQLite database: routing, roles,
// CSRF, sessions, tenancy, error shapes and the OpenAPI document.
#include "web/site.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <boost/json.hpp>
#include <optional>
#include <sstream>

#include "app/demo.h"
#include "app/test_store.h"
#include "base/limits.h"

namespace selfdirect::web {
namespace {

namespace json = boost::json;

// Sends the server's log lines to `out` while it lives.
class LogCapture {
 public:
  explicit LogCapture(std::ostringstream& out) : previous_(spdlog::default_logger()) {
    spdlog::set_default_logger(std::make_shared<spdlog::logger>(
        "test", std::make_shared<spdlog::sinks::ostream_sink_mt>(out)));
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

 private:
  std::shared_ptr<spdlog::logger> previous_;
};

// The log line that names incident reference `ref` ("" when none does).
std::string LogLineOf(const std::string& log, const std::string& ref) {
  const size_t at = log.find("\"incident\":\"" + ref + "\"");
  if (at == std::string::npos) return "";
  const size_t start = log.rfind('\n', at) + 1;  // npos + 1 is 0: the first line.
  return log.substr(start, log.find('\n', at) - start);
}

class SiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app::DemoOptions options;
    options.people = 60;
    auto demo = app::CreateDemoCouncil(db_.store(), clock_, options);
    ASSERT_TRUE(demo.ok()) << demo.error().message;
    for (const auto& u : demo->users) passwords_[std::string(domain::RoleName(u.role))] = u;
    council_ = *db_.store().FindCouncil("demo");
    site_ =
        std::make_unique<Site>(SiteOptions{*council_, false}, db_.store(), clock_, StaticFiles());
  }

  Response Call(Method method, const std::string& target, const std::string& body = "",
                std::map<std::string, std::string> headers = {}) {
    Request r;
    r.method = method;
    EXPECT_TRUE(ParseTarget(target, r)) << target;
    r.headers = std::move(headers);
    r.cookies = ParseCookies(r.Header("cookie"));
    r.body = body;
    r.client_address = "127.0.0.1";
    return site_->Handle(r);
  }

  // Signs in through the JSON API; returns {cookie header, csrf token}.
  std::pair<std::string, std::string> SignIn(const std::string& role) {
    const auto& u = passwords_.at(role);
    Response r = Call(Method::kPost, "/api/v1/sessions",
                      json::serialize(json::object{{"email", u.email}, {"password", u.password}}),
                      {{"content-type", "application/json"}});
    EXPECT_EQ(r.status, 201) << r.body;
    std::string cookie = r.GetHeader("Set-Cookie");
    cookie = cookie.substr(0, cookie.find(';'));
    std::string csrf(json::parse(r.body).at("csrf_token").as_string());
    return {cookie, csrf};
  }

  app::testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-11-22T09:00:00Z")};
  std::map<std::string, app::DemoUser> passwords_;
  std::optional<app::Council> council_;
  std::unique_ptr<Site> site_;
};

TEST_F(SiteTest, PublicPagesRenderWithGovukMarkupAndNoCrown) {
  for (const char* path : {"/", "/accessibility", "/sign-in"}) {
    Response r = Call(Method::kGet, path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_NE(r.body.find("govuk-template"), std::string::npos) << path;
    EXPECT_NE(r.body.find("Wyvern Vale Council"), std::string::npos) << path;
    EXPECT_NE(r.body.find("govuk-skip-link"), std::string::npos) << path;
    EXPECT_NE(r.body.find("govuk-phase-banner"), std::string::npos) << path;
    EXPECT_EQ(r.body.find("crown"), std::string::npos) << path;
    EXPECT_EQ(r.body.find("<script>"), std::string::npos) << path;  // No inline script (CSP).
    EXPECT_FALSE(r.GetHeader("Content-Security-Policy").empty()) << path;
  }
}

TEST_F(SiteTest, UnknownRoutesAndWrongMethodsAreClear4xx) {
  Response page = Call(Method::kGet, "/no-such-page");
  EXPECT_EQ(page.status, 404);
  EXPECT_NE(page.body.find("Page not found"), std::string::npos);
  Response api = Call(Method::kGet, "/api/v1/no-such-thing");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(json::parse(api.body).at("error").at("code"), "not_found");
  Response wrong = Call(Method::kPut, "/api/v1/people");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.GetHeader("Allow"), "GET, POST");
  EXPECT_EQ(Call(Method::kDelete, "/sign-in").status, 405);
}

TEST_F(SiteTest, SignedOutCallersAreSentToSignInOrGet401) {
  Response page = Call(Method::kGet, "/people");
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.GetHeader("Location"), "/sign-in?next=/people");
  Response api = Call(Method::kGet, "/api/v1/people");
  EXPECT_EQ(api.status, 401);
  Response forged =
      Call(Method::kGet, "/people", "", {{"cookie", "sd_session=not-a-real-session"}});
  EXPECT_EQ(forged.status, 303);
  EXPECT_NE(forged.GetHeader("Set-Cookie").find("Max-Age=0"), std::string::npos);
}

TEST_F(SiteTest, ExpiredSessionsGetAClear401Page) {
  auto [cookie, csrf] = SignIn("practitioner");
  clock_.AdvanceSeconds(limits::kSessionIdleSeconds + 1);
  Response page = Call(Method::kGet, "/people", "", {{"cookie", cookie}});
  EXPECT_EQ(page.status, 401);
  EXPECT_NE(page.body.find("You have been signed out"), std::string::npos);
  auto [cookie2, csrf2] = SignIn("practitioner");
  clock_.AdvanceSeconds(limits::kSessionIdleSeconds + 1);
  Response api = Call(Method::kGet, "/api/v1/me", "", {{"cookie", cookie2}});
  EXPECT_EQ(api.status, 401);
  EXPECT_NE(api.body.find("session has ended"), std::string::npos);
}

TEST_F(SiteTest, RolesAreEnforcedPerRoute) {
  auto [analyst, a_csrf] = SignIn("analyst");
  EXPECT_EQ(Call(Method::kGet, "/people", "", {{"cookie", analyst}}).status, 403);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/people", "", {{"cookie", analyst}}).status, 403);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/people/1", "", {{"cookie", analyst}}).status, 403);
  EXPECT_EQ(Call(Method::kGet, "/home", "", {{"cookie", analyst}}).status, 200);
  auto [holder, h_csrf] = SignIn("budget_holder");
  EXPECT_EQ(Call(Method::kGet, "/people", "", {{"cookie", holder}}).status, 403);
  EXPECT_EQ(Call(Method::kGet, "/my", "", {{"cookie", holder}}).status, 200);
}

TEST_F(SiteTest, BudgetHoldersAndCarersSeeOnlyTheirPeople) {
  auto [holder, h_csrf] = SignIn("budget_holder");
  auto me = json::parse(Call(Method::kGet, "/api/v1/me", "", {{"cookie", holder}}).body);
  int64_t own = me.at("person_id").as_int64();
  EXPECT_EQ(
      Call(Method::kGet, "/api/v1/people/" + std::to_string(own), "", {{"cookie", holder}}).status,
      200);
  int64_t other = own == 1 ? 2 : 1;
  EXPECT_EQ(Call(Method::kGet, "/api/v1/people/" + std::to_string(other), "", {{"cookie", holder}})
                .status,
            404);
  EXPECT_EQ(Call(Method::kGet, "/people/" + std::to_string(other), "", {{"cookie", holder}}).status,
            404);

  auto [carer, c_csrf] = SignIn("representative");
  auto carer_me = json::parse(Call(Method::kGet, "/api/v1/me", "", {{"cookie", carer}}).body);
  auto represented = carer_me.at("represented_people").as_array();
  ASSERT_FALSE(represented.empty());
  EXPECT_EQ(Call(Method::kGet, "/api/v1/people/" + std::to_string(represented[0].as_int64()), "",
                 {{"cookie", carer}})
                .status,
            200);
  EXPECT_EQ(
      Call(Method::kGet, "/api/v1/people/" + std::to_string(own), "", {{"cookie", carer}}).status,
      404);
}

TEST_F(SiteTest, PractitionersSeeOnlyTheirTeamAndNothingOfAnotherCouncil) {
  auto [worker, csrf] = SignIn("practitioner");
  auto page = json::parse(
      Call(Method::kGet, "/api/v1/people?page_size=100", "", {{"cookie", worker}}).body);
  int64_t team = json::parse(Call(Method::kGet, "/api/v1/me", "", {{"cookie", worker}}).body)
                     .at("team_id")
                     .as_int64();
  std::set<int64_t> visible;
  for (const auto& p : page.at("items").as_array()) {
    EXPECT_EQ(p.at("team_id").as_int64(), team);
    visible.insert(p.at("id").as_int64());
  }
  int refused = 0;
  for (int64_t id = 1; id <= 60; ++id) {
    if (visible.count(id)) continue;
    EXPECT_EQ(
        Call(Method::kGet, "/api/v1/people/" + std::to_string(id), "", {{"cookie", worker}}).status,
        404);
    ++refused;
  }
  EXPECT_GT(refused, 0);
  // A person of another council is invisible even to its id.
  auto other =
      *db_.store().UpsertCouncil("elsewhere", "Elsewhere Council", app::CouncilKind::kLive);
  PersonId foreign;
  ASSERT_TRUE(db_.store()
                  .Write(other,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(TeamId t, tx.teams().Insert("Team"));
                           domain::PersonDetails d;
                           d.given_name = "Foreign";
                           d.family_name = "Person";
                           d.date_of_birth = *Date::Parse("1960-01-01");
                           SD_ASSIGN_OR_RETURN(foreign, tx.people().Insert(d, t, clock_.Now()));
                           return OkStatus();
                         })
                  .ok());
  EXPECT_EQ(
      Call(Method::kGet, "/api/v1/people/" + foreign.ToString(), "", {{"cookie", worker}}).status,
      404);
  auto [admin, admin_csrf] = SignIn("administrator");
  EXPECT_EQ(
      Call(Method::kGet, "/api/v1/people/" + foreign.ToString(), "", {{"cookie", admin}}).status,
      404);
}

TEST_F(SiteTest, WritesNeedTheCsrfTokenAndBadInputChangesNothing) {
  auto [worker, csrf] = SignIn("practitioner");
  auto count = [&worker = worker, this] {
    return json::parse(
               Call(Method::kGet, "/api/v1/people?page_size=1", "", {{"cookie", worker}}).body)
        .at("total")
        .as_int64();
  };
  int64_t before = count();
  std::string person =
      R"({"given_name":"Ada","family_name":"Byron","date_of_birth":"1950-12-10","primary_support_reason":"physical_support"})";
  std::map<std::string, std::string> h{{"cookie", worker}, {"content-type", "application/json"}};
  EXPECT_EQ(Call(Method::kPost, "/api/v1/people", person, h).status, 403);  // No CSRF header.
  h["x-csrf-token"] = "wrong";
  EXPECT_EQ(Call(Method::kPost, "/api/v1/people", person, h).status, 403);
  h["x-csrf-token"] = csrf;
  Response malformed = Call(Method::kPost, "/api/v1/people", "{not json", h);
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(json::parse(malformed.body).at("error").at("code"), "bad_request");
  Response invalid = Call(
      Method::kPost, "/api/v1/people",
      R"({"given_name":"","family_name":"X","date_of_birth":"2999-01-01","primary_support_reason":"x","shoe_size":"9"})",
      h);
  EXPECT_EQ(invalid.status, 422);
  EXPECT_TRUE(json::parse(invalid.body).at("error").at("fields").as_object().contains("shoe_size"));
  Response wrong_type =
      Call(Method::kPost, "/api/v1/people", person,
           {{"cookie", worker}, {"content-type", "text/plain"}, {"x-csrf-token", csrf}});
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_EQ(count(), before);
  Response created = Call(Method::kPost, "/api/v1/people", person, h);
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(count(), before + 1);
  // The page form needs the token too.
  Response form = Call(Method::kPost, "/people/new", "given_name=A&family_name=B",
                       {{"cookie", worker}, {"content-type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form.status, 403);
  EXPECT_NE(form.body.find("This form has expired"), std::string::npos);
  EXPECT_EQ(count(), before + 1);
}

TEST_F(SiteTest, AFormWithNulOrInvalidUtf8IsABadRequestNotAnExpiredForm) {
  auto [worker, csrf] = SignIn("practitioner");
  std::map<std::string, std::string> h{{"cookie", worker},
                                       {"content-type", "application/x-www-form-urlencoded"}};
  for (const char* bad : {"%00", "%C3%28", "%FF"}) {
    Response r = Call(Method::kPost, "/people/new",
                      "csrf_token=" + csrf + "&given_name=A" + bad + "&family_name=B", h);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_NE(r.body.find("This form could not be read"), std::string::npos) << bad;
    EXPECT_EQ(r.body.find("This form has expired"), std::string::npos) << bad;
  }
  // Signing in is answered the same way.
  Response r = Call(Method::kPost, "/sign-in", "email=a%00b&password=x",
                    {{"content-type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(r.status, 400);
}

TEST_F(SiteTest, TheAddPersonFormShowsGovukErrorsThenCreates) {
  auto [worker, csrf] = SignIn("practitioner");
  std::map<std::string, std::string> h{{"cookie", worker},
                                       {"content-type", "application/x-www-form-urlencoded"}};
  Response bad = Call(Method::kPost, "/people/new",
                      "csrf_token=" + csrf +
                          "&given_name=&family_name=Khan&date_of_birth-day=31&date_of_birth-month="
                          "2&date_of_birth-year=1950",
                      h);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("<title>Error: Add a person"), std::string::npos);
  EXPECT_NE(bad.body.find("There is a problem"), std::string::npos);
  EXPECT_NE(bad.body.find("href=\"#given_name\""), std::string::npos);
  EXPECT_NE(bad.body.find("Date of birth must be a real date"), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"Khan\""), std::string::npos);  // What was typed is kept.
  Response ok = Call(Method::kPost, "/people/new",
                     "csrf_token=" + csrf +
                         "&given_name=Aisha&family_name=Khan&date_of_birth-day=2&date_of_birth-"
                         "month=5&date_of_birth-year=1948&postcode=hr4+9zz&primary_support_reason="
                         "physical_support&budget_management=direct_payment",
                     h);
  ASSERT_EQ(ok.status, 303);
  Response page = Call(Method::kGet, ok.GetHeader("Location"), "", {{"cookie", worker}});
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Aisha Khan has been added"), std::string::npos);
  EXPECT_NE(page.body.find("HR4 9ZZ"), std::string::npos);
  EXPECT_NE(page.body.find("1948-05-02"), std::string::npos);
}

TEST_F(SiteTest, SignInPageFormChecksItsTokenAndRedirectsOnlyLocally) {
  Response form = Call(Method::kGet, "/sign-in?next=/people");
  std::string set_cookie = form.GetHeader("Set-Cookie");
  ASSERT_NE(set_cookie.find("sd_signin="), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  std::string token = set_cookie.substr(10, 43);
  const auto& u = passwords_.at("practitioner");
  std::string body =
      "csrf_token=" + token + "&next=%2Fpeople&email=" + u.email + "&password=" + u.password;
  Response forged = Call(Method::kPost, "/sign-in", body, {{"cookie", "sd_signin=other"}});
  EXPECT_EQ(forged.status, 403);
  Response wrong = Call(Method::kPost, "/sign-in",
                        "csrf_token=" + token + "&email=" + u.email + "&password=nope",
                        {{"cookie", "sd_signin=" + token}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.body.find("Enter a correct email address and password"), std::string::npos);
  Response ok = Call(Method::kPost, "/sign-in", body, {{"cookie", "sd_signin=" + token}});
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(ok.GetHeader("Location"), "/people");
  Response evil = Call(Method::kPost, "/sign-in",
                       "csrf_token=" + token + "&next=%2F%2Fevil.example&email=" + u.email +
                           "&password=" + u.password,
                       {{"cookie", "sd_signin=" + token}});
  EXPECT_EQ(evil.GetHeader("Location"), "/people");  // The practitioner's home, not //evil.example.
}

TEST_F(SiteTest, EveryJsonRouteIsInTheOpenApiDocument) {
  Response r = Call(Method::kGet, "/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = json::parse(r.body);
  EXPECT_EQ(doc.at("openapi"), "3.1.0");
  const auto& paths = doc.at("paths").as_object();
  for (auto [path, method] :
       std::vector<std::pair<std::string, std::string>>{{"/healthz", "get"},
                                                        {"/api/v1/openapi.json", "get"},
                                                        {"/api/v1/sessions", "post"},
                                                        {"/api/v1/sessions/current", "delete"},
                                                        {"/api/v1/me", "get"},
                                                        {"/api/v1/people", "get"},
                                                        {"/api/v1/people", "post"},
                                                        {"/api/v1/people/{id}", "get"}}) {
    ASSERT_TRUE(paths.contains(path)) << path;
    EXPECT_TRUE(paths.at(path).as_object().contains(method)) << method << " " << path;
  }
  // Every schema reference resolves.
  const auto& schemas = doc.at("components").at("schemas").as_object();
  std::function<void(const json::value&)> walk = [&](const json::value& v) {
    if (v.is_object()) {
      for (const auto& [k, child] : v.as_object()) {
        if (k == "$ref") {
          std::string ref(child.as_string());
          EXPECT_TRUE(schemas.contains(ref.substr(ref.rfind('/') + 1))) << ref;
        }
        walk(child);
      }
    } else if (v.is_array()) {
      for (const auto& child : v.as_array()) walk(child);
    }
  };
  walk(doc);
}

TEST_F(SiteTest, PagingOutOfRangeIsAClearError) {
  auto [worker, csrf] = SignIn("practitioner");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/people?page=0", "", {{"cookie", worker}}).status, 422);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/people?page_size=101", "", {{"cookie", worker}}).status,
            422);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/people?page=abc", "", {{"cookie", worker}}).status, 422);
  EXPECT_EQ(Call(Method::kGet, "/people?page=9999", "", {{"cookie", worker}}).status, 404);
  EXPECT_EQ(
      Call(Method::kGet, "/people?q=" + std::string(150, 'a'), "", {{"cookie", worker}}).status,
      422);
}

TEST(IsoDateFromParts, PadsAndKeepsBadInputVisible) {
  EXPECT_EQ(IsoDateFromParts({"2", "5", "1948"}), "1948-05-02");
  EXPECT_EQ(IsoDateFromParts({"", "", ""}), "");
  EXPECT_FALSE(Date::Parse(IsoDateFromParts({"x", "5", "1948"})).ok());
}

// A representative acting for two people is asked whose plan a directory service goes in; the
// line keeps the service's own price.
TEST_F(SiteTest, AddToPlanAsksWhosePlanAndKeepsTheEntrysPrice) {
  PersonId second;
  ASSERT_TRUE(db_.store()
                  .Write(council_->id,
                         [&](app::Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(
                               auto rep,
                               tx.users().FindByEmail(passwords_.at("representative").email));
                           SD_ASSIGN_OR_RETURN(auto mine, tx.users().RepresentedPeople(rep->id));
                           for (int64_t id = 1; !second.valid(); ++id)
                             if (std::find(mine.begin(), mine.end(), PersonId{id}) == mine.end())
                               second = PersonId{id};
                           return tx.users().AddRepresentation(rep->id, second, "friend");
                         })
                  .ok());
  auto [cookie, csrf] = SignIn("representative");
  Response search =
      Call(Method::kGet, "/directory?search=walking%20football", "", {{"cookie", cookie}});
  const size_t at = search.body.find("href=\"/directory/services/");
  ASSERT_NE(at, std::string::npos);
  const size_t from = at + std::string("href=\"/directory/services/").size();
  const std::string id = search.body.substr(from, search.body.find_first_of("\"?", from) - from);
  Response page = Call(Method::kGet, "/directory/services/" + id, "", {{"cookie", cookie}});
  EXPECT_NE(page.body.find("Whose support plan?"), std::string::npos);
  EXPECT_NE(page.body.find("£3.00 a session"), std::string::npos);  // Reads once.
  std::map<std::string, std::string> h{{"cookie", cookie},
                                       {"content-type", "application/x-www-form-urlencoded"}};
  Response none =
      Call(Method::kPost, "/directory/services/" + id + "/add-to-plan", "csrf_token=" + csrf, h);
  EXPECT_EQ(none.status, 422);
  EXPECT_NE(none.body.find("Choose whose support plan to add it to"), std::string::npos);
  Response added = Call(Method::kPost, "/directory/services/" + id + "/add-to-plan",
                        "csrf_token=" + csrf + "&person=" + second.ToString(), h);
  ASSERT_EQ(added.status, 303) << added.body;
  const std::string plan = added.GetHeader("Location").substr(7);
  Response json = Call(Method::kGet, "/api/v1/plans/" + plan.substr(0, plan.find('/')), "",
                       {{"cookie", cookie}});
  ASSERT_EQ(json.status, 200) << json.body;
  auto v = json::parse(json.body);
  EXPECT_EQ(v.at("person_id").as_string(), second.ToString());
  const auto& lines = v.at("content").at("lines").as_array();
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back().at("unit_cost").as_string(), "3.00");
}

// Every role's home page lists the work waiting for it and what it can do, and never says that
// its part is being built.
TEST_F(SiteTest, EveryRolesHomePageListsItsWork) {
  const std::map<std::string, std::string> waiting{
      {"approver", "waiting for a decision"},
      {"finance_officer", "waiting for evidence or a decision"},
      {"directory_editor", "due to be checked"},
      {"practitioner", "open in your team"}};
  for (const auto& [role, user] : passwords_) {
    auto [cookie, csrf] = SignIn(role);
    Response home = Call(Method::kGet, "/home", "", {{"cookie", cookie}});
    ASSERT_EQ(home.status, 200) << role;
    EXPECT_EQ(home.body.find("being built"), std::string::npos) << role;
    EXPECT_NE(home.body.find("id=\"what-you-can-do\""), std::string::npos) << role;
    if (auto it = waiting.find(role); it != waiting.end()) {
      EXPECT_NE(home.body.find("id=\"work-waiting\""), std::string::npos) << role;
      EXPECT_NE(home.body.find(it->second), std::string::npos) << role;
    }
  }
}

// The notes that a figure is derived or unverified are for staff: never on the public calculator.
TEST_F(SiteTest, ThePublicCalculatorShowsFiguresWithoutStaffNotes) {
  const std::string body =
      "assessment_date-day=4&assessment_date-month=5&assessment_date-year=2026&age=30&"
      "household=single&income_type_0=esa&income_weekly_0=232.55&weekly_cost_of_care=300.00&"
      "capital=0";
  Response r = Call(Method::kPost, "/what-will-i-pay", body,
                    {{"content-type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 2000);
  EXPECT_NE(r.body.find("Minimum Income Guarantee basic amount"), std::string::npos);
  EXPECT_EQ(r.body.find("derived figure"), std::string::npos);
  EXPECT_EQ(r.body.find("unverified figure"), std::string::npos);
}

// A page with errors says "Error: " once at the start of its title.
TEST_F(SiteTest, AnErrorPageTitleSaysErrorOnce) {
  auto [cookie, csrf] = SignIn("finance_officer");
  Response r = Call(Method::kGet, "/charging/reassessment?on-day=31&on-month=2&on-year=2026", "",
                    {{"cookie", cookie}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("<title>Error: Yearly re-assessment"), std::string::npos);
  EXPECT_EQ(r.body.find("Error: Error:"), std::string::npos);
}

// A failure the person cannot put right (here, a table gone from under the service) is answered
// with a generic message and an incident reference, never the cause; the log line that has the
// cause has the same reference, for support staff to find (ASVS 7.4.1).
TEST_F(SiteTest, AFailureShowsAnIncidentReferenceThatIsInTheLog) {
  auto [holder, csrf] = SignIn("budget_holder");
  const int64_t own = json::parse(Call(Method::kGet, "/api/v1/me", "", {{"cookie", holder}}).body)
                          .at("person_id")
                          .as_int64();
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db_.path().c_str(), &raw), SQLITE_OK);
  sqlite3_busy_timeout(raw, 5000);
  ASSERT_EQ(
      sqlite3_exec(raw, "ALTER TABLE people RENAME TO people_gone", nullptr, nullptr, nullptr),
      SQLITE_OK)
      << sqlite3_errmsg(raw);

  std::ostringstream log;
  std::optional<LogCapture> capture(std::in_place, log);
  Response api =
      Call(Method::kGet, "/api/v1/people/" + std::to_string(own), "", {{"cookie", holder}});
  Response page = Call(Method::kGet, "/people/" + std::to_string(own), "", {{"cookie", holder}});
  capture.reset();
  sqlite3_exec(raw, "ALTER TABLE people_gone RENAME TO people", nullptr, nullptr, nullptr);
  sqlite3_close(raw);

  ASSERT_EQ(api.status, 500) << api.body;
  const auto error = json::parse(api.body).at("error").as_object();
  EXPECT_EQ(error.at("code").as_string(), "internal");
  EXPECT_EQ(error.at("message").as_string(), "Something went wrong. Try again later.");
  const std::string incident(error.at("incident").as_string());
  ASSERT_EQ(incident.size(), 9u) << incident;
  EXPECT_EQ(page.status, 500);
  const size_t said = page.body.find("give them this reference:");
  ASSERT_NE(said, std::string::npos) << page.body;
  const std::string bold = "govuk-!-font-weight-bold\">";
  const size_t at = page.body.find(bold, said);
  ASSERT_NE(at, std::string::npos) << page.body;
  const std::string page_incident = page.body.substr(at + bold.size(), 9);
  EXPECT_NE(page_incident, incident) << "each failure has its own reference";
  for (const Response* r : {&api, &page}) {
    EXPECT_EQ(r->body.find("no such table"), std::string::npos) << "no cause shown: " << r->body;
    EXPECT_EQ(r->body.find("SQL"), std::string::npos) << r->body;
    EXPECT_FALSE(r->GetHeader("Content-Security-Policy").empty());
  }
  const std::string logged = log.str();
  for (const std::string& ref : {incident, page_incident}) {
    const std::string line = LogLineOf(logged, ref);
    ASSERT_FALSE(line.empty()) << ref << " not in " << logged;
    EXPECT_NE(line.find("no such table: people"), std::string::npos)
        << "the reference's own line keeps the cause: " << line;
  }
}

// The database busy past its wait (here another connection holds SQLite's write lock) is a 503
// with an incident reference; what SQLite said stays in the log.
TEST_F(SiteTest, ABusyDatabaseIsA503WithAnIncidentReferenceAndNoCause) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db_.path().c_str(), &raw), SQLITE_OK);
  sqlite3_busy_timeout(raw, 5000);  // The fixture's own writes may still hold the lock.
  ASSERT_EQ(sqlite3_exec(raw, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(raw);
  std::ostringstream log;
  std::optional<LogCapture> capture(std::in_place, log);
  const auto& u = passwords_.at("practitioner");
  Response r = Call(Method::kPost, "/api/v1/sessions",
                    json::serialize(json::object{{"email", u.email}, {"password", u.password}}),
                    {{"content-type", "application/json"}});
  capture.reset();
  sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(raw);

  ASSERT_EQ(r.status, 503) << r.body;
  const auto error = json::parse(r.body).at("error").as_object();
  EXPECT_EQ(error.at("code").as_string(), "unavailable");
  EXPECT_EQ(error.at("message").as_string(),
            "The service is not available just now. Try again in a minute.");
  EXPECT_EQ(r.body.find("locked"), std::string::npos) << r.body;
  const std::string incident(error.at("incident").as_string());
  const std::string logged = log.str();
  const std::string line = LogLineOf(logged, incident);
  ASSERT_FALSE(line.empty()) << incident << " not in " << logged;
  EXPECT_NE(line.find("locked"), std::string::npos) << line;
}

// "Back to search" on a service page keeps the search the person came from, and only that.
TEST_F(SiteTest, BackToSearchKeepsTheSearch) {
  Response search = Call(Method::kGet, "/directory?search=walking%20football");
  const std::string marker = "href=\"/directory/services/";
  const size_t at = search.body.find(marker);
  ASSERT_NE(at, std::string::npos);
  const size_t from = at + std::string("href=\"").size();
  const std::string link = search.body.substr(from, search.body.find('"', from) - from);
  EXPECT_NE(link.find("?back=/directory%3Fsearch%3Dwalking%2520football"), std::string::npos)
      << link;
  Response page = Call(Method::kGet, link);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("href=\"/directory?search=walking%20football&amp;\">Back to search"),
            std::string::npos);
  const std::string id = link.substr(20, link.find('?') - 20);  // After "/directory/services/".
  Response hostile = Call(Method::kGet, "/directory/services/" + id + "?back=//evil.example");
  EXPECT_NE(hostile.body.find("href=\"/directory\">Back to search"), std::string::npos);
}

// A postcode the directory does not know exactly, in a district it knows, is searched from the
// district's centre, and the page says so; an unknown district is still a clear error.
TEST_F(SiteTest, AnUnknownPostcodeInAKnownDistrictSearchesFromTheDistrictsCentre) {
  Response near = Call(Method::kGet, "/directory?postcode=HR4%209ZZ&miles=10");
  EXPECT_EQ(near.status, 200);
  EXPECT_NE(near.body.find("We do not know the postcode HR4 9ZZ exactly, so distances are from "
                           "the centre of HR4."),
            std::string::npos);
  Response nowhere = Call(Method::kGet, "/directory?postcode=ZZ9%209ZZ&miles=10");
  EXPECT_EQ(nowhere.status, 422);
  EXPECT_NE(nowhere.body.find("We do not know the postcode ZZ9 9ZZ"), std::string::npos);
}

}  // namespace
}  // namespace selfdirect::web
