#pragma once
// Prometheus text-format metrics: request counts and latency histogram from the HTTP layer,
// plus gauges and counters other components register as callbacks.

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace chancery::http {

class Metrics {
public:
  Metrics();
  void observeRequest(const std::string& method, int status, double seconds);
  // fn is called at scrape time; it must be thread-safe.
  void addGauge(std::string name, std::string help, std::function<double()> fn);
  void addCounter(std::string name, std::string help, std::function<double()> fn);
  std::string render() const;

private:
  static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  5.0};
  struct Callback {
    std::string name, help, type;
    std::function<double()> fn;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::array<std::uint64_t, kBuckets.size() + 1> histogram_{};
  double durationSum_ = 0;
  std::uint64_t durationCount_ = 0;
  std::vector<Callback> callbacks_;
  double started_;
};

}  // namespace chancery::http
