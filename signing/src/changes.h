#pragma once
// What the revisions after a signed one changed, compared object by object against the signed
// revision (each revision is read through its own xref, as a reader of the prefix would).
#include <string>
#include <vector>

#include "chancery/signing/verifier.h"
#include "pdf_reader.h"

namespace chancery::signing::pdf {

struct ChangeSummary {
  ChangeKind kind = ChangeKind::None;
  std::vector<std::string> details;
};

// `signedRevision` is 0-based. `signedEnd` is where the signed bytes end; bytes after the last
// revision that are not whitespace count as Other.
ChangeSummary classifyChanges(const Reader& reader, std::size_t signedRevision);

}  // namespace chancery::signing::pdf
