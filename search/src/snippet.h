#pragma once
// Highlighted excerpts: the part of a document's text where the query words cluster, with the
// words marked. Matching uses the same tokenizer and folding as the index, so "quyet" marks
// "Quyết" and "QUYẾT" alike.

#include "chancery/search/query.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chancery::search::detail {

struct Snippet {
  std::string text;                  // plain, "…" marks a cut
  std::vector<Highlight> highlights; // byte offsets into text
  std::string html;                  // escaped, words in <mark>
};

// Best window of about maxChars characters; the start of the text when nothing matches.
Snippet makeSnippet(std::string_view text, const std::vector<std::string> &foldedWords,
                    std::size_t maxChars);

// The whole of a short text (a title) escaped, with the query words marked.
std::string markAll(std::string_view text, const std::vector<std::string> &foldedWords);

} // namespace chancery::search::detail
