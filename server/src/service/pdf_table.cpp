#include "service/pdf_table.h"

#include <algorithm>
#include <cairo-pdf.h>
#include <memory>
#include <pango/pangocairo.h>
#include <stdexcept>

namespace chancery::service::pdf {
namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kMargin = 15 * kPointsPerMm;
constexpr double kPad = 3.0;

cairo_status_t appendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

class Renderer {
public:
  Renderer(cairo_t* cr, double width, double height) : cr_(cr), width_(width), height_(height) {}

  Layout text(const std::string& s, double widthPt, const char* font, PangoAlignment align) {
    Layout l(pango_cairo_create_layout(cr_));
    PangoFontDescription* fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l.get(), fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l.get(), static_cast<int>(widthPt * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l.get(), align);
    pango_layout_set_text(l.get(), s.c_str(), static_cast<int>(s.size()));
    return l;
  }

  static double heightOf(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  void draw(PangoLayout* l, double x, double y) {
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, l);
  }

  // Draws one row of cells at y; returns its height. header rows are bold and shaded.
  double row(const std::vector<TableColumn>& cols, const std::vector<std::string>& cells, double y,
             bool header, bool measureOnly) {
    std::vector<Layout> layouts;
    double h = 0;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      const std::string& s = i < cells.size() ? cells[i] : std::string();
      double w = cols[i].widthMm * kPointsPerMm * scale_ - 2 * kPad;
      layouts.push_back(text(s, w, header ? "Liberation Serif Bold 9" : "Liberation Serif 9",
                             header ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT));
      h = std::max(h, heightOf(layouts.back().get()));
    }
    h += 2 * kPad;
    if (measureOnly) return h;
    double x = kMargin;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      double w = cols[i].widthMm * kPointsPerMm * scale_;
      if (header) {
        cairo_set_source_rgb(cr_, 0.92, 0.92, 0.92);
        cairo_rectangle(cr_, x, y, w, h);
        cairo_fill(cr_);
      }
      cairo_set_source_rgb(cr_, 0, 0, 0);
      cairo_set_line_width(cr_, 0.5);
      cairo_rectangle(cr_, x, y, w, h);
      cairo_stroke(cr_);
      draw(layouts[i].get(), x + kPad, y + kPad);
      x += w;
    }
    return h;
  }

  void setScale(double s) { scale_ = s; }
  double width() const { return width_; }
  double height() const { return height_; }

private:
  cairo_t* cr_;
  double width_, height_;
  double scale_ = 1.0;
};

}  // namespace

std::string renderTable(const TableDocument& doc) {
  double w = 297 * kPointsPerMm, h = 210 * kPointsPerMm;
  if (!doc.landscape) std::swap(w, h);
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(appendToString, &out, w, h);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    throw std::runtime_error("cairo cannot create a PDF surface");
  }
  if (!doc.metadataTitle.empty())
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.metadataTitle.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Chancery");
  cairo_t* cr = cairo_create(surface);
  Renderer r(cr, w, h);
  double total = 0;
  for (const auto& c : doc.columns)
    total += c.widthMm * kPointsPerMm;
  r.setScale(total > 0 ? (w - 2 * kMargin) / total : 1.0);
  std::vector<std::string> headers;
  for (const auto& c : doc.columns)
    headers.push_back(c.title);

  double y = kMargin;
  int page = 1;
  auto pageNumber = [&] {
    auto l = r.text("Trang " + std::to_string(page), w - 2 * kMargin, "Liberation Serif 8",
                    PANGO_ALIGN_RIGHT);
    r.draw(l.get(), kMargin, h - kMargin / 2 - 8);
  };
  for (std::size_t i = 0; i < doc.heading.size(); ++i) {
    auto l =
        r.text(doc.heading[i], w - 2 * kMargin,
               i == 0 ? "Liberation Serif Bold 11" : "Liberation Serif 11", PANGO_ALIGN_CENTER);
    r.draw(l.get(), kMargin, y);
    y += Renderer::heightOf(l.get()) + 2;
  }
  y += 8;
  auto title = r.text(doc.title, w - 2 * kMargin, "Liberation Serif Bold 16", PANGO_ALIGN_CENTER);
  r.draw(title.get(), kMargin, y);
  y += Renderer::heightOf(title.get()) + 4;
  if (!doc.subtitle.empty()) {
    auto sub =
        r.text(doc.subtitle, w - 2 * kMargin, "Liberation Serif Italic 11", PANGO_ALIGN_CENTER);
    r.draw(sub.get(), kMargin, y);
    y += Renderer::heightOf(sub.get()) + 10;
  }
  y += r.row(doc.columns, headers, y, true, false);
  if (doc.rows.empty()) {
    auto l =
        r.text(doc.emptyText, w - 2 * kMargin, "Liberation Serif Italic 10", PANGO_ALIGN_CENTER);
    r.draw(l.get(), kMargin, y + 6);
  }
  for (const auto& cells : doc.rows) {
    double rh = r.row(doc.columns, cells, y, false, true);
    if (y + rh > h - kMargin) {
      pageNumber();
      cairo_show_page(cr);
      ++page;
      y = kMargin;
      y += r.row(doc.columns, headers, y, true, false);
    }
    y += r.row(doc.columns, cells, y, false, false);
  }
  pageNumber();
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error("cairo failed to write the PDF");
  return out;
}

}  // namespace chancery::service::pdf
