#include "web/pages/pdf_document.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>

#include "base/assert.h"

namespace selfdirect::web {
namespace {

constexpr double kWidth = 595.276;   // A4 in points.
constexpr double kHeight = 841.890;  // A4 in points.
constexpr double kMargin = 62.0;     // About 22 mm.
constexpr double kContent = kWidth - 2 * kMargin;
constexpr double kLabelWidth = 170.0;
constexpr double kBox = 13.0;          // A tick box's side.
constexpr double kBoxIndent = 24.0;    // Where the label beside a tick box starts.
constexpr double kRuleSpacing = 26.0;  // Between lines to write on.

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

struct PdfDocument::State {
  std::string bytes;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  double y = kMargin;
  int pages = 1;
  bool page_empty = true;  // A running header alone leaves the page empty.
  bool finished = false;
  std::string header;
  bool header_drawn = false;  // On this page.

  void Break() {
    cairo_show_page(cr);
    y = kMargin;
    ++pages;
    page_empty = true;
    header_drawn = false;
    Header();
  }

  // A new page unless `height` fits below `y` (or the page is empty: nothing would fit better).
  void Room(double height) {
    if (y + height > kHeight - kMargin && !page_empty) Break();
  }

  void Header() {
    if (header.empty() || header_drawn) return;
    header_drawn = true;
    PangoLayout* layout = Layout(header, 12, false, kContent);
    int height = 0;
    pango_layout_get_pixel_size(layout, nullptr, &height);
    cairo_move_to(cr, kMargin, y);
    pango_cairo_show_layout(cr, layout);
    g_object_unref(layout);
    y += height + 12;
  }

  PangoLayout* Layout(std::string_view text, double points, bool bold, double width) {
    PangoLayout* layout = pango_cairo_create_layout(cr);
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, "Liberation Sans");
    pango_font_description_set_absolute_size(font, points * PANGO_SCALE);
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
    return layout;
  }

  // Draws the layout line by line at `x`, starting a new page where a line would not fit.
  void Flow(PangoLayout* layout, double x) {
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      const double height = static_cast<double>(logical.height) / PANGO_SCALE;
      const double baseline =
          static_cast<double>(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
      Room(height);
      cairo_move_to(cr, x, y + baseline);
      pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
      y += height;
      page_empty = false;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
  }

  void Block(const char* tag, std::string_view text, double points, bool bold, double after) {
    cairo_tag_begin(cr, tag, "");
    PangoLayout* layout = Layout(text, points, bold, kContent);
    Flow(layout, kMargin);
    g_object_unref(layout);
    cairo_tag_end(cr, tag);
    y += after;
  }
};

PdfDocument::PdfDocument(std::string_view title) : s_(std::make_unique<State>()) {
  s_->surface = cairo_pdf_surface_create_for_stream(Append, &s_->bytes, kWidth, kHeight);
  cairo_pdf_surface_set_metadata(s_->surface, CAIRO_PDF_METADATA_TITLE, std::string(title).c_str());
  cairo_pdf_surface_set_metadata(s_->surface, CAIRO_PDF_METADATA_CREATOR, "Selfdirect");
  s_->cr = cairo_create(s_->surface);
  cairo_set_source_rgb(s_->cr, 0.043, 0.047, 0.047);  // GOV.UK text colour #0b0c0c.
}

PdfDocument::~PdfDocument() {
  if (!s_->finished) {
    cairo_destroy(s_->cr);
    cairo_surface_destroy(s_->surface);
  }
}

void PdfDocument::Heading(std::string_view text) { s_->Block("H1", text, 18, true, 10); }
void PdfDocument::Subheading(std::string_view text) { s_->Block("H2", text, 13, true, 6); }
void PdfDocument::SmallPrint(std::string_view text) { s_->Block("P", text, 10, false, 4); }
void PdfDocument::Strong(std::string_view text) { s_->Block("P", text, 12, true, 6); }

void PdfDocument::RunningHeader(std::string_view text) {
  s_->header = std::string(text);
  if (s_->page_empty) s_->Header();
}

void PdfDocument::TickBoxes(const std::vector<std::string>& labels) {
  for (const auto& label : labels) {
    PangoLayout* layout = s_->Layout(label, 12, false, kContent - kBoxIndent);
    int height = 0;
    pango_layout_get_pixel_size(layout, nullptr, &height);
    s_->Room(std::max<double>(height, kBox + 2));
    const double top = s_->y;
    cairo_set_line_width(s_->cr, 1.0);
    cairo_rectangle(s_->cr, kMargin + 0.5, top + 1.5, kBox, kBox);
    cairo_stroke(s_->cr);
    cairo_tag_begin(s_->cr, "P", "");
    s_->Flow(layout, kMargin + kBoxIndent);
    cairo_tag_end(s_->cr, "P");
    g_object_unref(layout);
    s_->y = std::max(s_->y, top + kBox + 2) + 6;
  }
  s_->y += 4;
}

void PdfDocument::WritingLines(int lines) {
  for (int i = 0; i < lines; ++i) {
    s_->Room(kRuleSpacing);
    s_->y += kRuleSpacing;
    cairo_set_line_width(s_->cr, 0.75);
    cairo_move_to(s_->cr, kMargin, s_->y);
    cairo_line_to(s_->cr, kMargin + kContent, s_->y);
    cairo_stroke(s_->cr);
    s_->page_empty = false;
  }
  s_->y += 12;
}

void PdfDocument::KeepTogether(double points) { s_->Room(points); }

void PdfDocument::Paragraph(std::string_view text) {
  size_t start = 0;
  while (start <= text.size()) {  // A blank line ends a paragraph.
    const size_t end = text.find("\n\n", start);
    std::string_view part =
        text.substr(start, end == std::string_view::npos ? text.npos : end - start);
    if (!part.empty()) s_->Block("P", part, 12, false, 8);
    if (end == std::string_view::npos) break;
    start = end + 2;
  }
}

void PdfDocument::Rows(const std::vector<std::pair<std::string, std::string>>& rows) {
  for (const auto& [label, value] : rows) {
    PangoLayout* l = s_->Layout(label, 12, true, kLabelWidth - 8);
    PangoLayout* v = s_->Layout(value, 12, false, kContent - kLabelWidth);
    int lh = 0, vh = 0;
    pango_layout_get_pixel_size(l, nullptr, &lh);
    pango_layout_get_pixel_size(v, nullptr, &vh);
    s_->Room(std::max(lh, vh));
    const double top = s_->y;
    cairo_tag_begin(s_->cr, "P", "");
    s_->Flow(l, kMargin);
    const double after_label = s_->y;
    s_->y = top;
    s_->Flow(v, kMargin + kLabelWidth);
    cairo_tag_end(s_->cr, "P");
    s_->y = std::max(s_->y, after_label) + 4;
    g_object_unref(l);
    g_object_unref(v);
  }
  s_->y += 6;
}

void PdfDocument::Space(double points) { s_->y += points; }

void PdfDocument::NewPage() {
  if (!s_->page_empty) s_->Break();
}

int PdfDocument::pages() const { return s_->pages; }

std::string PdfDocument::Finish() {
  SD_ASSERT(!s_->finished);
  cairo_destroy(s_->cr);
  cairo_surface_finish(s_->surface);
  cairo_surface_destroy(s_->surface);
  s_->finished = true;
  return std::move(s_->bytes);
}

}  // namespace selfdirect::web
