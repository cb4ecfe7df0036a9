// SNOW 3G (TS 35.216) and the UIA2 hash (TS 35.215 4.5), portable and constant time: the kernel
// of the `portable` tier (contract: snow3g.h).
//
// The S-boxes are computed, not looked up. The four octets of a word are processed at once in a
// 32-bit register (SWAR): a per-octet condition is turned into a per-octet mask by multiplying the
// octet's 0/1 bit by 0xff (no carry can cross an octet), so GF(2^8) products, squarings (linear
// maps) and MULx are the same instruction sequence whatever the data. Rejected: 256-entry tables
// (the classic implementation; their cache lines leak the index) and a full bitslice over 64-bit
// words (fast when 64 octets share a call, but a step of SNOW 3G has only four per S-box).
//
//  S1 (3.3.1): SR = the AES S-box = affine(x^254) in GF(2^8)/0x11B; x^254 by the addition chain
//     x^2, x^3, x^12, x^15, x^240, x^252, x^254 (four products, three linear powers).
//  S2 (3.3.2): SQ(x) = g49(x) ^ 0x25 with the Dickson polynomial g49 = D7(D7(x)),
//     D7(y) = y^7 + y^5 + y = y^5 (1 + y)^2 + y (D_mn = D_m o D_n for Dickson polynomials with
//     parameter 1, and D_7(x, 1) = x^7 + x^5 + x over GF(2)), in F = GF(2^8)/0x169. (1 + y)^2 is
//     1 + y^2, so each D7 costs two products and two linear maps.
//  Both then apply the MixColumns-shaped matrix of their field (r = B ^ A<<<8 ^ A<<<16 ^
//  (A^B)<<<24 with A the S-box octets and B = MULx(A), see sbox32 in the spec twin).
#include <cstring>

#include "impl/crypto/ct.h"
#include "impl/crypto/endian.h"
#include "impl/crypto/snow3g.h"
#include "impl/crypto/snow3g_constants.h"

