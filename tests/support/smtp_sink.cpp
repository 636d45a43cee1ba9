#include "smtp_sink.h"

#include "util/text.h"

#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/SocketStream.h>
#include <Poco/Net/StreamSocket.h>
#include <algorithm>
#include <sstream>

namespace chancery::testing {
namespace {

std::string address(const std::string& line) {
  auto lt = line.find('<'), gt = line.find('>');
  if (lt == std::string::npos || gt == std::string::npos || gt < lt) return "";
  return line.substr(lt + 1, gt - lt - 1);
}

void decode(SinkMessage& m) {
  try {
    std::istringstream in(m.data);
    Poco::Net::MailMessage msg;
    msg.read(in);
    m.subject = Poco::Net::MessageHeader::decodeWord(msg.getSubject());
    m.body = msg.getContent();
    m.body.erase(std::remove(m.body.begin(), m.body.end(), '\r'), m.body.end());
  } catch (const Poco::Exception&) {
  }
}

}  // namespace

SmtpSink::SmtpSink() {
  socket_ = std::make_unique<Poco::Net::ServerSocket>(Poco::Net::SocketAddress("127.0.0.1", 0));
  port_ = socket_->address().port();
  thread_ = std::thread([this] { serve(); });
}

SmtpSink::~SmtpSink() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

std::vector<SinkMessage> SmtpSink::messages() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

bool SmtpSink::waitFor(std::size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return arrived_.wait_for(lock, timeout, [&] { return messages_.size() >= n; });
}

void SmtpSink::clear() {
  std::lock_guard lock(mutex_);
  messages_.clear();
}

void SmtpSink::serve() {
  while (!stop_) {
    try {
      if (!socket_->poll(Poco::Timespan(0, 100000), Poco::Net::Socket::SELECT_READ)) continue;
      Poco::Net::StreamSocket s = socket_->acceptConnection();
      s.setReceiveTimeout(Poco::Timespan(10, 0));
      Poco::Net::SocketStream io(s);
      auto reply = [&](const std::string& line) { io << line << "\r\n" << std::flush; };
      if (refuse_ > 0) {
        --refuse_;
        reply("421 try again later");
        continue;
      }
      reply("220 sink ESMTP");
      SinkMessage m;
      std::string line;
      while (std::getline(io, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::string cmd = util::toLowerAscii(line.substr(0, 4));
        if (cmd == "ehlo" || cmd == "helo")
          reply("250 sink");
        else if (cmd == "mail") {
          m = {};
          m.from = address(line);
          reply("250 ok");
        } else if (cmd == "rcpt") {
          m.to.push_back(address(line));
          reply("250 ok");
        } else if (cmd == "data") {
          reply("354 end with .");
          std::string data;
          while (std::getline(io, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line == ".") break;
            if (!line.empty() && line[0] == '.') line.erase(0, 1);
            data += line + "\r\n";
          }
          m.data = data;
          decode(m);
          {
            std::lock_guard lock(mutex_);
            messages_.push_back(m);
          }
          arrived_.notify_all();
          reply("250 queued");
        } else if (cmd == "quit") {
          reply("221 bye");
          break;
        } else {
          reply("250 ok");
        }
      }
    } catch (const Poco::Exception&) {
    }
  }
}

}  // namespace chancery::testing
