// ESP (RFC 4303) over the sets of security associations of ims_sa_database.h, for the mechanisms
// that protect integrity only: HMAC-SHA-1-96 (RFC 2404) or HMAC-MD5-96 (RFC 2403) with NULL
// encryption (RFC 2410; ealg absent or "null", TS 33.203 H.2). The ESP keys are the set's
// (TS 33.203 Annex I). Transport mode (RFC 4303 3.1.1): the payload is the upper-layer packet
// (UDP or TCP header and the SIP message), `next_header` its protocol number.
//
// Packet: SPI (4) | Sequence Number (4) | payload | padding 1, 2, 3, ... (2.4: so that Pad Length
// and Next Header end on a 4-octet boundary) | Pad Length (1) | Next Header (1) | ICV (12, over
// all before it, 3.3.4). The sender counts from 1 and never cycles (3.3.3, no ESN); the receiver
// verifies the ICV in constant time before anything else, then the 64-packet anti-replay window
// (3.4.3), then the padding (2.4). Nothing here allocates or throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "impl/engine/ims_sa_database.h"

namespace secmode::impl::engine {

inline constexpr std::size_t kEspIcvSize = 12;

struct EspSealed {
  const char* error = nullptr;  // why nothing was written; nullptr on success
  std::size_t size = 0;         // octets written
};

// Protects `payload` with the set's outbound SA `sa` (2: from the local client port, 3: from the
// local server port, as sas_between orders them) and advances its sequence number.
EspSealed esp_seal(SaSet& set, std::size_t sa, std::uint8_t next_header, std::span<const std::uint8_t> payload,
                   std::span<std::uint8_t> out) noexcept;

struct EspOpened {
  const char* error = nullptr;  // why the packet is dropped (and the clause); nullptr when accepted
  std::uint32_t set = 0;        // the set whose inbound SA took it
  std::uint32_t sequence = 0;
  std::uint8_t next_header = 0;
  std::span<const std::uint8_t> payload;  // inside `packet`
};

// Finds the inbound SA by SPI (3.4.2), verifies and accepts the packet, updating the window.
EspOpened esp_open(ImsSaDatabase& db, std::span<const std::uint8_t> packet) noexcept;

}  // namespace secmode::impl::engine
