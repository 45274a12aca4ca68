#include "web/pages/mustache.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace selfdirect::web {
namespace {

namespace json = boost::json;

std::string Render(std::string_view tmpl, const json::value& data,
                   const PartialMap& partials = {}) {
  auto t = MustacheTemplate::Compile(tmpl);
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
  std::string out;
  if (t.ok()) t->Render(data, partials, out);
  return out;
}

TEST(Mustache, EscapesVariablesAndLeavesTripleBracesRaw) {
  json::object d{{"name", "<Ada & \"Bo\" 'Cy'>"}, {"html", "<b>x</b>"}, {"n", 42}};
  EXPECT_EQ(Render("{{name}}|{{{html}}}|{{&html}}|{{n}}|{{missing}}", d),
            "&lt;Ada &amp; &quot;Bo&quot; &#39;Cy&#39;&gt;|<b>x</b>|<b>x</b>|42|");
}

TEST(Mustache, SectionsIterateListsAndPushObjects) {
  json::object d{
      {"people", json::array{json::object{{"name", "Ada"}}, json::object{{"name", "Bo"}}}},
      {"user", json::object{{"name", "Cy"}}},
      {"title", "T"},
      {"words", json::array{"a", "b"}}};
  EXPECT_EQ(Render("{{#people}}[{{name}} of {{title}}]{{/people}}", d), "[Ada of T][Bo of T]");
  EXPECT_EQ(Render("{{#user}}{{name}}{{/user}}", d), "Cy");
  EXPECT_EQ(Render("{{user.name}}", d), "Cy");
  EXPECT_EQ(Render("{{#words}}{{.}},{{/words}}", d), "a,b,");
}

TEST(Mustache, FalsyValuesHideSectionsAndShowInvertedOnes) {
  json::object d{
      {"f", false}, {"t", true}, {"empty", ""}, {"none", nullptr}, {"list", json::array{}},
      {"s", "x"}};
  EXPECT_EQ(Render("{{#f}}F{{/f}}{{#t}}T{{/t}}{{#empty}}E{{/empty}}{{#none}}N{{/none}}{{#list}}L{{/"
                   "list}}{{#s}}S{{/s}}{{#missing}}M{{/missing}}",
                   d),
            "TS");
  EXPECT_EQ(Render("{{^f}}f{{/f}}{{^t}}t{{/t}}{{^empty}}e{{/empty}}{{^list}}l{{/"
                   "list}}{{^missing}}m{{/missing}}",
                   d),
            "felm");
}

TEST(Mustache, PartialsRenderInTheCurrentContext) {
  PartialMap partials;
  partials.emplace("item", *MustacheTemplate::Compile("<{{name}}/{{title}}>"));
  json::object d{{"title", "T"}, {"people", json::array{json::object{{"name", "Ada"}}}}};
  EXPECT_EQ(Render("{{#people}}{{> item}}{{/people}}{{> unknown}}", d, partials), "<Ada/T>");
}

TEST(Mustache, CommentsAndTextPassThrough) {
  EXPECT_EQ(Render("a{{! ignored }}b { c } d", json::object{}), "ab { c } d");
}

TEST(Mustache, RefusesBrokenTemplates) {
  EXPECT_FALSE(MustacheTemplate::Compile("{{#a}}x").ok());
  EXPECT_FALSE(MustacheTemplate::Compile("{{#a}}x{{/b}}").ok());
  EXPECT_FALSE(MustacheTemplate::Compile("{{/a}}").ok());
  EXPECT_FALSE(MustacheTemplate::Compile("{{a").ok());
  EXPECT_FALSE(MustacheTemplate::Compile("{{}}").ok());
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "{{#a}}";
  EXPECT_FALSE(MustacheTemplate::Compile(deep).ok());
}

}  // namespace
}  // namespace selfdirect::web
