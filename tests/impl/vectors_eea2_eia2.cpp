// Known answers for the constant-time AES, 128-EEA2 and 128-EIA2 of impl/crypto/ (STYLE.md 6),
// run on every tier this machine has: the official TS 33.401 C.1 / C.2 vectors (loaded by the one
// loader, algorithm 2 only), FIPS-197 C.1 on each AES kernel, and the bitsliced S-box against
// FIPS-197 5.1.1 for all 256 inputs.
#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <cstdint>
#include <span>
#include <vector>

#include "impl/crypto/aes_ct64.h"
#include "impl/crypto/aes_vaes.h"
#include "impl/crypto/aes_x86ni.h"
#include "impl/crypto/ct.h"
#include "impl/crypto/eea2_eia2.h"
#include "tests/impl/eea_eia_vectors.h"
#include "tests/support/vectors.h"

namespace secmode::impl::crypto {
namespace {

using namespace cases;

using test::hex;

TEST(Eea2Vectors, EveryVectorOnEveryTier) { eea_vectors_on_every_tier<Eea2Eia2Key, &eea2>("128-EEA2", 4); }

TEST(Eia2Vectors, EveryVectorOnEveryTier) {
  eia_vectors_on_every_tier<Eea2Eia2Key, &eia2, &eia2_verify>("128-EIA2", 5);
}

// FIPS-197 appendix C.1 (AES-128), through each kernel, several blocks at once.
TEST(AesKernels, Fips197AppendixC1) {
  const Bytes key = hex("000102030405060708090a0b0c0d0e0f");
  const Bytes pt = hex("00112233445566778899aabbccddeeff");
  const std::string want = "69c4e0d86a7b0430d8cdb78070b4c55a";
  for (const std::size_t n : {1u, 3u, 4u, 5u, 9u}) {
    Bytes in, out(16 * n);
    for (std::size_t i = 0; i < n; ++i) in.insert(in.end(), pt.begin(), pt.end());
    std::string expected;
    for (std::size_t i = 0; i < n; ++i) expected += want;
    AesCt64Key ct64;
    aes_ct64_expand(ct64, key.data());
    aes_ct64_encrypt(ct64, in.data(), out.data(), n);
    EXPECT_EQ(test::to_hex(out), expected) << "aes_ct64, " << n << " blocks";
    if (detected_tier() >= Tier::avx2) {
      AesNiKey ni;
      aes_x86ni_expand(ni, key.data());
      aes_x86ni_encrypt(ni, in.data(), out.data(), n);
      EXPECT_EQ(test::to_hex(out), expected) << "aes_x86ni, " << n << " blocks";
    }
  }
}

// FIPS-197 5.1.1 from its definition: the multiplicative inverse in GF(2^8) mod
// x^8 + x^4 + x^3 + x + 1 (0 -> 0), then the affine map b ^ rotl(b,1..4) ^ 0x63.
std::uint8_t sbox_by_definition(std::uint8_t x) {
  const auto mul = [](std::uint8_t a, std::uint8_t b) {
    std::uint8_t p = 0;
    for (; b != 0; b >>= 1) {
      if (b & 1) p ^= a;
      a = static_cast<std::uint8_t>(a << 1 ^ ((a & 0x80) ? 0x1b : 0));
    }
    return p;
  };
  std::uint8_t inv = 0;
  for (int y = 1; y < 256 && x != 0; ++y)
    if (mul(x, static_cast<std::uint8_t>(y)) == 1) inv = static_cast<std::uint8_t>(y);
  std::uint8_t s = inv;
  for (int i = 1; i < 5; ++i) s ^= static_cast<std::uint8_t>(inv << i | inv >> (8 - i));
  return static_cast<std::uint8_t>(s ^ 0x63);
}

TEST(AesKernels, BitslicedSboxMatchesFips197ForAll256Inputs) {
  for (int base = 0; base < 256; base += 64) {
    std::uint64_t q[8] = {};
    for (int p = 0; p < 64; ++p)
      for (int k = 0; k < 8; ++k) q[k] |= std::uint64_t((base + p) >> k & 1) << p;
    detail::aes_ct64_sbox(q);
    for (int p = 0; p < 64; ++p) {
      int got = 0;
      for (int k = 0; k < 8; ++k) got |= int(q[k] >> p & 1) << k;
      EXPECT_EQ(got, sbox_by_definition(static_cast<std::uint8_t>(base + p))) << "input " << base + p;
    }
  }
}

// The CTR kernels against each other for every block count up to 40 (VAES: 16-block passes and
// an AES-NI tail) and counters whose low half wraps inside the call (the carry into the high
// half, SP 800-38A 6.5 mod 2^128; the VAES kernel hands such calls to AES-NI).
TEST(AesKernels, CtrKernelsAgreeAcrossBlockCountsAndCarries) {
  const Bytes key = hex("2bd6459f82c5b300952c49104881ff48");
  AesCt64Key ct64;
  aes_ct64_expand(ct64, key.data());
  AesNiKey ni;
  if (detected_tier() >= Tier::avx2) aes_x86ni_expand(ni, key.data());
  Bytes data(16 * 40);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 13);
  for (const int low : {0x00, 0xf0, 0xfd}) {
    for (std::size_t n = 0; n <= 40; ++n) {
      // Low half 2^64 - 256 + low: no wrap for 0x00, a wrap inside the call for 0xf0 and 0xfd.
      std::uint8_t start[16] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, static_cast<std::uint8_t>(low)};
      if (low == 0xf0) start[0] = 0x12;
      Bytes want(16 * n);
      std::uint8_t c0[16];
      std::memcpy(c0, start, 16);
      aes_ct64_ctr_xor(ct64, c0, data.data(), want.data(), n);
      const auto check = [&](auto kernel, const char* name) {
        Bytes got(16 * n);
        std::uint8_t c[16];
        std::memcpy(c, start, 16);
        kernel(ni, c, data.data(), got.data(), n);
        EXPECT_EQ(test::to_hex(got), test::to_hex(want)) << name << " n=" << n << " low=" << int(low);
        EXPECT_EQ(Bytes(c, c + 16), Bytes(c0, c0 + 16)) << name << " next counter, n=" << n;
      };
      if (detected_tier() >= Tier::avx2) check(aes_x86ni_ctr_xor, "aes_x86ni");
      if (detected_tier() >= Tier::avx512) check(aes_vaes_ctr_xor, "aes_vaes");
    }
  }
}

