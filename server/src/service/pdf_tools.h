#pragma once
// What the document flow does to existing PDFs (PoDoFo, kept out of this header): check that
// an upload is a usable PDF, stamp a reader's name on every page of a secret document, wrap a
// scanned image into a PDF, and merge the current versions of a record into one bundle.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chancery::service::pdf {

struct PdfInfo {
  std::int64_t pages = 0;
  bool hasText = false;                          // some page uses a font: not a bare scan
  double lastPageWidth = 0, lastPageHeight = 0;  // points
};

// Throws Error(Unprocessable, "invalid_pdf") when the bytes do not load as a PDF and
// Error(Unprocessable, "encrypted_pdf") when the PDF is encrypted.
PdfInfo inspect(std::string_view pdf);

// Returns a copy with `text` in small red type at the foot and diagonally across every page
// (Vietnamese text; the font is embedded so pdftotext reads it back). The copy is rewritten,
// so any signatures in it no longer verify: it is a reading copy, never stored.
// Throws Error(Unprocessable, "invalid_pdf").
std::string watermark(std::string_view pdf, const std::string& text);

// A one-page PDF (A4, the image scaled to fit) from a PNG, JPEG or TIFF scan.
// Throws Error(Unprocessable, "invalid_image").
std::string imageToPdf(std::string_view image, const std::string& mediaType);

// Concatenates the documents in order. Throws Error(Unprocessable, "invalid_pdf") naming the
// index of a part that does not load.
std::string merge(const std::vector<std::string>& pdfs);

// Fully qualified names of the PDF's form fields ("parent.child"), for filling the number and
// date at issue. Throws Error(Unprocessable, "invalid_pdf").
std::vector<std::string> formFieldNames(std::string_view pdf);

// Adds empty text form fields on page 1 (PDF points, origin bottom left): templates get the
// fields the issue step fills with the number and the date.
struct FieldBox {
  std::string name;
  double x = 0, y = 0, width = 0, height = 0;
};
std::string addTextFields(std::string_view pdf, const std::vector<FieldBox>& fields);

// The path of a TrueType font with Vietnamese glyphs (Liberation Sans, from fonts-liberation).
std::string vietnameseFontPath(bool bold = false);

}  // namespace chancery::service::pdf
