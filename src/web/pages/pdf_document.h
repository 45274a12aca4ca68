// File: pdf_document.h
// A printable A4 document: headings, paragraphs, label-value rows, tick boxes and ruled lines that
// wrap and flow onto new pages, with an optional running header on every page. Drawn with cairo's
// PDF surface and Pango's text layout in Liberation Sans (metric compatible with Arial, the
// service's typeface), text at 12 point, with a title. Headings and paragraphs are written as a
// structure tree (cairo 1.16's tags), but cairo 1.16 does not mark the file as tagged (pdfinfo says
// "Tagged: no"), so a screen reader may read it as untagged text in reading order. The letters
// staff post and the surveys' paper forms are printed from it; the same words are in the person's
// notification centre as HTML. Each document is built in memory and returned whole.
//
// Example:
//   PdfDocument doc("Letters to post");
//   doc.Paragraph("Ivy Cook\n1 High Street\nWyvern Vale");
//   doc.Heading("Your support has changed");
//   doc.Paragraph(body);
//   doc.NewPage();
//   doc.Strong("How easy was it to plan your support?");
//   doc.TickBoxes({"Very easy", "Quite easy"});
//   std::string pdf = doc.Finish();
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace selfdirect::web {

class PdfDocument {
 public:
  explicit PdfDocument(std::string_view title);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  void Heading(std::string_view text);     // 18 point bold.
  void Subheading(std::string_view text);  // 13 point bold.
  // 12 point (the least the RNIB clear print guidance advises); each line break starts a new
  // line, a blank line a new paragraph.
  void Paragraph(std::string_view text);
  void SmallPrint(std::string_view text);  // 10 point, for references at the foot of a letter.
  void Strong(std::string_view text);      // 12 point bold, e.g. a question on a paper form.
  // 12 point text at the top of every page from this one on (from the next if this page has
  // something on it), e.g. a paper form's reference, so that a loose page can be matched.
  void RunningHeader(std::string_view text);
  // Each label beside an empty box to tick, one a line.
  void TickBoxes(const std::vector<std::string>& labels);
  void WritingLines(int lines);  // Ruled lines to write on, the width of the text.
  // Starts a new page unless `points` more fit on this one (keeps a question with its answers).
  void KeepTogether(double points);
  // Label and value in two columns, the label bold.
  void Rows(const std::vector<std::pair<std::string, std::string>>& rows);
  void Space(double points);
  void NewPage();  // The next block starts a new page (nothing if the page is still empty).

  int pages() const;
  // Ends the document and returns the PDF's bytes. Nothing may be added afterwards.
  std::string Finish();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace selfdirect::web
