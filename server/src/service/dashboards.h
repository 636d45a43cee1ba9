#pragma once
// Dashboards: the caller's tasks, overdue items, and on-time figures per unit and month
// (Decree 30 art. 24: following up the handling of incoming documents). The public figures
// count documents only — never subjects, numbers or names — and leave secret documents out.

#include "service/principal.h"
#include "store/db.h"
#include "store/document_store.h"
#include "store/flow_store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace chancery::service {

struct MyTasks {
  std::vector<store::OpenTask> handling;         // my open assignments (lead or support)
  std::vector<store::DocumentRecord> toDirect;   // presented to me, awaiting my directive
  std::vector<store::DocumentRecord> toApprove;  // in review, awaiting my approval
  std::vector<store::DocumentRecord> toSign;     // approved, awaiting my signature
  std::vector<store::DocumentRecord> toPresent;  // clerk: registered, not yet presented
  std::vector<store::DocumentRecord> toIssue;    // clerk: signed (or approved for paper issue)
  std::vector<store::DocumentRecord> myDrafts;   // drafts I wrote (returned ones included)
};

struct MonthFigures {
  std::string month;  // YYYY-MM, or "total"
  std::int64_t received = 0, completed = 0, onTime = 0, late = 0, noDeadline = 0;
  // onTime / (onTime + late); absent when nothing with a deadline was completed.
  std::optional<double> onTimeRate() const;
};

struct UnitFigures {
  std::int64_t unitId = 0;
  std::string code, name;
  std::vector<MonthFigures> months;
  MonthFigures total;
  std::int64_t open = 0, openOverdue = 0;  // now
};

struct OnTimeReport {
  std::string from, to;  // YYYY-MM
  std::vector<UnitFigures> units;
  MonthFigures total;
  std::int64_t open = 0, openOverdue = 0;
};

class DashboardService {
public:
  explicit DashboardService(store::Db& db) : db_(db) {}

  MyTasks myTasks(const Principal& actor);
  // Open incoming documents past their deadline that the caller may see.
  std::vector<store::DocumentRecord> overdue(const Principal& actor,
                                             std::optional<std::int64_t> unitId);
  // Months from..to (YYYY-MM, at most 36; default the last 6). Throws Error(BadRequest).
  OnTimeReport onTime(const std::optional<std::string>& from, const std::optional<std::string>& to,
                      std::optional<std::int64_t> unitId, bool includeSecret);

private:
  store::Db& db_;
};

}  // namespace chancery::service
