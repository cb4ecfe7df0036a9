// 128-EEA1 / 128-EIA1 framing around the tier's SNOW 3G kernel (contract: eea1_eia1.h).
#include "impl/crypto/eea1_eia1.h"

#include <algorithm>

#include "impl/crypto/ct.h"
#include "impl/crypto/endian.h"
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
  // Whether a key's messages may go through the 16-lane kernel (eea1_batch, eia1_batch).
  static bool has_lanes(const Eea1Eia1Key& k) noexcept { return k.tier_ == Tier::avx512; }
};

}  // namespace detail

namespace {

using Kernel = detail::Eea1Eia1KeyAccess;

}  // namespace

Eea1Eia1Key::Eea1Eia1Key(std::span<const std::uint8_t, 16> key) noexcept : Eea1Eia1Key(key, active_tier()) {}

Eea1Eia1Key::Eea1Eia1Key(std::span<const std::uint8_t, 16> key, Tier tier) noexcept
    : tier_(std::min(tier, detected_tier())) {
  // TS 35.215 3.4 / 4.4: K3 = KEY[0..31], K2 = KEY[32..63], K1 = KEY[64..95], K0 = KEY[96..127].
  for (int i = 0; i < 4; ++i) k_[3 - i] = load_be32(key.data() + 4 * i);
}

Eea1Eia1Key::~Eea1Eia1Key() { ct::wipe_object(k_); }

namespace {

// TS 35.215 3.4: IV3 = COUNT-C, IV2 = BEARER || DIRECTION || 0^26, IV1 = IV3, IV0 = IV2.
Snow3gInput f8_input(const Eea1Eia1Key& key, const CountInputs& in) noexcept {
  const std::uint32_t bd = std::uint32_t{in.bearer} << 27 | std::uint32_t{in.direction} << 26;
  return Kernel::input(key, bd, in.count, bd, in.count);
}

// TS 35.215 4.4: IV3 = COUNT-I, IV2 = FRESH, IV1 = DIRECTION << 31 ^ COUNT-I,
// IV0 = FRESH ^ DIRECTION << 15.
Snow3gInput f9_input(const Eea1Eia1Key& key, std::uint32_t count, std::uint32_t fresh, std::uint32_t direction) noexcept {
  return Kernel::input(key, fresh ^ direction << 15, direction << 31 ^ count, fresh, count);
}

// TS 33.401 B.2.2: 128-EIA1 is f9 with FRESH = BEARER || 0^27.
std::uint32_t eia1_fresh(const CountInputs& in) noexcept { return std::uint32_t{in.bearer} << 27; }

// TS 35.215 4.4-4.5 after the keystream: P = z1 || z2, Q = z3 || z4, OTP = z5, and
// MAC-I = EVAL[0..31] ^ z5 (most significant octet first).
std::uint64_t f9_p(const std::uint32_t z[5]) noexcept { return std::uint64_t{z[0]} << 32 | z[1]; }
std::uint64_t f9_q(const std::uint32_t z[5]) noexcept { return std::uint64_t{z[2]} << 32 | z[3]; }
void f9_mac(std::uint64_t eval, const std::uint32_t z[5], std::span<std::uint8_t, 4> mac) noexcept {
  const std::uint32_t m = static_cast<std::uint32_t>(eval >> 32) ^ z[4];
  for (int i = 0; i < 4; ++i) mac[i] = static_cast<std::uint8_t>(m >> (24 - 8 * i));
}

// The MAC from the keystream, on the key's tier. Wipes z.
void f9_finish(const Eea1Eia1Key& key, std::uint32_t z[5], const std::uint8_t* message, std::size_t bits,
               std::span<std::uint8_t, 4> mac) noexcept {
  f9_mac(Kernel::eval(key, f9_p(z), f9_q(z), message, bits), z, mac);
  ct::wipe(z, 5 * sizeof(std::uint32_t));
}

// uia2_f9 after its arguments were checked: the one f9 path (eia1 and uia2_f9 both end here).
void f9(const Eea1Eia1Key& key, std::uint32_t count, std::uint32_t fresh, std::uint32_t direction,
        const std::uint8_t* message, std::size_t bits, std::span<std::uint8_t, 4> mac) noexcept {
  Snow3gInput snow = f9_input(key, count, fresh, direction);
  std::uint32_t z[5];
  Kernel::z5(key, snow, z);
  f9_finish(key, z, message, bits, mac);
  ct::wipe_object(snow);
}

const char* f9_error(std::uint8_t direction, std::size_t message_size, std::size_t bits) noexcept {
  if (direction >= 2) return "DIRECTION is 1 bit (TS 35.215 4.2)";
  if (message_size < bytes_for(bits)) return "input shorter than bytes_for(bits)";
  return nullptr;
}

}  // namespace

const char* eea1(const Eea1Eia1Key& key, const CountInputs& in, std::span<const std::uint8_t> data, std::size_t bits,
                 std::span<std::uint8_t> out) noexcept {
  if (const char* fault = cipher_inputs_error(in, data.size(), out.size(), bits)) return fault;
  const std::size_t n = bytes_for(bits);
  if (n == 0) return nullptr;
  Snow3gInput snow = f8_input(key, in);
  Kernel::keystream_xor(key, snow, data.data(), out.data(), n);
  out[n - 1] &= used_bits_mask(bits);  // TS 35.215 3.6: only LENGTH bits are output
  ct::wipe_object(snow);
  return nullptr;
}

