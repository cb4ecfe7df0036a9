// 128-EEA1 and 128-EIA1 of impl/crypto/ against their spec twin (spec/crypto/eea_eia.h, which runs
// spec/crypto/uea2_uia2 on spec/crypto/snow3g) on every tier this machine has, and every pair of
// tiers against each other (STYLE.md 6): random KEY, COUNT, BEARER, DIRECTION and bit lengths (0, 1,
// non-multiples of 8, word and block edges, up to 64 KB), random junk in the unused trailing bits.
// A mutant flips one output bit of one tier and must be caught (STYLE.md 4). Also: each tier's
// SNOW 3G keystream against spec::Snow3g, and the S-boxes S1, S2, MULalpha/DIValpha and the
// GF(2^64) product of each kernel against their definitions in TS 35.216 / TS 35.215 for all 256
// inputs of every octet position (the spec twin keeps its tables private, so the expectations
// below are written from the specification text, independently of both).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "impl/crypto/eea1_eia1.h"
#include "impl/crypto/snow3g.h"
#include "impl/crypto/snow3g_constants.h"
#include "spec/crypto/eea_eia.h"
#include "spec/crypto/snow3g.h"
#include "tests/impl/eea_eia_properties.h"
#include "tests/support/vectors.h"

namespace secmode::impl::crypto {
namespace {

using namespace cases;

// Up to 64 KB (524288 bits): short and non-octet lengths most often, the keystream word / 16-octet
// block edges of the vector kernels and the 64-bit / 8-block edges of the UIA2 hash explicitly.
rc::Gen<std::size_t> gen_bits() {
  return rc::gen::weightedOneOf<std::size_t>({
      {5, rc::gen::inRange<std::size_t>(0, 400)},
      {3, rc::gen::inRange<std::size_t>(0, 20001)},
      {1, rc::gen::inRange<std::size_t>(0, 524289)},
      {3, rc::gen::element<std::size_t>(0, 1, 2, 7, 8, 9, 31, 32, 33, 63, 64, 65, 127, 128, 129, 159, 160, 161,
                                        511, 512, 513, 575, 576, 577, 1023, 1024, 1025, 524287, 524288)},
  });
}

void eea1_property(Mutation m) {
  const Case c = gen_case(gen_bits());
  eea_matches_spec_on_every_tier<Eea1Eia1Key, &eea1>(spec::Eea::eea1, c, m);
  RC_CLASSIFY(c.bits % 8 != 0, "non-octet length");
  RC_CLASSIFY(c.bits > 100000, "longer than 100000 bits");
}

void eia1_property(Mutation m) {
  const Case c = gen_case(gen_bits());
  eia_matches_spec_on_every_tier<Eea1Eia1Key, &eia1, &eia1_verify>(spec::Eia::eia1, c, m);
  RC_CLASSIFY(c.bits % 64 == 0, "whole last 64-bit block");
  RC_CLASSIFY(c.bits > 512, "8-block Horner path");
}

RC_GTEST_PROP(Eea1ImplProperty, EveryTierMatchesSpecAndEachOther, ()) { eea1_property(Mutation::none); }
TEST(Eea1ImplProperty, MutantFlippedBitOfOneTierIsCaught) {
  ASSERT_FALSE(rc::check("impl 128-EEA1, one tier's bit flipped", [] { eea1_property(Mutation::flip_output_bit); }));
}

RC_GTEST_PROP(Eia1ImplProperty, EveryTierMatchesSpecAndEachOther, ()) { eia1_property(Mutation::none); }
TEST(Eia1ImplProperty, MutantFlippedBitOfOneTierIsCaught) {
  ASSERT_FALSE(rc::check("impl 128-EIA1, one tier's bit flipped", [] { eia1_property(Mutation::flip_output_bit); }));
}

RC_GTEST_PROP(Eia1ImplProperty, VerifyRefusesAWrongMacOnEveryTier, ()) {
  eia_verify_refuses_on_every_tier<Eea1Eia1Key, &eia1_verify>(spec::Eia::eia1, gen_case(gen_bits()));
}

// ---- the kernels themselves ----------------------------------------------------------------------

// Each tier's keystream (z1..z5 and the octet stream) against spec::Snow3g for random key and IV.
RC_GTEST_PROP(Snow3gKernels, KeystreamMatchesSpecTwinOnEveryTier, ()) {
  Snow3gInput in{};
  std::array<std::uint32_t, 4> k{}, iv{};
  for (int i = 0; i < 4; ++i) {
    in.k[i] = k[i] = *rc::gen::arbitrary<std::uint32_t>();
    in.iv[i] = iv[i] = *rc::gen::arbitrary<std::uint32_t>();
  }
  const auto n = *rc::gen::inRange<std::size_t>(0, 200);
  spec::Snow3g snow(k, iv);
  Bytes want(n);
  std::array<std::uint32_t, 5> z5{};
  std::uint32_t z = 0;
  for (std::size_t i = 0; i < std::max<std::size_t>(n, 20); ++i) {
    if (i % 4 == 0) z = snow.next();
    if (i < 20) z5[i / 4] = z;
    if (i < n) want[i] = static_cast<std::uint8_t>(z >> (24 - 8 * (i % 4)));
  }
  using Xor = void (*)(const Snow3gInput&, const std::uint8_t*, std::uint8_t*, std::size_t) noexcept;
  using Z5 = void (*)(const Snow3gInput&, std::uint32_t*) noexcept;
  const std::array<std::pair<Xor, Z5>, 3> kernels = {{{snow3g_portable_xor, snow3g_portable_z5},
                                                      {snow3g_avx2_xor, snow3g_avx2_z5},
                                                      {snow3g_avx512_xor, snow3g_avx512_z5}}};
  for (const Tier tier : machine_tiers()) {
    const auto [xor_fn, z5_fn] = kernels[static_cast<std::size_t>(tier)];
    const Bytes zeros(n, 0);
    Bytes got(n, 0xee);
    xor_fn(in, zeros.data(), got.data(), n);
    RC_ASSERT(test::to_hex(got) == test::to_hex(want));
    std::array<std::uint32_t, 5> got5{};
    z5_fn(in, got5.data());
    RC_ASSERT(got5 == z5);
  }
}

// TS 35.216 3.1.1 and 3.3: the S-boxes from the specification text.
std::uint8_t mulx(std::uint8_t v, std::uint8_t c) { return static_cast<std::uint8_t>((v & 0x80) ? (v << 1) ^ c : v << 1); }
std::uint8_t field_mul(std::uint8_t a, std::uint8_t b, std::uint8_t c) {
  std::uint8_t r = 0;
  for (int k = 0; k < 8; ++k, a = mulx(a, c))
    if ((b >> k) & 1) r ^= a;
  return r;
}
std::uint8_t field_pow(std::uint8_t a, int e, std::uint8_t c) {
  std::uint8_t r = 1;
  while (e-- > 0) r = field_mul(r, a, c);
  return r;
}
std::uint8_t sr(std::uint8_t x) {  // FIPS-197 5.1.1 (TS 35.216 3.3.1: SR is the Rijndael S-box)
  const std::uint8_t inv = field_pow(x, 254, 0x1b);
  std::uint8_t s = inv;
  for (int i = 1; i < 5; ++i) s ^= static_cast<std::uint8_t>(inv << i | inv >> (8 - i));
  return static_cast<std::uint8_t>(s ^ 0x63);
}
std::uint8_t sq(std::uint8_t x) {  // TS 35.216 3.3.2 / Annex: g49(x) ^ 0x25 over GF(2^8)/0x169
  std::uint8_t g = 0;
  for (const int e : {1, 9, 13, 15, 33, 41, 45, 47, 49}) g ^= field_pow(x, e, 0x69);
  return static_cast<std::uint8_t>(g ^ 0x25);
}
std::uint32_t sbox32(std::uint8_t (*box)(std::uint8_t), std::uint8_t c, std::uint32_t w) {
  const std::uint8_t a0 = box(static_cast<std::uint8_t>(w >> 24)), a1 = box(static_cast<std::uint8_t>(w >> 16));
  const std::uint8_t a2 = box(static_cast<std::uint8_t>(w >> 8)), a3 = box(static_cast<std::uint8_t>(w));
  const std::uint8_t r0 = mulx(a0, c) ^ a1 ^ a2 ^ mulx(a3, c) ^ a3;
  const std::uint8_t r1 = mulx(a0, c) ^ a0 ^ mulx(a1, c) ^ a2 ^ a3;
  const std::uint8_t r2 = a0 ^ mulx(a1, c) ^ a1 ^ mulx(a2, c) ^ a3;
  const std::uint8_t r3 = a0 ^ a1 ^ mulx(a2, c) ^ a2 ^ mulx(a3, c);
  return std::uint32_t{r0} << 24 | std::uint32_t{r1} << 16 | std::uint32_t{r2} << 8 | r3;
}

using Sbox = std::uint32_t (*)(std::uint32_t) noexcept;
struct TierSboxes {
  Tier tier;
  Sbox s1, s2;
};
std::vector<TierSboxes> sboxes() {
  std::vector<TierSboxes> all = {{Tier::portable, detail::snow3g_portable_s1, detail::snow3g_portable_s2},
                                 {Tier::avx2, detail::snow3g_avx2_s1, detail::snow3g_avx2_s2},
                                 {Tier::avx512, detail::snow3g_avx512_s1, detail::snow3g_avx512_s2}};
  std::erase_if(all, [](const TierSboxes& s) { return s.tier > detected_tier(); });
  return all;
}

// All 256 values in each octet position (the others hold a second, shifted value so that every
// position sees every input while its neighbours are not zero).
TEST(Snow3gKernels, S1AndS2MatchTheSpecificationForAll256InputsInEveryPosition) {
  for (const auto& t : sboxes()) {
    for (int pos = 0; pos < 4; ++pos)
      for (int v = 0; v < 256; ++v) {
        const std::uint32_t fill = static_cast<std::uint32_t>((v * 0x9e + 0x37) & 0xff) * 0x01010101u;
        const std::uint32_t w = (fill & ~(0xffu << (8 * pos))) | static_cast<std::uint32_t>(v) << (8 * pos);
        ASSERT_EQ(t.s1(w), sbox32(sr, 0x1b, w)) << tier_name(t.tier) << " S1 of " << std::hex << w;
        ASSERT_EQ(t.s2(w), sbox32(sq, 0x69, w)) << tier_name(t.tier) << " S2 of " << std::hex << w;
      }
  }
}

// The isomorphism phi: F -> AES field that the avx512 S2 is built on (snow3g_constants.h), checked
// as a field isomorphism by brute force: bijective, additive (it is a bit matrix), and
// multiplicative for all 65536 pairs, with products computed here by shift-and-add.
// A function rather than a consteval lambda: clang 14 cannot evaluate loops inside the latter.
consteval std::array<std::uint8_t, 256> phi_table(bool inverse) {
  std::array<std::uint8_t, 256> t{};
  for (int i = 0; i < 256; ++i)
    t[i] = inverse ? snow3g::phi_inverse(static_cast<std::uint8_t>(i)) : snow3g::phi(static_cast<std::uint8_t>(i));
  return t;
}

TEST(Snow3gKernels, PhiIsAFieldIsomorphismFromTheSqFieldToTheAesField) {
  constexpr auto phi = phi_table(false);
  constexpr auto phi_inv = phi_table(true);
  std::array<int, 256> hits{};
  for (int a = 0; a < 256; ++a) {
    ++hits[phi[a]];
    ASSERT_EQ(phi_inv[phi[a]], a);
    for (int b = 0; b < 256; ++b) {
      const auto x = static_cast<std::uint8_t>(a), y = static_cast<std::uint8_t>(b);
      ASSERT_EQ(phi[a ^ b], phi[a] ^ phi[b]);
      ASSERT_EQ(phi[field_mul(x, y, 0x69)], field_mul(phi[a], phi[b], 0x1b)) << a << " * " << b;
    }
  }
  for (const int h : hits) ASSERT_EQ(h, 1);
}

// TS 35.216 3.4.2 / 3.4.3 for all 256 inputs of each (portable; the vector tiers' versions are
// covered by the keystream property, which feeds them every LFSR word).
TEST(Snow3gKernels, MulAlphaAndDivAlphaMatchTheSpecificationForAll256Inputs) {
  const auto pow = [](std::uint8_t c, int i) {
    for (int k = 0; k < i; ++k) c = mulx(c, 0xa9);
    return std::uint32_t{c};
  };
  for (int v = 0; v < 256; ++v) {
    const auto c = static_cast<std::uint8_t>(v);
    const std::uint32_t mul = pow(c, 23) << 24 | pow(c, 245) << 16 | pow(c, 48) << 8 | pow(c, 239);
    const std::uint32_t div = pow(c, 16) << 24 | pow(c, 39) << 16 | pow(c, 6) << 8 | pow(c, 64);
    ASSERT_EQ(detail::snow3g_portable_alpha(c, 0), mul) << v;
    ASSERT_EQ(detail::snow3g_portable_alpha(0, c), div) << v;
    ASSERT_EQ(detail::snow3g_portable_alpha(c, static_cast<std::uint8_t>(v * 7)),
              mul ^ (pow(static_cast<std::uint8_t>(v * 7), 16) << 24 | pow(static_cast<std::uint8_t>(v * 7), 39) << 16 |
                     pow(static_cast<std::uint8_t>(v * 7), 6) << 8 | pow(static_cast<std::uint8_t>(v * 7), 64)));
  }
}

// TS 35.215 4.3.4 MUL64 by its definition (shift and add) against the portable product.
RC_GTEST_PROP(Snow3gKernels, Mul64MatchesTheDefinition, ()) {
  const auto v = *rc::gen::arbitrary<std::uint64_t>();
  const auto p = *rc::gen::arbitrary<std::uint64_t>();
  std::uint64_t want = 0, x = v;
  for (int i = 0; i < 64; ++i) {
    if ((p >> i) & 1) want ^= x;
    x = (x >> 63) ? (x << 1) ^ 0x1b : x << 1;
  }
  RC_ASSERT(detail::uia2_mul64_portable(v, p) == want);
}

// The UIA2 hash kernels against each other on the same P, Q, with lengths across the 8-block
// (PCLMULQDQ) and 32-block (VPCLMULQDQ) paths.
RC_GTEST_PROP(Snow3gKernels, Uia2HashKernelsAgree, ()) {
  RC_PRE(detected_tier() >= Tier::avx2);
  const auto p = *rc::gen::arbitrary<std::uint64_t>();
  const auto q = *rc::gen::arbitrary<std::uint64_t>();
  const auto bits = *rc::gen::weightedOneOf<std::size_t>({{3, rc::gen::inRange<std::size_t>(0, 5000)},
                                                          {2, rc::gen::inRange<std::size_t>(2000, 40000)},
                                                          {1, rc::gen::element<std::size_t>(2048, 2049, 2111, 2112, 2113, 4160, 4161)}});
  const Bytes m = *rc::gen::container<Bytes>(bytes_for(bits), rc::gen::arbitrary<std::uint8_t>());
  const std::uint64_t want = uia2_eval_portable(p, q, m.data(), bits);
  RC_ASSERT(uia2_eval_clmul(p, q, m.data(), bits) == want);
  if (detected_tier() >= Tier::avx512) RC_ASSERT(uia2_eval_vpclmul(p, q, m.data(), bits) == want);
}

}  // namespace
}  // namespace secmode::impl::crypto
