#include "impl/codec/nas_eps_ies.h"

#include "impl/codec/nas_eps.h"
#include "impl/codec/nas_ie.h"

namespace secmode::impl::nas {
namespace detail {

bool check_plain_header(ByteView pdu, const char* message, std::uint8_t type,
                        Error& error) noexcept {
  // TS 24.301 7.2 comes first in the order of precedence of 7.1.
  if (pdu.size() < 2) {
    error = {message, pdu.empty() ? "Protocol discriminator" : "Message type", pdu.size(),
             "too short to contain a complete message type (TS 24.301 7.2)"};
    return false;
  }
  if (!check_emm_octet(pdu[0], message, error)) return false;
  if (pdu[0] >> 4 != 0) {
    error = {message, "Security header type", 0,
             "security protected: the header must be removed first, a plain NAS message has "
             "security header type 0 (TS 24.301 9.3.1, 9.7)"};
    return false;
  }
  if (pdu[1] != type) {
    error = {message, "Message type", 1, "not this message (TS 24.301 table 9.8.1)"};
    return false;
  }
  return true;
}

const char* ue_security_capability_fault(std::size_t size) noexcept {
  // "a minimum length of 4 octets and a maximum length of 7 octets" (IEI and length included)
  // and "If octet 5 is included, then also octet 6 shall be included".
  if (size < 2) return "bad length (2..5) (TS 24.301 9.9.3.36)";
  if (size == 3) return "octet 5 without octet 6 (TS 24.301 9.9.3.36)";
  return nullptr;
}

// Octet 3 holds digit 1 (bits 8..5), odd/even (bit 4, 0 = even) and the type of identity (bits
// 3..1, 011 = IMEISV); octets 4..11 hold two digits each, the lower-numbered in bits 4..1; with
// 16 digits, bits 8..5 of the last octet are the end mark 1111.
const char* imeisv_fault(std::span<const std::uint8_t, 9> c) noexcept {
  if ((c[0] & 0x07) != 3)
    return "type of identity is not IMEISV (TS 24.008 10.5.1.4); treated as not present (TS "
           "24.301 7.7.1)";
  if (c[0] & 0x08)
    return "odd/even indicator says odd, an IMEISV has 16 digits (TS 24.008 10.5.1.4); treated "
           "as not present (TS 24.301 7.7.1)";
  if ((c[8] & 0xf0) != 0xf0)
    return "last octet lacks the end mark 1111 (TS 24.008 10.5.1.4); treated as not present (TS "
           "24.301 7.7.1)";
  bool decimal = (c[0] >> 4) <= 9 && (c[8] & 0x0f) <= 9;
  for (std::size_t i = 1; i < 8; ++i) decimal = decimal && (c[i] & 0x0f) <= 9 && (c[i] >> 4) <= 9;
  if (!decimal)
    return "IMEISV digit is not decimal (TS 24.008 10.5.1.4); treated as not present (TS 24.301 "
           "7.7.1)";
  return nullptr;
}

}  // namespace detail

void imeisv_digits(std::span<const std::uint8_t, 9> imeisv, std::span<char, 16> out) noexcept {
  out[0] = static_cast<char>('0' + (imeisv[0] >> 4));
  for (std::size_t i = 1; i < 9; ++i) {
    out[2 * i - 1] = static_cast<char>('0' + (imeisv[i] & 0x0f));
    if (i < 8) out[2 * i] = static_cast<char>('0' + (imeisv[i] >> 4));
  }
}

}  // namespace secmode::impl::nas
