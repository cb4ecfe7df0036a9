#include "spec/crypto/aes_ctr.h"

#include "spec/crypto/aes.h"

namespace secmode::spec {

Bytes aes128_ctr(ByteView key, const Block& initial_counter, ByteView data, std::size_t bits) {
  require_bits(data, bits, "AES-CTR data");
  const Aes128 aes(key);
  Bytes out = truncate_bits(data, bits);
  Block counter = initial_counter;
  for (std::size_t off = 0; off < out.size(); off += 16) {
    Block ks = aes.encrypt(counter);
    for (std::size_t i = 0; i < 16 && off + i < out.size(); ++i) out[off + i] ^= ks[i];
    wipe(ks.data(), ks.size());
    for (std::size_t i = 16; i-- > 0;)  // big-endian increment of the whole block
      if (++counter[i] != 0) break;
  }
  if (bits % 8 != 0) out.back() &= static_cast<std::uint8_t>(0xff << (8 - bits % 8));
  return out;
}

}  // namespace secmode::spec
