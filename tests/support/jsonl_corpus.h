#pragma once
// Reads $CHANCERY_SHARED_DIR/corpus/docs.jsonl.gz (SOURCE.md there) for the relevance test and
// the benchmark: one flat JSON object per line, string or null values. A small hand-written
// reader, because the library must not depend on a JSON parser and the tests need no more.

#include "chancery/search/document.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace chancery::search::testing {

// Field name → value; null values are absent.
using JsonRecord = std::map<std::string, std::string>;

// Parses one line holding a flat JSON object. Returns false on anything else.
bool parseJsonLine(std::string_view line, JsonRecord &record);

class CorpusReader {
public:
  // Throws std::runtime_error when the file cannot be opened.
  explicit CorpusReader(const std::filesystem::path &path);
  ~CorpusReader();
  CorpusReader(const CorpusReader &) = delete;
  CorpusReader &operator=(const CorpusReader &) = delete;

  // Next record; false at the end. Throws std::runtime_error on a malformed line.
  bool next(JsonRecord &record);

private:
  bool readLine(std::string &line);

  struct GzFile;
  std::unique_ptr<GzFile> file_;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool eof_ = false;
};

// $CHANCERY_SHARED_DIR, or /work/shared when that is unset or missing (ctest derives the
// variable from the checkout's parent, which holds no shared/ in a developer's worktree).
std::filesystem::path sharedDir();
// sharedDir()/corpus/docs.jsonl.gz.
std::filesystem::path corpusPath();

// A corpus record as the server would import it: title = article title plus the name of the
// source document, metadata from the record, public access.
Document toDocument(const JsonRecord &record, const std::string &idSuffix = "");

} // namespace chancery::search::testing
