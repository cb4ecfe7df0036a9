// AES-128 with AES-NI (contract: aes_x86ni.h). Compiled with -maes -msse4.1 only.
#include "impl/crypto/aes_x86ni.h"

#include <cstring>

#include "impl/crypto/ct.h"
#include "impl/crypto/endian.h"
#include "impl/crypto/x86_intrinsics.h"

namespace secmode::impl::crypto {
namespace {

// One step of FIPS-197 5.2 for Nk = 4: AESKEYGENASSIST gives SubWord(RotWord(w3)) ^ Rcon in
// its top word; the running XOR w0, w0^w1, w0^w1^w2, ... comes from three shifted XORs.
__m128i expand_step(__m128i key, __m128i assist) noexcept {
  assist = _mm_shuffle_epi32(assist, 0xff);
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  return _mm_xor_si128(key, assist);
}

// The round keys, read from the key object itself whenever a round needs one (an AESENC memory
// operand, or a register when the compiler has one free), so no copy of them lands on the stack;
// the registers that held them are cleared when the kernel ends.
struct Rounds {
  const AesNiKey& key;
  ~Rounds() { clear_vector_registers(); }
  __m128i k(int i) const noexcept { return _mm_load_si128(reinterpret_cast<const __m128i*>(key.round[i])); }
  __m128i encrypt(__m128i b) const noexcept {
    b = _mm_xor_si128(b, k(0));
    for (int i = 1; i < 10; ++i) b = _mm_aesenc_si128(b, k(i));
    return _mm_aesenclast_si128(b, k(10));
  }
};

__m128i load(const std::uint8_t* p) noexcept { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
void store(std::uint8_t* p, __m128i v) noexcept { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v); }

}  // namespace

void aes_x86ni_expand(AesNiKey& out, const std::uint8_t key[16]) noexcept {
  __m128i k[11];
  k[0] = load(key);
  // The round constant must be an immediate, hence one line per round (Rcon, FIPS-197 5.2).
  k[1] = expand_step(k[0], _mm_aeskeygenassist_si128(k[0], 0x01));
  k[2] = expand_step(k[1], _mm_aeskeygenassist_si128(k[1], 0x02));
  k[3] = expand_step(k[2], _mm_aeskeygenassist_si128(k[2], 0x04));
  k[4] = expand_step(k[3], _mm_aeskeygenassist_si128(k[3], 0x08));
  k[5] = expand_step(k[4], _mm_aeskeygenassist_si128(k[4], 0x10));
  k[6] = expand_step(k[5], _mm_aeskeygenassist_si128(k[5], 0x20));
  k[7] = expand_step(k[6], _mm_aeskeygenassist_si128(k[6], 0x40));
  k[8] = expand_step(k[7], _mm_aeskeygenassist_si128(k[7], 0x80));
  k[9] = expand_step(k[8], _mm_aeskeygenassist_si128(k[8], 0x1b));
  k[10] = expand_step(k[9], _mm_aeskeygenassist_si128(k[9], 0x36));
  for (int i = 0; i < 11; ++i) _mm_store_si128(reinterpret_cast<__m128i*>(out.round[i]), k[i]);
  ct::wipe(k, sizeof k);
}

void aes_x86ni_encrypt(const AesNiKey& key, const std::uint8_t* in, std::uint8_t* out, std::size_t n) noexcept {
  const Rounds r{key};
  for (std::size_t i = 0; i < n; ++i) store(out + 16 * i, r.encrypt(load(in + 16 * i)));
}

void aes_x86ni_ctr_xor(const AesNiKey& key, std::uint8_t ctr[16], const std::uint8_t* in, std::uint8_t* out,
                       std::size_t n) noexcept {
  const Rounds r{key};
  // The counter (public) is kept as two native integers; each block is their byte reversal.
  const __m128i reverse = _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  std::uint64_t hi = load_be64(ctr), lo = load_be64(ctr + 8);
  const auto next = [&]() noexcept {
    const __m128i b = _mm_shuffle_epi8(_mm_set_epi64x(static_cast<long long>(hi), static_cast<long long>(lo)), reverse);
    hi += (++lo == 0);
    return b;
  };
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {  // eight independent AESENC chains hide the instruction latency
    __m128i b[8];
    for (int j = 0; j < 8; ++j) b[j] = _mm_xor_si128(next(), r.k(0));
    for (int round = 1; round < 10; ++round)
      for (int j = 0; j < 8; ++j) b[j] = _mm_aesenc_si128(b[j], r.k(round));
    for (int j = 0; j < 8; ++j) {
      b[j] = _mm_aesenclast_si128(b[j], r.k(10));
      store(out + 16 * (i + j), _mm_xor_si128(b[j], load(in + 16 * (i + j))));
    }
  }
  for (; i < n; ++i) store(out + 16 * i, _mm_xor_si128(r.encrypt(next()), load(in + 16 * i)));
  store_be64(ctr, hi);
  store_be64(ctr + 8, lo);
}

void aes_x86ni_cbc_mac(const AesNiKey& key, std::uint8_t state[16], const std::uint8_t* in, std::size_t n) noexcept {
  const Rounds r{key};
  __m128i s = load(state);
  for (std::size_t i = 0; i < n; ++i) s = r.encrypt(_mm_xor_si128(s, load(in + 16 * i)));
  store(state, s);
}

}  // namespace secmode::impl::crypto
