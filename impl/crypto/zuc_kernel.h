// The ZUC round, 128-EEA3 XOR and 128-EIA3 hash loop, written once (STYLE.md 5) and instantiated
// per tier with that tier's FSM and hash (zuc_portable.cpp, zuc_x86.h). Included only by the
// kernel files; everything is in an unnamed namespace so that each tier's copy, compiled with
// its own target flags, stays in its own object file (no inline function shared across flags).
//
// Fsm:  void start(x2): before the first round, with that round's X2;
//       std::uint32_t f(x0, x1, x2, x2_next): returns W = (X0 ^ R1) + R2 from the current R1,
//       R2 and advances them (TS 35.222 3.4); x2_next is the next round's X2 (already in the
//       LFSR), which a kernel may fold in early; void wipe().
// Hash: void absorb4(const std::uint8_t block[16], const std::uint32_t k[5]): XORs in the
//       contribution of the four 32-bit message words of block (most significant bit first) with
//       keystream words k[0..4] = z_j .. z_{j+4} (TS 35.221 4.5); std::uint32_t value(); wipe().
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "impl/crypto/count_inputs.h"
#include "impl/crypto/ct.h"
#include "impl/crypto/endian.h"
#include "impl/crypto/zuc.h"

namespace secmode::impl::crypto {
namespace {

template <typename Fsm>
class ZucGenerator {
 public:
  // TS 35.222 3.6.1: load the cells (3.5), R1 = R2 = 0, 32 rounds of F feeding W >> 1 into the
  // LFSR; then 3.6.2's first round, whose output is discarded, so next() yields z1.
  ZucGenerator(const ZucKeyCells& key, const std::uint8_t iv[16]) noexcept {
    for (int i = 0; i < 16; ++i) cells_[i] = cells_[i + 16] = key.kd[i] | iv[i];
    c14_ = cells_[14];
    c15_ = cells_[15];
    fsm_.start(cells_[7] << 16 | cells_[5] >> 15);
    for (int t = 0; t < 32; ++t) step<true>();
    step<false>();
  }

  std::uint32_t next() noexcept { return step<false>(); }

  void wipe() noexcept {
    ct::wipe_object(cells_);
    ct::wipe_object(c14_);
    ct::wipe_object(c15_);
    fsm_.wipe();
  }

 private:
  static constexpr std::uint64_t kP = 0x7fffffff;  // 2^31 - 1

  // One round. The cells s0..s15 are cells_[pos_ .. pos_ + 15] of a ring stored twice
  // (cells_[i] = cells_[i + 16]), so the window is always contiguous: the new cell goes to both
  // copies of the slot s0 leaves, instead of shifting 15 words (pos_ counts rounds mod 16,
  // public). s15 and s14 also live in c15_, c14_: they are on the LFSR's critical path (the
  // next round's X0 and feedback), which a store-then-load would lengthen.
  template <bool kInit>
  std::uint32_t step() noexcept {
    const std::uint32_t* s = cells_ + pos_;
    // TS 35.222 3.3 BitReorganization: sH = bits 30..15, sL = bits 15..0 of a 31-bit cell.
    const std::uint32_t x0 = ((c15_ << 1) & 0xffff0000u) | (c14_ & 0xffffu);
    const std::uint32_t x1 = s[11] << 16 | s[9] >> 15;
    const std::uint32_t x2 = s[7] << 16 | s[5] >> 15;
    const std::uint32_t x3 = s[2] << 16 | s[0] >> 15;
    const std::uint32_t w = fsm_.f(x0, x1, x2, s[8] << 16 | s[6] >> 15);  // next X2: s7L || s5H then
    // TS 35.222 3.2: v = 2^15 s15 + 2^17 s13 + 2^21 s10 + 2^20 s4 + (1 + 2^8) s0, plus u = W >> 1
    // in initialisation mode, mod 2^31 - 1. The sum stays below 2^54; two folds
    // x -> (x mod 2^31) + (x div 2^31) bring any 0 < x < 2^62 into [1, 2^31 - 1] (the first to at
    // most 2(2^31 - 1), the second to at most 2^31 - 1), without a branch. A sum that is 0 mod
    // 2^31 - 1 comes out as 2^31 - 1, which is the spec's "if s16 = 0 then s16 = 2^31 - 1";
    // the sum itself is never 0, since s0 >= 1 (cells start with a nonzero d_i and stay in
    // [1, 2^31 - 1]).
    std::uint64_t v = (std::uint64_t{c15_} << 15) + (std::uint64_t{s[13]} << 17) + (std::uint64_t{s[10]} << 21) +
                      (std::uint64_t{s[4]} << 20) + (std::uint64_t{s[0]} << 8) + s[0];
    if constexpr (kInit) v += w >> 1;
    v = (v & kP) + (v >> 31);
    v = (v & kP) + (v >> 31);
    const auto s16 = static_cast<std::uint32_t>(v);
    cells_[pos_] = cells_[pos_ + 16] = s16;
    c14_ = c15_;
    c15_ = s16;
    pos_ = (pos_ + 1) & 15;
    return w ^ x3;  // TS 35.222 3.6.2: Z = W ^ X3
  }

