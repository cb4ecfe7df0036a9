// Known answers for the constant-time TS 33.220 KDF of impl/crypto/ (STYLE.md 6), run on every
// tier this machine has: all 37 official KDF / key-derivation vectors (loaded by the one loader),
// through a reused KdfKey and the one-shot call, and each SHA-256 compression kernel on the
// FIPS 180-4 examples (one and two blocks) and against each other over many blocks.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "impl/crypto/kdf.h"
#include "impl/crypto/sha256_portable.h"
#include "impl/crypto/sha256_x86ni.h"
#include "tests/impl/crypto_cases.h"
#include "tests/support/vectors.h"

namespace secmode::impl::crypto {
namespace {

using namespace cases;

using test::hex;

std::span<const std::uint8_t, 32> key32(const Bytes& k) { return std::span<const std::uint8_t, 32>(k.data(), 32); }

TEST(KdfImplVectors, EveryVectorOnEveryTier) {
  const auto vectors = test::vectors("kdf");
  ASSERT_EQ(vectors.size(), 37u);
  for (const Tier tier : machine_tiers()) {
    for (const auto& v : vectors) {
      SCOPED_TRACE(std::string(tier_name(tier)) + " " + v.at("id").get<std::string>());
      const Bytes key = hex(v["key"]);
      ASSERT_EQ(key.size(), 32u);
      std::vector<Bytes> params;
      for (const auto& p : v.at("params")) params.push_back(hex(p.at("hex")));
      std::vector<std::span<const std::uint8_t>> views(params.begin(), params.end());
      const auto fc = hex(v["fc"]).at(0);

      const KdfKey k(key32(key), tier);
      ASSERT_EQ(k.tier(), tier);
      std::array<std::uint8_t, 32> out{}, once{};
      ASSERT_EQ(derive(k, fc, views, out), nullptr);
      ASSERT_EQ(derive(key32(key), tier, fc, views, once), nullptr);
      EXPECT_EQ(out, once);
      const std::string got = test::to_hex(Bytes(out.begin(), out.end()));
      ASSERT_TRUE(v.contains("output") || v.contains("output_128"));
      if (v.contains("output")) {
        EXPECT_EQ(got, v.at("output").get<std::string>());
      }
      if (v.contains("output_128")) {
        EXPECT_EQ(got.substr(32), v.at("output_128").get<std::string>());
      }
      std::array<std::uint8_t, 32> again{};  // the key is reusable
      ASSERT_EQ(derive(k, fc, views, again), nullptr);
      EXPECT_EQ(again, out);
    }
  }
}

// FIPS 180-4 examples (the NIST "SHA256.pdf" sample), padded by hand, through each kernel.
TEST(Sha256Kernels, Fips180Examples) {
  struct Example {
    std::string message, digest;
  };
  const Example examples[] = {
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
  };
  using Compress = void (*)(std::uint32_t*, const std::uint8_t*, std::size_t) noexcept;
  std::vector<std::pair<const char*, Compress>> kernels = {{"portable", sha256_portable_compress}};
  if (detected_tier() >= Tier::avx2) kernels.emplace_back("x86ni", sha256_x86ni_compress);
  for (const auto& [name, compress] : kernels) {
    for (const auto& e : examples) {
      Bytes m(e.message.begin(), e.message.end());
      const std::uint64_t bits = 8 * m.size();
      m.push_back(0x80);
      while (m.size() % 64 != 56) m.push_back(0);
      for (int i = 7; i >= 0; --i) m.push_back(static_cast<std::uint8_t>(bits >> (8 * i)));
      std::uint32_t state[8];
      std::copy(std::begin(kSha256Iv), std::end(kSha256Iv), state);
      compress(state, m.data(), m.size() / 64);
      Bytes digest;
      for (const std::uint32_t w : state)
        for (int i = 3; i >= 0; --i) digest.push_back(static_cast<std::uint8_t>(w >> (8 * i)));
      EXPECT_EQ(test::to_hex(digest), e.digest) << name << " " << e.message;
    }
  }
}

TEST(Sha256Kernels, X86niAgreesWithPortableOverManyBlocks) {
  if (detected_tier() < Tier::avx2) GTEST_SKIP() << "no SHA-NI tier on this CPU";
  Bytes data(64 * 37);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 151 + 7);
  for (std::size_t n = 0; n <= 37; ++n) {
    std::uint32_t a[8], b[8];
    for (int i = 0; i < 8; ++i) a[i] = b[i] = static_cast<std::uint32_t>(0x9e3779b9u * (i + 1) + n);
    sha256_portable_compress(a, data.data(), n);
    sha256_x86ni_compress(b, data.data(), n);
    EXPECT_EQ(Bytes(reinterpret_cast<std::uint8_t*>(a), reinterpret_cast<std::uint8_t*>(a) + 32),
              Bytes(reinterpret_cast<std::uint8_t*>(b), reinterpret_cast<std::uint8_t*>(b) + 32))
        << n << " blocks";
  }
}

// The two-lane kernel (the HMAC pad blocks of a KdfKey) against two one-lane calls.
TEST(Sha256Kernels, X86niTwoLanesAgreeWithOneLane) {
  if (detected_tier() < Tier::avx2) GTEST_SKIP() << "no SHA-NI tier on this CPU";
  std::uint8_t a_block[64], b_block[64];
  for (int i = 0; i < 64; ++i) a_block[i] = static_cast<std::uint8_t>(i * 3 + 1), b_block[i] = static_cast<std::uint8_t>(255 - i * 5);
  std::uint32_t a[8], b[8], a1[8], b1[8];
  for (int i = 0; i < 8; ++i) a[i] = a1[i] = kSha256Iv[i], b[i] = b1[i] = kSha256Iv[i] ^ 0x5c5c5c5cu;
  sha256_x86ni_compress_x2(a, a_block, b, b_block);
  sha256_portable_compress(a1, a_block, 1);
  sha256_portable_compress(b1, b_block, 1);
  EXPECT_TRUE(std::equal(a, a + 8, a1));
  EXPECT_TRUE(std::equal(b, b + 8, b1));
}

TEST(KdfImplContract, RefusesAParameterLongerThan65535OctetsWithoutWriting) {
  const Bytes key(32, 0x11), ok(65535, 0x22), too_long(65536, 0x33);
  for (const Tier tier : machine_tiers()) {
    const KdfKey k(key32(key), tier);
    std::array<std::uint8_t, 32> out;
    out.fill(0xee);
    const std::span<const std::uint8_t> bad[] = {ok, too_long};
    EXPECT_NE(derive(k, 0x11, bad, out), nullptr);
    EXPECT_NE(derive(key32(key), tier, 0x11, bad, out), nullptr);
    std::array<std::uint8_t, 32> untouched;
    untouched.fill(0xee);
    EXPECT_EQ(out, untouched);
    const std::span<const std::uint8_t> longest[] = {ok, ok};  // 65535 is allowed
    EXPECT_EQ(derive(k, 0x11, longest, out), nullptr);
    EXPECT_EQ(derive(k, 0x11, {}, out), nullptr);  // S = FC alone
  }
}

TEST(KdfKey, TierIsNeverAboveTheCpu) {
  const Bytes key(32, 0x22);
  EXPECT_LE(KdfKey(key32(key), Tier::avx512).tier(), detected_tier());
  EXPECT_EQ(KdfKey(key32(key)).tier(), active_tier());
}

}  // namespace
}  // namespace secmode::impl::crypto
