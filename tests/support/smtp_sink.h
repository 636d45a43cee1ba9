#pragma once
// A tiny SMTP server for tests: accepts mail on 127.0.0.1 (a free port), answers the commands
// a client needs (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and keeps every message.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace Poco::Net {
class ServerSocket;
}

namespace chancery::testing {

struct SinkMessage {
  std::string from;
  std::vector<std::string> to;
  std::string data;     // as received, dot-unstuffed
  std::string subject;  // decoded (RFC 2047)
  std::string body;     // decoded (quoted-printable), line ends as \n
};

class SmtpSink {
public:
  SmtpSink();
  ~SmtpSink();
  int port() const { return port_; }
  std::vector<SinkMessage> messages() const;
  // Waits until at least n messages arrived; returns whether they did within the timeout.
  bool waitFor(std::size_t n, std::chrono::milliseconds timeout) const;
  void clear();
  // The next `n` sessions are refused with 421 (to test retries).
  void refuseNext(int n) { refuse_ = n; }

private:
  void serve();

  std::unique_ptr<Poco::Net::ServerSocket> socket_;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> refuse_{0};
  std::thread thread_;
  mutable std::mutex mutex_;
  mutable std::condition_variable arrived_;
  std::vector<SinkMessage> messages_;
};

}  // namespace chancery::testing
