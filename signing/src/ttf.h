#pragma once
// Reading a TrueType font and cutting a subset of it, so that appearances embed only the
// glyphs they show (Vietnamese needs the precomposed letters of Latin Extended Additional).
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace chancery::signing::font {

class TrueType {
 public:
  // Throws SigningError(Font) if `data` is not a TrueType (glyf) font.
  explicit TrueType(std::string data);

  std::uint16_t glyph(char32_t codepoint) const;  // 0 (.notdef) when the font lacks it
  std::uint16_t advance(std::uint16_t gid) const; // font units
  int unitsPerEm() const { return unitsPerEm_; }
  int ascent() const { return ascent_; }
  int descent() const { return descent_; }
  int capHeight() const { return capHeight_; }
  double italicAngle() const { return italicAngle_; }
  const int* bbox() const { return bbox_; }
  const std::string& postScriptName() const { return psName_; }

  // A font holding glyphs `gids` (gids[0] must be 0) renumbered 0..n-1 in that order, plus
  // any glyphs composites need, appended. Returns the font file; `order` gets the final list.
  std::string subset(std::vector<std::uint16_t> gids, std::vector<std::uint16_t>* order) const;

 private:
  struct Table {
    std::uint32_t offset = 0, length = 0;
  };
  std::string_view table(const char* tag) const;
  std::string_view glyphData(std::uint16_t gid) const;
  void readCmap();
  void readName();

  std::string data_;
  std::map<std::string, Table> tables_;
  std::map<char32_t, std::uint16_t> cmap_;
  int unitsPerEm_ = 1000, ascent_ = 0, descent_ = 0, capHeight_ = 0;
  int bbox_[4] = {0, 0, 0, 0};
  double italicAngle_ = 0;
  std::uint16_t numGlyphs_ = 0, numHMetrics_ = 0;
  bool longLoca_ = false;
  std::string psName_;
};

}  // namespace chancery::signing::font
