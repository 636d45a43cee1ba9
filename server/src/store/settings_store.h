#pragma once
// Instance-wide settings as name/value text pairs (e.g. demo mode).

#include <optional>
#include <string>

#include "store/db.h"

namespace chancery::store::settings {
std::optional<std::string> get(Connection& c, const std::string& name);
void set(Connection& c, const std::string& name, const std::string& value);
}  // namespace chancery::store::settings
