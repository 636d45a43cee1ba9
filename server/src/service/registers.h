#pragma once
// Registers (sổ đăng ký văn bản đến / đi, Decree 30 arts. 15, 16, 22 and appendix IV): one
// incoming and one outgoing register per unit, each with a separate series for secret
// documents. Numbers start at 1 on 1 January, are unique within the year and are given inside
// the transaction that records the document, under the register's row lock, so concurrent
// requests on either backend get distinct, consecutive numbers and a failed request leaves no
// gap. Registers print as the paper book (PDF) and export as CSV for a period.

#include "service/calendar.h"
#include "service/document_types.h"
#include "service/principal.h"
#include "store/db.h"
#include "store/document_store.h"
#include "store/register_store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace chancery::service {

struct Numbered {
  store::RegisterRecord reg;
  std::int64_t year = 0;
  std::int64_t number = 0;
  std::string date;  // YYYY-MM-DD
};

struct RegisterRow {
  store::RegisterEntry entry;
  store::DocumentRecord doc;
  std::string handler;  // incoming: the lead handler's name, if any
};

struct RegisterPeriod {
  store::RegisterRecord reg;
  std::string unitName;
  std::string from, to;
  std::vector<RegisterRow> rows;  // only documents the caller may see
};

class RegisterService {
public:
  explicit RegisterService(store::Db& db) : db_(db) {}

  // Inside c's transaction: the unit's register for kind and series, created if needed.
  static store::RegisterRecord registerFor(store::Connection& c, std::int64_t unitId,
                                           Direction kind, bool secret);
  // Inside c's transaction: gives the document the next number of the year of `date` (or the
  // explicit number when it is free) and writes the register entry.
  // Throws Error(Conflict, "number_taken") for an explicit number already given.
  static Numbered enter(store::Connection& c, const Principal& actor, std::int64_t unitId,
                        Direction kind, bool secret, std::int64_t documentId,
                        const calendar::Date& date, std::optional<std::int64_t> explicitNumber);

  // The registers of the caller's unit (all registers for an admin).
  std::vector<store::RegisterRecord> list(const Principal& actor);
  // Throws Error(NotFound) for a register of another unit, Error(BadRequest) for a bad period.
  RegisterPeriod period(const Principal& actor, std::int64_t registerId,
                        const std::optional<std::string>& from,
                        const std::optional<std::string>& to);
  std::string exportCsv(const RegisterPeriod& p) const;
  std::string exportPdf(const RegisterPeriod& p) const;
  // An exported register is a read of every listed document: who printed which register for
  // which period goes into the audit chain ("register.export").
  void auditExport(const Principal& actor, const RegisterPeriod& p, const std::string& format);

private:
  store::Db& db_;
};

}  // namespace chancery::service
