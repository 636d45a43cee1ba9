#include "appearance.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "chancery/signing/error.h"
#include "pdf_filters.h"
#include "png_image.h"
#include "sig_field.h"

namespace chancery::signing::appearance {
namespace {
using pdf::Object;
constexpr double kMm = 72.0 / 25.4;
constexpr const char* kImageBoxTag = "% chancery image-box ";

std::string num(double v) { return pdf::formatNumber(v); }

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream s(text);
  for (std::string line; std::getline(s, line);) out.push_back(line);
  return out;
}

// The page as the reader sees it: layouts are computed in display space (origin at the bottom
// left of the displayed, rotated page) and mapped back to PDF user space for the widget.
struct View {
  pdf::PageBox box;
  double width() const { return box.rotate % 180 ? box.y1 - box.y0 : box.x1 - box.x0; }
  double height() const { return box.rotate % 180 ? box.x1 - box.x0 : box.y1 - box.y0; }
  std::pair<double, double> toDisplay(double x, double y) const {
    switch (box.rotate) {
      case 90: return {y - box.y0, box.x1 - x};
      case 180: return {box.x1 - x, box.y1 - y};
      case 270: return {box.y1 - y, x - box.x0};
      default: return {x - box.x0, y - box.y0};
    }
  }
  std::pair<double, double> toUser(double x, double y) const {
    switch (box.rotate) {
      case 90: return {box.x1 - y, x + box.y0};
      case 180: return {box.x1 - x, box.y1 - y};
      case 270: return {y + box.x0, box.y1 - x};
      default: return {x + box.x0, y + box.y0};
    }
  }
  template <typename F>
  static Rect mapRect(const Rect& r, F f) {
    auto [ax, ay] = f(r.x, r.y);
    auto [bx, by] = f(r.x + r.width, r.y + r.height);
    return {std::min(ax, bx), std::min(ay, by), std::abs(bx - ax), std::abs(by - ay)};
  }
  Rect toDisplay(const Rect& r) const { return mapRect(r, [this](double x, double y) { return toDisplay(x, y); }); }
  Rect toUser(const Rect& r) const { return mapRect(r, [this](double x, double y) { return toUser(x, y); }); }
};

View viewOf(const pdf::Reader& reader, const Appearance& a) {
  return View{pdf::pageBox(reader, static_cast<std::size_t>(std::max(a.page, 1) - 1))};
}

// One appearance XObject under construction, drawn upright in display space.
struct Canvas {
  double w, h;
  int rotate = 0;  // the page's /Rotate, undone by the form's /Matrix
  std::string content;
  Object fonts = Object::dict(), xobjects = Object::dict();

