#pragma once
// Reminders by e-mail for incoming documents whose deadline is near or past. A scheduler thread
// runs runOnce() every interval; each reminder is claimed in the database before it is sent
// (reminders_sent), so several servers or a restart never send one twice, and a failed send is
// released to be retried next time. Mails about secret documents carry no subject or number.

#include "service/calendar.h"
#include "service/document_config.h"
#include "store/db.h"

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace chancery::service {

struct Mail {
  std::string to, toName, subject, body;  // UTF-8 plain text
};

// How mail leaves the server; the application provides an SMTP implementation (service/ has
// no networking). send() throws on failure.
class Mailer {
public:
  virtual ~Mailer() = default;
  virtual void send(const Mail& mail) = 0;
};

struct ReminderRun {
  int near = 0, overdue = 0, failed = 0, noAddress = 0;
};

class ReminderService {
public:
  ReminderService(store::Db& db, ReminderConfig config) : db_(db), config_(std::move(config)) {}
  ~ReminderService();

  void setMailer(std::shared_ptr<Mailer> mailer);
  const ReminderConfig& config() const { return config_; }
  // One pass over the open assignments as of `today`.
  ReminderRun runOnce(const calendar::Date& today);
  // Starts the background scheduler (a no-op without a mailer or when disabled).
  void start();
  void stop();

private:
  void loop();

  store::Db& db_;
  ReminderConfig config_;
  std::shared_ptr<Mailer> mailer_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace chancery::service
