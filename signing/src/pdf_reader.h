#pragma once
// The lean PDF reader: it reads the xref chain (tables, xref streams, hybrid files) and loads
// objects on demand, including objects inside object streams, without parsing the rest of the
// file. PoDoFo 0.9.8's parser expands every object stream up front (about 1 s on a 6.5 MB file
// with 565 object streams), which would cost hundreds of times the signing floor.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pdf_object.h"

namespace chancery::signing::pdf {

struct XrefEntry {
  static constexpr std::uint8_t kAbsent = 0xFF;
  std::uint8_t type = kAbsent;  // 0 free, 1 in file at `offset`, 2 in object stream `offset`
  std::uint64_t offset = 0;     // byte offset, or object stream number for type 2
  std::uint32_t genOrIndex = 0; // generation, or index inside the object stream for type 2
};

// One xref section, i.e. one revision of the document.
struct Revision {
  std::size_t xrefOffset = 0;
  bool xrefStream = false;
  Object trailer;
  std::vector<std::pair<std::uint32_t, XrefEntry>> entries;
  std::size_t end = 0;  // offset just past this revision's %%EOF marker (and its EOL)
};

class Reader {
 public:
  // Reads the header and the whole xref chain. Throws SigningError(NotPdf, Malformed,
  // Encrypted) for anything it cannot trust.
  explicit Reader(std::string_view data);

  std::string_view data() const { return data_; }
  const std::vector<Revision>& revisions() const { return revisions_; }  // oldest first
  const Object& trailer() const { return revisions_.back().trailer; }
  std::uint32_t size() const { return size_; }  // /Size of the newest revision
  // One above the highest object number any xref section lists (a lying /Size must not make
  // an update reuse a live number).
  std::uint32_t nextFreeNumber() const;
  // True when only whitespace follows the newest revision's %%EOF.
  bool endsCleanly() const;
  std::string headerVersion() const { return headerVersion_; }

  // Loads an object as of the newest revision (or of revision `rev`); nullopt if it is free
  // or absent. Throws SigningError(Malformed) when the xref points at garbage.
  std::optional<Object> object(std::uint32_t num) const;
  std::optional<Object> objectAt(std::uint32_t num, std::size_t rev) const;
  // Follows a reference (newest revision); a direct object is returned as is, a dangling
  // reference becomes null.
  Object resolve(const Object& o) const;
  Object resolveAt(const Object& o, std::size_t rev) const;
  const XrefEntry* entry(std::uint32_t num, std::size_t rev) const;

  // Catalog and page lookup for the newest revision. Throw SigningError(Malformed).
  Object catalog() const;
  Ref catalogRef() const;
  std::size_t pageCount() const;
  // The page object and its reference, 0-based. Throws SigningError(InvalidArgument) if out of range.
  std::pair<Ref, Object> page(std::size_t index) const;

 private:
  struct ObjStm {
    std::shared_ptr<const std::string> data;
    std::size_t first = 0;
    std::vector<std::pair<std::uint32_t, std::size_t>> offsets;
  };
  std::size_t findStartXref() const;
  void readChain(std::size_t offset);
  std::size_t readTable(std::size_t offset, Revision& rev);
  std::size_t readXrefStream(std::size_t offset, Revision& rev);
  std::size_t findEof(std::size_t from) const;
  Object parseIndirectAt(std::size_t offset, std::uint32_t expectNum, std::size_t rev,
                         std::size_t* endOut = nullptr) const;
  Object loadEntry(std::uint32_t num, const XrefEntry& e, std::size_t rev) const;
  const ObjStm& objectStream(std::uint32_t stmNum, std::size_t rev) const;
  const std::vector<XrefEntry>& table(std::size_t rev) const;
  // Where "num gen obj" really starts when the xref is off (built on first need by scanning).
  std::optional<std::size_t> recoveredOffset(std::uint32_t num) const;

  std::string_view data_;
  std::string headerVersion_;
  std::vector<Revision> revisions_;
  std::uint32_t size_ = 0;
  mutable std::map<std::size_t, std::vector<XrefEntry>> tables_;  // merged xref per revision
  mutable std::unordered_map<std::uint64_t, ObjStm> objStms_;     // keyed by stream file offset
  mutable int loadDepth_ = 0;
  mutable std::optional<std::unordered_map<std::uint32_t, std::size_t>> scanned_;
};

}  // namespace chancery::signing::pdf
