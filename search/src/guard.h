#pragma once
// Every public entry point runs its body through guarded(), so Xapian, ICU, poppler and
// Tesseract failures reach the caller as SearchError and nothing else.

#include <string_view>
#include <utility>

namespace chancery::search::detail {

// Call only inside a catch block: rethrows the exception in flight as a SearchError (a
// SearchError passes through unchanged). `context` names the operation for the message.
[[noreturn]] void rethrowAsSearchError(std::string_view context);

template <class F> decltype(auto) guarded(std::string_view context, F &&body) {
  try {
    return std::forward<F>(body)();
  } catch (...) {
    rethrowAsSearchError(context);
  }
}

} // namespace chancery::search::detail
