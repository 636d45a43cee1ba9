#include "app/demo_keys.h"

#include "chancery/signing/demo_pki.h"
#include "service/pdf_tools.h"
#include "util/crypto.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <cmath>
#include <fstream>
#include <map>
#include <mutex>
#include <pango/pangocairo.h>

namespace chancery::app {
namespace {

namespace fs = std::filesystem;

void writeSecret(const fs::path& p, const std::string& bytes) {
  {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << bytes;
    if (!out) throw std::runtime_error("cannot write " + p.string());
  }
  fs::permissions(p, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
}

void text(cairo_t* cr, const std::string& s, const char* font, double x, double y, double width,
          PangoAlignment align) {
  PangoLayout* l = pango_cairo_create_layout(cr);
  PangoFontDescription* fd = pango_font_description_from_string(font);
  pango_layout_set_font_description(l, fd);
  pango_font_description_free(fd);
  pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(l, PANGO_WRAP_WORD);
  pango_layout_set_alignment(l, align);
  pango_layout_set_text(l, s.c_str(), static_cast<int>(s.size()));
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, l);
  g_object_unref(l);
}

void writePng(cairo_surface_t* s, const fs::path& p) {
  if (cairo_surface_write_to_png(s, p.string().c_str()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cannot write " + p.string());
}

// A red round seal with the organisation's initials and a star (a demo look-alike, no emblem).
void drawSeal(const fs::path& p) {
  const int size = 300;
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgba(cr, 0.82, 0.05, 0.05, 0.85);
  cairo_set_line_width(cr, 9);
  cairo_arc(cr, size / 2.0, size / 2.0, size / 2.0 - 8, 0, 2 * M_PI);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 3);
  cairo_arc(cr, size / 2.0, size / 2.0, size / 2.0 - 50, 0, 2 * M_PI);
  cairo_stroke(cr);
  for (int i = 0; i < 5; ++i) {
    double a = -M_PI / 2 + i * 4 * M_PI / 5;
    double x = size / 2.0 + 38 * std::cos(a), y = size / 2.0 + 38 * std::sin(a);
    if (i == 0)
      cairo_move_to(cr, x, y);
    else
      cairo_line_to(cr, x, y);
  }
  cairo_close_path(cr);
  cairo_fill(cr);
  text(cr, "VĂN PHÒNG · BẮC AN", "Liberation Sans Bold 17", 40, 26, size - 80, PANGO_ALIGN_CENTER);
  text(cr, "MẪU TRÌNH DIỄN", "Liberation Sans Bold 15", 40, size - 58, size - 80,
       PANGO_ALIGN_CENTER);
  cairo_destroy(cr);
  writePng(s, p);
  cairo_surface_destroy(s);
}

// A handwritten-looking stroke, on a transparent background.
void drawSignature(const fs::path& p) {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 360, 140);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 0.05, 0.1, 0.55);
  cairo_set_line_width(cr, 5);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to(cr, 20, 100);
  cairo_curve_to(cr, 60, 10, 90, 130, 130, 60);
  cairo_curve_to(cr, 160, 10, 190, 120, 230, 70);
  cairo_curve_to(cr, 260, 40, 300, 110, 340, 50);
  cairo_stroke(cr);
  cairo_move_to(cr, 60, 115);
  cairo_line_to(cr, 300, 105);
  cairo_stroke(cr);
  cairo_destroy(cr);
  writePng(s, p);
  cairo_surface_destroy(s);
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

bool ensureDemoKeys(const fs::path& dir, const std::string& leaderUsername,
                    const std::string& leaderName, const std::string& organisation) {
  if (fs::exists(dir / "organisation.p12")) return false;
  fs::create_directories(dir / "trust");
  // RSA key generation is the slow part; a process that makes several demo instances (the
  // tests) makes the throwaway authority once.
  static std::mutex mutex;
  static std::map<std::string, std::pair<std::string, signing::DemoPki>> made;
  std::string password;
  signing::DemoPki pki;
  {
    std::lock_guard lock(mutex);
    auto& entry = made[leaderName + "\n" + organisation];
    if (entry.first.empty()) {
      entry.first = util::randomToken(18);
      entry.second = signing::makeDemoPki(
          "Chancery Demo CA (chỉ để trình diễn)",
          {{leaderName, organisation}, {organisation, organisation}}, entry.first, 3650);
    }
    password = entry.first;
    pki = entry.second;
  }
  writeSecret(dir / (leaderUsername + ".p12"), pki.users.at(0).pkcs12);
  writeSecret(dir / (leaderUsername + ".password"), password + "\n");
  writeSecret(dir / "organisation.p12", pki.users.at(1).pkcs12);
  writeSecret(dir / "organisation.password", password + "\n");
  std::ofstream(dir / "trust" / "demo-root.pem") << pki.rootCertificatePem;
  drawSignature(dir / (leaderUsername + ".png"));
  drawSeal(dir / "organisation-seal.png");
  return true;
}

std::string demoDecisionPdf(const std::string& organisation, const std::string& subject,
                            const std::string& body) {
  const double w = 595.28, h = 841.89;
  std::string page;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(append, &page, w, h);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 0, 0, 0);
  text(cr, organisation, "Liberation Serif Bold 11", 34, 56, 210, PANGO_ALIGN_CENTER);
  text(cr, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Liberation Serif Bold 11", 248, 56, 340,
       PANGO_ALIGN_CENTER);
  text(cr, "Độc lập - Tự do - Hạnh phúc", "Liberation Serif Bold 12", 248, 74, 340,
       PANGO_ALIGN_CENTER);
  text(cr, "Số:", "Liberation Serif 13", 60, 112, 40,
       PANGO_ALIGN_LEFT);  // the number goes in the field
  text(cr, "QUYẾT ĐỊNH", "Liberation Serif Bold 14", 50, 170, w - 100, PANGO_ALIGN_CENTER);
  text(cr, subject, "Liberation Serif Bold 13", 90, 192, w - 180, PANGO_ALIGN_CENTER);
  text(cr, body, "Liberation Serif 13", 85, 260, w - 150, PANGO_ALIGN_LEFT);
  text(cr, "Văn bản mẫu phục vụ trình diễn – không có giá trị pháp lý", "Liberation Serif Italic 8",
       50, h - 30, w - 100, PANGO_ALIGN_CENTER);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);

  return service::pdf::addTextFields(
      page, {{"so_ky_hieu", 88, h - 127, 170, 17}, {"ngay_ban_hanh", 300, h - 127, 250, 17}});
}

}  // namespace chancery::app
