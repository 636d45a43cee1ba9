#include "chancery/search/extract.h"

#include "chancery/search/error.h"
#include "guard.h"
#include "text.h"

#include <memory>
#include <mutex>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

namespace chancery::search {
namespace {

using Code = SearchError::Code;

// poppler reports damaged PDFs on stderr; the caller gets a SearchError instead.
void silencePoppler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string &, void *) {}, nullptr); });
}

std::size_t wordChars(std::string_view nfc) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < nfc.size();) {
    if (detail::charClass(detail::decodeUtf8(nfc, i)) == detail::CharClass::Word) ++count;
  }
  return count;
}

// Trims lines and collapses the runs of spaces a physical layout pads columns with.
std::string tidy(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
      space = !out.empty() && out.back() != '\n';
    } else if (c == '\n') {
      while (!out.empty() && out.back() == ' ')
        out.pop_back();
      if (!out.empty() && !(out.size() >= 2 && out.ends_with("\n\n"))) out += '\n';
      space = false;
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
    out.pop_back();
  return out;
}

class Ocr {
public:
  explicit Ocr(const ExtractOptions &options) : options_(options) {}

  std::string read(const poppler::page &page, std::stop_token stop) {
    if (!api_) start();
    poppler::page_renderer renderer;
    renderer.set_image_format(poppler::image::format_gray8);
    renderer.set_render_hints(poppler::page_renderer::antialiasing |
                              poppler::page_renderer::text_antialiasing);
    const double dpi = options_.ocrDpi;
    const poppler::image image = renderer.render_page(&page, dpi, dpi);
    if (!image.is_valid()) throw SearchError(Code::BadDocument, "cannot render a PDF page");
    api_->SetImage(reinterpret_cast<const unsigned char *>(image.const_data()), image.width(),
                   image.height(), 1, image.bytes_per_row());
    api_->SetSourceResolution(options_.ocrDpi);
    tesseract::ETEXT_DESC monitor;
    monitor.cancel = [](void *token, int) {
      return static_cast<std::stop_token *>(token)->stop_requested();
    };
    monitor.cancel_this = &stop;
    const int rc = api_->Recognize(&monitor);
    if (stop.stop_requested()) throw SearchError(Code::Cancelled, "extraction cancelled");
    if (rc != 0) throw SearchError(Code::BadDocument, "OCR failed on a page");
    const std::unique_ptr<char[]> text(api_->GetUTF8Text());
    api_->Clear();
    return text ? std::string(text.get()) : std::string();
  }

private:
  void start() {
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    const char *dataPath = options_.tessdataDir.empty() ? nullptr : options_.tessdataDir.c_str();
    if (api->Init(dataPath, options_.ocrLanguages.c_str(), tesseract::OEM_LSTM_ONLY) != 0)
      throw SearchError(Code::OcrUnavailable,
                        "Tesseract cannot load languages '" + options_.ocrLanguages + "'");
    api->SetVariable("debug_file", "/dev/null"); // keep Tesseract's chatter off stderr
    api->SetPageSegMode(tesseract::PSM_AUTO);
    api_ = std::move(api);
  }

  const ExtractOptions &options_;
  std::unique_ptr<tesseract::TessBaseAPI> api_;
};

ExtractedText extract(std::unique_ptr<poppler::document> doc, const ExtractOptions &options,
                      const ExtractProgressFn &progress, std::stop_token stop) {
  if (!doc) throw SearchError(Code::BadDocument, "not a readable PDF");
  if (doc->is_locked()) throw SearchError(Code::BadDocument, "the PDF is password-protected");
  ExtractedText out;
  Ocr ocr(options);
  const int pageCount = doc->pages();
  for (int i = 0; i < pageCount; ++i) {
    if (stop.stop_requested()) throw SearchError(Code::Cancelled, "extraction cancelled");
    const std::unique_ptr<poppler::page> page(doc->create_page(i));
    PageText result;
    result.number = static_cast<std::size_t>(i) + 1;
    if (page) {
      const poppler::byte_array utf8 =
          page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
      result.text = tidy(detail::toNfc(std::string_view(utf8.data(), utf8.size())));
      if (options.ocr && wordChars(result.text) < options.minTextChars) {
        result.text = tidy(detail::toNfc(ocr.read(*page, stop)));
        result.ocr = true;
      }
    }
    const bool usedOcr = result.ocr;
    out.pages.push_back(std::move(result));
    if (progress)
      progress({static_cast<std::size_t>(i) + 1, static_cast<std::size_t>(pageCount), usedOcr});
  }
  return out;
}

} // namespace

std::string ExtractedText::joined() const {
  std::string out;
  for (const PageText &page : pages) {
    if (page.text.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += page.text;
  }
  return out;
}

std::size_t ExtractedText::ocrPages() const {
  std::size_t count = 0;
  for (const PageText &page : pages)
    count += page.ocr ? 1 : 0;
  return count;
}

ExtractedText extractPdf(const std::filesystem::path &file, const ExtractOptions &options,
                         const ExtractProgressFn &progress, std::stop_token stop) {
  return detail::guarded("extract " + file.filename().string(), [&] {
    silencePoppler();
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(file.string()));
    return extract(std::move(doc), options, progress, stop);
  });
}

ExtractedText extractPdf(std::span<const std::byte> data, const ExtractOptions &options,
                         const ExtractProgressFn &progress, std::stop_token stop) {
  return detail::guarded("extract PDF", [&] {
    silencePoppler();
    if (data.size() > static_cast<std::size_t>(INT32_MAX))
      throw SearchError(Code::BadDocument, "PDF larger than 2 GiB");
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
        reinterpret_cast<const char *>(data.data()), static_cast<int>(data.size())));
    return extract(std::move(doc), options, progress, stop);
  });
}

} // namespace chancery::search
