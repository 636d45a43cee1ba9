// docs/openapi.yaml describes every route of the route table (and nothing that does not exist).
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "app/runtime.h"
#include "test_server.h"
#include "util/text.h"

using namespace chancery;

TEST(OpenApi, DescribesEveryRoute) {
  chancery::testing::TempDir dir;
  app::Runtime rt(chancery::testing::testConfig(dir.path(), ""));
  std::ifstream in(chancery::testing::sourceDir() / "docs/openapi.yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string spec = "\n" + ss.str();
  std::set<std::string> documented;
  for (const auto& route : rt.api().router().routes()) {
    std::string key = "\n  " + route.pattern + ":\n";
    auto start = spec.find(key);
    ASSERT_NE(start, std::string::npos) << route.pattern << " is not in docs/openapi.yaml";
    auto end = spec.find("\n  /", start + key.size());
    std::string block = spec.substr(start, end == std::string::npos ? std::string::npos : end - start);
    EXPECT_NE(block.find("\n    " + util::toLowerAscii(route.method) + ":"), std::string::npos)
        << route.method << " " << route.pattern << " is not in docs/openapi.yaml";
    documented.insert(route.pattern);
  }
  // The reverse: every documented path exists.
  std::istringstream lines(ss.str());
  std::string line;
  bool inPaths = false;
  while (std::getline(lines, line)) {
    if (line == "paths:") {
      inPaths = true;
    } else if (inPaths && line.size() > 3 && line.rfind("  /", 0) == 0 && line.back() == ':') {
      EXPECT_TRUE(documented.count(line.substr(2, line.size() - 3))) << line << " documents no route";
    }
  }
}
