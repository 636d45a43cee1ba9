// search_bench — indexes the Vietnamese legal corpus replicated past 100,000 documents, then
// measures query latency over a fixed mix of 1–4-word queries typed with and without
// diacritics, with facets and snippets; and the same for SQLite FTS5 on the same data.
//
//   search_bench [--copies N] [--limit N] [--batch N] [--rounds N] [--dir DIR] [--no-fts]
//                [--reuse] [--facet-sample N] [--show-slow MS] [--rebuild-threads N]
#include "search_bench.h"

#include "chancery/search/index.h"
#include "jsonl_corpus.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <numeric>
#include <sys/resource.h>
#include <unistd.h>

using namespace chancery::search;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// The fixed query mix: each query typed with diacritics and without, as clerks do.
const std::vector<std::pair<std::string, std::string>> kQueries{
    {"hồ sơ", "ho so"},
    {"quyết định", "quyet dinh"},
    {"lưu trữ", "luu tru"},
    {"thanh niên", "thanh nien"},
    {"giáo dục", "giao duc"},
    {"thuế thu nhập", "thue thu nhap"},
    {"bảo hiểm xã hội", "bao hiem xa hoi"},
    {"đất đai", "dat dai"},
    {"giấy phép lái xe", "giay phep lai xe"},
    {"ma túy", "ma tuy"},
    {"xử phạt vi phạm hành chính", "xu phat vi pham hanh chinh"},
    {"hợp đồng lao động", "hop dong lao dong"},
    {"trẻ em", "tre em"},
    {"môi trường", "moi truong"},
    {"ngân sách nhà nước", "ngan sach nha nuoc"},
    {"doanh nghiệp", "doanh nghiep"},
    {"khiếu nại", "khieu nai"},
    {"tố cáo", "to cao"},
    {"công chức", "cong chuc"},
    {"viên chức", "vien chuc"},
    {"kiểm toán", "kiem toan"},
    {"hải quan", "hai quan"},
    {"phòng cháy chữa cháy", "phong chay chua chay"},
    {"an toàn thực phẩm", "an toan thuc pham"},
    {"đăng ký kết hôn", "dang ky ket hon"},
    {"quốc tịch", "quoc tich"},
    {"di sản thừa kế", "di san thua ke"},
    {"bồi thường", "boi thuong"},
    {"cư trú", "cu tru"},
    {"nghĩa vụ quân sự", "nghia vu quan su"},
    {"thủ tục hành chính", "thu tuc hanh chinh"},
    {"tài nguyên nước", "tai nguyen nuoc"},
    {"chứng khoán", "chung khoan"},
    {"ngân hàng", "ngan hang"},
    {"xây dựng", "xay dung"},
    {"giao thông đường bộ", "giao thong duong bo"},
    {"bệnh viện", "benh vien"},
    {"dược phẩm", "duoc pham"},
    {"hộ tịch", "ho tich"},
    {"văn thư", "van thu"},
    {"thuế", "thue"},
    {"đất", "dat"},
    {"tàu biển", "tau bien"},
    {"luật", "luat"}};

struct Options {
  int copies = 2;
  std::size_t limit = 0;    // index only the first N documents (profiling)
  std::size_t batch = 1000; // measured: small flushes keep Xapian's in-memory maps small
  int rounds = 3;
  fs::path dir;
  bool fts = true;
  bool reuse = false;    // query an index left by an earlier run with --dir
  double showSlowMs = 0; // print queries that took more CPU time than this
  unsigned rebuildThreads = 0;
  std::uint64_t facetSample = IndexOptions{}.facetSample;
};

Options parseArgs(int argc, char **argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto number = [&](auto &out) {
      if (i + 1 >= argc) throw std::runtime_error(arg + " needs a value");
      const std::string v = argv[++i];
      if (std::from_chars(v.data(), v.data() + v.size(), out).ec != std::errc())
        throw std::runtime_error("bad number for " + arg);
    };
    if (arg == "--copies")
      number(o.copies);
    else if (arg == "--batch")
      number(o.batch);
    else if (arg == "--limit")
      number(o.limit);
    else if (arg == "--rounds")
      number(o.rounds);
    else if (arg == "--dir" && i + 1 < argc)
      o.dir = argv[++i];
    else if (arg == "--no-fts")
      o.fts = false;
    else if (arg == "--show-slow")
      number(o.showSlowMs);
    else if (arg == "--rebuild-threads")
      number(o.rebuildThreads);
    else if (arg == "--reuse")
      o.reuse = true;
    else if (arg == "--facet-sample")
      number(o.facetSample);
    else
      throw std::runtime_error("unknown argument " + arg);
  }
  return o;
}

