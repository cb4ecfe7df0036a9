// Spec-twin codec for the EPS SERVICE REQUEST message (TS 24.301 8.2.25, V17.9.0 table
// 8.2.25.1). "Its structure does not follow the structure of a standard layer 3 message": no
// message type; octet 1 holds the PD and the "Security header for the SERVICE REQUEST message"
// (table 9.3.1: 1100, and 1101..1111 "shall be interpreted as 1100"), octet 2 the KSI and
// sequence number (9.9.3.19), octets 3 and 4 the short MAC (9.9.3.28).
//
// As in nas_eps.h: the decoder never throws, never reads outside its input and reports offsets
// from its first octet; the encoder throws std::invalid_argument on the contracts below.
#pragma once

#include <array>
#include <cstdint>

#include "spec/codec/nas_eps.h"

namespace secmode::spec::nas {

struct ServiceRequest {
  // Bits 6..5 of octet 1, i.e. the security header type less 1100: table 9.3.1 NOTE 3 says that
  // with bits 8..7 = 11 "bits 5 and 6 can be used for future extensions of the SERVICE REQUEST
  // message". Read as 1100 (the value does not change the message's meaning) but kept, so the
  // message re-encodes unchanged. Contract: 0..3.
  std::uint8_t header_extension = 0;
  // 9.9.3.19, octet 2: KSI in bits 8..6 ("bit 1 to 3 of octet 1 of the NAS key set identifier",
  // 9.9.3.21, so no TSC), the 5 least significant bits of the NAS COUNT in bits 5..1.
  // Contracts: ksi 0..7, sequence_number 0..31.
  std::uint8_t ksi = 0;
  std::uint8_t sequence_number = 0;
  // 9.9.3.28: the 2 least significant octets of the MAC over octets 1 and 2, octet 3 the more
  // significant.
  std::array<std::uint8_t, 2> short_mac{};
  bool operator==(const ServiceRequest&) const = default;
};

// Errors: PD not EMM, a security header type other than 12..15, fewer than 4 octets (the IE cut
// is named). Octets after the fourth are walked as a non-imperative part with no known IE (TS
// 24.301 7.6.1: skipped; 7.5.1: comprehension required fails).
Decoded<ServiceRequest> decode_service_request(ByteView pdu);
Bytes encode(const ServiceRequest& m);

}  // namespace secmode::spec::nas