  alignas(64) std::uint32_t cells_[32] = {};
  std::size_t pos_ = 0;
  std::uint32_t c14_ = 0, c15_ = 0;
  Fsm fsm_{};
};

template <typename Fsm>
void zuc_xor_impl(const ZucKeyCells& key, const std::uint8_t iv[16], const std::uint8_t* in, std::uint8_t* out,
                  std::size_t n) noexcept {
  ZucGenerator<Fsm> g(key, iv);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) store_be32(out + i, load_be32(in + i) ^ g.next());
  if (i < n) {  // n is public
    std::uint32_t z = g.next();
    for (; i < n; ++i, z <<= 8) out[i] = static_cast<std::uint8_t>(in[i] ^ (z >> 24));
    ct::wipe_object(z);
  }
  g.wipe();
}

template <typename Fsm>
void zuc_keystream_impl(const ZucKeyCells& key, const std::uint8_t iv[16], std::uint32_t* z, std::size_t n) noexcept {
  ZucGenerator<Fsm> g(key, iv);
  for (std::size_t i = 0; i < n; ++i) z[i] = g.next();
  g.wipe();
}

// TS 35.221 4.4-4.5: L = ceil(LENGTH / 32) + 2 keystream words; T = XOR of GET_WORD(z, i) over
// the message bits i that are 1, then T ^= GET_WORD(z, LENGTH), MAC = T ^ z_L. The message goes
// through the hash four words at a time with z_j .. z_{j+4}; the last, partial block is copied
// into a zeroed buffer with the bits past LENGTH cleared (zero words contribute nothing).
template <typename Fsm, typename Hash>
std::uint32_t zuc_mac_impl(const ZucKeyCells& key, const std::uint8_t iv[16], const std::uint8_t* msg,
                           std::size_t bits) noexcept {
  ZucGenerator<Fsm> g(key, iv);
  Hash h{};
  const std::size_t words = (bits + 31) / 32;
  std::uint32_t k[5];
  k[0] = g.next();
  std::size_t j = 0;
  for (; 32 * (j + 4) <= bits; j += 4) {
    for (int w = 1; w <= 4; ++w) k[w] = g.next();
    h.absorb4(msg + 4 * j, k);
    k[0] = k[4];
  }
  const std::size_t tail_words = words - j;  // 0..4, and >= 1 when bits % 32 != 0
  if (tail_words > 0) {
    std::uint8_t tail[16] = {};
    const std::size_t tail_bytes = bytes_for(bits) - 4 * j;
    std::memcpy(tail, msg + 4 * j, tail_bytes);
    tail[tail_bytes - 1] &= used_bits_mask(bits);
    for (std::size_t w = 1; w <= 4; ++w) k[w] = w <= tail_words ? g.next() : 0;  // public count
    h.absorb4(tail, k);
    ct::wipe_object(tail);
  }
  // k[tail_words] = z_words (0-based), k[tail_words - 1] = z_{words - 1}.
  const std::uint32_t last = k[tail_words];
  const unsigned r = bits % 32;
  const std::uint32_t word_at_length = r == 0 ? last : (k[tail_words - 1] << r | last >> (32 - r));
  const std::uint32_t mac = h.value() ^ word_at_length ^ g.next();
  ct::wipe_object(k);
  h.wipe();
  g.wipe();
  return mac;
}

}  // namespace
}  // namespace secmode::impl::crypto
