// Constants of the constant-time SNOW 3G kernels (TS 35.216), each derived at compile time from
// the definitions of the specification rather than typed in, so that a wrong constant is a wrong
// definition (and the unit tests compare every derived map with its spec twin for all 256 inputs).
//
// Everything here is consteval: these helpers branch on their arguments, which is fine for
// public constants and must never happen on secrets, so they cannot be called at run time.
#pragma once

#include <array>
#include <cstdint>

namespace secmode::impl::crypto::snow3g {

using u8 = std::uint8_t;
using u32 = std::uint32_t;
using u64 = std::uint64_t;

// TS 35.216 3.1.1 MULx with the field polynomial's low octet c: 0x1B for the AES field
// GF(2)[x]/(x^8+x^4+x^3+x+1) of S1, 0x69 for the field F = GF(2)[x]/(x^8+x^6+x^5+x^3+1) of S2
// (TS 35.216 3.3.2), 0xA9 for the field of MULalpha/DIValpha (3.4.2, 3.4.3).
consteval u8 mulx(u8 v, u8 c) { return static_cast<u8>((v & 0x80) ? (v << 1) ^ c : v << 1); }

consteval u8 mulxpow(u8 v, int i, u8 c) {
  for (int k = 0; k < i; ++k) v = mulx(v, c);
  return v;
}

// Field multiplication by shift-and-add (compile time only).
consteval u8 gf_mul(u8 a, u8 b, u8 c) {
  u8 r = 0;
  for (int k = 0; k < 8; ++k) {
    if ((b >> k) & 1) r ^= a;
    a = mulx(a, c);
  }
  return r;
}

// Square and multiply: the tables below take a few hundred thousand field products, within
// clang's default constant-evaluation step limit only this way.
consteval u8 gf_pow(u8 a, int e, u8 c) {
  u8 r = 1;
  for (; e > 0; e >>= 1, a = gf_mul(a, a, c))
    if (e & 1) r = gf_mul(r, a, c);
  return r;
}

constexpr u8 kAesPoly = 0x1B;    // TS 35.216 3.3.1
constexpr u8 kSqPoly = 0x69;     // TS 35.216 3.3.2
constexpr u8 kAlphaPoly = 0xA9;  // TS 35.216 3.4.2

// TS 35.216 3.4.2 / 3.4.3 as 32-bit words (w0 the most significant octet).
consteval u32 mul_alpha(u8 c) {
  return u32{mulxpow(c, 23, kAlphaPoly)} << 24 | u32{mulxpow(c, 245, kAlphaPoly)} << 16 |
         u32{mulxpow(c, 48, kAlphaPoly)} << 8 | u32{mulxpow(c, 239, kAlphaPoly)};
}
consteval u32 div_alpha(u8 c) {
  return u32{mulxpow(c, 16, kAlphaPoly)} << 24 | u32{mulxpow(c, 39, kAlphaPoly)} << 16 |
         u32{mulxpow(c, 6, kAlphaPoly)} << 8 | u32{mulxpow(c, 64, kAlphaPoly)};
}

// MULalpha and DIValpha are GF(2)-linear in c (MULx is), so each is the XOR of the images of
// c's set bits: these are the images of the eight single bits. Kernels select them with masks.
// (A flag rather than a pointer to mul_alpha/div_alpha: clang 14 refuses pointers to consteval
// functions as template arguments.)
template <bool Div>
consteval std::array<u32, 8> alpha_bit_images() {
  std::array<u32, 8> out{};
  for (int k = 0; k < 8; ++k) out[k] = Div ? div_alpha(static_cast<u8>(1 << k)) : mul_alpha(static_cast<u8>(1 << k));
  return out;
}
inline constexpr std::array<u32, 8> kMulAlphaBits = alpha_bit_images<false>();
inline constexpr std::array<u32, 8> kDivAlphaBits = alpha_bit_images<true>();

// TS 35.216 Annex 1 / 3.3.2: SQ(x) = g49(x) XOR 0x25, with the Dickson polynomial
// g49(x) = x + x^9 + x^13 + x^15 + x^33 + x^41 + x^45 + x^47 + x^49 over F. Used only to build
// test expectations and the register-resident tables of the avx2 tier (never indexed in memory).
consteval u8 sq_by_definition(u8 x) {
  u8 g = 0;
  for (const int e : {1, 9, 13, 15, 33, 41, 45, 47, 49}) g ^= gf_pow(x, e, kSqPoly);
  return static_cast<u8>(g ^ 0x25);
}

// The isomorphism phi: F -> AES field. F is GF(2)[x]/(p) with p = x^8+x^6+x^5+x^3+1; any root
// beta of p in the AES field gives phi(sum c_i x^i) = sum c_i beta^i, a GF(2)-linear bijection
// with phi(a*b) = phi(a)*phi(b). That is what lets the avx512 tier compute SQ with the AES-field
// instructions GF2P8MULB / GF2P8AFFINEINVQB. The smallest root is taken (the test checks that
// phi is multiplicative and bijective over all inputs).
consteval u8 phi_beta() {
  for (int b = 2; b < 256; ++b) {
    const u8 beta = static_cast<u8>(b);
    const u8 value = static_cast<u8>(gf_pow(beta, 8, kAesPoly) ^ gf_pow(beta, 6, kAesPoly) ^
                                     gf_pow(beta, 5, kAesPoly) ^ gf_pow(beta, 3, kAesPoly) ^ 1);
    if (value == 0) return beta;
  }
  return 0;
}
inline constexpr u8 kPhiBeta = phi_beta();
static_assert(kPhiBeta != 0, "x^8+x^6+x^5+x^3+1 has a root in GF(2^8)");

consteval u8 phi(u8 v) {
  u8 r = 0;
  for (int i = 0; i < 8; ++i)
    if ((v >> i) & 1) r ^= gf_pow(kPhiBeta, i, kAesPoly);
  return r;
}
// phi^-1 is the isomorphism back, sum v_i gamma^i over F with gamma = phi^-1(x): found once.
consteval u8 phi_gamma() {
  for (int y = 0; y < 256; ++y)
    if (phi(static_cast<u8>(y)) == 2) return static_cast<u8>(y);
  return 0;
}
inline constexpr u8 kPhiGamma = phi_gamma();
consteval u8 phi_inverse(u8 v) {
  u8 r = 0;
  for (int i = 0; i < 8; ++i)
    if ((v >> i) & 1) r ^= gf_pow(kPhiGamma, i, kSqPoly);
  return r;
}

// The 8x8 bit matrix of a GF(2)-linear octet map f in the operand layout of GF2P8AFFINEQB
// (Intel SDM, GF2P8AFFINEQB: output bit i is the parity of (matrix octet 7-i) AND x).
consteval u64 gfni_matrix_of_images(const std::array<u8, 8>& image) {  // image[k] = f(bit k)
  u64 m = 0;
  for (int i = 0; i < 8; ++i) {
    u64 row = 0;
    for (int k = 0; k < 8; ++k)
      if ((image[k] >> i) & 1) row |= u64{1} << k;
    m |= row << (8 * (7 - i));
  }
  return m;
}
// f is evaluated once per input bit (clang's constant-evaluation step limit counts every call).
template <typename F>
consteval u64 gfni_matrix(F f) {
  std::array<u8, 8> image{};
  for (int k = 0; k < 8; ++k) image[k] = f(static_cast<u8>(1 << k));
  return gfni_matrix_of_images(image);
}

// Octet J (little-endian position) of MULalpha, or of DIValpha, as a GFNI matrix, from the bit
// images above (clang 14 rejects the consteval lambda over mul_alpha this would otherwise be).
template <int J, bool Div>
consteval u64 alpha_gfni_matrix() {
  std::array<u8, 8> image{};
  for (int k = 0; k < 8; ++k) image[k] = static_cast<u8>((Div ? kDivAlphaBits : kMulAlphaBits)[k] >> (8 * J));
  return gfni_matrix_of_images(image);
}

// The GF2P8AFFINEQB matrices of S2 on the avx512 tier (snow3g_avx512.cpp for one message,
// snow3g_avx512_x16.cpp for 16 lanes): x in F -> phi(x), phi(x)^4, phi(x)^2 (with 1 as the affine
// constant, (1 + phi(x))^2); in the AES field z -> z^8, z^4, z (the identity, for the plain
// inverse); and back to F: A = phi^-1(t) ^ 0x25 = SQ(x), B = MULx(A, 0x69), and A ^ B.
consteval u8 aes_pow(u8 v, int e) { return gf_pow(v, e, kAesPoly); }
inline constexpr u64 kGfniPhi = gfni_matrix([](u8 v) consteval { return phi(v); });
inline constexpr u64 kGfniPhiPow4 = gfni_matrix([](u8 v) consteval { return aes_pow(phi(v), 4); });
inline constexpr u64 kGfniPhiSquare = gfni_matrix([](u8 v) consteval { return aes_pow(phi(v), 2); });
inline constexpr u64 kGfniPow8 = gfni_matrix([](u8 v) consteval { return aes_pow(v, 8); });
inline constexpr u64 kGfniPow4 = gfni_matrix([](u8 v) consteval { return aes_pow(v, 4); });
inline constexpr u64 kGfniIdentity = gfni_matrix([](u8 v) consteval { return v; });
inline constexpr u64 kGfniOutA = gfni_matrix([](u8 v) consteval { return phi_inverse(v); });
inline constexpr u64 kGfniOutB = gfni_matrix([](u8 v) consteval { return mulx(phi_inverse(v), kSqPoly); });
inline constexpr u64 kGfniOutAB = kGfniOutA ^ kGfniOutB;  // the matrix of a sum of linear maps
inline constexpr int kGfniOutAConst = 0x25;
inline constexpr int kGfniOutBConst = mulx(0x25, kSqPoly);
inline constexpr int kGfniOutABConst = kGfniOutAConst ^ kGfniOutBConst;

}  // namespace secmode::impl::crypto::snow3g
