#include "service/reminders.h"

#include "store/flow_store.h"
#include "store/user_store.h"
#include "util/log.h"

namespace chancery::service {
namespace {

std::string describe(const store::OpenTask& t) {
  if (t.secrecy != "none") return "một văn bản mật (xem trên hệ thống)";
  std::string s = "văn bản đến";
  if (t.receivedNumber) s += " số " + std::to_string(*t.receivedNumber);
  std::string code =
      t.number.empty() ? t.notation : t.number + (t.notation.empty() ? "" : "/" + t.notation);
  if (!code.empty()) s += " (" + code + ")";
  return s + ": " + t.subject;
}

Mail compose(const store::OpenTask& t, const store::UserRecord& u, bool overdue, std::int64_t days,
             const std::string& baseUrl) {
  Mail m;
  m.to = *u.email;
  m.toName = u.fullName;
  std::string what = describe(t);
  std::string role = t.assignment.role == "lead" ? "chủ trì" : "phối hợp";
  std::string ref =
      t.secrecy != "none"
          ? "văn bản mật"
          : (t.receivedNumber ? "số đến " + std::to_string(*t.receivedNumber)
                              : "văn bản #" + std::to_string(t.assignment.documentId));
  m.subject = overdue ? "[Chancery] Quá hạn xử lý: " + ref : "[Chancery] Sắp đến hạn xử lý: " + ref;
  m.body = "Kính gửi " + u.fullName + ",\n\n" + "Anh/chị được giao " + role + " xử lý " + what +
           ".\nHạn xử lý: " + *t.assignment.deadline +
           (overdue ? " — đã quá hạn " + std::to_string(-days) + " ngày."
                    : (days == 0 ? " — hết hạn hôm nay."
                                 : " — còn " + std::to_string(days) + " ngày.")) +
           "\n";
  if (!baseUrl.empty())
    m.body += "\nXem văn bản: " + baseUrl + "/documents/" +
              std::to_string(t.assignment.documentId) + "\n";
  m.body += "\nThư này do hệ thống Chancery gửi tự động.\n";
  return m;
}

}  // namespace

ReminderService::~ReminderService() {
  stop();
}

void ReminderService::setMailer(std::shared_ptr<Mailer> mailer) {
  std::lock_guard lock(mutex_);
  mailer_ = std::move(mailer);
}

ReminderRun ReminderService::runOnce(const calendar::Date& today) {
  ReminderRun run;
  std::shared_ptr<Mailer> mailer;
  {
    std::lock_guard lock(mutex_);
    mailer = mailer_;
  }
  if (!mailer) return run;
  std::vector<store::OpenTask> tasks;
  {
    auto lease = db_.acquire();
    tasks = store::assignments::open(*lease, std::nullopt);
  }
  for (const auto& t : tasks) {
    if (!t.assignment.deadline) continue;
    auto deadline = calendar::parse(*t.assignment.deadline);
    if (!deadline) continue;
    std::int64_t days = calendar::dayNumber(*deadline) - calendar::dayNumber(today);
    bool overdue = days < 0;
    if (!overdue && days > config_.daysBefore) continue;
    // One "near" reminder per deadline; one "overdue" reminder per day.
    std::string kind = overdue ? "overdue" : "near";
    std::string on = overdue ? today.str() : deadline->str();
    std::optional<store::UserRecord> user;
    {
      auto lease = db_.acquire();
      user = store::users::findById(*lease, t.assignment.userId);
    }
    if (!user || !user->active || !user->email || user->email->empty()) {
      ++run.noAddress;
      continue;
    }
    bool claimed = db_.transact([&](store::Connection& c) {
      return store::reminders::claim(c, t.assignment.id, kind, on);
    });
    if (!claimed) continue;
    try {
      mailer->send(compose(t, *user, overdue, days, config_.baseUrl));
      ++(overdue ? run.overdue : run.near);
    } catch (const std::exception& e) {
      ++run.failed;
      util::logWarn("reminder to " + *user->email + " failed: " + e.what());
      db_.transact(
          [&](store::Connection& c) { store::reminders::release(c, t.assignment.id, kind, on); });
    }
  }
  return run;
}

void ReminderService::start() {
  std::lock_guard lock(mutex_);
  if (!config_.enabled || !mailer_ || thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void ReminderService::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ReminderService::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      ReminderRun r = runOnce(calendar::today());
      if (r.near + r.overdue + r.failed > 0)
        util::logInfo("reminders: " + std::to_string(r.near) + " near, " +
                      std::to_string(r.overdue) + " overdue, " + std::to_string(r.failed) +
                      " failed");
    } catch (const std::exception& e) {
      util::logError(std::string("reminders: ") + e.what());
    }
    lock.lock();
    wake_.wait_for(lock, std::chrono::seconds(config_.intervalSeconds),
                   [this] { return stopping_; });
  }
}

}  // namespace chancery::service
