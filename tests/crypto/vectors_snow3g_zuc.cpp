// The SNOW 3G / ZUC spec twins against every published vector that exercises them:
// snow3g.json (keystream, UEA2 f8, UIA2 f9), zuc.json (keystream), and the 128-EEA1/EIA1
// and 128-EEA3/EIA3 sets of eea.json / eia.json called directly (not through eea_eia.h).
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "spec/crypto/eea3_eia3.h"
#include "spec/crypto/snow3g.h"
#include "spec/crypto/uea2_uia2.h"
#include "spec/crypto/zuc.h"
#include "tests/support/vectors.h"

using namespace secmode;
using secmode::test::hex;

namespace {

using Bytes = std::vector<std::uint8_t>;

std::string id_of(const nlohmann::json& v) { return v.at("id").get<std::string>(); }
std::size_t bits_of(const nlohmann::json& v) { return v.at("length_bits").get<std::size_t>(); }
std::uint32_t u32_of(const nlohmann::json& v, const char* f) { return v.at(f).get<std::uint32_t>(); }
std::uint8_t u8_of(const nlohmann::json& v, const char* f) { return v.at(f).get<std::uint8_t>(); }
Bytes mac_bytes(const spec::Mac32& m) { return {m.begin(), m.end()}; }

// 16 bytes -> four big-endian words, in the order printed (k0, k1, k2, k3 / IV0 .. IV3).
std::array<std::uint32_t, 4> words4(const Bytes& b) {
  EXPECT_EQ(b.size(), 16u);
  std::array<std::uint32_t, 4> w{};
  for (std::size_t i = 0; i < 4 && 4 * i + 3 < b.size(); ++i) w[i] = spec::load_be32(&b[4 * i]);
  return w;
}

// `outputs` of a keystream vector: the words starting at z(word_offset + 1), hex-encoded.
// `make` builds a fresh generator so that each output block is checked from its own offset.
template <typename Make>
std::size_t check_keystream_outputs(const nlohmann::json& v, Make make) {
  std::size_t blocks = 0;
  for (const auto& out : v.at("outputs")) {
    const auto offset = out.at("word_offset").get<std::size_t>();
    const Bytes expected = hex(out.at("words"));
    auto gen = make();
    for (std::size_t i = 0; i < offset; ++i) (void)gen->next();
    Bytes got(expected.size());
    for (std::size_t i = 0; i + 4 <= got.size(); i += 4) spec::store_be32(&got[i], gen->next());
    EXPECT_EQ(test::to_hex(got), test::to_hex(expected)) << "word_offset " << offset;
    ++blocks;
  }
  return blocks;
}

}  // namespace

TEST(Snow3gVectors, KeystreamAtEveryWordOffset) {
  std::size_t checked = 0, blocks = 0;
  for (const auto& v : test::vectors("snow3g")) {
    if (v.at("type") != "keystream") continue;
    SCOPED_TRACE(id_of(v));
    const auto k = words4(hex(v.at("key_words")));
    const auto iv = words4(hex(v.at("iv_words")));
    blocks += check_keystream_outputs(v, [&] { return std::make_unique<spec::Snow3g>(k, iv); });
    ++checked;
  }
  EXPECT_GT(checked, 0u);
  EXPECT_GE(blocks, checked);
}

TEST(Uea2Vectors, F8EncryptsAndDecrypts) {
  std::size_t checked = 0;
  for (const auto& v : test::vectors("snow3g")) {
    if (v.at("type") != "uea2_f8") continue;
    SCOPED_TRACE(id_of(v));
    const Bytes ck = hex(v.at("key"));
    const auto count = u32_of(v, "count");
    const auto bearer = u8_of(v, "bearer"), dir = u8_of(v, "direction");
    EXPECT_EQ(spec::uea2_f8(ck, count, bearer, dir, hex(v.at("plaintext")), bits_of(v)),
              hex(v.at("ciphertext")));
    EXPECT_EQ(spec::uea2_f8(ck, count, bearer, dir, hex(v.at("ciphertext")), bits_of(v)),
              hex(v.at("plaintext")));
    ++checked;
  }
  EXPECT_GT(checked, 0u);
}

