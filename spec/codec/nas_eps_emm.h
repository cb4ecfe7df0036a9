// Every plain EMM message this spec-twin codec knows, behind one decoder that dispatches on the
// message type (TS 24.301 table 9.8.1) and one encoder.
#pragma once

#include <variant>

#include "spec/codec/nas_eps.h"
#include "spec/codec/nas_eps_attach_tau.h"
#include "spec/codec/nas_eps_authentication.h"
#include "spec/codec/nas_eps_service_request.h"

namespace secmode::spec::nas {

using EmmMessage = std::variant<AttachRequest, TrackingAreaUpdateRequest, AuthenticationRequest,
                                AuthenticationResponse, AuthenticationFailure, AuthenticationReject,
                                SecurityModeCommand, SecurityModeComplete, SecurityModeReject>;

// A plain EMM message (security header type 0). Errors: those of the message's decoder, and a
// message type this codec does not know (TS 24.301 7.4), reported at offset 1.
Decoded<EmmMessage> decode_emm_message(ByteView pdu);
// Contracts: those of the held message's encoder.
Bytes encode(const EmmMessage& m);

// Any EMM PDU, told apart by the security header type in octet 1 (TS 24.301 table 9.3.1): 0, a
// plain message (decode_emm_message); 1..5, a security protected NAS message, returned with its
// NAS message not looked into (it may be ciphered, and its MAC is the receiver's to check);
// 12..15, the SERVICE REQUEST message (8.2.25). Errors: those of the chosen decoder, and a
// reserved security header type.
using EmmPdu = std::variant<EmmMessage, SecurityProtectedMessage, ServiceRequest>;
Decoded<EmmPdu> decode_emm_pdu(ByteView pdu);
// Contracts: those of the held value's encoder.
Bytes encode(const EmmPdu& m);

}  // namespace secmode::spec::nas