// The corpus, replicated with distinct ids. One document in ten belongs to a unit only and
// one in a hundred is secret, so the access filter does real work.
std::vector<Document> loadDocuments(int copies) {
  std::vector<Document> base;
  testing::CorpusReader reader(testing::corpusPath());
  testing::JsonRecord record;
  while (reader.next(record))
    base.push_back(testing::toDocument(record));
  std::vector<Document> docs;
  docs.reserve(base.size() * static_cast<std::size_t>(copies));
  for (int copy = 0; copy < copies; ++copy) {
    for (const Document &d : base) {
      Document doc = d;
      if (copy > 0) doc.id += "#" + std::to_string(copy);
      const std::size_t n = docs.size();
      if (n % 10 == 3) doc.access = Access{false, {"unit-" + std::to_string(n % 20)}, {}, {}, {}};
      if (n % 100 == 7) doc.access = Access{false, {"unit-7"}, {}, {}, Secrecy::Secret};
      docs.push_back(std::move(doc));
    }
  }
  return docs;
}

std::vector<std::string> queryMix() {
  std::vector<std::string> out;
  for (const auto &[marked, plain] : kQueries) {
    out.push_back(marked);
    out.push_back(plain);
  }
  return out;
}

struct XapianRun {
  bench::Latencies latency;
  double meanHits = 0;
};

XapianRun runQueries(const Index &index, const std::vector<std::string> &queries, int rounds,
                     bool facets, double showSlowMs) {
  const Principal clerk{"u-1", {"unit-3"}, {}, Secrecy::None};
  SearchRequest request;
  request.limit = 10;
  if (facets) request.facets = {Facet::Type, Facet::Issuer, Facet::Year, Facet::Signer};
  XapianRun run;
  double hits = 0;
  for (int round = -1; round < rounds; ++round) { // round -1 warms the caches
    for (const std::string &q : queries) {
      request.query = q;
      const auto start = Clock::now();
      const double cpu = bench::threadCpuMs();
      const SearchResults r = index.search(request, clerk);
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      if (round < 0) continue;
      run.latency.ms.push_back(ms);
      run.latency.cpuMs.push_back(bench::threadCpuMs() - cpu);
      if (showSlowMs > 0 && run.latency.cpuMs.back() > showSlowMs)
        std::cout << "slow " << run.latency.cpuMs.back() << " ms CPU: " << q << " (" << r.total
                  << " matches)\n";
      hits += static_cast<double>(r.total);
    }
  }
  run.meanHits = hits / static_cast<double>(run.latency.ms.size());
  return run;
}

// User + system time of the whole process: the machine is shared, so wall time alone
// overstates the cost when other jobs compete for the two cores.
double cpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval &t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

std::string loadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string line;
  std::getline(in, line);
  return line + "\n";
}

void printRow(const char *name, double xapian, double fts, const char *unit) {
  std::printf("  %-28s %12.2f %12.2f %-6s  ratio FTS5/Xapian %.2f\n", name, xapian, fts, unit,
              xapian > 0 ? fts / xapian : 0.0);
}

} // namespace