const char* uia2_f9(const Eea1Eia1Key& key, std::uint32_t count, std::uint32_t fresh, std::uint8_t direction,
                    std::span<const std::uint8_t> message, std::size_t bits, std::span<std::uint8_t, 4> mac) noexcept {
  if (const char* fault = f9_error(direction, message.size(), bits)) return fault;
  f9(key, count, fresh, direction, message.data(), bits, mac);
  return nullptr;
}

const char* eia1(const Eea1Eia1Key& key, const CountInputs& in, std::span<const std::uint8_t> message,
                 std::size_t bits, std::span<std::uint8_t, 4> mac) noexcept {
  if (const char* fault = count_inputs_error(in, message.size(), bits)) return fault;
  f9(key, in.count, eia1_fresh(in), in.direction, message.data(), bits, mac);
  return nullptr;
}

namespace {

// Up to 16 checked avx512-tier jobs (bytes_for(bits) > 0) through the 16-lane kernel; unused lanes
// repeat lane 0's key and IV with nothing to write.
void run_lanes(std::span<Eea1Job> jobs, const std::size_t index[16], int lanes) noexcept {
  Snow3gInput in[16];
  const std::uint8_t* data[16];
  std::uint8_t* out[16];
  std::size_t n[16];
  for (int lane = 0; lane < 16; ++lane) {
    const Eea1Job& j = jobs[index[lane < lanes ? lane : 0]];
    in[lane] = f8_input(*j.key, j.in);
    data[lane] = j.data.data();
    out[lane] = j.out.data();
    n[lane] = lane < lanes ? bytes_for(j.bits) : 0;
  }
  snow3g_avx512_x16_xor(in, data, out, n);
  for (int lane = 0; lane < lanes; ++lane) {
    Eea1Job& j = jobs[index[lane]];
    j.out[n[lane] - 1] &= used_bits_mask(j.bits);  // TS 35.215 3.6
  }
  ct::wipe_object(in);
}

// The keystreams of 16 lanes at once, then the hashes four lanes at a time.
void run_mac_lanes(std::span<Eia1Job> jobs, const std::size_t index[16], int lanes) noexcept {
  Snow3gInput in[16];
  std::uint32_t z[16][5];
  for (int lane = 0; lane < 16; ++lane) {
    const Eia1Job& j = jobs[index[lane < lanes ? lane : 0]];
    in[lane] = f9_input(*j.key, j.in.count, eia1_fresh(j.in), j.in.direction);
  }
  snow3g_avx512_x16_z5(in, z);
  std::uint64_t p[16], q[16], eval[16];
  const std::uint8_t* message[16];
  std::size_t bits[16];
  for (int lane = 0; lane < 16; ++lane) {
    const Eia1Job& j = jobs[index[lane < lanes ? lane : 0]];
    p[lane] = f9_p(z[lane]);
    q[lane] = f9_q(z[lane]);
    message[lane] = j.message.data();
    bits[lane] = j.bits;
  }
  for (int first = 0; first < lanes; first += 4)
    uia2_eval_vpclmul_x4(p + first, q + first, message + first, bits + first, eval + first);
  for (int lane = 0; lane < lanes; ++lane) f9_mac(eval[lane], z[lane], jobs[index[lane]].mac);
  ct::wipe_object(in);
  ct::wipe_object(z);
  ct::wipe_object(p);
  ct::wipe_object(q);
  ct::wipe_object(eval);
}

}  // namespace

void eea1_batch(std::span<Eea1Job> jobs) noexcept {
  detail::schedule_batch(
      jobs,
      [](const Eea1Job& j) { return cipher_inputs_error(j.in, j.data.size(), j.out.size(), j.bits); },
      [](const Eea1Job& j) { return Kernel::has_lanes(*j.key) && bytes_for(j.bits) != 0; },
      [](Eea1Job& j) { j.error = eea1(*j.key, j.in, j.data, j.bits, j.out); },
      [&](const std::size_t* queued, int count) { run_lanes(jobs, queued, count); });
}

void eia1_batch(std::span<Eia1Job> jobs) noexcept {
  detail::schedule_batch(
      jobs, [](const Eia1Job& j) { return count_inputs_error(j.in, j.message.size(), j.bits); },
      [](const Eia1Job& j) { return Kernel::has_lanes(*j.key); },
      [](Eia1Job& j) { j.error = eia1(*j.key, j.in, j.message, j.bits, j.mac); },
      [&](const std::size_t* queued, int count) { run_mac_lanes(jobs, queued, count); });
}

bool eia1_verify(const Eea1Eia1Key& key, const CountInputs& in, std::span<const std::uint8_t> message,
                 std::size_t bits, std::span<const std::uint8_t, 4> mac) noexcept {
  return ct::mac_verifies([&](std::span<std::uint8_t, 4> expected) { return eia1(key, in, message, bits, expected); },
                          mac);
}

}  // namespace secmode::impl::crypto
