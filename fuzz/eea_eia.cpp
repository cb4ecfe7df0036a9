// The EEA/EIA spec twins on arbitrary parameters and data: ciphering is an involution with
// trailing bits cleared, every MAC is 32 bits, and out-of-range parameters are refused cleanly.
// The fast paths of impl/crypto (at the machine's tier) must give the same bytes and MAC, and
// refuse exactly the same parameters, without writing anything when they refuse.
// Input: alg(1) bearer(1) dir(1) count(4) bits(2) key(16) data(rest).
#include <cstdlib>
#include <span>

#include "impl/crypto/eea_eia.h"
#include "spec/crypto/eea_eia.h"

using namespace secmode::spec;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* d, std::size_t size) {
  if (size < 25) return 0;
  const std::uint8_t alg = d[0] & 3;
  const CountInputs in{load_be32(d + 3), d[1], d[2]};
  const std::size_t bits = static_cast<std::size_t>(d[7] << 8 | d[8]);
  const ByteView key(d + 9, 16);
  const ByteView data(d + 25, size - 25);
  Bytes once;
  Mac32 mac{};
  bool refused = false;
  try {
    once = eea(static_cast<Eea>(alg), key, in, data, bits);
    const Bytes twice = eea(static_cast<Eea>(alg), key, in, once, bits);
    if (once.size() != bytes_for(bits) || twice != truncate_bits(data, bits)) std::abort();
    if (bits % 8 && (once.back() & (0xff >> (bits % 8)))) std::abort();
    mac = eia(static_cast<Eia>(alg), key, in, data, bits);
  } catch (const CryptoArgumentError&) {
    // Expected exactly when the parameters are out of range.
    if (in.bearer <= 31 && in.direction <= 1 && data.size() >= bytes_for(bits)) std::abort();
    refused = true;
  }
  // The fast path must give the same bytes and MAC, or refuse and write nothing.
  const std::span<const std::uint8_t, 16> key16(key.data(), 16);
  const secmode::impl::crypto::CountInputs fast_in{in.count, in.bearer, in.direction};
  Bytes out(bytes_for(bits), 0x5a);
  Mac32 fast_mac{0x5a, 0x5a, 0x5a, 0x5a};
  const bool cipher_refused = secmode::impl::crypto::eea(alg, key16, fast_in, data, bits, out) != nullptr;
  const bool mac_refused = secmode::impl::crypto::eia(alg, key16, fast_in, data, bits, fast_mac) != nullptr;
  if (cipher_refused != refused || mac_refused != refused) std::abort();
  if (refused ? out != Bytes(bytes_for(bits), 0x5a) : out != once) std::abort();
  if (refused ? fast_mac != Mac32{0x5a, 0x5a, 0x5a, 0x5a} : fast_mac != mac) std::abort();
  return 0;
}
