// Every plain 5GMM message this spec-twin codec knows, behind one decoder that dispatches on the
// message type (TS 24.501 table 9.7.1) and one encoder. The per-message decoders of nas_5gs.h,
// nas_5gs_registration.h and nas_5gs_authentication.h stay as they are.
#pragma once

#include <variant>

#include "spec/codec/nas_5gs.h"
#include "spec/codec/nas_5gs_authentication.h"
#include "spec/codec/nas_5gs_registration.h"

namespace secmode::spec::nas5gs {

using FiveGmmMessage =
    std::variant<RegistrationRequest, AuthenticationRequest, AuthenticationResponse,
                 AuthenticationResult, AuthenticationFailure, AuthenticationReject,
                 SecurityModeCommand, SecurityModeComplete, SecurityModeReject>;

// A plain 5GMM message (security header type 0). Errors: those of the message's decoder, and a
// message type this codec does not know (TS 24.501 7.4), reported at offset 2.
Decoded<FiveGmmMessage> decode_5gmm_message(ByteView pdu);
// Contracts: those of the held message's encoder.
Bytes encode(const FiveGmmMessage& m);

}  // namespace secmode::spec::nas5gs
