// 128-EEA2 / 128-EIA2 framing around the tier's AES kernel (contract: eea2_eia2.h).
#include "impl/crypto/eea2_eia2.h"

#include <algorithm>
#include <cstring>

#include "impl/crypto/aes_vaes.h"
#include "impl/crypto/ct.h"

namespace secmode::impl::crypto {

namespace detail {

// The one place that maps a key's tier to its kernel (the tier itself is chosen in cpu.cpp).
struct Eea2Eia2KeyAccess {
  static void encrypt(const Eea2Eia2Key& k, const std::uint8_t* in, std::uint8_t* out, std::size_t n) noexcept {
    if (k.tier_ == Tier::portable) aes_ct64_encrypt(k.ct64_, in, out, n);
    else aes_x86ni_encrypt(k.ni_, in, out, n);
  }
  static void ctr_xor(const Eea2Eia2Key& k, std::uint8_t ctr[16], const std::uint8_t* in, std::uint8_t* out,
                      std::size_t n) noexcept {
    if (k.tier_ == Tier::portable) aes_ct64_ctr_xor(k.ct64_, ctr, in, out, n);
    else if (k.tier_ == Tier::avx512) aes_vaes_ctr_xor(k.ni_, ctr, in, out, n);
    else aes_x86ni_ctr_xor(k.ni_, ctr, in, out, n);
  }
  // 128-EEA2's keystream for a whole message of `bytes` octets from T1: the avx512 kernel takes
  // the partial last block in the same pass, the others (and a counter that would wrap, which an
  // EEA2 T1 never is) through a zero-padded copy.
  static void ctr_xor_message(const Eea2Eia2Key& k, const std::uint8_t t1[16], const std::uint8_t* in,
                              std::uint8_t* out, std::size_t bytes) noexcept {
    if (k.tier_ == Tier::avx512 && aes_vaes_ctr_xor_bytes(k.ni_, t1, in, out, bytes)) return;
    std::uint8_t ctr[16];
    std::memcpy(ctr, t1, 16);
    ctr_xor(k, ctr, in, out, bytes / 16);
    if (const std::size_t rest = bytes % 16; rest != 0) {
      std::uint8_t tail[16] = {};
      std::memcpy(tail, in + bytes - rest, rest);
      ctr_xor(k, ctr, tail, tail, 1);
      std::memcpy(out + bytes - rest, tail, rest);
      ct::wipe(tail, sizeof tail);
    }
  }
  static void cbc_mac(const Eea2Eia2Key& k, std::uint8_t state[16], const std::uint8_t* in, std::size_t n) noexcept {
    if (k.tier_ == Tier::portable) aes_ct64_cbc_mac(k.ct64_, state, in, n);
    else aes_x86ni_cbc_mac(k.ni_, state, in, n);
  }
  static const std::array<std::uint8_t, 16>& k1(const Eea2Eia2Key& k) noexcept { return k.k1_; }
  static const std::array<std::uint8_t, 16>& k2(const Eea2Eia2Key& k) noexcept { return k.k2_; }
};

}  // namespace detail

namespace {

using Kernel = detail::Eea2Eia2KeyAccess;

// RFC 4493 2.3 / SP 800-38B 6.1: a one-bit left shift of the 128-bit string, with
// Rb = 0x87 folded in when the bit shifted out is 1 -- by a mask, since L is secret.
void double_block(const std::uint8_t in[16], std::uint8_t out[16]) noexcept {
  const auto carry = static_cast<std::uint8_t>(ct::mask_from_bit(in[0] >> 7));
  for (int i = 0; i < 15; ++i) out[i] = static_cast<std::uint8_t>(in[i] << 1 | in[i + 1] >> 7);
  out[15] = static_cast<std::uint8_t>(in[15] << 1 ^ (0x87 & carry));
}

// TS 33.401 B.1.3 / B.2.3: COUNT || BEARER || DIRECTION || 0^26, 8 octets.
void count_bearer_direction(const CountInputs& in, std::uint8_t p[8]) noexcept {
  p[0] = static_cast<std::uint8_t>(in.count >> 24);
  p[1] = static_cast<std::uint8_t>(in.count >> 16);
  p[2] = static_cast<std::uint8_t>(in.count >> 8);
  p[3] = static_cast<std::uint8_t>(in.count);
  p[4] = static_cast<std::uint8_t>(in.bearer << 3 | in.direction << 2);
  p[5] = p[6] = p[7] = 0;
}

// The full 128-bit CMAC tag over prefix || message (64 + bits bits), SP 800-38B 6.2.
void cmac_tag(const Eea2Eia2Key& key, const CountInputs& in, const std::uint8_t* msg, std::size_t bits,
              std::uint8_t tag[16]) noexcept {
  const std::size_t total = 64 + bits;            // never 0, so at least one block
  const std::size_t n = (total + 127) / 128;       // step 2
  const std::size_t msg_bytes = bytes_for(bits);
  std::uint8_t block[16];
  std::memset(tag, 0, 16);                          // step 5: C0 = 0^b

  // Block 0 is the 8-octet prefix and message octets 0..7; block i >= 1 is message octets
  // 16i - 8 .. 16i + 7, contiguous in the caller's buffer, so all but the last go straight to
  // the kernel.
  std::uint8_t prefix[8];
  count_bearer_direction(in, prefix);
  if (n > 1) {
    std::memcpy(block, prefix, 8);
    std::memcpy(block + 8, msg, 8);  // n > 1 means bits > 64
    Kernel::cbc_mac(key, tag, block, 1);
    Kernel::cbc_mac(key, tag, msg + 8, n - 2);
  }

  // The last block (step 3-4): complete -> XOR K1; otherwise cut after the last bit, append
  // 10..0 and XOR K2.
  std::memset(block, 0, 16);
  const std::size_t start = 16 * (n - 1);  // stream offset of the last block
  for (std::size_t j = 0; j < 16; ++j) {
    const std::size_t p = start + j;
    if (p < 8) block[j] = prefix[p];
    else if (p - 8 < msg_bytes) block[j] = msg[p - 8];
  }
  const std::size_t last_bits = total - 128 * (n - 1);  // 1..128
  const std::array<std::uint8_t, 16>* subkey = &Kernel::k1(key);
  if (last_bits < 128) {
    block[last_bits / 8] &= used_bits_mask(last_bits);
    block[last_bits / 8] |= static_cast<std::uint8_t>(0x80 >> (last_bits % 8));
    subkey = &Kernel::k2(key);
  }
  for (int j = 0; j < 16; ++j) block[j] ^= (*subkey)[j];
  Kernel::cbc_mac(key, tag, block, 1);  // step 6: T = MSB(C_n)
  ct::wipe(block, sizeof block);
}

}  // namespace

Eea2Eia2Key::Eea2Eia2Key(std::span<const std::uint8_t, 16> key) noexcept : Eea2Eia2Key(key, active_tier()) {}

Eea2Eia2Key::Eea2Eia2Key(std::span<const std::uint8_t, 16> key, Tier tier) noexcept
    : tier_(std::min(tier, detected_tier())) {
  if (tier_ == Tier::portable) aes_ct64_expand(ct64_, key.data());
  else aes_x86ni_expand(ni_, key.data());
  std::uint8_t l[16] = {};
  Kernel::encrypt(*this, l, l, 1);  // L = E_K(0^128)
  double_block(l, k1_.data());
  double_block(k1_.data(), k2_.data());
  ct::wipe(l, sizeof l);
}

Eea2Eia2Key::~Eea2Eia2Key() {
  ct::wipe_object(ct64_);
  ct::wipe_object(ni_);
  ct::wipe_object(k1_);
  ct::wipe_object(k2_);
}

const char* eea2(const Eea2Eia2Key& key, const CountInputs& in, std::span<const std::uint8_t> data, std::size_t bits,
                 std::span<std::uint8_t> out) noexcept {
  if (const char* fault = cipher_inputs_error(in, data.size(), out.size(), bits)) return fault;
  const std::size_t n = bytes_for(bits);
  std::uint8_t t1[16] = {};
  count_bearer_direction(in, t1);  // T1 = prefix || 0^64
  Kernel::ctr_xor_message(key, t1, data.data(), out.data(), n);
  if (n != 0) out[n - 1] &= used_bits_mask(bits);
  return nullptr;
}

const char* eia2(const Eea2Eia2Key& key, const CountInputs& in, std::span<const std::uint8_t> message,
                 std::size_t bits, std::span<std::uint8_t, 4> mac) noexcept {
  if (const char* fault = count_inputs_error(in, message.size(), bits)) return fault;
  std::uint8_t tag[16];
  cmac_tag(key, in, message.data(), bits, tag);
  std::memcpy(mac.data(), tag, 4);  // MACT = T[0]..T[31]
  ct::wipe(tag, sizeof tag);
  return nullptr;
}

bool eia2_verify(const Eea2Eia2Key& key, const CountInputs& in, std::span<const std::uint8_t> message,
                 std::size_t bits, std::span<const std::uint8_t, 4> mac) noexcept {
  return ct::mac_verifies([&](std::span<std::uint8_t, 4> expected) { return eia2(key, in, message, bits, expected); },
                          mac);
}

}  // namespace secmode::impl::crypto
