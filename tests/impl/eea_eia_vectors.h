// The official 128-EEA/EIA vectors (tests/vectors/eea.json, eia.json) through a fast algorithm on
// every tier this machine has: the same checks for EEA1/EIA1, EEA2/EIA2 and EEA3/EIA3, written
// once. Each algorithm's vectors file adds what is particular to it (kernels, batches, KATs).
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "tests/impl/crypto_cases.h"
#include "tests/support/vectors.h"

namespace secmode::impl::crypto::cases {

inline CountInputs inputs(const nlohmann::json& v) {
  return {v.at("count").get<std::uint32_t>(), v.at("bearer").get<std::uint8_t>(), v.at("direction").get<std::uint8_t>()};
}

// Every vector of `algorithm` ("128-EEA1", ...; `count` of them, so a shortened file fails) ciphered
// and, in place, deciphered on every tier, the key made for exactly that tier.
template <class Key, auto cipher>
void eea_vectors_on_every_tier(const char* algorithm, std::size_t count) {
  const auto vectors = test::vectors_where("eea", "algorithm", algorithm);
  ASSERT_EQ(vectors.size(), count);
  for (const Tier tier : machine_tiers()) {
    for (const auto& v : vectors) {
      SCOPED_TRACE(std::string(tier_name(tier)) + " " + v.at("id").get<std::string>());
      const Bytes key = test::hex(v["key"]), pt = test::hex(v["plaintext"]), ct = test::hex(v["ciphertext"]);
      const auto bits = v.at("length_bits").get<std::size_t>();
      const Key k(key16(key), tier);
      ASSERT_EQ(k.tier(), tier);
      Bytes out(ct.size(), 0xee);
      ASSERT_EQ(cipher(k, inputs(v), pt, bits, out), nullptr);
      EXPECT_EQ(test::to_hex(out), test::to_hex(ct));
      Bytes in_place = ct;  // deciphering is the same call, here in place
      ASSERT_EQ(cipher(k, inputs(v), in_place, bits, in_place), nullptr);
      EXPECT_EQ(test::to_hex(in_place), test::to_hex(pt));
    }
  }
}

// Every vector of `algorithm` ("128-EIA1", ...) on every tier: the MAC, its verification, and the
// refusal of each of the 32 single-bit errors.
template <class Key, auto mac_of, auto verify>
void eia_vectors_on_every_tier(const char* algorithm, std::size_t count) {
  const auto vectors = test::vectors_where("eia", "algorithm", algorithm);
  ASSERT_EQ(vectors.size(), count);
  for (const Tier tier : machine_tiers()) {
    for (const auto& v : vectors) {
      SCOPED_TRACE(std::string(tier_name(tier)) + " " + v.at("id").get<std::string>());
      const Bytes key = test::hex(v["key"]), msg = test::hex(v["message"]), want = test::hex(v["mac"]);
      const auto bits = v.at("length_bits").get<std::size_t>();
      const Key k(key16(key), tier);
      std::array<std::uint8_t, 4> mac{};
      ASSERT_EQ(mac_of(k, inputs(v), msg, bits, mac), nullptr);
      EXPECT_EQ(test::to_hex(Bytes(mac.begin(), mac.end())), test::to_hex(want));
      EXPECT_TRUE(verify(k, inputs(v), msg, bits, mac));
      for (int bit = 0; bit < 32; ++bit) {
        auto bad = mac;
        bad[bit / 8] ^= static_cast<std::uint8_t>(0x80 >> (bit % 8));
        EXPECT_FALSE(verify(k, inputs(v), msg, bits, bad));
      }
    }
  }
}

// The argument contract of count_inputs.h on every tier: BEARER >= 32, DIRECTION >= 2, a short
// input or output are refused and nothing is written; zero bits are fine (nothing to cipher, a
// MAC over the algorithm's prefix alone).
template <class Key, auto cipher, auto mac_of, auto verify>
void refuses_bad_arguments_without_writing() {
  const Bytes key(16, 0x11);
  for (const Tier tier : machine_tiers()) {
    SCOPED_TRACE(tier_name(tier));
    const Key k(key16(key), tier);
    Bytes data(4, 0xaa), out(4, 0x55);
    std::array<std::uint8_t, 4> mac{9, 9, 9, 9};
    EXPECT_NE(cipher(k, {0, 32, 0}, data, 32, out), nullptr);
    EXPECT_NE(cipher(k, {0, 0, 2}, data, 32, out), nullptr);
    EXPECT_NE(cipher(k, {0, 0, 0}, data, 33, out), nullptr);
    EXPECT_NE(cipher(k, {0, 0, 0}, data, 32, std::span<std::uint8_t>(out).first(3)), nullptr);
    EXPECT_EQ(out, Bytes(4, 0x55));
    EXPECT_NE(mac_of(k, {0, 0, 0}, data, 33, mac), nullptr);
    EXPECT_NE(mac_of(k, {0, 32, 0}, data, 32, mac), nullptr);
    EXPECT_EQ(mac, (std::array<std::uint8_t, 4>{9, 9, 9, 9}));
    EXPECT_FALSE(verify(k, {0, 40, 0}, data, 32, mac));
    EXPECT_EQ(cipher(k, {0, 0, 0}, {}, 0, {}), nullptr);
    EXPECT_EQ(mac_of(k, {0, 0, 0}, {}, 0, mac), nullptr);
  }
}

// A key asked for a tier above the CPU's is lowered; without a tier it takes active_tier().
template <class Key>
void tier_is_never_above_the_cpu() {
  const Bytes key(16, 0x22);
  EXPECT_LE(Key(key16(key), Tier::avx512).tier(), detected_tier());
  EXPECT_EQ(Key(key16(key)).tier(), active_tier());
}

}  // namespace secmode::impl::crypto::cases
