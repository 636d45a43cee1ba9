#include "pdf_writer.h"

#include <openssl/rand.h>

#include <cstdio>

#include "chancery/signing/error.h"

namespace chancery::signing::pdf {

IncrementalWriter::IncrementalWriter(const Reader& reader) : reader_(reader), next_(reader.nextFreeNumber()) {}

Ref IncrementalWriter::allocate() { return {next_++, 0}; }

void IncrementalWriter::put(Ref ref, Object o) { objects_[ref.num] = {ref.gen, std::move(o)}; }

Ref IncrementalWriter::add(Object o) {
  Ref r = allocate();
  put(r, std::move(o));
  return r;
}

void IncrementalWriter::replace(std::uint32_t num, Object o) {
  std::uint16_t gen = 0;
  if (const XrefEntry* e = reader_.entry(num, reader_.revisions().size() - 1); e && e->type == 1)
    gen = static_cast<std::uint16_t>(e->genOrIndex);
  put({num, gen}, std::move(o));
}

Object* IncrementalWriter::find(std::uint32_t num) {
  auto it = objects_.find(num);
  return it == objects_.end() ? nullptr : &it->second.second;
}

Object IncrementalWriter::trailerBase(std::uint32_t size) const {
  const Object& old = reader_.trailer();
  Object t = Object::dict();
  t.set("Size", Object::integer(size));
  t.set("Root", *old.get("Root"));
  if (const Object* info = old.get("Info")) t.set("Info", *info);
  // The first /ID element identifies the document for good; the second changes per update.
  std::string fresh(16, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(fresh.data()), 16);
  std::string first = fresh;
  if (const Object* id = old.get("ID"); id && id->is(Type::Array) && !id->items().empty() &&
                                        id->items()[0].is(Type::String))
    first = id->items()[0].text();
  t.set("ID", Object::array({Object::string(first, true), Object::string(fresh, true)}));
  t.set("Prev", Object::integer(static_cast<std::int64_t>(reader_.revisions().back().xrefOffset)));
  return t;
}

IncrementalWriter::Output IncrementalWriter::finish(std::size_t baseLength) const {
  Output result;
  std::string& out = result.update;
  std::string_view data = reader_.data();
  if (baseLength == 0 || (data[baseLength - 1] != '\n' && data[baseLength - 1] != '\r')) out += '\n';
  for (auto& [num, genObj] : objects_) {
    result.offsets[num] = baseLength + out.size();
    serializeIndirect({num, genObj.first}, genObj.second, out);
  }
  if (reader_.revisions().back().xrefStream) {
    writeStream(out, baseLength, result.offsets, next_);
  } else {
    writeTable(out, baseLength, result.offsets, baseLength + out.size());
  }
  return result;
}

void IncrementalWriter::writeTable(std::string& out, std::size_t, 
                                   const std::map<std::uint32_t, std::size_t>& offs,
                                   std::size_t xrefPos) const {
  out += "xref\n";
  auto it = objects_.begin();
  while (it != objects_.end()) {
    auto runEnd = it;
    std::uint32_t count = 0;
    while (runEnd != objects_.end() && runEnd->first == it->first + count) {
      ++runEnd;
      ++count;
    }
    out += std::to_string(it->first) + " " + std::to_string(count) + "\n";
    for (; it != runEnd; ++it) {
      char line[32];
      std::snprintf(line, sizeof line, "%010zu %05u n\r\n", offs.at(it->first),
                    static_cast<unsigned>(it->second.first));
      out += line;
    }
  }
  std::uint32_t size = std::max(reader_.size(), next_);
  out += "trailer\n" + serialize(trailerBase(size)) + "\nstartxref\n" + std::to_string(xrefPos) +
         "\n%%EOF\n";
}

void IncrementalWriter::writeStream(std::string& out, std::size_t base,
                                    std::map<std::uint32_t, std::size_t>& offs,
                                    std::uint32_t xrefNum) const {
  std::size_t xrefPos = base + out.size();
  offs[xrefNum] = xrefPos;
  std::map<std::uint32_t, std::uint16_t> gens;
  for (auto& [num, genObj] : objects_) gens[num] = genObj.first;
  gens[xrefNum] = 0;
  int width = 1;
  while (width < 8 && (xrefPos >> (8 * width)) != 0) ++width;
  std::string body;
  Object index = Object::array();
  auto it = gens.begin();
  while (it != gens.end()) {
    auto runEnd = it;
    std::uint32_t count = 0;
    while (runEnd != gens.end() && runEnd->first == it->first + count) {
      ++runEnd;
      ++count;
    }
    index.push(Object::integer(it->first));
    index.push(Object::integer(count));
    for (; it != runEnd; ++it) {
      body += '\x01';
      std::size_t off = offs.at(it->first);
      for (int b = width - 1; b >= 0; --b) body += static_cast<char>((off >> (8 * b)) & 0xFF);
      body += static_cast<char>((it->second >> 8) & 0xFF);
      body += static_cast<char>(it->second & 0xFF);
    }
  }
  Object dict = trailerBase(std::max(reader_.size(), xrefNum + 1));
  dict.set("Type", Object::name("XRef"));
  dict.set("Index", std::move(index));
  dict.set("W", Object::array({Object::integer(1), Object::integer(width), Object::integer(2)}));
  serializeIndirect({xrefNum, 0}, Object::stream(std::move(dict), std::move(body)), out);
  out += "startxref\n" + std::to_string(xrefPos) + "\n%%EOF\n";
}

}  // namespace chancery::signing::pdf
