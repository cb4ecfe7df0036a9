// Internal to the 5GMM codec (REGISTRATION REQUEST, the AUTHENTICATION and SECURITY MODE
// messages): the plain 5GMM header check and the value part of the 5GS mobile identity (TS 24.501
// 9.11.3.4). What the EMM and 5GMM codecs do alike with IEs is in nas_message_ies.h.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "spec/codec/nas_5gs_registration.h"
#include "spec/codec/nas_ie.h"
#include "spec/codec/nas_message_ies.h"

namespace secmode::spec::nas5gs {

// Figure 9.1.1.1: EPD, security header type with spare half octet, message type.
constexpr std::size_t kPlainHeaderSize = 3;

// Octets 1 to 3 of a plain 5GMM message: EPD 0x7E, security header type 0, message type `type`.
// Errors in the order of precedence of TS 24.501 7.1 (7.2 first).
std::optional<CodecError> check_plain_5gmm_header(ByteView pdu, const char* message,
                                                  std::uint8_t type);

// The IE helpers the EMM and 5GMM codecs share; here they are given kTs24501Clauses.
using nas::beyond_defined_length;
using nas::collect_raw;
using nas::missing_ie;
using nas::put_rows;
using nas::read_mandatory_lv;
using nas::treat_as_not_present;

// 9.11.3.4 contents (octets 4..). On success `used` is the number of octets the type of identity
// defines (every octet for a SUCI); octets after them are for the caller to report as beyond the
// defined length (TS 24.007 11.4.2). Contract of the decoder: contents not empty.
std::optional<std::string> decode_mobile_identity(ByteView contents, MobileIdentity& out,
                                                  std::size_t& used);
// Throws std::invalid_argument on a value outside the contracts of nas_5gs_registration.h.
Bytes encode_mobile_identity(const MobileIdentity& id);

}  // namespace secmode::spec::nas5gs
