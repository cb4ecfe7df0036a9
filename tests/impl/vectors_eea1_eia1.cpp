// Known answers for the constant-time SNOW 3G, 128-EEA1 and 128-EIA1 of impl/crypto/ (STYLE.md 6),
// on every tier this machine has: the official TS 33.401 C.3 / C.4 vectors (loaded by the one
// loader, algorithm 1 only), and the argument contract.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "impl/crypto/eea1_eia1.h"
#include "tests/impl/crypto_cases.h"
#include "tests/support/vectors.h"

namespace secmode::impl::crypto {
namespace {

using namespace cases;

using test::hex;

CountInputs inputs(const nlohmann::json& v) {
  return {v.at("count").get<std::uint32_t>(), v.at("bearer").get<std::uint8_t>(), v.at("direction").get<std::uint8_t>()};
}

TEST(Eea1Vectors, EveryVectorOnEveryTier) {
  const auto vectors = test::vectors_where("eea", "algorithm", "128-EEA1");
  ASSERT_EQ(vectors.size(), 4u);
  for (const Tier tier : machine_tiers()) {
    for (const auto& v : vectors) {
      SCOPED_TRACE(std::string(tier_name(tier)) + " " + v.at("id").get<std::string>());
      const Bytes key = hex(v["key"]), pt = hex(v["plaintext"]), ct = hex(v["ciphertext"]);
      const auto bits = v.at("length_bits").get<std::size_t>();
      const Eea1Eia1Key k(key16(key), tier);
      ASSERT_EQ(k.tier(), tier);
      Bytes out(ct.size(), 0xee);
      ASSERT_EQ(eea1(k, inputs(v), pt, bits, out), nullptr);
      EXPECT_EQ(test::to_hex(out), test::to_hex(ct));
      Bytes in_place = ct;  // deciphering is the same call, here in place
      ASSERT_EQ(eea1(k, inputs(v), in_place, bits, in_place), nullptr);
      EXPECT_EQ(test::to_hex(in_place), test::to_hex(pt));
    }
  }
}

TEST(Eia1Vectors, EveryVectorOnEveryTier) {
  const auto vectors = test::vectors_where("eia", "algorithm", "128-EIA1");
  ASSERT_EQ(vectors.size(), 5u);
  for (const Tier tier : machine_tiers()) {
    for (const auto& v : vectors) {
      SCOPED_TRACE(std::string(tier_name(tier)) + " " + v.at("id").get<std::string>());
      const Bytes key = hex(v["key"]), msg = hex(v["message"]), want = hex(v["mac"]);
      const auto bits = v.at("length_bits").get<std::size_t>();
      const Eea1Eia1Key k(key16(key), tier);
      std::array<std::uint8_t, 4> mac{};
      ASSERT_EQ(eia1(k, inputs(v), msg, bits, mac), nullptr);
      EXPECT_EQ(test::to_hex(Bytes(mac.begin(), mac.end())), test::to_hex(want));
      EXPECT_TRUE(eia1_verify(k, inputs(v), msg, bits, mac));
      for (int bit = 0; bit < 32; ++bit) {  // any single wrong bit of the MAC is refused
        auto bad = mac;
        bad[bit / 8] ^= static_cast<std::uint8_t>(0x80 >> (bit % 8));
        EXPECT_FALSE(eia1_verify(k, inputs(v), msg, bits, bad));
      }
    }
  }
}

TEST(Eea1Eia1Contract, RefusesBadArgumentsWithoutWriting) {
  const Bytes key(16, 0x11);
  for (const Tier tier : machine_tiers()) {
    const Eea1Eia1Key k(key16(key), tier);
    Bytes data(4, 0xaa), out(4, 0x55);
    std::array<std::uint8_t, 4> mac{9, 9, 9, 9};
    EXPECT_NE(eea1(k, {0, 32, 0}, data, 32, out), nullptr);
    EXPECT_NE(eea1(k, {0, 0, 2}, data, 32, out), nullptr);
    EXPECT_NE(eea1(k, {0, 0, 0}, data, 33, out), nullptr);
    EXPECT_NE(eea1(k, {0, 0, 0}, data, 32, std::span<std::uint8_t>(out).first(3)), nullptr);
    EXPECT_EQ(out, Bytes(4, 0x55));
    EXPECT_NE(eia1(k, {0, 0, 0}, data, 33, mac), nullptr);
    EXPECT_NE(eia1(k, {0, 32, 0}, data, 32, mac), nullptr);
    EXPECT_EQ(mac, (std::array<std::uint8_t, 4>{9, 9, 9, 9}));
    EXPECT_FALSE(eia1_verify(k, {0, 40, 0}, data, 32, mac));
    // Zero bits: nothing to cipher (an empty span will do), a MAC over the length block alone.
    EXPECT_EQ(eea1(k, {0, 0, 0}, {}, 0, {}), nullptr);
    EXPECT_EQ(eia1(k, {0, 0, 0}, {}, 0, mac), nullptr);
  }
}

TEST(Eea1Eia1Key, TierIsNeverAboveTheCpu) {
  const Bytes key(16, 0x22);
  EXPECT_LE(Eea1Eia1Key(key16(key), Tier::avx512).tier(), detected_tier());
  EXPECT_EQ(Eea1Eia1Key(key16(key)).tier(), active_tier());
}

}  // namespace
}  // namespace secmode::impl::crypto
