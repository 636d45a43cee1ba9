#include "service/pdf_tools.h"

#include "service/errors.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <podofo/podofo.h>

namespace chancery::service::pdf {
namespace {

using namespace PoDoFo;

// PoDoFo keeps process-wide state (encodings, logging switches); one operation at a time.
std::mutex& podofoMutex() {
  static std::mutex m;
  return m;
}

void quiet() {
  static std::once_flag once;
  std::call_once(once, [] {
    PdfError::EnableDebug(false);
    PdfError::EnableLogging(false);
  });
}

Error invalidPdf(const std::string& detail) {
  return Error(ErrorKind::Unprocessable, "invalid_pdf", "not a usable PDF: " + detail);
}

void load(PdfMemDocument& doc, std::string_view pdf) {
  if (pdf.substr(0, 1024).find("%PDF-") == std::string_view::npos)
    throw invalidPdf("no %PDF- header");
  try {
    doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
  } catch (const PdfError& e) {
    if (e.GetError() == ePdfError_InvalidPassword)
      throw Error(ErrorKind::Unprocessable, "encrypted_pdf", "the PDF is encrypted");
    throw invalidPdf(PdfError::ErrorName(e.GetError()));
  }
}

std::string serialize(PdfMemDocument& doc) {
  PdfRefCountedBuffer buffer;
  PdfOutputDevice device(&buffer);
  doc.Write(&device);
  return std::string(buffer.GetBuffer(), device.GetLength());
}

bool pageUsesFonts(PdfPage* page) {
  PdfObject* res = page->GetResources();
  if (!res || !res->IsDictionary()) return false;
  PdfObject* fonts = res->GetIndirectKey("Font");
  if (fonts && fonts->IsDictionary() && !fonts->GetDictionary().GetKeys().empty()) return true;
  // Form XObjects may carry the text (tagged or imposed layouts).
  PdfObject* xobjects = res->GetIndirectKey("XObject");
  if (!xobjects || !xobjects->IsDictionary()) return false;
  for (const auto& [key, value] : xobjects->GetDictionary().GetKeys()) {
    PdfObject* x = value->IsReference()
                       ? page->GetObject()->GetOwner()->GetObject(value->GetReference())
                       : value;
    if (!x || !x->IsDictionary()) continue;
    PdfObject* sub = x->GetIndirectKey("Subtype");
    if (!sub || !sub->IsName() || sub->GetName().GetName() != "Form") continue;
    PdfObject* xres = x->GetIndirectKey("Resources");
    if (!xres || !xres->IsDictionary()) continue;
    PdfObject* xfonts = xres->GetIndirectKey("Font");
    if (xfonts && xfonts->IsDictionary() && !xfonts->GetDictionary().GetKeys().empty()) return true;
  }
  return false;
}

void collectFields(PdfVecObjects& objects, PdfObject* field, const std::string& prefix,
                   std::vector<std::string>& out, int depth) {
  if (depth > 32) return;
  if (field && field->IsReference()) field = objects.GetObject(field->GetReference());
  if (!field || !field->IsDictionary()) return;
  std::string name = prefix;
  if (PdfObject* t = field->GetIndirectKey("T"); t && t->IsString()) {
    std::string part = t->GetString().GetStringUtf8();
    name = prefix.empty() ? part : prefix + "." + part;
  }
  PdfObject* kids = field->GetIndirectKey("Kids");
  bool hasNamedKids = false;
  if (kids && kids->IsArray()) {
    for (auto& kid : kids->GetArray()) {
      PdfObject* k = kid.IsReference() ? objects.GetObject(kid.GetReference()) : &kid;
      if (k && k->IsDictionary() && k->GetDictionary().HasKey("T")) hasNamedKids = true;
      collectFields(objects, k, name, out, depth + 1);
    }
  }
  if (!hasNamedKids && !name.empty() && name != prefix) out.push_back(name);
}

PdfString utf8(const std::string& s) {
  return PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str()));
}

}  // namespace

std::vector<std::string> formFieldNames(std::string_view pdf) {
  std::lock_guard lock(podofoMutex());
  quiet();
  PdfMemDocument doc;
  load(doc, pdf);
  std::vector<std::string> out;
  try {
    PdfObject* form = doc.GetCatalog()->GetIndirectKey("AcroForm");
    PdfObject* fields = form && form->IsDictionary() ? form->GetIndirectKey("Fields") : nullptr;
    if (fields && fields->IsArray())
      for (auto& f : fields->GetArray())
        collectFields(doc.GetObjects(), &f, "", out, 0);
  } catch (const PdfError& e) {
    throw invalidPdf(PdfError::ErrorName(e.GetError()));
  }
  return out;
}

std::string addTextFields(std::string_view pdf, const std::vector<FieldBox>& fields) {
  std::lock_guard lock(podofoMutex());
  quiet();
  PdfMemDocument doc;
  load(doc, pdf);
  try {
    PdfPage* page = doc.GetPage(0);
    for (const auto& f : fields) {
      PdfTextField field(page, PdfRect(f.x, f.y, f.width, f.height), &doc);
      field.SetFieldName(PdfString(f.name));
    }
    return serialize(doc);
  } catch (const PdfError& e) {
    throw invalidPdf(PdfError::ErrorName(e.GetError()));
  }
}

std::string vietnameseFontPath(bool bold) {
  const char* file = bold ? "LiberationSans-Bold.ttf" : "LiberationSans-Regular.ttf";
  for (const char* dir :
       {"/usr/share/fonts/truetype/liberation2/", "/usr/share/fonts/truetype/liberation/"}) {
    std::filesystem::path p = std::filesystem::path(dir) / file;
    if (std::filesystem::exists(p)) return p.string();
  }
  throw Error(ErrorKind::Unavailable, "font_missing",
              "no Liberation Sans font; install the fonts-liberation package");
}

