#include "impl/engine/pdcp_srb.h"

#include <algorithm>
#include <array>

#include "impl/crypto/ct.h"

namespace secmode::impl::engine {

std::uint32_t received_count(const PdcpFormat& format, std::uint32_t expected, std::uint32_t sn) noexcept {
  const std::uint32_t sn_space = std::uint32_t{1} << format.sn_bits;
  const std::uint32_t sn_mask = sn_space - 1;
  std::uint32_t hfn = expected >> format.sn_bits;
  const std::uint32_t expected_sn = expected & sn_mask;
  sn &= sn_mask;
  if (!format.reordering_window) {
    if (sn < expected_sn) ++hfn;  // TS 36.323 5.1.2.2
  } else {
    const std::uint32_t window = sn_space / 2;  // TS 38.323 7.2: Window_Size
    if (static_cast<std::int64_t>(sn) < static_cast<std::int64_t>(expected_sn) - window)
      ++hfn;
    else if (sn >= expected_sn + window && hfn > 0)
      --hfn;
  }
  return hfn << format.sn_bits | sn;
}

std::uint32_t pdcp_sn(const PdcpFormat& format, ByteView pdu) noexcept {
  if (pdu.size() < format.header_size) return 0;
  std::uint32_t sn = 0;
  for (std::size_t i = 0; i < format.header_size; ++i) sn = sn << 8 | pdu[i];
  return sn & ((std::uint32_t{1} << format.sn_bits) - 1);
}

const char* pdcp_protect(const PdcpFormat& format, std::span<const std::uint8_t, 32> key, SecurityProfile profile,
                         const PdcpSecurity& security, std::uint32_t count, Direction direction, ByteView message,
                         std::span<std::uint8_t> out, std::size_t& size) noexcept {
  const std::size_t total = format.header_size + message.size() + kMacISize;
  if (out.size() < total) return "output buffer too small";
  const std::uint32_t sn = count & ((std::uint32_t{1} << format.sn_bits) - 1);
  for (std::size_t i = 0; i < format.header_size; ++i)  // reserved bits 0
    out[i] = static_cast<std::uint8_t>(sn >> (8 * (format.header_size - 1 - i)));
  std::copy(message.begin(), message.end(), out.begin() + static_cast<std::ptrdiff_t>(format.header_size));
  const std::span<std::uint8_t, kMacISize> mac(out.data() + format.header_size + message.size(), kMacISize);
  std::fill(mac.begin(), mac.end(), std::uint8_t{0});
  if (security.integrity)
    if (const char* fault = message_mac(key, profile, security.eia, count, direction,
                                        ByteView(out.data(), format.header_size + message.size()), mac))
      return fault;
  if (security.ciphering) {
    const std::span<std::uint8_t> body = out.subspan(format.header_size, message.size() + kMacISize);
    if (const char* fault = message_cipher(key, profile, security.eea, count, direction, body, body)) return fault;
  }
  size = total;
  return nullptr;
}

const char* pdcp_open(const PdcpFormat& format, std::span<const std::uint8_t, 32> key, SecurityProfile profile,
                      const PdcpSecurity& security, std::uint32_t count, Direction direction, ByteView pdu,
                      std::span<std::uint8_t> out, std::size_t& size, bool& mac_ok) noexcept {
  AlgorithmKeys keys;
  return pdcp_open(keys, format, key, profile, security, count, direction, pdu, out, size, mac_ok);
}

const char* pdcp_open(AlgorithmKeys& keys, const PdcpFormat& format, std::span<const std::uint8_t, 32> key,
                      SecurityProfile profile, const PdcpSecurity& security, std::uint32_t count, Direction direction,
                      ByteView pdu, std::span<std::uint8_t> out, std::size_t& size, bool& mac_ok) noexcept {
  if (pdu.size() < format.header_size + kMacISize) return "a PDCP data PDU of an SRB holds a header and MAC-I";
  const std::size_t message_size = pdu.size() - format.header_size - kMacISize;
  // The header, the message and MAC-I, deciphered, in `out`; MAC-I goes to `received` at the end.
  if (out.size() < pdu.size()) return "output buffer too small";
  std::copy(pdu.begin(), pdu.end(), out.begin());
  if (security.ciphering) {
    const std::span<std::uint8_t> body = out.subspan(format.header_size, message_size + kMacISize);
    if (const char* fault = keys.cipher(key, profile, security.eea, count, direction, body, body)) return fault;
  }
  std::array<std::uint8_t, kMacISize> received{};
  std::copy_n(out.begin() + static_cast<std::ptrdiff_t>(format.header_size + message_size), kMacISize,
              received.begin());
  mac_ok = true;
  if (security.integrity) {
    std::array<std::uint8_t, kMacISize> expected{};
    if (const char* fault = keys.mac(key, profile, security.eia, count, direction,
                                     ByteView(out.data(), format.header_size + message_size), expected))
      return fault;
    mac_ok = crypto::ct::equal_bytes(expected.data(), received.data(), kMacISize);
  }
  std::copy_n(out.begin() + static_cast<std::ptrdiff_t>(format.header_size), message_size, out.begin());
  size = message_size;
  return nullptr;
}

}  // namespace secmode::impl::engine
