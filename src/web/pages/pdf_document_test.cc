// The PDF writer: a real PDF with its title; long text flows onto new pages; a new page is only
// started when the page has something on it.
#include "web/pages/pdf_document.h"

#include <gtest/gtest.h>

#include <regex>

namespace selfdirect::web {
namespace {

int PageObjects(const std::string& pdf) {
  static const std::regex page(R"(/Type\s*/Page[^s])");
  return static_cast<int>(
      std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), page), std::sregex_iterator()));
}

TEST(PdfDocument, WritesAPdfWhoseTextFlowsOntoNewPages) {
  PdfDocument doc("Letters to post");
  doc.NewPage();  // Nothing on the page yet: no blank page.
  doc.Heading("Your support has changed");
  doc.Rows({{"Reference", "SD-000123"}, {"Date", "5 December 2026"}});
  for (int i = 0; i < 120; ++i)
    doc.Paragraph("Paragraph " + std::to_string(i) +
                  ": payments at the new rate start on 30 December 2026, and the council owes "
                  "you £196.07 for the days paid at the old rate.\n\nA second paragraph.");
  const int flowed = doc.pages();
  EXPECT_GT(flowed, 3);
  doc.NewPage();
  doc.SmallPrint("The last page");
  EXPECT_EQ(doc.pages(), flowed + 1);
  const std::string pdf = doc.Finish();
  ASSERT_GT(pdf.size(), 1000u);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.find("Letters to post"), std::string::npos);  // The document's title.
  EXPECT_EQ(PageObjects(pdf), flowed + 1);
  EXPECT_NE(pdf.find("/StructTreeRoot"), std::string::npos);  // Tagged.
}

TEST(PdfDocument, PaperFormsHaveTheirHeaderOnEveryPageAndNoBlankOnes) {
  PdfDocument doc("A survey");
  doc.RunningHeader("Form reference: K7Q-4MD-2XP");
  doc.NewPage();  // Only the header on the page: no blank page.
  EXPECT_EQ(doc.pages(), 1);
  for (int i = 0; i < 40; ++i) {
    doc.KeepTogether(120);
    doc.Strong("Question " + std::to_string(i) + ": how easy or hard was it to plan the support?");
    doc.TickBoxes({"Very easy", "Quite easy", "Neither easy nor hard", "Quite hard", "Very hard"});
    doc.WritingLines(2);
  }
  const int flowed = doc.pages();
  EXPECT_GT(flowed, 3);
  doc.NewPage();
  doc.KeepTogether(10000);  // More than a page: the empty page is used, no blank page.
  doc.Paragraph("The end");
  EXPECT_EQ(doc.pages(), flowed + 1);
  const std::string pdf = doc.Finish();
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_EQ(PageObjects(pdf), flowed + 1);
}

}  // namespace
}  // namespace selfdirect::web
