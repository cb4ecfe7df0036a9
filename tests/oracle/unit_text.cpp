// oracle/text.h: cat writes its parts in order, numbers in decimal as std::to_string would (octets
// as numbers, not characters).
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "oracle/text.h"

namespace secmode::oracle {
namespace {

TEST(Text, PartsInOrderNumbersInDecimal) {
  const std::string s = "SECURITY MODE REJECT #";
  constexpr std::string_view v = " at octet ";
  EXPECT_EQ(cat(s, std::uint8_t{23}, v, std::size_t{7}, ""), "SECURITY MODE REJECT #23 at octet 7");
  EXPECT_EQ(cat("COUNT ", 0u, "/", -1, "/", std::numeric_limits<std::uint64_t>::max()),
            "COUNT 0/-1/18446744073709551615");
  EXPECT_EQ(cat(std::numeric_limits<std::int64_t>::min()), std::to_string(std::numeric_limits<std::int64_t>::min()));
  EXPECT_EQ(cat(), "");
}

}  // namespace
}  // namespace secmode::oracle
