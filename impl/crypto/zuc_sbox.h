// The ZUC S-boxes S0 and S1 (TS 35.222 3.4.1) as structure, and every constant the constant-time
// kernels derive from them, computed here at compile time (no table of S0 or S1 exists in
// impl/: a byte table indexed by a secret is what STYLE.md 9 forbids).
//
// TS 35.222 lists S0 and S1 as 256-entry tables. Their construction (the ZUC design and
// evaluation report, "S-boxes"):
//  - S0 is a three-round Feistel network of 4-bit boxes P1, P2, P3 on x = xh || xl, followed by
//    an 8-bit rotation: t1 = xh ^ P1(xl), t2 = xl ^ P2(t1), t3 = t1 ^ P3(t2),
//    S0(x) = (t3 || t2) <<< 5.
//  - S1 is affine-equivalent to inversion in GF(2^8) = GF(2)[x]/(x^8 + x^7 + x^3 + x + 1):
//    S1(x) = A1 * x^-1 + 0x55 (0^-1 = 0), A1 an 8x8 bit matrix.
// P1..P3 and A1 below restate those tables; tests/impl/vectors_eea3_eia3.cpp checks every kernel
// against the spec twin's tables for all 256 inputs, so a wrong constant here cannot pass.
//
// Only compile-time code: nothing here runs on secret data.
#pragma once

#include <array>
#include <cstdint>

