// The EEA/EIA spec twins on arbitrary parameters and data: ciphering is an involution with
// trailing bits cleared, every MAC is 32 bits, and out-of-range parameters are refused cleanly.
// Input: alg(1) bearer(1) dir(1) count(4) bits(2) key(16) data(rest).
#include <cstdlib>

#include "spec/crypto/eea_eia.h"

using namespace secmode::spec;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* d, std::size_t size) {
  if (size < 25) return 0;
  const std::uint8_t alg = d[0] & 3;
  const CountInputs in{load_be32(d + 3), d[1], d[2]};
  const std::size_t bits = static_cast<std::size_t>(d[7] << 8 | d[8]);
  const ByteView key(d + 9, 16);
  const ByteView data(d + 25, size - 25);
  try {
    const Bytes once = eea(static_cast<Eea>(alg), key, in, data, bits);
    const Bytes twice = eea(static_cast<Eea>(alg), key, in, once, bits);
    if (once.size() != bytes_for(bits) || twice != truncate_bits(data, bits)) std::abort();
    if (bits % 8 && (once.back() & (0xff >> (bits % 8)))) std::abort();
    (void)eia(static_cast<Eia>(alg), key, in, data, bits);
  } catch (const CryptoArgumentError&) {
    // Expected exactly when the parameters are out of range.
    if (in.bearer <= 31 && in.direction <= 1 && data.size() >= bytes_for(bits)) std::abort();
  }
  return 0;
}
