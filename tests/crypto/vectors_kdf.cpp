#include <gtest/gtest.h>

#include "spec/crypto/kdf.h"
#include "tests/support/vectors.h"

using namespace secmode;
using secmode::test::hex;

// The generic KDF of TS 33.220 B.2 on every published derivation, from FC and the raw Pi.
TEST(KdfVectors, GenericKdfOnEveryDerivation) {
  std::size_t checked = 0;
  for (const auto& v : test::vectors("kdf")) {
    SCOPED_TRACE(v.at("id").get<std::string>());
    std::vector<spec::Bytes> params;
    for (const auto& p : v.at("params")) params.push_back(hex(p.at("hex")));
    const auto fc = hex(v["fc"]).at(0);
    EXPECT_EQ(test::to_hex(spec::kdf_input(fc, params)), v.at("s").get<std::string>());
    const auto out = spec::kdf(hex(v["key"]), fc, params);
    const std::string got = test::to_hex({out.begin(), out.end()});
    if (v.contains("output")) {
      EXPECT_EQ(got, v.at("output").get<std::string>());
    }
    if (v.contains("output_128")) {
      EXPECT_EQ(got.substr(32), v.at("output_128").get<std::string>());
    }
    ++checked;
  }
  EXPECT_EQ(checked, 37u);
}
