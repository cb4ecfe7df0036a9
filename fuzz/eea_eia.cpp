// The EEA/EIA spec twins on arbitrary parameters and data: ciphering is an involution with
// trailing bits cleared, every MAC is 32 bits, and out-of-range parameters are refused cleanly.
// The fast paths of impl/crypto (at the machine's tier) must give the same bytes and MAC, and
// refuse exactly the same parameters, without writing anything when they refuse.
// Input: alg(1) bearer(1) dir(1) count(4) bits(2) key(16) data(rest).
#include <cstdlib>
#include <span>

#include "impl/crypto/eea1_eia1.h"
#include "impl/crypto/eea2_eia2.h"
#include "impl/crypto/eea3_eia3.h"
#include "spec/crypto/eea_eia.h"

using namespace secmode::spec;
namespace ic = secmode::impl::crypto;

namespace {

// The fast path of algorithm `alg` (1..3): its key type and kernels.
template <class Key, auto cipher, auto mac_of>
void compare_fast(ByteView key, const CountInputs& in, ByteView data, std::size_t bits, const Bytes* want_out,
                  const Mac32* want_mac) {
  const Key k(std::span<const std::uint8_t, 16>(key.data(), 16));
  const ic::CountInputs fast_in{in.count, in.bearer, in.direction};
  Bytes out(bytes_for(bits), 0x5a);
  Mac32 mac{0x5a, 0x5a, 0x5a, 0x5a};
  const char* cipher_error = cipher(k, fast_in, data, bits, out);
  const char* mac_error = mac_of(k, fast_in, data, bits, mac);
  if ((cipher_error == nullptr) != (want_out != nullptr) || (mac_error == nullptr) != (want_mac != nullptr)) std::abort();
  if (want_out ? out != *want_out : out != Bytes(bytes_for(bits), 0x5a)) std::abort();
  if (want_mac ? mac != *want_mac : mac != Mac32{0x5a, 0x5a, 0x5a, 0x5a}) std::abort();
}

}  // namespace

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
  const Bytes* want_out = refused ? nullptr : &once;
  const Mac32* want_mac = refused ? nullptr : &mac;
  if (alg == 1) compare_fast<ic::Eea1Eia1Key, &ic::eea1, &ic::eia1>(key, in, data, bits, want_out, want_mac);
  if (alg == 2) compare_fast<ic::Eea2Eia2Key, &ic::eea2, &ic::eia2>(key, in, data, bits, want_out, want_mac);
  if (alg == 3) compare_fast<ic::Eea3Eia3Key, &ic::eea3, &ic::eia3>(key, in, data, bits, want_out, want_mac);
  return 0;
}