TEST(Uia2Vectors, F9WithFresh) {
  std::size_t checked = 0;
  for (const auto& v : test::vectors("snow3g")) {
    if (v.at("type") != "uia2_f9") continue;
    SCOPED_TRACE(id_of(v));
    const auto mac = spec::uia2_f9(hex(v.at("key")), u32_of(v, "count"), u32_of(v, "fresh"),
                                   u8_of(v, "direction"), hex(v.at("message")), bits_of(v));
    EXPECT_EQ(test::to_hex(mac_bytes(mac)), v.at("mac").get<std::string>());
    ++checked;
  }
  EXPECT_GT(checked, 0u);
}

TEST(ZucVectors, KeystreamAtEveryWordOffset) {
  std::size_t checked = 0, blocks = 0;
  for (const auto& v : test::vectors("zuc")) {
    if (v.at("type") != "keystream") continue;
    SCOPED_TRACE(id_of(v));
    const Bytes key = hex(v.at("key")), iv = hex(v.at("iv"));
    blocks += check_keystream_outputs(v, [&] { return std::make_unique<spec::Zuc>(key, iv); });
    ++checked;
  }
  EXPECT_GT(checked, 0u);
  EXPECT_GE(blocks, checked);
}

// 128-EEA1/EIA1/EEA3/EIA3 vectors run in vectors_eea_eia.cpp through the algorithm-identity
// API, which calls uea2_f8, uia2_f9 (FRESH = BEARER << 27), eea3 and eia3.

TEST(Snow3gZucContract, RejectsBadArguments) {
  const Bytes key(16, 0x2b), short_key(15, 0x2b), long_key(17, 0x2b), data(4, 0);
  using spec::CryptoArgumentError;
  EXPECT_THROW(spec::uea2_f8(short_key, 0, 0, 0, data, 32), CryptoArgumentError);
  EXPECT_THROW(spec::uea2_f8(long_key, 0, 0, 0, data, 32), CryptoArgumentError);
  EXPECT_THROW(spec::uea2_f8(key, 0, 32, 0, data, 32), CryptoArgumentError);
  EXPECT_THROW(spec::uea2_f8(key, 0, 0, 2, data, 32), CryptoArgumentError);
  EXPECT_THROW(spec::uea2_f8(key, 0, 0, 0, data, 33), CryptoArgumentError);
  EXPECT_THROW(spec::uia2_f9(short_key, 0, 0, 0, data, 32), CryptoArgumentError);
  EXPECT_THROW(spec::uia2_f9(key, 0, 0, 2, data, 32), CryptoArgumentError);
  EXPECT_THROW(spec::uia2_f9(key, 0, 0, 0, data, 33), CryptoArgumentError);
  EXPECT_THROW(spec::eea3(short_key, 0, 0, 0, data, 32), CryptoArgumentError);
  EXPECT_THROW(spec::eea3(key, 0, 32, 0, data, 32), CryptoArgumentError);
  EXPECT_THROW(spec::eea3(key, 0, 0, 2, data, 32), CryptoArgumentError);
  EXPECT_THROW(spec::eea3(key, 0, 0, 0, data, 33), CryptoArgumentError);
  EXPECT_THROW(spec::eia3(long_key, 0, 0, 0, data, 32), CryptoArgumentError);
  EXPECT_THROW(spec::eia3(key, 0, 32, 0, data, 32), CryptoArgumentError);
  EXPECT_THROW(spec::eia3(key, 0, 0, 2, data, 32), CryptoArgumentError);
  EXPECT_THROW(spec::eia3(key, 0, 0, 0, data, 33), CryptoArgumentError);
  EXPECT_THROW(spec::Zuc(short_key, key), CryptoArgumentError);
  EXPECT_THROW(spec::Zuc(key, short_key), CryptoArgumentError);
  // Zero bits is a valid length: empty output, and a MAC over the length block only.
  EXPECT_TRUE(spec::uea2_f8(key, 0, 31, 1, {}, 0).empty());
  EXPECT_TRUE(spec::eea3(key, 0, 31, 1, {}, 0).empty());
  EXPECT_NO_THROW((void)spec::uia2_f9(key, 0, 0, 1, {}, 0));
  EXPECT_NO_THROW((void)spec::eia3(key, 0, 31, 1, {}, 0));
}
