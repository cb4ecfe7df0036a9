// 128-EEA3 and 128-EIA3, TS 35.221 (ETSI/SAGE 128-EEA3 & 128-EIA3 Document 1 v1.7), on top
// of the ZUC spec twin. Written to be read next to the specification; not constant-time.
#include "spec/crypto/eea3_eia3.h"

#include <array>
#include <string>
#include <vector>

#include "spec/crypto/zuc.h"

namespace secmode::spec {
namespace {

using u8 = std::uint8_t;
using u32 = std::uint32_t;

// Document 1 clause 3.3 (128-EEA3): IV0..IV3 = COUNT0..COUNT3 (COUNT0 the most
// significant byte), IV4 = BEARER || DIRECTION || 00, IV5 = IV6 = IV7 = 0,
// IV8..IV15 = IV0..IV7.
std::array<u8, 16> eea3_iv(u32 count, u8 bearer, u8 direction) {
  std::array<u8, 16> iv{};
  store_be32(iv.data(), count);
  iv[4] = static_cast<u8>(bearer << 3 | direction << 2);
  for (int i = 0; i < 8; ++i) iv[8 + i] = iv[i];
  return iv;
}

// Document 1 clause 4.3 (128-EIA3): IV0..IV3 = COUNT0..COUNT3, IV4 = BEARER || 000,
// IV5 = IV6 = IV7 = 0, IV8 = IV0 XOR (DIRECTION << 7), IV9..IV13 = IV1..IV5,
// IV14 = IV6 XOR (DIRECTION << 7), IV15 = IV7.
std::array<u8, 16> eia3_iv(u32 count, u8 bearer, u8 direction) {
  std::array<u8, 16> iv{};
  store_be32(iv.data(), count);
  iv[4] = static_cast<u8>(bearer << 3);
  for (int i = 0; i < 8; ++i) iv[8 + i] = iv[i];
  iv[8] ^= static_cast<u8>(direction << 7);
  iv[14] ^= static_cast<u8>(direction << 7);
  return iv;
}

// Document 1 clause 4.4: with the keystream z1..zL read as the bit string
// k[0] .. k[32L - 1] (k[0] the most significant bit of z1), the word starting at bit i is
// GET_WORD(k, i) = k[i] || k[i+1] || ... || k[i+31]. Needs i + 32 <= 32 * words.size().
u32 GET_WORD(const std::vector<u32>& k, std::size_t i) {
  const std::size_t j = i / 32;
  const unsigned r = static_cast<unsigned>(i % 32);
  return r == 0 ? k[j] : k[j] << r | k[j + 1] >> (32 - r);
}

// Bit i of a message, bit 0 being the most significant bit of its first byte.
bool bit_at(ByteView m, std::size_t i) { return (m[i / 8] >> (7 - i % 8)) & 1; }

}  // namespace

Bytes eea3(ByteView key, std::uint32_t count, std::uint8_t bearer, std::uint8_t direction,
           ByteView data, std::size_t bits) {
  require_size(key, 16, "CK");
  require_bearer_direction(bearer, direction);
  Bytes out = truncate_bits(data, bits);

  // Document 1 clause 3.3: KEY = CK as k0..k15; IV as above.
  const std::array<u8, 16> iv = eea3_iv(count, bearer, direction);
  Zuc zuc(key, iv);

  // Document 1 clause 3.4: L = ceil(LENGTH / 32) keystream words; clause 3.5:
  // C[i] = M[i] XOR z[i] for i = 0 .. LENGTH - 1 (z[0] the most significant bit of z1).
  u32 z = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i % 4 == 0) z = zuc.next();
    out[i] ^= static_cast<u8>(z >> (24 - 8 * (i % 4)));
  }
  wipe(&z, sizeof z);
  return truncate_bits(out, bits);  // only LENGTH bits are output; the rest are cleared
}

Mac32 eia3(ByteView key, std::uint32_t count, std::uint8_t bearer, std::uint8_t direction,
           ByteView message, std::size_t bits) {
  require_size(key, 16, "IK");
  require_bearer_direction(bearer, direction);
  require_bits(message, bits, "message");

  // Document 1 clause 4.3: KEY = IK as k0..k15; IV as above.
  const std::array<u8, 16> iv = eia3_iv(count, bearer, direction);
  Zuc zuc(key, iv);

  // Document 1 clause 4.4: L = ceil(LENGTH / 32) + 2 keystream words.
  const std::size_t L = (bits + 31) / 32 + 2;
  std::vector<u32> k(L);
  for (auto& w : k) w = zuc.next();

  // Document 1 clause 4.5:
  //   T = 0;  for i = 0 .. LENGTH - 1: if M[i] = 1 then T = T XOR GET_WORD(k, i);
  //   T = T XOR GET_WORD(k, LENGTH);  MAC = T XOR GET_WORD(k, 32 (L - 1))   (that is, z_L).
  u32 T = 0;
  for (std::size_t i = 0; i < bits; ++i)
    if (bit_at(message, i)) T ^= GET_WORD(k, i);
  T ^= GET_WORD(k, bits);
  const u32 mac_word = T ^ GET_WORD(k, 32 * (L - 1));

  Mac32 mac{};
  store_be32(mac.data(), mac_word);
  wipe(k.data(), k.size() * sizeof(u32));
  return mac;
}

}  // namespace secmode::spec
