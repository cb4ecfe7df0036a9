// UEA2 (f8) and UIA2 (f9), TS 35.215 (ETSI/SAGE UEA2 & UIA2 Document 1 v2.1), on top of
// the SNOW 3G spec twin. Written to be read next to the specification; not constant-time.
#include "spec/crypto/uea2_uia2.h"

#include <array>
#include <string>

#include "spec/crypto/snow3g.h"

namespace secmode::spec {
namespace {

using u32 = std::uint32_t;
using u64 = std::uint64_t;

// TS 35.215 3.4 / 4.4: K3 = key[0]..key[31], K2 = key[32]..key[63], K1 = key[64]..key[95],
// K0 = key[96]..key[127]; SNOW 3G takes (k0, k1, k2, k3) = (K0, K1, K2, K3).
struct SnowKey {
  std::array<u32, 4> k{};
  explicit SnowKey(ByteView key) {
    for (int i = 0; i < 4; ++i) k[3 - i] = load_be32(key.data() + 4 * i);
  }
  ~SnowKey() { wipe(k.data(), sizeof k); }
};

// TS 35.215 4.3.2: MUL64x(V, c) = V << 1, XORed with c when the leftmost bit of V is 1.
u64 MUL64x(u64 V, u64 c) { return (V >> 63) ? (V << 1) ^ c : V << 1; }

// TS 35.215 4.3.3: MUL64xPOW(V, 0, c) = V; MUL64xPOW(V, i, c) = MUL64x(MUL64xPOW(V, i-1, c), c).
u64 MUL64xPOW(u64 V, unsigned i, u64 c) {
  return i == 0 ? V : MUL64x(MUL64xPOW(V, i - 1, c), c);
}

// TS 35.215 4.3.4: MUL64(V, P, c) = XOR over the bits i of P that are 1 (bit 0 the least
// significant) of MUL64xPOW(V, i, c): multiplication of V and P in GF(2^64) modulo
// x^64 + (the polynomial c).
u64 MUL64(u64 V, u64 P, u64 c) {
  u64 result = 0;
  for (unsigned i = 0; i < 64; ++i)
    if ((P >> i) & 1) result ^= MUL64xPOW(V, i, c);
  return result;
}

// Block M_i of TS 35.215 4.5: message bits 64i .. 64i+63, with zeros past the end of the
// (already truncated, so trailing bits are zero) message.
u64 block64(const Bytes& m, std::size_t i) {
  u64 b = 0;
  for (std::size_t j = 0; j < 8; ++j) {
    const std::size_t at = 8 * i + j;
    b = b << 8 | (at < m.size() ? m[at] : 0u);
  }
  return b;
}

}  // namespace

Bytes uea2_f8(ByteView ck, std::uint32_t count, std::uint8_t bearer, std::uint8_t direction,
              ByteView data, std::size_t bits) {
  require_size(ck, 16, "CK");
  require_bearer_direction(bearer, direction);
  Bytes out = truncate_bits(data, bits);  // checks that `data` holds `bits` bits

  // TS 35.215 3.4: IV3 = COUNT-C, IV2 = BEARER || DIRECTION || 0^26, IV1 = IV3, IV0 = IV2.
  const u32 bearer_direction = u32{bearer} << 27 | u32{direction} << 26;
  const SnowKey key(ck);
  Snow3g snow(key.k, {/*IV0*/ bearer_direction, /*IV1*/ count, /*IV2*/ bearer_direction,
                      /*IV3*/ count});

  // TS 35.215 3.5: L = ceil(LENGTH / 32) keystream words z1..zL; KS[32(t-1)+j] is bit j
  // (0 = most significant) of z_t. 3.6: OBS[i] = IBS[i] XOR KS[i].
  u32 z = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i % 4 == 0) z = snow.next();
    out[i] ^= static_cast<std::uint8_t>(z >> (24 - 8 * (i % 4)));
  }
  wipe(&z, sizeof z);
  return truncate_bits(out, bits);  // only LENGTH bits are output; the rest are cleared
}

Mac32 uia2_f9(ByteView ik, std::uint32_t count, std::uint32_t fresh, std::uint8_t direction,
              ByteView message, std::size_t bits) {
  require_size(ik, 16, "IK");
  require_bearer_direction(0, direction);
  const Bytes m = truncate_bits(message, bits);

  // TS 35.215 4.4: IV3 = COUNT-I, IV2 = FRESH, IV1 = DIRECTION << 31 XOR COUNT-I,
  // IV0 = FRESH XOR DIRECTION << 15. Five keystream words z1..z5.
  const u32 d = direction;
  const SnowKey key(ik);
  Snow3g snow(key.k, {/*IV0*/ fresh ^ d << 15, /*IV1*/ d << 31 ^ count, /*IV2*/ fresh,
                      /*IV3*/ count});
  std::array<u32, 5> z{};
  for (auto& w : z) w = snow.next();

  // TS 35.215 4.4: P = z1 || z2, Q = z3 || z4, OTP = z5 (used below).
  const u64 P = u64{z[0]} << 32 | z[1];
  const u64 Q = u64{z[2]} << 32 | z[3];
  constexpr u64 c = 0x1b;  // x^64 + x^4 + x^3 + x + 1

  // TS 35.215 4.5: D = ceil(LENGTH / 64) + 1; M_0 .. M_{D-2} are the message blocks (the
  // last one zero-padded); M_{D-1} is LENGTH as a 64-bit integer.
  //   EVAL = 0;  for i = 0 .. D-2: EVAL = MUL64(EVAL XOR M_i, P, c);
  //   EVAL = MUL64(EVAL XOR M_{D-1}, Q, c);  MAC-I = (leftmost 32 bits of EVAL) XOR z5.
  // With LENGTH = 0, D = 1: no message block is processed, only the length block.
  const std::size_t D = (bits + 63) / 64 + 1;
  u64 EVAL = 0;
  for (std::size_t i = 0; i + 2 <= D; ++i) EVAL = MUL64(EVAL ^ block64(m, i), P, c);
  EVAL = MUL64(EVAL ^ static_cast<u64>(bits), Q, c);

  Mac32 mac{};
  store_be32(mac.data(), static_cast<u32>(EVAL >> 32) ^ z[4]);
  wipe(z.data(), sizeof z);
  return mac;
}

}  // namespace secmode::spec
