// 128-EEA3 / 128-EIA3 framing around the tier's ZUC kernel (contract: eea3_eia3.h).
#include "impl/crypto/eea3_eia3.h"

#include <algorithm>

#include "impl/crypto/ct.h"

namespace secmode::impl::crypto {

namespace detail {

// The one place that maps a key's tier to its kernel (the tier itself is chosen in cpu.cpp).
struct Eea3Eia3KeyAccess {
  static void xor_keystream(const Eea3Eia3Key& k, const std::uint8_t iv[16], const std::uint8_t* in,
                            std::uint8_t* out, std::size_t n) noexcept {
    switch (k.tier_) {
      case Tier::portable: return zuc_portable_xor(k.cells_, iv, in, out, n);
      case Tier::avx2: return zuc_avx2_xor(k.cells_, iv, in, out, n);
      case Tier::avx512: return zuc_avx512_xor(k.cells_, iv, in, out, n);
    }
  }
  static std::uint32_t mac(const Eea3Eia3Key& k, const std::uint8_t iv[16], const std::uint8_t* msg,
                           std::size_t bits) noexcept {
    switch (k.tier_) {
      case Tier::portable: return zuc_portable_mac(k.cells_, iv, msg, bits);
      case Tier::avx2: return zuc_avx2_mac(k.cells_, iv, msg, bits);
      case Tier::avx512: return zuc_avx512_mac(k.cells_, iv, msg, bits);
    }
    return 0;
  }
  // Whether a key's messages may go through the 16-lane kernels (eea3_batch, eia3_batch).
  static bool has_lanes(const Eea3Eia3Key& k) noexcept { return k.tier_ == Tier::avx512; }
  static const ZucKeyCells& cells(const Eea3Eia3Key& k) noexcept { return k.cells_; }
};

}  // namespace detail

namespace {

using Kernel = detail::Eea3Eia3KeyAccess;

// TS 35.221 3.3: IV0..IV3 = COUNT (most significant octet first), IV4 = BEARER || DIRECTION || 00,
// IV5..IV7 = 0, IV8..IV15 = IV0..IV7.
void eea3_iv(const CountInputs& in, std::uint8_t iv[16]) noexcept {
  iv[0] = static_cast<std::uint8_t>(in.count >> 24);
  iv[1] = static_cast<std::uint8_t>(in.count >> 16);
  iv[2] = static_cast<std::uint8_t>(in.count >> 8);
  iv[3] = static_cast<std::uint8_t>(in.count);
  iv[4] = static_cast<std::uint8_t>(in.bearer << 3 | in.direction << 2);
  iv[5] = iv[6] = iv[7] = 0;
  for (int i = 0; i < 8; ++i) iv[8 + i] = iv[i];
}

// TS 35.221 4.3: IV0..IV3 = COUNT, IV4 = BEARER || 000, IV5..IV7 = 0, IV8 = IV0 ^ (DIRECTION << 7),
// IV9..IV13 = IV1..IV5, IV14 = IV6 ^ (DIRECTION << 7), IV15 = IV7.
void eia3_iv(const CountInputs& in, std::uint8_t iv[16]) noexcept {
  iv[0] = static_cast<std::uint8_t>(in.count >> 24);
  iv[1] = static_cast<std::uint8_t>(in.count >> 16);
  iv[2] = static_cast<std::uint8_t>(in.count >> 8);
  iv[3] = static_cast<std::uint8_t>(in.count);
  iv[4] = static_cast<std::uint8_t>(in.bearer << 3);
  iv[5] = iv[6] = iv[7] = 0;
  for (int i = 0; i < 8; ++i) iv[8 + i] = iv[i];
  iv[8] = static_cast<std::uint8_t>(iv[8] ^ in.direction << 7);
  iv[14] = static_cast<std::uint8_t>(iv[14] ^ in.direction << 7);
}

}  // namespace

Eea3Eia3Key::Eea3Eia3Key(std::span<const std::uint8_t, 16> key) noexcept : Eea3Eia3Key(key, active_tier()) {}

Eea3Eia3Key::Eea3Eia3Key(std::span<const std::uint8_t, 16> key, Tier tier) noexcept
    : tier_(std::min(tier, detected_tier())) {
  zuc_key_cells(cells_, key.data());
}

Eea3Eia3Key::~Eea3Eia3Key() { ct::wipe_object(cells_); }

const char* eea3(const Eea3Eia3Key& key, const CountInputs& in, std::span<const std::uint8_t> data, std::size_t bits,
                 std::span<std::uint8_t> out) noexcept {
  if (const char* fault = cipher_inputs_error(in, data.size(), out.size(), bits)) return fault;
  const std::size_t n = bytes_for(bits);
  if (n == 0) return nullptr;  // nothing to cipher: skip the 32 initialisation rounds
  std::uint8_t iv[16];
  eea3_iv(in, iv);
  Kernel::xor_keystream(key, iv, data.data(), out.data(), n);  // TS 35.221 3.5
  out[n - 1] &= used_bits_mask(bits);
  return nullptr;
}

const char* eia3(const Eea3Eia3Key& key, const CountInputs& in, std::span<const std::uint8_t> message,
                 std::size_t bits, std::span<std::uint8_t, 4> mac) noexcept {
  if (const char* fault = count_inputs_error(in, message.size(), bits)) return fault;
  std::uint8_t iv[16];
  eia3_iv(in, iv);
  const std::uint32_t t = Kernel::mac(key, iv, message.data(), bits);
  mac[0] = static_cast<std::uint8_t>(t >> 24);
  mac[1] = static_cast<std::uint8_t>(t >> 16);
  mac[2] = static_cast<std::uint8_t>(t >> 8);
  mac[3] = static_cast<std::uint8_t>(t);
  return nullptr;
}

namespace {

// Up to 16 checked avx512-tier jobs through the 16-lane kernel; unused lanes repeat lane 0's key
// and IV with nothing to write.
void run_lanes(std::span<Eea3Job> jobs, const std::size_t index[16], int lanes) noexcept {
  std::uint8_t ivs[16][16];
  const ZucKeyCells* keys[16];
  const std::uint8_t* ivp[16];
  const std::uint8_t* in[16];
  std::uint8_t* out[16];
  std::size_t n[16];
  for (int lane = 0; lane < 16; ++lane) {
    Eea3Job& j = jobs[index[lane < lanes ? lane : 0]];
    keys[lane] = &Kernel::cells(*j.key);
    eea3_iv(j.in, ivs[lane]);
    ivp[lane] = ivs[lane];
    in[lane] = j.data.data();
    out[lane] = j.out.data();
    n[lane] = lane < lanes ? bytes_for(j.bits) : 0;
  }
  zuc_avx512_x16_xor(keys, ivp, in, out, n);
  for (int lane = 0; lane < lanes; ++lane) {
    Eea3Job& j = jobs[index[lane]];
    j.out[n[lane] - 1] &= used_bits_mask(j.bits);  // n[lane] > 0 for every queued job
  }
}

}  // namespace

void eea3_batch(std::span<Eea3Job> jobs) noexcept {
  detail::schedule_batch(
      jobs,
      [](const Eea3Job& j) { return cipher_inputs_error(j.in, j.data.size(), j.out.size(), j.bits); },
      [](const Eea3Job& j) { return Kernel::has_lanes(*j.key) && bytes_for(j.bits) != 0; },
      [](Eea3Job& j) { j.error = eea3(*j.key, j.in, j.data, j.bits, j.out); },
      [&](const std::size_t* queued, int count) { run_lanes(jobs, queued, count); });
}

namespace {

void run_mac_lanes(std::span<Eia3Job> jobs, const std::size_t index[16], int lanes) noexcept {
  std::uint8_t ivs[16][16];
  const ZucKeyCells* keys[16];
  const std::uint8_t* ivp[16];
  const std::uint8_t* msg[16];
  std::size_t bits[16];
  std::uint32_t mac[16];
  for (int lane = 0; lane < 16; ++lane) {
    const Eia3Job& j = jobs[index[lane < lanes ? lane : 0]];
    keys[lane] = &Kernel::cells(*j.key);
    eia3_iv(j.in, ivs[lane]);
    ivp[lane] = ivs[lane];
    msg[lane] = j.message.data();
    bits[lane] = lane < lanes ? j.bits : 0;
  }
  zuc_avx512_x16_mac(keys, ivp, msg, bits, mac);
  for (int lane = 0; lane < lanes; ++lane) {
    Eia3Job& j = jobs[index[lane]];
    for (int i = 0; i < 4; ++i) j.mac[i] = static_cast<std::uint8_t>(mac[lane] >> (24 - 8 * i));
  }
  ct::wipe_object(mac);
}

}  // namespace

void eia3_batch(std::span<Eia3Job> jobs) noexcept {
  detail::schedule_batch(
      jobs, [](const Eia3Job& j) { return count_inputs_error(j.in, j.message.size(), j.bits); },
      [](const Eia3Job& j) { return Kernel::has_lanes(*j.key); },
      [](Eia3Job& j) { j.error = eia3(*j.key, j.in, j.message, j.bits, j.mac); },
      [&](const std::size_t* queued, int count) { run_mac_lanes(jobs, queued, count); });
}

bool eia3_verify(const Eea3Eia3Key& key, const CountInputs& in, std::span<const std::uint8_t> message,
                 std::size_t bits, std::span<const std::uint8_t, 4> mac) noexcept {
  return ct::mac_verifies([&](std::span<std::uint8_t, 4> expected) { return eia3(key, in, message, bits, expected); },
                          mac);
}

}  // namespace secmode::impl::crypto
