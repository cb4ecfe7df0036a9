// Spec-twin codec for the EPS authentication messages of TS 24.301 (V17.9.0 tables):
// AUTHENTICATION REQUEST (8.2.7), RESPONSE (8.2.8), FAILURE (8.2.5) and REJECT (8.2.6).
//
// As in nas_eps.h: decoders take one whole plain NAS message, never throw, never read outside
// it, report offsets from its first octet and list what clause 7 made them step over. Encoders
// write the canonical form (spare bits zero) and throw std::invalid_argument on the contracts
// written next to each struct.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "spec/codec/nas_eps.h"

namespace secmode::spec::nas {

// Table 8.2.7.1. Octet 3: NAS key set identifierASME in bits 4..1, spare half octet in 8..5.
// RAND: V, 16 octets (TS 24.008 10.5.3.1). AUTN: LV 17, 16 octets of contents (TS 24.008
// 10.5.3.1.1: SQN xor AK, AMF, MAC).
// Contract: ksi 0..6 (7 is reserved network to UE, 9.9.3.21).
struct AuthenticationRequest {
  NasKeySetIdentifier nas_key_set_identifier_asme;
  std::array<std::uint8_t, 16> rand{};
  std::array<std::uint8_t, 16> autn{};
  bool operator==(const AuthenticationRequest&) const = default;
};

// Table 8.2.8.1: Authentication response parameter (9.9.3.4), LV 5-17: RES of 4..16 octets.
// Contract: res is 4..16 octets.
struct AuthenticationResponse {
  Bytes res;
  bool operator==(const AuthenticationResponse&) const = default;
};

// Table 8.2.5.1: EMM cause (9.9.3.9, V 1), then the optional Authentication failure parameter
// (IEI 30, TLV 16, TS 24.008 10.5.3.2.2: AUTS, 14 octets), sent with cause #21 "synch failure".
// Any cause value is kept as received (9.9.3.9 maps unknown values to #111 for the procedure).
struct AuthenticationFailure {
  std::uint8_t emm_cause = 0;
  std::optional<std::array<std::uint8_t, 14>> auts;
  bool operator==(const AuthenticationFailure&) const = default;
};

// Table 8.2.6.1: no IE after the message type in V17.9.0.
struct AuthenticationReject {
  bool operator==(const AuthenticationReject&) const = default;
};

Decoded<AuthenticationRequest> decode_authentication_request(ByteView pdu);
Decoded<AuthenticationResponse> decode_authentication_response(ByteView pdu);
Decoded<AuthenticationFailure> decode_authentication_failure(ByteView pdu);
Decoded<AuthenticationReject> decode_authentication_reject(ByteView pdu);

Bytes encode(const AuthenticationRequest& m);
Bytes encode(const AuthenticationResponse& m);
Bytes encode(const AuthenticationFailure& m);
Bytes encode(const AuthenticationReject& m);

}  // namespace secmode::spec::nas