TEST(Eea2Eia2Contract, RefusesBadArgumentsWithoutWriting) {
  refuses_bad_arguments_without_writing<Eea2Eia2Key, &eea2, &eia2, &eia2_verify>();
}

TEST(Eea2Eia2Key, TierIsNeverAboveTheCpu) { tier_is_never_above_the_cpu<Eea2Eia2Key>(); }

TEST(ConstantTimeHelpers, MasksAndCompare) {
  EXPECT_EQ(ct::is_zero(0), ~0ULL);
  EXPECT_EQ(ct::is_zero(1), 0ULL);
  EXPECT_EQ(ct::is_zero(1ULL << 63), 0ULL);
  EXPECT_EQ(ct::equal(7, 7), ~0ULL);
  EXPECT_EQ(ct::equal(7, 6), 0ULL);
  EXPECT_EQ(ct::mask_from_bit(1), ~0ULL);
  EXPECT_EQ(ct::select(~0ULL, 1, 2), 1ULL);
  EXPECT_EQ(ct::select(0, 1, 2), 2ULL);
  const std::uint8_t a[5] = {1, 2, 3, 4, 5}, b[5] = {1, 2, 3, 4, 6};
  EXPECT_TRUE(ct::equal_bytes(a, a, 5));
  EXPECT_FALSE(ct::equal_bytes(a, b, 5));
  EXPECT_TRUE(ct::equal_bytes(a, b, 4));
  std::uint8_t secret[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  ct::wipe(secret, sizeof secret);
  EXPECT_EQ(Bytes(secret, secret + 8), Bytes(8, 0));
}

}  // namespace
}  // namespace secmode::impl::crypto
