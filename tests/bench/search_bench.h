#pragma once
// Shared pieces of search_bench: the query mix and latency statistics.

#include "chancery/search/document.h"

#include <filesystem>
#include <string>
#include <vector>

namespace chancery::search::bench {

// Wall time per query, and the CPU time of the querying thread: the machine is shared, and
// under load wall time measures the neighbours as much as the engine.
struct Latencies {
  std::vector<double> ms;
  std::vector<double> cpuMs;
  double percentile(double p) const { return percentileOf(ms, p); }
  double cpuPercentile(double p) const { return percentileOf(cpuMs, p); }
  double mean() const;
  static double percentileOf(const std::vector<double> &values, double p);
};

// CPU time of the calling thread, in milliseconds.
double threadCpuMs();

struct FtsFigures {
  double docsPerSecond = 0;
  std::uint64_t bytes = 0;
  Latencies latency;
  double meanHits = 0;
};

// Indexes `docs` into SQLite FTS5 (unicode61 remove_diacritics 2) in `dir` and runs `queries`
// `rounds` times with snippets and the four facet counts.
FtsFigures runFts5(const std::vector<Document> &docs, const std::vector<std::string> &queries,
                   const std::filesystem::path &dir, std::size_t batch, int rounds);

} // namespace chancery::search::bench
