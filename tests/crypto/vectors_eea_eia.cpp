// Every 128-EEA and 128-EIA vector through the algorithm-identity API (TS 33.401 Annex B),
// which is also the 128-NEA / 128-NIA API (TS 33.501 Annex D).
#include <gtest/gtest.h>

#include "spec/crypto/eea_eia.h"
#include "tests/support/vectors.h"

using namespace secmode;
using secmode::test::hex;

namespace {
std::uint8_t alg_id(const nlohmann::json& v) {  // "128-EEA2" -> 2
  const auto name = v.at("algorithm").get<std::string>();
  return static_cast<std::uint8_t>(name.back() - '0');
}
spec::CountInputs inputs(const nlohmann::json& v) {
  return {v.at("count").get<std::uint32_t>(), v.at("bearer").get<std::uint8_t>(),
          v.at("direction").get<std::uint8_t>()};
}
}  // namespace

TEST(EeaVectors, EncryptAndDecryptEveryVector) {
  std::size_t checked = 0;
  for (const auto& v : test::vectors("eea")) {
    SCOPED_TRACE(v.at("id").get<std::string>());
    const auto alg = static_cast<spec::Eea>(alg_id(v));
    const auto bits = v.at("length_bits").get<std::size_t>();
    EXPECT_EQ(spec::eea(alg, hex(v["key"]), inputs(v), hex(v["plaintext"]), bits), hex(v["ciphertext"]));
    EXPECT_EQ(spec::eea(alg, hex(v["key"]), inputs(v), hex(v["ciphertext"]), bits), hex(v["plaintext"]));
    ++checked;
  }
  EXPECT_EQ(checked, 11u);
}

TEST(EiaVectors, MacOfEveryVector) {
  std::size_t checked = 0;
  for (const auto& v : test::vectors("eia")) {
    SCOPED_TRACE(v.at("id").get<std::string>());
    const auto alg = static_cast<spec::Eia>(alg_id(v));
    const auto mac = spec::eia(alg, hex(v["key"]), inputs(v), hex(v["message"]), v.at("length_bits").get<std::size_t>());
    EXPECT_EQ(test::to_hex({mac.begin(), mac.end()}), v.at("mac").get<std::string>());
    ++checked;
  }
  EXPECT_EQ(checked, 13u);
}

// EEA0 / EIA0 have no published vectors: check their definition directly.
TEST(NullAlgorithms, Eea0IsIdentityAndEia0IsZero) {
  const std::vector<std::uint8_t> data{0xde, 0xad, 0xbe, 0xef};
  const spec::CountInputs in{0x12345678, 3, 1};
  EXPECT_EQ(spec::eea(spec::Eea::eea0, {}, in, data, 27), (std::vector<std::uint8_t>{0xde, 0xad, 0xbe, 0xe0}));
  EXPECT_EQ(spec::eia(spec::Eia::eia0, {}, in, data, 32), (spec::Mac32{0, 0, 0, 0}));
}

TEST(EeaEiaContract, RejectsBadInputs) {
  const std::vector<std::uint8_t> key(16, 0x11), shortkey(15, 0x11), data(4, 0);
  EXPECT_THROW(spec::eea(spec::Eea::eea2, shortkey, {0, 0, 0}, data, 32), spec::CryptoArgumentError);
  EXPECT_THROW(spec::eea(spec::Eea::eea2, key, {0, 32, 0}, data, 32), spec::CryptoArgumentError);
  EXPECT_THROW(spec::eia(spec::Eia::eia2, key, {0, 0, 2}, data, 32), spec::CryptoArgumentError);
  EXPECT_THROW(spec::eia(spec::Eia::eia2, key, {0, 0, 0}, data, 33), spec::CryptoArgumentError);
}
