#include "fonts.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "chancery/signing/error.h"
#include "ossl.h"
#include "pdf_filters.h"

namespace chancery::signing::font {
namespace {
using pdf::Object;

std::string hex4(unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04X", v & 0xFFFF);
  return buf;
}

std::string utf16Hex(char32_t cp) {
  if (cp < 0x10000) return hex4(static_cast<unsigned>(cp));
  cp -= 0x10000;
  return hex4(0xD800 + static_cast<unsigned>(cp >> 10)) + hex4(0xDC00 + static_cast<unsigned>(cp & 0x3FF));
}

std::string toUnicodeCMap(const std::map<std::uint16_t, char32_t>& map) {
  std::string s =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  auto it = map.begin();
  while (it != map.end()) {
    std::size_t n = std::min<std::size_t>(100, static_cast<std::size_t>(std::distance(it, map.end())));
    s += std::to_string(n) + " beginbfchar\n";
    for (std::size_t i = 0; i < n; ++i, ++it) s += "<" + hex4(it->first) + "> <" + utf16Hex(it->second) + ">\n";
    s += "endbfchar\n";
  }
  return s + "endcmap\nCMapName currentdict /CIDInit /ProcSet findresource /defineresource pop\nend\nend\n";
}
}  // namespace

std::uint16_t EmbeddedFont::cidFor(char32_t cp) {
  std::uint16_t gid = ttf_.glyph(cp);
  if (gid == 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    throw SigningError(ErrorCode::Font, ttf_.postScriptName() + " has no glyph for " + buf);
  }
  auto [it, added] = cidOfGid_.emplace(gid, static_cast<std::uint16_t>(gids_.size()));
  if (added) gids_.push_back(gid);
  unicode_.emplace(it->second, cp);
  return it->second;
}

std::string EmbeddedFont::encode(std::string_view utf8) {
  std::string hex = "<";
  for (char32_t cp : pdf::utf8ToCodepoints(utf8)) hex += hex4(cidFor(cp));
  return hex + ">";
}

double EmbeddedFont::width(std::string_view utf8, double size) const {
  double units = 0;
  for (char32_t cp : pdf::utf8ToCodepoints(utf8)) units += ttf_.advance(ttf_.glyph(cp));
  return units * size / ttf_.unitsPerEm();
}

void EmbeddedFont::write(pdf::IncrementalWriter& w) const {
  std::vector<std::uint16_t> order;
  std::string file = ttf_.subset(gids_, &order);
  // A subset tag derived from the glyph set, as ISO 32000 9.6.4 asks.
  std::string digest = ossl::sha256(std::string(reinterpret_cast<const char*>(gids_.data()), gids_.size() * 2));
  std::string tag;
  for (int i = 0; i < 6; ++i) tag += static_cast<char>('A' + static_cast<unsigned char>(digest[static_cast<std::size_t>(i)]) % 26);
  std::string name = tag + "+" + ttf_.postScriptName();
  double scale = 1000.0 / ttf_.unitsPerEm();

  Object fileDict = Object::dict();
  fileDict.set("Length1", Object::integer(static_cast<std::int64_t>(file.size())));
  fileDict.set("Filter", Object::name("FlateDecode"));
  Object descriptor = Object::dict();
  descriptor.set("Type", Object::name("FontDescriptor"));
  descriptor.set("FontName", Object::name(name));
  descriptor.set("Flags", Object::integer(4 | 2));  // Symbolic (CID font) | Serif
  const int* b = ttf_.bbox();
  descriptor.set("FontBBox", Object::array({Object::real(b[0] * scale), Object::real(b[1] * scale),
                                            Object::real(b[2] * scale), Object::real(b[3] * scale)}));
  descriptor.set("ItalicAngle", Object::real(ttf_.italicAngle()));
  descriptor.set("Ascent", Object::real(ttf_.ascent() * scale));
  descriptor.set("Descent", Object::real(ttf_.descent() * scale));
  descriptor.set("CapHeight", Object::real(ttf_.capHeight() * scale));
  descriptor.set("StemV", Object::integer(80));
  descriptor.set("FontFile2", Object::ref(w.add(Object::stream(std::move(fileDict), pdf::flateEncode(file)))));

  Object widths = Object::array();
  for (std::uint16_t g : order) widths.push(Object::integer(std::lround(ttf_.advance(g) * scale)));
  Object cidFont = Object::dict();
  cidFont.set("Type", Object::name("Font"));
  cidFont.set("Subtype", Object::name("CIDFontType2"));
  cidFont.set("BaseFont", Object::name(name));
  Object sysInfo = Object::dict();
  sysInfo.set("Registry", Object::string("Adobe"));
  sysInfo.set("Ordering", Object::string("Identity"));
  sysInfo.set("Supplement", Object::integer(0));
  cidFont.set("CIDSystemInfo", std::move(sysInfo));
  cidFont.set("FontDescriptor", Object::ref(w.add(std::move(descriptor))));
  cidFont.set("W", Object::array({Object::integer(0), std::move(widths)}));
  cidFont.set("CIDToGIDMap", Object::name("Identity"));

  Object cmapDict = Object::dict();
  cmapDict.set("Filter", Object::name("FlateDecode"));
  Object type0 = Object::dict();
  type0.set("Type", Object::name("Font"));
  type0.set("Subtype", Object::name("Type0"));
  type0.set("BaseFont", Object::name(name));
  type0.set("Encoding", Object::name("Identity-H"));
  type0.set("DescendantFonts", Object::array({Object::ref(w.add(std::move(cidFont)))}));
  type0.set("ToUnicode", Object::ref(w.add(Object::stream(std::move(cmapDict), pdf::flateEncode(toUnicodeCMap(unicode_))))));
  w.put(ref_, std::move(type0));
}

EmbeddedFont& FontSet::get(const std::string& path) {
  auto it = fonts_.find(path);
  if (it != fonts_.end()) return *it->second;
  std::ifstream f(path, std::ios::binary);
  if (!f) throw SigningError(ErrorCode::Font, "cannot read font " + path);
  std::stringstream s;
  s << f.rdbuf();
  auto font = std::make_unique<EmbeddedFont>(TrueType(s.str()), writer_.allocate());
  return *fonts_.emplace(path, std::move(font)).first->second;
}

void FontSet::writeAll() const {
  for (auto& [path, font] : fonts_) font->write(writer_);
}

std::string defaultFont(bool bold) {
  const char* name = bold ? "LiberationSerif-Bold.ttf" : "LiberationSerif-Regular.ttf";
  for (const char* dir : {"/usr/share/fonts/truetype/liberation2/", "/usr/share/fonts/truetype/liberation/"}) {
    std::string p = std::string(dir) + name;
    if (std::filesystem::exists(p)) return p;
  }
  return std::string("/usr/share/fonts/truetype/liberation2/") + name;
}

}  // namespace chancery::signing::font