int main(int argc, char **argv) try {
  const Options options = parseArgs(argc, argv);
  const fs::path dir =
      options.dir.empty() ? fs::temp_directory_path() / ("search-bench-" + std::to_string(getpid()))
                          : options.dir;
  const bool reuse = options.reuse && fs::exists(dir / "xapian");
  if (!reuse) fs::remove_all(dir);
  fs::create_directories(dir);
  // Let our batches decide when Xapian flushes, not its 10,000-document default.
  const std::string threshold = std::to_string(options.batch + 1);
  setenv("XAPIAN_FLUSH_THRESHOLD", threshold.c_str(), 1);

  std::cout << "loading corpus " << testing::corpusPath() << " ×" << options.copies << "\n";
  std::vector<Document> docs;
  if (!reuse || options.fts) docs = loadDocuments(options.copies);
  if (options.limit > 0 && options.limit < docs.size()) docs.resize(options.limit);
  std::size_t textBytes = 0;
  for (const Document &d : docs)
    textBytes += d.text.size() + d.title.size();
  std::cout << "documents: " << docs.size() << ", text " << textBytes / (1024 * 1024) << " MiB\n";

  IndexOptions indexOptions;
  indexOptions.facetSample = options.facetSample;
  indexOptions.rebuildThreads = options.rebuildThreads;
  Index index(dir / "xapian", Index::Mode::Writable, indexOptions);
  const double cpuStart = cpuSeconds();
  const auto start = Clock::now();
  for (std::size_t i = 0; !reuse && i < docs.size(); ++i) {
    index.upsert(docs[i]);
    if ((i + 1) % options.batch == 0) index.commit();
  }
  index.commit();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const double cpu = cpuSeconds() - cpuStart;
  const double xapianRate = static_cast<double>(docs.size()) / seconds;
  const double xapianMiB = static_cast<double>(index.sizeOnDisk()) / (1024.0 * 1024.0);
  std::cout << "xapian: indexed in " << seconds << " s wall, " << cpu << " s CPU ("
            << static_cast<double>(docs.size()) / cpu << " docs per CPU second)\n";

  // The reindex path: Index::rebuild() into a fresh generation (two threads, one fsync pass).
  double rebuildRate = 0;
  double rebuiltMiB = 0;
  if (!reuse) {
    std::size_t next = 0;
    const double rebuildCpu = cpuSeconds();
    const auto rebuildStart = Clock::now();
    index.rebuild(
        [&](Document &d) { return next < docs.size() ? (d = docs[next++], true) : false; }, {}, {},
        docs.size(), options.batch);
    const double wall = std::chrono::duration<double>(Clock::now() - rebuildStart).count();
    rebuildRate = static_cast<double>(docs.size()) / wall;
    rebuiltMiB = static_cast<double>(index.sizeOnDisk()) / (1024.0 * 1024.0);
    std::cout << "xapian: rebuilt in " << wall << " s wall, " << cpuSeconds() - rebuildCpu
              << " s CPU\n";
  }

  const std::vector<std::string> queries = queryMix();
  const XapianRun plain = runQueries(index, queries, options.rounds, false, options.showSlowMs);
  const XapianRun faceted = runQueries(index, queries, options.rounds, true, options.showSlowMs);

  bench::FtsFigures fts;
  if (options.fts && !reuse)
    fts = bench::runFts5(docs, queries, dir / "fts5.db", options.batch, options.rounds);

  std::printf("\nqueries ran against the rebuilt (compacted) index\n");
  std::printf("search_bench: %zu documents, %zu queries (%zu with diacritics, %zu without), "
              "%d rounds, limit 10, snippets on\n",
              docs.size(), queries.size(), kQueries.size(), kQueries.size(), options.rounds);
  std::printf("  %-28s %12s %12s\n", "", "Xapian", "FTS5");
  printRow("indexing (upsert+commit)", xapianRate, fts.docsPerSecond, "docs/s");
  std::printf("  %-28s %12.2f %12s %-6s\n", "indexing (rebuild)", rebuildRate, "", "docs/s");
  printRow("index size", xapianMiB, static_cast<double>(fts.bytes) / (1024.0 * 1024.0), "MiB");
  std::printf("  %-28s %12.2f %12s %-6s\n", "index size after rebuild", rebuiltMiB, "", "MiB");
  printRow("p50 with 4 facets", faceted.latency.percentile(50), fts.latency.percentile(50), "ms");
  printRow("p99 with 4 facets", faceted.latency.percentile(99), fts.latency.percentile(99), "ms");
  printRow("mean with 4 facets", faceted.latency.mean(), fts.latency.mean(), "ms");
  printRow("CPU p50 with 4 facets", faceted.latency.cpuPercentile(50),
           fts.latency.cpuPercentile(50), "ms");
  printRow("CPU p99 with 4 facets", faceted.latency.cpuPercentile(99),
           fts.latency.cpuPercentile(99), "ms");
  printRow("mean matches per query", faceted.meanHits, fts.meanHits, "docs");
  std::printf("  Xapian without facets: p50 %.2f ms, p99 %.2f ms (CPU p50 %.2f, p99 %.2f)\n",
              plain.latency.percentile(50), plain.latency.percentile(99),
              plain.latency.cpuPercentile(50), plain.latency.cpuPercentile(99));
  std::printf("  load average at the end: %s", loadAverage().c_str());
  if (options.dir.empty()) fs::remove_all(dir);
  return 0;
} catch (const std::exception &e) {
  std::cerr << "search_bench: " << e.what() << "\n";
  return 1;
}
