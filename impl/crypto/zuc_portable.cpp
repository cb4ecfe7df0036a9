// The portable ZUC kernel (contract: zuc.h): plain 64-bit C++, constant time.
//
// The S-box layer is bitsliced. The FSM applies S to 8 octets per round (R1's and R2's next
// words); they are transposed into 8 bit planes (plane k holds bit k of each octet, octet j at
// bit j), so that a boolean circuit computes all 8 S-box outputs at once with AND and XOR:
//  - S0 through its Feistel structure (zuc_sbox.h): the 4-bit boxes P1, P2, P3 evaluated from
//    their algebraic normal form (computed at compile time), the final rotation a renaming of
//    planes;
//  - S1 = A1 inv(x) ^ 0x55 via the AES S-box circuit of aes_ct64 (the bitsliced inversion
//    already in the library) between two linear maps: the isomorphism into the AES field
//    before, and A1 composed with the way back after (zuc_sbox.h derives both).
// Both are computed for all 8 octets and the result is picked per octet by a constant mask.
// Rejected: a 256-entry table (a secret index), and x^254 by square-and-multiply in SWAR form
// (about four times the operations of the shared AES circuit).
//
// The EIA3 hash slides a 64-bit window of keystream one bit per message bit; the message bit
// becomes an all-ones or all-zeros mask (ct.h) that selects whether the window's top word is
// XORed in, so no branch depends on the message.
#include <cstddef>
#include <cstdint>
#include <utility>

#include "impl/crypto/aes_ct64.h"
#include "impl/crypto/zuc_kernel.h"
#include "impl/crypto/zuc_sbox.h"

namespace secmode::impl::crypto {
namespace {

using u32 = std::uint32_t;
using u64 = std::uint64_t;
namespace sb = zuc_sbox;

// 8x8 bit-matrix transpose of the octets of x (Hacker's Delight 7-3): bit k of octet j moves to
// bit j of octet k. It is its own inverse.
u64 transpose8(u64 x) noexcept {
  u64 t = (x ^ (x >> 7)) & 0x00aa00aa00aa00aaULL;
  x ^= t ^ (t << 7);
  t = (x ^ (x >> 14)) & 0x0000cccc0000ccccULL;
  x ^= t ^ (t << 14);
  t = (x ^ (x >> 28)) & 0x00000000f0f0f0f0ULL;
  x ^= t ^ (t << 28);
  return x;
}

// out = M in on bit planes: plane j of the result is the XOR of the input planes i whose column
// has bit j. M is a template argument and the indices come from index sequences, so each
// selection is a compile-time constant and only the XORs remain.
template <const sb::Linear& M, std::size_t J, std::size_t... I>
u64 plane_sum(const u64 in[8], std::index_sequence<I...>) noexcept {
  return (((M.col[I] >> J & 1) != 0 ? in[I] : u64{0}) ^ ...);
}
template <const sb::Linear& M, std::size_t... J>
void linear_planes(const u64 in[8], u64 out[8], std::index_sequence<J...>) noexcept {
  ((out[J] = plane_sum<M, J>(in, std::make_index_sequence<8>{})), ...);
}
template <const sb::Linear& M>
void linear_planes(const u64 in[8], u64 out[8]) noexcept {
  linear_planes<M>(in, out, std::make_index_sequence<8>{});
}

// A 4-bit box on planes a[0..3] from its algebraic normal form (a template argument):
// monomials are ANDs of planes, each output plane the XOR of its monomials.
template <const std::array<std::uint16_t, 4>& Anf, std::size_t J, std::size_t... S>
u64 anf_sum(const u64 mono[16], std::index_sequence<S...>) noexcept {
  return (((Anf[J] >> S & 1) != 0 ? mono[S] : u64{0}) ^ ...);
}
template <const std::array<std::uint16_t, 4>& Anf>
void nibble_box(const u64 a[4], u64 out[4]) noexcept {
  u64 mono[16];
  mono[0] = ~u64{0};
  for (int s = 1; s < 16; ++s) mono[s] = mono[s & (s - 1)] & a[__builtin_ctz(static_cast<unsigned>(s))];
  [&]<std::size_t... J>(std::index_sequence<J...>) {
    ((out[J] = anf_sum<Anf, J>(mono, std::make_index_sequence<16>{})), ...);
  }(std::make_index_sequence<4>{});
}

constexpr auto kAnfP1 = sb::anf4(sb::kP1);
constexpr auto kAnfP2 = sb::anf4(sb::kP2);
constexpr auto kAnfP3 = sb::anf4(sb::kP3);

// S on the 8 octets of x: S0 on the odd octets (the 2nd and 4th most significant of each
// 32-bit half), S1 on the even ones (TS 35.222 3.4.1).
u64 sbox_bitsliced(u64 x) noexcept {
  const u64 t = transpose8(x);
  u64 q[8];
  for (int k = 0; k < 8; ++k) q[k] = t >> (8 * k) & 0xff;

  // S0: planes 0..3 are xl, 4..7 xh.
  u64 p[4], t1[4], t2[4], t3[4];
  nibble_box<kAnfP1>(q, p);
  for (int k = 0; k < 4; ++k) t1[k] = q[4 + k] ^ p[k];
  nibble_box<kAnfP2>(t1, p);
  for (int k = 0; k < 4; ++k) t2[k] = q[k] ^ p[k];
  nibble_box<kAnfP3>(t2, p);
  for (int k = 0; k < 4; ++k) t3[k] = t1[k] ^ p[k];
  u64 s0[8];  // (t3 || t2) <<< 5: bit k goes to bit (k + 5) mod 8
  for (int k = 0; k < 4; ++k) {
    s0[(k + 5) % 8] = t2[k];
    s0[(k + 9) % 8] = t3[k];
  }

  // S1.
  u64 y[8], s1[8];
  linear_planes<sb::kToAes>(q, y);
  detail::aes_ct64_sbox(y);
  for (int k = 0; k < 8; ++k) y[k] ^= 0 - static_cast<u64>(sb::kAesConstant >> k & 1);
  linear_planes<sb::kS1PostSubBytes>(y, s1);

  // Octet j of x is bit j of a plane: S0's octets are the odd bits, S1's the even ones, which
  // also take S1's constant.
  constexpr u64 kOdd = 0xaa, kEven = 0x55;
  u64 r = 0;
  for (int k = 0; k < 8; ++k) {
    const u64 c1 = (0 - static_cast<u64>(sb::kC1 >> k & 1)) & kEven;
    const u64 plane = ((s0[k] & kOdd) | (s1[k] & kEven)) ^ c1;
    r |= (plane & 0xff) << (8 * k);
  }
  return transpose8(r);
}

u32 rotl32(u32 x, int k) noexcept { return x << k | x >> (32 - k); }

struct FsmPortable {
  u32 r1 = 0, r2 = 0;

