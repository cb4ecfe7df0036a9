// Every plain EMM message this spec-twin codec knows, behind one decoder that dispatches on the
// message type (TS 24.301 table 9.8.1) and one encoder.
#pragma once

#include <variant>

#include "spec/codec/nas_eps.h"
#include "spec/codec/nas_eps_attach_tau.h"
#include "spec/codec/nas_eps_authentication.h"

namespace secmode::spec::nas {

using EmmMessage = std::variant<AttachRequest, TrackingAreaUpdateRequest, AuthenticationRequest,
                                AuthenticationResponse, AuthenticationFailure, AuthenticationReject,
                                SecurityModeCommand, SecurityModeComplete, SecurityModeReject>;

// A plain EMM message (security header type 0). Errors: those of the message's decoder, and a
// message type this codec does not know (TS 24.301 7.4), reported at offset 1.
Decoded<EmmMessage> decode_emm_message(ByteView pdu);
// Contracts: those of the held message's encoder.
Bytes encode(const EmmMessage& m);

}  // namespace secmode::spec::nas
