#pragma once
// Sends the reminder mails over SMTP (Poco::Net), optionally with STARTTLS and AUTH LOGIN.
// One connection per mail: reminders are few, and a long-lived session would need keep-alive.

#include "app/config.h"
#include "service/reminders.h"

namespace chancery::app {

class SmtpMailer : public service::Mailer {
public:
  explicit SmtpMailer(MailConfig config) : config_(std::move(config)) {}
  // Throws Poco::Exception (or std::runtime_error) when the server refuses or cannot be reached.
  void send(const service::Mail& mail) override;

private:
  MailConfig config_;
};

}  // namespace chancery::app
