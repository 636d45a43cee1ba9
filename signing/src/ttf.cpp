#include "ttf.h"

#include <algorithm>

#include "chancery/signing/error.h"

namespace chancery::signing::font {
namespace {
[[noreturn]] void bad(const std::string& what) { throw SigningError(ErrorCode::Font, what); }

std::uint32_t u32(std::string_view d, std::size_t p) {
  if (p + 4 > d.size()) bad("font table is truncated");
  return (std::uint32_t(static_cast<unsigned char>(d[p])) << 24) |
         (std::uint32_t(static_cast<unsigned char>(d[p + 1])) << 16) |
         (std::uint32_t(static_cast<unsigned char>(d[p + 2])) << 8) |
         std::uint32_t(static_cast<unsigned char>(d[p + 3]));
}
std::uint16_t u16(std::string_view d, std::size_t p) {
  if (p + 2 > d.size()) bad("font table is truncated");
  return static_cast<std::uint16_t>((static_cast<unsigned char>(d[p]) << 8) | static_cast<unsigned char>(d[p + 1]));
}
std::int16_t s16(std::string_view d, std::size_t p) { return static_cast<std::int16_t>(u16(d, p)); }
void put16(std::string& s, std::size_t p, std::uint32_t v) {
  s[p] = static_cast<char>((v >> 8) & 0xFF);
  s[p + 1] = static_cast<char>(v & 0xFF);
}
void put32(std::string& s, std::size_t p, std::uint32_t v) {
  put16(s, p, v >> 16);
  put16(s, p + 2, v & 0xFFFF);
}
void append16(std::string& s, std::uint32_t v) { s.append(2, '\0'); put16(s, s.size() - 2, v); }
void append32(std::string& s, std::uint32_t v) { s.append(4, '\0'); put32(s, s.size() - 4, v); }

std::uint32_t checksum(std::string_view t) {
  std::uint32_t sum = 0;
  std::string padded(t);
  padded.resize((padded.size() + 3) & ~std::size_t{3}, '\0');
  for (std::size_t i = 0; i < padded.size(); i += 4) sum += u32(padded, i);
  return sum;
}

// Glyph indices referenced by a composite glyph, with the offsets where they are stored.
std::vector<std::pair<std::size_t, std::uint16_t>> components(std::string_view g) {
  std::vector<std::pair<std::size_t, std::uint16_t>> out;
  if (g.size() < 10 || s16(g, 0) >= 0) return out;
  std::size_t p = 10;
  while (true) {
    std::uint16_t flags = u16(g, p);
    out.emplace_back(p + 2, u16(g, p + 2));
    p += 4 + ((flags & 0x0001) ? 4 : 2);
    if (flags & 0x0008) p += 2;
    else if (flags & 0x0040) p += 4;
    else if (flags & 0x0080) p += 8;
    if (!(flags & 0x0020)) break;
  }
  return out;
}
}  // namespace

TrueType::TrueType(std::string data) : data_(std::move(data)) {
  std::uint32_t version = u32(data_, 0);
  if (version != 0x00010000 && version != 0x74727565) bad("not a TrueType font (CFF/collections unsupported)");
  std::uint16_t count = u16(data_, 4);
  for (std::uint16_t i = 0; i < count; ++i) {
    std::size_t rec = 12 + std::size_t{16} * i;
    std::string tag = data_.substr(rec, 4);
    Table t{u32(data_, rec + 8), u32(data_, rec + 12)};
    if (std::uint64_t{t.offset} + t.length > data_.size()) bad("font table " + tag + " out of range");
    tables_[tag] = t;
  }
  for (const char* need : {"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"})
    if (!tables_.count(need)) bad(std::string("font has no '") + need + "' table");
  std::string_view head = table("head"), hhea = table("hhea");
  unitsPerEm_ = u16(head, 18);
  if (unitsPerEm_ < 16) bad("font has a bad unitsPerEm");
  for (int i = 0; i < 4; ++i) bbox_[i] = s16(head, 36 + 2 * static_cast<std::size_t>(i));
  longLoca_ = s16(head, 50) == 1;
  ascent_ = s16(hhea, 4);
  descent_ = s16(hhea, 6);
  numHMetrics_ = u16(hhea, 34);
  numGlyphs_ = u16(table("maxp"), 4);
  capHeight_ = ascent_;
  if (auto os2 = table("OS/2"); os2.size() >= 90 && u16(os2, 0) >= 2) capHeight_ = s16(os2, 88);
  if (auto post = table("post"); post.size() >= 8) italicAngle_ = static_cast<std::int32_t>(u32(post, 4)) / 65536.0;
  if (numHMetrics_ == 0 || numHMetrics_ > numGlyphs_) bad("font has bad horizontal metrics");
  readCmap();
  readName();
}

std::string_view TrueType::table(const char* tag) const {
  auto it = tables_.find(tag);
  if (it == tables_.end()) return {};
  return std::string_view(data_).substr(it->second.offset, it->second.length);
}

void TrueType::readCmap() {
  std::string_view cmap = table("cmap");
  std::size_t best = 0;
  int bestScore = 0;
  for (std::uint16_t i = 0, n = u16(cmap, 2); i < n; ++i) {
    std::uint16_t platform = u16(cmap, 4 + 8 * std::size_t{i}), encoding = u16(cmap, 6 + 8 * std::size_t{i});
    std::uint32_t off = u32(cmap, 8 + 8 * std::size_t{i});
    int score = platform == 3 && encoding == 10 ? 3 : platform == 3 && encoding == 1 ? 2 : platform == 0 ? 1 : 0;
    if (score > bestScore) bestScore = score, best = off;
  }
  if (!bestScore) bad("font has no Unicode cmap");
  std::uint16_t format = u16(cmap, best);
  if (format == 4) {
    std::uint16_t segs = u16(cmap, best + 6) / 2;
    std::size_t ends = best + 14, starts = ends + 2 * std::size_t{segs} + 2, deltas = starts + 2 * std::size_t{segs},
                ranges = deltas + 2 * std::size_t{segs};
    for (std::size_t s = 0; s < segs; ++s) {
      std::uint16_t end = u16(cmap, ends + 2 * s), start = u16(cmap, starts + 2 * s);
      std::uint16_t delta = u16(cmap, deltas + 2 * s), range = u16(cmap, ranges + 2 * s);
      for (std::uint32_t c = start; c <= end && c != 0xFFFF; ++c) {
        std::uint16_t g = 0;
        if (range == 0) {
          g = static_cast<std::uint16_t>(c + delta);
        } else {
          std::size_t at = ranges + 2 * s + range + 2 * (c - start);
          g = u16(cmap, at);
          if (g) g = static_cast<std::uint16_t>(g + delta);
        }
        if (g) cmap_[c] = g;
      }
    }
  } else if (format == 12) {
    for (std::uint32_t i = 0, n = u32(cmap, best + 12); i < n; ++i) {
      std::size_t g = best + 16 + 12 * std::size_t{i};
      std::uint32_t first = u32(cmap, g), last = u32(cmap, g + 4), gid = u32(cmap, g + 8);
      for (std::uint32_t c = first; c <= last && c - first < 0x10000; ++c)
        cmap_[c] = static_cast<std::uint16_t>(gid + (c - first));
    }
  } else {
    bad("unsupported cmap format " + std::to_string(format));
  }
}

void TrueType::readName() {
  std::string_view name = table("name");
  if (name.size() >= 6) {
    std::uint16_t count = u16(name, 2), strings = u16(name, 4);
    for (std::uint16_t i = 0; i < count; ++i) {
      std::size_t rec = 6 + 12 * std::size_t{i};
      if (u16(name, rec + 6) != 6) continue;
      std::uint16_t platform = u16(name, rec), len = u16(name, rec + 8), off = u16(name, rec + 10);
      std::string_view raw = name.substr(std::min<std::size_t>(name.size(), std::size_t{strings} + off), len);
      std::string ps;
      for (std::size_t k = platform == 3 ? 1 : 0; k < raw.size(); k += platform == 3 ? 2 : 1) ps += raw[k];
      if (!ps.empty()) psName_ = ps;
    }
  }
  if (psName_.empty()) psName_ = "Font";
  psName_.erase(std::remove_if(psName_.begin(), psName_.end(), [](char c) { return c <= ' ' || c > '~' || c == '/'; }),
                psName_.end());
}

std::uint16_t TrueType::glyph(char32_t cp) const {
  auto it = cmap_.find(cp);
  return it == cmap_.end() || it->second >= numGlyphs_ ? 0 : it->second;
}

std::uint16_t TrueType::advance(std::uint16_t gid) const {
  std::size_t i = std::min<std::size_t>(gid, numHMetrics_ - 1u);
  return u16(table("hmtx"), 4 * i);
}

std::string_view TrueType::glyphData(std::uint16_t gid) const {
  if (gid >= numGlyphs_) return {};
  std::string_view loca = table("loca");
  std::uint32_t a = longLoca_ ? u32(loca, 4 * std::size_t{gid}) : 2u * u16(loca, 2 * std::size_t{gid});
  std::uint32_t b = longLoca_ ? u32(loca, 4 * std::size_t{gid} + 4) : 2u * u16(loca, 2 * std::size_t{gid} + 2);
  std::string_view glyf = table("glyf");
  if (b < a || b > glyf.size()) bad("font has a bad loca table");
  return glyf.substr(a, b - a);
}

std::string TrueType::subset(std::vector<std::uint16_t> gids, std::vector<std::uint16_t>* order) const {
  std::map<std::uint16_t, std::uint16_t> newId;
  for (std::size_t i = 0; i < gids.size(); ++i) newId.emplace(gids[i], static_cast<std::uint16_t>(newId.size()));
  for (std::size_t i = 0; i < gids.size(); ++i)  // composites pull in their components
    for (auto& [pos, comp] : components(glyphData(gids[i])))
      if (newId.emplace(comp, static_cast<std::uint16_t>(newId.size())).second) gids.push_back(comp);
  std::string glyf, loca, hmtx;
  std::string_view srcHmtx = table("hmtx");
  for (std::uint16_t g : gids) {
    append32(loca, static_cast<std::uint32_t>(glyf.size()));
    std::string data(glyphData(g));
    for (auto& [pos, comp] : components(data)) put16(data, pos, newId.at(comp));
    glyf += data;
    if (glyf.size() % 4) glyf.append(4 - glyf.size() % 4, '\0');
    std::size_t m = std::min<std::size_t>(g, numHMetrics_ - 1u);
    append16(hmtx, u16(srcHmtx, 4 * m));
    append16(hmtx, g < numHMetrics_ ? u16(srcHmtx, 4 * std::size_t{g} + 2)
                                    : u16(srcHmtx, 4 * std::size_t{numHMetrics_} + 2 * (g - numHMetrics_)));
  }
  append32(loca, static_cast<std::uint32_t>(glyf.size()));
  auto n = static_cast<std::uint32_t>(gids.size());
  std::map<std::string, std::string> out;
  out["head"] = std::string(table("head"));
  put32(out["head"], 8, 0);    // checkSumAdjustment, fixed below
  put16(out["head"], 50, 1);   // long loca
  out["hhea"] = std::string(table("hhea"));
  put16(out["hhea"], 34, n);
  out["maxp"] = std::string(table("maxp"));
  put16(out["maxp"], 4, n);
  out["hmtx"] = hmtx;
  out["loca"] = loca;
  out["glyf"] = glyf;
  for (const char* keep : {"cvt ", "fpgm", "prep", "OS/2"})
    if (!table(keep).empty()) out[keep] = std::string(table(keep));
  if (auto post = table("post"); post.size() >= 32) {
    out["post"] = std::string(post.substr(0, 32));
    put32(out["post"], 0, 0x00030000);  // no glyph names
  }
  // Offset table, directory sorted by tag, tables 4-byte aligned.
  std::string font;
  auto count = static_cast<std::uint16_t>(out.size());
  std::uint16_t pow2 = 1, log2 = 0;
  while (pow2 * 2 <= count) pow2 = static_cast<std::uint16_t>(pow2 * 2), ++log2;
  append32(font, 0x00010000);
  append16(font, count);
  append16(font, pow2 * 16u);
  append16(font, log2);
  append16(font, count * 16u - pow2 * 16u);
  std::size_t offset = 12 + 16 * std::size_t{count};
  std::string body;
  std::size_t headRecord = 0;
  for (auto& [tag, t] : out) {
    if (tag == "head") headRecord = font.size();
    font += tag;
    append32(font, checksum(t));  // head's own sum is taken with checkSumAdjustment = 0
    append32(font, static_cast<std::uint32_t>(offset + body.size()));
    append32(font, static_cast<std::uint32_t>(t.size()));
    body += t;
    body.append((4 - body.size() % 4) % 4, '\0');
  }
  font += body;
  std::uint32_t headOffset = u32(font, headRecord + 8);
  put32(font, headOffset + 8, 0xB1B0AFBA - checksum(font));
  if (order) *order = gids;
  return font;
}

}  // namespace chancery::signing::font
