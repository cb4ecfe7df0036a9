// Internal to the 5GMM codec (REGISTRATION REQUEST, the AUTHENTICATION messages): the plain 5GMM
// header check, the mandatory LV / LV-E reader, the table-driven optional part, and the value
// part of the 5GS mobile identity (TS 24.501 9.11.3.4). Reasons cite TS 24.501 clause 7; the
// protocol-neutral IE writers (raw_value, put_optional_ie) come from nas_eps_emm_ies.h.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "spec/codec/nas_5gs_registration.h"
#include "spec/codec/nas_ie.h"

namespace secmode::spec::nas5gs {

// Figure 9.1.1.1: EPD, security header type with spare half octet, message type.
constexpr std::size_t kPlainHeaderSize = 3;

// Octets 1 to 3 of a plain 5GMM message: EPD 0x7E, security header type 0, message type `type`.
// Errors in the order of precedence of TS 24.501 7.1 (7.2 first).
std::optional<CodecError> check_plain_5gmm_header(ByteView pdu, const char* message,
                                                  std::uint8_t type);

CodecError missing_ie(const char* message, const char* ie, std::size_t offset);

// A mandatory LV (`extended` false) or LV-E IE at `offset`: on success `contents` holds at most
// `max` octets (the rest is noted in `ignored`, TS 24.007 11.4.2) and `offset` moves past the
// IE. Errors: the message ends before or inside the IE, or the contents are shorter than `min`
// (`clause` names the IE's definition; TS 24.501 7.5.1 the handling).
std::optional<CodecError> read_mandatory_lv(ByteView pdu, std::size_t& offset, bool extended,
                                            std::size_t min, std::size_t max, const char* message,
                                            const char* ie, const char* clause, ByteView& contents,
                                            std::vector<IgnoredIe>& ignored);

// TS 24.501 7.7.1: a syntactically incorrect optional IE is treated as not present. (Named
// apart from nas::treat_as_not_present, which cites TS 24.301 and which ADL finds through the
// nas::FoundIe argument.)
void treat_as_not_present_5gs(std::vector<IgnoredIe>& ignored, const nas::FoundIe& ie,
                          const nas::OptionalIe& row, const std::string& why);
// TS 24.007 11.4.2: octets beyond an IE's defined length are not interpreted.
void beyond_defined_length(std::vector<IgnoredIe>& ignored, std::size_t offset, std::uint8_t iei,
                           const char* ie, std::size_t extra);

// The optional part of a message whose table is `rows`: `fields` are the rows decoded into
// struct fields; every other found row is kept raw. put_rows writes the optional part in table
// order from `values` (field rows) and `raw` (the others); it throws std::invalid_argument when
// a raw key is not a raw row of the table or a value does not fit its row.
RawIes collect_raw(std::span<const nas::OptionalIe> rows, std::span<const std::size_t> fields,
                   const std::vector<std::optional<nas::FoundIe>>& found);
void put_rows(Bytes& out, std::span<const nas::OptionalIe> rows,
              std::span<const std::size_t> fields, std::vector<std::optional<Bytes>> values,
              const RawIes& raw, const char* message);

// 9.11.3.4 contents (octets 4..). On success `used` is the number of octets the type of identity
// defines (every octet for a SUCI); octets after them are for the caller to report as beyond the
// defined length (TS 24.007 11.4.2). Contract of the decoder: contents not empty.
std::optional<std::string> decode_mobile_identity(ByteView contents, MobileIdentity& out,
                                                  std::size_t& used);
// Throws std::invalid_argument on a value outside the contracts of nas_5gs_registration.h.
Bytes encode_mobile_identity(const MobileIdentity& id);

}  // namespace secmode::spec::nas5gs
