#pragma once
// The documents part of `chancery demo`: incoming documents in every state of their handling
// and outgoing documents from draft to issue, made through the same services the API uses.

#include <string>

namespace chancery::app {

class Runtime;

// Sample PDFs come from $CHANCERY_SAMPLES_DIR, else ../shared/pdfs-vi next to the source tree;
// when neither exists, simple PDFs are generated. Throws on failure.
std::string demoDocuments(Runtime& rt);

}  // namespace chancery::app
