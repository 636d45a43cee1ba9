#include "service/dashboards.h"

#include "service/calendar.h"
#include "service/document_common.h"
#include "service/errors.h"
#include "store/user_store.h"

#include <map>

namespace chancery::service {
namespace {

constexpr std::int64_t kMaxMonths = 36;
constexpr std::int64_t kTaskListLimit = 200;

std::vector<store::DocumentRecord> query(store::Connection& c, const Principal& actor,
                                         store::DocumentFilter f) {
  f.limit = kTaskListLimit;
  f.sort = "due";
  return store::documents::list(c, docs::viewerOf(actor), f, nullptr);
}

bool isOpen(const std::string& status) {
  return status == "registered" || status == "presented" || status == "assigned" ||
         status == "in_progress";
}

}  // namespace

std::optional<double> MonthFigures::onTimeRate() const {
  if (onTime + late == 0) return std::nullopt;
  return static_cast<double>(onTime) / static_cast<double>(onTime + late);
}

MyTasks DashboardService::myTasks(const Principal& actor) {
  auto lease = db_.acquire();
  auto& c = *lease;
  MyTasks t;
  t.handling = store::assignments::open(c, actor.userId);
  store::DocumentFilter f;
  if (actor.has(Role::Leader)) {
    f = {};
    f.status = "presented";
    f.presentedTo = actor.userId;
    t.toDirect = query(c, actor, f);
    f = {};
    f.status = "in_review";
    f.approverId = actor.userId;
    t.toApprove = query(c, actor, f);
    if (actor.unitId) {
      f = {};
      f.status = "in_review";
      f.unitId = actor.unitId;
      for (auto& d : query(c, actor, f))
        if (!d.approverId) t.toApprove.push_back(std::move(d));
    }
    f = {};
    f.status = "approved";
    f.approverId = actor.userId;
    t.toSign = query(c, actor, f);
  }
  if (actor.has(Role::Clerk) && actor.unitId) {
    f = {};
    f.status = "registered";
    f.unitId = actor.unitId;
    t.toPresent = query(c, actor, f);
    f = {};
    f.status = "signed";
    f.unitId = actor.unitId;
    t.toIssue = query(c, actor, f);
  }
  f = {};
  f.status = "draft";
  f.createdBy = actor.userId;
  t.myDrafts = query(c, actor, f);
  return t;
}

std::vector<store::DocumentRecord> DashboardService::overdue(const Principal& actor,
                                                             std::optional<std::int64_t> unitId) {
  auto lease = db_.acquire();
  store::DocumentFilter f;
  f.overdueOnly = true;
  f.overdueBefore = calendar::today().str();
  f.unitId = unitId;
  f.limit = 500;
  f.sort = "due";
  return store::documents::list(*lease, docs::viewerOf(actor), f, nullptr);
}

OnTimeReport DashboardService::onTime(const std::optional<std::string>& fromIn,
                                      const std::optional<std::string>& toIn,
                                      std::optional<std::int64_t> unitId, bool includeSecret) {
  calendar::Date today = calendar::today();
  calendar::Date thisMonth{today.year, today.month, 1};
  std::optional<calendar::Date> to = toIn ? calendar::parseMonth(*toIn) : thisMonth;
  if (!to) throw invalidField("to", "to must be a month YYYY-MM");
  std::optional<calendar::Date> from;
  if (fromIn) {
    from = calendar::parseMonth(*fromIn);
    if (!from) throw invalidField("from", "from must be a month YYYY-MM");
  } else {
    from = *to;
    for (int i = 0; i < 5; ++i)
      from = from->month == 1 ? calendar::Date{from->year - 1, 12, 1}
                              : calendar::Date{from->year, from->month - 1, 1};
  }
  if (*to < *from) throw invalidField("to", "to is before from");
  std::vector<std::string> months;
  for (calendar::Date m = *from; m <= *to; m = calendar::nextMonth(m)) {
    months.push_back(calendar::monthKey(m));
    if (static_cast<std::int64_t>(months.size()) > kMaxMonths)
      throw invalidField("to", "at most 36 months at a time");
  }
  calendar::Date end = calendar::nextMonth(*to);

  OnTimeReport r;
  r.from = months.front();
  r.to = months.back();
  r.total.month = "total";
  auto lease = db_.acquire();
  auto& c = *lease;
  std::map<std::int64_t, std::size_t> index;
  for (const auto& u : store::units::list(c)) {
    if (unitId && u.id != *unitId) continue;
    UnitFigures uf;
    uf.unitId = u.id;
    uf.code = u.code;
    uf.name = u.name;
    for (const auto& m : months)
      uf.months.push_back(MonthFigures{m});
    uf.total.month = "total";
    index[u.id] = r.units.size();
    r.units.push_back(std::move(uf));
  }
  if (unitId && r.units.empty()) throw notFound("unit");
  auto monthIndex = [&](const std::string& key) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < months.size(); ++i)
      if (months[i] == key) return i;
    return std::nullopt;
  };
  std::string todayStr = today.str();
  for (const auto& f :
       store::facts::handling(c, calendar::startMillis(*from), calendar::startMillis(end),
                              from->str(), calendar::addDays(end, -1).str())) {
    if (!includeSecret && f.secrecy != "none") continue;
    if (!f.unitId || !index.count(*f.unitId)) continue;
    UnitFigures& uf = r.units[index[*f.unitId]];
    if (isOpen(f.status)) {
      ++uf.open;
      if (f.dueDate && *f.dueDate < todayStr) ++uf.openOverdue;
    }
    if (f.receivedDate)
      if (auto i = monthIndex(f.receivedDate->substr(0, 7))) {
        ++uf.months[*i].received;
        ++uf.total.received;
      }
    if (f.completedAt) {
      calendar::Date done = calendar::dateOf(*f.completedAt);
      if (auto i = monthIndex(calendar::monthKey(done))) {
        MonthFigures& m = uf.months[*i];
        ++m.completed;
        ++uf.total.completed;
        if (!f.dueDate) {
          ++m.noDeadline;
          ++uf.total.noDeadline;
        } else if (done.str() <= *f.dueDate) {
          ++m.onTime;
          ++uf.total.onTime;
        } else {
          ++m.late;
          ++uf.total.late;
        }
      }
    }
  }
  for (const auto& uf : r.units) {
    r.total.received += uf.total.received;
    r.total.completed += uf.total.completed;
    r.total.onTime += uf.total.onTime;
    r.total.late += uf.total.late;
    r.total.noDeadline += uf.total.noDeadline;
    r.open += uf.open;
    r.openOverdue += uf.openOverdue;
  }
  return r;
}

}  // namespace chancery::service
