#pragma once
// `chancery demo`: a living example instance. Each part (organisation and users, then what
// later features add) runs once and records itself in settings, so loading twice is harmless.
// Everything goes through the same service code the API uses.

#include <string>

namespace chancery::app {

class Runtime;

// Returns a one-paragraph summary of what was loaded. Throws on failure.
std::string loadDemo(Runtime& rt);

// True when this instance holds demo data (demo logins are shown only then).
bool isDemo(Runtime& rt);

}  // namespace chancery::app