namespace secmode::impl::crypto {

namespace {

using namespace snow3g;

constexpr u32 kLsb = 0x01010101;

// All ones in each octet of x whose bit k is set.
inline u32 octet_masks(u32 x, int k) noexcept { return ((x >> k) & kLsb) * 0xff; }

// MULx (TS 35.216 3.1.1) on every octet: shift, and XOR c where the top bit was set.
inline u32 xtime(u32 a, u8 c) noexcept { return ((a << 1) & 0xfefefefe) ^ (((a >> 7) & kLsb) * c); }

// Octet-wise product in the field with low octet c: shift-and-add over the bits of b, each
// addition masked rather than branched.
inline u32 gmul(u32 a, u32 b, u8 c) noexcept {
  u32 r = 0;
  for (int k = 0; k < 8; ++k) {
    r ^= a & octet_masks(b, k);
    a = xtime(a, c);
  }
  return r;
}

// A GF(2)-linear octet map given by the images of the eight single bits, on every octet.
using Images = std::array<u8, 8>;
inline u32 linear(u32 x, const Images& img) noexcept {
  u32 r = 0;
  for (int k = 0; k < 8; ++k) r ^= octet_masks(x, k) & (img[k] * kLsb);
  return r;
}

template <int E, u8 C>
consteval Images power_images() {  // x -> x^E for E a power of two (the Frobenius map is linear)
  Images out{};
  for (int k = 0; k < 8; ++k) out[k] = gf_pow(static_cast<u8>(1 << k), E, C);
  return out;
}
// FIPS-197 5.1.1: b ^ (b<<<1) ^ (b<<<2) ^ (b<<<3) ^ (b<<<4), the constant 0x63 added apart.
consteval Images aes_affine_images() {
  Images out{};
  for (int k = 0; k < 8; ++k) {
    const unsigned b = 1u << k;
    unsigned s = b;
    for (int i = 1; i < 5; ++i) s ^= (b << i | b >> (8 - i)) & 0xff;
    out[k] = static_cast<u8>(s);
  }
  return out;
}

constexpr Images kAesSquare = power_images<2, kAesPoly>();
constexpr Images kAesPow4 = power_images<4, kAesPoly>();
constexpr Images kAesPow16 = power_images<16, kAesPoly>();
constexpr Images kAesAffine = aes_affine_images();
constexpr Images kSqSquare = power_images<2, kSqPoly>();
constexpr Images kSqPow4 = power_images<4, kSqPoly>();

inline u32 rotl(u32 x, int n) noexcept { return x << n | x >> (32 - n); }

// The MixColumns-shaped matrix of TS 35.216 3.3.1/3.3.2 over the field with low octet c.
inline u32 mix(u32 a, u8 c) noexcept {
  const u32 b = xtime(a, c);
  return b ^ rotl(a, 8) ^ rotl(a, 16) ^ rotl(a ^ b, 24);
}

u32 s1(u32 w) noexcept {
  const u32 x2 = linear(w, kAesSquare);
  const u32 x3 = gmul(x2, w, kAesPoly);
  const u32 x12 = linear(x3, kAesPow4);
  const u32 x15 = gmul(x12, x3, kAesPoly);
  const u32 x240 = linear(x15, kAesPow16);
  const u32 x252 = gmul(x240, x12, kAesPoly);
  const u32 inv = gmul(x252, x2, kAesPoly);  // x^254 = x^-1, and 0 -> 0 as SR needs
  return mix(linear(inv, kAesAffine) ^ 0x63636363u, kAesPoly);
}

inline u32 d7(u32 y) noexcept {
  const u32 y5 = gmul(linear(y, kSqPow4), y, kSqPoly);
  return gmul(y5, linear(y, kSqSquare) ^ kLsb, kSqPoly) ^ y;
}

u32 s2(u32 w) noexcept { return mix(d7(d7(w)) ^ 0x25252525u, kSqPoly); }

// MULalpha(a) ^ DIValpha(b) (TS 35.216 3.4.2-3.4.3) as the masked sum of the bit images.
inline u32 alpha(u32 a, u32 b) noexcept {
  u32 r = 0;
  for (int k = 0; k < 8; ++k) {
    r ^= (0u - ((a >> k) & 1)) & kMulAlphaBits[k];
    r ^= (0u - ((b >> k) & 1)) & kDivAlphaBits[k];
  }
  return r;
}

struct State {
  u32 s[16];
  u32 r1, r2, r3;
};

// TS 35.216 3.4.6: clocks the FSM, returns F.
inline u32 clock_fsm(State& st) noexcept {
  const u32 f = (st.s[15] + st.r1) ^ st.r2;
  const u32 r = st.r2 + (st.r3 ^ st.s[5]);
  st.r3 = s2(st.r2);
  st.r2 = s1(st.r1);
  st.r1 = r;
  return f;
}

// TS 35.216 3.4.4 / 3.4.5 (f = F in initialisation mode, 0 in keystream mode).
inline void clock_lfsr(State& st, u32 f) noexcept {
  const u32 v = (st.s[0] << 8) ^ st.s[2] ^ (st.s[11] >> 8) ^ alpha(st.s[0] >> 24, st.s[11] & 0xff) ^ f;
  std::memmove(st.s, st.s + 1, 15 * sizeof(u32));
  st.s[15] = v;
}

// TS 35.216 4.1 loading, 32 initialisation clocks, and the first keystream-mode clock whose F
// is discarded (4.2), so that the next FSM output XOR s0 is z1.
void start(State& st, const Snow3gInput& in) noexcept {
  const u32* k = in.k;
  const u32* iv = in.iv;
  constexpr u32 one = 0xffffffffu;
  st.s[15] = k[3] ^ iv[0];
  st.s[14] = k[2];
  st.s[13] = k[1];
  st.s[12] = k[0] ^ iv[1];
  st.s[11] = k[3] ^ one;
  st.s[10] = k[2] ^ one ^ iv[2];
  st.s[9] = k[1] ^ one ^ iv[3];
  st.s[8] = k[0] ^ one;
  st.s[7] = k[3];
  st.s[6] = k[2];
  st.s[5] = k[1];
  st.s[4] = k[0];
  st.s[3] = k[3] ^ one;
  st.s[2] = k[2] ^ one;
  st.s[1] = k[1] ^ one;
  st.s[0] = k[0] ^ one;
  st.r1 = st.r2 = st.r3 = 0;
  for (int t = 0; t < 32; ++t) clock_lfsr(st, clock_fsm(st));
  (void)clock_fsm(st);
  clock_lfsr(st, 0);
}

inline u32 next_word(State& st) noexcept {
  const u32 z = clock_fsm(st) ^ st.s[0];
  clock_lfsr(st, 0);
  return z;
}

// ---- GF(2^64) for UIA2 ---------------------------------------------------------------------------

__extension__ typedef unsigned __int128 u128;

// Bits at positions = i (mod 5): the carry-less product is assembled from 25 integer products
// of these sparse pieces. In a piece product, a position of one residue class receives at most
// 13 one-bits (a piece has at most 13 bits), whose sum (< 16) carries into at most the next four
// positions, which belong to other classes; masking each class out of the products that feed it
// therefore leaves exactly the XOR (the parity of the count). Integer multiplication takes the
// same time for all operands on x86-64, so this is constant time without PCLMULQDQ. Rejected: 64
// masked shift-and-add rounds (about five times slower).
consteval u128 class_mask(int cls, int width) {
  u128 m = 0;
  for (int p = cls; p < width; p += 5) m |= u128{1} << p;
  return m;
}

inline u128 clmul64(u64 x, u64 y) noexcept {
  constexpr u128 kClass[5] = {class_mask(0, 128), class_mask(1, 128), class_mask(2, 128), class_mask(3, 128),
                              class_mask(4, 128)};
  u64 xs[5], ys[5];
  for (int i = 0; i < 5; ++i) {
    xs[i] = x & static_cast<u64>(kClass[i]);  // the low 64 bits of a class are that class in 64 bits
    ys[i] = y & static_cast<u64>(kClass[i]);
  }
  u128 z = 0;
  for (int c = 0; c < 5; ++c) {
    u128 acc = 0;
    for (int i = 0; i < 5; ++i) acc ^= static_cast<u128>(xs[i]) * ys[(c - i + 5) % 5];
    z |= acc & kClass[c];
  }
  return z;
}

// Reduction modulo x^64 + x^4 + x^3 + x + 1 (TS 35.215 4.3.2, c = 0x1b): x^64 = x^4 + x^3 + x + 1,
// so the high half H folds in as H ^ H<<1 ^ H<<3 ^ H<<4, whose own overflow (degree <= 3) folds
// in the same way without overflowing again.
inline u64 reduce(u128 z) noexcept {
  const u64 h = static_cast<u64>(z >> 64);
  const u64 o = (h >> 63) ^ (h >> 61) ^ (h >> 60);
  return static_cast<u64>(z) ^ h ^ (h << 1) ^ (h << 3) ^ (h << 4) ^ o ^ (o << 1) ^ (o << 3) ^ (o << 4);
}

inline u64 mul64(u64 v, u64 p) noexcept { return reduce(clmul64(v, p)); }

}  // namespace

void snow3g_portable_xor(const Snow3gInput& in, const std::uint8_t* data, std::uint8_t* out, std::size_t n) noexcept {
  State st;
  start(st, in);
  for (std::size_t i = 0; i < n; i += 4) {
    const u32 z = next_word(st);
    for (std::size_t j = 0; j < 4 && i + j < n; ++j)
      out[i + j] = static_cast<std::uint8_t>(data[i + j] ^ (z >> (24 - 8 * j)));
  }
  ct::wipe_object(st);
}

void snow3g_portable_z5(const Snow3gInput& in, std::uint32_t z[5]) noexcept {
  State st;
  start(st, in);
  for (int i = 0; i < 5; ++i) z[i] = next_word(st);
  ct::wipe_object(st);
}

std::uint64_t uia2_eval_portable(std::uint64_t p, std::uint64_t q, const std::uint8_t* msg, std::size_t bits) noexcept {
  // TS 35.215 4.5: D - 1 = ceil(LENGTH / 64) message blocks, then the length block with Q.
  const std::size_t blocks = (bits + 63) / 64;
  u64 eval = 0;
  for (std::size_t i = 0; i + 1 < blocks; ++i) eval = mul64(eval ^ load_be64(msg + 8 * i), p);
  if (blocks != 0) {
    const std::size_t last_bits = bits - 64 * (blocks - 1);  // 1..64, public
    std::uint8_t tail[8] = {};
    std::memcpy(tail, msg + 8 * (blocks - 1), (last_bits + 7) / 8);
    const u64 keep = last_bits == 64 ? ~u64{0} : ~(~u64{0} >> last_bits);  // drop unused bits
    eval = mul64(eval ^ (load_be64(tail) & keep), p);
    ct::wipe(tail, sizeof tail);
  }
  return mul64(eval ^ static_cast<u64>(bits), q);
}

namespace detail {
std::uint32_t snow3g_portable_s1(std::uint32_t w) noexcept { return s1(w); }
std::uint32_t snow3g_portable_s2(std::uint32_t w) noexcept { return s2(w); }
std::uint32_t snow3g_portable_alpha(std::uint8_t a, std::uint8_t b) noexcept { return alpha(a, b); }
std::uint64_t uia2_mul64_portable(std::uint64_t v, std::uint64_t p) noexcept { return mul64(v, p); }
}  // namespace detail

}  // namespace secmode::impl::crypto
