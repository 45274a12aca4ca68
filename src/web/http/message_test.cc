#include "web/http/message.h"

#include <gtest/gtest.h>

namespace selfdirect::web {
namespace {

TEST(ParseTarget, DecodesPathSegmentsAndQuery) {
  Request r;
  ASSERT_TRUE(ParseTarget("/people/42?q=mary+smith&page=2&x=%C2%A3", r));
  EXPECT_EQ(r.path, "/people/42");
  EXPECT_EQ(r.segments, (std::vector<std::string>{"people", "42"}));
  EXPECT_EQ(r.Query("q"), "mary smith");
  EXPECT_EQ(r.Query("page"), "2");
  EXPECT_EQ(r.Query("x"), "\xC2\xA3");
  EXPECT_EQ(r.Query("missing"), "");
}

TEST(ParseTarget, TrailingSlashNamesTheSamePage) {
  Request r;
  ASSERT_TRUE(ParseTarget("/people/", r));
  EXPECT_EQ(r.segments, (std::vector<std::string>{"people"}));
  ASSERT_TRUE(ParseTarget("/", r));
  EXPECT_TRUE(r.segments.empty());
}

TEST(ParseTarget, RefusesTraversalBadEscapesAndControlCharacters) {
  Request r;
  EXPECT_FALSE(ParseTarget("/static/../etc/passwd", r));
  EXPECT_FALSE(ParseTarget("/static/%2e%2e/etc/passwd", r));
  EXPECT_FALSE(ParseTarget("/people?q=%zz", r));
  EXPECT_FALSE(ParseTarget("/people?q=%4", r));
  EXPECT_FALSE(ParseTarget("/people?q=%00", r));
  EXPECT_FALSE(ParseTarget("/people?q=%C3", r));  // Truncated UTF-8.
  EXPECT_FALSE(ParseTarget("http://elsewhere.example/", r));
}

TEST(Form, DecodesUrlEncodedBodies) {
  Request r;
  r.body = "email=a%40b.org&password=p+w%26&empty=&flag";
  auto form = r.Form();
  ASSERT_TRUE(form.has_value());
  EXPECT_EQ(form->find("email")->second, "a@b.org");
  EXPECT_EQ(form->find("password")->second, "p w&");
  EXPECT_EQ(form->find("empty")->second, "");
  EXPECT_EQ(form->count("flag"), 1u);
  r.body = "a=%G1";
  EXPECT_FALSE(r.Form().has_value());
}

TEST(Form, CheckboxesGiveEveryValueInOrder) {
  Request r;
  r.body = "days=TU&name=x&days=MO&days=TU";
  auto form = r.Form();
  ASSERT_TRUE(form.has_value());
  EXPECT_EQ(FormValues(*form, "days"), (std::vector<std::string>{"TU", "MO", "TU"}));
  EXPECT_EQ(FormValue(*form, "days"), "TU");
  EXPECT_TRUE(FormValues(*form, "none").empty());
}

// As Chromium sends a form with a token and two files (one from a folder path, one empty).
TEST(MultipartForm, ReadsFieldsAndFilesAsBrowsersSendThem) {
  const std::string type = "multipart/form-data; boundary=----WebKitFormBoundaryAbC123";
  const std::string body =
      "------WebKitFormBoundaryAbC123\r\n"
      "Content-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
      "tok\r\n"
      "------WebKitFormBoundaryAbC123\r\n"
      "Content-Disposition: form-data; name=\"files\"; filename=\"C:\\\\feeds\\\\services.csv\"\r\n"
      "Content-Type: text/csv\r\n\r\n"
      "id,name\r\n1,Lunch club\r\n"
      "------WebKitFormBoundaryAbC123\r\n"
      "Content-Disposition: form-data; name=\"files\"; filename=\"say %22hello%22.json\"\r\n"
      "Content-Type: application/json\r\n\r\n"
      "\r\n"
      "------WebKitFormBoundaryAbC123--\r\n";
  auto parts = ParseMultipartForm(type, body);
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ((*parts)[0].name, "csrf_token");
  EXPECT_FALSE((*parts)[0].filename.has_value());
  EXPECT_EQ((*parts)[0].data, "tok");
  EXPECT_EQ((*parts)[0].content_type, "text/plain");
  EXPECT_EQ((*parts)[1].filename, "services.csv");
  EXPECT_EQ((*parts)[1].content_type, "text/csv");
  // The line break before a boundary belongs to the boundary.
  EXPECT_EQ((*parts)[1].data, "id,name\r\n1,Lunch club");
  EXPECT_EQ((*parts)[2].filename, "say %22hello%22.json");
  EXPECT_EQ((*parts)[2].data, "");

  // Form() gives the fields, not the files, so the anti-forgery check reads the token.
  Request r;
  r.headers["content-type"] = type;
  r.body = body;
  auto form = r.Form();
  ASSERT_TRUE(form.has_value());
  EXPECT_EQ(FormValue(*form, "csrf_token"), "tok");
  EXPECT_EQ(form->count("files"), 0u);
}

TEST(MultipartForm, IsKnownByItsTypeInAnyCapitals) {
  EXPECT_TRUE(IsMultipartForm("Multipart/Form-Data; boundary=x"));
  EXPECT_TRUE(IsMultipartForm("multipart/form-data"));
  EXPECT_FALSE(IsMultipartForm("multipart/mixed; boundary=x"));
  EXPECT_FALSE(IsMultipartForm("application/x-www-form-urlencoded"));
  EXPECT_FALSE(IsMultipartForm(""));
}

TEST(MultipartForm, RefusesMalformedBodiesAndTooManyParts) {
  const std::string type = "multipart/form-data; boundary=\"b\"";
  auto part = [](const std::string& name) {
    return "--b\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\nv\r\n";
  };
  EXPECT_TRUE(ParseMultipartForm(type, part("a") + "--b--").has_value());
  EXPECT_FALSE(ParseMultipartForm("multipart/form-data", part("a") + "--b--").has_value());
  EXPECT_FALSE(ParseMultipartForm("application/json; boundary=b", part("a") + "--b--"));
  EXPECT_FALSE(ParseMultipartForm(type, part("a")).has_value());  // No closing boundary.
  EXPECT_FALSE(ParseMultipartForm(type, "--b\r\nContent-Disposition: form-data\r\n\r\nv\r\n--b--"));
  EXPECT_FALSE(ParseMultipartForm(type, "--b\r\nno colon here\r\n\r\nv\r\n--b--"));
  EXPECT_FALSE(ParseMultipartForm(type, "nothing like a form"));
  EXPECT_FALSE(ParseMultipartForm(type, part("a") + part("b") + part("c") + "--b--", 2));
  Request r;
  r.headers["content-type"] = type;
  r.body = part("a");
  EXPECT_FALSE(r.Form().has_value());
}

TEST(Cookies, ParseNameValuePairs) {
  auto c = ParseCookies("sd_session=abc; theme=dark ;broken; =x");
  EXPECT_EQ(c.at("sd_session"), "abc");
  EXPECT_EQ(c.at("theme"), "dark");
  EXPECT_EQ(c.count("broken"), 0u);
  EXPECT_EQ(CookieHeader("a", "b", 0, true, "Strict"),
            "a=b; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure");
}

TEST(JsonError, HasTheOneErrorShape) {
  Response r = JsonError(422, "invalid_argument", "Check", {{"q", "Too long"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.GetHeader("content-type"), "application/json");
  EXPECT_EQ(r.body,
            R"({"error":{"code":"invalid_argument","message":"Check","fields":{"q":"Too long"}}})");
}

TEST(SecurityHeaders, ForbidFramingSniffingAndInlineScript) {
  Response r;
  AddSecurityHeaders(r);
  EXPECT_NE(r.GetHeader("Content-Security-Policy").find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_NE(r.GetHeader("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(r.GetHeader("Content-Security-Policy").find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(r.GetHeader("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.GetHeader("Referrer-Policy"), "same-origin");
}

TEST(SecurityHeaders, NoStoreUnlessChosenApiAsAttachmentAndHstsOnlyBehindHttps) {
  Response page = Response::Text(404, "Not found");
  AddSecurityHeaders(page);
  EXPECT_EQ(page.GetHeader("Cache-Control"), "no-store");
  EXPECT_EQ(page.GetHeader("Strict-Transport-Security"), "");
  EXPECT_EQ(page.GetHeader("Content-Disposition"), "");
  Response asset = Response::Text(200, "body{}");
  asset.SetHeader("Cache-Control", "public, max-age=3600");
  AddSecurityHeaders(asset, /*strict_transport_security=*/true);
  EXPECT_EQ(asset.GetHeader("Cache-Control"), "public, max-age=3600");
  EXPECT_EQ(asset.GetHeader("Strict-Transport-Security"), "max-age=31536000; includeSubDomains");
  Response api = JsonError(429, "too_many_requests", "Wait");
  AddSecurityHeaders(api);
  EXPECT_EQ(api.GetHeader("Content-Disposition"), "attachment; filename=\"api.json\"");
  Response download = Response::Json(200, boost::json::object{});
  download.SetHeader("Content-Disposition", "attachment; filename=\"plan.json\"");
  AddSecurityHeaders(download);
  EXPECT_EQ(download.GetHeader("Content-Disposition"), "attachment; filename=\"plan.json\"");
  // Adding them twice changes nothing (a handler's response and the server both may).
  const auto before = api.headers;
  AddSecurityHeaders(api);
  EXPECT_EQ(api.headers, before);
}

TEST(PercentEncode, KeepsPathCharactersAndEscapesTheRest) {
  EXPECT_EQ(PercentEncode("/people/42"), "/people/42");
  EXPECT_EQ(PercentEncode("a b&c"), "a%20b%26c");
}

TEST(ClientAddress, TrustsForwardedForOnlyFromAConfiguredProxy) {
  const std::vector<std::string> proxies{"10.0.0.5"};
  // Straight from a client: the header is the client's own words, ignored.
  EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.1", proxies), "203.0.113.9");
  EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.1", {}), "203.0.113.9");
  // Through the proxy: the rightmost address the proxy added.
  EXPECT_EQ(ClientAddress("10.0.0.5", "198.51.100.1", proxies), "198.51.100.1");
  EXPECT_EQ(ClientAddress("10.0.0.5", "1.2.3.4, 198.51.100.1", proxies), "198.51.100.1");
  EXPECT_EQ(ClientAddress("10.0.0.5", "198.51.100.1, 10.0.0.5", proxies), "198.51.100.1");
  EXPECT_EQ(ClientAddress("10.0.0.5", "2001:db8::1", proxies), "2001:db8::1");
  // No header, or not an address: the proxy's own.
  EXPECT_EQ(ClientAddress("10.0.0.5", "", proxies), "10.0.0.5");
  EXPECT_EQ(ClientAddress("10.0.0.5", "evil\n, 198.51.100.1", proxies), "198.51.100.1");
  EXPECT_EQ(ClientAddress("10.0.0.5", "<script>", proxies), "10.0.0.5");
}

TEST(IsSameOriginPath, AcceptsOnlyPathsThatStayOnThisSite) {
  EXPECT_TRUE(IsSameOriginPath("/people/42?page=2"));
  EXPECT_TRUE(IsSameOriginPath("/plans/7#decision"));
  // Browsers strip tabs and newlines and read '\\' as '/': each of these reaches another site.
  EXPECT_FALSE(IsSameOriginPath("/\t/evil.example"));
  EXPECT_FALSE(IsSameOriginPath("/\n/evil.example"));
  EXPECT_FALSE(IsSameOriginPath("/\r/evil.example"));
  EXPECT_FALSE(IsSameOriginPath("//evil.example"));
  EXPECT_FALSE(IsSameOriginPath("/\\evil.example"));
  EXPECT_FALSE(IsSameOriginPath("/x\\/evil.example"));
  EXPECT_FALSE(IsSameOriginPath(" /people"));
  EXPECT_FALSE(IsSameOriginPath("https://evil.example/"));
  EXPECT_FALSE(IsSameOriginPath("javascript:alert(1)"));
  EXPECT_FALSE(IsSameOriginPath(std::string("/\0/evil.example", 16)));
  EXPECT_FALSE(IsSameOriginPath("/caf\xc3\xa9"));
  EXPECT_FALSE(IsSameOriginPath(""));
  EXPECT_FALSE(IsSameOriginPath("/" + std::string(200, 'a')));
}

TEST(LogTarget, LeavesOutTokensAndEscapesWhatAClientSent) {
  const std::string link = "/invitations/" + std::string(43, 'a');  // A one-time link's token.
  EXPECT_EQ(LogTarget(link + "?x=1"), "/invitations/-?x=1");
  EXPECT_EQ(LogTarget("/people/1/money/imports?csrf_token=secret&y=2"),
            "/people/1/money/imports?csrf_token=-&y=2");
  EXPECT_EQ(LogTarget("/a\"b\\c\n"), "/a\\\"b\\\\c\\u000a");
  EXPECT_EQ(LogTarget("/" + std::string(300, 'x')).size(), 200u);
  EXPECT_EQ(LogEscape("it's \"odd\""), "it's \\\"odd\\\"");
}

}  // namespace
}  // namespace selfdirect::web