PdfInfo inspect(std::string_view pdf) {
  std::lock_guard lock(podofoMutex());
  quiet();
  PdfMemDocument doc;
  load(doc, pdf);
  if (doc.GetEncrypted())
    throw Error(ErrorKind::Unprocessable, "encrypted_pdf", "the PDF is encrypted");
  PdfInfo info;
  try {
    info.pages = doc.GetPageCount();
    if (info.pages < 1) throw invalidPdf("no pages");
    for (int i = 0; i < doc.GetPageCount() && !info.hasText; ++i)
      info.hasText = pageUsesFonts(doc.GetPage(i));
    PdfRect last = doc.GetPage(doc.GetPageCount() - 1)->GetPageSize();
    info.lastPageWidth = last.GetWidth();
    info.lastPageHeight = last.GetHeight();
  } catch (const PdfError& e) {
    throw invalidPdf(PdfError::ErrorName(e.GetError()));
  }
  return info;
}

std::string watermark(std::string_view pdf, const std::string& text) {
  std::lock_guard lock(podofoMutex());
  quiet();
  PdfMemDocument doc;
  load(doc, pdf);
  try {
    std::string fontPath = vietnameseFontPath();
    PdfFont* font = doc.CreateFont("LiberationSans", false, false, false,
                                   PdfEncodingFactory::GlobalIdentityEncodingInstance(),
                                   PdfFontCache::eFontCreationFlags_None, true, fontPath.c_str());
    if (!font) throw invalidPdf("cannot embed the watermark font");
    PdfExtGState faint(&doc);
    faint.SetFillOpacity(0.18f);
    PdfString line = utf8(text);
    for (int i = 0; i < doc.GetPageCount(); ++i) {
      PdfPage* page = doc.GetPage(i);
      PdfRect box = page->GetPageSize();
      PdfPainter painter;
      painter.SetPage(page);
      // Foot line: small, red, readable, extractable.
      font->SetFontSize(8);
      painter.SetFont(font);
      painter.SetColor(0.75, 0.0, 0.0);
      painter.DrawText(box.GetLeft() + 18, box.GetBottom() + 10, line);
      // Diagonal across the page, faint, so that a photograph of the page still names the reader.
      double w = box.GetWidth(), h = box.GetHeight();
      double angle = std::atan2(h, w);
      double size = std::clamp(w / 24.0, 10.0, 28.0);
      font->SetFontSize(static_cast<float>(size));
      painter.SetFont(font);
      double width = font->GetFontMetrics()->StringWidth(line);
      painter.Save();
      painter.SetExtGState(&faint);
      painter.SetColor(0.5, 0.5, 0.5);
      double c = std::cos(angle), s = std::sin(angle);
      painter.SetTransformationMatrix(c, s, -s, c, box.GetLeft() + w / 2, box.GetBottom() + h / 2);
      painter.DrawText(-width / 2, -size / 3, line);
      painter.Restore();
      painter.FinishPage();
    }
    return serialize(doc);
  } catch (const PdfError& e) {
    throw invalidPdf(PdfError::ErrorName(e.GetError()));
  }
}

std::string imageToPdf(std::string_view image, const std::string& mediaType) {
  std::lock_guard lock(podofoMutex());
  quiet();
  try {
    PdfMemDocument doc;
    PdfImage img(&doc);
    auto data = reinterpret_cast<const unsigned char*>(image.data());
    auto len = static_cast<pdf_long>(image.size());
    if (mediaType == "image/png")
      img.LoadFromPngData(data, len);
    else if (mediaType == "image/jpeg")
      img.LoadFromJpegData(data, len);
    else if (mediaType == "image/tiff")
      img.LoadFromTiffData(data, len);
    else
      throw Error(ErrorKind::Unprocessable, "invalid_image", "not a PNG, JPEG or TIFF image");
    PdfRect a4 = PdfPage::CreateStandardPageSize(ePdfPageSize_A4);
    PdfPage* page = doc.CreatePage(a4);
    double scale = std::min(a4.GetWidth() / img.GetWidth(), a4.GetHeight() / img.GetHeight());
    double w = img.GetWidth() * scale, h = img.GetHeight() * scale;
    PdfPainter painter;
    painter.SetPage(page);
    painter.DrawImage((a4.GetWidth() - w) / 2, (a4.GetHeight() - h) / 2, &img, scale, scale);
    painter.FinishPage();
    return serialize(doc);
  } catch (const PdfError& e) {
    throw Error(ErrorKind::Unprocessable, "invalid_image",
                std::string("the image cannot be read: ") + PdfError::ErrorName(e.GetError()));
  }
}

std::string merge(const std::vector<std::string>& pdfs) {
  std::lock_guard lock(podofoMutex());
  quiet();
  PdfMemDocument out;
  for (std::size_t i = 0; i < pdfs.size(); ++i) {
    PdfMemDocument part;
    try {
      load(part, pdfs[i]);
      out.Append(part);
    } catch (const Error&) {
      throw invalidPdf("part " + std::to_string(i + 1) + " does not load");
    } catch (const PdfError& e) {
      throw invalidPdf("part " + std::to_string(i + 1) + ": " + PdfError::ErrorName(e.GetError()));
    }
  }
  try {
    return serialize(out);
  } catch (const PdfError& e) {
    throw invalidPdf(PdfError::ErrorName(e.GetError()));
  }
}

}  // namespace chancery::service::pdf
