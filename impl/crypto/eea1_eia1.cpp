// 128-EEA1 / 128-EIA1 framing around the tier's SNOW 3G kernel (contract: eea1_eia1.h).
#include "impl/crypto/eea1_eia1.h"

#include <algorithm>

#include "impl/crypto/ct.h"
#include "impl/crypto/snow3g.h"

namespace secmode::impl::crypto {

namespace detail {

// The one place that maps a key's tier to its kernel (the tier itself is chosen in cpu.cpp).
struct Eea1Eia1KeyAccess {
  static Snow3gInput input(const Eea1Eia1Key& k, std::uint32_t iv0, std::uint32_t iv1, std::uint32_t iv2,
                           std::uint32_t iv3) noexcept {
    return {{k.k_[0], k.k_[1], k.k_[2], k.k_[3]}, {iv0, iv1, iv2, iv3}};
  }
  static void keystream_xor(const Eea1Eia1Key& k, const Snow3gInput& in, const std::uint8_t* data,
                            std::uint8_t* out, std::size_t n) noexcept {
    if (k.tier_ == Tier::portable) snow3g_portable_xor(in, data, out, n);
    else if (k.tier_ == Tier::avx2) snow3g_avx2_xor(in, data, out, n);
    else snow3g_avx512_xor(in, data, out, n);
  }
  static void z5(const Eea1Eia1Key& k, const Snow3gInput& in, std::uint32_t z[5]) noexcept {
    if (k.tier_ == Tier::portable) snow3g_portable_z5(in, z);
    else if (k.tier_ == Tier::avx2) snow3g_avx2_z5(in, z);
    else snow3g_avx512_z5(in, z);
  }
  static std::uint64_t eval(const Eea1Eia1Key& k, std::uint64_t p, std::uint64_t q, const std::uint8_t* msg,
                            std::size_t bits) noexcept {
    if (k.tier_ == Tier::portable) return uia2_eval_portable(p, q, msg, bits);
    if (k.tier_ == Tier::avx2) return uia2_eval_clmul(p, q, msg, bits);
    return uia2_eval_vpclmul(p, q, msg, bits);
  }
};

}  // namespace detail

namespace {

using Kernel = detail::Eea1Eia1KeyAccess;

std::uint32_t load_be32(const std::uint8_t* p) noexcept {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

}  // namespace

Eea1Eia1Key::Eea1Eia1Key(std::span<const std::uint8_t, 16> key) noexcept : Eea1Eia1Key(key, active_tier()) {}

Eea1Eia1Key::Eea1Eia1Key(std::span<const std::uint8_t, 16> key, Tier tier) noexcept
    : tier_(std::min(tier, detected_tier())) {
  // TS 35.215 3.4 / 4.4: K3 = KEY[0..31], K2 = KEY[32..63], K1 = KEY[64..95], K0 = KEY[96..127].
  for (int i = 0; i < 4; ++i) k_[3 - i] = load_be32(key.data() + 4 * i);
}

Eea1Eia1Key::~Eea1Eia1Key() { ct::wipe_object(k_); }

const char* eea1(const Eea1Eia1Key& key, const CountInputs& in, std::span<const std::uint8_t> data, std::size_t bits,
                 std::span<std::uint8_t> out) noexcept {
  if (const char* fault = count_inputs_error(in, data.size(), bits)) return fault;
  if (out.size() < bytes_for(bits)) return "output shorter than bytes_for(bits)";
  const std::size_t n = bytes_for(bits);
  if (n == 0) return nullptr;
  // TS 35.215 3.4: IV3 = COUNT-C, IV2 = BEARER || DIRECTION || 0^26, IV1 = IV3, IV0 = IV2.
  const std::uint32_t bd = std::uint32_t{in.bearer} << 27 | std::uint32_t{in.direction} << 26;
  Snow3gInput snow = Kernel::input(key, bd, in.count, bd, in.count);
  Kernel::keystream_xor(key, snow, data.data(), out.data(), n);
  out[n - 1] &= used_bits_mask(bits);  // TS 35.215 3.6: only LENGTH bits are output
  ct::wipe_object(snow);
  return nullptr;
}

const char* eia1(const Eea1Eia1Key& key, const CountInputs& in, std::span<const std::uint8_t> message,
                 std::size_t bits, std::span<std::uint8_t, 4> mac) noexcept {
  if (const char* fault = count_inputs_error(in, message.size(), bits)) return fault;
  // TS 33.401 B.2.2: FRESH = BEARER || 0^27. TS 35.215 4.4: IV3 = COUNT-I, IV2 = FRESH,
  // IV1 = DIRECTION << 31 ^ COUNT-I, IV0 = FRESH ^ DIRECTION << 15.
  const std::uint32_t fresh = std::uint32_t{in.bearer} << 27;
  const std::uint32_t d = in.direction;
  Snow3gInput snow = Kernel::input(key, fresh ^ d << 15, d << 31 ^ in.count, fresh, in.count);
  std::uint32_t z[5];
  Kernel::z5(key, snow, z);
  // TS 35.215 4.4: P = z1 || z2, Q = z3 || z4, OTP = z5; 4.5: MAC-I = EVAL[0..31] ^ z5.
  const std::uint64_t p = std::uint64_t{z[0]} << 32 | z[1];
  const std::uint64_t q = std::uint64_t{z[2]} << 32 | z[3];
  const std::uint64_t eval = Kernel::eval(key, p, q, message.data(), bits);
  const std::uint32_t m = static_cast<std::uint32_t>(eval >> 32) ^ z[4];
  for (int i = 0; i < 4; ++i) mac[i] = static_cast<std::uint8_t>(m >> (24 - 8 * i));
  ct::wipe_object(snow);
  ct::wipe(z, sizeof z);
  return nullptr;
}

bool eia1_verify(const Eea1Eia1Key& key, const CountInputs& in, std::span<const std::uint8_t> message,
                 std::size_t bits, std::span<const std::uint8_t, 4> mac) noexcept {
  std::array<std::uint8_t, 4> expected{};
  if (eia1(key, in, message, bits, expected) != nullptr) return false;
  const bool ok = ct::equal_bytes(expected.data(), mac.data(), 4);
  ct::wipe_object(expected);
  return ok;
}

}  // namespace secmode::impl::crypto
