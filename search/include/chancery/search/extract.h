#pragma once
// Text extraction from PDFs, page by page. Pages without a text layer (scans) are rendered
// with poppler at ocrDpi and read by Tesseract. OCR of a page takes seconds, so the server
// runs this in a background job: `progress` is called after every page and `stop` cancels
// between pages and inside Tesseract's recognition loop. Text comes back NFC-normalised.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <span>
#include <stop_token>
#include <string>
#include <vector>

namespace chancery::search {

struct ExtractOptions {
  bool ocr = true; // false: scanned pages come back empty
  std::string ocrLanguages = "vie+eng";
  int ocrDpi = 300;
  std::string tessdataDir;       // empty: Tesseract's compiled-in default
  std::size_t minTextChars = 16; // fewer letters/digits than this = no text layer
};

struct PageText {
  std::size_t number = 0; // 1-based
  std::string text;
  bool ocr = false; // text came from OCR
};

struct ExtractProgress {
  std::size_t page = 0; // pages finished so far (1-based index of the last one)
  std::size_t pageCount = 0;
  bool ocr = false; // the finished page needed OCR
};

using ExtractProgressFn = std::function<void(const ExtractProgress &)>;

struct ExtractedText {
  std::vector<PageText> pages;
  std::string joined() const; // pages separated by a blank line, ready for Document::text
  std::size_t ocrPages() const;
};

// Throws SearchError: BadDocument (unreadable, encrypted or not a PDF), OcrUnavailable
// (a scanned page and no Tesseract language data), Cancelled.
ExtractedText extractPdf(const std::filesystem::path &file, const ExtractOptions &options = {},
                         const ExtractProgressFn &progress = {}, std::stop_token stop = {});
ExtractedText extractPdf(std::span<const std::byte> data, const ExtractOptions &options = {},
                         const ExtractProgressFn &progress = {}, std::stop_token stop = {});

} // namespace chancery::search
