// What counts as the content of a text file: valid UTF-8, also when the sniffed head ends inside
// a multi-byte character.
#include "service/files.h"

#include <gtest/gtest.h>

using chancery::service::FileService;

TEST(FileContent, ShortVietnameseTextIsText) {
  EXPECT_TRUE(FileService::contentMatches("text/plain", "chỉ là văn bản thuần\n"));
  EXPECT_TRUE(FileService::contentMatches("text/plain", "ầ"));
  std::string cutInside = "văn bản thuần";
  cutInside.pop_back();  // a head that ends inside "ầ"
  cutInside.pop_back();
  EXPECT_TRUE(FileService::contentMatches("text/plain", cutInside));
  EXPECT_FALSE(FileService::contentMatches("text/plain", "\xC3\x28 not UTF-8 at all"));
}
