#include "appearance.h"

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

// One appearance XObject under construction.
struct Canvas {
  double w, h;
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
Placement signerImage(pdf::IncrementalWriter& w, font::FontSet& fonts, const Appearance& a) {
  Rect r = required(a);
  font::EmbeddedFont& bold = fonts.get(a.boldFontPath.empty() ? font::defaultFont(true) : a.boldFontPath);
  double size = a.fontSize > 0 ? a.fontSize : 13;
  double line = size * 1.25;
  Canvas c{r.width, r.height, {}};
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
    // Remembered in the stream so that a later seal can find the image (see sealRect).
    c.content = kImageBoxTag + num(r.x + ix) + " " + num(r.y + iy) + " " + num(iw) + " " + num(ih) + "\n" + c.content;
    c.image(img, "Im1", ix, iy, iw, ih);
  }
  return {r, c.write(w)};
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

Placement seal(const pdf::Reader& reader, pdf::IncrementalWriter& w, const Appearance& a) {
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
  Rect r;
  if (a.rect) {
    r = *a.rect;
  } else if (!a.sealOverField.empty()) {
    Rect box = imageBoxOf(reader, a.sealOverField);
    // Right edge at a third of the signature image, centred on it vertically.
    r = {box.x + box.width / 3 - sw, box.y + box.height / 2 - sh / 2, sw, sh};
  } else {
    throw SigningError(ErrorCode::InvalidArgument, "a seal needs a rectangle or sealOverField");
  }
  Canvas c{r.width, r.height, {}};
  double scale = std::min(r.width / sw, r.height / sh);
  c.image(img, "Im1", (r.width - sw * scale) / 2, (r.height - sh * scale) / 2, sw * scale, sh * scale);
  return {r, c.write(w)};
}

// Text-only organisation signature at the top right of the page (Decree 30 appendix I, for
// attachments and copies): organisation, document number, ISO 8601 signing time.
Placement organisationText(const pdf::Reader& reader, pdf::IncrementalWriter& w, font::FontSet& fonts,
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
  Rect r;
  if (a.rect) {
    r = *a.rect;
  } else {
    pdf::PageBox box = pdf::pageBox(reader, static_cast<std::size_t>(std::max(a.page, 1) - 1));
    double h = line * static_cast<double>(text.size()) + 4;
    // Inside the top margin (Decree 30: 20-25 mm) so the block never covers the heading.
    r = {box.x1 - 15 * kMm - (width + 4), box.y1 - 4 * kMm - h, width + 4, h};
  }
  Canvas c{r.width, r.height, {}};
  double y = r.height - 2 - line;
  for (auto& t : text) {
    c.text(regular, "F1", size, 2, y + (line - size) / 2 + 1, t);
    y -= line;
  }
  return {r, c.write(w)};
}
}  // namespace

Placement build(const pdf::Reader& reader, pdf::IncrementalWriter& writer, font::FontSet& fonts,
                const SignOptions& options, X509* signer,
                std::chrono::system_clock::time_point signingTime) {
  const Appearance& a = options.appearance;
  if (a.page < 1 || static_cast<std::size_t>(a.page) > reader.pageCount())
    throw SigningError(ErrorCode::InvalidArgument, "page " + std::to_string(a.page) + " does not exist");
  switch (a.kind) {
    case AppearanceKind::SignerImage: return signerImage(writer, fonts, a);
    case AppearanceKind::Seal: return seal(reader, writer, a);
    case AppearanceKind::OrganisationText:
      return organisationText(reader, writer, fonts, options, signer, signingTime);
    case AppearanceKind::Invisible: break;
  }
  // PDF/A and PAdES checkers expect even an invisible widget to carry an appearance.
  Canvas empty{0, 0, {}};
  return {Rect{}, empty.write(writer)};
}

}  // namespace chancery::signing::appearance