namespace secmode::impl::crypto::zuc_sbox {

using u8 = std::uint8_t;
using Nibbles = std::array<u8, 16>;

inline constexpr Nibbles kP1 = {9, 15, 0, 14, 15, 15, 2, 10, 0, 4, 0, 12, 7, 5, 3, 9};
inline constexpr Nibbles kP2 = {8, 13, 6, 5, 7, 0, 12, 4, 11, 1, 14, 10, 15, 3, 9, 2};
inline constexpr Nibbles kP3 = {2, 6, 10, 6, 0, 13, 10, 15, 3, 3, 13, 5, 0, 9, 12, 13};

constexpr u8 rotl8(u8 x, int k) { return static_cast<u8>(x << k | x >> (8 - k)); }

constexpr u8 s0(u8 x) {
  const u8 t1 = static_cast<u8>((x >> 4) ^ kP1[x & 15]);
  const u8 t2 = static_cast<u8>((x & 15) ^ kP2[t1]);
  const u8 t3 = static_cast<u8>(t1 ^ kP3[t2]);
  return rotl8(static_cast<u8>(t3 << 4 | t2), 5);
}

// ---- GF(2^8) and linear maps over GF(2)^8 -----------------------------------------------------

inline constexpr unsigned kZucPoly = 0x18b;  // x^8 + x^7 + x^3 + x + 1 (TS 35.222 S1's field)
inline constexpr unsigned kAesPoly = 0x11b;  // x^8 + x^4 + x^3 + x + 1 (FIPS-197 4.2)

constexpr u8 gf_mul(u8 a, u8 b, unsigned poly) {
  unsigned r = 0, x = a;
  for (int i = 0; i < 8; ++i) {
    if (b >> i & 1) r ^= x;
    x <<= 1;
    if (x & 0x100) x ^= poly;
  }
  return static_cast<u8>(r);
}

constexpr u8 gf_inv(u8 x, unsigned poly) {  // x^254 (= x^-1, and 0 for 0)
  u8 r = 1;
  for (int i = 0; i < 254; ++i) r = gf_mul(r, x, poly);
  return r;
}

// A linear map by columns: col[i] is the image of bit i (bit 0 the least significant).
struct Linear {
  std::array<u8, 8> col{};
  constexpr u8 operator()(u8 x) const {
    u8 r = 0;
    for (int i = 0; i < 8; ++i)
      if (x >> i & 1) r = static_cast<u8>(r ^ col[i]);
    return r;
  }
};

constexpr Linear compose(const Linear& outer, const Linear& inner) {
  Linear m;
  for (int i = 0; i < 8; ++i) m.col[i] = outer(inner.col[i]);
  return m;
}

// The inverse of a bijective map, by search (256 candidates per column, compile time only).
constexpr Linear inverse(const Linear& a) {
  Linear m;
  for (int i = 0; i < 8; ++i)
    for (int x = 0; x < 256; ++x)
      if (a(static_cast<u8>(x)) == (1 << i)) m.col[i] = static_cast<u8>(x);
  return m;
}

inline constexpr Linear kA1 = {{0x97, 0x3e, 0x6d, 0xcb, 0xee, 0xdd, 0xbb, 0x77}};
inline constexpr u8 kC1 = 0x55;

constexpr u8 s1(u8 x) { return static_cast<u8>(kA1(gf_inv(x, kZucPoly)) ^ kC1); }

// FIPS-197 5.1.1: SubBytes(y) = kAesAffine(y^-1) ^ 0x63 in the AES field.
constexpr Linear aes_affine() {
  Linear m;
  for (int i = 0; i < 8; ++i) {
    const u8 b = static_cast<u8>(1 << i);
    m.col[i] = static_cast<u8>(b ^ rotl8(b, 1) ^ rotl8(b, 2) ^ rotl8(b, 3) ^ rotl8(b, 4));
  }
  return m;
}
inline constexpr Linear kAesAffine = aes_affine();
inline constexpr u8 kAesConstant = 0x63;

// A field isomorphism from ZUC's GF(2^8) to the AES one: x^i -> beta^i, beta a root of ZUC's
// polynomial in the AES field. It maps products to products, hence inverses to inverses:
// inv_zuc(x) = kFromAes(inv_aes(kToAes(x))). That is what lets AESENCLAST and GFNI (both
// AES-field inversion) compute S1:
//   S1(x) = (A1 * kFromAes)(inv_aes(kToAes x)) ^ 0x55.
constexpr u8 zuc_poly_root_in_aes_field() {
  for (unsigned b = 2; b < 256; ++b) {
    u8 power = 1, sum = 0;  // sum of beta^k over the terms of kZucPoly
    for (int k = 0; k <= 8; ++k) {
      if (kZucPoly >> k & 1) sum = static_cast<u8>(sum ^ power);
      power = gf_mul(power, static_cast<u8>(b), kAesPoly);
    }
    if (sum == 0) return static_cast<u8>(b);
  }
  return 0;
}
constexpr Linear to_aes() {
  Linear m;
  u8 power = 1;
  for (int i = 0; i < 8; ++i) {
    m.col[i] = power;
    power = gf_mul(power, zuc_poly_root_in_aes_field(), kAesPoly);
  }
  return m;
}
inline constexpr Linear kToAes = to_aes();
inline constexpr Linear kFromAes = inverse(kToAes);

// GFNI: S1(x) = gf2p8affineinv(gf2p8affine(x, kToAes), kS1Post, 0x55).
inline constexpr Linear kS1Post = compose(kA1, kFromAes);
// AES-NI / a bitsliced AES S-box: SubBytes(y) ^ 0x63 = kAesAffine(inv_aes(y)), so
// S1(x) = kS1PostSubBytes(SubBytes(kToAes x) ^ 0x63) ^ 0x55.
inline constexpr Linear kS1PostSubBytes = compose(kS1Post, inverse(kAesAffine));

// Compile-time checks of the derivations on sample points (the exhaustive ones are tests).
static_assert(s0(0x00) == 0x3e && s0(0xff) == 0x60 && s0(0x12) == 0xf9);
static_assert(s1(0x00) == 0x55 && s1(0x01) == 0xc2 && s1(0xff) == 0xf2);
static_assert(compose(kToAes, kFromAes)(0xa5) == 0xa5);
static_assert(kFromAes(gf_inv(kToAes(0x37), kAesPoly)) == gf_inv(0x37, kZucPoly));

// Intel SDM GF2P8AFFINEQB: output bit i of a byte is parity(matrix byte (7 - i) AND input).
constexpr std::uint64_t gfni_matrix(const Linear& m) {
  std::uint64_t q = 0;
  for (int i = 0; i < 8; ++i) {
    std::uint64_t row = 0;
    for (int j = 0; j < 8; ++j) row |= static_cast<std::uint64_t>(m.col[j] >> i & 1) << j;
    q |= row << (8 * (7 - i));
  }
  return q;
}

// Bit reversal within a byte (EIA3 reads message bits most significant first; the carry-less
// multiply wants the first bit lowest).
constexpr Linear bit_reversal() {
  Linear m;
  for (int i = 0; i < 8; ++i) m.col[i] = static_cast<u8>(0x80 >> i);
  return m;
}
inline constexpr Linear kBitReversal = bit_reversal();

// ---- PSHUFB tables (16 entries, indexed by a nibble held in a register) ------------------------

template <typename F>
constexpr Nibbles nibble_table(F f) {
  Nibbles t{};
  for (int i = 0; i < 16; ++i) t[i] = f(static_cast<u8>(i));
  return t;
}

// S0 = TB[t1] ^ TA[t2]: the rotation is linear, so rotl5(t3 || t2) with t3 = t1 ^ P3(t2) splits
// into a part of t1 and a part of t2; t3 is never formed.
inline constexpr Nibbles kS0TableB = nibble_table([](u8 t1) { return rotl8(static_cast<u8>(t1 << 4), 5); });
inline constexpr Nibbles kS0TableA =
    nibble_table([](u8 t2) { return rotl8(static_cast<u8>(kP3[t2] << 4 | t2), 5); });

// A linear map L as L(x) = lo[x & 15] ^ hi[x >> 4]; the constant c goes into the low table.
constexpr Nibbles linear_lo(const Linear& m, u8 c = 0) {
  return nibble_table([&](u8 i) { return static_cast<u8>(m(i) ^ c); });
}
constexpr Nibbles linear_hi(const Linear& m) {
  return nibble_table([&](u8 i) { return m(static_cast<u8>(i << 4)); });
}

// ---- Algebraic normal form of a 4-bit box, for the bitsliced portable kernel -------------------

// anf[j] bit s: output bit j contains the monomial prod_{k in s} x_k (Moebius transform).
constexpr std::array<std::uint16_t, 4> anf4(const Nibbles& box) {
  std::array<std::uint16_t, 4> anf{};
  for (int j = 0; j < 4; ++j) {
    std::array<u8, 16> f{};
    for (int x = 0; x < 16; ++x) f[x] = box[x] >> j & 1;
    for (int k = 0; k < 4; ++k)
      for (int x = 0; x < 16; ++x)
        if (x >> k & 1) f[x] = static_cast<u8>(f[x] ^ f[x ^ (1 << k)]);
    for (int s = 0; s < 16; ++s) anf[j] = static_cast<std::uint16_t>(anf[j] | f[s] << s);
  }
  return anf;
}

}  // namespace secmode::impl::crypto::zuc_sbox
