// Value parts of the TS 24.301 9.9 IEs carried by the security mode messages. Internal to the
// codec: each decoder takes the IE contents (after IEI and length) and returns the reason the
// contents are syntactically incorrect, or nothing; each encoder returns the contents.
#pragma once

#include <optional>
#include <string>

#include "spec/codec/nas_eps.h"

namespace secmode::spec::nas {

// TS 24.301 9.9.3.36: 2, 4 or 5 octets; callers cut longer contents to 5 (TS 24.007 11.4.2).
std::optional<std::string> decode_ue_security_capability(ByteView contents,
                                                         UeSecurityCapability& out);
Bytes encode_ue_security_capability(const UeSecurityCapability& c);

// TS 24.301 9.9.3.53: 4 octets.
UeAdditionalSecurityCapability decode_ue_additional_security_capability(ByteView contents);
Bytes encode_ue_additional_security_capability(const UeAdditionalSecurityCapability& c);

// Mobile identity holding an IMEISV (TS 24.301 9.9.2.3 -> TS 24.008 10.5.1.4): 9 octets.
std::optional<std::string> decode_imeisv(ByteView contents, std::string& out);
Bytes encode_imeisv(const std::string& digits);

}  // namespace secmode::spec::nas
