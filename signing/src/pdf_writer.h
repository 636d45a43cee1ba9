#pragma once
// Serializes an incremental update: only the objects put here are written, followed by an xref
// section of the same kind as the file's newest one (table or stream) whose trailer carries
// /Prev, so the original bytes stay an exact prefix and earlier signatures keep their meaning.
#include <map>
#include <string>

#include "pdf_reader.h"

namespace chancery::signing::pdf {

class IncrementalWriter {
 public:
  explicit IncrementalWriter(const Reader& reader);

  Ref allocate();  // a fresh object number above everything in the file
  // Rewrites an existing object (keeping its generation) or writes a new one.
  void put(Ref ref, Object o);
  Ref add(Object o);
  // Rewrites an existing object by number, using its current generation.
  void replace(std::uint32_t num, Object o);
  bool has(std::uint32_t num) const { return objects_.count(num) != 0; }
  Object* find(std::uint32_t num);

  struct Output {
    std::string update;                         // bytes to append to the original
    std::map<std::uint32_t, std::size_t> offsets;  // absolute offset of each written object
  };
  // `baseLength` is the length of the file the update is appended to.
  Output finish(std::size_t baseLength) const;

 private:
  void writeTable(std::string& out, std::size_t base, const std::map<std::uint32_t, std::size_t>& offs,
                  std::size_t xrefPos) const;
  void writeStream(std::string& out, std::size_t base, std::map<std::uint32_t, std::size_t>& offs,
                   std::uint32_t xrefNum) const;
  Object trailerBase(std::uint32_t size) const;

  const Reader& reader_;
  std::uint32_t next_;
  std::map<std::uint32_t, std::pair<std::uint16_t, Object>> objects_;
};

}  // namespace chancery::signing::pdf
