#include "pdf_reader.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "chancery/signing/error.h"
#include "pdf_filters.h"
#include "pdf_parser.h"

namespace chancery::signing::pdf {
namespace {
constexpr std::uint32_t kMaxObjects = 8'000'000;  // far above any real file; bounds allocations

[[noreturn]] void malformed(const std::string& what, std::size_t offset = SIZE_MAX,
                            std::int64_t object = -1) {
  throw SigningError(ErrorCode::Malformed, what,
                     offset == SIZE_MAX ? -1 : static_cast<std::int64_t>(offset), object);
}

std::uint64_t readBigEndian(std::string_view d, std::size_t pos, std::int64_t width) {
  std::uint64_t v = 0;
  for (std::int64_t i = 0; i < width; ++i)
    v = (v << 8) | static_cast<unsigned char>(d[pos + static_cast<std::size_t>(i)]);
  return v;
}
}  // namespace

Reader::Reader(std::string_view data) : data_(data) {
  std::size_t header = data_.substr(0, 1024).find("%PDF-");
  if (header == std::string_view::npos) throw SigningError(ErrorCode::NotPdf, "no %PDF- header");
  headerVersion_ = std::string(data_.substr(header + 5, 3));
  readChain(findStartXref());
  if (trailer().get("Encrypt"))
    throw SigningError(ErrorCode::Encrypted, "the document is encrypted");
  const Object* sizeObj = trailer().get("Size");
  if (!sizeObj || !sizeObj->is(Type::Int) || sizeObj->asInt() < 1 || sizeObj->asInt() > kMaxObjects)
    malformed("trailer has no valid /Size");
  size_ = static_cast<std::uint32_t>(sizeObj->asInt());
  if (!trailer().get("Root")) malformed("trailer has no /Root");
}

std::size_t Reader::findStartXref() const {
  std::size_t at = data_.rfind("startxref");
  if (at == std::string_view::npos) malformed("no startxref: the file is truncated or not a PDF");
  Parser p(data_, at + 9);
  auto offset = p.tryInteger();
  if (!offset || *offset < 0 || static_cast<std::size_t>(*offset) >= data_.size())
    malformed("startxref points outside the file", at);
  return static_cast<std::size_t>(*offset);
}

void Reader::readChain(std::size_t offset) {
  std::set<std::size_t> seen;
  std::vector<Revision> chain;
  std::optional<std::size_t> next = offset;
  while (next) {
    if (!seen.insert(*next).second) malformed("xref /Prev chain loops", *next);
    if (seen.size() > 10000) malformed("too many xref sections");
    Revision rev;
    rev.xrefOffset = *next;
    Parser p(data_, *next);
    std::size_t after = p.tryKeyword("xref") ? readTable(*next, rev) : readXrefStream(*next, rev);
    rev.end = findEof(after);
    next.reset();
    if (const Object* prev = rev.trailer.get("Prev")) {
      if (!prev->is(Type::Int) || prev->asInt() < 0 ||
          static_cast<std::size_t>(prev->asInt()) >= data_.size())
        malformed("bad /Prev in trailer", rev.xrefOffset);
      next = static_cast<std::size_t>(prev->asInt());
    }
    chain.push_back(std::move(rev));
  }
  std::reverse(chain.begin(), chain.end());
  // A linearized file's first-page section sits near the start, before the main section it
  // points to with /Prev: both describe one revision. Keep the newer section's offset (it is
  // what startxref names, so what an update's /Prev must name) and trailer.
  for (std::size_t k = 1; k < chain.size();) {
    if (chain[k].end >= chain[k - 1].end) {
      ++k;
      continue;
    }
    Revision& older = chain[k - 1];
    older.entries.insert(older.entries.end(), chain[k].entries.begin(), chain[k].entries.end());
    older.xrefOffset = chain[k].xrefOffset;
    older.xrefStream = chain[k].xrefStream;
    older.trailer = std::move(chain[k].trailer);
    chain.erase(chain.begin() + static_cast<std::ptrdiff_t>(k));
  }
  revisions_ = std::move(chain);
}

std::size_t Reader::findEof(std::size_t from) const {
  std::size_t at = data_.find("%%EOF", from);
  if (at == std::string_view::npos) malformed("no %%EOF after xref section", from);
  std::size_t end = at + 5;
  if (end < data_.size() && data_[end] == '\r') ++end;
  if (end < data_.size() && data_[end] == '\n') ++end;
  return end;
}

std::size_t Reader::readTable(std::size_t offset, Revision& rev) {
  Parser p(data_, offset);
  p.tryKeyword("xref");
  while (true) {
    if (p.tryKeyword("trailer")) break;
    auto start = p.tryInteger();
    auto count = p.tryInteger();
    if (!start || !count || *start < 0 || *count < 0 || *start + *count > kMaxObjects)
      malformed("bad xref subsection header", p.pos());
    for (std::int64_t i = 0; i < *count; ++i) {
      auto off = p.tryInteger();
      auto gen = p.tryInteger();
      p.skipSpace();
      if (!off || !gen || p.atEnd()) malformed("bad xref table entry", p.pos());
      char kind = data_[p.pos()];
      if (kind != 'n' && kind != 'f') malformed("bad xref table entry type", p.pos());
      p.seek(p.pos() + 1);
      XrefEntry e;
      e.type = kind == 'n' ? 1 : 0;
      e.offset = static_cast<std::uint64_t>(std::max<std::int64_t>(*off, 0));
      e.genOrIndex = static_cast<std::uint32_t>(std::clamp<std::int64_t>(*gen, 0, 65535));
      rev.entries.emplace_back(static_cast<std::uint32_t>(*start + i), e);
    }
  }
  rev.trailer = p.parseObject();
  if (!rev.trailer.is(Type::Dict)) malformed("trailer is not a dictionary", p.pos());
  std::size_t end = p.pos();
  if (const Object* hybrid = rev.trailer.get("XRefStm")) {
    // Hybrid file: the xref stream adds the objects a pre-1.5 reader must not see.
    if (hybrid->is(Type::Int) && hybrid->asInt() > 0 &&
        static_cast<std::size_t>(hybrid->asInt()) < data_.size()) {
      Revision extra;
      readXrefStream(static_cast<std::size_t>(hybrid->asInt()), extra);
      std::set<std::uint32_t> inTable;
      for (auto& [num, e] : rev.entries)
        if (e.type == 1) inTable.insert(num);
      for (auto& item : extra.entries)
        if (!inTable.count(item.first)) rev.entries.push_back(item);
    }
  }
  return end;
}

std::size_t Reader::readXrefStream(std::size_t offset, Revision& rev) {
  std::size_t end = 0;
  Object xs = parseIndirectAt(offset, 0, SIZE_MAX, &end);
  if (!xs.is(Type::Stream)) malformed("startxref does not point at an xref table or stream", offset);
  const Object* type = xs.get("Type");
  if (!type || !type->isName("XRef")) malformed("object at startxref is not /Type /XRef", offset);
  rev.xrefStream = true;
  std::string body = decodeStream(xs);
  const Object* w = xs.get("W");
  if (!w || !w->is(Type::Array) || w->items().size() != 3) malformed("xref stream without /W", offset);
  std::int64_t widths[3];
  for (int i = 0; i < 3; ++i) {
    widths[i] = w->items()[static_cast<std::size_t>(i)].asInt();
    if (widths[i] < 0 || widths[i] > 8) malformed("bad /W in xref stream", offset);
  }
  auto rowLen = static_cast<std::size_t>(widths[0] + widths[1] + widths[2]);
  if (rowLen == 0) malformed("empty /W in xref stream", offset);
  std::vector<std::int64_t> index;
  if (const Object* idx = xs.get("Index"); idx && idx->is(Type::Array)) {
    for (const Object& v : idx->items()) index.push_back(v.asInt());
  } else {
    const Object* size = xs.get("Size");
    index = {0, size ? size->asInt() : 0};
  }
  std::size_t pos = 0;
  rev.entries.reserve(body.size() / rowLen);
  for (std::size_t k = 0; k + 1 < index.size(); k += 2) {
    if (index[k] < 0 || index[k + 1] < 0 || index[k] + index[k + 1] > kMaxObjects)
      malformed("bad /Index in xref stream", offset);
    for (std::int64_t i = 0; i < index[k + 1]; ++i, pos += rowLen) {
      if (pos + rowLen > body.size()) malformed("xref stream is shorter than its /Index", offset);
      XrefEntry e;
      e.type = widths[0] ? static_cast<std::uint8_t>(readBigEndian(body, pos, widths[0])) : 1;
      e.offset = readBigEndian(body, pos + static_cast<std::size_t>(widths[0]), widths[1]);
      e.genOrIndex = static_cast<std::uint32_t>(
          readBigEndian(body, pos + static_cast<std::size_t>(widths[0] + widths[1]), widths[2]));
      if (e.type > 2) continue;  // reserved types are to be ignored (ISO 32000 7.5.8.3)
      rev.entries.emplace_back(static_cast<std::uint32_t>(index[k] + i), e);
    }
  }
  xs.makeDict();
  rev.trailer = std::move(xs);
  return end;
}

const std::vector<XrefEntry>& Reader::table(std::size_t rev) const {
  auto it = tables_.find(rev);
  if (it != tables_.end()) return it->second;
  std::uint32_t maxNum = 0;
  for (std::size_t r = 0; r <= rev; ++r)
    for (auto& [num, e] : revisions_[r].entries) maxNum = std::max(maxNum, num + 1);
  std::vector<XrefEntry> merged(maxNum);
  for (std::size_t r = 0; r <= rev; ++r)
    for (auto& [num, e] : revisions_[r].entries) merged[num] = e;
  return tables_.emplace(rev, std::move(merged)).first->second;
}

const XrefEntry* Reader::entry(std::uint32_t num, std::size_t rev) const {
  const auto& t = table(std::min(rev, revisions_.size() - 1));
  if (num >= t.size() || t[num].type == XrefEntry::kAbsent) return nullptr;
  return &t[num];
}

std::optional<Object> Reader::object(std::uint32_t num) const {
  return objectAt(num, revisions_.size() - 1);
}

std::optional<Object> Reader::objectAt(std::uint32_t num, std::size_t rev) const {
  const XrefEntry* e = entry(num, rev);
  if (!e || e->type == 0) return std::nullopt;
  if (loadDepth_ > 32) malformed("object references nest too deeply", SIZE_MAX, num);
  ++loadDepth_;
  try {
    Object o = loadEntry(num, *e, rev);
    --loadDepth_;
    return o;
  } catch (...) {
    --loadDepth_;
    throw;
  }
}

std::optional<std::size_t> Reader::recoveredOffset(std::uint32_t num) const {
  if (!scanned_) {
    // Writers that miscount offsets are common enough (qpdf repairs them too): index every
    // "n g obj" once, the last occurrence winning as a reader of the whole file would see it.
    scanned_.emplace();
    for (std::size_t at = data_.find("obj"); at != std::string_view::npos; at = data_.find("obj", at + 3)) {
      std::size_t p = at;
      while (p > 0 && Parser::isSpace(static_cast<unsigned char>(data_[p - 1]))) --p;
      std::size_t genEnd = p;
      while (p > 0 && data_[p - 1] >= '0' && data_[p - 1] <= '9') --p;
      if (p == genEnd || p == 0 || !Parser::isSpace(static_cast<unsigned char>(data_[p - 1]))) continue;
      std::size_t numEnd = p - 1;
      while (numEnd > 0 && Parser::isSpace(static_cast<unsigned char>(data_[numEnd - 1]))) --numEnd;
      std::size_t numStart = numEnd;
      while (numStart > 0 && data_[numStart - 1] >= '0' && data_[numStart - 1] <= '9') --numStart;
      if (numStart == numEnd || numEnd - numStart > 9) continue;
      std::uint32_t n = 0;
      std::from_chars(data_.data() + numStart, data_.data() + numEnd, n);
      (*scanned_)[n] = numStart;
    }
  }
  auto it = scanned_->find(num);
  if (it == scanned_->end()) return std::nullopt;
  return it->second;
}

Object Reader::loadEntry(std::uint32_t num, const XrefEntry& e, std::size_t rev) const {
  if (e.type == 1) {
    try {
      if (e.offset >= data_.size()) malformed("xref offset outside the file", SIZE_MAX, num);
      return parseIndirectAt(static_cast<std::size_t>(e.offset), num, rev);
    } catch (const SigningError& err) {
      auto found = recoveredOffset(num);
      if (err.code() != ErrorCode::Malformed || !found || *found == e.offset) throw;
      return parseIndirectAt(*found, num, rev);
    }
  }
  const ObjStm& stm = objectStream(static_cast<std::uint32_t>(e.offset), rev);
  for (auto& [n, off] : stm.offsets) {
    if (n != num) continue;
    Parser p(*stm.data, stm.first + off);
    Object o = p.parseObject();
    return o;
  }
  malformed("object missing from its object stream", SIZE_MAX, num);
}

const Reader::ObjStm& Reader::objectStream(std::uint32_t stmNum, std::size_t rev) const {
  const XrefEntry* se = entry(stmNum, rev);
  if (!se || se->type != 1) malformed("object stream is not a plain object", SIZE_MAX, stmNum);
  auto it = objStms_.find(se->offset);
  if (it != objStms_.end()) return it->second;
  Object s = parseIndirectAt(static_cast<std::size_t>(se->offset), stmNum, rev);
  if (!s.is(Type::Stream)) malformed("object stream is not a stream", SIZE_MAX, stmNum);
  ObjStm stm;
  stm.data = std::make_shared<const std::string>(decodeStream(s));
  const Object* n = s.get("N");
  const Object* first = s.get("First");
  if (!n || !first || n->asInt() < 0 || first->asInt() < 0 ||
      static_cast<std::size_t>(first->asInt()) > stm.data->size())
    malformed("object stream without valid /N and /First", SIZE_MAX, stmNum);
  stm.first = static_cast<std::size_t>(first->asInt());
  Parser p(*stm.data, 0);
  for (std::int64_t i = 0; i < n->asInt(); ++i) {
    auto num = p.tryInteger();
    auto off = p.tryInteger();
    if (!num || !off || *num < 0 || *off < 0) malformed("bad object stream header", SIZE_MAX, stmNum);
    stm.offsets.emplace_back(static_cast<std::uint32_t>(*num), static_cast<std::size_t>(*off));
  }
  return objStms_.emplace(se->offset, std::move(stm)).first->second;
}

Object Reader::parseIndirectAt(std::size_t offset, std::uint32_t expectNum, std::size_t rev,
                               std::size_t* endOut) const {
  Parser p(data_, offset);
  auto num = p.tryInteger();
  auto gen = p.tryInteger();
  if (!num || !gen || !p.tryKeyword("obj")) malformed("xref does not point at an object", offset);
  if (expectNum && *num != expectNum)
    malformed("xref points at object " + std::to_string(*num), offset, expectNum);
  Object o = p.parseObject();
  std::size_t afterObj = p.pos();
  if (o.is(Type::Dict) && p.tryKeyword("stream")) {
    std::size_t start = p.pos();
    if (start < data_.size() && data_[start] == '\r') ++start;
    if (start < data_.size() && data_[start] == '\n') ++start;
    std::int64_t length = -1;
    if (const Object* len = o.get("Length")) {
      Object l = len->is(Type::Ref) && rev != SIZE_MAX ? resolveAt(*len, rev) : *len;
      if (l.is(Type::Int)) length = l.asInt();
    }
    bool ok = length >= 0 && static_cast<std::size_t>(length) <= data_.size() - start;
    if (ok) {
      Parser q(data_, start + static_cast<std::size_t>(length));
      ok = q.tryKeyword("endstream");
    }
    if (!ok) {
      // Wrong or indirect /Length we cannot trust: fall back to the endstream keyword.
      std::size_t es = data_.find("endstream", start);
      if (es == std::string_view::npos) malformed("stream without endstream", start, *num);
      std::size_t e = es;
      if (e > start && data_[e - 1] == '\n') --e;
      if (e > start && data_[e - 1] == '\r') --e;
      length = static_cast<std::int64_t>(e - start);
    }
    o.makeStream();
    o.setRawStream(data_.substr(start, static_cast<std::size_t>(length)), nullptr);
    o.setSourceOffset(start);
    p.seek(start + static_cast<std::size_t>(length));
    p.tryKeyword("endstream");
    afterObj = p.pos();
  }
  if (endOut) {
    p.seek(afterObj);
    p.tryKeyword("endobj");
    *endOut = p.pos();
  }
  return o;
}

Object Reader::resolve(const Object& o) const { return resolveAt(o, revisions_.size() - 1); }

Object Reader::resolveAt(const Object& o, std::size_t rev) const {
  if (!o.is(Type::Ref)) return o;
  auto r = objectAt(o.asRef().num, rev);
  return r ? std::move(*r) : Object::null();
}

std::uint32_t Reader::nextFreeNumber() const {
  std::uint32_t next = size_;
  for (const Revision& r : revisions_)
    for (auto& [num, e] : r.entries) next = std::max(next, num + 1);
  return next;
}

bool Reader::endsCleanly() const {
  for (char c : data_.substr(revisions_.back().end))
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\0' && c != '\f') return false;
  return true;
}

Ref Reader::catalogRef() const {
  const Object* root = trailer().get("Root");
  if (!root || !root->is(Type::Ref)) malformed("/Root is not a reference");
  return root->asRef();
}

Object Reader::catalog() const {
  Object c = resolve(*trailer().get("Root"));
  if (!c.is(Type::Dict)) malformed("catalog is not a dictionary");
  return c;
}

std::size_t Reader::pageCount() const {
  Object cat = catalog();
  const Object* pages = cat.get("Pages");
  if (!pages) malformed("catalog has no /Pages");
  Object root = resolve(*pages);
  const Object* count = root.get("Count");
  if (!count || !count->is(Type::Int) || count->asInt() < 0) malformed("page tree has no /Count");
  return static_cast<std::size_t>(count->asInt());
}

std::pair<Ref, Object> Reader::page(std::size_t index) const {
  if (index >= pageCount())
    throw SigningError(ErrorCode::InvalidArgument, "page " + std::to_string(index + 1) +
                                                       " does not exist");
  Object cat = catalog();
  const Object* pagesRef = cat.get("Pages");
  if (!pagesRef || !pagesRef->is(Type::Ref)) malformed("/Pages is not a reference");
  Ref ref = pagesRef->asRef();
  Object node = resolve(*pagesRef);
  // Descend by /Count so only the nodes on the path to the page are loaded.
  for (int depth = 0; depth < 64; ++depth) {
    if (const Object* type = node.get("Type"); type && type->isName("Page")) return {ref, node};
    const Object* kids = node.get("Kids");
    if (!kids) return {ref, node};  // a leaf without /Type: treat as a page
    Object kidArray = resolve(*kids);
    bool descended = false;
    for (const Object& kid : kidArray.items()) {
      if (!kid.is(Type::Ref)) continue;
      Object child = resolve(kid);
      const Object* type = child.get("Type");
      std::size_t n = 1;
      if (!(type && type->isName("Page")) && child.get("Kids")) {
        const Object* c = child.get("Count");
        n = c && c->asInt() > 0 ? static_cast<std::size_t>(c->asInt()) : 0;
      }
      if (index < n) {
        ref = kid.asRef();
        node = std::move(child);
        descended = true;
        break;
      }
      index -= n;
    }
    if (!descended) malformed("page tree /Count does not match its /Kids");
  }
  malformed("page tree is too deep");
}

}  // namespace chancery::signing::pdf
