// Internal to the EMM codec: the plain EMM header check, the mandatory LV / LV-E reader, the
// writer and contract check of one optional IE row, and the value parts of the identity and
// capability IEs (TS 24.301 9.9.3.12, 9.9.3.34). Decoders of IE contents return the reason the
// contents are syntactically incorrect, or nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "spec/codec/nas_eps_attach_tau.h"
#include "spec/codec/nas_ie.h"

namespace secmode::spec::nas {

// Octets 1 and 2 of a plain EMM message: PD 7, security header type 0, message type `type`.
std::optional<CodecError> check_plain_emm_header(ByteView pdu, const char* message,
                                                 std::uint8_t type);

CodecError missing_ie(const char* message, const char* ie, std::size_t offset);

// A mandatory LV (`extended` false) or LV-E IE at `offset`: on success `contents` holds at most
// `max` octets (the rest is noted in `ignored`, TS 24.007 11.4.2) and `offset` moves past the
// IE. Errors: the message ends before or inside the IE, or the contents are shorter than `min`
// (`clause` names the IE's definition).
std::optional<CodecError> read_mandatory_lv(ByteView pdu, std::size_t& offset, bool extended,
                                            std::size_t min, std::size_t max, const char* message,
                                            const char* ie, const char* clause, ByteView& contents,
                                            std::vector<IgnoredIe>& ignored);

// TS 24.301 7.7.1: a syntactically incorrect optional IE is treated as not present.
void treat_as_not_present(std::vector<IgnoredIe>& ignored, const FoundIe& ie, const OptionalIe& row,
                          const std::string& why);

// The value a decoder keeps of a found optional IE: the value nibble as one octet for type 1,
// the value or contents otherwise.
Bytes raw_value(const OptionalIe& row, const FoundIe& ie);
// Appends the IE of `row` holding `value` (as raw_value returns it). Throws
// std::invalid_argument, naming `message`, when `value` does not fit the row.
void put_optional_ie(Bytes& out, const OptionalIe& row, ByteView value, const char* message);

std::optional<std::string> decode_eps_mobile_identity(ByteView contents, EpsMobileIdentity& out);
Bytes encode_eps_mobile_identity(const EpsMobileIdentity& id);
// A GUTI-only EPS mobile identity (Old GUTI, Additional GUTI).
std::optional<std::string> decode_guti(ByteView contents, Guti& out);

// 2..13 octets.
UeNetworkCapability decode_ue_network_capability(ByteView contents);
Bytes encode_ue_network_capability(const UeNetworkCapability& c);

}  // namespace secmode::spec::nas
