// Value parts of the TS 24.501 9.11 IEs carried by the 5GS security mode messages. Internal to
// the codec: each decoder takes the IE contents (after IEI and length) and returns the reason the
// contents are syntactically incorrect, or nothing; each encoder returns the contents and throws
// std::invalid_argument on a value it cannot encode. IEs that TS 24.501 defines by reference to
// TS 24.301 (S1 UE security capability, EPS NAS security algorithms) use nas_eps_ies.h.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "spec/codec/nas_5gs.h"
#include "spec/codec/nas_ie.h"

namespace secmode::spec::nas5gs {

// TS 24.501 clause 7 ("Handling of unknown, unforeseen, and erroneous protocol data") as the
// codec quotes it: 7.5.1 (comprehension required), 7.6.1 (unknown IEI), 7.6.2 (out of sequence),
// 7.6.3 (repeated), 7.7.1 (syntactically incorrect optional IE), 7.5.1 (mandatory IE errors).
inline constexpr nas::ErrorClauses kTs24501Clauses{"TS 24.501 7.5.1", "TS 24.501 7.6.1",
                                                   "TS 24.501 7.6.2", "TS 24.501 7.6.3",
                                                   "TS 24.501 7.7.1", "TS 24.501 7.5.1"};

// TS 24.501 9.11.3.54: 2, 4, 6 or 8 octets; callers cut longer contents to 8 (TS 24.007 11.4.2).
std::optional<std::string> decode_ue_security_capability(ByteView contents,
                                                         UeSecurityCapability& out);
Bytes encode_ue_security_capability(const UeSecurityCapability& c);

// 5GS mobile identity (TS 24.501 9.11.3.4) of type IMEISV: 9 octets.
std::optional<std::string> decode_imeisv(ByteView contents, std::string& out);
Bytes encode_imeisv(const std::string& digits);

// 5GS mobile identity of type IMEI (8 octets), MAC address (7) or EUI-64 (9). On success `used`
// is the number of octets the type defines; octets after them are for the caller to report as
// beyond the defined length (TS 24.007 11.4.2).
std::optional<std::string> decode_non_imeisv_pei(ByteView contents, NonImeisvPei& out,
                                                 std::size_t& used);
Bytes encode_non_imeisv_pei(const NonImeisvPei& pei);

}  // namespace secmode::spec::nas5gs