  void text(font::EmbeddedFont& f, const char* res, double size, double x, double y, const std::string& s) {
    fonts.set(res, Object::ref(f.ref()));
    content += "BT 0 g /" + std::string(res) + " " + num(size) + " Tf " + num(x) + " " + num(y) + " Td " +
               f.encode(s) + " Tj ET\n";
  }
  void centred(font::EmbeddedFont& f, const char* res, double size, double y, const std::string& s) {
    text(f, res, size, (w - f.width(s, size)) / 2, y, s);
  }
  void image(const image::Image& img, const char* res, double x, double y, double iw, double ih) {
    xobjects.set(res, Object::ref(img.ref));
    content += "q " + num(iw) + " 0 0 " + num(ih) + " " + num(x) + " " + num(y) + " cm /" + res + " Do Q\n";
  }
  pdf::Ref write(pdf::IncrementalWriter& writer) {
    Object d = Object::dict();
    d.set("Type", Object::name("XObject"));
    d.set("Subtype", Object::name("Form"));
    d.set("BBox", Object::array({Object::integer(0), Object::integer(0), Object::real(w), Object::real(h)}));
    if (rotate) {  // counter-clockwise by the page rotation, so the viewer's turn makes it upright
      double c = rotate == 180 ? -1 : 0, sn = rotate == 90 ? 1 : rotate == 270 ? -1 : 0;
      d.set("Matrix", Object::array({Object::real(c), Object::real(sn), Object::real(-sn), Object::real(c),
                                     Object::integer(0), Object::integer(0)}));
    }
    Object res = Object::dict();
    if (!fonts.keys().empty()) res.set("Font", fonts);
    if (!xobjects.keys().empty()) res.set("XObject", xobjects);
    d.set("Resources", std::move(res));
    return writer.add(Object::stream(std::move(d), content));
  }
};

Rect required(const Appearance& a) {
  if (!a.rect || a.rect->width <= 0 || a.rect->height <= 0)
    throw SigningError(ErrorCode::InvalidArgument, "this appearance needs a rectangle (--rect)");
  return *a.rect;
}

// Decree 30 appendix I: position title on top, the handwritten signature in the middle, the
// full name at the bottom, all centred.
Placement signerImage(const View& view, pdf::IncrementalWriter& w, font::FontSet& fonts, const Appearance& a) {
  Rect user = required(a);
  Rect r = view.toDisplay(user);
  font::EmbeddedFont& bold = fonts.get(a.boldFontPath.empty() ? font::defaultFont(true) : a.boldFontPath);
  double size = a.fontSize > 0 ? a.fontSize : 13;
  double line = size * 1.25;
  Canvas c{r.width, r.height, view.box.rotate, {}};
  std::vector<std::string> title = lines(a.position);
  double y = r.height - line;
  for (const std::string& t : title) {
    c.centred(bold, "F1", size, y + (line - size) / 2, t);
    y -= line;
  }
  double bandTop = r.height - line * static_cast<double>(title.size()) - 2;
  double bandBottom = a.name.empty() ? 2 : line + 2;
  if (!a.name.empty()) c.centred(bold, "F1", size, (line - size) / 2 + 2, a.name);
  if (!a.imagePng.empty() && bandTop > bandBottom) {
    image::Image img = image::addPng(w, a.imagePng);
    double bw = r.width - 4, bh = bandTop - bandBottom;
    double scale = std::min(bw / img.width, bh / img.height);
    double iw = img.width * scale, ih = img.height * scale;
    double ix = (r.width - iw) / 2, iy = bandBottom + (bh - ih) / 2;
    // Remembered (in user space) so that a later seal can find the image (see imageBoxOf).
    Rect box = view.toUser(Rect{r.x + ix, r.y + iy, iw, ih});
    c.content = kImageBoxTag + num(box.x) + " " + num(box.y) + " " + num(box.width) + " " + num(box.height) +
                "\n" + c.content;
    c.image(img, "Im1", ix, iy, iw, ih);
  }
  return {user, c.write(w)};
}

// The image box of an earlier signature field, from our tag, else the middle of its widget.
Rect imageBoxOf(const pdf::Reader& reader, const std::string& field) {
  Object acro = reader.resolve(*reader.catalog().get("AcroForm"));
  Object fields = reader.resolve(*acro.get("Fields"));
  for (const Object& ref : fields.items()) {
    Object f = reader.resolve(ref);
    const Object* t = f.get("T");
    if (!t || pdf::textToUtf8(t->text()) != field) continue;
    Object rectObj = reader.resolve(*f.get("Rect"));
    Rect rect{rectObj.items().at(0).asReal(), rectObj.items().at(1).asReal(),
              rectObj.items().at(2).asReal() - rectObj.items().at(0).asReal(),
              rectObj.items().at(3).asReal() - rectObj.items().at(1).asReal()};
    if (const Object* ap = f.get("AP")) {
      Object n = reader.resolve(*reader.resolve(*ap).get("N"));
      if (n.is(pdf::Type::Stream)) {
        std::string content = pdf::decodeStream(n);
        if (content.rfind(kImageBoxTag, 0) == 0) {
          std::stringstream s(content.substr(std::string(kImageBoxTag).size()));
          Rect box;
          if (s >> box.x >> box.y >> box.width >> box.height) return box;
        }
      }
    }
    return {rect.x, rect.y + rect.height / 4, rect.width, rect.height / 2};
  }
  throw SigningError(ErrorCode::FieldNotFound, "no signature field named " + field);
}

Placement seal(const pdf::Reader& reader, const View& view, pdf::IncrementalWriter& w, const Appearance& a) {
  if (a.imagePng.empty()) throw SigningError(ErrorCode::InvalidArgument, "a seal needs its PNG image");
  image::Image img = image::addPng(w, a.imagePng);
  double sw = 0, sh = 0;
  if (a.sealDiameterMm > 0) {
    sw = a.sealDiameterMm * kMm;
    sh = sw * img.height / img.width;
  } else if (img.dpiX > 0 && img.dpiY > 0) {
    sw = img.width / img.dpiX * 72;
    sh = img.height / img.dpiY * 72;
  } else {
    sw = 36 * kMm;
    sh = sw * img.height / img.width;
  }
  Rect r;  // display space
  if (a.rect) {
    r = view.toDisplay(*a.rect);
  } else if (!a.sealOverField.empty()) {
    Rect box = view.toDisplay(imageBoxOf(reader, a.sealOverField));
    // Right edge at a third of the signature image, centred on it vertically.
    r = {box.x + box.width / 3 - sw, box.y + box.height / 2 - sh / 2, sw, sh};
  } else {
    throw SigningError(ErrorCode::InvalidArgument, "a seal needs a rectangle or sealOverField");
  }
  Canvas c{r.width, r.height, view.box.rotate, {}};
  double scale = std::min(r.width / sw, r.height / sh);
  c.image(img, "Im1", (r.width - sw * scale) / 2, (r.height - sh * scale) / 2, sw * scale, sh * scale);
  return {view.toUser(r), c.write(w)};
}

// Text-only organisation signature at the top right of the page (Decree 30 appendix I, for
// attachments and copies): organisation, document number, ISO 8601 signing time.
Placement organisationText(const View& view, pdf::IncrementalWriter& w, font::FontSet& fonts,
                           const SignOptions& o, X509* signer, std::chrono::system_clock::time_point when) {
  const Appearance& a = o.appearance;
  font::EmbeddedFont& regular = fonts.get(a.fontPath.empty() ? font::defaultFont(false) : a.fontPath);
  double size = a.fontSize > 0 ? a.fontSize : 10;
  std::vector<std::string> text;
  text.push_back(a.name.empty() ? ossl::commonName(signer) : a.name);
  if (!a.documentNumber.empty()) text.push_back(a.documentNumber);
  text.push_back("Thời gian ký: " + iso8601(when, o.utcOffsetMinutes));
  double width = 0;
  for (auto& t : text) width = std::max(width, regular.width(t, size));
  double line = size * 1.1;
  Rect r;  // display space
  if (a.rect) {
    r = view.toDisplay(*a.rect);
  } else {
    double h = line * static_cast<double>(text.size()) + 4;
    // Inside the top margin (Decree 30: 20-25 mm) so the block never covers the heading.
    r = {view.width() - 15 * kMm - (width + 4), view.height() - 4 * kMm - h, width + 4, h};
  }
  Canvas c{r.width, r.height, view.box.rotate, {}};
  double y = r.height - 2 - line;
  for (auto& t : text) {
    c.text(regular, "F1", size, 2, y + (line - size) / 2 + 1, t);
    y -= line;
  }
  return {view.toUser(r), c.write(w)};
}
}  // namespace

Placement build(const pdf::Reader& reader, pdf::IncrementalWriter& writer, font::FontSet& fonts,
                const SignOptions& options, X509* signer,
                std::chrono::system_clock::time_point signingTime) {
  const Appearance& a = options.appearance;
  if (a.page < 1 || static_cast<std::size_t>(a.page) > reader.pageCount())
    throw SigningError(ErrorCode::InvalidArgument, "page " + std::to_string(a.page) + " does not exist");
  View view = viewOf(reader, a);
  switch (a.kind) {
    case AppearanceKind::SignerImage: return signerImage(view, writer, fonts, a);
    case AppearanceKind::Seal: return seal(reader, view, writer, a);
    case AppearanceKind::OrganisationText:
      return organisationText(view, writer, fonts, options, signer, signingTime);
    case AppearanceKind::Invisible: break;
  }
  // PDF/A and PAdES checkers expect even an invisible widget to carry an appearance.
  Canvas empty{0, 0, 0, {}};
  return {Rect{}, empty.write(writer)};
}

}  // namespace chancery::signing::appearance
