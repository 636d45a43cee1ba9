#include "jsonl_corpus.h"

#include <cstdlib>
#include <stdexcept>
#include <zlib.h>

namespace chancery::search::testing {
namespace {

void appendUtf8(std::string &out, unsigned c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

class Parser {
public:
  explicit Parser(std::string_view s) : s_(s) {}

  bool object(JsonRecord &record) {
    record.clear();
    if (!take('{')) return false;
    if (take('}')) return true;
    do {
      std::string key, value;
      if (!string(key) || !take(':')) return false;
      skip();
      if (s_.substr(i_, 4) == "null") {
        i_ += 4;
      } else if (string(value)) {
        record[key] = std::move(value);
      } else {
        return false;
      }
    } while (take(','));
    return take('}');
  }

private:
  void skip() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r'))
      ++i_;
  }

  bool take(char c) {
    skip();
    if (i_ >= s_.size() || s_[i_] != c) return false;
    ++i_;
    return true;
  }

  bool hex4(unsigned &out) {
    if (i_ + 4 > s_.size()) return false;
    out = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_++];
      out <<= 4;
      if (c >= '0' && c <= '9')
        out |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        out |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        out |= static_cast<unsigned>(c - 'A' + 10);
      else
        return false;
    }
    return true;
  }

  bool string(std::string &out) {
    if (!take('"')) return false;
    while (i_ < s_.size()) {
      const char c = s_[i_++];
      if (c == '"') return true;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) return false;
      const char e = s_[i_++];
      switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u': {
        unsigned cp = 0;
        if (!hex4(cp)) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF && s_.substr(i_, 2) == "\\u") {
          i_ += 2;
          unsigned low = 0;
          if (!hex4(low)) return false;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        appendUtf8(out, cp);
        break;
      }
      default:
        out += e; // \" \\ \/
      }
    }
    return false;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

} // namespace

struct CorpusReader::GzFile {
  gzFile handle = nullptr;
  ~GzFile() {
    if (handle) gzclose(handle);
  }
};

bool parseJsonLine(std::string_view line, JsonRecord &record) {
  return Parser(line).object(record);
}

CorpusReader::CorpusReader(const std::filesystem::path &path) : file_(new GzFile) {
  file_->handle = gzopen(path.c_str(), "rb");
  if (!file_->handle) throw std::runtime_error("cannot open " + path.string());
  gzbuffer(file_->handle, 1 << 20);
}

CorpusReader::~CorpusReader() = default;

bool CorpusReader::readLine(std::string &line) {
  for (;;) {
    const std::size_t nl = buffer_.find('\n', pos_);
    if (nl != std::string::npos) {
      line.assign(buffer_, pos_, nl - pos_);
      pos_ = nl + 1;
      return true;
    }
    if (eof_) {
      if (pos_ >= buffer_.size()) return false;
      line.assign(buffer_, pos_);
      pos_ = buffer_.size();
      return true;
    }
    buffer_.erase(0, pos_);
    pos_ = 0;
    const std::size_t old = buffer_.size();
    buffer_.resize(old + (1 << 20));
    const int got = gzread(file_->handle, buffer_.data() + old, 1 << 20);
    if (got < 0) throw std::runtime_error("cannot decompress corpus");
    buffer_.resize(old + static_cast<std::size_t>(got));
    eof_ = got == 0;
  }
}

bool CorpusReader::next(JsonRecord &record) {
  std::string line;
  while (readLine(line)) {
    if (line.empty()) continue;
    if (!parseJsonLine(line, record)) throw std::runtime_error("malformed corpus line");
    return true;
  }
  return false;
}

std::filesystem::path sharedDir() {
  const char *shared = std::getenv("CHANCERY_SHARED_DIR");
  if (shared && std::filesystem::is_directory(shared)) return shared;
  return "/work/shared";
}

std::filesystem::path corpusPath() {
  return sharedDir() / "corpus" / "docs.jsonl.gz";
}

Document toDocument(const JsonRecord &record, const std::string &idSuffix) {
  const auto field = [&](const char *name) {
    const auto it = record.find(name);
    return it == record.end() ? std::string() : it->second;
  };
  Document doc;
  doc.id = field("id") + idSuffix;
  doc.title = field("title");
  const std::string source = field("source_title");
  if (!source.empty() && doc.title.find(source) == std::string::npos)
    doc.title += " (" + source + ")";
  doc.number = field("number");
  doc.type = field("type");
  doc.issuer = field("issuer");
  doc.date = field("date");
  doc.text = field("text");
  doc.access.isPublic = true;
  return doc;
}

} // namespace chancery::search::testing
