// Bitsliced AES-128 (layout and contract: aes_ct64.h). Written from FIPS-197 and the
// Boyar-Peralta S-box circuit ("A depth-16 circuit for the AES S-box", 2011); every step is
// an AND, XOR, shift or fixed mask, so time and memory accesses do not depend on the data.
#include "impl/crypto/aes_ct64.h"

#include <cstring>

#include "impl/crypto/ct.h"

namespace secmode::impl::crypto {
namespace {

using Planes = std::uint64_t[8];

std::uint64_t load_le64(const std::uint8_t* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;  // the host is little-endian (x86-64, the only target with tiers above portable)
}
void store_le64(std::uint8_t* p, std::uint64_t v) noexcept { std::memcpy(p, &v, 8); }

// 8x8 bit-matrix transpose of a word (bit 8i + j <-> bit 8j + i): three rounds of swapping the
// off-diagonal halves of 2x2, then 4x4, then 8x8 blocks (Hacker's Delight 7-3). Its own inverse.
std::uint64_t transpose_bits(std::uint64_t x) noexcept {
  std::uint64_t t = (x ^ (x >> 7)) & 0x00aa00aa00aa00aaULL;
  x ^= t ^ (t << 7);
  t = (x ^ (x >> 14)) & 0x0000cccc0000ccccULL;
  x ^= t ^ (t << 14);
  t = (x ^ (x >> 28)) & 0x00000000f0f0f0f0ULL;
  x ^= t ^ (t << 28);
  return x;
}

// 8x8 octet-matrix transpose across eight words (octet k of w[g] <-> octet g of w[k]), the
// same block-swapping at octet granularity. Its own inverse.
void transpose_octets(std::uint64_t w[8]) noexcept {
  for (int g = 0; g < 4; ++g) {
    const std::uint64_t a = w[g], b = w[g + 4];
    w[g] = (a & 0x00000000ffffffffULL) | (b << 32);
    w[g + 4] = (a >> 32) | (b & 0xffffffff00000000ULL);
  }
  for (const int g : {0, 1, 4, 5}) {
    const std::uint64_t a = w[g], b = w[g + 2];
    w[g] = (a & 0x0000ffff0000ffffULL) | ((b & 0x0000ffff0000ffffULL) << 16);
    w[g + 2] = ((a >> 16) & 0x0000ffff0000ffffULL) | (b & 0xffff0000ffff0000ULL);
  }
  for (const int g : {0, 2, 4, 6}) {
    const std::uint64_t a = w[g], b = w[g + 1];
    w[g] = (a & 0x00ff00ff00ff00ffULL) | ((b & 0x00ff00ff00ff00ffULL) << 8);
    w[g + 1] = ((a >> 8) & 0x00ff00ff00ff00ffULL) | (b & 0xff00ff00ff00ff00ULL);
  }
}

// Four blocks (64 octets, FIPS-197 input order) into bit planes. The octets are first put in
// layout order (position 16b + 4r + c, i.e. each block's state row by row); then bit k of
// octet p must land at bit p of plane k: a 64x8 bit transpose, done as eight 8x8 bit
// transposes followed by one 8x8 octet transpose.
void pack(Planes q, const std::uint8_t in[64]) noexcept {
  std::uint8_t seq[64];
  for (int b = 0; b < 4; ++b)
    for (int r = 0; r < 4; ++r)
      for (int c = 0; c < 4; ++c) seq[16 * b + 4 * r + c] = in[16 * b + r + 4 * c];
  for (int g = 0; g < 8; ++g) q[g] = transpose_bits(load_le64(seq + 8 * g));
  transpose_octets(q);
  ct::wipe(seq, sizeof seq);
}

void unpack(std::uint8_t out[64], const Planes q) noexcept {
  std::uint64_t w[8];
  std::memcpy(w, q, sizeof w);
  transpose_octets(w);
  std::uint8_t seq[64];
  for (int g = 0; g < 8; ++g) store_le64(seq + 8 * g, transpose_bits(w[g]));
  for (int b = 0; b < 4; ++b)
    for (int r = 0; r < 4; ++r)
      for (int c = 0; c < 4; ++c) out[16 * b + r + 4 * c] = seq[16 * b + 4 * r + c];
  ct::wipe(seq, sizeof seq);
  ct::wipe(w, sizeof w);
}

// FIPS-197 5.1.2: row r rotates left by r columns, i.e. new[r][c] = old[r][c + r mod 4]. In a
// row's nibble (bit c = column c) that is a right rotation by r.
void shift_rows(Planes q) noexcept {
  for (int k = 0; k < 8; ++k) {
    const std::uint64_t x = q[k];
    q[k] = (x & 0x000f000f000f000fULL)                                               // row 0
           | ((x >> 1) & 0x0070007000700070ULL) | ((x << 3) & 0x0080008000800080ULL)  // row 1
           | ((x >> 2) & 0x0300030003000300ULL) | ((x << 2) & 0x0c000c000c000c00ULL)  // row 2
           | ((x >> 3) & 0x1000100010001000ULL) | ((x << 1) & 0xe000e000e000e000ULL); // row 3
  }
}

// Row r of the result holds row r + 1 (mod 4) of x: a 4-bit rotation of each 16-bit lane.
std::uint64_t next_row(std::uint64_t x) noexcept {
  return ((x >> 4) & 0x0fff0fff0fff0fffULL) | ((x << 12) & 0xf000f000f000f000ULL);
}
// Row r of the result holds row r + 2 (mod 4).
std::uint64_t row_after_next(std::uint64_t x) noexcept {
  return ((x >> 8) & 0x00ff00ff00ff00ffULL) | ((x << 8) & 0xff00ff00ff00ff00ULL);
}

// FIPS-197 5.1.3: out_r = 2 a_r + 3 a_(r+1) + a_(r+2) + a_(r+3)
//                      = 2 (a_r + a_(r+1)) + a_(r+1) + (a_(r+2) + a_(r+3)).
// With t = a + next_row(a): out = xtime(t) + next_row(a) + row_after_next(t). xtime (4.2.1)
// multiplies by x modulo x^8 + x^4 + x^3 + x + 1: a shift of the planes, bit 7 folded into
// bits 0, 1, 3 and 4.
void mix_columns(Planes q) noexcept {
  std::uint64_t n[8], t[8];
  for (int k = 0; k < 8; ++k) {
    n[k] = next_row(q[k]);
    t[k] = q[k] ^ n[k];
  }
  const std::uint64_t hi = t[7];
  const std::uint64_t xt[8] = {hi, t[0] ^ hi, t[1], t[2] ^ hi, t[3] ^ hi, t[4], t[5], t[6]};
  for (int k = 0; k < 8; ++k) q[k] = xt[k] ^ n[k] ^ row_after_next(t[k]);
}

void add_round_key(Planes q, const std::array<std::uint64_t, 8>& rk) noexcept {
  for (int k = 0; k < 8; ++k) q[k] ^= rk[k];
}

// FIPS-197 5.1 Cipher() on four packed blocks.
void encrypt_planes(const AesCt64Key& key, Planes q) noexcept {
  add_round_key(q, key.round[0]);
  for (int round = 1; round < 10; ++round) {
    detail::aes_ct64_sbox(q);
    shift_rows(q);
    mix_columns(q);
    add_round_key(q, key.round[round]);
  }
  detail::aes_ct64_sbox(q);
  shift_rows(q);
  add_round_key(q, key.round[10]);
}

void encrypt4(const AesCt64Key& key, const std::uint8_t in[64], std::uint8_t out[64]) noexcept {
  Planes q;
  pack(q, in);
  encrypt_planes(key, q);
  unpack(out, q);
  ct::wipe(q, sizeof q);
}

// FIPS-197 5.2 SubWord on the four octets of w: they go through the bitsliced S-box as the
// first four positions of a state (the other 60 hold zeros and are dropped).
void sub_word(std::uint8_t w[4]) noexcept {
  std::uint8_t block[64] = {};
  for (int i = 0; i < 4; ++i) block[4 * i] = w[i];  // row 0, columns 0..3 of block 0
  Planes q;
  pack(q, block);
  detail::aes_ct64_sbox(q);
  unpack(block, q);
  for (int i = 0; i < 4; ++i) w[i] = block[4 * i];
  ct::wipe(block, sizeof block);
  ct::wipe(q, sizeof q);
}

void increment_be128(std::uint8_t ctr[16]) noexcept {  // the counter is public
  for (int i = 15; i >= 0; --i)
    if (++ctr[i] != 0) break;
}

}  // namespace

namespace detail {

// Boyar-Peralta's 113-gate circuit for the S-box (32 AND, 77 XOR, 4 XNOR). Their U0 and S0
// are the most significant bits, so x0 is plane 7. Names follow the paper's listing; the t and
// z variables are its intermediate signals. Checked against FIPS-197 figure 7 for all 256
// inputs by tests/impl/vectors_eea2_eia2.cpp.
void aes_ct64_sbox(std::uint64_t q[8]) noexcept {
  const std::uint64_t x0 = q[7], x1 = q[6], x2 = q[5], x3 = q[4], x4 = q[3], x5 = q[2], x6 = q[1], x7 = q[0];

  // Top linear transformation.
  const std::uint64_t y14 = x3 ^ x5, y13 = x0 ^ x6, y9 = x0 ^ x3, y8 = x0 ^ x5;
  const std::uint64_t t0 = x1 ^ x2;
  const std::uint64_t y1 = t0 ^ x7, y4 = y1 ^ x3, y12 = y13 ^ y14, y2 = y1 ^ x0, y5 = y1 ^ x6;
  const std::uint64_t y3 = y5 ^ y8;
  const std::uint64_t t1 = x4 ^ y12;
  const std::uint64_t y15 = t1 ^ x5, y20 = t1 ^ x1;
  const std::uint64_t y6 = y15 ^ x7, y10 = y15 ^ t0, y11 = y20 ^ y9;
  const std::uint64_t y7 = x7 ^ y11, y17 = y10 ^ y11, y19 = y10 ^ y8, y16 = t0 ^ y11;
  const std::uint64_t y21 = y13 ^ y16, y18 = x0 ^ y16;

  // Shared non-linear middle: inversion in GF(2^4)^2, in the paper's straight-line form.
  const std::uint64_t t2 = y12 & y15, t3 = y3 & y6, t4 = t3 ^ t2, t5 = y4 & x7, t6 = t5 ^ t2;
  const std::uint64_t t7 = y13 & y16, t8 = y5 & y1, t9 = t8 ^ t7, t10 = y2 & y7, t11 = t10 ^ t7;
  const std::uint64_t t12 = y9 & y11, t13 = y14 & y17, t14 = t13 ^ t12, t15 = y8 & y10, t16 = t15 ^ t12;
  const std::uint64_t t17 = t4 ^ t14, t18 = t6 ^ t16, t19 = t9 ^ t14, t20 = t11 ^ t16;
  const std::uint64_t t21 = t17 ^ y20, t22 = t18 ^ y19, t23 = t19 ^ y21, t24 = t20 ^ y18;
  const std::uint64_t t25 = t21 ^ t22, t26 = t21 & t23, t27 = t24 ^ t26, t28 = t25 & t27;
  const std::uint64_t t29 = t28 ^ t22, t30 = t23 ^ t24, t31 = t22 ^ t26, t32 = t31 & t30;
  const std::uint64_t t33 = t32 ^ t24, t34 = t23 ^ t33, t35 = t27 ^ t33, t36 = t24 & t35;
  const std::uint64_t t37 = t36 ^ t34, t38 = t27 ^ t36, t39 = t29 & t38, t40 = t25 ^ t39;
  const std::uint64_t t41 = t40 ^ t37, t42 = t29 ^ t33, t43 = t29 ^ t40, t44 = t33 ^ t37;
  const std::uint64_t t45 = t42 ^ t41;
  const std::uint64_t z0 = t44 & y15, z1 = t37 & y6, z2 = t33 & x7, z3 = t43 & y16, z4 = t40 & y1;
  const std::uint64_t z5 = t29 & y7, z6 = t42 & y11, z7 = t45 & y17, z8 = t41 & y10, z9 = t44 & y12;
  const std::uint64_t z10 = t37 & y3, z11 = t33 & y4, z12 = t43 & y13, z13 = t40 & y5;
  const std::uint64_t z14 = t29 & y2, z15 = t42 & y9, z16 = t45 & y14, z17 = t41 & y8;

  // Bottom linear transformation (with the affine constant 0x63 as the four XNORs).
  const std::uint64_t t46 = z15 ^ z16, t47 = z10 ^ z11, t48 = z5 ^ z13, t49 = z9 ^ z10, t50 = z2 ^ z12;
  const std::uint64_t t51 = z2 ^ z5, t52 = z7 ^ z8, t53 = z0 ^ z3, t54 = z6 ^ z7, t55 = z16 ^ z17;
  const std::uint64_t t56 = z12 ^ t48, t57 = t50 ^ t53, t58 = z4 ^ t46, t59 = z3 ^ t54, t60 = t46 ^ t57;
  const std::uint64_t t61 = z14 ^ t57, t62 = t52 ^ t58, t63 = t49 ^ t58, t64 = z4 ^ t59;
  const std::uint64_t t65 = t61 ^ t62, t66 = z1 ^ t63, t67 = t64 ^ t65;
  const std::uint64_t s0 = t59 ^ t63, s6 = t56 ^ ~t62, s7 = t48 ^ ~t60;
  const std::uint64_t s3 = t53 ^ t66, s4 = t51 ^ t66, s5 = t47 ^ t65;
  const std::uint64_t s1 = t64 ^ ~s3, s2 = t55 ^ ~t67;

  q[7] = s0; q[6] = s1; q[5] = s2; q[4] = s3; q[3] = s4; q[2] = s5; q[1] = s6; q[0] = s7;
}

}  // namespace detail

void aes_ct64_expand(AesCt64Key& out, const std::uint8_t key[16]) noexcept {
  // FIPS-197 5.2: w[i] = w[i-4] ^ temp, temp = SubWord(RotWord(w[i-1])) ^ Rcon[i/4] when
  // 4 | i. Rcon is public, so indexing it is fine.
  static constexpr std::uint8_t kRcon[10] = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1b, 0x36};
  std::uint8_t w[176];
  std::memcpy(w, key, 16);
  for (int i = 4; i < 44; ++i) {
    std::uint8_t temp[4];
    std::memcpy(temp, w + 4 * (i - 1), 4);
    if (i % 4 == 0) {  // i is public
      const std::uint8_t first = temp[0];
      temp[0] = temp[1]; temp[1] = temp[2]; temp[2] = temp[3]; temp[3] = first;  // RotWord
      sub_word(temp);
      temp[0] ^= kRcon[i / 4 - 1];
    }
    for (int j = 0; j < 4; ++j) w[4 * i + j] = static_cast<std::uint8_t>(w[4 * (i - 4) + j] ^ temp[j]);
    ct::wipe(temp, sizeof temp);
  }
  // Round key r is w[4r..4r+3], 16 octets in input order; repeat it in the four lanes.
  std::uint8_t four[64];
  for (int r = 0; r < 11; ++r) {
    for (int b = 0; b < 4; ++b) std::memcpy(four + 16 * b, w + 16 * r, 16);
    pack(out.round[r].data(), four);
  }
  ct::wipe(four, sizeof four);
  ct::wipe(w, sizeof w);
}

