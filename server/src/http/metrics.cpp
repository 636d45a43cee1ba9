#include "http/metrics.h"

#include <chrono>
#include <cstdio>

namespace chancery::http {
namespace {
double nowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
std::string num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}
}  // namespace

Metrics::Metrics() : started_(nowSeconds()) {}

void Metrics::observeRequest(const std::string& method, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{method, status}];
  std::size_t i = 0;
  while (i < kBuckets.size() && seconds > kBuckets[i]) ++i;
  ++histogram_[i];
  durationSum_ += seconds;
  ++durationCount_;
}

void Metrics::addGauge(std::string name, std::string help, std::function<double()> fn) {
  std::lock_guard lock(mutex_);
  callbacks_.push_back({std::move(name), std::move(help), "gauge", std::move(fn)});
}

void Metrics::addCounter(std::string name, std::string help, std::function<double()> fn) {
  std::lock_guard lock(mutex_);
  callbacks_.push_back({std::move(name), std::move(help), "counter", std::move(fn)});
}

std::string Metrics::render() const {
  std::string out;
  std::lock_guard lock(mutex_);
  out += "# HELP chancery_http_requests_total HTTP requests by method and status.\n"
         "# TYPE chancery_http_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    out += "chancery_http_requests_total{method=\"" + key.first + "\",status=\"" +
           std::to_string(key.second) + "\"} " + std::to_string(n) + "\n";
  out += "# HELP chancery_http_request_duration_seconds Time to answer a request.\n"
         "# TYPE chancery_http_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += histogram_[i];
    out += "chancery_http_request_duration_seconds_bucket{le=\"" + num(kBuckets[i]) + "\"} " +
           std::to_string(cumulative) + "\n";
  }
  cumulative += histogram_[kBuckets.size()];
  out += "chancery_http_request_duration_seconds_bucket{le=\"+Inf\"} " +
         std::to_string(cumulative) + "\n";
  out += "chancery_http_request_duration_seconds_sum " + num(durationSum_) + "\n";
  out += "chancery_http_request_duration_seconds_count " + std::to_string(durationCount_) + "\n";
  out += "# HELP chancery_uptime_seconds Seconds since the server started.\n"
         "# TYPE chancery_uptime_seconds gauge\n"
         "chancery_uptime_seconds " + num(nowSeconds() - started_) + "\n";
  for (const auto& cb : callbacks_) {
    out += "# HELP " + cb.name + " " + cb.help + "\n# TYPE " + cb.name + " " + cb.type + "\n";
    out += cb.name + " " + num(cb.fn()) + "\n";
  }
  return out;
}

}  // namespace chancery::http
