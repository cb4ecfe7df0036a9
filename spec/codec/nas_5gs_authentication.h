// Spec-twin codec for the 5GS authentication messages of TS 24.501 (V17.9.0 tables):
// AUTHENTICATION REQUEST (8.2.1), RESPONSE (8.2.2), RESULT (8.2.3), FAILURE (8.2.4) and REJECT
// (8.2.5), every IE of their tables decoded into a field.
//
// As in nas_5gs.h: decoders take one whole plain 5GS NAS message, never throw, never read
// outside it, report offsets from its first octet and list what clause 7 made them step over.
// Encoders write the canonical form (spare bits zero) and throw std::invalid_argument on the
// contracts written next to each struct.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "spec/codec/nas_5gs.h"

namespace secmode::spec::nas5gs {

// Table 8.2.1.1.1. Octet 4: ngKSI (9.11.3.32) in bits 4..1, spare half octet in bits 8..5.
// ABBA: LV 3-n, 2..255 octets (9.11.3.10, passed on as received). RAND (21, TV 17, TS 24.008
// 10.5.3.1) and AUTN (20, TLV 18, TS 24.008 10.5.3.1.1: SQN xor AK, AMF, MAC) for 5G AKA; the EAP
// message (78, TLV-E 7-1503, 9.11.2.2) for EAP-AKA'.
// Contracts: ngksi.ksi 0..6 (7 is reserved network to UE), abba 2..255 octets, eap_message
// 4..1500 octets.
struct AuthenticationRequest {
  NasKeySetIdentifier ngksi;
  Bytes abba{0x00, 0x00};
  std::optional<std::array<std::uint8_t, 16>> rand;
  std::optional<std::array<std::uint8_t, 16>> autn;
  std::optional<Bytes> eap_message;
  bool operator==(const AuthenticationRequest&) const = default;
};

// Table 8.2.2.1.1: Authentication response parameter (2D, TLV 18, 9.11.3.17 -> TS 24.301
// 9.9.3.4): RES* of 16 octets (the row's length; TS 33.501 A.4), and the EAP message (78).
// Contract: eap_message 4..1500 octets.
struct AuthenticationResponse {
  std::optional<std::array<std::uint8_t, 16>> res_star;
  std::optional<Bytes> eap_message;
  bool operator==(const AuthenticationResponse&) const = default;
};

// Table 8.2.3.1.1. Octet 4 as in the request; EAP message LV-E 6-1502 (4..1500 octets); ABBA
// (38, TLV 4-n: 2..255 octets), sent with an EAP-success (8.2.3.2).
// Contracts: ngksi.ksi 0..6, sizes as noted.
struct AuthenticationResult {
  NasKeySetIdentifier ngksi;
  Bytes eap_message{0x03, 0x00, 0x00, 0x04};  // an EAP-Success, identifier 0 (RFC 3748 4.2)
  std::optional<Bytes> abba;
  bool operator==(const AuthenticationResult&) const = default;
};

// Table 8.2.4.1.1: 5GMM cause (9.11.3.2, V 1; any value kept as received), then the
// Authentication failure parameter (30, TLV 16, 9.11.3.14 -> TS 24.008 10.5.3.2.2: AUTS, 14
// octets), included "if and only if the 5GMM cause was #21 synch failure" (8.2.4.2); the codec
// does not enforce that pairing, the procedure (5.4.1.3.7) does.
struct AuthenticationFailure {
  std::uint8_t cause = 0;
  std::optional<std::array<std::uint8_t, 14>> auts;
  bool operator==(const AuthenticationFailure&) const = default;
};

// Table 8.2.5.1.1: the EAP message (78) carrying an EAP-failure. Contract: 4..1500 octets.
struct AuthenticationReject {
  std::optional<Bytes> eap_message;
  bool operator==(const AuthenticationReject&) const = default;
};

Decoded<AuthenticationRequest> decode_authentication_request(ByteView pdu);
Decoded<AuthenticationResponse> decode_authentication_response(ByteView pdu);
Decoded<AuthenticationResult> decode_authentication_result(ByteView pdu);
Decoded<AuthenticationFailure> decode_authentication_failure(ByteView pdu);
Decoded<AuthenticationReject> decode_authentication_reject(ByteView pdu);

Bytes encode(const AuthenticationRequest& m);
Bytes encode(const AuthenticationResponse& m);
Bytes encode(const AuthenticationResult& m);
Bytes encode(const AuthenticationFailure& m);
Bytes encode(const AuthenticationReject& m);

}  // namespace secmode::spec::nas5gs
