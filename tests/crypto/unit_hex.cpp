#include <gtest/gtest.h>

#include "spec/hex.h"

using secmode::spec::Bytes;
using secmode::spec::parse_hex;

TEST(Hex, RoundTripsAndAcceptsPrefixAndCase) {
  Bytes out;
  ASSERT_FALSE(parse_hex("0x00fFa5", out));
  EXPECT_EQ(out, (Bytes{0x00, 0xff, 0xa5}));
  EXPECT_EQ(secmode::spec::to_hex(out), "00ffa5");
  ASSERT_FALSE(parse_hex("", out));
  EXPECT_TRUE(out.empty());
}

TEST(Hex, NamesTheOffsetOfTheFirstBadDigit) {
  Bytes out;
  auto err = parse_hex("00g1", out);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->offset, 2u);
  err = parse_hex("0x001z", out);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->offset, 5u);
  err = parse_hex("abc", out);
  ASSERT_TRUE(err);
  EXPECT_NE(err->reason.find("odd"), std::string::npos);
}
