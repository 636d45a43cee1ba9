#pragma once
// Registers (sổ văn bản đến / đi), their yearly counters and entries. Numbering is the one
// place where two requests race for the same value: nextNumber() must run inside a write
// transaction and locks the register row first, so concurrent callers queue behind it.

#include "store/db.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace chancery::store {

struct RegisterRecord {
  std::int64_t id = 0;
  std::int64_t unitId = 0;
  std::string kind;    // incoming | outgoing
  std::string series;  // normal | secret
  std::string name;
  std::int64_t createdAt = 0;
};

struct RegisterEntry {
  std::int64_t id = 0;
  std::int64_t registerId = 0;
  std::int64_t year = 0;
  std::int64_t number = 0;
  std::int64_t documentId = 0;
  std::string entryDate;  // YYYY-MM-DD
  std::optional<std::int64_t> createdBy;
  std::int64_t createdAt = 0;
};

namespace registers {
// Creates the register unless it exists (concurrent callers both succeed) and returns it.
RegisterRecord ensure(Connection& c, std::int64_t unitId, const std::string& kind,
                      const std::string& series, const std::string& name);
std::optional<RegisterRecord> find(Connection& c, std::int64_t id);
std::vector<RegisterRecord> list(Connection& c);
// Locks the register row, then returns last_number + 1 for the year and stores it.
std::int64_t nextNumber(Connection& c, std::int64_t registerId, std::int64_t year);
// For an explicitly chosen number: locks the register and raises the counter to at least it.
void reserveNumber(Connection& c, std::int64_t registerId, std::int64_t year, std::int64_t number);
std::optional<std::int64_t> lastNumber(Connection& c, std::int64_t registerId, std::int64_t year);
bool numberTaken(Connection& c, std::int64_t registerId, std::int64_t year, std::int64_t number);
std::int64_t insertEntry(Connection& c, const RegisterEntry& e);
// Entries with entry_date in [from, to], in register order.
std::vector<RegisterEntry> entries(Connection& c, std::int64_t registerId, const std::string& from,
                                   const std::string& to);
std::optional<RegisterEntry> entryForDocument(Connection& c, std::int64_t documentId);
std::int64_t entryCount(Connection& c);
}  // namespace registers

}  // namespace chancery::store