  // TS 35.222 3.4: W = (X0 ^ R1) + R2; W1 = R1 + X1; W2 = R2 ^ X2;
  // R1 = S(L1(W1L || W2H)); R2 = S(L2(W2L || W1H)).
  void start(u32) noexcept {}
  u32 f(u32 x0, u32 x1, u32 x2, u32) noexcept {
    const u32 w = (x0 ^ r1) + r2;
    const u32 w1 = r1 + x1, w2 = r2 ^ x2;
    const u32 u = w1 << 16 | w2 >> 16, v = w2 << 16 | w1 >> 16;
    const u32 l1 = u ^ rotl32(u, 2) ^ rotl32(u, 10) ^ rotl32(u, 18) ^ rotl32(u, 24);  // 3.4.2
    const u32 l2 = v ^ rotl32(v, 8) ^ rotl32(v, 14) ^ rotl32(v, 22) ^ rotl32(v, 30);
    const u64 s = sbox_bitsliced(u64{l2} << 32 | l1);
    r1 = static_cast<u32>(s);
    r2 = static_cast<u32>(s >> 32);
    return w;
  }
  void wipe() noexcept {
    ct::wipe_object(r1);
    ct::wipe_object(r2);
  }
};

struct HashPortable {
  u32 t = 0;

  void absorb4(const std::uint8_t block[16], const u32 k[5]) noexcept {
    for (int w = 0; w < 4; ++w) {
      const u32 m = load_be32(block + 4 * w);
      const u64 window = u64{k[w]} << 32 | k[w + 1];
      // Message bit b of this word (b = 0 its most significant) selects GET_WORD at b, the
      // window's 32 bits starting b bits from its top.
      for (int b = 0; b < 32; ++b)
        t ^= static_cast<u32>(window >> (32 - b)) & static_cast<u32>(ct::mask_from_bit(m >> (31 - b)));
    }
  }
  u32 value() const noexcept { return t; }
  void wipe() noexcept { ct::wipe_object(t); }
};

// TS 35.222 3.5: the 15-bit constants d0..d15.
constexpr u32 kD[16] = {0x44D7, 0x26BC, 0x626B, 0x135E, 0x5789, 0x35E2, 0x7135, 0x09AF,
                        0x4D78, 0x2F13, 0x6BC4, 0x1AF1, 0x5E26, 0x3C4D, 0x789A, 0x47AC};

}  // namespace

void zuc_key_cells(ZucKeyCells& out, const std::uint8_t key[16]) noexcept {
  for (int i = 0; i < 16; ++i) out.kd[i] = u32{key[i]} << 23 | kD[i] << 8;  // k_i || d_i || 0^8
}

void zuc_portable_xor(const ZucKeyCells& key, const std::uint8_t iv[16], const std::uint8_t* in,
                      std::uint8_t* out, std::size_t n) noexcept {
  zuc_xor_impl<FsmPortable>(key, iv, in, out, n);
}

std::uint32_t zuc_portable_mac(const ZucKeyCells& key, const std::uint8_t iv[16], const std::uint8_t* msg,
                               std::size_t bits) noexcept {
  return zuc_mac_impl<FsmPortable, HashPortable>(key, iv, msg, bits);
}

void zuc_portable_keystream(const ZucKeyCells& key, const std::uint8_t iv[16], std::uint32_t* z,
                            std::size_t n) noexcept {
  zuc_keystream_impl<FsmPortable>(key, iv, z, n);
}

std::uint64_t detail::zuc_portable_sbox(std::uint64_t two_words) noexcept { return sbox_bitsliced(two_words); }

}  // namespace secmode::impl::crypto