void aes_ct64_encrypt(const AesCt64Key& key, const std::uint8_t* in, std::uint8_t* out, std::size_t n) noexcept {
  std::uint8_t buf[64];
  for (std::size_t i = 0; i < n; i += 4) {
    const std::size_t m = n - i < 4 ? n - i : 4;
    std::memset(buf, 0, sizeof buf);
    std::memcpy(buf, in + 16 * i, 16 * m);
    encrypt4(key, buf, buf);
    std::memcpy(out + 16 * i, buf, 16 * m);
  }
  ct::wipe(buf, sizeof buf);
}

void aes_ct64_ctr_xor(const AesCt64Key& key, std::uint8_t ctr[16], const std::uint8_t* in, std::uint8_t* out,
                      std::size_t n) noexcept {
  std::uint8_t ks[64];
  for (std::size_t i = 0; i < n; i += 4) {
    const std::size_t m = n - i < 4 ? n - i : 4;
    for (std::size_t b = 0; b < 4; ++b) {
      std::memcpy(ks + 16 * b, ctr, 16);
      if (b < m) increment_be128(ctr);
    }
    encrypt4(key, ks, ks);
    for (std::size_t j = 0; j < 16 * m; ++j) out[16 * i + j] = static_cast<std::uint8_t>(in[16 * i + j] ^ ks[j]);
  }
  ct::wipe(ks, sizeof ks);
}

void aes_ct64_cbc_mac(const AesCt64Key& key, std::uint8_t state[16], const std::uint8_t* in, std::size_t n) noexcept {
  // CBC is sequential, so only lane 0 carries data: a quarter of the bitsliced throughput.
  std::uint8_t buf[64] = {};
  std::memcpy(buf, state, 16);
  for (std::size_t i = 0; i < n; ++i) {
    for (int j = 0; j < 16; ++j) buf[j] ^= in[16 * i + j];
    encrypt4(key, buf, buf);
  }
  std::memcpy(state, buf, 16);
  ct::wipe(buf, sizeof buf);
}

}  // namespace secmode::impl::crypto
