#include <gtest/gtest.h>

#include "spec/crypto/aes.h"
#include "spec/crypto/aes_cmac.h"
#include "tests/support/vectors.h"

using namespace secmode;
using secmode::test::hex;

TEST(AesVectors, Fips197AppendixCExample) {
  // FIPS-197 Appendix C.1 (AES-128); not in the shared set, so it is checked here.
  const spec::Aes128 aes(hex("000102030405060708090a0b0c0d0e0f"));
  spec::Block in;
  const auto pt = hex("00112233445566778899aabbccddeeff");
  std::copy(pt.begin(), pt.end(), in.begin());
  const auto ct = aes.encrypt(in);
  EXPECT_EQ(test::to_hex({ct.begin(), ct.end()}), "69c4e0d86a7b0430d8cdb78070b4c55a");
}

TEST(CmacVectors, Rfc4493) {
  std::size_t checked = 0;
  for (const auto& v : test::vectors("cmac")) {
    SCOPED_TRACE(v.at("id").get<std::string>());
    if (v.at("type") == "subkeys") {
      const auto sk = spec::aes128_cmac_subkeys(hex(v["key"]));
      EXPECT_EQ(test::to_hex({sk.l.begin(), sk.l.end()}), v.at("l").get<std::string>());
      EXPECT_EQ(test::to_hex({sk.k1.begin(), sk.k1.end()}), v.at("k1").get<std::string>());
      EXPECT_EQ(test::to_hex({sk.k2.begin(), sk.k2.end()}), v.at("k2").get<std::string>());
    } else {
      const auto msg = hex(v["message"]);
      const auto tag = spec::aes128_cmac(hex(v["key"]), msg, 8 * msg.size());
      EXPECT_EQ(test::to_hex({tag.begin(), tag.end()}), v.at("mac").get<std::string>());
    }
    ++checked;
  }
  EXPECT_EQ(checked, 4u);
}
