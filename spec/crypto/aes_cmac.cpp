#include "spec/crypto/aes_cmac.h"

#include "spec/crypto/aes.h"

namespace secmode::spec {
namespace {

// RFC 4493 2.3: a left shift by one bit of the 128-bit string, with Rb = 0x87 folded in
// when the bit shifted out was 1.
Block double_block(const Block& in) {
  Block out{};
  for (std::size_t i = 0; i < 16; ++i)
    out[i] = static_cast<std::uint8_t>(in[i] << 1 | (i + 1 < 16 ? in[i + 1] >> 7 : 0));
  if (in[0] & 0x80) out[15] ^= 0x87;
  return out;
}

CmacSubkeys subkeys(const Aes128& aes) {
  CmacSubkeys s;
  s.l = aes.encrypt(Block{});
  s.k1 = double_block(s.l);
  s.k2 = double_block(s.k1);
  return s;
}

}  // namespace

CmacSubkeys aes128_cmac_subkeys(ByteView key) { return subkeys(Aes128(key)); }

Block aes128_cmac(ByteView key, ByteView message, std::size_t bits) {
  require_bits(message, bits, "CMAC message");
  const Aes128 aes(key);
  CmacSubkeys sk = subkeys(aes);

  // SP 800-38B 6.2 steps 2-4: n blocks (at least one); the last is XORed with K1 if it is
  // complete, otherwise padded with a single 1 bit and zeros and XORed with K2.
  const std::size_t n = bits == 0 ? 1 : (bits + 127) / 128;
  const bool complete = bits != 0 && bits % 128 == 0;
  const Bytes m = truncate_bits(message, bits);

  Block c{};
  for (std::size_t i = 0; i < n; ++i) {
    Block block{};
    for (std::size_t j = 0; j < 16 && 16 * i + j < m.size(); ++j) block[j] = m[16 * i + j];
    if (i + 1 == n) {
      if (complete) {
        for (std::size_t j = 0; j < 16; ++j) block[j] ^= sk.k1[j];
      } else {
        const std::size_t last_bits = bits - 128 * (n - 1);  // 0..127
        block[last_bits / 8] |= static_cast<std::uint8_t>(0x80 >> (last_bits % 8));
        for (std::size_t j = 0; j < 16; ++j) block[j] ^= sk.k2[j];
      }
    }
    for (std::size_t j = 0; j < 16; ++j) block[j] ^= c[j];
    c = aes.encrypt(block);
  }
  return c;
}

}  // namespace secmode::spec
