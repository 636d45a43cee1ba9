#include "snippet.h"

#include "text.h"
#include "tokenizer.h"

#include <algorithm>
#include <unordered_map>

namespace chancery::search::detail {
namespace {

// Texts can be whole laws; matches past this point are not worth the scan.
constexpr std::size_t kScanBytes = 256 * 1024;
constexpr std::size_t kMaxMatches = 2048;
constexpr std::string_view kEllipsis = "…";

struct Match {
  std::size_t begin;
  std::size_t end;
  std::size_t word; // index into the query words
};

std::vector<Match> findMatches(std::string_view text, const std::vector<std::string> &words) {
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < words.size(); ++i)
    index.emplace(words[i], i);
  std::vector<Match> matches;
  if (index.empty()) return matches;
  Tokenizer tokenizer(text.substr(0, std::min(text.size(), kScanBytes)));
  Token token;
  while (matches.size() < kMaxMatches && tokenizer.next(token)) {
    if (auto it = index.find(token.folded); it != index.end())
      matches.push_back({token.begin, token.end, it->second});
  }
  return matches;
}

// Start of the window of `budget` bytes that covers the most distinct words, then most matches.
std::size_t bestStart(const std::vector<Match> &matches, std::size_t budget) {
  std::size_t best = 0, bestScore = 0;
  std::vector<std::size_t> seen;
  for (std::size_t i = 0, j = 0; i < matches.size(); ++i) {
    j = std::max(j, i);
    while (j < matches.size() && matches[j].end - matches[i].begin <= budget)
      ++j;
    seen.clear();
    for (std::size_t k = i; k < j; ++k)
      seen.push_back(matches[k].word);
    std::sort(seen.begin(), seen.end());
    const auto distinct =
        static_cast<std::size_t>(std::unique(seen.begin(), seen.end()) - seen.begin());
    const std::size_t score = distinct * 1000 + (j - i);
    if (score > bestScore) bestScore = score, best = i;
  }
  return matches.empty() ? 0 : matches[best].begin;
}

bool isBoundary(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

// Moves back up to `lead` characters from `at`, stopping after a line break or sentence end,
// and lands at the start of a word.
std::size_t windowStart(std::string_view text, std::size_t at, std::size_t lead) {
  std::size_t pos = at;
  for (std::size_t n = 0; pos > 0 && n < lead; ++n) {
    std::size_t prev = pos - 1;
    while (prev > 0 && (static_cast<unsigned char>(text[prev]) & 0xC0) == 0x80)
      --prev;
    if (text[prev] == '\n' || (text[prev] == ' ' && prev > 0 && text[prev - 1] == '.')) break;
    pos = prev;
  }
  while (pos < at && !isBoundary(text[pos]) && pos > 0 && !isBoundary(text[pos - 1]))
    ++pos;
  while (pos < at && isBoundary(text[pos]))
    ++pos;
  return pos;
}

// End after at most maxChars characters from `start`, cut back to a word boundary.
std::size_t windowEnd(std::string_view text, std::size_t start, std::size_t maxChars) {
  std::size_t pos = start;
  for (std::size_t n = 0; pos < text.size() && n < maxChars; ++n)
    decodeUtf8(text, pos);
  if (pos >= text.size()) return text.size();
  std::size_t cut = pos;
  while (cut > start && !isBoundary(text[cut]))
    --cut;
  return cut > start ? cut : pos;
}

void appendPlain(std::string &out, std::string_view part) {
  for (const char c : part)
    out += isBoundary(c) ? ' ' : c;
}

} // namespace

Snippet makeSnippet(std::string_view text, const std::vector<std::string> &foldedWords,
                    std::size_t maxChars) {
  Snippet snippet;
  if (maxChars == 0 || text.empty()) return snippet;
  const std::vector<Match> matches = findMatches(text, foldedWords);
  const std::size_t focus = bestStart(matches, maxChars * 5 / 4);
  const bool fits = windowEnd(text, 0, maxChars) == text.size();
  const std::size_t start = fits ? 0 : windowStart(text, focus, maxChars / 5);
  const std::size_t end = windowEnd(text, start, maxChars);

  std::string &out = snippet.text;
  std::string &html = snippet.html;
  if (start > 0) out += kEllipsis, html += kEllipsis;
  std::size_t cursor = start;
  for (const Match &m : matches) {
    if (m.begin < start || m.end > end) continue;
    std::string plain;
    appendPlain(plain, text.substr(cursor, m.begin - cursor));
    out += plain;
    appendHtmlEscaped(html, plain);
    const std::size_t begin = out.size();
    appendPlain(out, text.substr(m.begin, m.end - m.begin));
    snippet.highlights.push_back({begin, out.size()});
    html += "<mark>";
    appendHtmlEscaped(html, std::string_view(out).substr(begin));
    html += "</mark>";
    cursor = m.end;
  }
  std::string rest;
  appendPlain(rest, text.substr(cursor, end - cursor));
  out += rest;
  appendHtmlEscaped(html, rest);
  if (end < text.size()) out += kEllipsis, html += kEllipsis;
  return snippet;
}

std::string markAll(std::string_view text, const std::vector<std::string> &foldedWords) {
  std::string html;
  std::size_t cursor = 0;
  for (const Match &m : findMatches(text, foldedWords)) {
    appendHtmlEscaped(html, text.substr(cursor, m.begin - cursor));
    html += "<mark>";
    appendHtmlEscaped(html, text.substr(m.begin, m.end - m.begin));
    html += "</mark>";
    cursor = m.end;
  }
  appendHtmlEscaped(html, text.substr(cursor));
  return html;
}

} // namespace chancery::search::detail
