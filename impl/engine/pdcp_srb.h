// PDCP data PDUs of signalling radio bearers, where AS security lives: LTE (TS 36.323 6.2.2: one
// octet R R R SN(5)) and NR (TS 38.323 6.2.2.1: two octets R R R R SN(12)), then the RRC message
// and MAC-I, which is always present on an SRB and all zeros while integrity protection is not
// configured (TS 36.323 / TS 38.323 6.3.4). MAC-I covers the header and the message before
// ciphering; ciphering covers the message and MAC-I (TS 36.323 5.6 / 5.7, TS 38.323 5.8 / 5.9).
// COUNT = HFN || SN (TS 36.323 6.3.2 / 5.1, TS 38.323 6.3.2 / 5.2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "impl/engine/message_security.h"

namespace secmode::impl::engine {

struct PdcpFormat {
  std::uint8_t sn_bits;
  std::size_t header_size;
  bool reordering_window;  // NR: COUNT from a window around RX_DELIV; LTE: SRBs arrive in order
};
inline constexpr PdcpFormat kLtePdcpSrb{5, 1, false};
inline constexpr PdcpFormat kNrPdcpSrb{12, 2, true};
inline constexpr std::size_t kMacISize = 4;
// The largest SRB PDU: a PDCP SDU of at most 9000 octets (TS 38.323 4.3.1; 8188 in TS 36.323 4.3.1),
// the header and MAC-I.
inline constexpr std::size_t kMaxSrbPdu = 9000 + 2 + kMacISize;

// What a PDCP entity of an SRB applies: integrity with `eia`, ciphering with `eea`, each once
// configured (TS 36.331 / TS 38.331 5.3.4.3 start them at different times).
struct PdcpSecurity {
  bool integrity = false, ciphering = false;
  std::uint8_t eia = 0, eea = 0;
};

// The COUNT of a received SN, from the COUNT the receiver expects next (Next_PDCP_RX_SN with
// RX_HFN in LTE, TS 36.323 5.1.2.2: an SN below the expected one belongs to the next HFN; RX_DELIV
// in NR, TS 38.323 5.2.2.1: RCVD_HFN is HFN(RX_DELIV) +1 or -1 when the SN lies more than half the
// SN space below or at or above SN(RX_DELIV)).
std::uint32_t received_count(const PdcpFormat& format, std::uint32_t expected, std::uint32_t sn) noexcept;

// The SN field of a PDU (no checks beyond its size: 0 when the PDU is shorter than a header).
std::uint32_t pdcp_sn(const PdcpFormat& format, ByteView pdu) noexcept;

// Writes header (SN of `count`), `message` and MAC-I, protected as `security` says, into `out`;
// `size` gets the PDU's size. Returns nullptr, or why not (`out` too small, an algorithm the
// crypto does not know).
const char* pdcp_protect(const PdcpFormat& format, std::span<const std::uint8_t, 32> key, SecurityProfile profile,
                         const PdcpSecurity& security, std::uint32_t count, Direction direction, ByteView message,
                         std::span<std::uint8_t> out, std::size_t& size) noexcept;

// Reads a PDU received at `count`: deciphers its message into `out` when ciphering is configured
// and checks MAC-I when integrity is (else MAC-I is not looked at). `size` gets the message's
// size, `mac_ok` whether MAC-I verified (true when integrity is not configured). Returns nullptr,
// or why the PDU cannot be read (shorter than a header and MAC-I, `out` too small, an unknown
// algorithm).
const char* pdcp_open(const PdcpFormat& format, std::span<const std::uint8_t, 32> key, SecurityProfile profile,
                      const PdcpSecurity& security, std::uint32_t count, Direction direction, ByteView pdu,
                      std::span<std::uint8_t> out, std::size_t& size, bool& mac_ok) noexcept;
// The same with K_RRCint / K_RRCenc from `keys` (message_security.h), for a receiver that reads many.
const char* pdcp_open(AlgorithmKeys& keys, const PdcpFormat& format, std::span<const std::uint8_t, 32> key,
                      SecurityProfile profile, const PdcpSecurity& security, std::uint32_t count, Direction direction,
                      ByteView pdu, std::span<std::uint8_t> out, std::size_t& size, bool& mac_ok) noexcept;

}  // namespace secmode::impl::engine
