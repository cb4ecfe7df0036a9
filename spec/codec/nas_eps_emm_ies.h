// Internal to the EMM codec: the plain EMM header check and the value parts of the identity and
// capability IEs (TS 24.301 9.9.3.12, 9.9.3.34). Decoders of IE contents return the reason the
// contents are syntactically incorrect, or nothing. What the EMM and 5GMM codecs do alike with
// IEs is in nas_message_ies.h.
#pragma once

#include <optional>
#include <string>

#include "spec/codec/nas_eps_attach_tau.h"
#include "spec/codec/nas_ie.h"

namespace secmode::spec::nas {

// Octets 1 and 2 of a plain EMM message: PD 7, security header type 0, message type `type`.
std::optional<CodecError> check_plain_emm_header(ByteView pdu, const char* message,
                                                 std::uint8_t type);

std::optional<std::string> decode_eps_mobile_identity(ByteView contents, EpsMobileIdentity& out);
Bytes encode_eps_mobile_identity(const EpsMobileIdentity& id);
// A GUTI-only EPS mobile identity (Old GUTI, Additional GUTI).
std::optional<std::string> decode_guti(ByteView contents, Guti& out);

// 2..13 octets.
UeNetworkCapability decode_ue_network_capability(ByteView contents);
Bytes encode_ue_network_capability(const UeNetworkCapability& c);

}  // namespace secmode::spec::nas
