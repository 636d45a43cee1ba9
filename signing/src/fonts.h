#pragma once
// Fonts embedded by one incremental update: each TrueType file becomes a Type0/CIDFontType2
// font with an Identity-H encoding, a subset FontFile2 and a ToUnicode CMap, so text extracts
// with its diacritics. Object numbers are reserved up front; the objects are written last,
// once every text of the update is known.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pdf_writer.h"
#include "ttf.h"

namespace chancery::signing::font {

class EmbeddedFont {
 public:
  EmbeddedFont(TrueType ttf, pdf::Ref ref) : ttf_(std::move(ttf)), ref_(ref) {}
  pdf::Ref ref() const { return ref_; }
  // The hex string operand for Tj. Throws SigningError(Font) for a character without a glyph.
  std::string encode(std::string_view utf8);
  double width(std::string_view utf8, double size) const;  // in points
  double ascent(double size) const { return ttf_.ascent() * size / ttf_.unitsPerEm(); }
  double descent(double size) const { return ttf_.descent() * size / ttf_.unitsPerEm(); }
  void write(pdf::IncrementalWriter& writer) const;

 private:
  std::uint16_t cidFor(char32_t cp);
  TrueType ttf_;
  pdf::Ref ref_;
  std::vector<std::uint16_t> gids_{0};      // CID -> original glyph id
  std::map<std::uint16_t, std::uint16_t> cidOfGid_;
  std::map<std::uint16_t, char32_t> unicode_;  // CID -> code point
};

class FontSet {
 public:
  explicit FontSet(pdf::IncrementalWriter& writer) : writer_(writer) {}
  // Loads (once) the TrueType file at `path`. Throws SigningError(Font).
  EmbeddedFont& get(const std::string& path);
  void writeAll() const;

 private:
  pdf::IncrementalWriter& writer_;
  std::map<std::string, std::unique_ptr<EmbeddedFont>> fonts_;
};

// Liberation Serif 2 (fonts-liberation2): the 1.07 fonts in .../liberation/ lack Vietnamese.
std::string defaultFont(bool bold);

}  // namespace chancery::signing::font
