#include "app/smtp_mailer.h"

#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <memory>

namespace chancery::app {

void SmtpMailer::send(const service::Mail& mail) {
  Poco::Net::MailMessage msg;
  msg.setSender(config_.from);
  msg.addRecipient(
      Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, mail.to,
                               Poco::Net::MailMessage::encodeWord(mail.toName, "UTF-8")));
  msg.setSubject(Poco::Net::MailMessage::encodeWord(mail.subject, "UTF-8"));
  msg.setContentType("text/plain; charset=UTF-8");
  msg.setContent(mail.body, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);

  auto port = static_cast<Poco::UInt16>(config_.port);
  Poco::Timespan timeout(30, 0);
  if (config_.starttls) {
    Poco::Net::SecureSMTPClientSession session(config_.host, port);
    session.setTimeout(timeout);
    session.login();
    if (!session.startTLS()) throw std::runtime_error("the SMTP server does not offer STARTTLS");
    if (!config_.username.empty())
      session.login(Poco::Net::SMTPClientSession::AUTH_LOGIN, config_.username, config_.password);
    session.sendMessage(msg);
    session.close();
    return;
  }
  Poco::Net::SMTPClientSession session(config_.host, port);
  session.setTimeout(timeout);
  if (config_.username.empty())
    session.login();
  else
    session.login(Poco::Net::SMTPClientSession::AUTH_LOGIN, config_.username, config_.password);
  session.sendMessage(msg);
  session.close();
}

}  // namespace chancery::app
